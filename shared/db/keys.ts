/**
 * Key layouts of the single table (see infra/tables.ts for the indexes). Pure builders only;
 * nothing outside shared/db sees pk/sk.
 *
 * Access patterns:
 * - SYSTEM#<name> / SYSTEM          operational records (heartbeats, counters)
 * - STREAMREC#<eventId> / STREAMREC exactly-once markers of folded stream records
 */
export const systemKey = (name: string) => ({ pk: `SYSTEM#${name}`, sk: 'SYSTEM' });

export const streamMarkerKey = (eventId: string) => ({
  pk: `STREAMREC#${eventId}`,
  sk: 'STREAMREC',
});

/** SELLER#<id> / PROFILE; byStatus: SELLERS#<status> / <createdAt>#<id> (approval queue). */
export const sellerKey = (id: string) => ({ pk: `SELLER#${id}`, sk: 'PROFILE' });
export const sellerStatusIndex = (status: string, createdAt: string, id: string) => ({
  gsi2pk: `SELLERS#${status}`,
  gsi2sk: `${createdAt}#${id}`,
});

/** PRODUCT#<id> / PRODUCT; byOwner: SELLER#<sellerId> / PRODUCT#<createdAt>#<id>. */
export const productKey = (id: string) => ({ pk: `PRODUCT#${id}`, sk: 'PRODUCT' });
export const productOwnerIndex = (sellerId: string, createdAt: string, id: string) => ({
  gsi1pk: `SELLER#${sellerId}`,
  gsi1sk: `PRODUCT#${createdAt}#${id}`,
});

// ---- accounts -------------------------------------------------------------------------------
/** ACCOUNT#<id> / ACCOUNT; byStatus: ACCOUNTS#<role> / <createdAt>#<id>. */
export const accountKey = (id: string) => ({ pk: `ACCOUNT#${id}`, sk: 'ACCOUNT' });
export const accountRoleIndex = (role: string, createdAt: string, id: string) => ({
  gsi2pk: `ACCOUNTS#${role}`,
  gsi2sk: `${createdAt}#${id}`,
});
/** LOGIN#email:<address> or LOGIN#phone:<0xxxxxxxxx> / LOGIN: unique logins. */
export const loginKey = (login: string) => ({ pk: `LOGIN#${login}`, sk: 'LOGIN' });
/** TAXCODE#<code> / TAXCODE: one seller per tax code. */
export const taxCodeKey = (taxCode: string) => ({ pk: `TAXCODE#${taxCode}`, sk: 'TAXCODE' });
/** SESSION#<id> / SESSION; byOwner: ACCOUNT#<accountId> / SESSION#<createdAt>#<id>. */
export const sessionKey = (id: string) => ({ pk: `SESSION#${id}`, sk: 'SESSION' });
export const sessionOwnerIndex = (accountId: string, createdAt: string, id: string) => ({
  gsi1pk: `ACCOUNT#${accountId}`,
  gsi1sk: `SESSION#${createdAt}#${id}`,
});
/** THROTTLE#<what> / THROTTLE: failed sign-in counters. */
export const throttleKey = (what: string) => ({ pk: `THROTTLE#${what}`, sk: 'THROTTLE' });
/** APIKEY#<keyId> / APIKEY; byOwner: SELLER#<sellerId> / APIKEY#<createdAt>#<keyId>. */
export const apiKeyKey = (keyId: string) => ({ pk: `APIKEY#${keyId}`, sk: 'APIKEY' });
export const apiKeyOwnerIndex = (sellerId: string, createdAt: string, keyId: string) => ({
  gsi1pk: `SELLER#${sellerId}`,
  gsi1sk: `APIKEY#${createdAt}#${keyId}`,
});
/** SELLER#<sellerId> / ACCOUNT#<accountId>: the accounts acting for a seller (mail goes to them). */
export const sellerAccountKey = (sellerId: string, accountId: string) => ({
  pk: `SELLER#${sellerId}`,
  sk: `ACCOUNT#${accountId}`,
});

// ---- account recovery (shared/db/recovery.ts) -------------------------------------------------
/**
 * PWRESET#<sha256 of the token> / PWRESET; byOwner: ACCOUNT#<accountId> / PWRESET#<at>#<hash>.
 * Only the hash is stored: a leaked table gives no working link.
 */
export const passwordResetKey = (tokenHash: string) => ({
  pk: `PWRESET#${tokenHash}`,
  sk: 'PWRESET',
});
export const passwordResetOwnerIndex = (
  accountId: string,
  createdAt: string,
  tokenHash: string,
) => ({
  gsi1pk: `ACCOUNT#${accountId}`,
  gsi1sk: `PWRESET#${createdAt}#${tokenHash}`,
});
/** ONETIMEPW#<accountId> / ONETIMEPW: the one officer-issued one-time password of an account. */
export const oneTimePasswordKey = (accountId: string) => ({
  pk: `ONETIMEPW#${accountId}`,
  sk: 'ONETIMEPW',
});
/** MAILSENT#<what> / MAILSENT: a notification already sent (at most once per change). */
export const mailSentKey = (what: string) => ({ pk: `MAILSENT#${what}`, sk: 'MAILSENT' });

// ---- catalog (owned by shared/db/products.ts) ------------------------------------------------
/**
 * Storefront feed, byStatus: LISTING#<shard> / <changedAt>#<productId>. Every product is on it
 * (listed or not, with `sellerListed` and `listingSeq` beside), ordered by its last change, so a
 * process can load the catalog once and then read only what changed since (shared/db/products.ts).
 * Sharded by product id so a cold load reads the shards in parallel and writes spread out.
 */
export const LISTING_SHARDS = 4;
export function listingShardOf(productId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < productId.length; i++) {
    h ^= productId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % LISTING_SHARDS;
}
export const listingPartition = (shard: number) => `LISTING#${shard}`;
export const productListingIndex = (productId: string, changedAt: string) => ({
  gsi2pk: listingPartition(listingShardOf(productId)),
  gsi2sk: `${changedAt}#${productId}`,
});
