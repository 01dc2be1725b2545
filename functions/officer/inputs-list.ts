import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { listInputVersions } from '../../shared/db/inputs';
import { DEFAULT_TARGETS, INPUT_KINDS, type InputVersion } from '../../shared/stats/inputs';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Query = z.strictObject({
  year: z.coerce.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
});

/**
 * Every officer input of a year (and the targets), each with its whole version history, oldest
 * first: the current version is the last. Default targets are listed apart, marked as defaults.
 */
export const handler = httpHandler({ query: Query }, async ({ query }) => {
  const groups: Record<
    string,
    Array<{ key: string; current: InputVersion; history: InputVersion[] }>
  > = {};
  for (const kind of INPUT_KINDS) {
    const versions = await listInputVersions(kind, kind === 'target' ? 0 : query.year);
    const byKey = new Map<string, InputVersion[]>();
    for (const v of versions) byKey.set(v.key, [...(byKey.get(v.key) ?? []), v]);
    groups[kind] = [...byKey].map(([key, history]) => {
      const sorted = history.sort((a, b) => a.version - b.version);
      return { key, current: sorted[sorted.length - 1] as InputVersion, history: sorted };
    });
  }
  return ok({ year: query.year, inputs: groups, defaultTargets: DEFAULT_TARGETS });
});
