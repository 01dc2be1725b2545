import { randomUUID } from 'node:crypto';
import * as z from 'zod/mini';
import { auditEvent } from '../../shared/audit/audit';
import { getConfig } from '../../shared/config';
import { auditPuts } from '../../shared/db/audit';
import { putInputVersions } from '../../shared/db/inputs';
import { AppError } from '../../shared/errors';
import { InputBody, identityOf, inputProblem, Source } from '../../shared/stats/inputs';
import { auditActor, requireSession } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { created } from '../_http/respond';

getConfig();

const Body = z.strictObject({
  input: InputBody,
  source: Source,
  /** The version being corrected; 0 for a first entry. */
  expectedVersion: z.number().check(z.int(), z.minimum(0), z.maximum(999_999)),
});

/**
 * An officer enters or corrects one input: a new version with its source, who and when; the old
 * versions stay. Recorded in the audit trail in the same transaction.
 */
export const handler = httpHandler({ body: Body }, async ({ body, principal, now, event }) => {
  const session = requireSession(principal);
  const problem = inputProblem(body.input);
  if (problem) throw new AppError('statsInput.invalid', problem);
  if (body.source.type !== 'estimate' && !body.source.reference)
    throw new AppError('statsInput.invalid', 'A document or URL source needs its reference');
  if (body.source.type === 'url' && !/^https?:\/\/\S+$/.test(body.source.reference ?? ''))
    throw new AppError('statsInput.invalid', 'A URL source must be an http(s) address');
  const id = identityOf(body.input);
  const { kind: _k, ...dims } = body.input;
  const [version] = await putInputVersions(
    [
      {
        input: {
          ...id,
          value: body.input.value as Record<string, number>,
          source: body.source,
          enteredBy: session.accountId,
          enteredAt: now.toISOString(),
        },
        expectedVersion: body.expectedVersion,
      },
    ],
    auditPuts(
      auditEvent({
        id: randomUUID(),
        at: now.toISOString(),
        action: body.expectedVersion === 0 ? 'statsInput.entered' : 'statsInput.corrected',
        actor: auditActor(principal, event),
        target: { kind: 'setting', id: `statsInput:${id.kind}:${id.key}` },
        details: {
          version: body.expectedVersion + 1,
          sourceType: body.source.type,
          value: JSON.stringify(dims.value).slice(0, 400),
        },
      }),
    ),
  );
  return created({ input: version });
});
