import type { Interpretation } from '../transfer';
import {
  type Delivery,
  hmacHex,
  isRecord,
  parseJson,
  sameHex,
  text,
  type Verification,
  vietnamTime,
  wholeVnd,
} from './common';

/**
 * payOS webhooks: body `{code, desc, success, data, signature}`; `signature` is the hex
 * HMAC-SHA256, keyed with the checksum key, of `data`'s keys sorted ascending and joined as
 * `key=value&…` (values not URL-encoded). Mirrors the official @payos/node signer
 * (`createSignatureFromObj`) detail for detail, the test oracle: null, and the strings "null" and
 * "undefined", become empty; an array becomes its JSON with each element's keys sorted; a nested
 * object becomes `[object Object]`, so nothing inside one is covered by the signature and this
 * module never reads from one.
 */
export function payosCanonical(data: Record<string, unknown>): string {
  // Sorted into an object and read back, as the SDK does: integer-like keys ("2", "10") then come
  // first in numeric order, as JavaScript orders them. A null-prototype object keeps a
  // `__proto__` key as data (the SDK would lose it; payOS sends no such key).
  const sorted: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(data).sort()) sorted[key] = data[key];
  return Object.keys(sorted)
    .filter((key) => sorted[key] !== undefined)
    .map((key) => {
      let value = sorted[key];
      if (Array.isArray(value)) value = JSON.stringify(value.map(sortKeysShallow));
      if (value === null || value === 'null' || value === 'undefined') value = '';
      return `${key}=${String(value)}`;
    })
    .join('&');
}

function sortKeysShallow(value: unknown): unknown {
  // The SDK applies Object.keys to every element: a string element becomes {0:'a',1:'b',…}.
  if (value === null || value === undefined) return value;
  const source = Object(value) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort()) out[key] = source[key];
  return out;
}

/** The signature payOS puts beside `data`. */
export const payosSignature = (data: Record<string, unknown>, checksumKey: string) =>
  hmacHex('sha256', checksumKey, payosCanonical(data));

/** Verifies a payOS delivery on its raw body; the parsed body only when the signature holds. */
export function verifyPayos(delivery: Delivery, checksumKey: string): Verification {
  const body = parseJson(delivery.rawBody);
  if (!isRecord(body)) return { ok: false, reason: 'malformed' };
  const { data, signature } = body;
  if (typeof signature !== 'string' || signature.length === 0)
    return { ok: false, reason: 'missing' };
  if (!isRecord(data)) return { ok: false, reason: 'malformed' };
  return sameHex(payosSignature(data, checksumKey), signature)
    ? { ok: true, body }
    : { ok: false, reason: 'mismatch' };
}

/** The delivery payOS sends when a webhook URL is registered (its documented sample). */
const isProviderTest = (data: Record<string, unknown>) =>
  data.orderCode === 123 && data.description === 'VQRIO123';

/**
 * A verified payOS body as a transfer. The bank's `reference` is the transaction id (one bank
 * transaction, one reference); `description` carries the transfer text; `accountNumber` the
 * receiving account.
 */
export function interpretPayos(body: unknown): Interpretation {
  if (!isRecord(body) || !isRecord(body.data))
    return { kind: 'uninterpretable', reason: 'no data object' };
  const data = body.data;
  if (isProviderTest(data)) return { kind: 'ignored', reason: 'providerTest' };
  const reference = text(data.reference).trim();
  if (text(body.code) !== '00' || body.success === false)
    return {
      kind: 'ignored',
      reason: 'notSuccessful',
      ...(reference ? { facts: { providerTransactionId: reference } } : {}),
    };
  const amount = wholeVnd(data.amount);
  if (!reference) return { kind: 'uninterpretable', reason: 'no reference' };
  if (amount === undefined)
    return {
      kind: 'uninterpretable',
      reason: 'no positive amount',
      providerTransactionId: reference,
    };
  if (data.currency !== undefined && data.currency !== 'VND')
    return { kind: 'uninterpretable', reason: 'not VND', providerTransactionId: reference };
  const account = text(data.accountNumber).trim();
  const bankTime = vietnamTime(data.transactionDateTime);
  return {
    kind: 'transfer',
    facts: {
      providerTransactionId: reference,
      amount,
      content: text(data.description),
      bankReference: reference,
      ...(account ? { accountNumber: account } : {}),
      ...(bankTime ? { bankTime } : {}),
    },
  };
}
