import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { revokeApiKey } from '../../shared/db/accounts';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { noContent } from '../_http/respond';

getConfig();

const Path = z.strictObject({ keyId: z.string().check(z.regex(/^[A-Za-z0-9]{12}$/)) });

/** Revokes one of the caller's keys at once; another seller's key id is "not found". */
export const handler = httpHandler({ path: Path }, async ({ path, principal, now }) => {
  const { sellerId } = requireSeller(principal);
  await revokeApiKey(path.keyId, sellerId, now);
  logger.info('api key revoked', { sellerId, keyId: path.keyId });
  return noContent();
});
