import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { auditPuts } from '../../shared/db/audit';
import { currentInputs, listInputVersions, putInputVersions } from '../../shared/db/inputs';
import { AppError } from '../../shared/errors';
import { isCommuneCode } from '../../shared/geo/communes';
import { parseTmblCsv, Source } from '../../shared/stats/inputs';
import { auditActor, requireSession } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { created } from '../_http/respond';

getConfig();

/** DynamoDB transactions hold 100 items: the rows plus the audit event's. */
const MAX_ROWS = 90;

const Body = z.strictObject({
  year: z.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
  source: Source,
  /** `commune_code,total,goods`, one line per commune, whole VND (90 lines fit easily). */
  csv: z.string().check(z.maxLength(20_000)),
});

/**
 * A whole year of TMBL (total and goods) by commune from CSV: every line is checked first and
 * nothing is written when any is bad (each problem named by line); otherwise one transaction adds
 * a version per commune (a correction of the current one where it exists) and the audit event.
 */
export const handler = httpHandler(
  { body: Body, maxBodyBytes: 64_000 },
  async ({ body, principal, now, event }) => {
    const session = requireSession(principal);
    if (body.source.type !== 'estimate' && !body.source.reference)
      throw new AppError('statsInput.invalid', 'A document or URL source needs its reference');
    const { rows, problems } = parseTmblCsv(body.csv, isCommuneCode);
    if (rows.length > MAX_ROWS)
      problems.push({ line: 0, message: `At most ${MAX_ROWS} communes per file` });
    if (problems.length) throw new AppError('statsInput.invalidCsv', 'Invalid CSV', { problems });
    const current = currentInputs(await listInputVersions('tmbl', body.year));
    const period = `Y${body.year}`;
    const written = await putInputVersions(
      rows.map((r) => {
        const key = `${period}|C${r.communeCode}`;
        return {
          input: {
            kind: 'tmbl' as const,
            year: body.year,
            key,
            value: { total: r.total, goods: r.goods },
            source: body.source,
            enteredBy: session.accountId,
            enteredAt: now.toISOString(),
          },
          expectedVersion: current.get(key)?.version ?? 0,
        };
      }),
      auditPuts(
        auditEvent({
          id: randomUUID(),
          at: now.toISOString(),
          action: 'statsInput.tmblUploaded',
          actor: auditActor(principal, event),
          target: { kind: 'setting', id: `statsInput:tmbl:${period}` },
          details: { rows: rows.length, sourceType: body.source.type },
        }),
      ),
    );
    return created({ year: body.year, written: written.length, inputs: written });
  },
);
