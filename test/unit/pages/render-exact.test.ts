import { describe, expect, it } from 'vitest';
import {
  fillProduct,
  fillStorefront,
  type ProductSummary,
  type PublicProduct,
  productCardHtml,
  productHtml,
} from '../../../shared/pages/render';

/**
 * The server-rendered fragments, whole: every branch of the card and the product page compared
 * with the exact markup the page scripts build (web/lib/products.ts productCard, web/san-pham
 * render), so a dropped class, a lost English twin or a swapped condition shows as a diff.
 * Fixtures are built inside each test.
 */

/** `<span data-vi data-en>vi</span>`, the markup the language switch flips, written out by hand. */
const s = (vi: string, en = vi) => `<span data-vi="${vi}" data-en="${en}">${vi}</span>`;
const NBSP = '\u00a0';
/** JSON with <, > and & as \\u escapes (`jsonForScript`), spelled out. */
const scriptJson = (v: unknown) =>
  JSON.stringify(v).replace(
    /[<>&]/g,
    (c) => ({ '<': '\\u003c', '>': '\\u003e', '&': '\\u0026' })[c] ?? c,
  );

const summary = (over: Partial<ProductSummary> = {}): ProductSummary => ({
  id: 'pr-1',
  name: { vi: 'Tôm khô', en: 'Dried shrimp' },
  category: 'driedSeafood',
  kind: 'goods',
  unit: 'kg',
  unitLabel: { vi: 'ký', en: 'kilo' },
  price: 1_250_000,
  priceTiers: [],
  inStock: true,
  stock: 1200,
  // A real commune (the official list): its English name is the twin.
  originCommune: { code: '31825', name: 'stale name' },
  certifications: [],
  images: [],
  // An unknown commune code: the stored name, in both languages.
  seller: { id: 'se 1', legalName: 'HTX A&B', commune: { code: '99999', name: 'Xã Lạ' } },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...over,
});
const product = (over: Partial<PublicProduct> = {}): PublicProduct => ({
  ...summary(),
  description: { vi: 'V', en: 'E' },
  ...over,
});

const cardHead = (picture: string, link: string, name: string, unit: string) =>
  `<li><article class="card">${picture}<div class="card-body"><h3><a ${link}>${name}</a></h3>` +
  `<p class="price-line" style="margin:0"><span class="price"><strong class="amount">1.250.000${NBSP}₫</strong>/<span class="unit">${unit}</span></span></p>` +
  `<p class="meta"><span lang="vi">HTX A&amp;B</span> · ${s('Phường Bạc Liêu', 'Bac Lieu')}</p>`;
/** An OCOP record without stars: the type rules it out, but the renderer guards it (no empty star badge). */
const starless = { kind: 'ocop' } as unknown as ProductSummary['certifications'][number];
const CARD_SIZES = 'sizes="(min-width: 1000px) 260px, (min-width: 700px) 33vw, 50vw"';

describe('the storefront card, whole', () => {
  it('a plain product: category placeholder, price per unit label, seller, commune twin, no badges', () => {
    expect(productCardHtml(summary())).toBe(
      `${cardHead(
        `<div class="placeholder " aria-hidden="true">${s('Hải sản khô', 'Dried seafood')}</div>`,
        'href="/san-pham/?id=pr-1"',
        s('Tôm khô', 'Dried shrimp'),
        s('ký', 'kilo'),
      )}</div></article></li>`,
    );
  });

  it('a sold-out service with a picture and certificates: OCOP first with its stars, then the others, then sold out', () => {
    const html = productCardHtml(
      summary({
        kind: 'service',
        category: 'tour',
        name: { vi: 'Đi rừng' },
        unit: 'người',
        unitLabel: undefined,
        certifications: [
          { kind: 'vietgap' },
          { kind: 'ocop', stars: 3, number: 'O-3', expiresOn: '2027-01-01' },
          { kind: 'organic' },
        ],
        inStock: false,
        images: ['a/b.png', 'c.jpg'],
      }),
    );
    expect(html).toBe(
      cardHead(
        `<img class="thumb" alt="" loading="lazy" src="/images/a/b.png" srcset="/images/a/b-w480.png 480w, /images/a/b.png 1600w" ${CARD_SIZES}>`,
        'href="/san-pham/?id=pr-1" lang="vi"',
        s('Đi rừng'),
        s('người'),
      ) +
        '<p class="badges" style="margin:0">' +
        `<span class="badge ocop"><span aria-hidden="true">OCOP ★★★</span><span class="sr-only">${s('OCOP 3 sao', 'OCOP 3 stars')}</span></span>` +
        `<span class="badge">${s('VietGAP')}</span><span class="badge">${s('Hữu cơ', 'Organic')}</span>` +
        `<span class="badge status-archived">${s('Hết hàng', 'Sold out')}</span>` +
        '</p></div></article></li>',
    );
  });

  it('a service without a picture gets the service placeholder', () => {
    expect(productCardHtml(summary({ kind: 'service', category: 'tour' }))).toContain(
      `<article class="card"><div class="placeholder service" aria-hidden="true">${s('Tour du lịch', 'Tour')}</div>`,
    );
  });

  it('one other certificate alone shows the badges line; an OCOP without stars shows no star badge', () => {
    expect(productCardHtml(summary({ certifications: [{ kind: 'asc' }] }))).toContain(
      `</p><p class="badges" style="margin:0"><span class="badge">${s('ASC')}</span></p></div></article></li>`,
    );
    expect(productCardHtml(summary({ certifications: [starless] }))).toContain(
      '</p><p class="badges" style="margin:0"></p></div></article></li>',
    );
  });

  it('only jpg/png/webp keys at the end get a -w480 twin; others reuse the key', () => {
    expect(productCardHtml(summary({ images: ['x.webp.gif'] }))).toContain(
      'src="/images/x.webp.gif" srcset="/images/x.webp.gif 480w, /images/x.webp.gif 1600w"',
    );
    expect(productCardHtml(summary({ images: ['p/a.jpg'] }))).toContain(
      'srcset="/images/p/a-w480.jpg 480w, /images/p/a.jpg 1600w"',
    );
  });
});

const facts =
  `<div data-slot="add-to-cart"></div><dl class="facts"><dt>${s('Danh mục', 'Category')}</dt><dd>CATEGORY</dd>` +
  `<dt>${s('Đơn vị', 'Unit')}</dt><dd>UNIT</dd>` +
  `<dt>${s('Xuất xứ', 'Origin')}</dt><dd>${s('Phường Bạc Liêu', 'Bac Lieu')}</dd>` +
  `<dt>${s('Người bán', 'Seller')}</dt><dd><a href="/?seller=se%201" lang="vi">HTX A&amp;B</a>, ${s('Xã Lạ')}</dd></dl>`;
const factsOf = (category: string, unit: string) =>
  facts.replace('CATEGORY', category).replace('UNIT', unit);
const price = (unit: string) =>
  `<p class="price-line"><span class="price"><strong class="amount">1.250.000${NBSP}₫</strong>/<span class="unit">${unit}</span></span></p>`;
const placeholder = `<div class="gallery"><div class="placeholder " aria-hidden="true">${s('Hải sản khô', 'Dried seafood')}</div></div>`;
const h1 = `<h1>${s('Tôm khô', 'Dried shrimp')}</h1>`;

describe('the product page, whole', () => {
  it('goods in stock without description, tiers or certificates', () => {
    expect(productHtml(product({ description: { vi: '', en: 'x' } }))).toBe(
      `${placeholder}<div>${h1}${price(s('ký', 'kilo'))}` +
        `<p><strong>${s('Còn 1.200 ký', 'In stock: 1.200 kilo')}</strong></p>` +
        `${factsOf(s('Hải sản khô', 'Dried seafood'), s('ký', 'kilo'))}</div>`,
    );
  });

  it('a service with everything: picture, OCOP badge, tiers, capacity, description without English, certificates', () => {
    const room = s('phòng', 'room');
    const html = productHtml(
      product({
        kind: 'service',
        category: 'homestay',
        name: { vi: 'Nhà' },
        capacityPerDate: 1500,
        unitLabel: { vi: 'phòng', en: 'room' },
        images: ['h/1.webp'],
        priceTiers: [
          { minQuantity: 10, unitPrice: 1_100_000 },
          { minQuantity: 1000, unitPrice: 900_000 },
        ],
        certifications: [
          { kind: 'ocop', stars: 5, number: 'N<1>', expiresOn: '2027-03-31T20:00:00Z' },
          { kind: 'asc', expiresOn: 'soon' },
          starless,
          { kind: 'zz' as 'asc' },
        ],
        description: { vi: 'Mô tả "đẹp"' },
      }),
    );
    expect(html).toBe(
      '<div class="gallery"><img class="main-image" alt="Nhà, ảnh 1" data-vi-alt="Nhà, ảnh 1" data-en-alt="Nhà, picture 1" src="/images/h/1.webp" srcset="/images/h/1-w480.webp 480w, /images/h/1.webp 1600w" sizes="(min-width: 700px) 600px, 100vw"></div>' +
        `<div><h1 lang="vi">${s('Nhà')}</h1>` +
        `<p><span class="badge ocop"><span aria-hidden="true">OCOP ★★★★★</span><span class="sr-only">${s('OCOP 5 sao', 'OCOP 5 stars')}</span></span></p>` +
        price(room) +
        `<div class="table-wrap"><table><caption class="sr-only">${s('Giá theo số lượng', 'Quantity prices')}</caption>` +
        `<thead><tr><th scope="col">${s('Mua từ', 'Buying at least')}</th><th scope="col">${s('Đơn giá', 'Unit price')}</th></tr></thead><tbody>` +
        `<tr><td>10 ${room}</td><td>1.100.000${NBSP}₫/${room}</td></tr>` +
        `<tr><td>1.000 ${room}</td><td>900.000${NBSP}₫/${room}</td></tr>` +
        '</tbody></table></div>' +
        `<p><strong>${s('Nhận tối đa 1.500 phòng mỗi ngày', 'Daily capacity: 1.500 (room)')}</strong></p>` +
        factsOf(s('Homestay'), room) +
        `<h2>${s('Mô tả', 'Description')}</h2><p class="description" lang="vi">${s('Mô tả &quot;đẹp&quot;')}</p>` +
        `<h2>${s('Chứng nhận', 'Certifications')}</h2><ul>` +
        `<li>${s('OCOP 5 sao', 'OCOP 5 stars')}${s(' · số N&lt;1&gt;', ' · no. N&lt;1&gt;')}${s(' · hiệu lực đến 01/04/2027', ' · valid until 01/04/2027')}</li>` +
        `<li>${s('ASC')}${s(' · hiệu lực đến soon', ' · valid until soon')}</li>` +
        `<li>${s('OCOP')}</li><li>${s('ZZ')}</li></ul></div>`,
    );
  });

  it('a service without a capacity says nothing about quantity; an English description is not marked vi', () => {
    expect(productHtml(product({ kind: 'service', category: 'tour' }))).toBe(
      `<div class="gallery"><div class="placeholder service" aria-hidden="true">${s('Tour du lịch', 'Tour')}</div></div>` +
        `<div>${h1}${price(s('ký', 'kilo'))}${factsOf(s('Tour du lịch', 'Tour'), s('ký', 'kilo'))}` +
        `<h2>${s('Mô tả', 'Description')}</h2><p class="description">${s('V', 'E')}</p></div>`,
    );
  });

  it('sold out, and in stock without a stock figure', () => {
    const rest = `${factsOf(s('Hải sản khô', 'Dried seafood'), s('ký', 'kilo'))}<h2>${s('Mô tả', 'Description')}</h2><p class="description">${s('V', 'E')}</p></div>`;
    expect(productHtml(product({ inStock: false, stock: undefined }))).toBe(
      `${placeholder}<div>${h1}${price(s('ký', 'kilo'))}<p><strong>${s('Hết hàng', 'Sold out')}</strong></p>${rest}`,
    );
    expect(productHtml(product({ stock: undefined }))).toBe(
      `${placeholder}<div>${h1}${price(s('ký', 'kilo'))}<p><strong>${s('Còn 0 ký', 'In stock: 0 kilo')}</strong></p>${rest}`,
    );
  });

  it('the star badge comes from the OCOP certificate, wherever it is in the list', () => {
    const html = productHtml(
      product({
        certifications: [
          { kind: 'vietgap' },
          { kind: 'ocop', stars: 4, number: 'O-4', expiresOn: '2027-01-01' },
        ],
      }),
    );
    expect(html).toContain(
      `${h1}<p><span class="badge ocop"><span aria-hidden="true">OCOP ★★★★</span><span class="sr-only">${s('OCOP 4 sao', 'OCOP 4 stars')}</span></span></p><p class="price-line">`,
    );
  });

  it('stars on a record that is not OCOP (ruled out by the type) do not make it OCOP', () => {
    const odd = { kind: 'vietgap', stars: 4 } as unknown as PublicProduct['certifications'][number];
    expect(productHtml(product({ certifications: [odd] }))).toContain(
      `<ul><li>${s('VietGAP')}</li></ul></div>`,
    );
  });

  it('an unknown category is shown by its id, an unknown unit label by the unit', () => {
    const html = productHtml(
      product({ category: 'nope' as 'other', unitLabel: undefined, unit: 'bó' }),
    );
    expect(html).toContain(
      `<dd>${s('nope')}</dd><dt>${s('Đơn vị', 'Unit')}</dt><dd>${s('bó')}</dd>`,
    );
  });
});

describe('filling templates, exactly', () => {
  const storefrontTemplate = (head: string) =>
    `<html><head>\n${head}</head><body>\n<p id="count" role="status"></p>\n<ul id="grid" class="grid" aria-busy="true"><li class="skeleton"></li></ul>\n</body></html>`;

  it('the storefront: preload (and the comment above it) out, grid and count in, data before </body>', () => {
    const page = { items: [summary({ images: [] })], total: 1 };
    const html = fillStorefront(
      storefrontTemplate(
        '  <link rel="stylesheet" href="/s.css">\n  <!-- The first page (a comment) -->\n    <link rel="preload" href="/api/products?limit=12" as="fetch">\n',
      ),
      page,
    );
    expect(html).toBe(
      '<html><head>\n  <link rel="stylesheet" href="/s.css">\n</head><body>\n' +
        `<p id="count" role="status" aria-live="polite" data-vi="1 sản phẩm" data-en="1 product">1 sản phẩm</p>\n` +
        `<ul id="grid" class="grid">${productCardHtml(summary())}</ul>\n` +
        `  <script type="application/json" id="page-data">${scriptJson({ storefront: page })}</script>\n</body></html>`,
    );
  });

  it('a preload without a comment goes too; one not on its own line stays; no items, no total: 0', () => {
    const html = fillStorefront(
      storefrontTemplate(
        '<link rel="preload" href="/api/products?limit=12">\n<b></b><link rel="preload" href="/api/products?x=1">\n',
      ),
      { items: [] },
    );
    expect(html).toBe(
      '<html><head>\n<b></b><link rel="preload" href="/api/products?x=1">\n</head><body>\n' +
        '<p id="count" role="status" aria-live="polite" data-vi="0 sản phẩm" data-en="0 products">0 sản phẩm</p>\n' +
        '<ul id="grid" class="grid"></ul>\n' +
        '  <script type="application/json" id="page-data">{"storefront":{"items":[]}}</script>\n</body></html>',
    );
  });

  it('a preload that does not start its line is left alone', () => {
    const head = '<meta charset="utf-8"><link rel="preload" href="/api/products?limit=12">\n';
    expect(fillStorefront(storefrontTemplate(head), { items: [] })).toContain(
      `<html><head>\n${head}</head>`,
    );
  });

  it('two cards are joined with nothing between them', () => {
    const a = summary({ id: 'a' });
    const b = summary({ id: 'b' });
    expect(fillStorefront(storefrontTemplate(''), { items: [a, b], total: 2 })).toContain(
      `<ul id="grid" class="grid">${productCardHtml(a)}${productCardHtml(b)}</ul>`,
    );
  });

  it('a template without </body> is refused', () => {
    expect(() => fillStorefront('<p id="count"></p><ul id="grid"></ul>', { items: [] })).toThrow(
      /^the page template has no <\/body>$/,
    );
    expect(() => fillProduct('<article id="product"></article>', product())).toThrow(
      /^the page template has no <\/body>$/,
    );
  });

  it('the product page: title in both languages, the article, the product as data', () => {
    const p = product({ name: { vi: 'Mắm "ba khía"', en: 'Crab <paste>' } });
    const html = fillProduct(
      '<head><title data-en="Product · Chợ Số">Sản phẩm · Chợ Số</title></head><body><article id="product" class="product" aria-busy="true"><p>…</p></article>\n</body>',
      p,
    );
    expect(html).toBe(
      '<head><title data-vi="Mắm &quot;ba khía&quot; · Chợ Số" data-en="Crab &lt;paste&gt; · Chợ Số">Mắm &quot;ba khía&quot; · Chợ Số</title></head>' +
        `<body><article id="product" class="product">${productHtml(p)}</article>\n` +
        `  <script type="application/json" id="page-data">${scriptJson({ product: p })}</script>\n</body>`,
    );
  });
});
