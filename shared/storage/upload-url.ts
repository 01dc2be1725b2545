import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed upload URLs for the local host, the stand-in for S3 pre-signed PUTs. The signature covers
 * the key, the content type, the exact length and the expiry, with a key derived from the signing
 * secret for this purpose only (a session token can never pass as an upload signature). Pure:
 * time and secret come in.
 */
export const IMAGE_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type ImageContentType = (typeof IMAGE_CONTENT_TYPES)[number];

export const EXTENSION_OF: Record<ImageContentType, 'jpg' | 'png' | 'webp'> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/**
 * `img/<sellerId>/<uuid>.<ext>`: the seller in the key makes ownership checkable from the key
 * alone (shared/catalog/product.ts IMAGE_KEY); nothing in it comes from the client but the type.
 */
export const IMAGE_KEY_PATTERN =
  /^img\/[A-Za-z0-9-]{1,64}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:-w480)?\.(jpg|png|webp)$/;

/**
 * Width of the small copy of a product picture (`<key>-w480.<ext>`, beside the main one of at most
 * 1600 px): what a storefront card on a phone needs. The seller's browser makes and uploads it;
 * pages name it in `srcset` and fall back to the main picture when an image has none.
 */
export const SMALL_IMAGE_WIDTH = 480;

/** The small copy's key of a main image key; undefined for a key that is not a main image key. */
export function smallImageKeyOf(key: string): string | undefined {
  if (!IMAGE_KEY_PATTERN.test(key) || /-w480\.[a-z]+$/.test(key)) return undefined;
  return key.replace(/\.(jpg|png|webp)$/, '-w480.$1');
}

export function imageKeyFor(sellerId: string, id: string, contentType: ImageContentType): string {
  const key = `img/${sellerId}/${id}.${EXTENSION_OF[contentType]}`;
  if (!IMAGE_KEY_PATTERN.test(key)) throw new Error(`Cannot make an image key for ${sellerId}`);
  return key;
}

export interface UploadClaims {
  key: string;
  contentType: ImageContentType;
  contentLength: number;
  /** Unix seconds. */
  expiresAt: number;
}

const PURPOSE = 'cho-so/image-upload/v1';

function sign(claims: UploadClaims, secret: string): string {
  const key = createHmac('sha256', secret).update(PURPOSE).digest();
  const canonical = [
    'PUT',
    claims.key,
    claims.contentType,
    claims.contentLength,
    claims.expiresAt,
  ].join('\n');
  return createHmac('sha256', key).update(canonical).digest('base64url');
}

/** The query string of a signed upload URL: `ct`, `len`, `exp`, `sig`. */
export function signUploadQuery(claims: UploadClaims, secret: string): string {
  const params = new URLSearchParams({
    ct: claims.contentType,
    len: String(claims.contentLength),
    exp: String(claims.expiresAt),
    sig: sign(claims, secret),
  });
  return params.toString();
}

export type UploadCheck =
  | { ok: true; claims: UploadClaims }
  | { ok: false; reason: 'malformed' | 'badSignature' | 'expired' };

/** Checks a signed upload URL's key and query at `nowSeconds`. */
export function verifyUploadQuery(
  key: string,
  query: URLSearchParams,
  secret: string,
  nowSeconds: number,
): UploadCheck {
  const ct = query.get('ct');
  const len = query.get('len') ?? '';
  const exp = query.get('exp') ?? '';
  const sig = query.get('sig') ?? '';
  if (
    !IMAGE_KEY_PATTERN.test(key) ||
    !IMAGE_CONTENT_TYPES.includes(ct as ImageContentType) ||
    !/^[1-9]\d{0,9}$/.test(len) ||
    !/^\d{1,12}$/.test(exp) ||
    !/^[A-Za-z0-9_-]{43}$/.test(sig)
  ) {
    return { ok: false, reason: 'malformed' };
  }
  const claims: UploadClaims = {
    key,
    contentType: ct as ImageContentType,
    contentLength: Number(len),
    expiresAt: Number(exp),
  };
  const expected = Buffer.from(sign(claims, secret));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'badSignature' };
  }
  if (nowSeconds >= claims.expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, claims };
}
