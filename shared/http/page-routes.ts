/**
 * Pages filled on the server (functions/pages): the addresses people open, the manifest route that
 * renders each, and the query parameters that page reads. Anything else in the query (utm_source,
 * fbclid, …) is dropped before the render: a shared link still shows the page, and CloudFront keeps
 * one copy for all such links. The local host routes with `pageRequestFor` (infra/local/host.ts);
 * on AWS each address is a CloudFront behaviour to the HTTP API whose viewer-request function does
 * the same (`PAGE_ROUTE_FUNCTION`, infra/aws/edge.ts; tested against each other in
 * test/infra/page-routes.test.ts).
 */
export interface PageRoute {
  route: `/api/pages/${string}`;
  /** The query parameters the page reads (web/home/main.ts readUrl, web/san-pham/main.ts). */
  query: readonly string[];
}

const STOREFRONT: PageRoute = {
  route: '/api/pages/storefront',
  query: ['q', 'category', 'commune', 'seller', 'minPrice', 'maxPrice', 'inStock', 'sort'],
};
const PRODUCT: PageRoute = { route: '/api/pages/product', query: ['id'] };

export const PAGE_ROUTES: Readonly<Record<string, PageRoute>> = {
  '/': STOREFRONT,
  '/index.html': STOREFRONT,
  '/san-pham': PRODUCT,
  '/san-pham/': PRODUCT,
  '/san-pham/index.html': PRODUCT,
};

/** The render route and the query it gets, for an address that has one. */
export function pageRequestFor(
  pathname: string,
  query: URLSearchParams,
): { route: string; query: URLSearchParams } | undefined {
  if (!Object.hasOwn(PAGE_ROUTES, pathname)) return undefined;
  const page = PAGE_ROUTES[pathname] as PageRoute;
  const kept = new URLSearchParams();
  for (const [key, value] of query) if (page.query.includes(key)) kept.append(key, value);
  return { route: page.route, query: kept };
}

/** The same rule as a CloudFront Function (JavaScript runtime 2.0) on viewer requests. */
export const PAGE_ROUTE_FUNCTION = `function handler(event) {
  var request = event.request;
  var pages = ${JSON.stringify(PAGE_ROUTES)};
  if (!Object.prototype.hasOwnProperty.call(pages, request.uri)) return request;
  var page = pages[request.uri];
  var kept = {};
  for (var key in request.querystring) {
    if (page.query.indexOf(key) !== -1) kept[key] = request.querystring[key];
  }
  request.uri = page.route;
  request.querystring = kept;
  return request;
}`;
