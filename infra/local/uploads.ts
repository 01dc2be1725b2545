import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { link, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';
import { IMAGE_RESPONSE_HEADERS } from '../../shared/storage/image-headers';
import { CONTENT_TYPE_OF, readImageSize, sniffImageType } from '../../shared/storage/image-size';
import { type ImageInfo, MAX_IMAGE_BYTES } from '../../shared/storage/images';
import { IMAGE_KEY_PATTERN, verifyUploadQuery } from '../../shared/storage/upload-url';

/**
 * The local host's stand-in for S3 and CloudFront image serving:
 * - `PUT /_uploads/<key>?ct&len&exp&sig` takes an upload signed by create-upload (shared/storage):
 *   bad or expired signature, or a Content-Type/Content-Length other than the signed ones, or no
 *   `If-None-Match: *` → 403 upload.invalidSignature (as S3 answers SignatureDoesNotMatch); a
 *   body longer than signed → 413 upload.tooLarge; bytes that are not the signed image type →
 *   415 upload.unsupportedType; a key already stored → 412 upload.alreadyExists (S3's conditional
 *   write answers 412 PreconditionFailed): a signed URL creates its image once, never overwrites.
 *   The image is stored under `<dir>/<key>` with `<key>.json` beside it (type, bytes, width,
 *   height), written to a temporary name first and hard-linked into place (which fails if the
 *   key exists, atomically), so a reader never sees half a file and two PUTs cannot both win.
 * - `GET|HEAD /images/<key>` serves a stored image: its type, immutable caching (keys are never
 *   reused), `nosniff`; 404 otherwise. Keys must match the exact upload-key pattern, so no path
 *   can leave `<dir>`.
 * Wire it into infra/local/host.ts before the static files: `if (uploads(req, res, url)) return;`.
 */
export interface UploadsOptions {
  /** Where images are stored (the host passes DATA_DIR/uploads, the same as LOCAL_UPLOADS_DIR). */
  dir: string;
  /** The signing secret (SIGNING_SECRET), as create-upload signs with it. */
  secret: string;
  now?: () => Date;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

export type UploadsHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean;

const UPLOAD_PREFIX = '/_uploads/';
const IMAGE_PREFIX = '/images/';

function sendError(res: ServerResponse, status: number, code: string, message: string) {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(JSON.stringify({ error: { code, message }, requestId: 'local' }));
}

/** Reads at most `limit` bytes; resolves 'tooLarge' as soon as the body passes it. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'tooLarge'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve('tooLarge');
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on('error', (err) => {
      if (!done) reject(err);
    });
  });
}

const exists = (file: string) =>
  stat(file).then(
    () => true,
    () => false,
  );

export function createUploadsHandler(options: UploadsOptions): UploadsHandler {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);

  async function put(req: IncomingMessage, res: ServerResponse, url: URL) {
    const key = url.pathname.slice(UPLOAD_PREFIX.length);
    const check = verifyUploadQuery(
      key,
      url.searchParams,
      options.secret,
      Math.floor(now().getTime() / 1000),
    );
    if (!check.ok) {
      req.resume();
      sendError(res, 403, 'upload.invalidSignature', `Upload refused: ${check.reason}`);
      return;
    }
    const { claims } = check;
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    const declared = req.headers['content-length'];
    if (
      type !== claims.contentType ||
      declared === undefined ||
      Number(declared) !== claims.contentLength ||
      req.headers['if-none-match'] !== '*'
    ) {
      req.resume();
      sendError(
        res,
        403,
        'upload.invalidSignature',
        'Content-Type, Content-Length and If-None-Match must be the signed ones',
      );
      return;
    }
    const file = join(options.dir, key);
    if (await exists(file)) {
      req.resume();
      sendError(res, 412, 'upload.alreadyExists', 'An image was already uploaded with this link');
      return;
    }
    const body = await readBody(req, Math.min(claims.contentLength, MAX_IMAGE_BYTES));
    if (body === 'tooLarge') {
      sendError(res, 413, 'upload.tooLarge', 'The body is longer than signed');
      req.destroy();
      return;
    }
    if (body.length !== claims.contentLength) {
      sendError(res, 400, 'request.invalid', 'The body is shorter than signed');
      return;
    }
    const sniffed = sniffImageType(body);
    if (!sniffed || CONTENT_TYPE_OF[sniffed] !== claims.contentType) {
      sendError(res, 415, 'upload.unsupportedType', 'The bytes are not the signed image type');
      return;
    }
    const size = readImageSize(body);
    const info: ImageInfo = {
      contentType: claims.contentType,
      bytes: body.length,
      ...(size ? { width: size.width, height: size.height } : {}),
    };
    await mkdir(dirname(file), { recursive: true });
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(tmp, body);
      // link, unlike rename, refuses an existing target: of two concurrent PUTs one wins.
      await link(tmp, file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
        sendError(res, 412, 'upload.alreadyExists', 'An image was already uploaded with this link');
        return;
      }
      throw err;
    } finally {
      await rm(tmp, { force: true });
    }
    const sidecar = `${file}.json.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(sidecar, JSON.stringify(info));
    await rename(sidecar, `${file}.json`);
    log('image uploaded', { key, bytes: body.length });
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      etag: `"${body.length.toString(16)}-${key.slice(-12)}"`,
    });
    res.end(JSON.stringify({ imageKey: key, ...info }));
  }

  async function get(req: IncomingMessage, res: ServerResponse, url: URL, headOnly: boolean) {
    const key = url.pathname.slice(IMAGE_PREFIX.length);
    const notFound = () => {
      res.writeHead(404, {
        'content-type': 'text/plain; charset=utf-8',
        'x-content-type-options': 'nosniff',
      });
      res.end(headOnly ? undefined : 'Không tìm thấy ảnh / Image not found');
    };
    if (!IMAGE_KEY_PATTERN.test(key)) return notFound();
    const file = join(options.dir, key);
    let bytes: number;
    try {
      const s = await stat(file);
      if (!s.isFile()) return notFound();
      bytes = s.size;
    } catch {
      return notFound();
    }
    let info: Partial<ImageInfo> = {};
    try {
      info = JSON.parse(await readFile(`${file}.json`, 'utf8')) as ImageInfo;
    } catch {
      // no sidecar: the type follows from the key's extension
    }
    const ext = key.slice(key.lastIndexOf('.') + 1);
    const contentType = ext === 'png' ? 'image/png' : ext === 'webp' ? 'image/webp' : 'image/jpeg';
    const etag = `"${bytes.toString(16)}-${key.slice(-12)}"`;
    const headers: Record<string, string> = {
      'content-type': contentType,
      ...IMAGE_RESPONSE_HEADERS,
      etag,
      ...(info.width && info.height
        ? { 'x-image-width': String(info.width), 'x-image-height': String(info.height) }
        : {}),
    };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-length': String(bytes) });
    if (headOnly) {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  }

  return (req, res, url) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const fail = (err: unknown) => {
      log('upload handler failed', { error: String(err) });
      sendError(res, 500, 'internal', 'Internal error');
    };
    if (url.pathname.startsWith(UPLOAD_PREFIX)) {
      if (method !== 'PUT') {
        req.resume();
        sendError(res, 405, 'method.notAllowed', 'Uploads are PUT only');
        return true;
      }
      put(req, res, url).catch(fail);
      return true;
    }
    if (url.pathname.startsWith(IMAGE_PREFIX)) {
      if (method !== 'GET' && method !== 'HEAD') {
        req.resume();
        sendError(res, 405, 'method.notAllowed', 'Images are GET only');
        return true;
      }
      get(req, res, url, method === 'HEAD').catch(fail);
      return true;
    }
    return false;
  };
}
