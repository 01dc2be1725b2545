import * as z from 'zod/mini';
import { publicProductView } from '../../shared/catalog/view';
import { getConfig } from '../../shared/config';
import { getListedProduct } from '../../shared/db/products';
import { pagePreloadLink } from '../../shared/http/page-preload';
import { fillProduct } from '../../shared/pages/render';
import { loadTemplate } from '../../shared/pages/templates';
import { httpHandler } from '../_http/http-handler';
import { logger } from '../_http/logger';
import { FALLBACK_CACHE_CONTROL, htmlPage, PAGE_CACHE_CONTROL } from './respond';

getConfig();

/** The product's id, checked below (a malformed one gets the page as built, which says so). */
const Query = z.strictObject({ id: z.optional(z.string().check(z.maxLength(200))) });

/**
 * The product page `/san-pham/?id=<id>`: the built page with the product in it, as
 * GET /api/products/<id> shows it. An unknown or malformed id, or a failed read, gets the page as
 * built (its script fetches and says what is wrong) with the `Link` preload of that fetch.
 */
export const handler = httpHandler({ query: Query }, async ({ query, now }) => {
  const template = await loadTemplate('product');
  const link = pagePreloadLink('/san-pham/', new URLSearchParams(query.id ? { id: query.id } : {}));
  const plain = (cacheControl: string) =>
    htmlPage(template, cacheControl, link ? { link } : undefined);
  if (!link || !query.id) return plain(PAGE_CACHE_CONTROL);
  try {
    const found = await getListedProduct(query.id);
    if (!found) return plain(PAGE_CACHE_CONTROL);
    const html = fillProduct(template, publicProductView(found.product, found.seller, now));
    return htmlPage(html, PAGE_CACHE_CONTROL);
  } catch (err) {
    logger.warn('product page rendered without the product', { error: String(err) });
    return plain(FALLBACK_CACHE_CONTROL);
  }
});
