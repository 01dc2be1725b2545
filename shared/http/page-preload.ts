/**
 * A `Link: <…>; rel=preload` header for pages whose first data request depends on the address, so
 * a static page still starts its data at once instead of a round trip after its script (on slow
 * 3G, 2 s). Today: the product page `/san-pham/?id=<id>` and its `GET /api/products/<id>`.
 * The local host sends it from this function; on AWS a CloudFront viewer-response function does
 * the same (`PAGE_PRELOAD_FUNCTION` below, checked against this one in test/infra/edge.test.ts).
 */
export const PRODUCT_PAGE_PATHS = ['/san-pham', '/san-pham/', '/san-pham/index.html'] as const;
/** Product ids as they appear in addresses (shared/catalog/product.ts ProductIdSchema). */
const PRODUCT_ID = /^[A-Za-z0-9-]{1,64}$/;

export function pagePreloadLink(pathname: string, query: URLSearchParams): string | undefined {
  if (!(PRODUCT_PAGE_PATHS as readonly string[]).includes(pathname)) return undefined;
  const id = query.get('id');
  if (!id || !PRODUCT_ID.test(id)) return undefined;
  return `</api/products/${id}>; rel=preload; as=fetch; crossorigin=anonymous`;
}

/** The same rule as a CloudFront Function (JavaScript runtime 2.0) on viewer responses. */
export const PAGE_PRELOAD_FUNCTION = `function handler(event) {
  var response = event.response;
  var request = event.request;
  var paths = ${JSON.stringify(PRODUCT_PAGE_PATHS)};
  if (paths.indexOf(request.uri) === -1) return response;
  var id = request.querystring.id;
  if (!id || id.multiValue || !${PRODUCT_ID.toString()}.test(id.value)) return response;
  response.headers.link = {
    value: '</api/products/' + id.value + '>; rel=preload; as=fetch; crossorigin=anonymous'
  };
  return response;
}`;
