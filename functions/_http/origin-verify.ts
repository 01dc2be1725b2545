import { timingSafeEqual } from 'node:crypto';
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { getConfig } from '../../shared/config';
import { AppError } from '../../shared/errors';
import type { HttpResult } from './respond';

/**
 * CloudFront is the only way in. The stack has CloudFront add `x-origin-verify: <secret>` to every
 * request it sends to the HTTP API (the value comes from a Secrets Manager secret), and this
 * middleware refuses any request without it: a caller of the execute-api endpoint itself bypasses
 * the WAF and the edge, so it gets 403. A verified request is remembered so that
 * functions/_http/client-address.ts may trust `CloudFront-Viewer-Address`.
 *
 * On the local host and in tests ORIGIN_VERIFY_SECRET_ARN is unset: no check, and the viewer
 * address header is never trusted.
 */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

const verified = new WeakSet<APIGatewayProxyEventV2>();

/** True when this event passed the origin check (so CloudFront's headers are CloudFront's). */
export const cameThroughCloudFront = (event: APIGatewayProxyEventV2): boolean =>
  verified.has(event);

/** The values a request may carry: the current secret, and the previous one during a rotation. */
export type OriginSecrets = () => Promise<readonly string[] | undefined>;

export function originVerify(
  secrets: OriginSecrets = configuredSecrets,
): MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context> {
  return {
    before: async (request) => {
      const accepted = await secrets();
      if (!accepted) return; // local host / tests: nothing to check against
      const sent = request.event.headers?.[ORIGIN_VERIFY_HEADER];
      if (!sent || !accepted.some((value) => sameSecret(sent, value))) {
        throw new AppError('auth.forbidden', 'Requests must come through the site');
      }
      verified.add(request.event);
    },
  };
}

function sameSecret(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** How long a container trusts what it read before reading the secret again. */
const CACHE_MS = 5 * 60_000;
let cache: { at: number; values: Promise<readonly string[]> } | undefined;

/**
 * AWS: the secret's AWSCURRENT and (when there is one) AWSPREVIOUS values, read through the
 * Parameters and Secrets Lambda Extension and kept for five minutes, so a rotation (new value,
 * then a redeploy so CloudFront sends it) never locks the site out.
 */
async function configuredSecrets(): Promise<readonly string[] | undefined> {
  const config = getConfig();
  const arn = config.ORIGIN_VERIFY_SECRET_ARN;
  if (!arn) return undefined;
  const now = Date.now();
  if (!cache || now - cache.at > CACHE_MS) {
    const port = config.PARAMETERS_SECRETS_EXTENSION_HTTP_PORT;
    const values = Promise.all([
      readSecret(port, arn, 'AWSCURRENT'),
      readSecret(port, arn, 'AWSPREVIOUS').catch(() => undefined),
    ]).then((found) => {
      const usable = found.filter((v): v is string => typeof v === 'string' && v.length >= 32);
      // Not kept: the next request reads again instead of failing for five minutes.
      if (usable.length === 0) throw new Error('Origin-verify secret is empty or too short');
      return usable;
    });
    cache = { at: now, values };
    values.catch(() => {
      cache = undefined;
    });
  }
  return cache.values;
}

async function readSecret(port: number, arn: string, stage: string): Promise<string | undefined> {
  const url = `http://localhost:${port}/secretsmanager/get?secretId=${encodeURIComponent(arn)}&versionStage=${stage}`;
  const res = await fetch(url, {
    headers: { 'X-Aws-Parameters-Secrets-Token': process.env.AWS_SESSION_TOKEN ?? '' },
  });
  if (res.status === 400 || res.status === 404) return undefined; // no such stage (yet)
  if (!res.ok) throw new Error(`Secrets extension answered ${res.status}`);
  const body = (await res.json()) as { SecretString?: string };
  return body.SecretString;
}

/** Tests: forget what was read. */
export const resetOriginSecretCache = (): void => {
  cache = undefined;
};
