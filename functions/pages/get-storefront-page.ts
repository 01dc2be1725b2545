import * as z from 'zod/mini';
import { productSummaryView } from '../../shared/catalog/view';
import { getConfig } from '../../shared/config';
import { getSellerSnapshots, listListedProducts } from '../../shared/db/products';
import { STOREFRONT_PAGE_SIZE } from '../../shared/pages/html';
import { fillStorefront } from '../../shared/pages/render';
import { loadTemplate } from '../../shared/pages/templates';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { FALLBACK_CACHE_CONTROL, htmlPage, PAGE_CACHE_CONTROL } from './respond';

getConfig();

const param = z.optional(z.string().check(z.maxLength(200)));
/**
 * The parameters the storefront reads (shared/http/page-routes.ts drops any other before the
 * render): a filtered or searched visit gets the page as built, and its script checks them.
 */
const Query = z.strictObject({
  q: param,
  category: param,
  commune: param,
  seller: param,
  minPrice: param,
  maxPrice: param,
  inStock: param,
  sort: param,
});

/**
 * The storefront `/` (CloudFront and the local host send it here, infra/page-routes.ts): the built
 * page with its first products in it, as GET /api/products?limit=12 lists them (active products of
 * approved sellers, newest feed order). If the catalog cannot be read, the page as built: its script
 * fetches the products as before.
 */
export const handler = httpHandler({ query: Query }, async ({ query, now }) => {
  const template = await loadTemplate('storefront');
  if (Object.keys(query).length > 0) return htmlPage(template, PAGE_CACHE_CONTROL);
  try {
    const page = await listListedProducts({ limit: STOREFRONT_PAGE_SIZE }, now);
    const sellers = await getSellerSnapshots(page.items.map((p) => p.sellerId));
    const items = page.items.flatMap((product) => {
      const seller = sellers.get(product.sellerId);
      return seller?.status === 'approved' ? [productSummaryView(product, seller, now)] : [];
    });
    const html = fillStorefront(template, {
      items,
      total: page.total,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
    return htmlPage(html, PAGE_CACHE_CONTROL);
  } catch (err) {
    logger.warn('storefront rendered without products', { error: String(err) });
    return htmlPage(template, FALLBACK_CACHE_CONTROL);
  }
});
