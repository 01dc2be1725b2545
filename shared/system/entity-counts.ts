/**
 * How one table change moves the per-entity item counts shown by /api/health. Pure.
 * Only domain entities count: operational items (`system`, `streamMarker`) never do, so the
 * counter's own writes cannot feed back into it; nor do the statistics' derived items
 * (`statsCell`, `statsSellerSums`): a ledger entry writes up to ~100 of them, and counting each
 * would cost a transaction per item (minutes of stream work after the demo history's 16 500).
 * `npm run stats:rebuild` accounts for those.
 */
export type ChangeKind = 'INSERT' | 'MODIFY' | 'REMOVE';

const UNCOUNTED = new Set(['system', 'streamMarker', 'statsCell', 'statsSellerSums']);

export function entityCountDelta(
  kind: ChangeKind,
  oldEntity: string | undefined,
  newEntity: string | undefined,
): Record<string, number> {
  const delta: Record<string, number> = {};
  const add = (entity: string | undefined, by: number) => {
    if (!entity || UNCOUNTED.has(entity)) return;
    delta[entity] = (delta[entity] ?? 0) + by;
  };
  if (kind === 'INSERT') add(newEntity, 1);
  if (kind === 'REMOVE') add(oldEntity, -1);
  if (kind === 'MODIFY' && oldEntity !== newEntity) {
    add(oldEntity, -1);
    add(newEntity, 1);
  }
  for (const [k, v] of Object.entries(delta)) if (v === 0) delete delta[k];
  return delta;
}
