import { isIP } from 'node:net';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { cameThroughCloudFront } from './origin-verify';

/**
 * The address of the client that sent the request, for per-address throttles and the audit
 * trail. Behind CloudFront `requestContext.http.sourceIp` is the edge's address (everyone behind
 * one edge would share it), so a request the pipeline has verified as coming through our
 * distribution (functions/_http/origin-verify.ts) uses `CloudFront-Viewer-Address` instead:
 * `203.0.113.7:46532` or `2001:db8::7:46532` (IPv6 without brackets; the port after the last
 * colon). Anything else (the local host, tests, a malformed header) uses the source address:
 * an unverified request cannot choose its own address by sending that header.
 */
export function clientAddress(event: APIGatewayProxyEventV2): string {
  const source = event.requestContext?.http?.sourceIp ?? 'unknown';
  if (!cameThroughCloudFront(event)) return source;
  return viewerAddress(event.headers?.['cloudfront-viewer-address']) ?? source;
}

/** The address part of a `CloudFront-Viewer-Address` value, or undefined when it is not one. */
export function viewerAddress(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const colon = header.lastIndexOf(':');
  if (colon <= 0) return undefined;
  const port = header.slice(colon + 1);
  if (!/^\d{1,5}$/.test(port)) return undefined;
  let address = header.slice(0, colon);
  // Tolerate the bracketed form `[2001:db8::7]:443` too.
  if (address.startsWith('[') && address.endsWith(']')) address = address.slice(1, -1);
  return isIP(address) ? address.toLowerCase() : undefined;
}
