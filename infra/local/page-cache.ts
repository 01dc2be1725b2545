import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/**
 * What CloudFront does for the server-filled pages (shared/http/page-routes.ts), on the local host:
 * a page is kept for its `s-maxage`; for `stale-while-revalidate` more seconds the kept page is
 * answered while one render runs in the background; for `stale-if-error` a kept page stands in
 * when a render fails. `no-store` or `private` answers are never kept.
 */
type Result = APIGatewayProxyStructuredResultV2;
interface Entry {
  result: Result;
  at: number;
  fresh: number;
  stale: number;
  ifError: number;
}

const seconds = (cacheControl: string, name: string): number | undefined => {
  const m = new RegExp(`(?:^|,)\\s*${name}=(\\d+)`, 'i').exec(cacheControl);
  return m?.[1] === undefined ? undefined : Number(m[1]);
};

export function sharedCacheTimes(result: Result): Omit<Entry, 'result' | 'at'> | undefined {
  const header = Object.entries(result.headers ?? {}).find(
    ([k]) => k.toLowerCase() === 'cache-control',
  )?.[1];
  const cc = String(header ?? '');
  if (result.statusCode !== 200 || /no-store|private/i.test(cc)) return undefined;
  const fresh = seconds(cc, 's-maxage') ?? seconds(cc, 'max-age') ?? 0;
  if (fresh <= 0) return undefined;
  return {
    fresh,
    stale: seconds(cc, 'stale-while-revalidate') ?? 0,
    ifError: seconds(cc, 'stale-if-error') ?? 0,
  };
}

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<Result>>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** The page for `key`: kept, kept while a render runs, or rendered now. */
  async get(key: string, render: () => Promise<Result>): Promise<Result> {
    const now = this.clock();
    const entry = this.entries.get(key);
    const age = entry ? (now - entry.at) / 1000 : Number.POSITIVE_INFINITY;
    if (entry && age < entry.fresh) return entry.result;
    if (entry && age < entry.fresh + entry.stale) {
      void this.refresh(key, render).catch(() => undefined);
      return entry.result;
    }
    try {
      return await this.refresh(key, render);
    } catch (err) {
      if (entry && age < entry.fresh + entry.ifError) return entry.result;
      throw err;
    }
  }

  private refresh(key: string, render: () => Promise<Result>): Promise<Result> {
    const running = this.pending.get(key);
    if (running) return running;
    const next = (async () => {
      try {
        const result = await render();
        const times = sharedCacheTimes(result);
        if (times) this.entries.set(key, { result, at: this.clock(), ...times });
        else if ((result.statusCode ?? 200) >= 500) {
          const kept = this.entries.get(key);
          const age = kept ? (this.clock() - kept.at) / 1000 : Number.POSITIVE_INFINITY;
          if (kept && age < kept.fresh + kept.ifError) return kept.result;
        }
        return result;
      } finally {
        this.pending.delete(key);
      }
    })();
    this.pending.set(key, next);
    return next;
  }
}
