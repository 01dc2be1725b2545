import * as z from 'zod/mini';
import { isCommuneCode, province } from '../../shared/geo/communes';
import { parsePeriod } from '../../shared/stats/cells';

/**
 * What a statistics query selects, shared by GET /api/stats/indicators and GET /api/stats/export:
 * the query fields and the checks across them (a known area, a real date).
 */
export const SELECTION_FIELDS = {
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
};

export const knownArea = z.refine<{ area: string }>(
  (q) =>
    q.area === `P${province.code}` || (q.area.startsWith('C') && isCommuneCode(q.area.slice(1))),
  { message: 'Unknown area', path: ['area'] },
);

export const realPeriod = z.refine<{ period: string }>((q) => parsePeriod(q.period) !== undefined, {
  message: 'No such date',
  path: ['period'],
});
