import { describe, expect, it } from 'vitest';
import { accountsOf, auditEvent, sellersOf } from '../../../shared/audit/audit';

const base = {
  id: 'e1',
  at: '2026-12-02T10:00:00.000Z',
  action: 'seller.suspend',
  actor: { kind: 'account' as const, accountId: 'ac-officer', role: 'officer' as const },
  target: { kind: 'seller' as const, id: 'sl-1', sellerId: 'sl-1', accountId: 'ac-seller' },
};

describe('audit events', () => {
  it('default to success and keep what they are given', () => {
    expect(auditEvent({ ...base, details: { reason: 'Vi phạm' } })).toEqual({
      ...base,
      outcome: 'success',
      details: { reason: 'Vi phạm' },
    });
  });

  it.each([
    [{ password: 'x' }],
    [{ currentPassword: 'x' }],
    [{ passwordHash: 'x' }],
    [{ token: 'x' }],
    [{ sessionToken: 'x' }],
    [{ secret: 'x' }],
    [{ apiKey: 'x' }],
    [{ key: 'x' }],
    [{ cookie: 'x' }],
    [{ nested: { password: 'x' } }],
    [{ value: 'v1.eyJzaWQiOiJ4In0.abc' }],
    [{ value: 'cs_ABCDEFGHIJKL_secretsecret' }],
    [{ value: 'scrypt$32768$8$1$salt$hash' }],
    [{ value: 'x'.repeat(501) }],
  ])('refuse details that look like secrets: %j', (details) => {
    expect(() => auditEvent({ ...base, details })).toThrow();
  });

  it('refuse malformed action names', () => {
    for (const action of ['suspend', 'Seller.suspend', 'seller.', 'seller.sus pend', 'a.b.c'])
      expect(() => auditEvent({ ...base, action })).toThrow(/action/);
  });

  it('name the accounts and sellers an event concerns, once each', () => {
    const event = auditEvent(base);
    expect(accountsOf(event).sort()).toEqual(['ac-officer', 'ac-seller']);
    expect(sellersOf(event)).toEqual(['sl-1']);
    const self = auditEvent({
      ...base,
      action: 'auth.signIn',
      actor: { kind: 'account', accountId: 'ac-1', role: 'seller', sellerId: 'sl-9' },
      target: { kind: 'account', id: 'ac-1', sellerId: 'sl-9' },
    });
    expect(accountsOf(self)).toEqual(['ac-1']);
    expect(sellersOf(self)).toEqual(['sl-9']);
    expect(
      accountsOf(auditEvent({ ...base, actor: { kind: 'public' }, target: undefined })),
    ).toEqual([]);
  });

  it('name the offending field, nested ones with their path', () => {
    expect(() => auditEvent({ ...base, details: { outer: { password: 'x' } } })).toThrow(
      'field outer.password',
    );
    expect(() => auditEvent({ ...base, details: { note: 'v1.abc.def' } })).toThrow(
      'Audit detail note looks like a secret',
    );
    expect(() => auditEvent({ ...base, details: { outer: { note: 'x'.repeat(501) } } })).toThrow(
      'outer.note',
    );
  });

  it('take ordinary details: a 500-character text, numbers, booleans, null', () => {
    const details = { reason: 'x'.repeat(500), count: 1000, ok: true, none: null };
    expect(auditEvent({ ...base, details }).details).toEqual(details);
  });

  it('find accounts and sellers in every place they can be', () => {
    const onAccount = auditEvent({
      ...base,
      actor: { kind: 'public' },
      target: { kind: 'account', id: 'ac-target' },
    });
    expect(accountsOf(onAccount)).toEqual(['ac-target']);
    expect(sellersOf(onAccount)).toEqual([]);
    const onSeller = auditEvent({
      ...base,
      actor: { kind: 'system', name: 'job' },
      target: { kind: 'seller', id: 'sl-only-id' },
    });
    expect(sellersOf(onSeller)).toEqual(['sl-only-id']);
    expect(accountsOf(onSeller)).toEqual([]);
    const byKey = auditEvent({
      ...base,
      actor: { kind: 'apiKey', keyId: 'k1', sellerId: 'sl-key' },
      target: undefined,
    });
    expect(sellersOf(byKey)).toEqual(['sl-key']);
    expect(
      sellersOf(auditEvent({ ...base, actor: { kind: 'public' }, target: undefined })),
    ).toEqual([]);
  });
});
