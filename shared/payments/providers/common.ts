import { createHmac, timingSafeEqual } from 'node:crypto';

/** The notification services a payment connection can use; `manual` is a seller's own entry. */
export const PROVIDERS = ['payos', 'sepay', 'casso'] as const;
export type Provider = (typeof PROVIDERS)[number];
export type TransferSource = Provider | 'manual';

/** SePay and Casso sign a timestamp: deliveries older or newer than this are refused (replays). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** What a receiver knows of one delivery before trusting anything in it. */
export interface Delivery {
  /** The body exactly as received (UTF-8 text), never a re-serialisation. */
  rawBody: string;
  /** Request headers, names in lower case (API Gateway v2 lower-cases them). */
  headers: Readonly<Record<string, string | undefined>>;
  now: Date;
}

export type VerifyFailure = 'missing' | 'malformed' | 'mismatch' | 'stale';
/** A verified delivery carries its parsed body; a refused one only why (for the log). */
export type Verification = { ok: true; body: unknown } | { ok: false; reason: VerifyFailure };

/** Equal-length hex digests compared without an early exit (length is not a secret). */
export function sameHex(expectedHex: string, givenHex: string): boolean {
  const given = givenHex.toLowerCase();
  if (!/^[0-9a-f]*$/.test(given)) return false;
  const a = Buffer.from(expectedHex, 'hex');
  const b = Buffer.from(given, 'hex');
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/** Secrets compared in constant time whatever their lengths (both hashed to 32 bytes first). */
export function sameSecret(expected: string, given: string): boolean {
  const a = createHmac('sha256', 'cho-so:compare').update(expected, 'utf8').digest();
  const b = createHmac('sha256', 'cho-so:compare').update(given, 'utf8').digest();
  return timingSafeEqual(a, b) && expected.length > 0;
}

export const hmacHex = (algorithm: 'sha256' | 'sha512', key: string, text: string) =>
  createHmac(algorithm, key).update(text, 'utf8').digest('hex');

/** JSON.parse that answers undefined instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A whole, positive VND amount from a number or a digit string; undefined otherwise. */
export function wholeVnd(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** Text fields: strings as they are, numbers as digits, anything else as empty. */
export const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

/**
 * Bank time as the providers write it, `YYYY-MM-DD HH:mm:ss` in Vietnam time (UTC+7, no DST),
 * to an ISO instant; undefined when it is not that shape.
 */
export function vietnamTime(value: unknown): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text(value).trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const ms = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h) - 7,
    Number(mi),
    Number(s ?? 0),
  );
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}
