import { type Attrs, h } from './dom';
import { ocopBadge, priceNode } from './format';
import { type Bi, bi } from './i18n';
import type { Reference } from './reference';

/** Shapes of shared/catalog/view.ts as the pages read them (JSON). */
export interface Texts {
  vi: string;
  en?: string;
}
export interface Certification {
  kind: 'ocop' | 'vietgap' | 'asc' | 'organic';
  stars?: 3 | 4 | 5;
  number?: string;
  expiresOn?: string;
}
export interface ProductSummary {
  id: string;
  name: Texts;
  category: string;
  kind: 'goods' | 'service';
  unit: string;
  unitLabel?: { vi: string; en: string };
  price: number;
  priceTiers: Array<{ minQuantity: number; unitPrice: number }>;
  inStock: boolean;
  stock?: number;
  capacityPerDate?: number;
  originCommune: { code: string; name: string };
  certifications: Certification[];
  images: string[];
  seller: { id: string; legalName: string; commune: { code: string; name: string } };
  createdAt: string;
  updatedAt: string;
}
export interface PublicProduct extends ProductSummary {
  description: Texts;
}
export interface OwnProduct {
  id: string;
  sellerId: string;
  name: Texts;
  description: Texts;
  category: string;
  kind: 'goods' | 'service';
  unit: string;
  unitLabel?: { vi: string; en: string };
  price: number;
  priceTiers: Array<{ minQuantity: number; unitPrice: number }>;
  stock?: number;
  capacityPerDate?: number;
  originCommuneCode: string;
  originCommune?: { code: string; name: string };
  certifications: Certification[];
  images: string[];
  status: 'draft' | 'active' | 'archived';
  listed?: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** A product's name in both languages (English falls back to the Vietnamese name). */
export const nameOf = (name: Texts): Bi => bi(name.vi, name.en || name.vi);

/** An image key's public address. */
export const imageUrl = (key: string) =>
  `/images/${key.split('/').map(encodeURIComponent).join('/')}`;

export function unitOf(
  p: { unit: string; unitLabel?: { vi: string; en: string } },
  ref?: Reference,
): Bi {
  if (p.unitLabel) return bi(p.unitLabel.vi, p.unitLabel.en);
  return ref ? ref.unit(p.unit) : bi(p.unit);
}

/** The small copy beside a main image (shared/storage/upload-url.ts SMALL_IMAGE_WIDTH). */
export const smallImageUrl = (key: string) =>
  imageUrl(key.replace(/\.(jpg|png|webp)$/, '-w480.$1'));

/**
 * An <img> that lets the browser pick the 480 px copy or the main picture (≤ 1600 px) for the
 * space it has (`sizes`), so a phone on a slow network loads ~30 kB a card, not ~200 kB. Pictures
 * uploaded without a small copy (through the API) fall back to the main one.
 */
export function responsiveImage(key: string, attributes: Attrs, sizes: string): HTMLImageElement {
  const img = h('img', {
    ...attributes,
    src: imageUrl(key),
    srcset: `${smallImageUrl(key)} 480w, ${imageUrl(key)} 1600w`,
    sizes,
  });
  img.addEventListener(
    'error',
    () => {
      if (!img.srcset) return;
      img.removeAttribute('srcset');
      img.src = imageUrl(key);
    },
    { once: true },
  );
  return img;
}

/** Cards are half the screen on a phone, a third or a quarter on wider screens (styles.css .grid). */
export const CARD_SIZES = '(min-width: 1000px) 260px, (min-width: 700px) 33vw, 50vw';

/** A picture, or a calm placeholder naming the category when there is none. */
export function pictureOf(
  p: { images: string[]; category: string; kind: string },
  ref: Reference | undefined,
  className: string,
) {
  const key = p.images[0];
  if (key) return responsiveImage(key, { class: className, alt: '', loading: 'lazy' }, CARD_SIZES);
  return h(
    'div',
    { class: `placeholder ${p.kind === 'service' ? 'service' : ''}`, 'aria-hidden': 'true' },
    ref ? ref.category(p.category) : p.category,
  );
}

/** The storefront card: picture, name (the link), price per unit, seller and commune, badges. */
export function productCard(p: ProductSummary, ref: Reference | undefined) {
  const ocop = p.certifications.find((c) => c.kind === 'ocop');
  const others = p.certifications.filter((c) => c.kind !== 'ocop');
  const commune = ref ? ref.commune(p.originCommune.code) : bi(p.originCommune.name);
  return h(
    'li',
    null,
    h(
      'article',
      { class: 'card' },
      pictureOf(p, ref, 'thumb'),
      h(
        'div',
        { class: 'card-body' },
        h(
          'h3',
          null,
          h(
            'a',
            {
              href: `/san-pham/?id=${encodeURIComponent(p.id)}`,
              lang: p.name.en ? undefined : 'vi',
            },
            nameOf(p.name),
          ),
        ),
        h('p', { class: 'price-line', style: 'margin:0' }, priceNode(p.price, unitOf(p, ref))),
        h('p', { class: 'meta' }, h('span', { lang: 'vi' }, p.seller.legalName), ' · ', commune),
        ocop || others.length > 0 || !p.inStock
          ? h(
              'p',
              { class: 'badges', style: 'margin:0' },
              ocop?.stars ? ocopBadge(ocop.stars) : null,
              others.map((c) =>
                h('span', { class: 'badge' }, ref ? ref.certification(c.kind) : c.kind),
              ),
              p.inStock
                ? null
                : h('span', { class: 'badge status-archived' }, bi('Hết hàng', 'Sold out')),
            )
          : null,
      ),
    ),
  );
}
