import { describe, expect, it } from 'vitest';
import {
  pageScript,
  REFERENCE_DATA_PATH,
  withoutPreloads,
  withPageShell,
} from '../../../scripts/page-shell';

/** The built page, character for character: where the shell and the preload go, what is removed. */
const head =
  '<!doctype html>\n<html lang="vi">\n<head>\n  <link rel="stylesheet" href="/styles.css">\n</head>\n';
const page = `${head}<body>\n  <header class="site-header"></header>\n</body>\n</html>\n`;
const tag = `<link rel="preload" href="${REFERENCE_DATA_PATH}" as="fetch" crossorigin="anonymous">`;

describe('withPageShell, exactly', () => {
  it('changes nothing when the page has its header and its script needs no preload', () => {
    expect(withPageShell(page)).toBe(page);
    expect(withPageShell(page, { script: 'fetch("/api/products")' })).toBe(page);
  });

  it('puts the reference-data preload on its own line right before </head>', () => {
    expect(withPageShell(page, { script: `api("${REFERENCE_DATA_PATH}")` })).toBe(
      page.replace('</head>', `  ${tag}\n</head>`),
    );
  });
});

describe('withoutPreloads, exactly', () => {
  it('removes the preload lines and the comment line right above one, nothing else', () => {
    const withPreloads = [
      '<head>',
      '  <!-- first page -->',
      '  <link rel="preload" href="/api/products?limit=12" as="fetch" crossorigin="anonymous">',
      `  ${tag}`,
      '  <p>text <!-- a remark --></p>',
      '  <!-- not above a preload -->',
      '</head>',
      '',
    ].join('\n');
    expect(withoutPreloads(withPreloads)).toBe(
      [
        '<head>',
        '  <p>text <!-- a remark --></p>',
        '  <!-- not above a preload -->',
        '</head>',
        '',
      ].join('\n'),
    );
  });

  it('keeps a comment that ends a line of other content', () => {
    const html = `<p>x</p> <!-- c -->\n  ${tag}\n</head>\n`;
    expect(withoutPreloads(html)).toBe('<p>x</p> <!-- c -->\n</head>\n');
  });

  it('keeps a preload that shares its line with other content', () => {
    const html = `<p>x</p><link rel="preload" href="/a" as="fetch">\n</head>\n`;
    expect(withoutPreloads(html)).toBe(html);
  });
});

describe('pageScript with other attributes around type and src', () => {
  it('finds the module script', () => {
    expect(pageScript('<script defer type="module" data-page="x" src="/x/main.js"></script>')).toBe(
      '/x/main.js',
    );
    expect(
      pageScript('<script data-a="1" data-b="2" type="module" src="/y/main.js"></script>'),
    ).toBe('/y/main.js');
  });
});
