import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../../infra/local/seed-accounts';
import { contentSecurityPolicy } from '../../shared/http/security-headers';
import { dynamoDbLocalsOf } from '../helpers/crash-harness';
import { type RunningServer, startServer } from '../helpers/local-server';

/**
 * `npm start` as a stranger meets it: headers, malformed requests, a second start, a busy port,
 * the database port, `npm run invoke`, and a stop under keep-alive load (issues 10 and 12).
 */
const root = resolve(import.meta.dirname, '..', '..');
const dataDir = mkdtempSync(join(tmpdir(), 'choso-hardening-'));
const uploadsDir = mkdtempSync(join(tmpdir(), 'choso-uploads-'));
let server: RunningServer;

beforeAll(async () => {
  server = await startServer(dataDir, undefined, { LOCAL_UPLOADS_DIR: uploadsDir });
});
afterAll(async () => {
  await server?.stop();
});

/** One raw HTTP exchange: what the bytes were, what came back. */
function raw(text: string): Promise<{ status: number; headers: string; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((res, rej) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
    let data = '';
    socket.on('data', (c) => {
      data += c.toString();
    });
    socket.on('end', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      res({ status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body });
    });
    socket.on('error', rej);
    setTimeout(() => socket.end(), 1_500);
  });
}

const runNode = (args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'WARN', ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });

describe('local host hardening', () => {
  it('sends the security headers CloudFront sends, on pages and API answers', async () => {
    const origin = `http://localhost:${new URL(server.url).port}`;
    for (const path of ['/', '/ban-hang/', '/api/health', '/nope']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.headers.get('content-security-policy'), path).toBe(
        contentSecurityPolicy([origin]),
      );
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('answers every /api/ path and every request the parser refuses with the error envelope', async () => {
    const cases: Array<[string, number, string]> = [
      ['GET /api/../x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', 400, 'request.invalid'],
      [
        'GET /api/%2e%2e/x HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
        400,
        'request.invalid',
      ],
      [
        'GET /api/%2E%2e/health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
        400,
        'request.invalid',
      ],
      [
        'GET /api/./health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
        400,
        'request.invalid',
      ],
      ['GET /%61pi/nope HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n', 404, 'route.notFound'],
      [
        'DELETE /api/health HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n',
        405,
        'method.notAllowed',
      ],
      ['FOO /api/health HTTP/1.1\r\nHost: a\r\n\r\n', 400, 'request.invalid'],
      [
        `GET /api/health HTTP/1.1\r\nHost: a\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        431,
        'request.tooLarge',
      ],
      [
        'POST /api/auth/sign-in HTTP/1.1\r\nHost: a\r\nContent-Length: abc\r\n\r\n',
        400,
        'request.invalid',
      ],
      [
        'GET /api/health HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n',
        400,
        'request.invalid',
      ],
      ['GARBAGE\r\n\r\n', 400, 'request.invalid'],
    ];
    for (const [text, status, code] of cases) {
      const res = await raw(text);
      const label = text.split('\r\n')[0]?.slice(0, 60) ?? '';
      expect(res.status, label).toBe(status);
      expect(res.headers, label).toContain('application/json');
      const body = JSON.parse(res.body) as { error: { code: string }; requestId: string };
      expect(body.error.code, label).toBe(code);
      expect(body.requestId, label).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('does not log a client that hangs up mid-body as a host failure', async () => {
    const { port } = new URL(server.url);
    await new Promise<void>((res) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write(
          'POST /api/auth/sign-in HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"login":',
        );
        setTimeout(() => {
          socket.destroy();
          res();
        }, 200);
      });
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(server.output()).not.toContain('failed a request');
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('refuses a second npm start on the same DATA_DIR and leaves the first one whole', () => {
    const second = runNode(['infra/local/server.ts'], {
      DATA_DIR: dataDir,
      PORT: '0',
      SKIP_WEB_BUILD: 'true',
    });
    expect(second.status).toBe(3);
    expect(second.stderr).toMatch(/DATA_DIR .* is in use by npm start .*pid \d+/);
    expect(existsSync(join(dataDir, 'local-host.json'))).toBe(true);
    expect(dynamoDbLocalsOf(dataDir)).toHaveLength(1);
  });

  it('checks the port before creating anything, and names the PORT variable', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'choso-port-'));
    const busy = runNode(['infra/local/server.ts'], {
      DATA_DIR: fresh,
      PORT: new URL(server.url).port,
      SKIP_WEB_BUILD: 'true',
    });
    expect(busy.status).toBe(3);
    expect(busy.stderr).toMatch(/Port \d+ is already in use.*PORT=\d+ npm start/s);
    expect(busy.stderr).not.toContain('EADDRINUSE');
    expect(existsSync(join(fresh, 'dynamodb'))).toBe(false);
    expect(existsSync(join(fresh, 'host.lock'))).toBe(false);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });

  it('keeps DynamoDB Local closed to clients that lack the install key id', async () => {
    const { port } = JSON.parse(
      readFileSync(join(dataDir, 'dynamodb', 'dynamodb-local.pid'), 'utf8'),
    ) as { port: number };
    // DynamoDB Local listens on every interface; what a stranger there sees is an empty database.
    const stranger = new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    expect((await stranger.send(new ListTablesCommand({}))).TableNames).toEqual([]);
    stranger.destroy();
    const { endpoint } = JSON.parse(readFileSync(join(dataDir, 'local-host.json'), 'utf8')) as {
      endpoint: string;
    };
    expect(new URL(endpoint).hostname).toBe('127.0.0.1');
    const host = new DynamoDBClient({
      endpoint,
      region: 'ap-southeast-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    expect((await host.send(new ListTablesCommand({}))).TableNames).toContain('cho-so-main');
    host.destroy();
  });

  it('keeps uploads in LOCAL_UPLOADS_DIR', async () => {
    expect(server.output()).not.toContain('EADDRINUSE');
    const { email, password } = DEMO_ACCOUNTS.seller;
    const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: email, password }),
    });
    const { token } = (await signIn.json()) as { token: string };
    const ticket = await fetch(`${server.url}/api/seller/uploads`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ contentType: 'image/png', contentLength: PNG.length }),
    });
    expect(ticket.status).toBe(201);
    const upload = (await ticket.json()) as {
      uploadUrl: string;
      method: string;
      headers: Record<string, string>;
      imageKey: string;
    };
    const put = await fetch(upload.uploadUrl, {
      method: upload.method,
      headers: upload.headers,
      body: PNG,
    });
    expect(put.status).toBeLessThan(300);
    const found = spawnSync('find', [uploadsDir, '-type', 'f'], { encoding: 'utf8' }).stdout;
    expect(found).toContain(upload.imageKey.split('/').at(-1));
    expect(existsSync(join(dataDir, 'uploads'))).toBe(false);
  });

  it('npm run invoke uses the running host, its secrets, and signs in with --as', () => {
    const out = runNode(
      [
        'infra/local/invoke.ts',
        'functions/catalog/list-own-products.ts',
        'events/catalog/list-own-products.json',
        '--as',
        DEMO_ACCOUNTS.seller.email,
      ],
      {
        DATA_DIR: dataDir,
        INVOKE_PASSWORD: DEMO_ACCOUNTS.seller.password,
        POWERTOOLS_LOG_LEVEL: 'ERROR',
      },
    );
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain('"statusCode": 200');
    const anonymous = runNode(
      [
        'infra/local/invoke.ts',
        'functions/catalog/list-own-products.ts',
        'events/catalog/list-own-products.json',
      ],
      { DATA_DIR: dataDir, POWERTOOLS_LOG_LEVEL: 'ERROR' },
    );
    expect(anonymous.stdout).toContain('"statusCode": 401');
  });

  it('on SIGTERM finishes what is in flight, turns new keep-alive requests away, and stops in time', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 4 });
    const { port } = new URL(server.url);
    const results: Array<{ sentAt: number; status: number | 'error'; connection?: string }> = [];
    let signalledAt = Number.POSITIVE_INFINITY;
    let stop = false;
    const get = () =>
      new Promise<void>((res) => {
        const sentAt = Date.now();
        const req = request({ host: '127.0.0.1', port, path: '/api/health', agent }, (answer) => {
          answer.resume();
          answer.on('end', () => {
            results.push({
              sentAt,
              status: answer.statusCode ?? 0,
              connection: String(answer.headers.connection ?? ''),
            });
            res();
          });
        });
        req.on('error', () => {
          results.push({ sentAt, status: 'error' });
          setTimeout(res, 20);
        });
        req.end();
      });
    const worker = async () => {
      while (!stop) await get();
    };
    const workers = Array.from({ length: 4 }, worker);
    // A client that never finishes its body: the drain must not wait for it forever.
    const stalled = connect(Number(port), '127.0.0.1', () =>
      stalled.write(
        'POST /api/auth/sign-in HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{',
      ),
    );
    stalled.on('error', () => undefined);
    const stalledClosed = new Promise<void>((res) => stalled.once('close', () => res()));
    await new Promise((r) => setTimeout(r, 800));
    const exited = new Promise<number | null>((res) =>
      server.process.once('exit', (code) => res(code)),
    );
    signalledAt = Date.now();
    process.kill(server.process.pid as number, 'SIGTERM');
    const code = await exited;
    const stoppedInMs = Date.now() - signalledAt;
    stop = true;
    await Promise.all(workers);
    agent.destroy();

    expect(code).toBe(0);
    // Bounded: the stalled request is cut off after the 10 s drain time, not waited for.
    expect(stoppedInMs).toBeGreaterThan(9_000);
    expect(stoppedInMs).toBeLessThan(20_000);
    await stalledClosed;
    expect(server.output()).toContain('drain time over');
    const before = results.filter((r) => r.sentAt < signalledAt);
    const after = results.filter((r) => r.sentAt > signalledAt + 100);
    expect(before.filter((r) => r.status === 200).length).toBeGreaterThan(0);
    // Nothing sent after the signal was served as usual: 503 + Connection: close, or refused.
    expect(after.length).toBeGreaterThan(0);
    expect(after.filter((r) => r.status === 200)).toEqual([]);
    console.log(
      `drain: ${before.length} requests before SIGTERM, after it: ${after.filter((r) => r.status === 503).length} × 503, ` +
        `${after.filter((r) => r.status === 'error').length} refused; stopped in ${stoppedInMs} ms`,
    );
    for (const r of after.filter((x) => x.status === 503)) expect(r.connection).toBe('close');
    expect(dynamoDbLocalsOf(dataDir)).toEqual([]);
    expect(existsSync(join(dataDir, 'host.lock'))).toBe(false);
  });
});

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
