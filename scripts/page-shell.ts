/**
 * What every built page gets in its HTML so a first visit on a slow phone network is not a chain of
 * sequential requests (page → script → data → list):
 * - the header's shell (brand bar and a nav row of the real height), so the page does not jump when
 *   the script builds the real header (web/lib/layout.ts replaces the shell);
 * - `<link rel="preload">` for the reference data when the page's script uses it, so it downloads
 *   alongside the script instead of after it.
 * Pages may list their own preloads in their HTML (the storefront preloads its first product page).
 */
export const REFERENCE_DATA_PATH = '/api/meta/reference-data';

const SHELL =
  '<header class="site-header" data-shell>' +
  '<div class="bar"><a class="brand" href="/">Chợ Số <span>Cà Mau</span></a>' +
  '<span class="lang lang-shell" aria-hidden="true">English</span></div>' +
  '<nav class="site-nav" aria-hidden="true"><ul></ul></nav>' +
  '</header>';

export interface ShellOptions {
  /** The page's bundled script text, when it has one: decides which preloads help it. */
  script?: string;
  /**
   * The site's stylesheet (minified), for pages that must show content with their HTML alone (the
   * pages the server fills, shared/pages/templates.ts): put into the page instead of linked, so the
   * first paint waits for no second request (a linked stylesheet costs a round trip, 2 s on slow 3G).
   */
  inlineCss?: string;
}

const STYLESHEET_LINK = /<link rel="stylesheet" href="\/styles\.css">/;

export function withPageShell(html: string, options: ShellOptions = {}): string {
  let out = html;
  if (!out.includes('class="site-header"')) {
    out = out.replace(/<body([^>]*)>/, (body) => `${body}\n  ${SHELL}`);
  }
  if (options.inlineCss !== undefined) {
    if (!STYLESHEET_LINK.test(out))
      throw new Error('no <link rel="stylesheet" href="/styles.css">');
    const css = options.inlineCss.replace(/<\/style/gi, '<\\/style');
    out = out.replace(STYLESHEET_LINK, () => `<style>${css}</style>`);
  }
  const preloads: string[] = [];
  if (
    options.script?.includes(REFERENCE_DATA_PATH) &&
    !out.includes(`href="${REFERENCE_DATA_PATH}"`)
  )
    preloads.push(
      `<link rel="preload" href="${REFERENCE_DATA_PATH}" as="fetch" crossorigin="anonymous">`,
    );
  if (preloads.length) out = out.replace('</head>', `  ${preloads.join('\n  ')}\n</head>`);
  return out;
}

/** The script a page loads (`<script type="module" src="/x/main.js">`), as a path under the site. */
export function pageScript(html: string): string | undefined {
  return /<script[^>]*type="module"[^>]*src="([^"]+)"/.exec(html)?.[1];
}

/** The page as it was before any preload (the benchmark's baseline): preload links removed. */
export function withoutPreloads(html: string): string {
  return html
    .replace(/^[ \t]*<!--[^>]*-->\n(?=[ \t]*<link rel="preload")/gm, '')
    .replace(/^[ \t]*<link rel="preload"[^>]*>\n/gm, '');
}
