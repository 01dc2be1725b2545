/**
 * The headers every product image is served with, on both hosts: CloudFront's `/images/*`
 * response headers policy (infra/aws/stack.ts) and the local host's image handler
 * (infra/local/uploads.ts) both send exactly these. Dependency-free.
 * - immutable caching: image keys are new ids on every upload and never overwritten;
 * - nosniff + `sandbox` CSP: even bytes that are not an image never run as a page or script;
 * - CORP same-site: other sites cannot embed our images through no-cors loads.
 */
export const IMAGE_RESPONSE_HEADERS = {
  'cache-control': 'public, max-age=31536000, immutable',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
  'cross-origin-resource-policy': 'same-site',
} as const;
