import * as z from 'zod';
import { LISTING_SORTS } from '../../shared/catalog/listing';
import {
  CommuneCodeSchema,
  LIMITS,
  ProductCategorySchema,
  ProductIdSchema,
} from '../../shared/catalog/product';
import { productSummaryView } from '../../shared/catalog/view';
import { getConfig } from '../../shared/config';
import { getSellerSnapshots, listListedProducts } from '../../shared/db/products';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const whole = (max: number) =>
  z
    .string()
    .regex(/^\d{1,10}$/, 'A whole number')
    .transform(Number)
    .pipe(z.number().int().min(0).max(max));

const Query = z
  .strictObject({
    q: z.string().max(100).optional(),
    category: ProductCategorySchema.optional(),
    commune: CommuneCodeSchema.optional(),
    seller: ProductIdSchema.optional(),
    minPrice: whole(LIMITS.maxPrice).optional(),
    maxPrice: whole(LIMITS.maxPrice).optional(),
    inStock: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    sort: z.enum(LISTING_SORTS).optional(),
    limit: whole(50).pipe(z.number().min(1)).optional(),
    cursor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,1024}$/)
      .optional(),
  })
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
    path: ['maxPrice'],
    message: 'maxPrice must not be below minPrice',
  });

/**
 * The storefront: active products of approved sellers, searched without accents, filtered,
 * sorted, one page at a time. Sellers are re-read for the page, so a product whose seller was
 * suspended a moment ago never shows.
 */
export const handler = httpHandler({ query: Query }, async ({ query, now }) => {
  const page = await listListedProducts(
    {
      q: query.q,
      category: query.category,
      communeCode: query.commune,
      sellerId: query.seller,
      minPrice: query.minPrice,
      maxPrice: query.maxPrice,
      inStock: query.inStock,
      sort: query.sort,
      limit: query.limit ?? 20,
      cursor: query.cursor,
    },
    now,
  );
  const sellers = await getSellerSnapshots(page.items.map((p) => p.sellerId));
  const items = page.items.flatMap((product) => {
    const seller = sellers.get(product.sellerId);
    return seller?.status === 'approved' ? [productSummaryView(product, seller, now)] : [];
  });
  return ok({
    items,
    total: page.total,
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  });
});
