import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/**
 * Builds web/ into web/dist: every web/<page>/main.ts is bundled (ESM, minified, browser target),
 * HTML, CSS and other assets are copied as they are. The local host serves web/dist; the CDK stack
 * uploads it to S3.
 */
export const webRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'web');
export const webDist = join(webRoot, 'dist');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (path === webDist) return [];
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

export async function buildWeb(): Promise<{ entries: number; files: number }> {
  rmSync(webDist, { recursive: true, force: true });
  mkdirSync(webDist, { recursive: true });
  const files = walk(webRoot);
  const entries = files.filter((f) => f.endsWith('/main.ts'));
  await build({
    entryPoints: entries,
    outdir: webDist,
    outbase: webRoot,
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: true,
    target: ['es2022'],
    platform: 'browser',
    logLevel: 'warning',
  });
  const assets = files.filter((f) => !f.endsWith('.ts'));
  for (const file of assets) cpSync(file, join(webDist, relative(webRoot, file)));
  return { entries: entries.length, files: assets.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildWeb();
  console.log(
    `web built: ${out.entries} scripts, ${out.files} assets → ${relative(process.cwd(), webDist)}`,
  );
}
