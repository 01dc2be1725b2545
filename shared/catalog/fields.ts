/**
 * The fields of a product, as plain data with no imports, so that shared/db can use them without
 * pulling the product schemas into every function that touches products.
 */

/** The fields a seller edits: updates in the core and what shared/db writes use this one list. */
export const PRODUCT_CONTENT_KEYS = [
  'name',
  'description',
  'category',
  'unit',
  'price',
  'priceTiers',
  'stock',
  'capacityPerDate',
  'originCommuneCode',
  'certifications',
  'images',
] as const;

/** Every field of a product (what a stored item holds besides keys and index attributes). */
export const PRODUCT_FIELDS = [
  'id',
  'sellerId',
  ...PRODUCT_CONTENT_KEYS,
  'status',
  'createdAt',
  'updatedAt',
  'version',
] as const;
