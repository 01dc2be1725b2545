import { type Lang, messageFor } from '../../shared/i18n/messages';
import type { Bi } from './i18n';

/**
 * The one way pages call the API: JSON in, JSON out, errors by code with a text to show.
 *
 * A failure is one of four kinds, and pages say which (issue: an offline phone was told "the
 * system has a problem"):
 * - `network`: no answer at all (offline, DNS, connection cut): code `network.offline`;
 * - `timeout`: no answer within the time allowed (a slow 3G link): code `network.timeout`;
 * - `server`: the server answered 5xx (or a body that is not ours): its code, or `internal`;
 * - `rejected`: a 4xx with our error envelope (validation, conflict, auth…): its code.
 * The first three are worth retrying as they are; what was typed is never cleared by them.
 */
export type FailureKind = 'network' | 'timeout' | 'server' | 'rejected';

/** Codes made in the browser (never sent by the API), with their texts. */
const CLIENT_MESSAGES: Record<string, Record<Lang, string>> = {
  'network.offline': {
    vi: 'Không kết nối được mạng. Những gì bạn đã nhập vẫn còn: kiểm tra Wi-Fi hoặc 3G/4G rồi bấm “Thử lại”.',
    en: 'No network connection. What you typed is kept: check Wi-Fi or mobile data, then press “Try again”.',
  },
  'network.timeout': {
    vi: 'Mạng quá chậm, máy chủ chưa trả lời kịp. Những gì bạn đã nhập vẫn còn: bấm “Thử lại”.',
    en: 'The network is too slow; the server did not answer in time. What you typed is kept: press “Try again”.',
  },
  'upload.stalled': {
    vi: 'Ảnh chưa tải lên xong vì mạng bị ngắt. Bấm “Thử lại” để tải lại ảnh này.',
    en: 'The picture did not finish uploading because the connection dropped. Press “Try again”.',
  },
};

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
  get kind(): FailureKind {
    if (this.code === 'network.offline') return 'network';
    if (this.code === 'network.timeout' || this.code === 'upload.stalled') return 'timeout';
    if (this.status >= 500 || this.status === 0 || this.code === 'internal') return 'server';
    return 'rejected';
  }
  /** Whether the same request may simply be sent again (network, timeout, server trouble). */
  get retryable(): boolean {
    return this.kind !== 'rejected' || this.status === 429 || this.code === 'service.unavailable';
  }
  text(lang: Lang): string {
    const client = CLIENT_MESSAGES[this.code];
    if (client) return client[lang];
    if (this.kind === 'server' && this.code === 'internal' && this.status > 0)
      return lang === 'vi'
        ? `Máy chủ gặp lỗi (mã ${this.status}). Những gì bạn đã nhập vẫn còn; thử lại sau giây lát.`
        : `The server had a problem (status ${this.status}). What you typed is kept; try again in a moment.`;
    return messageFor(this.code, lang);
  }
  /** Both languages, for messages that follow the language switch. */
  bi(): Bi {
    return { vi: this.text('vi'), en: this.text('en') };
  }
}

/** A failure before any answer: offline when the browser says so or the fetch could not connect. */
export const networkError = (detail: string): ApiError =>
  new ApiError('network.offline', 0, `Network error: ${detail}`);

/** Any failure (network included) as an ApiError, so pages handle one type. */
export const asApiError = (err: unknown): ApiError => {
  if (err instanceof ApiError) return err;
  if (err instanceof TypeError) return networkError(String(err));
  return new ApiError('internal', 0, String(err));
};

type Envelope = { error?: { code: string; message: string; details?: unknown } } | undefined;

/** How long a call may take before it counts as a timeout: generous, slow 3G is slow. */
export const DEFAULT_TIMEOUT_MS = 30_000;

export async function api<T>(
  path: string,
  init: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    /** Milliseconds before giving up with `network.timeout` (default DEFAULT_TIMEOUT_MS). */
    timeoutMs?: number;
  } = {},
): Promise<T> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, init.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  try {
    let res: Response;
    try {
      res = await fetch(path, {
        method: init.method ?? 'GET',
        credentials: 'same-origin',
        signal: controller.signal,
        headers: {
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...init.headers,
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
      });
    } catch (err) {
      if (timedOut) throw new ApiError('network.timeout', 0, 'Timed out');
      throw networkError(String(err));
    }
    let data: Envelope;
    try {
      data = (await res.json().catch((err: unknown) => {
        // The body stopped arriving (timeout or a cut connection) rather than not being JSON.
        if (timedOut) throw new ApiError('network.timeout', 0, 'Timed out');
        if (err instanceof TypeError) throw networkError(String(err));
        return undefined;
      })) as Envelope;
    } catch (err) {
      throw asApiError(err);
    }
    if (data?.error)
      throw new ApiError(data.error.code, res.status, data.error.message, data.error.details);
    if (!res.ok) throw new ApiError('internal', res.status, res.statusText);
    return data as T;
  } finally {
    clearTimeout(timer);
  }
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
    xhr.addEventListener('error', () => reject(networkError('XHR error')));
    xhr.addEventListener('timeout', () => reject(new ApiError('network.timeout', 0, 'Timed out')));
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
