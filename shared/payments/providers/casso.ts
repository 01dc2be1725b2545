import type { Interpretation } from '../transfer';
import {
  type Delivery,
  hmacHex,
  isRecord,
  MAX_CLOCK_SKEW_MS,
  parseJson,
  sameHex,
  text,
  type Verification,
  vietnamTime,
  wholeVnd,
} from './common';

/** Keys sorted at every depth (arrays keep their order, their objects are sorted too). */
export function sortDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortDeep);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortDeep(value[key]);
    return out;
  }
  return value;
}

/** v1 = hex HMAC-SHA512 over `<t>.<the body as JSON with keys sorted at every depth>`. */
export const cassoV1 = (body: unknown, t: string, secret: string) =>
  hmacHex('sha512', secret, `${t}.${JSON.stringify(sortDeep(body))}`);

/** The header a Casso v2 delivery carries: `t=<ms>,v1=<hex>`. */
export const cassoSignatureHeader = (body: unknown, t: number, secret: string) =>
  `t=${t},v1=${cassoV1(body, String(t), secret)}`;

/**
 * Verifies a Casso v2 delivery: `X-Casso-Signature: t=<ms>,v1=<hex>`, t within 5 minutes of now.
 * The signed text is a canonical JSON of the body, so the raw body must parse first (and a
 * re-serialised body with the same content verifies: Casso signs the content, not the bytes).
 */
export function verifyCasso(delivery: Delivery, secret: string): Verification {
  const header = delivery.headers['x-casso-signature'];
  if (!header) return { ok: false, reason: 'missing' };
  const parts = new Map<string, string>();
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) parts.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (!t || !v1 || !/^\d{1,15}$/.test(t)) return { ok: false, reason: 'malformed' };
  const body = parseJson(delivery.rawBody);
  if (body === undefined) return { ok: false, reason: 'malformed' };
  if (!sameHex(cassoV1(body, t, secret), v1)) return { ok: false, reason: 'mismatch' };
  if (Math.abs(delivery.now.getTime() - Number(t)) > MAX_CLOCK_SKEW_MS)
    return { ok: false, reason: 'stale' };
  return { ok: true, body };
}

/**
 * A verified Casso v2 body (`{error, data}`, data one transaction) as a transfer: `data.id` is
 * the dedupe key, `data.description` the transfer text, a negative amount is money out.
 */
export function interpretCasso(body: unknown): Interpretation {
  if (!isRecord(body) || !isRecord(body.data))
    return { kind: 'uninterpretable', reason: 'no data object' };
  const data = body.data;
  const id = text(data.id).trim();
  if (!id) return { kind: 'uninterpretable', reason: 'no id' };
  if (typeof data.amount === 'number' && data.amount < 0)
    return { kind: 'ignored', reason: 'outgoing', facts: { providerTransactionId: id } };
  const amount = wholeVnd(data.amount);
  if (amount === undefined)
    return { kind: 'uninterpretable', reason: 'no positive amount', providerTransactionId: id };
  const account = text(data.accountNumber).trim();
  const reference = text(data.reference).trim();
  const bankTime = vietnamTime(data.transactionDateTime);
  return {
    kind: 'transfer',
    facts: {
      providerTransactionId: id,
      amount,
      content: text(data.description),
      ...(account ? { accountNumber: account } : {}),
      ...(reference ? { bankReference: reference } : {}),
      ...(bankTime ? { bankTime } : {}),
    },
  };
}
