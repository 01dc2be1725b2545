import { getConfig } from '../../shared/config';
import { listApiKeys } from '../../shared/db/accounts';
import { requireSeller } from '../_http/auth';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

/** The seller's keys, newest first; never the secrets (only their hashes are stored). */
export const handler = httpHandler({}, async ({ principal }) => {
  const { sellerId } = requireSeller(principal);
  const keys = await listApiKeys(sellerId);
  return ok({
    items: keys.map(({ keyId, name, createdAt, revokedAt }) => ({
      keyId,
      name,
      createdAt,
      ...(revokedAt ? { revokedAt } : {}),
    })),
  });
});
