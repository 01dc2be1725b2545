import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { AppError } from '../errors';
import { getSigningSecret } from '../secrets';
import { CONTENT_TYPE_OF, readImageSize, sniffImageType } from './image-size';
import {
  EXTENSION_OF,
  IMAGE_CONTENT_TYPES,
  IMAGE_KEY_PATTERN,
  type ImageContentType,
  signUploadQuery,
} from './upload-url';

/**
 * Product images behind one interface (an edge module, like shared/db): a pre-signed upload for the
 * browser, and a description of a stored image (type, bytes, pixel size) read from its first
 * bytes. Two implementations, chosen by the environment:
 * - AWS: S3 bucket IMAGES_BUCKET; uploads are S3 pre-signed PUTs that sign content-type,
 *   content-length and `If-None-Match: *` (S3 refuses to overwrite); object key
 *   `images/<imageKey>`, so CloudFront serves `/images/<imageKey>` from the bucket with a plain
 *   `/images/*` behaviour. Signed with the SDK's SigV4 signer only (./s3-signing.ts), loaded on
 *   first use.
 * - Local host: LOCAL_UPLOADS_URL (e.g. http://localhost:3000/_uploads) and LOCAL_UPLOADS_DIR;
 *   uploads are HMAC-signed URLs (SIGNING_SECRET) that infra/local/uploads.ts checks and stores
 *   (and, like S3 with If-None-Match, never overwrites).
 * Both hosts describe an image by its magic bytes, never by the type the uploader declared:
 * S3 stores whatever bytes a signed PUT carries, so assertImagesUploaded is where a product
 * refuses a key that was never uploaded or whose bytes are not the image its key names.
 */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
export const UPLOAD_URL_TTL_SECONDS = 15 * 60;
/** Bytes read to describe an image (enough for PNG/WebP headers and JPEG EXIF + SOF). */
export const DESCRIBE_BYTES = 64 * 1024;

export interface UploadTicket {
  uploadUrl: string;
  method: 'PUT';
  /** Headers the browser must send with the PUT (Content-Length is set by the browser). */
  headers: Record<string, string>;
  expiresAt: string;
}

export interface ImageInfo {
  /** From the magic bytes (`application/octet-stream` when they are not a JPEG, PNG or WebP). */
  contentType: string;
  bytes: number;
  /** Pixel size, when the header could be read (width/height hints for <img>). */
  width?: number;
  height?: number;
}

export interface ImageStore {
  kind: 's3' | 'local';
  createUpload(input: {
    key: string;
    contentType: ImageContentType;
    contentLength: number;
    now: Date;
  }): Promise<UploadTicket>;
  /** The stored image's type, size and pixel size; undefined when there is no such image. */
  describe(key: string): Promise<ImageInfo | undefined>;
}

const StorageEnv = z.object({
  IMAGES_BUCKET: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/))),
  AWS_REGION: z._default(z.string().check(z.minLength(1)), 'ap-southeast-1'),
  LOCAL_UPLOADS_URL: z.optional(z.url()),
  LOCAL_UPLOADS_DIR: z.optional(z.string().check(z.minLength(1))),
  /** Off AWS (local host, tests) the local store is the default: the README's PORT and DATA_DIR. */
  HOST_KIND: z._default(z.enum(['aws', 'local', 'test']), 'aws'),
  PORT: z._default(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(65535)), 3000),
  DATA_DIR: z._default(z.string().check(z.minLength(1)), '.data'),
});
export type StorageConfig = z.infer<typeof StorageEnv>;

/** Pure: the storage settings from an environment; throws naming every bad key. */
export function parseStorageConfig(env: Record<string, string | undefined>): StorageConfig {
  const result = StorageEnv.safeParse(env);
  if (!result.success) {
    const keys = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid storage configuration: ${keys.join('; ')}`);
  }
  return result.data;
}

/** `images/<imageKey>`: the S3 object key (CloudFront maps `/images/*` to it unchanged). */
export const objectKeyOf = (imageKey: string) => `images/${imageKey}`;
/** Where pages load an image from, on both hosts. */
export const publicPathOf = (imageKey: string) => `/images/${imageKey}`;

const expiry = (now: Date) => new Date(now.getTime() + UPLOAD_URL_TTL_SECONDS * 1000);

/** Type and pixel size from the magic bytes; never the type the uploader declared. */
export function describeBytes(head: Uint8Array, bytes: number): ImageInfo {
  const size = readImageSize(head);
  if (size) {
    return {
      contentType: CONTENT_TYPE_OF[size.type],
      bytes,
      width: size.width,
      height: size.height,
    };
  }
  const type = sniffImageType(head);
  return { contentType: type ? CONTENT_TYPE_OF[type] : 'application/octet-stream', bytes };
}

/** The headers the browser must send with the PUT (the signed ones it controls). */
const uploadHeaders = (contentType: string) => ({
  'content-type': contentType,
  'if-none-match': '*',
});

function s3Store(bucket: string, region: string): ImageStore {
  const target = { bucket, region };
  let signing: Promise<typeof import('./s3-signing')> | undefined;
  const load = () => {
    signing ??= import('./s3-signing');
    return signing;
  };
  return {
    kind: 's3',
    async createUpload({ key, contentType, contentLength, now }) {
      const { presignPut } = await load();
      // S3 refuses a body of another type or length (SignatureDoesNotMatch, 403) and, with the
      // signed If-None-Match, a second PUT to the same key (412).
      const uploadUrl = await presignPut(target, {
        key: objectKeyOf(key),
        contentType,
        contentLength,
        expiresInSeconds: UPLOAD_URL_TTL_SECONDS,
        now,
      });
      return {
        uploadUrl,
        method: 'PUT',
        headers: uploadHeaders(contentType),
        expiresAt: expiry(now).toISOString(),
      };
    },
    async describe(key) {
      if (!IMAGE_KEY_PATTERN.test(key)) return undefined;
      const { getObjectHead } = await load();
      const found = await getObjectHead(target, objectKeyOf(key), DESCRIBE_BYTES);
      return found && describeBytes(found.head, found.size);
    },
  };
}

function localStore(baseUrl: string, dir: string, secret: () => Promise<string>): ImageStore {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    kind: 'local',
    async createUpload({ key, contentType, contentLength, now }) {
      const expiresAt = expiry(now);
      const query = signUploadQuery(
        { key, contentType, contentLength, expiresAt: Math.floor(expiresAt.getTime() / 1000) },
        await secret(),
      );
      return {
        uploadUrl: `${base}/${key}?${query}`,
        method: 'PUT',
        headers: uploadHeaders(contentType),
        expiresAt: expiresAt.toISOString(),
      };
    },
    async describe(key) {
      if (!IMAGE_KEY_PATTERN.test(key)) return undefined;
      // The local upload handler records type, size and pixel size next to the image.
      try {
        const meta = JSON.parse(await readFile(join(dir, `${key}.json`), 'utf8')) as ImageInfo;
        return meta;
      } catch {
        // no sidecar: read the head of the file itself
      }
      let handle: Awaited<ReturnType<typeof open>> | undefined;
      try {
        handle = await open(join(dir, key), 'r');
        const { size } = await handle.stat();
        const head = new Uint8Array(Math.min(size, DESCRIBE_BYTES));
        await handle.read(head, 0, head.length, 0);
        return describeBytes(head, size);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      } finally {
        await handle?.close();
      }
    },
  };
}

/**
 * Builds the store an environment asks for: S3 when IMAGES_BUCKET is set; otherwise, off AWS, the
 * local store (LOCAL_UPLOADS_URL/LOCAL_UPLOADS_DIR, defaulting to localhost:PORT/_uploads and
 * DATA_DIR/uploads). On AWS without a bucket it throws.
 */
export function imageStoreFor(
  config: StorageConfig,
  secret: () => Promise<string> = getSigningSecret,
): ImageStore {
  if (config.IMAGES_BUCKET) return s3Store(config.IMAGES_BUCKET, config.AWS_REGION);
  if (config.LOCAL_UPLOADS_URL && config.LOCAL_UPLOADS_DIR) {
    return localStore(config.LOCAL_UPLOADS_URL, config.LOCAL_UPLOADS_DIR, secret);
  }
  if (config.HOST_KIND !== 'aws') {
    return localStore(
      config.LOCAL_UPLOADS_URL ?? `http://localhost:${config.PORT}/_uploads`,
      config.LOCAL_UPLOADS_DIR ?? join(config.DATA_DIR, 'uploads'),
      secret,
    );
  }
  throw new Error(
    'Image storage is not configured: set IMAGES_BUCKET, or LOCAL_UPLOADS_URL and LOCAL_UPLOADS_DIR',
  );
}

let cached: ImageStore | undefined;
/** The process's store, from process.env on first use. */
export function imageStore(): ImageStore {
  cached ??= imageStoreFor(parseStorageConfig(process.env));
  return cached;
}

/** The content type an image key names by its extension. */
export function contentTypeOfKey(key: string): ImageContentType | undefined {
  const ext = key.slice(key.lastIndexOf('.') + 1);
  return IMAGE_CONTENT_TYPES.find((type) => EXTENSION_OF[type] === ext);
}

/**
 * Every key must name an image that was uploaded and whose magic bytes are the type its key
 * names; otherwise request.invalid with the first bad `images.<i>` (the same shape as the other
 * image checks of shared/catalog/product.ts). `path` names the field in the error.
 */
export async function assertImagesUploaded(
  keys: readonly string[],
  options: {
    /** Keys already checked (an update's existing images): not read again. */
    skip?: ReadonlySet<string>;
    store?: ImageStore;
    path?: string;
  } = {},
): Promise<void> {
  const { skip, path = 'images' } = options;
  if (keys.every((key) => skip?.has(key))) return;
  const store = options.store ?? imageStore();
  const infos = await Promise.all(
    keys.map((key) => (skip?.has(key) ? undefined : store.describe(key))),
  );
  const bad = keys.findIndex((key, i) => !skip?.has(key) && !isImageOf(key, infos[i]));
  if (bad < 0) return;
  const missing = !infos[bad];
  throw new AppError(
    'request.invalid',
    missing ? 'An image was never uploaded' : 'An uploaded file is not the image its key names',
    {
      issues: [
        {
          in: 'body',
          path: `${path}.${bad}`,
          code: 'custom',
          message: missing ? 'Not uploaded' : 'Not an image of this type',
        },
      ],
    },
  );
}

/** True when a stored image exists and its magic bytes are the type its key names. */
const isImageOf = (key: string, info: ImageInfo | undefined): boolean =>
  info !== undefined && info.contentType === contentTypeOfKey(key);

/**
 * The keys, of many (an import), that are not uploaded images of their key's type: each distinct
 * key is read once, `concurrency` at a time.
 */
export async function findMissingImages(
  keys: Iterable<string>,
  store: ImageStore = imageStore(),
  concurrency = 16,
): Promise<Set<string>> {
  const queue = [...new Set(keys)];
  const missing = new Set<string>();
  const worker = async () => {
    for (let key = queue.pop(); key !== undefined; key = queue.pop()) {
      if (!isImageOf(key, await store.describe(key))) missing.add(key);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
  return missing;
}
