import { quantityText } from '../../shared/catalog/quantity-text';
import { api, asApiError } from '../lib/api';
import { $, announce, h, replace } from '../lib/dom';
import { formatDate, formatNumber, formatVnd, ocopBadge, priceNode } from '../lib/format';
import { bi, tr } from '../lib/i18n';
import { setupPage } from '../lib/layout';
import { takePageData } from '../lib/page-data';
import {
  imageUrl,
  nameOf,
  type PublicProduct,
  pictureOf,
  responsiveImage,
  smallImageUrl,
  unitOf,
} from '../lib/products';

/** The main picture spans the screen on a phone and ~600 px beside the details on wider ones. */
const MAIN_SIZES = '(min-width: 700px) 600px, 100vw';

import { loadReference, type Reference } from '../lib/reference';
import { addToCartForm, type DateAvailability, loadAvailability } from './add-to-cart';

/** One product: pictures, price and tiers, stock or capacity, description, certificates, seller. */
const root = $('#product');
const error = $('#error');

function gallery(p: PublicProduct, ref: Reference) {
  const [first] = p.images;
  if (!first) return h('div', { class: 'gallery' }, pictureOf(p, ref, 'main-image'));
  const name = nameOf(p.name);
  const main = responsiveImage(
    first,
    { class: 'main-image', alt: bi(`${name.vi}, ảnh 1`, `${name.en}, picture 1`) },
    MAIN_SIZES,
  );
  const thumbs =
    p.images.length > 1
      ? h(
          'ul',
          { class: 'thumbs', 'aria-label': bi('Ảnh sản phẩm', 'Product pictures') },
          p.images.map((key, i) =>
            h(
              'li',
              null,
              h(
                'button',
                {
                  type: 'button',
                  'aria-pressed': String(i === 0),
                  'aria-label': bi(`Xem ảnh ${i + 1}`, `Show picture ${i + 1}`),
                  onclick: (e: Event) => {
                    main.srcset = `${smallImageUrl(key)} 480w, ${imageUrl(key)} 1600w`;
                    main.src = imageUrl(key);
                    main.alt = tr(bi(`${name.vi}, ảnh ${i + 1}`, `${name.en}, picture ${i + 1}`));
                    main.setAttribute('data-vi-alt', `${name.vi}, ảnh ${i + 1}`);
                    main.setAttribute('data-en-alt', `${name.en}, picture ${i + 1}`);
                    for (const b of (e.currentTarget as HTMLElement)
                      .closest('ul')
                      ?.querySelectorAll('button') ?? [])
                      b.setAttribute('aria-pressed', String(b === e.currentTarget));
                  },
                },
                responsiveImage(key, { alt: '' }, '64px'),
              ),
            ),
          ),
        )
      : null;
  return h('div', { class: 'gallery' }, main, thumbs);
}

function render(p: PublicProduct, ref: Reference, availability?: DateAvailability[]) {
  const unit = unitOf(p, ref);
  const name = nameOf(p.name);
  document.title = `${tr(name)} · Chợ Số`;
  const title = document.querySelector('title');
  title?.setAttribute('data-vi', `${name.vi} · Chợ Số`);
  title?.setAttribute('data-en', `${name.en} · Chợ Số`);

  const quantity = quantityText(p, unit, formatNumber);

  const ocop = p.certifications.find((c) => c.kind === 'ocop');
  replace(
    root,
    gallery(p, ref),
    h(
      'div',
      null,
      h('h1', { lang: p.name.en ? undefined : 'vi' }, name),
      ocop?.stars ? h('p', null, ocopBadge(ocop.stars)) : null,
      h('p', { class: 'price-line' }, priceNode(p.price, unit)),
      p.priceTiers.length > 0
        ? h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              null,
              h('caption', { class: 'sr-only' }, bi('Giá theo số lượng', 'Quantity prices')),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  h('th', { scope: 'col' }, bi('Mua từ', 'Buying at least')),
                  h('th', { scope: 'col' }, bi('Đơn giá', 'Unit price')),
                ),
              ),
              h(
                'tbody',
                null,
                p.priceTiers.map((t) =>
                  h(
                    'tr',
                    null,
                    h('td', null, `${formatNumber(t.minQuantity)} `, unit),
                    h('td', null, formatVnd(t.unitPrice), '/', unit),
                  ),
                ),
              ),
            ),
          )
        : null,
      quantity ? h('p', null, h('strong', null, quantity)) : null,
      addToCartForm(p, unit, availability),
      h(
        'dl',
        { class: 'facts' },
        h('dt', null, bi('Danh mục', 'Category')),
        h('dd', null, ref.category(p.category)),
        h('dt', null, bi('Đơn vị', 'Unit')),
        h('dd', null, unit),
        h('dt', null, bi('Xuất xứ', 'Origin')),
        h('dd', null, ref.commune(p.originCommune.code)),
        h('dt', null, bi('Người bán', 'Seller')),
        h(
          'dd',
          null,
          h(
            'a',
            { href: `/?seller=${encodeURIComponent(p.seller.id)}`, lang: 'vi' },
            p.seller.legalName,
          ),
          ', ',
          ref.commune(p.seller.commune.code),
        ),
      ),
      p.description.vi
        ? [
            h('h2', null, bi('Mô tả', 'Description')),
            h(
              'p',
              { class: 'description', lang: p.description.en ? undefined : 'vi' },
              bi(p.description.vi, p.description.en || p.description.vi),
            ),
          ]
        : null,
      p.certifications.length > 0
        ? [
            h('h2', null, bi('Chứng nhận', 'Certifications')),
            h(
              'ul',
              null,
              p.certifications.map((c) =>
                h(
                  'li',
                  null,
                  c.kind === 'ocop' && c.stars
                    ? bi(`OCOP ${c.stars} sao`, `OCOP ${c.stars} stars`)
                    : ref.certification(c.kind),
                  c.number ? bi(` · số ${c.number}`, ` · no. ${c.number}`) : null,
                  c.expiresOn
                    ? bi(
                        ` · hiệu lực đến ${formatDate(c.expiresOn)}`,
                        ` · valid until ${formatDate(c.expiresOn)}`,
                      )
                    : null,
                ),
              ),
            ),
          ]
        : null,
    ),
  );
  root.removeAttribute('aria-busy');
}

setupPage({ section: 'shop' });
const id = new URLSearchParams(location.search).get('id') ?? '';
if (!/^[A-Za-z0-9-]{1,64}$/.test(id)) {
  replace(root, h('h1', null, bi('Không tìm thấy sản phẩm', 'Product not found')));
  root.removeAttribute('aria-busy');
} else {
  // The product may be in the HTML already (functions/pages): shown at once, not fetched again;
  // the script completes it (the add-to-cart form) when the reference data is there.
  const inPage = takePageData<PublicProduct>('product');
  Promise.all([
    inPage?.id === id
      ? { product: inPage }
      : api<{ product: PublicProduct }>(`/api/products/${encodeURIComponent(id)}`),
    loadReference(),
  ])
    .then(async ([{ product }, ref]) => {
      const availability =
        product.kind === 'service'
          ? await loadAvailability(product.id).catch(() => undefined)
          : undefined;
      render(product, ref, availability);
    })
    .catch((err: unknown) => {
      const e = asApiError(err);
      if (inPage?.id === id) {
        // The product is on the page: it stays, the message says what else failed.
        announce(error, e.bi(), 'error');
        return;
      }
      replace(
        root,
        h(
          'h1',
          null,
          e.code === 'product.notFound'
            ? bi('Không tìm thấy sản phẩm', 'Product not found')
            : bi('Không tải được sản phẩm', 'Could not load the product'),
        ),
      );
      root.removeAttribute('aria-busy');
      if (e.code !== 'product.notFound') announce(error, e.bi(), 'error');
    });
}
