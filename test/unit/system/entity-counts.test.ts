import { describe, expect, it } from 'vitest';
import { entityCountDelta } from '../../../shared/system/entity-counts';

describe('entityCountDelta', () => {
  it('counts inserts and removals of domain entities', () => {
    expect(entityCountDelta('INSERT', undefined, 'product')).toEqual({ product: 1 });
    expect(entityCountDelta('REMOVE', 'order', undefined)).toEqual({ order: -1 });
  });

  it('ignores updates that keep the entity, and operational items', () => {
    expect(entityCountDelta('MODIFY', 'product', 'product')).toEqual({});
    expect(entityCountDelta('INSERT', undefined, 'system')).toEqual({});
    expect(entityCountDelta('INSERT', undefined, 'streamMarker')).toEqual({});
    // The statistics' derived items are not counted (a ledger entry writes ~100 of them).
    expect(entityCountDelta('INSERT', undefined, 'statsCell')).toEqual({});
    expect(entityCountDelta('INSERT', undefined, 'statsSellerSums')).toEqual({});
    expect(entityCountDelta('REMOVE', 'statsCell', undefined)).toEqual({});
    expect(entityCountDelta('INSERT', undefined, undefined)).toEqual({});
  });
});
