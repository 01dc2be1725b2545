import { describe, expect, it } from 'vitest';
import {
  CreateConnectionSchema,
  connectionView,
  type PaymentConnection,
} from '../../../shared/payments/connection';
import { interpretCasso, sortDeep, verifyCasso } from '../../../shared/payments/providers/casso';
import {
  isRecord,
  parseJson,
  sameHex,
  sameSecret,
  text,
  vietnamTime,
  wholeVnd,
} from '../../../shared/payments/providers/common';
import { interpretDelivery, verifyDelivery } from '../../../shared/payments/providers/index';
import {
  interpretPayos,
  payosCanonical,
  verifyPayos,
} from '../../../shared/payments/providers/payos';
import { interpretSepay, verifySepay } from '../../../shared/payments/providers/sepay';
import { openSecret, sealSecret, secretAad } from '../../../shared/payments/secret-box';
import { buildDelivery } from '../../../shared/payments/simulate';

/** Edge cases of the shared helpers, the normalisation and the simulator, each output exact. */
const SECRET = 'edge-secret-0123456789abcdef';
const AT = new Date('2026-12-02T03:04:05.000Z'); // 10:04:05 in Vietnam
const TRANSFER = {
  transactionId: '987654',
  amount: 125_000,
  content: 'MBVCB.1.CS7K3QX9Y.CT tu A',
  accountNumber: '7800205123456',
  at: AT,
};

describe('common helpers', () => {
  it('sameHex: case-insensitive digests of equal, non-zero length only', () => {
    expect(sameHex('abcd', 'ABCD')).toBe(true);
    expect(sameHex('abcd', 'abce')).toBe(false);
    expect(sameHex('abcd', 'abcdab')).toBe(false);
    expect(sameHex('', '')).toBe(false);
    expect(sameHex('abcd', 'xabcd')).toBe(false);
    expect(sameHex('abcd', 'abcdx')).toBe(false);
    expect(sameHex('abcd', 'ab cd')).toBe(false);
  });

  it('sameSecret: equal texts only, never an empty one', () => {
    expect(sameSecret('k1', 'k1')).toBe(true);
    expect(sameSecret('k1', 'k2')).toBe(false);
    expect(sameSecret('', '')).toBe(false);
  });

  it('wholeVnd: positive safe integers, or their digits (trimmed), else undefined', () => {
    expect(wholeVnd(125_000)).toBe(125_000);
    expect(wholeVnd('125000')).toBe(125_000);
    expect(wholeVnd(' 125000 ')).toBe(125_000);
    for (const bad of [0, -5, 1.5, '0', '1,5', 'x1', '1x', '1234567890123456', '', null, {}])
      expect(wholeVnd(bad)).toBeUndefined();
    expect(wholeVnd('123456789012345')).toBe(123_456_789_012_345);
  });

  it('text, parseJson, isRecord', () => {
    expect(text('a b')).toBe('a b');
    expect(text(42)).toBe('42');
    expect(text(null)).toBe('');
    expect(text({})).toBe('');
    expect(parseJson('{"a":1}')).toEqual({ a: 1 });
    expect(parseJson('{')).toBeUndefined();
    expect(isRecord({})).toBe(true);
    expect(isRecord([])).toBe(false);
    expect(isRecord(null)).toBe(false);
  });

  it('vietnamTime: UTC+7 wall time to an instant; seconds optional; nothing else', () => {
    expect(vietnamTime('2026-12-02 10:04:05')).toBe('2026-12-02T03:04:05.000Z');
    expect(vietnamTime('2026-12-02T10:04')).toBe('2026-12-02T03:04:00.000Z');
    expect(vietnamTime(' 2026-12-02 10:04:05 ')).toBe('2026-12-02T03:04:05.000Z');
    for (const bad of [
      'x2026-12-02 10:04:05',
      '2026-12-02 10:04:05x',
      '2026-12-02 10:04:5',
      '2026-12-02',
      20261202,
      undefined,
    ])
      expect(vietnamTime(bad)).toBeUndefined();
  });
});

describe('normalisation, exactly', () => {
  it('payOS: fields trimmed and mapped; the registration test and failures ignored', () => {
    const data = {
      orderCode: 5,
      amount: 125_000,
      description: ' CS7K3QX9Y ',
      accountNumber: ' 7800205123456 ',
      reference: ' FT26336 ',
      transactionDateTime: '2026-12-02 10:04:05',
      currency: 'VND',
    };
    expect(interpretPayos({ code: '00', success: true, data })).toEqual({
      kind: 'transfer',
      facts: {
        providerTransactionId: 'FT26336',
        amount: 125_000,
        content: ' CS7K3QX9Y ',
        bankReference: 'FT26336',
        accountNumber: '7800205123456',
        bankTime: '2026-12-02T03:04:05.000Z',
      },
    });
    const { currency: _c, accountNumber: _a, transactionDateTime: _t, ...bare } = data;
    expect(interpretPayos({ code: '00', success: true, data: bare })).toEqual({
      kind: 'transfer',
      facts: {
        providerTransactionId: 'FT26336',
        amount: 125_000,
        content: ' CS7K3QX9Y ',
        bankReference: 'FT26336',
      },
    });
    expect(
      interpretPayos({ code: '00', data: { ...data, orderCode: 123, description: 'VQRIO123' } }),
    ).toEqual({ kind: 'ignored', reason: 'providerTest' });
    expect(interpretPayos({ code: '00', data: { ...data, orderCode: 123 } }).kind).toBe('transfer');
    expect(interpretPayos({ code: '00', data: { ...data, description: 'VQRIO123' } }).kind).toBe(
      'transfer',
    );
    expect(interpretPayos({ code: '01', data })).toEqual({
      kind: 'ignored',
      reason: 'notSuccessful',
      facts: { providerTransactionId: 'FT26336' },
    });
    expect(
      interpretPayos({ code: '00', success: false, data: { ...data, reference: '' } }),
    ).toEqual({ kind: 'ignored', reason: 'notSuccessful' });
    expect(interpretPayos({ code: '00', data: { ...data, reference: ' ' } })).toEqual({
      kind: 'uninterpretable',
      reason: 'no reference',
    });
    expect(interpretPayos({ code: '00', data: { ...data, amount: 0 } })).toEqual({
      kind: 'uninterpretable',
      reason: 'no positive amount',
      providerTransactionId: 'FT26336',
    });
    expect(interpretPayos({ code: '00', data: { ...data, currency: 'USD' } })).toEqual({
      kind: 'uninterpretable',
      reason: 'not VND',
      providerTransactionId: 'FT26336',
    });
    expect(interpretPayos({ code: '00', data: [] })).toEqual({
      kind: 'uninterpretable',
      reason: 'no data object',
    });
    expect(interpretPayos([])).toEqual({ kind: 'uninterpretable', reason: 'no data object' });
  });

  it('SePay: fields trimmed and mapped; out ignored; unknown kept for review', () => {
    const body = {
      id: ' 92704 ',
      transferType: 'in',
      transferAmount: 125_000,
      content: ' tu A ',
      code: ' CS7K3QX9Y ',
      accountNumber: ' 7800205123456 ',
      referenceCode: ' MBVCB.1 ',
      transactionDate: '2026-12-02 10:04:05',
    };
    expect(interpretSepay(body)).toEqual({
      kind: 'transfer',
      facts: {
        providerTransactionId: '92704',
        amount: 125_000,
        content: ' tu A ',
        codeHint: 'CS7K3QX9Y',
        accountNumber: '7800205123456',
        bankReference: 'MBVCB.1',
        bankTime: '2026-12-02T03:04:05.000Z',
      },
    });
    expect(
      interpretSepay({ id: 7, transferType: 'in', transferAmount: '5000', content: 'x' }),
    ).toEqual({
      kind: 'transfer',
      facts: { providerTransactionId: '7', amount: 5000, content: 'x' },
    });
    expect(interpretSepay({ ...body, transferType: 'out' })).toEqual({
      kind: 'ignored',
      reason: 'outgoing',
      facts: { providerTransactionId: '92704' },
    });
    expect(interpretSepay({ ...body, transferType: 'IN' })).toEqual({
      kind: 'uninterpretable',
      reason: 'unknown transferType',
      providerTransactionId: '92704',
    });
    expect(interpretSepay({ ...body, transferAmount: -1 })).toEqual({
      kind: 'uninterpretable',
      reason: 'no positive amount',
      providerTransactionId: '92704',
    });
    expect(interpretSepay({ ...body, id: ' ' })).toEqual({
      kind: 'uninterpretable',
      reason: 'no id',
    });
    expect(interpretSepay('x')).toEqual({ kind: 'uninterpretable', reason: 'not an object' });
  });

  it('Casso: fields trimmed and mapped; negative amounts ignored', () => {
    const data = {
      id: ' 501 ',
      amount: 125_000,
      description: ' CS7K3QX9Y ',
      accountNumber: ' 7800205123456 ',
      reference: ' FT1 ',
      transactionDateTime: '2026-12-02 10:04:05',
    };
    expect(interpretCasso({ error: 0, data })).toEqual({
      kind: 'transfer',
      facts: {
        providerTransactionId: '501',
        amount: 125_000,
        content: ' CS7K3QX9Y ',
        accountNumber: '7800205123456',
        bankReference: 'FT1',
        bankTime: '2026-12-02T03:04:05.000Z',
      },
    });
    expect(interpretCasso({ data: { id: 9, amount: 10, description: 'x' } })).toEqual({
      kind: 'transfer',
      facts: { providerTransactionId: '9', amount: 10, content: 'x' },
    });
    expect(interpretCasso({ data: { ...data, amount: -125_000 } })).toEqual({
      kind: 'ignored',
      reason: 'outgoing',
      facts: { providerTransactionId: '501' },
    });
    expect(interpretCasso({ data: { ...data, amount: 0 } })).toEqual({
      kind: 'uninterpretable',
      reason: 'no positive amount',
      providerTransactionId: '501',
    });
    expect(interpretCasso({ data: { ...data, id: '' } })).toEqual({
      kind: 'uninterpretable',
      reason: 'no id',
    });
    expect(interpretCasso({ data: 'x' })).toEqual({
      kind: 'uninterpretable',
      reason: 'no data object',
    });
    expect(interpretCasso(null)).toEqual({ kind: 'uninterpretable', reason: 'no data object' });
  });
});

describe('headers, exactly', () => {
  it('SePay API key: the scheme word in any case, one token, trailing spaces allowed', () => {
    const raw = '{"id":1}';
    const at = (authorization?: string) =>
      verifySepay({ rawBody: raw, headers: { authorization }, now: AT }, SECRET, 'apikey');
    expect(at(`Apikey ${SECRET}`)).toEqual({ ok: true, body: { id: 1 } });
    expect(at(`APIKEY   ${SECRET}  `).ok).toBe(true);
    expect(at(`Apikey${SECRET}`)).toEqual({ ok: false, reason: 'malformed' });
    expect(at(`x Apikey ${SECRET}`)).toEqual({ ok: false, reason: 'malformed' });
    expect(at(`Apikey ${SECRET} extra`)).toEqual({ ok: false, reason: 'malformed' });
    expect(at(`Apikey ${SECRET}x`)).toEqual({ ok: false, reason: 'mismatch' });
    expect(at(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(
      verifySepay(
        { rawBody: 'not json', headers: { authorization: `Apikey ${SECRET}` }, now: AT },
        SECRET,
        'apikey',
      ),
    ).toEqual({ ok: false, reason: 'malformed' });
  });

  it('SePay HMAC and Casso: exactly 5 minutes of skew is accepted, a millisecond more is not', () => {
    const sepay = buildDelivery('sepay', { secret: SECRET, sepayAuth: 'hmac' }, TRANSFER);
    const ts = Number(sepay.headers['x-sepay-timestamp']) * 1000;
    const s = (now: number) => verifySepay({ ...sepay, now: new Date(now) }, SECRET, 'hmac').ok;
    expect(s(ts + 300_000)).toBe(true);
    expect(s(ts - 300_000)).toBe(true);
    expect(s(ts + 300_001)).toBe(false);
    const bad = (headers: Record<string, string>) =>
      verifySepay({ rawBody: sepay.rawBody, headers, now: AT }, SECRET, 'hmac');
    expect(bad({ ...sepay.headers, 'x-sepay-timestamp': `x${ts / 1000}` })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(bad({ ...sepay.headers, 'x-sepay-timestamp': `${ts / 1000}x` })).toEqual({
      ok: false,
      reason: 'malformed',
    });

    const casso = buildDelivery('casso', { secret: SECRET }, TRANSFER);
    const header = casso.headers['x-casso-signature'] as string;
    const t = Number(/t=(\d+)/.exec(header)?.[1]);
    const c = (now: number, h = header) =>
      verifyCasso(
        { rawBody: casso.rawBody, headers: { 'x-casso-signature': h }, now: new Date(now) },
        SECRET,
      );
    expect(c(t + 300_000).ok).toBe(true);
    expect(c(t + 300_001)).toEqual({ ok: false, reason: 'stale' });
    // Spaces around the parts are allowed; a part without a name, or a bad t, is malformed.
    expect(c(t, header.replace(',', ' , ')).ok).toBe(true);
    expect(c(t, `=1,${header}`).ok).toBe(true);
    expect(c(t, header.replace(/t=\d+/, `t=x${t}`))).toEqual({ ok: false, reason: 'malformed' });
    expect(c(t, header.replace(/t=\d+/, `t=${t}x`))).toEqual({ ok: false, reason: 'malformed' });
    expect(c(t, header.replace(/v1=[0-9a-f]+/, 'v1='))).toEqual({ ok: false, reason: 'malformed' });
    expect(c(t, header.replace(/t=\d+,?/, ''))).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('the simulator builds what each receiver accepts and reads back the same transfer', () => {
  for (const [provider, sepayAuth] of [
    ['payos', undefined],
    ['sepay', 'hmac'],
    ['sepay', 'apikey'],
    ['casso', undefined],
  ] as const) {
    it(`${provider}${sepayAuth ? ` (${sepayAuth})` : ''}`, () => {
      const connection = { secret: SECRET, ...(sepayAuth ? { sepayAuth } : {}) };
      const delivery = buildDelivery(provider, connection, TRANSFER);
      expect(delivery.headers['content-type']).toBe('application/json');
      const verified = verifyDelivery(
        { rawBody: delivery.rawBody, headers: delivery.headers, now: AT },
        { provider, ...connection },
      );
      expect(verified.ok).toBe(true);
      if (!verified.ok) return;
      const meaning = interpretDelivery(provider, verified.body);
      expect(meaning).toMatchObject({
        kind: 'transfer',
        facts: {
          providerTransactionId: TRANSFER.transactionId,
          amount: TRANSFER.amount,
          accountNumber: TRANSFER.accountNumber,
          bankTime: AT.toISOString(),
        },
      });
      if (meaning.kind === 'transfer')
        expect(`${meaning.facts.codeHint ?? ''} ${meaning.facts.content}`).toContain('CS7K3QX9Y');
      // Another secret does not verify.
      expect(
        verifyDelivery(
          { rawBody: delivery.rawBody, headers: delivery.headers, now: AT },
          { provider, ...connection, secret: `${SECRET}x` },
        ).ok,
      ).toBe(false);
    });
  }
});

describe('connections', () => {
  const base: PaymentConnection = {
    id: 'abcdefghijklmnopqrstuvwx',
    sellerId: 's1',
    provider: 'sepay',
    sealed: { v: 1, iv: '', tag: '', data: '' } as never,
    secretLast4: 'WXYZ',
    createdAt: '2026-12-02T03:00:00.000Z',
  } as PaymentConnection;

  it('shows the webhook, never the secret; SePay says its mode (API key by default)', () => {
    expect(connectionView(base, 'https://cho.so')).toEqual({
      id: base.id,
      provider: 'sepay',
      sepayAuth: 'apikey',
      webhookPath: `/api/webhooks/sepay/${base.id}`,
      webhookUrl: `https://cho.so/api/webhooks/sepay/${base.id}`,
      secretLast4: 'WXYZ',
      createdAt: base.createdAt,
      status: 'active',
    });
    const off = connectionView(
      { ...base, provider: 'casso', disabledAt: '2026-12-03T00:00:00.000Z' },
      '',
    );
    expect(off).toEqual({
      id: base.id,
      provider: 'casso',
      webhookPath: `/api/webhooks/casso/${base.id}`,
      webhookUrl: `/api/webhooks/casso/${base.id}`,
      secretLast4: 'WXYZ',
      createdAt: base.createdAt,
      status: 'disabled',
      disabledAt: '2026-12-03T00:00:00.000Z',
    });
    expect(connectionView({ ...base, sepayAuth: 'hmac' }, '').sepayAuth).toBe('hmac');
  });

  it('the create schema: 16–256 printable characters, sepayAuth for SePay only', () => {
    const ok = (v: unknown) => CreateConnectionSchema.safeParse(v).success;
    expect(ok({ provider: 'payos', secret: 'a'.repeat(16) })).toBe(true);
    expect(ok({ provider: 'payos', secret: 'a'.repeat(15) })).toBe(false);
    expect(ok({ provider: 'payos', secret: 'a'.repeat(256) })).toBe(true);
    expect(ok({ provider: 'payos', secret: 'a'.repeat(257) })).toBe(false);
    expect(ok({ provider: 'payos', secret: `${'a'.repeat(16)} b` })).toBe(false);
    expect(ok({ provider: 'sepay', secret: 'a'.repeat(16), sepayAuth: 'hmac' })).toBe(true);
    const wrong = CreateConnectionSchema.safeParse({
      provider: 'casso',
      secret: 'a'.repeat(16),
      sepayAuth: 'hmac',
    });
    expect(wrong.success).toBe(false);
    expect(wrong.error?.issues[0]).toMatchObject({
      path: ['sepayAuth'],
      message: 'sepayAuth is for SePay connections only',
    });
    expect(ok({ provider: 'stripe', secret: 'a'.repeat(16) })).toBe(false);
  });
});

describe('more exact edges (mutation survivors)', () => {
  it('payOS canonical text: keys sorted, undefined dropped, null and the words null/undefined empty', () => {
    expect(payosCanonical({ b: 1, a: 'x', c: undefined, d: null, e: 'null', f: 'undefined' })).toBe(
      'a=x&b=1&d=&e=&f=',
    );
    expect(payosCanonical({ list: [{ z: 1, a: 2 }] })).toBe('list=[{"a":2,"z":1}]');
    // Array elements as the SDK treats them: null and undefined kept, anything else keyed.
    expect(payosCanonical({ l: [null, undefined, 'ab'] })).toBe('l=[null,null,{"0":"a","1":"b"}]');
  });

  it('payOS: an empty signature is missing, a data that is not an object is malformed', () => {
    const at = (body: unknown) =>
      verifyPayos({ rawBody: JSON.stringify(body), headers: {}, now: AT }, SECRET);
    expect(at({ data: { a: 1 }, signature: '' })).toEqual({ ok: false, reason: 'missing' });
    expect(at({ data: 'x', signature: 'ab' })).toEqual({ ok: false, reason: 'malformed' });
    expect(at({ data: [], signature: 'ab' })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('Casso: a later part without "=" does not replace t; a string negative amount is not "money out"', () => {
    const casso = buildDelivery('casso', { secret: SECRET }, TRANSFER);
    const header = casso.headers['x-casso-signature'] as string;
    const t = Number(/t=(\d+)/.exec(header)?.[1]);
    const c = (h: string) =>
      verifyCasso(
        { rawBody: casso.rawBody, headers: { 'x-casso-signature': h }, now: new Date(t) },
        SECRET,
      );
    expect(c(`${header},tx`).ok).toBe(true);
    expect(c(`${header},v1x`).ok).toBe(true);
    expect(interpretCasso({ data: { id: 1, amount: '-5' } })).toEqual({
      kind: 'uninterpretable',
      reason: 'no positive amount',
      providerTransactionId: '1',
    });
    // Keys sorted at every depth, inside arrays too.
    expect(JSON.stringify(sortDeep({ b: [{ y: 1, x: { d: 1, c: 2 } }], a: 1 }))).toBe(
      '{"a":1,"b":[{"x":{"c":2,"d":1},"y":1}]}',
    );
  });

  it('sealed secrets: bound to connection and seller by an exact text; an unknown version never opens', () => {
    expect(secretAad('c1', 's1')).toBe('payment-connection:c1:seller:s1');
    const key = { kid: 'k1', key: Buffer.alloc(32, 7) };
    const iv = new Uint8Array(12).fill(1);
    const sealed = sealSecret('the-secret', key, secretAad('c1', 's1'), iv);
    expect(openSecret(sealed, [key], secretAad('c1', 's1'))).toBe('the-secret');
    expect(openSecret({ ...sealed, v: 2 } as never, [key], secretAad('c1', 's1'))).toBeUndefined();
    expect(openSecret(sealed, [key], secretAad('c2', 's1'))).toBeUndefined();
    expect(() => sealSecret('x', key, 'a', new Uint8Array(11))).toThrow(
      'AES-GCM takes a 12-byte IV',
    );
  });
});
