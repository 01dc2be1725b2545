import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * The origin check's own secret reading (ORIGIN_VERIFY_SECRET_ARN set, as on AWS): the current and
 * previous values from the Parameters and Secrets Lambda Extension, here a small HTTP server on
 * loopback that answers like the extension, kept for five minutes, and refused when too short.
 */
const ARN = 'arn:aws:secretsmanager:ap-southeast-1:123456789012:secret:origin/verify-AbCd';
const CURRENT = `${'c'.repeat(24)}-current-origin-value`;
const PREVIOUS = `${'p'.repeat(24)}-previous-origin-value`;

type Answer = { status: number; body?: unknown };
let answers: Record<string, Answer> = {};
const requests: { url: string; token: string | undefined }[] = [];
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    requests.push({
      url: req.url ?? '',
      token: req.headers['x-aws-parameters-secrets-token'] as string | undefined,
    });
    const stage = new URL(req.url ?? '/', 'http://localhost').searchParams.get('versionStage');
    const answer = answers[stage ?? ''] ?? { status: 404 };
    res.writeHead(answer.status, { 'content-type': 'application/json' });
    res.end(answer.body === undefined ? '{}' : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  requests.length = 0;
  answers = {};
});
vi.setConfig({ testTimeout: 30_000 });

/** The module afresh, under an environment with (or without) the secret's ARN. */
async function load(arn: string | null = ARN) {
  vi.resetModules();
  vi.stubEnv('TABLE_NAME', 'unit-test');
  vi.stubEnv('HOST_KIND', 'test');
  vi.stubEnv('PARAMETERS_SECRETS_EXTENSION_HTTP_PORT', String(port));
  vi.stubEnv('AWS_SESSION_TOKEN', 'session-token-1');
  if (arn) vi.stubEnv('ORIGIN_VERIFY_SECRET_ARN', arn);
  const mod = await import('../../../functions/_http/origin-verify');
  const check = mod.originVerify();
  /** 'passed', or the error the check threw (its code for AppErrors, else its message). */
  const send = async (value?: string) => {
    const event = { headers: value === undefined ? {} : { 'x-origin-verify': value } };
    try {
      await check.before?.({
        event: event as unknown as APIGatewayProxyEventV2,
        context: {} as Context,
        response: undefined,
        error: undefined,
        internal: {},
      } as never);
      return mod.cameThroughCloudFront(event as unknown as APIGatewayProxyEventV2)
        ? 'passed'
        : 'passed unverified';
    } catch (e) {
      const err = e as { code?: string; message: string };
      return err.code ?? err.message;
    }
  };
  return { ...mod, send };
}

const ok = (value: unknown) => ({ status: 200, body: { SecretString: value } });

describe('origin secrets read through the extension', () => {
  it('no ARN: nothing is read and nothing is checked', async () => {
    const { send } = await load(null);
    expect(await send()).toBe('passed unverified');
    expect(requests).toEqual([]);
  });

  it('asks the extension for both stages of the secret, with the session token', async () => {
    answers = { AWSCURRENT: ok(CURRENT) };
    const { send } = await load();
    expect(await send(CURRENT)).toBe('passed');
    const asked = requests.map((r) => r.url).sort();
    const q = encodeURIComponent(ARN);
    expect(asked).toEqual([
      `/secretsmanager/get?secretId=${q}&versionStage=AWSCURRENT`,
      `/secretsmanager/get?secretId=${q}&versionStage=AWSPREVIOUS`,
    ]);
    expect(requests.map((r) => r.token)).toEqual(['session-token-1', 'session-token-1']);
    // no previous version (404): only the current value passes
    expect(await send(PREVIOUS)).toBe('auth.forbidden');
    expect(await send()).toBe('auth.forbidden');
    expect(await send('')).toBe('auth.forbidden');
  });

  it('an empty token header when the function has no session token', async () => {
    answers = { AWSCURRENT: ok(CURRENT) };
    const { send } = await load();
    vi.stubEnv('AWS_SESSION_TOKEN', undefined);
    expect(await send(CURRENT)).toBe('passed');
    expect(requests.map((r) => r.token)).toEqual(['', '']);
  });

  it('during a rotation both the current and the previous value pass', async () => {
    answers = { AWSCURRENT: ok(CURRENT), AWSPREVIOUS: ok(PREVIOUS) };
    const { send } = await load();
    expect(await send(CURRENT)).toBe('passed');
    expect(await send(PREVIOUS)).toBe('passed');
    expect(await send(`${CURRENT}x`)).toBe('auth.forbidden');
  });

  it('a previous stage the extension refuses (400) or fails on (500) is no value', async () => {
    for (const status of [400, 500]) {
      answers = {
        AWSCURRENT: ok(CURRENT),
        AWSPREVIOUS: { status, body: { SecretString: PREVIOUS } },
      };
      const { send, resetOriginSecretCache } = await load();
      resetOriginSecretCache();
      expect(await send(CURRENT), String(status)).toBe('passed');
      expect(await send(PREVIOUS), String(status)).toBe('auth.forbidden');
    }
  });

  it('values shorter than 32 characters are dropped; none left is an error, not an open door', async () => {
    const exactly32 = 'k'.repeat(32);
    answers = { AWSCURRENT: ok(exactly32), AWSPREVIOUS: ok('k'.repeat(31)) };
    const a = await load();
    expect(await a.send(exactly32)).toBe('passed');
    expect(await a.send('k'.repeat(31))).toBe('auth.forbidden');

    answers = { AWSCURRENT: ok('short'), AWSPREVIOUS: { status: 200, body: {} } };
    const b = await load();
    expect(await b.send('short')).toBe('Origin-verify secret is empty or too short');
    // a secret that is JSON but not text (32 character codes) is no value either
    answers = { AWSCURRENT: ok(Array.from({ length: 32 }, () => 65)) };
    const c = await load();
    expect(await c.send('A'.repeat(32))).toBe('Origin-verify secret is empty or too short');
  });

  it('an extension failure on the current value is an error, and the next request reads again', async () => {
    answers = { AWSCURRENT: { status: 500 } };
    const { send } = await load();
    expect(await send(CURRENT)).toBe('Secrets extension answered 500');
    answers = { AWSCURRENT: { status: 403 } };
    expect(await send(CURRENT)).toBe('Secrets extension answered 403');
    answers = { AWSCURRENT: ok(CURRENT) };
    expect(await send(CURRENT)).toBe('passed');
  });

  it('a current stage the extension does not have (404, 400) is no value at all', async () => {
    for (const status of [404, 400]) {
      answers = { AWSCURRENT: { status, body: { SecretString: CURRENT } } };
      const { send } = await load();
      expect(await send(CURRENT), String(status)).toBe(
        'Origin-verify secret is empty or too short',
      );
    }
  });

  it('no usable value is not kept: the next request reads again (no five minutes of refusals)', async () => {
    answers = { AWSCURRENT: { status: 404 } };
    const { send } = await load();
    expect(await send(CURRENT)).toBe('Origin-verify secret is empty or too short');
    answers = { AWSCURRENT: ok('short') };
    expect(await send(CURRENT)).toBe('Origin-verify secret is empty or too short');
    answers = { AWSCURRENT: ok(CURRENT) };
    expect(await send(CURRENT)).toBe('passed');
    expect(requests.filter((r) => r.url.includes('AWSCURRENT'))).toHaveLength(3);
  });

  it('what was read is kept for five minutes, then read again', async () => {
    const t0 = 1_800_000_000_000;
    const clock = vi.spyOn(Date, 'now').mockReturnValue(t0);
    answers = { AWSCURRENT: ok(CURRENT) };
    const { send, resetOriginSecretCache } = await load();
    expect(await send(CURRENT)).toBe('passed');
    expect(requests).toHaveLength(2);
    // rotated meanwhile: the container still holds the old value for five minutes
    answers = { AWSCURRENT: ok(PREVIOUS) };
    clock.mockReturnValue(t0 + 5 * 60_000);
    expect(await send(CURRENT)).toBe('passed');
    expect(await send(PREVIOUS)).toBe('auth.forbidden');
    expect(requests).toHaveLength(2);
    clock.mockReturnValue(t0 + 5 * 60_000 + 1);
    expect(await send(PREVIOUS)).toBe('passed');
    expect(requests).toHaveLength(4);
    expect(await send(CURRENT)).toBe('auth.forbidden');
    // and forgetting it reads at once
    answers = { AWSCURRENT: ok(CURRENT) };
    resetOriginSecretCache();
    expect(await send(CURRENT)).toBe('passed');
    expect(requests).toHaveLength(6);
  });
});
