import * as z from 'zod/mini';
import type * as core from 'zod/v4/core';
import { AppError } from '../errors';
import { isCommuneCode } from '../geo/communes';
import { provinceDate } from '../province-date';
import type { SellerStatus } from '../sellers/seller';
import { PRODUCT_CONTENT_KEYS, type PRODUCT_FIELDS } from './fields';

/**
 * A product: goods sold by unit with stock, or a service (tour, homestay, boat trip) sold with a
 * capacity per date. Prices are whole VND. Schemas here are shared by the API and the web form;
 * types are derived from them. Pure: no I/O, clock or randomness (time and ids come in).
 */

// ---- reference lists (closed, with labels for pickers) -------------------------------------

export const CATEGORY_IDS = [
  'seafood',
  'driedSeafood',
  'crab',
  'rice',
  'honey',
  'fruit',
  'processedFood',
  'handicraft',
  'tour',
  'homestay',
  'other',
] as const;
export type ProductCategory = (typeof CATEGORY_IDS)[number];
export type ProductKind = 'goods' | 'service';

export const CATEGORIES: Record<ProductCategory, { vi: string; en: string; kind: ProductKind }> = {
  seafood: { vi: 'Hải sản tươi', en: 'Fresh seafood', kind: 'goods' },
  driedSeafood: { vi: 'Hải sản khô', en: 'Dried seafood', kind: 'goods' },
  crab: { vi: 'Cua', en: 'Crab', kind: 'goods' },
  rice: { vi: 'Gạo', en: 'Rice', kind: 'goods' },
  honey: { vi: 'Mật ong', en: 'Honey', kind: 'goods' },
  fruit: { vi: 'Trái cây', en: 'Fruit', kind: 'goods' },
  processedFood: { vi: 'Thực phẩm chế biến', en: 'Processed food', kind: 'goods' },
  handicraft: { vi: 'Thủ công mỹ nghệ', en: 'Handicraft', kind: 'goods' },
  tour: { vi: 'Tour du lịch', en: 'Tour', kind: 'service' },
  homestay: { vi: 'Homestay', en: 'Homestay', kind: 'service' },
  other: { vi: 'Khác', en: 'Other', kind: 'goods' },
};

/** Goods or service follows from the category: tours and homestays are services. */
export const kindOf = (category: ProductCategory): ProductKind => CATEGORIES[category].kind;

/** Units of sale, by their Vietnamese name (what sellers type and buyers read). */
export const UNIT_IDS = [
  'kg',
  'g',
  'lít',
  'ml',
  'hộp',
  'túi',
  'chai',
  'hũ',
  'gói',
  'khay',
  'thùng',
  'con',
  'bó',
  'cái',
  'phần',
  'xâu',
  'người',
  'đêm',
  'phòng',
  'chuyến',
  'vé',
] as const;
export type ProductUnit = (typeof UNIT_IDS)[number];

export const UNITS: Record<ProductUnit, { vi: string; en: string }> = {
  kg: { vi: 'kg', en: 'kg' },
  g: { vi: 'g', en: 'g' },
  lít: { vi: 'lít', en: 'litre' },
  ml: { vi: 'ml', en: 'ml' },
  hộp: { vi: 'hộp', en: 'box' },
  túi: { vi: 'túi', en: 'bag' },
  chai: { vi: 'chai', en: 'bottle' },
  hũ: { vi: 'hũ', en: 'jar' },
  gói: { vi: 'gói', en: 'pack' },
  khay: { vi: 'khay', en: 'tray' },
  thùng: { vi: 'thùng', en: 'carton' },
  con: { vi: 'con', en: 'piece (animal)' },
  bó: { vi: 'bó', en: 'bunch' },
  cái: { vi: 'cái', en: 'item' },
  phần: { vi: 'phần', en: 'portion' },
  xâu: { vi: 'xâu', en: 'string' },
  người: { vi: 'người', en: 'person' },
  đêm: { vi: 'đêm', en: 'night' },
  phòng: { vi: 'phòng', en: 'room' },
  chuyến: { vi: 'chuyến', en: 'trip' },
  vé: { vi: 'vé', en: 'ticket' },
};

export const CERTIFICATION_KINDS = ['ocop', 'vietgap', 'asc', 'organic'] as const;
export type CertificationKind = (typeof CERTIFICATION_KINDS)[number];
export const CERTIFICATIONS: Record<CertificationKind, { vi: string; en: string }> = {
  ocop: { vi: 'OCOP', en: 'OCOP' },
  vietgap: { vi: 'VietGAP', en: 'VietGAP' },
  asc: { vi: 'ASC', en: 'ASC' },
  organic: { vi: 'Hữu cơ', en: 'Organic' },
};

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

// ---- limits ---------------------------------------------------------------------------------

export const LIMITS = {
  nameLength: 120,
  descriptionLength: 5000,
  minPrice: 1,
  maxPrice: 1_000_000_000,
  maxStock: 1_000_000,
  maxCapacityPerDate: 10_000,
  maxTiers: 5,
  maxTierQuantity: 1_000_000,
  maxCertifications: 10,
  maxImages: 10,
  certificateNumberLength: 64,
} as const;

// ---- schemas --------------------------------------------------------------------------------

/** C0/C1 controls and bidi overrides/isolates make names render deceptively. */
const SINGLE_LINE = /^[^\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/u;
/** Descriptions may hold line breaks and tabs, nothing else from those sets. */
const MULTI_LINE = /^(?:[\n\r\t]|[^\p{Cc}\u202a-\u202e\u2066-\u2069])*$/u;

const nfc = (s: string) => s.normalize('NFC');
const text = (min: number, max: number, pattern: RegExp) =>
  z.pipe(
    z
      .string()
      .check(
        z.trim(),
        z.minLength(min),
        z.maxLength(max),
        z.regex(pattern, 'No control characters'),
      ),
    z.transform(nfc),
  );
const singleLine = (max: number) => text(1, max, SINGLE_LINE);
const multiLine = (max: number) => text(0, max, MULTI_LINE);
const whole = (min: number, max: number) => z.int().check(z.minimum(min), z.maximum(max));

/** Vietnamese is required everywhere; English is optional. */
export const ProductNameSchema = z.lazy(() =>
  z.strictObject({
    vi: singleLine(LIMITS.nameLength),
    en: z.optional(singleLine(LIMITS.nameLength)),
  }),
);
export const ProductDescriptionSchema = z.lazy(() =>
  z.strictObject({
    vi: multiLine(LIMITS.descriptionLength),
    en: z.optional(multiLine(LIMITS.descriptionLength)),
  }),
);

export const ProductCategorySchema = z.lazy(() => z.enum(CATEGORY_IDS));
/** Accepts the unit in any Unicode normalisation form (a phone keyboard may send NFD). */
export const ProductUnitSchema = z.lazy(() =>
  z.pipe(z.pipe(z.string().check(z.maxLength(16)), z.transform(nfc)), z.enum(UNIT_IDS)),
);

export const PriceSchema = z.lazy(() => whole(LIMITS.minPrice, LIMITS.maxPrice));

export const PriceTierSchema = z.lazy(() =>
  z.strictObject({
    minQuantity: whole(2, LIMITS.maxTierQuantity),
    unitPrice: PriceSchema,
  }),
);
export type PriceTier = z.infer<typeof PriceTierSchema>;

const certificateNumber = z.lazy(() => singleLine(LIMITS.certificateNumberLength));
export const CertificationSchema = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('ocop'),
      stars: z.union([z.literal(3), z.literal(4), z.literal(5)]),
      number: certificateNumber,
      expiresOn: z.iso.date(),
    }),
    z.strictObject({
      kind: z.enum(['vietgap', 'asc', 'organic']),
      number: z.optional(certificateNumber),
      expiresOn: z.optional(z.iso.date()),
    }),
  ]),
);
export type Certification = z.infer<typeof CertificationSchema>;

/** Product (and seller) ids as they appear in paths and queries. */
export const ProductIdSchema = z.lazy(() =>
  z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'An id')),
);

/** Upload keys made by the uploads helper: `img/<sellerId>/<id>.<ext>`. */
export const IMAGE_KEY = /^img\/([A-Za-z0-9-]+)\/[A-Za-z0-9-]+\.(jpg|png|webp)$/;
export const ImageKeySchema = z.lazy(() =>
  z.string().check(z.maxLength(200), z.regex(IMAGE_KEY, 'Not an uploaded image key')),
);

export const CommuneCodeSchema = z.lazy(() =>
  z
    .string()
    .check(
      z.regex(/^\d{5}$/, 'A 5-digit commune code'),
      z.refine(isCommuneCode, 'Not an official commune code of the province'),
    ),
);

const PriceTiersSchema = z.lazy(() => z.array(PriceTierSchema).check(z.maxLength(LIMITS.maxTiers)));
const CertificationsSchema = z.lazy(() =>
  z.array(CertificationSchema).check(z.maxLength(LIMITS.maxCertifications)),
);
const ImagesSchema = z.lazy(() =>
  z.array(ImageKeySchema).check(
    z.maxLength(LIMITS.maxImages),
    z.refine((keys) => new Set(keys).size === keys.length, 'Each image once'),
  ),
);
/** Goods only: units in stock. */
const StockSchema = z.lazy(() => z.optional(whole(0, LIMITS.maxStock)));
/** Services only: how many people/rooms/trips can be sold per date. */
const CapacitySchema = z.lazy(() => z.optional(whole(1, LIMITS.maxCapacityPerDate)));

/** Every field a seller edits, before the cross-field rules. */
const contentShape = {
  name: ProductNameSchema,
  description: ProductDescriptionSchema,
  category: ProductCategorySchema,
  unit: ProductUnitSchema,
  price: PriceSchema,
  priceTiers: PriceTiersSchema,
  stock: StockSchema,
  capacityPerDate: CapacitySchema,
  originCommuneCode: CommuneCodeSchema,
  certifications: CertificationsSchema,
  images: ImagesSchema,
};

type ContentShape = {
  category: ProductCategory;
  price: number;
  priceTiers: PriceTier[];
  stock?: number | undefined;
  capacityPerDate?: number | undefined;
  certifications: Certification[];
};

/** Cross-field rules: goods have stock, services capacity; tiers are real discounts. */
function checkContent(value: ContentShape, ctx: core.$RefinementCtx<ContentShape>): void {
  const issue = (path: PropertyKey[], message: string) =>
    ctx.addIssue({ code: 'custom', path, message, input: value });
  const kind = kindOf(value.category);
  if (kind === 'goods') {
    if (value.stock === undefined) issue(['stock'], 'Goods need a stock');
    if (value.capacityPerDate !== undefined)
      issue(['capacityPerDate'], 'Only services have a capacity per date');
  } else {
    if (value.capacityPerDate === undefined)
      issue(['capacityPerDate'], 'Services need a capacity per date');
    if (value.stock !== undefined) issue(['stock'], 'Services have no stock');
  }
  let previous: PriceTier | undefined;
  for (const [i, tier] of value.priceTiers.entries()) {
    if (tier.unitPrice >= value.price)
      issue(['priceTiers', i, 'unitPrice'], 'A tier price must be below the base price');
    if (previous && tier.minQuantity <= previous.minQuantity)
      issue(['priceTiers', i, 'minQuantity'], 'Tier quantities must strictly increase');
    if (previous && tier.unitPrice >= previous.unitPrice)
      issue(['priceTiers', i, 'unitPrice'], 'Tier prices must strictly decrease');
    previous = tier;
  }
  if (value.certifications.filter((c) => c.kind === 'ocop').length > 1)
    issue(['certifications'], 'At most one OCOP rating');
  const seen = new Set<string>();
  for (const [i, cert] of value.certifications.entries()) {
    const key = certificationKey(cert);
    if (seen.has(key)) issue(['certifications', i], 'The same certification twice');
    seen.add(key);
  }
}

/** One certification: its kind and number (a kind without a number counts once). */
const certificationKey = (c: Certification) => `${c.kind}#${(c.number ?? '').trim().toLowerCase()}`;

/**
 * Refuses certifications already expired on `today` (the province's date) when they are entered:
 * a new product's, or an update's that were not on the product before (a certificate that expired
 * while listed may be sent back unchanged; the storefront hides it, see validCertifications).
 */
export function assertCertificationsCurrent(
  certs: readonly Certification[],
  today: string,
  already: readonly Certification[] = [],
): void {
  const known = new Set(already.map((c) => `${certificationKey(c)}#${c.expiresOn ?? ''}`));
  const issues = certs.flatMap((c, i) =>
    c.expiresOn !== undefined &&
    c.expiresOn < today &&
    !known.has(`${certificationKey(c)}#${c.expiresOn}`)
      ? [
          {
            in: 'body',
            path: `certifications.${i}.expiresOn`,
            code: 'custom',
            message: `Expired on ${c.expiresOn}`,
            params: { rule: 'certificationExpired', today },
          },
        ]
      : [],
  );
  if (issues.length > 0)
    throw new AppError('request.invalid', 'A certification has already expired', { issues });
}

/** A complete, consistent set of product fields (what a stored product must satisfy). */
export const ProductContentSchema = z.lazy(() =>
  z.strictObject(contentShape).check(z.superRefine(checkContent)),
);
export type ProductContent = z.infer<typeof ProductContentSchema>;

/** POST /api/seller/products: a new product, draft unless asked to go live at once. */
export const NewProductSchema = z.lazy(() =>
  z
    .strictObject({
      ...contentShape,
      description: z._default(ProductDescriptionSchema, { vi: '' }),
      priceTiers: z._default(PriceTiersSchema, []),
      certifications: z._default(CertificationsSchema, []),
      images: z._default(ImagesSchema, []),
      status: z._default(z.enum(['draft', 'active']), 'draft'),
    })
    .check(z.superRefine(checkContent)),
);
export type NewProduct = z.infer<typeof NewProductSchema>;
export type NewProductInput = z.input<typeof NewProductSchema>;

/**
 * PUT /api/seller/products/{id}: the fields to change (absent = unchanged; a given field replaces
 * the stored one whole), the version the seller last read, and optionally a new status.
 * `en` texts are removed by sending the object without them.
 */
export const ProductUpdateSchema = z.lazy(() =>
  z.strictObject({
    version: whole(1, Number.MAX_SAFE_INTEGER),
    name: z.optional(ProductNameSchema),
    description: z.optional(ProductDescriptionSchema),
    category: z.optional(ProductCategorySchema),
    unit: z.optional(ProductUnitSchema),
    price: z.optional(PriceSchema),
    priceTiers: z.optional(PriceTiersSchema),
    stock: StockSchema,
    capacityPerDate: CapacitySchema,
    originCommuneCode: z.optional(CommuneCodeSchema),
    certifications: z.optional(CertificationsSchema),
    images: z.optional(ImagesSchema),
    status: z.optional(z.enum(PRODUCT_STATUSES)),
  }),
);
export type ProductUpdate = z.infer<typeof ProductUpdateSchema>;

// ---- the product ----------------------------------------------------------------------------

export interface Product {
  id: string;
  sellerId: string;
  name: { vi: string; en?: string };
  description: { vi: string; en?: string };
  category: ProductCategory;
  unit: ProductUnit;
  /** Whole VND per unit. */
  price: number;
  /** Quantity discounts: minQuantity strictly increasing, unitPrice strictly decreasing. */
  priceTiers: PriceTier[];
  /** Goods: units in stock. */
  stock?: number;
  /** Services: capacity per date (date-specific capacity is future work). */
  capacityPerDate?: number;
  originCommuneCode: string;
  certifications: Certification[];
  images: string[];
  status: ProductStatus;
  createdAt: string;
  updatedAt: string;
  version: number;
}

// ---- rules ----------------------------------------------------------------------------------

/**
 * Status changes. Archived is the end of a product's life on the storefront but not a dead end:
 * a seller may restore it to draft (never straight to active, so it is reviewed before relisting).
 */
const TRANSITIONS: Record<ProductStatus, readonly ProductStatus[]> = {
  draft: ['active', 'archived'],
  active: ['draft', 'archived'],
  archived: ['draft'],
};

export const canTransition = (from: ProductStatus, to: ProductStatus): boolean =>
  from === to || TRANSITIONS[from].includes(to);

/** Throws product.invalidTransition unless `from → to` is allowed (staying put is). */
export function transition(from: ProductStatus, to: ProductStatus): ProductStatus {
  if (!canTransition(from, to)) {
    throw new AppError('product.invalidTransition', `A ${from} product cannot become ${to}`, {
      from,
      to,
    });
  }
  return to;
}

/** Archived products are read-only except for being restored to draft. */
export const canEdit = (product: Pick<Product, 'status'>): boolean => product.status !== 'archived';

/** Sellers who may create and change products: pending and approved, not suspended. */
export function assertSellerMayWrite(sellerStatus: SellerStatus): void {
  if (sellerStatus === 'suspended')
    throw new AppError('seller.suspended', 'A suspended seller cannot change products');
}

/** On the storefront: an active product of an approved seller. */
export const isListable = (
  product: Pick<Product, 'status'>,
  sellerStatus: SellerStatus | undefined,
): boolean => product.status === 'active' && sellerStatus === 'approved';

/** Goods with stock left, or any service (date capacity is checked when booking). */
export const isInStock = (product: Pick<Product, 'category' | 'stock'>): boolean =>
  kindOf(product.category) === 'service' || (product.stock ?? 0) > 0;

/**
 * Unit price for a quantity: the tier with the largest minQuantity not above it, else the base
 * price. @example unitPriceFor({ price: 100, priceTiers: [{ minQuantity: 5, unitPrice: 90 }] }, 7) === 90
 */
export function unitPriceFor(
  product: Pick<Product, 'price' | 'priceTiers'>,
  quantity: number,
): number {
  let unit = product.price;
  for (const tier of product.priceTiers) if (quantity >= tier.minQuantity) unit = tier.unitPrice;
  return unit;
}

/** Every image must be one the caller uploaded (its key carries the caller's seller id). */
export function assertOwnImages(images: readonly string[], sellerId: string): void {
  const bad = images.findIndex((key) => IMAGE_KEY.exec(key)?.[1] !== sellerId);
  if (bad >= 0) {
    throw new AppError('request.invalid', 'Images must be your own uploads', {
      issues: [{ in: 'body', path: `images.${bad}`, code: 'custom', message: 'Not your upload' }],
    });
  }
}

/** Drops `en: undefined` and other undefined keys so stored items stay tidy. */
function texts(t: { vi: string; en?: string | undefined }): { vi: string; en?: string } {
  return t.en === undefined ? { vi: t.vi } : { vi: t.vi, en: t.en };
}

/** A new product from validated input. */
export function createProduct(
  input: NewProduct,
  ids: { id: string; sellerId: string },
  now: Date,
): Product {
  assertOwnImages(input.images, ids.sellerId);
  assertCertificationsCurrent(input.certifications, provinceDate(now));
  const at = now.toISOString();
  return {
    id: ids.id,
    sellerId: ids.sellerId,
    name: texts(input.name),
    description: texts(input.description),
    category: input.category,
    unit: input.unit,
    price: input.price,
    priceTiers: input.priceTiers,
    ...(input.stock !== undefined ? { stock: input.stock } : {}),
    ...(input.capacityPerDate !== undefined ? { capacityPerDate: input.capacityPerDate } : {}),
    originCommuneCode: input.originCommuneCode,
    certifications: input.certifications,
    images: input.images,
    status: input.status,
    createdAt: at,
    updatedAt: at,
    version: 1,
  };
}

export { PRODUCT_CONTENT_KEYS, PRODUCT_FIELDS } from './fields';

/**
 * Applies a seller's update: checks the version (product.versionConflict), the status transition
 * (product.invalidTransition; archived products only go back to draft), the seller's own images
 * and every cross-field rule on the merged result (request.invalid). Returns the same object when
 * nothing changes, else the next product with version + 1.
 */
export function applyUpdate(product: Product, update: ProductUpdate, now: Date): Product {
  if (update.version !== product.version) {
    throw new AppError('product.versionConflict', 'The product was changed since you read it', {
      expected: update.version,
      current: product.version,
    });
  }
  const changes = PRODUCT_CONTENT_KEYS.filter((key) => update[key] !== undefined);
  const status = transition(product.status, update.status ?? product.status);
  if (!canEdit(product) && changes.length > 0) {
    throw new AppError(
      'product.invalidTransition',
      'An archived product can only be restored to draft',
      { from: product.status, fields: changes },
    );
  }
  if (changes.length === 0 && status === product.status) return product;
  if (update.images) assertOwnImages(update.images, product.sellerId);
  if (update.certifications)
    assertCertificationsCurrent(update.certifications, provinceDate(now), product.certifications);

  const merged: Record<string, unknown> = {};
  for (const key of PRODUCT_CONTENT_KEYS) merged[key] = update[key] ?? product[key];
  // Switching between goods and services drops the other kind's quantity field unless given.
  const kind = kindOf(merged.category as ProductCategory);
  if (kind === 'service' && update.stock === undefined) delete merged.stock;
  if (kind === 'goods' && update.capacityPerDate === undefined) delete merged.capacityPerDate;
  const checked = ProductContentSchema.safeParse(merged);
  if (!checked.success) {
    throw new AppError('request.invalid', 'The updated product is not consistent', {
      issues: checked.error.issues.slice(0, 20).map((issue) => ({
        in: 'body',
        path: issue.path.map(String).join('.'),
        code: issue.code,
        message: issue.message,
      })),
    });
  }
  const content = checked.data;
  const { stock: _s, capacityPerDate: _c, ...rest } = product;
  return {
    ...rest,
    name: texts(content.name),
    description: texts(content.description),
    category: content.category,
    unit: content.unit,
    price: content.price,
    priceTiers: content.priceTiers,
    ...(content.stock !== undefined ? { stock: content.stock } : {}),
    ...(content.capacityPerDate !== undefined ? { capacityPerDate: content.capacityPerDate } : {}),
    originCommuneCode: content.originCommuneCode,
    certifications: content.certifications,
    images: content.images,
    status,
    updatedAt: now.toISOString(),
    version: product.version + 1,
  };
}

/** Archives (idempotent: an archived product comes back unchanged). */
export function archiveProduct(product: Product, now: Date): Product {
  if (product.status === 'archived') return product;
  return {
    ...product,
    status: transition(product.status, 'archived'),
    updatedAt: now.toISOString(),
    version: product.version + 1,
  };
}

/** Certifications still valid on `today` (YYYY-MM-DD, the province's date): shown publicly. */
export const validCertifications = (certs: readonly Certification[], today: string) =>
  certs.filter((c) => c.expiresOn === undefined || c.expiresOn >= today);

// The field lists (./fields) must name exactly the Product's keys.
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _fieldsMatchProduct: Exactly<(typeof PRODUCT_FIELDS)[number], keyof Product> = true;
