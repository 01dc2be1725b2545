import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * Local stand-in for Secrets Manager: secrets come from env variables when set, otherwise from
 * DATA_DIR/secrets.json, generated on first start (mode 0600) and kept across restarts.
 * On AWS the same values live in the stack's Secrets Manager secret.
 */
export const LOCAL_SECRET_NAMES = ['SIGNING_SECRET', 'DEMO_WEBHOOK_SECRET'] as const;

export function loadLocalSecrets(
  file: string,
  env: Record<string, string | undefined>,
): Record<string, string> {
  let saved: Record<string, string> = {};
  if (existsSync(file)) saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  let changed = false;
  const out: Record<string, string> = {};
  for (const name of LOCAL_SECRET_NAMES) {
    const fromEnv = env[name];
    if (fromEnv) {
      out[name] = fromEnv;
      continue;
    }
    if (!saved[name]) {
      saved[name] = randomBytes(48).toString('base64url');
      changed = true;
    }
    out[name] = saved[name];
  }
  if (changed) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  }
  return out;
}

/**
 * The access key id of this install's DynamoDB Local database (see durable-proxy.ts): random,
 * generated on first use, kept in the same secrets file. Only letters and digits (DynamoDB Local
 * refuses others); 32 characters of base-62: not guessable.
 */
export function loadDatabaseKeyId(file: string): string {
  const name = 'DYNAMODB_LOCAL_ACCESS_KEY_ID';
  let saved: Record<string, string> = {};
  if (existsSync(file)) saved = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
  const current = saved[name];
  if (current && /^[A-Za-z0-9]{16,128}$/.test(current)) return current;
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let id = 'CS';
  while (id.length < 32) {
    const byte = randomBytes(1)[0] ?? 0;
    if (byte < 248) id += alphabet[byte % 62];
  }
  saved[name] = id;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(saved, null, 2), { mode: 0o600 });
  return id;
}
