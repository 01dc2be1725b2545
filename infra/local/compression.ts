import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * Response compression and validators for the local host, so a page on a slow phone network costs
 * what it costs behind CloudFront (which compresses with gzip and brotli and answers 304s).
 * Text only (HTML, CSS, JS, JSON, SVG, CSV); images are already compressed.
 */
export type Encoding = 'br' | 'gzip' | 'identity';

/** Below this many bytes the headers cost more than the saving (CloudFront's floor is 1,000). */
export const MIN_COMPRESS_BYTES = 1000;

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json)|image\/svg\+xml)/i;

export function isCompressible(contentType: string | undefined): boolean {
  return contentType !== undefined && COMPRESSIBLE.test(contentType);
}

/**
 * The encoding to answer with, from an Accept-Encoding header: brotli when accepted, else gzip,
 * else none. A `q=0` refuses that coding; anything unparsable counts as not accepted.
 */
export function chooseEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const p of params) {
      const [k, v] = p.trim().split('=');
      if (k === 'q') q = Number(v);
    }
    accepted.set(name, Number.isFinite(q) ? q : 0);
  }
  const weight = (name: string) => accepted.get(name) ?? accepted.get('*') ?? 0;
  const br = weight('br');
  const gzip = weight('gzip');
  if (br > 0 && br >= gzip) return 'br';
  if (gzip > 0) return 'gzip';
  return 'identity';
}

export function compress(body: Buffer, encoding: Encoding): Buffer {
  if (encoding === 'br')
    return brotliCompressSync(body, {
      params: {
        // Quality 5: most of brotli's gain at a fraction of level 11's time (per request for JSON).
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
  if (encoding === 'gzip') return gzipSync(body, { level: 6 });
  return body;
}

/** A strong validator for a body: the first 16 bytes of its SHA-256, quoted. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
}

/** true when If-None-Match names this ETag (weak comparison, as for GET). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

/**
 * Static files compressed once per (path, modification time, encoding): a page's script is
 * compressed on the first request and then served from memory.
 */
export class CompressedCache {
  private readonly entries = new Map<string, Buffer>();
  constructor(private readonly maxEntries = 500) {}

  get(key: string, make: () => Buffer): Buffer {
    const hit = this.entries.get(key);
    if (hit) return hit;
    const made = make();
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, made);
    return made;
  }

  get size(): number {
    return this.entries.size;
  }
}
