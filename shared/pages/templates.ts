import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { getConfig } from '../config';
import { getObjectHead } from '../storage/s3-signing';

/**
 * The built pages the render handlers fill: the same files the site serves (scripts/build-web.ts
 * output), read from the site bucket on AWS (SITE_BUCKET, GetObject on these two keys only) and
 * from PAGE_TEMPLATES_DIR (web/dist) on the local host. Kept in memory for a minute, so a new
 * deployment of the pages reaches warm functions without a redeploy of the function.
 */
export const TEMPLATES = {
  storefront: 'index.html',
  product: 'san-pham/index.html',
} as const;
export type TemplateName = keyof typeof TEMPLATES;

const TTL_MS = 60_000;
const MAX_BYTES = 512 * 1024;
const cache = new Map<TemplateName, { html: string; until: number }>();

async function read(name: TemplateName): Promise<string> {
  const config = getConfig();
  const key = TEMPLATES[name];
  if (config.PAGE_TEMPLATES_DIR) return readFile(join(config.PAGE_TEMPLATES_DIR, key), 'utf8');
  if (!config.SITE_BUCKET) throw new Error('neither SITE_BUCKET nor PAGE_TEMPLATES_DIR is set');
  const found = await getObjectHead(
    { bucket: config.SITE_BUCKET, region: config.AWS_REGION },
    key,
    MAX_BYTES,
  );
  if (!found) throw new Error(`the site bucket has no ${key}`);
  if (found.size > MAX_BYTES) throw new Error(`${key} is larger than ${MAX_BYTES} bytes`);
  return new TextDecoder().decode(found.head);
}

/** The page's built HTML (cached for a minute; a failed read is not cached). */
export async function loadTemplate(name: TemplateName, now = Date.now()): Promise<string> {
  const hit = cache.get(name);
  if (hit && hit.until > now) return hit.html;
  const html = await read(name);
  cache.set(name, { html, until: now + TTL_MS });
  return html;
}

/** Tests: forget the cached templates. */
export const clearTemplateCache = (): void => cache.clear();
