import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EnvSchema, parseConfig } from '../shared/config';
import { parseStorageConfig } from '../shared/storage/images';

/**
 * The README's environment table (`npx tsx scripts/env-table.ts [--write]`; `--write` updates the
 * README in place), generated so it cannot drift:
 * - the functions' configuration straight from the zod schema in shared/config.ts: every key, its
 *   default (from parsing), its rule (from the schema's checks) and its JSDoc comment;
 * - the image store's keys from shared/storage/images.ts (defaults from parsing);
 * - the local host's, the commands' and the tests' variables and the CDK context keys from the lists
 *   below. test/unit/infra/readme-env.test.ts fails when the README differs from this output, when
 *   a schema key has no comment, or when code reads a variable or context key listed nowhere.
 */
const root = resolve(import.meta.dirname, '..');

/** `/** text *\/` comments directly above each top-level key of `const <name> = z.object({`. */
export function schemaComments(file: string, objectName: string): Map<string, string> {
  const source = readFileSync(resolve(root, file), 'utf8');
  const start = source.indexOf(`const ${objectName} = z.object({`);
  if (start < 0) throw new Error(`${objectName} not found in ${file}`);
  const end = source.indexOf('\n});', start);
  const lines = source.slice(start, end).split('\n').slice(1);
  const out = new Map<string, string>();
  let comment: string[] = [];
  let inComment = false;
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed.startsWith('/**')) {
      inComment = true;
      comment = [];
    }
    if (inComment) {
      comment.push(
        trimmed
          .replace(/^\/\*\*\s?/, '')
          .replace(/\s?\*\/$/, '')
          .replace(/^\*\s?/, ''),
      );
      if (trimmed.endsWith('*/')) inComment = false;
      continue;
    }
    const key = /^ {2}([A-Z][A-Z0-9_]*):/.exec(line)?.[1];
    if (key) {
      const text = comment.join(' ').replace(/\s+/g, ' ').trim();
      if (text) out.set(key, text);
      comment = [];
    } else if (/^ {2}\S/.test(line)) comment = [];
  }
  return out;
}

interface ZodCheckDef {
  check: string;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  format?: string;
  prefix?: string;
}
interface ZodLike {
  _zod: {
    def: {
      type: string;
      innerType?: ZodLike;
      entries?: Record<string, string>;
      format?: string;
      checks?: Array<{ _zod: { def: ZodCheckDef } }>;
    };
  };
}

/** The rule a value must meet, read from the schema's definition and checks. */
export function ruleOf(schema: ZodLike): string {
  let s = schema;
  while (s._zod.def.innerType) s = s._zod.def.innerType;
  const { def } = s._zod;
  const checks = (def.checks ?? []).map((c) => c._zod.def);
  const find = (name: string) => checks.find((c) => c.check === name);
  if (def.type === 'enum')
    return `one of ${Object.values(def.entries ?? {})
      .map((v) => `\`${v}\``)
      .join(', ')}`;
  if (def.type === 'number') {
    const int = find('number_format')?.format?.includes('int') ? 'integer' : 'number';
    const low = find('greater_than');
    const high = find('less_than');
    const from = low ? `${low.inclusive ? '≥' : '>'} ${low.value}` : '';
    const to = high ? `${high.inclusive ? '≤' : '<'} ${high.value}` : '';
    return [int, from, to].filter(Boolean).join(', ');
  }
  if (def.format === 'url') return 'URL';
  const parts: string[] = [];
  const prefix = find('string_format');
  if (prefix?.prefix) parts.push(`starts with \`${prefix.prefix}\``);
  const min = find('min_length')?.minimum;
  const max = find('max_length')?.maximum;
  if (min !== undefined && min > 1) parts.push(`at least ${min} characters`);
  if (max !== undefined) parts.push(`at most ${max} characters`);
  return parts.join(', ') || 'text';
}

interface Row {
  name: string;
  default: string;
  rule: string;
  meaning: string;
}

const code = (value: unknown) => (value === undefined ? '—' : `\`${String(value)}\``);

export function configRows(): Row[] {
  const comments = schemaComments('shared/config.ts', 'EnvSchema');
  let required: string[] = [];
  try {
    parseConfig({});
  } catch (err) {
    required = [...String(err).matchAll(/([A-Z][A-Z0-9_]*): required/g)].map((m) => m[1] as string);
  }
  const filled = Object.fromEntries(required.map((k) => [k, 'x']));
  const defaults = parseConfig(filled) as Record<string, unknown>;
  const shape = EnvSchema.shape as unknown as Record<string, ZodLike>;
  return Object.entries(shape).map(([name, schema]) => ({
    name,
    default: required.includes(name) ? 'required' : code(defaults[name]),
    rule: ruleOf(schema),
    meaning: comments.get(name) ?? '',
  }));
}

/** The image store's own keys (shared/storage/images.ts) that shared/config.ts does not have. */
export function storageRows(configNames: Set<string>): Row[] {
  const comments = schemaComments('shared/storage/images.ts', 'StorageEnv');
  const defaults = parseStorageConfig({ HOST_KIND: 'local' }) as Record<string, unknown>;
  const notes: Record<string, string> = {
    IMAGES_BUCKET: 'AWS: the images bucket (the stack sets it); pre-signed uploads go there.',
    LOCAL_UPLOADS_URL:
      'Local host: where browsers PUT product images (the stand-in for S3); default `http://localhost:PORT/_uploads`.',
    LOCAL_UPLOADS_DIR:
      'Local host: where uploaded images are kept, served at `/images/<key>`; default `DATA_DIR/uploads`.',
    PORT: 'Local host: the HTTP port, on 127.0.0.1 only. Checked before anything starts.',
    DATA_DIR:
      'Local host: DynamoDB files, stream checkpoint, failed stream batches, local secrets (`secrets.json`), the lock that keeps a second `npm start` off it.',
  };
  const source = readFileSync(resolve(root, 'shared/storage/images.ts'), 'utf8');
  const block = source.slice(source.indexOf('const StorageEnv = z.object({'));
  const names = [
    ...block.slice(0, block.indexOf('\n});')).matchAll(/^ {2}([A-Z][A-Z0-9_]*):/gm),
  ].map((m) => m[1] as string);
  return names
    .filter((name) => !configNames.has(name))
    .map((name) => ({
      name,
      default:
        name === 'LOCAL_UPLOADS_URL' || name === 'LOCAL_UPLOADS_DIR'
          ? 'see meaning'
          : code(defaults[name]),
      rule: name === 'IMAGES_BUCKET' ? 'bucket name' : name === 'PORT' ? 'integer 0–65535' : 'text',
      meaning: notes[name] ?? comments.get(name) ?? '',
    }));
}

/** Read by the local host, the commands and the tests (not by the functions). */
export const LOCAL_ROWS: Row[] = [
  {
    name: 'DEMO_WEBHOOK_SECRET',
    default: 'generated',
    rule: 'text',
    meaning:
      "Local host: the secret of the demo cooperative's payOS, SePay and Casso connections (docs/payments.md); generated into `DATA_DIR/secrets.json` when unset and then printed at start.",
  },
  {
    name: 'SKIP_WEB_BUILD',
    default: '—',
    rule: '`true`',
    meaning:
      '`npm start` serves the pages built last time instead of building `web/` (the crash test restarts often).',
  },
  {
    name: 'UNSAFE_NO_DURABILITY_BARRIER',
    default: '—',
    rule: '`true`',
    meaning:
      "Turns off the durability barrier (docs/architecture.md): a crash can then lose acknowledged writes. Only for the benchmark baseline and the crash test's self-check.",
  },
  {
    name: 'POWERTOOLS_LOG_LEVEL',
    default: '`INFO`',
    rule: 'Powertools levels',
    meaning: 'Log level of the functions (on AWS the stack sets it from `-c logLevel`).',
  },
  {
    name: 'POWERTOOLS_DEV',
    default: '`true` locally',
    rule: '`true`/`false`',
    meaning: 'Pretty-printed logs (the local host and `npm run invoke` set it).',
  },
  {
    name: 'INVOKE_PASSWORD',
    default: '—',
    rule: 'text',
    meaning: '`npm run invoke -- … --as <login>`: the password to sign in with (or `--password`).',
  },
  {
    name: 'CHROMIUM_PATH',
    default: '—',
    rule: 'path',
    meaning:
      'Tests: the Chromium to drive; else `/usr/bin/chromium`, else the one `@sparticuz/chromium` ships.',
  },
  {
    name: 'COLD_START_NODE',
    default: "Lambda's Node (24, fetched by `scripts/node24.sh`)",
    rule: '`current`',
    meaning: 'Cold-start benchmark: `current` runs the samples on the running Node instead.',
  },
  {
    name: 'COLD_START_FLAGS',
    default: "Lambda's runtime flags (`--expose-gc`, heap sizes for the memory)",
    rule: '`none`',
    meaning: 'Cold-start benchmark: `none` runs the samples under plain `node`, without them.',
  },
  {
    name: 'CRASH_CYCLES',
    default: '`20` (`npm run test:crash`), `3` in `npm test`',
    rule: 'integer',
    meaning: 'Crash test: kill/restart cycles.',
  },
  {
    name: 'CRASH_TARGETS',
    default: 'random',
    rule: '`node`, `java`, `both`, comma-separated',
    meaning: 'Crash test: what each cycle kills, in turn.',
  },
  {
    name: 'CRASH_IN_FLIGHT',
    default: 'random 2–8',
    rule: 'integer',
    meaning: 'Crash test: concurrent writers.',
  },
  {
    name: 'CRASH_WITHOUT_BARRIER',
    default: '—',
    rule: '`true`',
    meaning:
      'Crash test against a host without the barrier: it must then fail (the test can see a loss).',
  },
];

/** Read by the CDK app (infra/aws/app.ts): `cdk.json` or `-c key=value`. */
export const CONTEXT_ROWS: Array<{ key: string; default: string; meaning: string }> = [
  { key: 'appVersion', default: 'package.json version', meaning: 'APP_VERSION of every function.' },
  { key: 'logLevel', default: '`INFO`', meaning: 'POWERTOOLS_LOG_LEVEL of every function.' },
  {
    key: 'extraCorsOrigins',
    default: '—',
    meaning: 'Comma-separated origins allowed by CORS besides the site itself.',
  },
  {
    key: 'skipWebBuild',
    default: '`false`',
    meaning: '`true` deploys the existing `web/dist` instead of building it.',
  },
  {
    key: 'apiRateLimit',
    default: 'stack default',
    meaning: 'HTTP API stage rate limit (requests/s).',
  },
  { key: 'apiBurstLimit', default: 'stack default', meaning: 'HTTP API stage burst limit.' },
  {
    key: 'waf',
    default: '`false`',
    meaning: '`true` adds the WAF stack (us-east-1) on the distribution; see the security section.',
  },
  {
    key: 'wafRateLimit',
    default: 'stack default',
    meaning: 'WAF: requests per 5 minutes per address.',
  },
  {
    key: 'wafAuthRateLimit',
    default: 'stack default',
    meaning: 'WAF: sign-in/sign-up requests per 5 minutes per address.',
  },
  {
    key: 'mailFrom',
    default: '`no-reply@choso.vn`',
    meaning:
      'Sender of the mail (MAIL_FROM); its domain becomes the SES identity (add the DKIM records the stack outputs).',
  },
  {
    key: 'domain',
    default: '—',
    meaning:
      "The site's own host name (e.g. `choso.camau.gov.vn`), with `certificateArn`: CloudFront's alternate name, SITE_URL and the first CORS origin. See Deploy.",
  },
  {
    key: 'certificateArn',
    default: '—',
    meaning: 'ACM certificate for `domain`, in **us-east-1**; both or neither.',
  },
  {
    key: 'hostedZoneId',
    default: '—',
    meaning:
      'Optional, with `domain` and `hostedZoneName`: a Route 53 public zone holding the name; the stack adds A/AAAA aliases to the distribution.',
  },
  {
    key: 'hostedZoneName',
    default: '—',
    meaning: 'The zone of `hostedZoneId` (e.g. `camau.gov.vn`); it must contain `domain`.',
  },
];

const cell = (text: string) => text.replace(/\|/g, '\\|');

export function envTable(): string {
  const config = configRows();
  const storage = storageRows(new Set(config.map((r) => r.name)));
  const table = (rows: Row[]) => [
    '| variable | default | rule | meaning |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.name}\` | ${r.default} | ${cell(r.rule)} | ${cell(r.meaning)} |`),
  ];
  return [
    'Functions (`shared/config.ts`, on AWS set by the stack; a bad value stops the start naming every bad key):',
    '',
    ...table(config),
    '',
    'Image store (`shared/storage/images.ts`) and local host:',
    '',
    ...table(storage),
    '',
    'Local host, commands and tests only:',
    '',
    ...table(LOCAL_ROWS),
    '',
    'CDK context keys (`cdk.json` or `-c key=value`, read by `infra/aws/app.ts`):',
    '',
    '| key | default | meaning |',
    '| --- | --- | --- |',
    ...CONTEXT_ROWS.map((r) => `| \`${r.key}\` | ${r.default} | ${cell(r.meaning)} |`),
  ].join('\n');
}

/** `--write`: replaces the table between the README's env markers (nothing else changes). */
if (process.argv[1]?.endsWith('env-table.ts')) {
  if (process.argv.includes('--write')) {
    const file = resolve(root, 'README.md');
    const readme = readFileSync(file, 'utf8');
    const next = readme.replace(
      /(<!-- env:start -->\n)[\s\S]*?(<!-- env:end -->)/,
      (_m, start: string, end: string) => `${start}${envTable()}\n${end}`,
    );
    writeFileSync(file, next);
    console.log(next === readme ? 'README env table already current' : 'README env table updated');
  } else console.log(envTable());
}
