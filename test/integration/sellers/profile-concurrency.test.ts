import { describe, expect, it } from 'vitest';
import { getSeller, saveSeller } from '../../../shared/db/sellers';
import { isAppError } from '../../../shared/errors';
import { anotherSessionFor, sellerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';

/**
 * PUT /api/seller/profile is written on the version the seller read: a stale version is refused
 * with 409 and writes nothing, and of several writers on one version exactly one wins. Only
 * non-bank fields here (bank changes need the password and a review: see their own tests).
 */
const update = (headers: Record<string, string>, body: Record<string, unknown>) =>
  call('PUT /api/seller/profile', { headers, body });

describe('seller profile: optimistic concurrency', () => {
  it('applies an update on the current version and bumps it', async () => {
    const { headers, sellerId } = await sellerSession();
    const res = await update(headers, {
      version: 1,
      legalName: 'HTX Tôm khô Mới',
      phone: '0387654321',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.seller).toMatchObject({ legalName: 'HTX Tôm khô Mới', version: 2 });
    const stored = await getSeller(sellerId, true);
    expect(stored).toMatchObject({ legalName: 'HTX Tôm khô Mới', phone: '0387654321', version: 2 });
  });

  it.each([
    ['stale', 1],
    ['from the future', 7],
  ])('a %s version → 409 seller.versionConflict and nothing written', async (_name, version) => {
    const { headers, sellerId } = await sellerSession();
    const first = await update(headers, { version: 1, legalName: 'HTX Phiên bản hai' });
    expect(first.status).toBe(200);
    const before = await tableSnapshot();

    const res = await update(headers, { version, legalName: 'HTX Ghi đè' });

    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('seller.versionConflict');
    expect(res.body.error.details).toMatchObject({ currentVersion: 2 });
    expect(await tableSnapshot()).toBe(before);
    expect((await getSeller(sellerId, true))?.legalName).toBe('HTX Phiên bản hai');
  });

  it('a second session of the same seller on the old version loses', async () => {
    const a = await sellerSession();
    const other = await anotherSessionFor(a.sellerId);
    expect((await update(a.headers, { version: 1, communeCode: '32236' })).status).toBe(200);
    const res = await update(other.headers, { version: 1, communeCode: '32248' });
    expect(res.status).toBe(409);
    expect((await getSeller(a.sellerId, true))?.communeCode).toBe('32236');
  });

  it('of 8 parallel updates on one version exactly one wins, and its write is the one kept', async () => {
    const { headers, sellerId } = await sellerSession();
    const names = Array.from({ length: 8 }, (_, i) => `HTX Song song ${i + 1}`);
    const results = await Promise.all(
      names.map((legalName) => update(headers, { version: 1, legalName })),
    );

    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 200)) {
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('seller.versionConflict');
    }
    const stored = await getSeller(sellerId, true);
    expect(stored?.version).toBe(2);
    expect(stored?.legalName).toBe(winners[0]?.body.seller.legalName);
  });

  it('saveSeller itself refuses a write on any version but the stored one', async () => {
    const { sellerId } = await sellerSession();
    const current = await getSeller(sellerId, true);
    if (!current) throw new Error('no seller');
    await saveSeller({ ...current, legalName: 'HTX Hai', version: 2 }, 1);
    const before = await tableSnapshot();

    for (const expected of [1, 3]) {
      const error = await saveSeller(
        { ...current, legalName: 'HTX Cũ', version: expected + 1 },
        expected,
      ).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(isAppError(error) && error.code).toBe('seller.versionConflict');
    }
    expect(await tableSnapshot()).toBe(before);
    expect(await getSeller(sellerId, true)).toMatchObject({ legalName: 'HTX Hai', version: 2 });
  });
});
