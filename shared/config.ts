import * as z from 'zod/mini';

/**
 * Runtime configuration, read once at cold start. The CDK stack and the local host set the same
 * names; a bad deploy fails at module load listing every bad key. zod/mini here (not classic):
 * every function imports this module, and mini costs a third of the import time.
 */
const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));
/**
 * Every key's JSDoc below is its documentation: the README's variable table is generated from this
 * schema and these comments (scripts/env-table.ts; a test fails when the table is stale or a key
 * has no comment).
 */
export const EnvSchema = z.object({
  /** The main DynamoDB table (the stack sets it; the local host uses `cho-so-main`). */
  TABLE_NAME: text(1, 255),
  /** Local host and tests only: DynamoDB Local's endpoint. Absent on AWS. */
  DYNAMODB_ENDPOINT: z.optional(z.url()),
  /** The AWS region (set by Lambda itself on AWS). */
  AWS_REGION: z._default(text(1, 64), 'ap-southeast-1'),
  /** Comma-separated origins allowed by CORS; `*` for any. */
  CORS_ALLOWED_ORIGINS: z._default(text(1, 2000), '*'),
  /** Default limit for request bodies, in bytes (a route may set its own). */
  MAX_BODY_BYTES: z._default(
    z.coerce.number().check(z.int(), z.positive(), z.maximum(6_000_000)),
    65_536,
  ),
  /** The release shown by /api/health (the stack sets it from `-c appVersion` or package.json). */
  APP_VERSION: z._default(text(1, 64), 'dev'),
  /** Which host runs the code: shown by /api/health. */
  HOST_KIND: z._default(z.enum(['aws', 'local', 'test']), 'aws'),
  /** Local host and tests: the session-signing key itself. */
  SIGNING_SECRET: z.optional(text(32, 4096)),
  /** Local host and tests, during a key rotation: the previous key, still accepted for verification. */
  SIGNING_SECRET_PREVIOUS: z.optional(text(32, 4096)),
  /** AWS: the Secrets Manager secret holding it, read through the Parameters and Secrets extension. */
  SIGNING_SECRET_ARN: z.optional(z.string().check(z.startsWith('arn:'), z.maxLength(2048))),
  /** AWS: the port of the Parameters and Secrets Lambda extension (its own default). */
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: z._default(
    z.coerce.number().check(z.int(), z.positive()),
    2773,
  ),
  /** AWS: the secret CloudFront sends in `x-origin-verify` (functions/_http/origin-verify.ts). */
  ORIGIN_VERIFY_SECRET_ARN: z.optional(z.string().check(z.startsWith('arn:'), z.maxLength(2048))),
  /** Cookies get `Secure` unless this is false (plain-http local host on another machine name). */
  SECURE_COOKIES: z._default(z.enum(['true', 'false']), 'true'),
  /** Minutes a VietQR order waits for payment before the expiry job gives its stock back. */
  ORDER_PAYMENT_MINUTES: z._default(
    z.coerce.number().check(z.int(), z.minimum(5), z.maximum(7 * 24 * 60)),
    60,
  ),
  /** Unpaid orders one buyer phone may hold at once (stock hoarding). */
  ORDERS_UNPAID_PER_PHONE: z._default(
    z.coerce.number().check(z.int(), z.minimum(1), z.maximum(100)),
    3,
  ),
  /** Orders per client address per clock hour (many mobile users share a carrier address). */
  ORDERS_PER_ADDRESS_PER_HOUR: z._default(
    z.coerce.number().check(z.int(), z.minimum(1), z.maximum(1_000_000)),
    60,
  ),
  /** The site's own origin, for links in mail (reset links, the portal); the stack sets the CloudFront address, the local host `http://localhost:PORT`. Never taken from a request's Host header. */
  SITE_URL: z._default(z.url().check(z.maxLength(200)), 'http://localhost:3000'),
  /** Sender of the market's mail (password reset, seller notifications); on AWS an address of the SES identity (`-c mailFrom`). */
  MAIL_FROM: z._default(z.email().check(z.maxLength(254)), 'no-reply@choso.vn'),
  /** Local host and tests: mail is written as JSON files here (shown at /_outbox) instead of sent; the local host uses `DATA_DIR/outbox`. Unset on AWS (SES sends). */
  MAIL_OUTBOX_DIR: z.optional(text(1, 1024)),
  /** AWS: the SES configuration set mail is sent with (bounce and complaint events, suppression); the stack sets it. */
  SES_CONFIGURATION_SET: z.optional(text(1, 64)),
  /** Days after an order ended until the buyer's name, phone, email and address are purged. */
  PII_RETENTION_DAYS: z._default(
    z.coerce.number().check(z.int(), z.minimum(1), z.maximum(3650)),
    180,
  ),
  /** Open data: a published cell with sales from fewer distinct sellers than this is suppressed (`c`); at least 2 (one seller's cell is that seller's figure). */
  STATS_MIN_SELLERS: z._default(z.coerce.number().check(z.int(), z.minimum(2), z.maximum(1000)), 3),
  /** Open data: p of the p%-rule, in percent — a cell whose total minus its two largest sellers is below p % of the largest is suppressed (`c`); 0 turns the rule off. */
  STATS_P_PERCENT: z._default(z.coerce.number().check(z.minimum(0), z.maximum(100)), 10),
  /** Local host only: `false` leaves out the demo seed's year of sales and officer inputs (infra/local/seed-history.ts); tests whose stream poller must stay idle set it. */
  SEED_HISTORY: z._default(z.enum(['true', 'false']), 'true'),
  /** AWS, the page-render function only: the site bucket holding the built pages it fills (functions/pages, shared/pages/templates.ts). */
  SITE_BUCKET: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/))),
  /** Local host and tests: the built pages' directory (web/dist) the page-render handlers read their templates from; the local host sets it. */
  PAGE_TEMPLATES_DIR: z.optional(text(1, 1024)),
});

export type Config = z.infer<typeof EnvSchema>;

/** Pure: parses an environment, throwing one error that names every bad key. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const keys = result.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${explain(issue, env[String(issue.path[0])])}`,
    );
    throw new Error(`Invalid configuration: ${keys.join('; ')}`);
  }
  return result.data;
}

/** zod/mini carries no message texts ("Invalid input"): say what the rule is. */
function explain(issue: z.core.$ZodIssue, given: string | undefined): string {
  const i = issue as z.core.$ZodIssue & {
    minimum?: number | bigint;
    maximum?: number | bigint;
    origin?: string;
    values?: unknown[];
    format?: string;
    prefix?: string;
  };
  const unit = i.origin === 'string' ? ' characters' : '';
  if (given === undefined) return 'required, not set';
  if (i.code === 'too_small') return `must be at least ${String(i.minimum)}${unit}`;
  if (i.code === 'too_big') return `must be at most ${String(i.maximum)}${unit}`;
  if (i.code === 'invalid_value') return `must be one of ${(i.values ?? []).join(', ')}`;
  if (i.code === 'invalid_format')
    return i.prefix ? `must start with ${i.prefix}` : `must be a valid ${i.format ?? 'value'}`;
  if (i.code === 'invalid_type')
    return `must be ${i.expected === 'int' ? 'an integer' : `a ${i.expected}`}, got ${JSON.stringify(given)}`;
  return i.message;
}

let cached: Config | undefined;
export const getConfig = (): Config => {
  cached ??= parseConfig(process.env);
  return cached;
};
