import { CATEGORIES, CERTIFICATIONS } from '../catalog/product';
import { quantityText } from '../catalog/quantity-text';
import type { productSummaryView, publicProductView } from '../catalog/view';
import { findCommune } from '../geo/communes';
import { formatVnd } from '../money';
import { attrs, type Bi, bi, biSpan, dataScript, esc } from './html';

/**
 * The storefront's first products and the product page's product as HTML, filled into the built
 * pages by functions/pages/*: a first visit on a slow network shows them with the page itself, not
 * a round trip after its script. The markup is what the page scripts build (web/lib/products.ts
 * `productCard`, web/san-pham/main.ts `render`), Vietnamese first with the English twin in
 * `data-en`; the scripts take over from the data in `#page-data` without fetching it again.
 */
export type ProductSummary = ReturnType<typeof productSummaryView>;
export type PublicProduct = ReturnType<typeof publicProductView>;
export interface StorefrontPage {
  items: ProductSummary[];
  total?: number;
  nextCursor?: string;
}

// The Intl formatters are made on first use: constructing one at import loads ICU locale data,
// ~10 ms CPU on every cold start (docs/architecture.md, Cold starts).
let numberFormat: Intl.NumberFormat | undefined;
/** 1.250.000 (vi-VN grouping), as web/lib/format.ts. */
export const formatNumber = (n: number): string => {
  numberFormat ??= new Intl.NumberFormat('vi-VN');
  return numberFormat.format(n);
};
let dateFormat: Intl.DateTimeFormat | undefined;
const formatDate = (iso: string) => {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  dateFormat ??= new Intl.DateTimeFormat('vi-VN', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  return dateFormat.format(d);
};

const nameOf = (name: { vi: string; en?: string }): Bi => bi(name.vi, name.en || name.vi);
const categoryOf = (id: string): Bi => {
  const c = (CATEGORIES as Record<string, { vi: string; en: string } | undefined>)[id];
  return c ? bi(c.vi, c.en) : bi(id);
};
const communeOf = (code: string, fallback: string): Bi => {
  const c = findCommune(code);
  return c ? bi(c.name, c.nameEn || c.name) : bi(fallback);
};
const certificationOf = (kind: string): Bi => {
  const c = (CERTIFICATIONS as Record<string, { vi: string; en: string } | undefined>)[kind];
  return c ? bi(c.vi, c.en) : bi(kind.toUpperCase());
};
const unitOf = (p: ProductSummary): Bi =>
  p.unitLabel ? bi(p.unitLabel.vi, p.unitLabel.en) : bi(p.unit);

/** An image key's public address (web/lib/products.ts imageUrl). */
export const imageUrl = (key: string): string =>
  `/images/${key.split('/').map(encodeURIComponent).join('/')}`;
const smallImageUrl = (key: string) => imageUrl(key.replace(/\.(jpg|png|webp)$/, '-w480.$1'));
/** web/lib/products.ts CARD_SIZES. */
const CARD_SIZES = '(min-width: 1000px) 260px, (min-width: 700px) 33vw, 50vw';
const MAIN_SIZES = '(min-width: 700px) 600px, 100vw';

const img = (key: string, extra: Record<string, string | undefined>, sizes: string) =>
  `<img${attrs({
    ...extra,
    src: imageUrl(key),
    srcset: `${smallImageUrl(key)} 480w, ${imageUrl(key)} 1600w`,
    sizes,
  })}>`;

/** `1.250.000 ₫/kg`: web/lib/format.ts priceNode. */
export const priceHtml = (amount: number, unit: Bi): string =>
  `<span class="price"><strong class="amount">${esc(formatVnd(amount))}</strong>/<span class="unit">${biSpan(unit)}</span></span>`;

const ocopBadge = (stars: number) =>
  `<span class="badge ocop"><span aria-hidden="true">OCOP ${'★'.repeat(stars)}</span><span class="sr-only">${biSpan(
    bi(`OCOP ${stars} sao`, `OCOP ${stars} stars`),
  )}</span></span>`;

/** One storefront card (web/lib/products.ts productCard). */
export function productCardHtml(p: ProductSummary): string {
  const ocop = p.certifications.find((c) => c.kind === 'ocop');
  const others = p.certifications.filter((c) => c.kind !== 'ocop');
  const key = p.images[0];
  const picture = key
    ? img(key, { class: 'thumb', alt: '', loading: 'lazy' }, CARD_SIZES)
    : `<div class="placeholder ${p.kind === 'service' ? 'service' : ''}" aria-hidden="true">${biSpan(categoryOf(p.category))}</div>`;
  const badges =
    ocop || others.length > 0 || !p.inStock
      ? `<p class="badges" style="margin:0">${ocop?.stars ? ocopBadge(ocop.stars) : ''}${others
          .map((c) => `<span class="badge">${biSpan(certificationOf(c.kind))}</span>`)
          .join('')}${
          p.inStock
            ? ''
            : `<span class="badge status-archived">${biSpan(bi('Hết hàng', 'Sold out'))}</span>`
        }</p>`
      : '';
  return (
    `<li><article class="card">${picture}<div class="card-body">` +
    `<h3><a${attrs({ href: `/san-pham/?id=${encodeURIComponent(p.id)}`, lang: p.name.en ? undefined : 'vi' })}>${biSpan(nameOf(p.name))}</a></h3>` +
    `<p class="price-line" style="margin:0">${priceHtml(p.price, unitOf(p))}</p>` +
    `<p class="meta"><span lang="vi">${esc(p.seller.legalName)}</span> · ${biSpan(communeOf(p.originCommune.code, p.originCommune.name))}</p>` +
    `${badges}</div></article></li>`
  );
}

/** "12 sản phẩm" / "12 products" (web/home/main.ts countText without a search). */
export const countText = (total: number): Bi =>
  bi(
    `${formatNumber(total)} sản phẩm`,
    `${formatNumber(total)} ${total === 1 ? 'product' : 'products'}`,
  );

/** The product's details (web/san-pham/main.ts render), without the add-to-cart form. */
export function productHtml(p: PublicProduct): string {
  const unit = unitOf(p);
  const name = nameOf(p.name);
  const first = p.images[0];
  const gallery = first
    ? img(
        first,
        {
          class: 'main-image',
          alt: `${name.vi}, ảnh 1`,
          'data-vi-alt': `${name.vi}, ảnh 1`,
          'data-en-alt': `${name.en}, picture 1`,
        },
        MAIN_SIZES,
      )
    : `<div class="placeholder ${p.kind === 'service' ? 'service' : ''}" aria-hidden="true">${biSpan(categoryOf(p.category))}</div>`;
  const quantity = quantityText(p, unit, formatNumber);
  const ocop = p.certifications.find((c) => c.kind === 'ocop');
  const tiers =
    p.priceTiers.length > 0
      ? `<div class="table-wrap"><table><caption class="sr-only">${biSpan(bi('Giá theo số lượng', 'Quantity prices'))}</caption>` +
        `<thead><tr><th scope="col">${biSpan(bi('Mua từ', 'Buying at least'))}</th><th scope="col">${biSpan(bi('Đơn giá', 'Unit price'))}</th></tr></thead><tbody>` +
        p.priceTiers
          .map(
            (t) =>
              `<tr><td>${esc(formatNumber(t.minQuantity))} ${biSpan(unit)}</td><td>${esc(formatVnd(t.unitPrice))}/${biSpan(unit)}</td></tr>`,
          )
          .join('') +
        '</tbody></table></div>'
      : '';
  const facts =
    `<dl class="facts"><dt>${biSpan(bi('Danh mục', 'Category'))}</dt><dd>${biSpan(categoryOf(p.category))}</dd>` +
    `<dt>${biSpan(bi('Đơn vị', 'Unit'))}</dt><dd>${biSpan(unit)}</dd>` +
    `<dt>${biSpan(bi('Xuất xứ', 'Origin'))}</dt><dd>${biSpan(communeOf(p.originCommune.code, p.originCommune.name))}</dd>` +
    `<dt>${biSpan(bi('Người bán', 'Seller'))}</dt><dd><a href="/?seller=${esc(encodeURIComponent(p.seller.id))}" lang="vi">${esc(p.seller.legalName)}</a>, ${biSpan(communeOf(p.seller.commune.code, p.seller.commune.name))}</dd></dl>`;
  const description = p.description.vi
    ? `<h2>${biSpan(bi('Mô tả', 'Description'))}</h2><p${attrs({ class: 'description', lang: p.description.en ? undefined : 'vi' })}>${biSpan(bi(p.description.vi, p.description.en || p.description.vi))}</p>`
    : '';
  const certificates =
    p.certifications.length > 0
      ? `<h2>${biSpan(bi('Chứng nhận', 'Certifications'))}</h2><ul>${p.certifications
          .map(
            (c) =>
              `<li>${biSpan(c.kind === 'ocop' && c.stars ? bi(`OCOP ${c.stars} sao`, `OCOP ${c.stars} stars`) : certificationOf(c.kind))}` +
              `${c.number ? biSpan(bi(` · số ${c.number}`, ` · no. ${c.number}`)) : ''}` +
              `${c.expiresOn ? biSpan(bi(` · hiệu lực đến ${formatDate(c.expiresOn)}`, ` · valid until ${formatDate(c.expiresOn)}`)) : ''}</li>`,
          )
          .join('')}</ul>`
      : '';
  return (
    `<div class="gallery">${gallery}</div><div>` +
    `<h1${attrs({ lang: p.name.en ? undefined : 'vi' })}>${biSpan(name)}</h1>` +
    `${ocop?.stars ? `<p>${ocopBadge(ocop.stars)}</p>` : ''}` +
    `<p class="price-line">${priceHtml(p.price, unit)}</p>${tiers}` +
    `${quantity ? `<p><strong>${biSpan(quantity)}</strong></p>` : ''}` +
    `<div data-slot="add-to-cart"></div>${facts}${description}${certificates}</div>`
  );
}

/** Replaces the element with this id (its open tag up to the first close tag of its name). */
function replaceElement(html: string, tag: string, id: string, outer: string): string {
  const re = new RegExp(`<${tag} id="${id}"[^>]*>[\\s\\S]*?</${tag}>`);
  if (!re.test(html)) throw new Error(`the page template has no <${tag} id="${id}">`);
  return html.replace(re, () => outer);
}
const insertData = (html: string, data: unknown) => {
  if (!html.includes('</body>')) throw new Error('the page template has no </body>');
  return html.replace('</body>', () => `  ${dataScript(data)}\n</body>`);
};

/**
 * The built storefront (web/dist/index.html) with its first products in the grid, the count,
 * and the page as data; the preload of that page goes (the data is here).
 */
export function fillStorefront(template: string, page: StorefrontPage): string {
  let html = template.replace(
    /^[ \t]*(<!--[^>]*-->\n[ \t]*)?<link rel="preload" href="\/api\/products\?[^"]*"[^>]*>\n/m,
    '',
  );
  html = replaceElement(
    html,
    'ul',
    'grid',
    `<ul id="grid" class="grid">${page.items.map(productCardHtml).join('')}</ul>`,
  );
  const count = countText(page.total ?? page.items.length);
  html = replaceElement(
    html,
    'p',
    'count',
    `<p id="count" role="status" aria-live="polite" data-vi="${esc(count.vi)}" data-en="${esc(count.en)}">${esc(count.vi)}</p>`,
  );
  return insertData(html, { storefront: page });
}

/** The built product page (web/dist/san-pham/index.html) with the product in it. */
export function fillProduct(template: string, product: PublicProduct): string {
  const name = nameOf(product.name);
  let html = template.replace(
    /<title[^>]*>[^<]*<\/title>/,
    () =>
      `<title data-vi="${esc(name.vi)} · Chợ Số" data-en="${esc(name.en)} · Chợ Số">${esc(name.vi)} · Chợ Số</title>`,
  );
  html = replaceElement(
    html,
    'article',
    'product',
    `<article id="product" class="product">${productHtml(product)}</article>`,
  );
  return insertData(html, { product });
}
