import { describe, expect, it } from 'vitest';
import { MAX_ACTIVE_CONNECTIONS } from '../../../shared/payments/connection';
import { sellerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';
import { tableSnapshot } from '../../helpers/local-dynamo';

const SECRET = 'a1b2c3d4e5f60718293a4b5c6d7e8f90-secret-WXYZ';
const create = (headers: Record<string, string>, body: unknown) =>
  call('POST /api/seller/payment-connections', { headers, body });

describe('payment connections', () => {
  it('creates one per provider, answers the webhook URL, and never shows the secret again', async () => {
    const s = await sellerSession();
    const made = [];
    for (const body of [
      { provider: 'payos', secret: SECRET },
      { provider: 'sepay', secret: SECRET, sepayAuth: 'hmac' },
      { provider: 'sepay', secret: SECRET },
      { provider: 'casso', secret: SECRET },
    ]) {
      const res = await create(s.headers, body);
      expect(res.status).toBe(201);
      expect(res.body.webhookUrl).toBe(
        `https://abc123.execute-api.ap-southeast-1.amazonaws.com/api/webhooks/${body.provider}/${res.body.id}`,
      );
      expect(res.body.webhookPath).toBe(`/api/webhooks/${body.provider}/${res.body.id}`);
      expect(res.body.secretLast4).toBe('WXYZ');
      expect(JSON.stringify(res.body)).not.toContain(SECRET.slice(0, 20));
      made.push(res.body);
    }
    expect(made[1].sepayAuth).toBe('hmac');
    expect(made[2].sepayAuth).toBe('apikey');
    const list = await call('GET /api/seller/payment-connections', { headers: s.headers });
    expect(list.status).toBe(200);
    expect(list.body.items.map((c: { id: string }) => c.id).sort()).toEqual(
      made.map((c) => c.id).sort(),
    );
    expect(JSON.stringify(list.body)).not.toContain(SECRET.slice(0, 20));
    expect(list.body.items.every((c: { status: string }) => c.status === 'active')).toBe(true);
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const s = await sellerSession();
    const before = await tableSnapshot();
    for (const body of [
      { provider: 'momo', secret: SECRET },
      { provider: 'casso', secret: 'short' },
      { provider: 'casso', secret: `${SECRET} with spaces` },
      { provider: 'casso', secret: 'x'.repeat(257) },
      { provider: 'payos', secret: SECRET, sepayAuth: 'hmac' },
      { provider: 'sepay', secret: SECRET, sepayAuth: 'basic' },
      { provider: 'casso', secret: SECRET, sellerId: 'someone-else' },
      { provider: 'casso' },
    ]) {
      const res = await create(s.headers, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('request.invalid');
      expect(JSON.stringify(res.body)).not.toContain(SECRET.slice(0, 20));
    }
    expect(await tableSnapshot()).toBe(before);
  });

  it('a suspended seller may list but not add or disable connections', async () => {
    const s = await sellerSession();
    const made = await create(s.headers, { provider: 'casso', secret: SECRET });
    const suspended = await sellerSession({ status: 'suspended' });
    const before = await tableSnapshot();
    const add = await create(suspended.headers, { provider: 'casso', secret: SECRET });
    expect(add.status).toBe(403);
    expect(add.body.error.code).toBe('seller.suspended');
    const list = await call('GET /api/seller/payment-connections', { headers: suspended.headers });
    expect(list.status).toBe(200);
    expect(await tableSnapshot()).toBe(before);
    expect(made.status).toBe(201);
  });

  it("disables its own connection (repeatable); another seller's is not found", async () => {
    const a = await sellerSession();
    const b = await sellerSession();
    const conn = await create(a.headers, { provider: 'payos', secret: SECRET });
    const path = { connectionId: conn.body.id };
    const byB = await call('DELETE /api/seller/payment-connections/{connectionId}', {
      headers: b.headers,
      path,
    });
    expect(byB.status).toBe(404);
    expect(byB.body.error.code).toBe('paymentConnection.notFound');
    const first = await call('DELETE /api/seller/payment-connections/{connectionId}', {
      headers: a.headers,
      path,
    });
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('disabled');
    const again = await call('DELETE /api/seller/payment-connections/{connectionId}', {
      headers: a.headers,
      path,
    });
    expect(again.status).toBe(200);
    expect(again.body.disabledAt).toBe(first.body.disabledAt);
  });

  it(`allows at most ${MAX_ACTIVE_CONNECTIONS} active connections; disabling one frees a place`, async () => {
    const s = await sellerSession();
    const ids: string[] = [];
    for (let i = 0; i < MAX_ACTIVE_CONNECTIONS; i++) {
      const res = await create(s.headers, { provider: 'casso', secret: SECRET });
      expect(res.status).toBe(201);
      ids.push(res.body.id);
    }
    const before = await tableSnapshot();
    const more = await create(s.headers, { provider: 'casso', secret: SECRET });
    expect(more.status).toBe(409);
    expect(more.body.error.code).toBe('paymentConnection.limitReached');
    expect(await tableSnapshot()).toBe(before);
    await call('DELETE /api/seller/payment-connections/{connectionId}', {
      headers: s.headers,
      path: { connectionId: ids[0] as string },
    });
    expect((await create(s.headers, { provider: 'casso', secret: SECRET })).status).toBe(201);
  });

  it(`parallel creations never pass the limit of ${MAX_ACTIVE_CONNECTIONS}, nor parallel disables and creations drift the count`, async () => {
    const s = await sellerSession();
    const results = await Promise.all(
      Array.from({ length: 16 }, () => create(s.headers, { provider: 'sepay', secret: SECRET })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(MAX_ACTIVE_CONNECTIONS);
    expect(results.filter((r) => r.status === 409).map((r) => r.body.error.code)).toEqual(
      Array(16 - MAX_ACTIVE_CONNECTIONS).fill('paymentConnection.limitReached'),
    );
    const listed = async () =>
      (await call('GET /api/seller/payment-connections', { headers: s.headers })).body.items.filter(
        (c: { status: string }) => c.status === 'active',
      );
    expect(await listed()).toHaveLength(MAX_ACTIVE_CONNECTIONS);

    // Two disables (each twice, in parallel) and eight creations at once: two places free up.
    const ids = results.filter((r) => r.status === 201).map((r) => r.body.id as string);
    const disable = (id: string) =>
      call('DELETE /api/seller/payment-connections/{connectionId}', {
        headers: s.headers,
        path: { connectionId: id },
      });
    await Promise.all([
      disable(ids[0] as string),
      disable(ids[0] as string),
      disable(ids[1] as string),
      disable(ids[1] as string),
    ]);
    const again = await Promise.all(
      Array.from({ length: 8 }, () => create(s.headers, { provider: 'casso', secret: SECRET })),
    );
    expect(again.filter((r) => r.status === 201)).toHaveLength(2);
    expect(await listed()).toHaveLength(MAX_ACTIVE_CONNECTIONS);
  });
});
