import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { isCommuneCode, province } from '../../shared/geo/communes';
import { parsePeriod } from '../../shared/stats/cells';
import { indicatorsFor } from '../../shared/stats/query';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Query = z
  .strictObject({
    /** D2026-05-14, M2026-05, Q2026-2 or Y2026. */
    period: z
      .string()
      .check(
        z.regex(
          /^(D\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])|M\d{4}-(0[1-9]|1[0-2])|Q\d{4}-[1-4]|Y\d{4})$/,
        ),
      ),
    /** `P<province>` (default) or `C<commune code>`. */
    area: z._default(z.string().check(z.regex(/^(P\d{2}|C\d{5})$/)), `P${province.code}`),
    /** `*` (all, default) or a 2-digit VSIC division. */
    sector: z._default(z.string().check(z.regex(/^(\*|\d{2})$/)), '*'),
  })
  .check(
    z.refine(
      (q) =>
        q.area === `P${province.code}` ||
        (q.area.startsWith('C') && isCommuneCode(q.area.slice(1))),
      { message: 'Unknown area', path: ['area'] },
    ),
    z.refine((q) => parsePeriod(q.period) !== undefined, {
      message: 'No such date',
      path: ['period'],
    }),
  );

/**
 * The indicators of one period, area and sector (officers): each with its formula, the inputs it
 * used and the inputs it misses, progress to target, and the monthly series of the year.
 */
export const handler = httpHandler({ query: Query }, async ({ query }) =>
  ok(await indicatorsFor(query, province.code)),
);
