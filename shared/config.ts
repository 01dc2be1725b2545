import * as z from 'zod';

/**
 * Runtime configuration, read once at cold start. The CDK stack and the local host set the same
 * names; a bad deploy fails at module load listing every bad key.
 */
const EnvSchema = z.object({
  TABLE_NAME: z.string().min(1).max(255),
  /** Local host and tests only: DynamoDB Local's endpoint. Absent on AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  AWS_REGION: z.string().min(1).default('ap-southeast-1'),
  /** Comma-separated origins allowed by CORS; `*` for any. */
  CORS_ALLOWED_ORIGINS: z.string().min(1).default('*'),
  /** Default limit for request bodies, in bytes (a route may lower it). */
  MAX_BODY_BYTES: z.coerce.number().int().positive().max(6_000_000).default(65_536),
  APP_VERSION: z.string().max(64).default('dev'),
  /** Which host runs the code: shown by /api/health. */
  HOST_KIND: z.enum(['aws', 'local', 'test']).default('aws'),
  /** Local host and tests: the session-signing key itself. */
  SIGNING_SECRET: z.string().min(32).optional(),
  /** AWS: the Secrets Manager secret holding it, read through the Parameters and Secrets extension. */
  SIGNING_SECRET_ARN: z.string().startsWith('arn:').optional(),
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: z.coerce.number().int().positive().default(2773),
  /** Cookies get `Secure` unless this is false (plain-http local host on another machine name). */
  SECURE_COOKIES: z.enum(['true', 'false']).default('true'),
});

export type Config = z.infer<typeof EnvSchema>;

/** Pure: parses an environment, throwing one error that names every bad key. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const keys = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration: ${keys.join('; ')}`);
  }
  return result.data;
}

let cached: Config | undefined;
export const getConfig = (): Config => {
  cached ??= parseConfig(process.env);
  return cached;
};
