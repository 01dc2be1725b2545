import { describe, expect, it } from 'vitest';
import {
  pageScript,
  REFERENCE_DATA_PATH,
  withoutPreloads,
  withPageShell,
} from '../../../scripts/page-shell';

const page = `<!doctype html>
<html lang="vi">
<head>
  <link rel="stylesheet" href="/styles.css">
  <!-- first page -->
  <link rel="preload" href="/api/products?limit=12" as="fetch" crossorigin="anonymous">
</head>
<body class="x">
  <main id="main"></main>
  <script type="module" src="/home/main.js"></script>
</body>
</html>`;

describe('withPageShell', () => {
  it('puts the header shell right after <body>, once', () => {
    const out = withPageShell(page);
    expect(out).toMatch(/<body class="x">\n {2}<header class="site-header" data-shell>/);
    expect(out.match(/site-header/g)).toHaveLength(1);
    expect(withPageShell(out).match(/site-header/g)).toHaveLength(1);
    expect(out).toContain('<a class="brand" href="/">Chợ Số <span>Cà Mau</span></a>');
  });

  it('preloads the reference data only for a script that reads it, and only once', () => {
    const tag = `<link rel="preload" href="${REFERENCE_DATA_PATH}" as="fetch" crossorigin="anonymous">`;
    expect(withPageShell(page, { script: 'fetch("/api/products")' })).not.toContain(tag);
    expect(withPageShell(page)).not.toContain(tag);
    const out = withPageShell(page, { script: `x("${REFERENCE_DATA_PATH}")` });
    expect(out).toContain(`${tag}\n</head>`);
    expect(withPageShell(out, { script: REFERENCE_DATA_PATH }).split(tag)).toHaveLength(2);
  });
});

describe('inlineCss (the pages the server fills)', () => {
  it('puts the stylesheet in the page instead of linking it; nothing can close the element', () => {
    const out = withPageShell(page, { inlineCss: '.card{color:red}a::after{content:"</style>"}' });
    expect(out).not.toContain('<link rel="stylesheet"');
    expect(out).toContain('<style>.card{color:red}a::after{content:"<\\/style>"}</style>');
    expect(out.match(/<\/style/g)).toHaveLength(1);
    // Without the option the link stays.
    expect(withPageShell(page)).toContain('<link rel="stylesheet" href="/styles.css">');
  });

  it('refuses a page without the stylesheet link rather than leave it unstyled', () => {
    expect(() =>
      withPageShell('<html><head></head><body></body></html>', { inlineCss: 'a{}' }),
    ).toThrow(/stylesheet/);
  });
});

describe('withoutPreloads', () => {
  it('removes preload links and the comment above them, nothing else', () => {
    const out = withoutPreloads(page);
    expect(out).not.toContain('rel="preload"');
    expect(out).not.toContain('first page');
    expect(out).toContain('<link rel="stylesheet" href="/styles.css">');
    expect(out.split('\n')).toHaveLength(page.split('\n').length - 2);
  });
});

describe('pageScript', () => {
  it('names the module script a page loads', () => {
    expect(pageScript(page)).toBe('/home/main.js');
    expect(pageScript('<html><body></body></html>')).toBeUndefined();
  });
});
