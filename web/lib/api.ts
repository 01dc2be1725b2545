import { type Lang, messageFor } from '../../shared/i18n/messages';

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
}

export async function api<T>(
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'content-type': 'application/json' },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const data = (await res.json().catch(() => undefined)) as
    | { error?: { code: string; message: string; details?: unknown } }
    | undefined;
  if (data?.error)
    throw new ApiError(data.error.code, res.status, data.error.message, data.error.details);
  if (!res.ok) throw new ApiError('internal', res.status, res.statusText);
  return data as T;
}
