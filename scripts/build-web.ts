import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, transform } from 'esbuild';
import { TEMPLATES } from '../shared/pages/templates';
import { pageScript, withoutPreloads, withPageShell } from './page-shell';

/**
 * Builds web/ into web/dist: every web/<page>/main.ts is bundled (ESM, minified, browser target),
 * HTML, CSS and other assets are copied as they are. A page whose main.ts has a dynamic `import()`
 * (the statistics dashboard loads Chart.js so) is built apart with code splitting, so what it
 * imports lazily is its own file under dist/chunks/; every other page stays one file, as small as
 * without splitting (splitting them all made shared chunks and grew most pages by 10–70 %). The
 * local host serves web/dist; the CDK stack uploads it to S3.
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

export interface BuildWebOptions {
  /** Where to write (default web/dist). */
  outDir?: string;
  /**
   * false: pages as written, without the header's shell and without any preload (the page
   * benchmark's baseline, what pages were before scripts/page-shell.ts). Default true.
   */
  shell?: boolean;
}

export async function buildWeb(
  buildOptions: BuildWebOptions = {},
): Promise<{ entries: number; files: number }> {
  const outDir = buildOptions.outDir ?? webDist;
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const files = walk(webRoot);
  const entries = files.filter((f) => f.endsWith('/main.ts'));
  const lazy = entries.filter((f) => /\bimport\(/.test(readFileSync(f, 'utf8')));
  const options: BuildOptions = {
    outdir: outDir,
    outbase: webRoot,
    bundle: true,
    format: 'esm',
    minify: true,
    sourcemap: true,
    target: ['es2022'],
    platform: 'browser',
    logLevel: 'warning',
  };
  await build({ ...options, entryPoints: entries.filter((f) => !lazy.includes(f)) });
  if (lazy.length)
    await build({
      ...options,
      entryPoints: lazy,
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
    });
  const assets = files.filter((f) => !f.endsWith('.ts'));
  // The pages the server fills carry the stylesheet inside (scripts/page-shell.ts inlineCss).
  const inlined = new Set<string>(Object.values(TEMPLATES));
  const css = (
    await transform(readFileSync(join(webRoot, 'styles.css'), 'utf8'), {
      loader: 'css',
      minify: true,
    })
  ).code.trim();
  for (const file of assets) {
    const target = join(outDir, relative(webRoot, file));
    if (!file.endsWith('.html')) {
      cpSync(file, target);
      continue;
    }
    // Pages get the header's shell and their preloads (scripts/page-shell.ts).
    const html = readFileSync(file, 'utf8');
    const src = pageScript(html);
    const scriptFile = src ? join(outDir, src) : undefined;
    const script =
      scriptFile && existsSync(scriptFile) ? readFileSync(scriptFile, 'utf8') : undefined;
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(
      target,
      buildOptions.shell === false
        ? withoutPreloads(html)
        : withPageShell(html, {
            script,
            ...(inlined.has(relative(webRoot, file)) ? { inlineCss: css } : {}),
          }),
    );
  }
  return { entries: entries.length, files: assets.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildWeb();
  console.log(
    `web built: ${out.entries} scripts, ${out.files} assets → ${relative(process.cwd(), webDist)}`,
  );
}
