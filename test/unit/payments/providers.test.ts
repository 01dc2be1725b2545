import { PayOS } from '@payos/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cassoSignatureHeader,
  interpretCasso,
  verifyCasso,
} from '../../../shared/payments/providers/casso';
import type { Delivery } from '../../../shared/payments/providers/common';
import { verifyDelivery } from '../../../shared/payments/providers/index';
import {
  interpretPayos,
  payosCanonical,
  payosSignature,
  verifyPayos,
} from '../../../shared/payments/providers/payos';
import {
  interpretSepay,
  sepaySignature,
  verifySepay,
} from '../../../shared/payments/providers/sepay';
import {
  cassoBody,
  PAYOS_DOC_CHECKSUM_KEY,
  PAYOS_DOC_SIGNATURE,
  PAYOS_README_SIGNATURE,
  payosDocData,
  payosPaymentData,
  sepayBody,
} from './fixtures';

const NOW = new Date('2026-12-02T10:05:09Z');
const SECRET = 'whsec-connection-a-4f2b9c8d7e6a5b4c3d2e1f00';
const OTHER = 'whsec-connection-b-0a1b2c3d4e5f60718293a4b5';
const ORDER = 'CS7K3QX9M';

const delivery = (rawBody: string, headers: Record<string, string> = {}, now = NOW): Delivery => ({
  rawBody,
  headers,
  now,
});

/** Replaces one character of the body (the first digit of the amount or any given text). */
const alterOneByte = (raw: string, from: string, to: string) => {
  const i = raw.indexOf(from);
  expect(i).toBeGreaterThanOrEqual(0);
  return raw.slice(0, i) + to + raw.slice(i + from.length);
};

const sdk = (checksumKey: string) => new PayOS({ clientId: 'client', apiKey: 'api', checksumKey });

describe('payOS', () => {
  const signedRaw = (data: Record<string, unknown>, key = SECRET) =>
    JSON.stringify({
      code: '00',
      desc: 'success',
      success: true,
      data,
      signature: payosSignature(data, key),
    });

  it('gives the documented sample its documented signature', () => {
    expect(payosSignature(payosDocData(), PAYOS_DOC_CHECKSUM_KEY)).toBe(PAYOS_DOC_SIGNATURE);
    const raw = JSON.stringify({
      code: '00',
      desc: 'success',
      success: true,
      data: payosDocData(),
      signature: PAYOS_DOC_SIGNATURE,
    });
    expect(verifyPayos(delivery(raw), PAYOS_DOC_CHECKSUM_KEY).ok).toBe(true);
  });

  it("refuses the README's printed signature for the same data", () => {
    const raw = JSON.stringify({
      code: '00',
      desc: 'success',
      success: true,
      data: payosDocData(),
      signature: PAYOS_README_SIGNATURE,
    });
    expect(verifyPayos(delivery(raw), PAYOS_DOC_CHECKSUM_KEY)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it("verifies a delivery signed by the official SDK's own signer, and the SDK accepts ours", async () => {
    const data = payosPaymentData(ORDER, 250_000);
    const sdkSignature = await sdk(SECRET).crypto.createSignatureFromObj(data, SECRET);
    const raw = JSON.stringify({
      code: '00',
      desc: 'success',
      success: true,
      data,
      signature: sdkSignature,
    });
    expect(verifyPayos(delivery(raw), SECRET).ok).toBe(true);
    await expect(sdk(SECRET).webhooks.verify(JSON.parse(signedRaw(data)))).resolves.toEqual(data);
  });

  it('signs exactly as the SDK for any flat data (nulls, booleans, "null", arrays of objects)', async () => {
    const value = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constantFrom('null', 'undefined', '', 'a=b&c=d'),
      fc.array(
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 4 }),
          fc.oneof(fc.string(), fc.integer()),
        ),
        { maxLength: 3 },
      ),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(
          fc
            .oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.nat(200).map(String))
            .filter((k) => k !== '__proto__'),
          value,
        ),
        async (data) => {
          const expected = await sdk(SECRET).crypto.createSignatureFromObj(data, SECRET);
          if (Object.keys(data).length === 0) return; // the SDK refuses nothing to sign
          expect(payosSignature(data, SECRET)).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('joins sorted keys without URL-encoding and empties nulls', () => {
    expect(payosCanonical({ b: 'x y&z', a: null, c: 1, d: [{ z: 1, a: 2 }] })).toBe(
      'a=&b=x y&z&c=1&d=[{"a":2,"z":1}]',
    );
  });

  it('refuses a bad, missing or foreign signature and a body altered by one byte', () => {
    const raw = signedRaw(payosPaymentData(ORDER, 250_000));
    expect(verifyPayos(delivery(raw), SECRET).ok).toBe(true);
    expect(verifyPayos(delivery(raw), OTHER)).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifyPayos(delivery(alterOneByte(raw, '250000', '950000')), SECRET).ok).toBe(false);
    expect(
      verifyPayos(delivery(alterOneByte(raw, ORDER, `${ORDER.slice(0, -1)}N`)), SECRET).ok,
    ).toBe(false);
    const unsigned = JSON.parse(raw) as Record<string, unknown>;
    delete unsigned.signature;
    expect(verifyPayos(delivery(JSON.stringify(unsigned)), SECRET)).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(
      verifyPayos(delivery(raw.replace(/"signature":"[0-9a-f]+"/, '"signature":"zz"')), SECRET).ok,
    ).toBe(false);
    expect(verifyPayos(delivery('{"data":'), SECRET)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyPayos(delivery(''), SECRET)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('reads a payment as one transfer and the registration test as ignored', () => {
    const body = JSON.parse(signedRaw(payosPaymentData(ORDER, 250_000)));
    expect(interpretPayos(body)).toEqual({
      kind: 'transfer',
      facts: {
        providerTransactionId: 'FT24337812345678',
        amount: 250_000,
        content: `CSZ2 ${ORDER} NGUYEN VAN A chuyen tien`,
        accountNumber: '0071001234567',
        bankReference: 'FT24337812345678',
        bankTime: '2026-12-02T10:05:09.000Z',
      },
    });
    expect(interpretPayos({ code: '00', success: true, data: payosDocData() })).toEqual({
      kind: 'ignored',
      reason: 'providerTest',
    });
    expect(
      interpretPayos({ code: '01', success: false, data: payosPaymentData(ORDER, 1) }).kind,
    ).toBe('ignored');
    expect(
      interpretPayos({ code: '00', data: { ...payosPaymentData(ORDER, 1), amount: -5 } }),
    ).toMatchObject({
      kind: 'uninterpretable',
      providerTransactionId: 'FT24337812345678',
    });
    expect(interpretPayos({ code: '00', data: 'x' }).kind).toBe('uninterpretable');
  });
});

describe('SePay', () => {
  const raw = JSON.stringify(sepayBody(ORDER, 250_000));
  const ts = String(Math.floor(NOW.getTime() / 1000));
  const hmacHeaders = (body = raw, timestamp = ts, secret = SECRET) => ({
    'x-sepay-signature': sepaySignature(body, timestamp, secret),
    'x-sepay-timestamp': timestamp,
  });

  it('accepts its API key and refuses another, a missing or a malformed header', () => {
    expect(
      verifySepay(delivery(raw, { authorization: `Apikey ${SECRET}` }), SECRET, 'apikey').ok,
    ).toBe(true);
    expect(
      verifySepay(delivery(raw, { authorization: `Apikey ${OTHER}` }), SECRET, 'apikey'),
    ).toEqual({ ok: false, reason: 'mismatch' });
    expect(
      verifySepay(delivery(raw, { authorization: `Apikey ${SECRET}x` }), SECRET, 'apikey').ok,
    ).toBe(false);
    expect(
      verifySepay(
        delivery(raw, { authorization: `Apikey ${SECRET.slice(0, -1)}` }),
        SECRET,
        'apikey',
      ).ok,
    ).toBe(false);
    expect(verifySepay(delivery(raw), SECRET, 'apikey')).toEqual({ ok: false, reason: 'missing' });
    expect(
      verifySepay(delivery(raw, { authorization: `Bearer ${SECRET}` }), SECRET, 'apikey'),
    ).toEqual({ ok: false, reason: 'malformed' });
    // An HMAC-signed delivery does not pass where the connection expects the API key.
    expect(verifySepay(delivery(raw, hmacHeaders()), SECRET, 'apikey').ok).toBe(false);
  });

  it('accepts its HMAC on the raw body and refuses bad, stale, missing and altered ones', () => {
    expect(verifySepay(delivery(raw, hmacHeaders()), SECRET, 'hmac').ok).toBe(true);
    expect(verifySepay(delivery(raw, hmacHeaders(raw, ts, OTHER)), SECRET, 'hmac')).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(
      verifySepay(delivery(alterOneByte(raw, '250000', '250001'), hmacHeaders()), SECRET, 'hmac')
        .ok,
    ).toBe(false);
    const stale = String(Number(ts) - 301);
    expect(verifySepay(delivery(raw, hmacHeaders(raw, stale)), SECRET, 'hmac')).toEqual({
      ok: false,
      reason: 'stale',
    });
    const future = String(Number(ts) + 301);
    expect(verifySepay(delivery(raw, hmacHeaders(raw, future)), SECRET, 'hmac')).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(
      verifySepay(delivery(raw, hmacHeaders(raw, String(Number(ts) - 299))), SECRET, 'hmac').ok,
    ).toBe(true);
    // The signature covers the timestamp: moving it forward breaks the signature.
    expect(
      verifySepay(
        delivery(raw, { ...hmacHeaders(raw, stale), 'x-sepay-timestamp': ts }),
        SECRET,
        'hmac',
      ),
    ).toEqual({ ok: false, reason: 'mismatch' });
    expect(verifySepay(delivery(raw, { 'x-sepay-timestamp': ts }), SECRET, 'hmac')).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(
      verifySepay(
        delivery(raw, { ...hmacHeaders(), 'x-sepay-signature': 'md5=abc' }),
        SECRET,
        'hmac',
      ),
    ).toEqual({ ok: false, reason: 'malformed' });
    expect(
      verifySepay(delivery(raw, { authorization: `Apikey ${SECRET}` }), SECRET, 'hmac').ok,
    ).toBe(false);
  });

  it('refuses the same content re-serialised (the HMAC covers the bytes received)', () => {
    const pretty = JSON.stringify(JSON.parse(raw), null, 2);
    expect(JSON.parse(pretty)).toEqual(JSON.parse(raw));
    expect(verifySepay(delivery(pretty, hmacHeaders()), SECRET, 'hmac')).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(JSON.parse(raw)).reverse()));
    expect(verifySepay(delivery(reordered, hmacHeaders()), SECRET, 'hmac').ok).toBe(false);
  });

  it('reads money in, with its code hint, and leaves money out and junk apart', () => {
    expect(interpretSepay({ ...sepayBody(ORDER, 250_000), code: ORDER })).toEqual({
      kind: 'transfer',
      facts: {
        providerTransactionId: '92704',
        amount: 250_000,
        content: `MBVCB.3278907687.${ORDER}.CT tu 0912345678 NGUYEN VAN A toi 0071001234567`,
        codeHint: ORDER,
        accountNumber: '0071001234567',
        bankReference: 'MBVCB.3278907687',
        bankTime: '2026-12-02T10:05:09.000Z',
      },
    });
    expect(interpretSepay({ ...sepayBody(ORDER, 250_000), transferType: 'out' })).toMatchObject({
      kind: 'ignored',
      reason: 'outgoing',
    });
    expect(interpretSepay({ ...sepayBody(ORDER, 0) })).toMatchObject({
      kind: 'uninterpretable',
      providerTransactionId: '92704',
    });
    expect(interpretSepay({ ...sepayBody(ORDER, 1), transferAmount: 12.5 }).kind).toBe(
      'uninterpretable',
    );
    expect(interpretSepay({ ...sepayBody(ORDER, 1), id: undefined }).kind).toBe('uninterpretable');
    expect(interpretSepay([1, 2]).kind).toBe('uninterpretable');
  });
});

describe('Casso v2', () => {
  const body = cassoBody(ORDER, 250_000);
  const raw = JSON.stringify(body);
  const headers = (t = NOW.getTime(), secret = SECRET, signed: unknown = body) => ({
    'x-casso-signature': cassoSignatureHeader(signed, t, secret),
  });

  it('accepts its signature and refuses bad, stale, missing, foreign and altered ones', () => {
    expect(verifyCasso(delivery(raw, headers()), SECRET).ok).toBe(true);
    expect(verifyCasso(delivery(raw, headers(NOW.getTime(), OTHER)), SECRET)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
    expect(verifyCasso(delivery(raw, headers(NOW.getTime() - 300_001)), SECRET)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyCasso(delivery(raw, headers(NOW.getTime() + 300_001)), SECRET)).toEqual({
      ok: false,
      reason: 'stale',
    });
    expect(verifyCasso(delivery(raw, headers(NOW.getTime() - 299_000)), SECRET).ok).toBe(true);
    expect(verifyCasso(delivery(raw), SECRET)).toEqual({ ok: false, reason: 'missing' });
    expect(verifyCasso(delivery(raw, { 'x-casso-signature': 'v1=abc' }), SECRET)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyCasso(delivery(alterOneByte(raw, '250000', '250009'), headers()), SECRET).ok).toBe(
      false,
    );
    expect(
      verifyCasso(delivery(alterOneByte(raw, ORDER, ORDER.toLowerCase()), headers()), SECRET).ok,
    ).toBe(false);
    expect(verifyCasso(delivery('{"error":0,', headers()), SECRET)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    // The timestamp is signed: replacing it with a fresh one breaks the signature.
    const old = headers(NOW.getTime() - 600_000)['x-casso-signature'].replace(
      /^t=\d+/,
      `t=${NOW.getTime()}`,
    );
    expect(verifyCasso(delivery(raw, { 'x-casso-signature': old }), SECRET)).toEqual({
      ok: false,
      reason: 'mismatch',
    });
  });

  it('signs the content with keys sorted at every depth (key order and spacing do not matter)', () => {
    const reordered = JSON.stringify(
      { data: Object.fromEntries(Object.entries(body.data).reverse()), error: 0 },
      null,
      1,
    );
    expect(verifyCasso(delivery(reordered, headers()), SECRET).ok).toBe(true);
  });

  it('reads a transaction and leaves money out apart', () => {
    expect(interpretCasso(body)).toEqual({
      kind: 'transfer',
      facts: {
        providerTransactionId: '3175472',
        amount: 250_000,
        content: `${ORDER} Thanh toan don hang`,
        accountNumber: '0071001234567',
        bankReference: 'FT24337998877665',
        bankTime: '2026-12-02T10:05:09.000Z',
      },
    });
    expect(interpretCasso({ error: 0, data: { ...body.data, amount: -50_000 } })).toMatchObject({
      kind: 'ignored',
      reason: 'outgoing',
    });
    expect(interpretCasso({ error: 0, data: [body.data] }).kind).toBe('uninterpretable');
    expect(interpretCasso({ error: 0, data: { ...body.data, amount: '1e5' } }).kind).toBe(
      'uninterpretable',
    );
  });
});

describe('verifyDelivery', () => {
  it("uses the connection's own scheme: one provider's proof does not pass another's", () => {
    const raw = JSON.stringify(cassoBody(ORDER, 1000));
    const casso = {
      'x-casso-signature': cassoSignatureHeader(JSON.parse(raw), NOW.getTime(), SECRET),
    };
    expect(verifyDelivery(delivery(raw, casso), { provider: 'casso', secret: SECRET }).ok).toBe(
      true,
    );
    expect(
      verifyDelivery(delivery(raw, casso), { provider: 'sepay', secret: SECRET, sepayAuth: 'hmac' })
        .ok,
    ).toBe(false);
    expect(verifyDelivery(delivery(raw, casso), { provider: 'payos', secret: SECRET }).ok).toBe(
      false,
    );
    expect(
      verifyDelivery(delivery(raw, { authorization: `Apikey ${SECRET}` }), {
        provider: 'sepay',
        secret: SECRET,
      }).ok,
    ).toBe(true);
  });
});
