import { type Lang, messageFor } from '../../shared/i18n/messages';
import type { Bi } from './i18n';

/** The one way pages call the API: JSON in, JSON out, errors by code with a text to show. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  text(lang: Lang): string {
    return messageFor(this.code, lang);
  }
  /** Both languages, for messages that follow the language switch. */
  bi(): Bi {
    return { vi: messageFor(this.code, 'vi'), en: messageFor(this.code, 'en') };
  }
}

/** Any failure (network included) as an ApiError, so pages handle one type. */
export const asApiError = (err: unknown): ApiError =>
  err instanceof ApiError ? err : new ApiError('internal', 0, String(err));

type Envelope = { error?: { code: string; message: string; details?: unknown } } | undefined;

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'same-origin',
      headers: {
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...init.headers,
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (err) {
    throw new ApiError('internal', 0, `Network error: ${String(err)}`);
  }
  const data = (await res.json().catch(() => undefined)) as Envelope;
  if (data?.error)
    throw new ApiError(data.error.code, res.status, data.error.message, data.error.details);
  if (!res.ok) throw new ApiError('internal', res.status, res.statusText);
  return data as T;
}

/** `?a=1&b=x` from the defined, non-empty values (empty string when none). */
export function queryString(params: Record<string, string | number | boolean | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === '' || value === false) continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * POST JSON with upload progress (fetch has no upload progress events): `onProgress` gets the
 * share sent, 0..1. Same result and errors as `api`.
 */
export function apiWithProgress<T>(
  path: string,
  body: unknown,
  onProgress: (share: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.setRequestHeader('content-type', 'application/json');
    xhr.withCredentials = true;
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    });
    xhr.upload.addEventListener('load', () => onProgress(1));
    xhr.addEventListener('error', () => reject(new ApiError('internal', 0, 'Network error')));
    xhr.addEventListener('abort', () => reject(new ApiError('internal', 0, 'Aborted')));
    xhr.addEventListener('load', () => {
      let data: Envelope;
      try {
        data = xhr.responseText ? (JSON.parse(xhr.responseText) as Envelope) : undefined;
      } catch {
        data = undefined;
      }
      if (data?.error) {
        reject(new ApiError(data.error.code, xhr.status, data.error.message, data.error.details));
      } else if (xhr.status < 200 || xhr.status >= 300) {
        reject(new ApiError('internal', xhr.status, xhr.statusText));
      } else resolve(data as T);
    });
    xhr.send(JSON.stringify(body));
  });
}
