import { ApiError, api, networkError } from './api';

/**
 * One product picture to the image store: ask the API for a pre-signed upload
 * (POST /api/seller/uploads, exact type and length), then PUT the bytes there with XMLHttpRequest,
 * whose upload events give real progress (fetch has none). Failures are ApiErrors with the
 * network/timeout/server/rejected kinds of api.ts; a retry asks for a new ticket (a signed URL
 * creates its image once).
 */
interface Ticket {
  imageKey: string;
  uploadUrl: string;
  method?: string;
  headers?: Record<string, string>;
}

export interface UploadProgress {
  sent: number;
  total: number;
}

/** No progress for this long on an open upload counts as a dropped connection. */
export const STALL_MS = 45_000;

/** What S3 means by a bare status (its body is XML, not our envelope). */
const S3_STATUS_CODES: Record<number, string> = {
  403: 'upload.invalidSignature',
  412: 'upload.alreadyExists',
  413: 'upload.tooLarge',
  415: 'upload.unsupportedType',
};

export async function uploadImage(
  blob: Blob,
  contentType: string,
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
  /** Upload the small copy of this (already uploaded) image key instead of a new image. */
  variantOf?: string,
): Promise<string> {
  const ticket = await api<Ticket>('/api/seller/uploads', {
    method: 'POST',
    body: { contentType, contentLength: blob.size, variantOf },
  });
  if (signal?.aborted) throw new ApiError('upload.cancelled', 0, 'Cancelled');
  await put(ticket, blob, contentType, onProgress, signal);
  return ticket.imageKey;
}

function put(
  ticket: Ticket,
  blob: Blob,
  contentType: string,
  onProgress: (p: UploadProgress) => void,
  signal?: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let stalled = false;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stalled = true;
        xhr.abort();
      }, STALL_MS);
    };
    const done = () => {
      clearTimeout(watchdog);
      signal?.removeEventListener('abort', cancel);
    };
    const cancel = () => xhr.abort();
    signal?.addEventListener('abort', cancel);
    xhr.open(ticket.method || 'PUT', ticket.uploadUrl);
    for (const [name, value] of Object.entries(ticket.headers ?? { 'content-type': contentType }))
      xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (e) => {
      arm();
      onProgress({ sent: e.loaded, total: e.lengthComputable ? e.total : blob.size });
    });
    xhr.addEventListener('error', () => {
      done();
      reject(networkError('upload'));
    });
    xhr.addEventListener('abort', () => {
      done();
      reject(
        stalled
          ? new ApiError('upload.stalled', 0, 'No progress')
          : new ApiError('upload.cancelled', 0, 'Cancelled'),
      );
    });
    xhr.addEventListener('load', () => {
      done();
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress({ sent: blob.size, total: blob.size });
        resolve();
        return;
      }
      let code = S3_STATUS_CODES[xhr.status] ?? 'internal';
      try {
        const body = JSON.parse(xhr.responseText) as { error?: { code?: string } };
        code = body.error?.code ?? code;
      } catch {
        // S3 answers XML; the status is enough to say what kind of failure it was.
      }
      reject(new ApiError(code, xhr.status, `Upload failed: ${xhr.status}`));
    });
    arm();
    xhr.send(blob);
  });
}
