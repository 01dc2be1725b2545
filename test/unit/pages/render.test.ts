import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { esc, jsonForScript, PAGE_DATA_ID } from '../../../shared/pages/html';
import {
  countText,
  fillProduct,
  fillStorefront,
  formatNumber,
  type ProductSummary,
  type PublicProduct,
  productCardHtml,
  productHtml,
} from '../../../shared/pages/render';

/**
 * The server-filled pages (functions/pages): the markup the page scripts would build, every text
 * escaped, amounts as `1.250.000 ₫`, the data for the script readable back unchanged.
 */
const EVIL = '</script><script>alert("x")</script> & \'Tôm\' <b>';

const summary = (over: Partial<ProductSummary> = {}): ProductSummary => ({
  id: 'pr-1',
  name: { vi: 'Tôm khô Rạch Gốc', en: 'Rach Goc dried shrimp' },
  category: 'driedSeafood',
  kind: 'goods',
  unit: 'kg',
  unitLabel: { vi: 'kg', en: 'kg' },
  price: 1_250_000,
  priceTiers: [],
  inStock: true,
  stock: 1200,
  originCommune: { code: '32011', name: 'Xã Tân Ân' },
  certifications: [],
  images: [],
  seller: { id: 'se-1', legalName: 'HTX Rạch Gốc', commune: { code: '32011', name: 'Xã Tân Ân' } },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const product = (over: Partial<PublicProduct> = {}): PublicProduct => ({
  ...summary(),
  description: { vi: 'Tôm đất phơi nắng.', en: 'Sun-dried shrimp.' },
  ...over,
});

/** The text of an HTML fragment as a browser shows it (tags out, the entities we write decoded). */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

describe('escaping', () => {
  it('escapes the five characters that matter in text and attributes', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
    );
  });

  it('a product name with markup stays text in the card, the product page and the title', () => {
    const card = productCardHtml(summary({ name: { vi: EVIL, en: EVIL } }));
    expect(card).not.toContain('<script');
    expect(card).not.toContain('<b>');
    expect(card).toContain('&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)');
    expect(textOf(card)).toContain(EVIL);
    const page = productHtml(product({ name: { vi: EVIL }, description: { vi: EVIL } }));
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<b>');
    const template = readFileSync(
      join(import.meta.dirname, '../../../web/san-pham/index.html'),
      'utf8',
    );
    const html = fillProduct(template, product({ name: { vi: EVIL } }));
    // Only the page's own script and the data element: nothing the name brought.
    expect(html.match(/<script/g)).toHaveLength(2);
    expect(html).toContain(`<title data-vi="${esc(EVIL)} · Chợ Số"`);
  });

  it('seller names and ids are escaped too', () => {
    const card = productCardHtml(
      summary({
        id: 'a"b',
        seller: { id: 's"><x', legalName: '<i>HTX</i>', commune: { code: '0', name: '<c>' } },
      }),
    );
    expect(card).toContain('href="/san-pham/?id=a%22b"');
    expect(card).toContain('&lt;i&gt;HTX&lt;/i&gt;');
    expect(card).not.toContain('<i>');
  });

  it('data for the script cannot close its element, and parses back unchanged', () => {
    const value = { name: EVIL, sep: '\u2028\u2029', comment: '<!--' };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

describe('formatting', () => {
  it('amounts as 1.250.000 ₫ with the unit, in both languages', () => {
    const card = productCardHtml(summary());
    expect(card).toContain(
      '<strong class="amount">1.250.000\u00a0₫</strong>/<span class="unit"><span data-vi="kg" data-en="kg">kg</span></span>',
    );
    expect(formatNumber(1_250_000)).toBe('1.250.000');
    expect(countText(1)).toEqual({ vi: '1 sản phẩm', en: '1 product' });
    expect(countText(1200)).toEqual({ vi: '1.200 sản phẩm', en: '1.200 products' });
  });

  it('names, categories, communes and badges in Vietnamese with the English twin', () => {
    const card = productCardHtml(
      summary({
        certifications: [
          { kind: 'ocop', stars: 4, number: 'OCOP-1', expiresOn: '2027-01-01' },
          { kind: 'organic' },
        ],
        inStock: false,
        images: ['img/se-1/a b.jpg'],
      }),
    );
    expect(card).toContain(
      'data-vi="Tôm khô Rạch Gốc" data-en="Rach Goc dried shrimp">Tôm khô Rạch Gốc<',
    );
    expect(card).toContain('OCOP ★★★★');
    expect(card).toContain('data-vi="Hữu cơ" data-en="Organic"');
    expect(card).toContain('data-vi="Hết hàng" data-en="Sold out"');
    expect(card).toContain('src="/images/img/se-1/a%20b.jpg"');
    expect(card).toContain(
      'srcset="/images/img/se-1/a%20b-w480.jpg 480w, /images/img/se-1/a%20b.jpg 1600w"',
    );
    // A name without English is marked Vietnamese, as the script marks it.
    expect(productCardHtml(summary({ name: { vi: 'Mắm' } }))).toContain('lang="vi"');
    // No picture: the category names the placeholder.
    expect(productCardHtml(summary())).toContain('data-vi="Hải sản khô" data-en="Dried seafood"');
  });

  it('the product: tiers, stock, capacity of a service, certificates with dates', () => {
    const html = productHtml(
      product({
        priceTiers: [{ minQuantity: 10, unitPrice: 1_100_000 }],
        certifications: [{ kind: 'vietgap', number: 'VG-1', expiresOn: '2027-03-31' }],
      }),
    );
    expect(html).toContain('<h1><span data-vi="Tôm khô Rạch Gốc"');
    expect(textOf(html)).toContain('10 kg1.100.000\u00a0₫/kg');
    expect(html).toContain('data-vi="Còn 1.200 kg" data-en="In stock: 1.200 kg"');
    expect(html).toContain('data-vi=" · hiệu lực đến 31/03/2027"');
    const service = productHtml(
      product({ kind: 'service', inStock: true, stock: undefined, capacityPerDate: 20 }),
    );
    expect(service).toContain('Nhận tối đa 20 kg mỗi ngày');
  });
});

describe('filling the built pages', () => {
  const storefront = readFileSync(join(import.meta.dirname, '../../../web/index.html'), 'utf8');

  it('the storefront: cards instead of placeholders, the count, the data, no product preload', () => {
    const html = fillStorefront(storefront, { items: [summary()], total: 31, nextCursor: 'c1' });
    expect(html).not.toContain('class="skeleton"');
    expect(html).toContain('<ul id="grid" class="grid"><li><article class="card">');
    expect(html).toContain('data-vi="31 sản phẩm" data-en="31 products">31 sản phẩm</p>');
    expect(html).not.toContain('/api/products?limit=12');
    const data = new RegExp(
      `<script type="application/json" id="${PAGE_DATA_ID}">([^<]*)</script>`,
    ).exec(html);
    expect(JSON.parse(data?.[1] ?? 'null')).toEqual({
      storefront: { items: [summary()], total: 31, nextCursor: 'c1' },
    });
    // The rest of the page is as built.
    expect(html).toContain('<script type="module" src="/home/main.js"></script>');
    expect(html).toContain('id="search-form"');
  });

  it('refuses a template that lost its slots, instead of serving a page without products', () => {
    expect(() => fillStorefront('<html><body></body></html>', { items: [] })).toThrow(/grid/);
    expect(() => fillProduct('<html><body></body></html>', product())).toThrow(/product/);
  });
});
