import type { Interpretation } from '../transfer';
import {
  type Delivery,
  hmacHex,
  isRecord,
  MAX_CLOCK_SKEW_MS,
  parseJson,
  sameHex,
  sameSecret,
  text,
  type Verification,
  vietnamTime,
  wholeVnd,
} from './common';

/** How a SePay webhook proves itself: the API key header, or an HMAC over timestamp and body. */
export const SEPAY_AUTH = ['apikey', 'hmac'] as const;
export type SepayAuth = (typeof SEPAY_AUTH)[number];

/** `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<raw body>`. */
export const sepaySignature = (rawBody: string, timestamp: string, secret: string) =>
  `sha256=${hmacHex('sha256', secret, `${timestamp}.${rawBody}`)}`;

/**
 * Verifies a SePay delivery. `apikey`: `Authorization: Apikey <secret>`. `hmac`:
 * `X-SePay-Signature: sha256=<hex>` over `<X-SePay-Timestamp>.<raw body>`, the timestamp (Unix
 * seconds) within 5 minutes of now. The body is parsed only after the check passed.
 */
export function verifySepay(delivery: Delivery, secret: string, auth: SepayAuth): Verification {
  if (auth === 'apikey') {
    const header = delivery.headers.authorization;
    if (!header) return { ok: false, reason: 'missing' };
    const m = /^Apikey\s+(\S+)\s*$/i.exec(header);
    if (!m) return { ok: false, reason: 'malformed' };
    if (!sameSecret(secret, m[1] as string)) return { ok: false, reason: 'mismatch' };
  } else {
    const signature = delivery.headers['x-sepay-signature'];
    const timestamp = delivery.headers['x-sepay-timestamp'];
    if (!signature || !timestamp) return { ok: false, reason: 'missing' };
    if (!/^\d{1,12}$/.test(timestamp) || !signature.startsWith('sha256='))
      return { ok: false, reason: 'malformed' };
    const expected = sepaySignature(delivery.rawBody, timestamp, secret).slice('sha256='.length);
    if (!sameHex(expected, signature.slice('sha256='.length)))
      return { ok: false, reason: 'mismatch' };
    // Checked after the signature, so a forger cannot learn our clock from the answers.
    if (Math.abs(delivery.now.getTime() - Number(timestamp) * 1000) > MAX_CLOCK_SKEW_MS)
      return { ok: false, reason: 'stale' };
  }
  const body = parseJson(delivery.rawBody);
  return body === undefined ? { ok: false, reason: 'malformed' } : { ok: true, body };
}

/**
 * A verified SePay body as a transfer: `id` is the dedupe key, only `transferType: "in"`
 * counts, `code` may already hold the payment code and `content` is the transfer text.
 */
export function interpretSepay(body: unknown): Interpretation {
  if (!isRecord(body)) return { kind: 'uninterpretable', reason: 'not an object' };
  const id = text(body.id).trim();
  if (!id) return { kind: 'uninterpretable', reason: 'no id' };
  if (body.transferType === 'out')
    return { kind: 'ignored', reason: 'outgoing', facts: { providerTransactionId: id } };
  if (body.transferType !== 'in')
    return { kind: 'uninterpretable', reason: 'unknown transferType', providerTransactionId: id };
  const amount = wholeVnd(body.transferAmount);
  if (amount === undefined)
    return { kind: 'uninterpretable', reason: 'no positive amount', providerTransactionId: id };
  const account = text(body.accountNumber).trim();
  const code = text(body.code).trim();
  const reference = text(body.referenceCode).trim();
  const bankTime = vietnamTime(body.transactionDate);
  return {
    kind: 'transfer',
    facts: {
      providerTransactionId: id,
      amount,
      content: text(body.content),
      ...(code ? { codeHint: code } : {}),
      ...(account ? { accountNumber: account } : {}),
      ...(reference ? { bankReference: reference } : {}),
      ...(bankTime ? { bankTime } : {}),
    },
  };
}
