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
