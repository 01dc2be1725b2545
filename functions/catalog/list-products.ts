import * as z from 'zod/mini';
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
import { CursorParam, wholeParam } from '../_http/params';
import { ok } from '../_http/respond';

getConfig();

const Query = z
  .strictObject({
    q: z.optional(z.string().check(z.maxLength(100))),
    category: z.optional(ProductCategorySchema),
    commune: z.optional(CommuneCodeSchema),
    seller: z.optional(ProductIdSchema),
    minPrice: z.optional(wholeParam(0, LIMITS.maxPrice)),
    maxPrice: z.optional(wholeParam(0, LIMITS.maxPrice)),
    inStock: z.optional(
      z.pipe(
        z.enum(['true', 'false']),
        z.transform((v) => v === 'true'),
      ),
    ),
    sort: z.optional(z.enum(LISTING_SORTS)),
    limit: z.optional(wholeParam(1, 50)),
    cursor: z.optional(CursorParam),
  })
  .check(
    z.refine(
      (q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice,
      {
        path: ['maxPrice'],
        message: 'maxPrice must not be below minPrice',
      },
    ),
  );

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
