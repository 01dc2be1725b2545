import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyStructuredResultV2, Context, DynamoDBStreamEvent } from 'aws-lambda';
import {
  CORS_ALLOW_HEADERS,
  CORS_ALLOW_METHODS,
  CORS_MAX_AGE_SECONDS,
  corsHeaders,
} from '../../shared/http/cors';
import { pagePreloadLink } from '../../shared/http/page-preload';
import { pageRequestFor } from '../../shared/http/page-routes';
import { securityHeaders } from '../../shared/http/security-headers';
import { jobs, type RouteDefinition, routes, streamConsumers } from '../routes';
import { toApiEvent } from './api-event';
import {
  CompressedCache,
  chooseEncoding,
  compress,
  etagOf,
  isCompressible,
  MIN_COMPRESS_BYTES,
  notModified,
} from './compression';
import { type LocalDatabase, lockDataDir, openLocalDatabase } from './database';
import { createLocalTables } from './dynamodb-local';
import { lambdaContext } from './lambda-context';
import { createOutboxHandler } from './outbox';
import { PageCache } from './page-cache';
import { compileRoutes } from './router';
import { startScheduler } from './scheduler';
import { loadLocalSecrets } from './secrets';
import { StreamPoller } from './stream-poller';
import { createUploadsHandler } from './uploads';

/**
 * The embedded local host: the production handlers behind node:http, on DynamoDB Local.
 * An adapter, never a second implementation: requests become API Gateway v2 events, stream
 * records become Lambda stream batches, timers become scheduled events, and the same handler
 * modules answer.
 */
export interface LocalHostOptions {
  port: number;
  /** Persisted data (DynamoDB files, stream checkpoint, secrets); undefined = in memory. */
  dataDir?: string;
  webDir: string;
  /** Serves this many bytes of body at most (API Gateway's limit is 10 MB). */
  maxRequestBytes?: number;
  /** How long a stop waits for requests in flight before cutting them off. Default 10 s. */
  drainMs?: number;
  /** false: no durability barrier (benchmark baseline only; never for real data). */
  durable?: boolean;
  /**
   * false: no compression, no ETags and no `Link` preload headers on pages, scripts and API answers
   * (the page benchmark's baseline only). Default true, as behind CloudFront.
   */
  compress?: boolean;
  /**
   * false: `/` and `/san-pham/` are served as built, their scripts fetch the data (the page
   * benchmark's baseline only). Default true: filled by the page routes (shared/http/page-routes.ts).
   */
  renderPages?: boolean;
  seed?: () => Promise<unknown>;
  log?: (message: string, data?: Record<string, unknown>) => void;
  /** DynamoDB Local died under the host (killed, crashed): the host cannot serve any more. */
  onDatabaseExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

export interface LocalHost {
  url: string;
  poller: StreamPoller;
  /** The database endpoint every client of this host uses (the durable proxy, loopback). */
  databaseEndpoint: string;
  /** Barrier requests sent so far (see durable-proxy.ts). */
  barriers(): number;
  stop(): Promise<void>;
}

export class PortInUseError extends Error {
  constructor(port: number) {
    super(
      `Port ${port} is already in use on 127.0.0.1. Stop what uses it, or choose another port with ` +
        `the PORT variable, e.g. PORT=${port === 3000 ? 3001 : port + 1} npm start.`,
    );
    this.name = 'PortInUseError';
  }
}

const repoRoot = resolve(import.meta.dirname, '..', '..');
type AnyHandler = (event: unknown, context: Context) => Promise<unknown>;
const loadHandler = async (modulePath: string): Promise<AnyHandler> => {
  const mod = (await import(pathToFileURL(join(repoRoot, modulePath)).href)) as {
    handler?: AnyHandler;
  };
  if (typeof mod.handler !== 'function') throw new Error(`${modulePath} does not export a handler`);
  return mod.handler;
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The path exactly as sent (before URL parsing resolves `..` and `%2e%2e`). */
const rawPathOf = (url: string | undefined) => (url ?? '/').split('?')[0] ?? '/';
/** `/api`, `/api/...`, also spelled with escapes (`/%61pi/`): never served as a page. */
export function isApiPath(rawPath: string): boolean {
  let decoded = rawPath;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    // keep the raw spelling
  }
  return [rawPath, decoded].some((p) => /^\/+api(\/|$)/i.test(p));
}
/** A `.` or `..` segment, in any spelling (`%2e`, `%2E`): API Gateway never routes these. */
export function hasDotSegment(rawPath: string): boolean {
  return rawPath.split('/').some((segment) => /^(\.|%2e){1,2}$/i.test(segment));
}

export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir ? resolve(options.dataDir) : undefined;
  const drainMs = options.drainMs ?? 10_000;

  // 1. The DATA_DIR lock (one host per directory), 2. the port, and only then the database.
  const release = dataDir
    ? lockDataDir(dataDir, `npm start (port ${options.port})`)
    : () => undefined;
  let state: 'starting' | 'ready' | 'draining' = 'starting';
  let onRequest: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async () => {};
  const inFlight = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    if (state !== 'ready') {
      // Starting, or draining on a stop: a clear "come back later", and this socket closes.
      res.shouldKeepAlive = false;
      sendJson(
        res,
        503,
        errorEnvelope('service.unavailable', state === 'starting' ? 'Starting' : 'Stopping'),
        { connection: 'close', 'retry-after': '1' },
      );
      return;
    }
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
    onRequest(req, res).catch((err: unknown) => {
      log('local host failed a request', { error: String(err) });
      if (!res.headersSent) sendJson(res, 500, errorEnvelope('internal', 'Internal error'));
      else res.end();
    });
  });
  // Whatever Node's HTTP parser refuses (oversized headers, unknown methods, bad framing) still
  // gets the error envelope; a client that went away gets nothing and is no host failure.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const [status, code, message] =
      err.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'request.tooLarge', 'Request headers too large']
        : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'request.invalid', 'Request timeout']
          : [400, 'request.invalid', `Malformed request (${err.code ?? 'parse error'})`];
    const body = JSON.stringify(errorEnvelope(code, message));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'content-type: application/json; charset=utf-8\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        'connection: close\r\n\r\n' +
        body,
    );
  });
  try {
    await new Promise<void>((res, rej) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        rej(err.code === 'EADDRINUSE' ? new PortInUseError(options.port) : err),
      );
      server.listen(options.port, '127.0.0.1', () => res());
    });
  } catch (err) {
    release();
    throw err;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  const secrets = loadLocalSecrets(join(dataDir ?? resolve('.data'), 'secrets.json'), process.env);
  let stopRequested = false;
  let dynamo: LocalDatabase;
  try {
    dynamo = await openLocalDatabase({
      ...(dataDir ? { dataDir } : {}),
      lockHeld: true,
      purpose: 'npm start',
      region: process.env.AWS_REGION ?? 'ap-southeast-1',
      barrier: options.durable ?? true,
      onUnexpectedExit: (code, signal) => {
        if (stopRequested) return;
        log('DynamoDB Local exited unexpectedly', { code, signal });
        options.onDatabaseExit?.(code, signal);
      },
    });
  } catch (err) {
    server.close();
    release();
    throw err;
  }
  try {
    // The same names the stack sets on every function (infra/aws/stack.ts).
    Object.assign(process.env, {
      TABLE_NAME: process.env.TABLE_NAME ?? 'cho-so-main',
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      AWS_REGION: process.env.AWS_REGION ?? 'ap-southeast-1',
      HOST_KIND: process.env.HOST_KIND ?? 'local',
      // The page-render handlers fill the pages this host serves (shared/pages/templates.ts).
      PAGE_TEMPLATES_DIR: resolve(options.webDir),
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      // Mail goes to DATA_DIR/outbox, shown at /_outbox (infra/local/outbox.ts); links in it
      // point at this host.
      MAIL_OUTBOX_DIR: resolve(
        process.env.MAIL_OUTBOX_DIR ??
          join(dataDir ?? mkdtempSync(join(tmpdir(), 'choso-outbox-')), 'outbox'),
      ),
      SITE_URL: process.env.SITE_URL ?? `http://localhost:${port}`,
      ...secrets,
    });
    const created = await createLocalTables(
      dynamo.endpoint,
      process.env.TABLE_NAME ?? 'cho-so-main',
    );
    if (created.length) log('tables created', { tables: created });

    // Handlers read their config at module load: import them only now.
    const handlers = new Map<string, AnyHandler>();
    for (const route of routes) handlers.set(route.handler, await loadHandler(route.handler));

    const consumer = streamConsumers[0];
    if (!consumer) throw new Error('no stream consumer in the manifest');
    const streamHandler = await loadHandler(consumer.handler);
    const poller = new StreamPoller({
      endpoint: dynamo.endpoint,
      region: process.env.AWS_REGION ?? 'ap-southeast-1',
      tableName: process.env.TABLE_NAME ?? 'cho-so-main',
      handler: (event: DynamoDBStreamEvent, context) => streamHandler(event, context) as never,
      context: () => lambdaContext(consumer.id),
      batchSize: consumer.batchSize,
      retryAttempts: consumer.retryAttempts,
      ...(dataDir
        ? {
            checkpointFile: join(dataDir, 'stream-checkpoint.json'),
            failureDir: join(dataDir, 'stream-failures'),
          }
        : {}),
      log,
    });
    poller.start();

    if (options.seed) log('seeded', { result: await options.seed() });

    const jobHandlers = new Map<string, AnyHandler>();
    for (const job of jobs) jobHandlers.set(job.id, await loadHandler(job.handler));
    const scheduler = startScheduler(
      jobs,
      async (job, event) => {
        await jobHandlers.get(job.id)?.(event, lambdaContext(job.id));
      },
      log,
    );

    const match = compileRoutes(routes);
    const pageCache = new PageCache();
    // The local stand-in for S3: signed PUTs to /_uploads/<key>, images at /images/<key>.
    const uploadsDir = resolve(
      process.env.LOCAL_UPLOADS_DIR ??
        join(dataDir ?? mkdtempSync(join(tmpdir(), 'choso-uploads-')), 'uploads'),
    );
    // Read by the image store on first use (shared/storage/images.ts).
    process.env.LOCAL_UPLOADS_URL ??= `http://localhost:${port}/_uploads`;
    process.env.LOCAL_UPLOADS_DIR = uploadsDir;
    const outbox = createOutboxHandler({ dir: process.env.MAIL_OUTBOX_DIR ?? '' });
    const uploads = createUploadsHandler({
      dir: uploadsDir,
      secret: process.env.SIGNING_SECRET ?? '',
      log,
    });
    const maxBytes = options.maxRequestBytes ?? 10 * 1024 * 1024;
    const webDir = resolve(options.webDir);
    // The same headers CloudFront adds (shared/http/security-headers.ts). connect-src also names
    // the upload store's origin: the page may be open as 127.0.0.1 while uploads go to localhost.
    const pageHeaders = securityHeaders({
      extraConnectSrc: [new URL(process.env.LOCAL_UPLOADS_URL).origin],
    });

    onRequest = async (req: IncomingMessage, res: ServerResponse) => {
      const rawPath = rawPathOf(req.url);
      const method = (req.method ?? 'GET').toUpperCase();
      if (isApiPath(rawPath)) {
        // CloudFront's policy covers /api/* too; a handler's own CSP wins (override: false).
        for (const [name, value] of Object.entries(pageHeaders)) res.setHeader(name, value);
        const origin = req.headers.origin;
        const allowList = process.env.CORS_ALLOWED_ORIGINS ?? '*';
        const cors = corsHeaders(origin, allowList);
        if (method === 'OPTIONS') {
          res.writeHead(204, {
            ...cors,
            'access-control-allow-methods': CORS_ALLOW_METHODS.join(','),
            'access-control-allow-headers': CORS_ALLOW_HEADERS.join(','),
            'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
          });
          res.end();
          return;
        }
        const found = hasDotSegment(rawPath)
          ? ({ kind: 'badPath' } as const)
          : match(method, rawPath);
        if (found.kind !== 'match') {
          const [status, code, message] =
            found.kind === 'methodNotAllowed'
              ? [405, 'method.notAllowed', `Allowed: ${found.allowed.join(', ')}`]
              : found.kind === 'badPath'
                ? [400, 'request.invalid', 'Malformed path']
                : [404, 'route.notFound', 'No such route'];
          req.resume();
          sendJson(res, status, errorEnvelope(code, message), cors);
          return;
        }
        const body = await readBody(req, maxBytes);
        if (body === 'aborted') return; // the client went away: nothing to answer, no failure
        if (body === 'tooLarge') {
          sendJson(res, 413, errorEnvelope('request.tooLarge', 'Body too large'), cors);
          return;
        }
        const url = new URL(req.url ?? '/', 'http://localhost');
        const event = toApiEvent({
          method,
          rawPath,
          rawQueryString: url.search.slice(1),
          headers: req.headers,
          body,
          routeKey: found.routeKey,
          pathParameters: found.pathParameters,
          sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        });
        const handler = handlers.get(found.route.handler) as AnyHandler;
        const result = await handler(event, lambdaContext(groupFunctionName(found.route)));
        sendLambdaResult(req, res, result, options.compress !== false);
        return;
      }
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname.startsWith('/_uploads/')) {
        // Browsers PUT straight to the store, as to S3 with its bucket CORS rule.
        res.setHeader('access-control-allow-origin', '*');
        if (method === 'OPTIONS') {
          res.writeHead(204, {
            'access-control-allow-methods': 'PUT',
            'access-control-allow-headers': 'content-type',
            'access-control-max-age': String(CORS_MAX_AGE_SECONDS),
          });
          res.end();
          return;
        }
      }
      if (uploads(req, res, url)) return;
      for (const [name, value] of Object.entries(pageHeaders)) res.setHeader(name, value);
      if (outbox(req, res, url)) return;
      if (method !== 'GET' && method !== 'HEAD') {
        req.resume();
        sendJson(res, 405, errorEnvelope('method.notAllowed', 'Pages are GET only'));
        return;
      }
      // As CloudFront's page behaviours do: `/` and `/san-pham/` filled by their manifest route,
      // kept as CloudFront keeps them; a failed render falls back to the page as built.
      const pageRequest =
        options.renderPages === false ? undefined : pageRequestFor(url.pathname, url.searchParams);
      const pageMatch = pageRequest ? match('GET', pageRequest.route) : undefined;
      if (pageRequest && pageMatch?.kind === 'match') {
        const handler = handlers.get(pageMatch.route.handler) as AnyHandler;
        const rawQueryString = pageRequest.query.toString();
        const rendered = await pageCache
          .get(`${pageRequest.route}?${rawQueryString}`, async () => {
            const event = toApiEvent({
              method: 'GET',
              rawPath: pageRequest.route,
              rawQueryString,
              headers: { ...req.headers, cookie: undefined, authorization: undefined },
              body: Buffer.alloc(0),
              routeKey: pageMatch.routeKey,
              pathParameters: pageMatch.pathParameters,
              sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
            });
            return (await handler(
              event,
              lambdaContext(groupFunctionName(pageMatch.route)),
            )) as APIGatewayProxyStructuredResultV2;
          })
          .catch((err: unknown) => {
            log('page render failed: serving the page as built', { error: String(err) });
            return undefined;
          });
        // A page never answers an error of its own: the page as built shows the API's instead.
        if (rendered && (rendered.statusCode ?? 200) < 400) {
          sendLambdaResult(req, res, rendered, options.compress !== false);
          return;
        }
      }
      // As CloudFront's viewer-response function does: the product page's data starts at once.
      const link = pagePreloadLink(url.pathname, url.searchParams);
      if (link && options.compress !== false) res.setHeader('link', link);
      serveStatic(webDir, url.pathname, req, res, method === 'HEAD', options.compress !== false);
    };

    // Lets `npm run invoke` reach this host's database while it runs.
    const hostFile = dataDir ? join(dataDir, 'local-host.json') : undefined;
    if (hostFile) {
      writeFileSync(
        hostFile,
        JSON.stringify({
          pid: process.pid,
          endpoint: dynamo.endpoint,
          tableName: process.env.TABLE_NAME,
        }),
      );
    }
    state = 'ready';

    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopping ??= (async () => {
        // Drain: no new connections; requests on open keep-alive connections get 503 with
        // `Connection: close`; those in flight finish (at most drainMs, then they are cut off).
        // Then the stream and the scheduler, and only then the database: no write is cut off.
        state = 'draining';
        stopRequested = true;
        const closed = new Promise<void>((res) => server.close(() => res()));
        server.closeIdleConnections();
        const cutOff = setTimeout(() => {
          if (inFlight.size) log('drain time over: cutting off requests', { count: inFlight.size });
          server.closeAllConnections();
        }, drainMs);
        const idleSweep = setInterval(() => server.closeIdleConnections(), 100);
        await closed;
        clearTimeout(cutOff);
        clearInterval(idleSweep);
        await scheduler.stop();
        await poller.stop();
        await dynamo.stop();
        if (hostFile) rmSync(hostFile, { force: true });
        release();
      })();
      return stopping;
    };
    return {
      url: `http://127.0.0.1:${port}`,
      poller,
      databaseEndpoint: dynamo.endpoint,
      barriers: dynamo.barriers,
      stop,
    };
  } catch (err) {
    stopRequested = true;
    server.close();
    await dynamo.stop();
    release();
    throw err;
  }
}

const errorEnvelope = (code: string, message: string) => ({
  error: { code, message },
  requestId: randomUUID(),
});

const groupFunctionName = (route: RouteDefinition) => `cho-so-${route.group}`;

function readBody(
  req: IncomingMessage,
  maxBytes: number,
): Promise<Buffer | 'tooLarge' | 'aborted'> {
  return new Promise((res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => res(tooLarge ? 'tooLarge' : Buffer.concat(chunks)));
    // A client that hangs up mid-body (ECONNRESET, "aborted") is not a host failure.
    req.on('error', () => res('aborted'));
    req.on('aborted', () => res('aborted'));
  });
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** A Lambda proxy result (v2) back into an HTTP response, as API Gateway does. */
function sendLambdaResult(
  req: IncomingMessage,
  res: ServerResponse,
  result: unknown,
  compressing: boolean,
) {
  if (result === null || typeof result !== 'object' || !('statusCode' in result)) {
    // Payload 2.0 without statusCode: API Gateway answers 200 with the value as JSON.
    sendJson(res, 200, result ?? null);
    return;
  }
  const r = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(r.headers ?? {})) headers[k.toLowerCase()] = String(v);
  if (r.cookies?.length) headers['set-cookie'] = r.cookies;
  let body: Buffer | string | undefined =
    r.body === undefined ? undefined : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : r.body;
  // Compressed as CloudFront compresses /api/* answers: text bodies of 1,000 bytes or more.
  if (compressing && body !== undefined && !headers['content-encoding']) {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const contentType = headers['content-type'];
    const encoding = chooseEncoding(req.headers['accept-encoding']);
    if (
      encoding !== 'identity' &&
      bytes.length >= MIN_COMPRESS_BYTES &&
      isCompressible(typeof contentType === 'string' ? contentType : undefined)
    ) {
      body = compress(bytes, encoding);
      headers['content-encoding'] = encoding;
      headers.vary = appendVary(headers.vary, 'Accept-Encoding');
    }
  }
  res.writeHead(r.statusCode ?? 200, headers);
  res.end(body);
}

const appendVary = (current: string | string[] | undefined, name: string) =>
  current ? `${String(current)}, ${name}` : name;

const staticCache = new CompressedCache();

/**
 * Files under webDir only (no traversal); `/x/` serves `/x/index.html`; unknown paths get 404.html.
 * Each answer carries a strong ETag (a revisit on a slow network costs a 304, not the bytes) and is
 * compressed with brotli or gzip when the browser accepts it; compressed copies are kept in memory
 * per file version.
 */
function serveStatic(
  webDir: string,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
  headOnly: boolean,
  compressing: boolean,
) {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    decoded = '/__invalid__';
  }
  let file = normalize(join(webDir, decoded));
  if (file !== webDir && !file.startsWith(webDir + sep)) file = join(webDir, '__missing__');
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file) && existsSync(`${file}.html`)) file = `${file}.html`;
  let status = 200;
  if (!existsSync(file) || !statSync(file).isFile()) {
    status = 404;
    file = join(webDir, '404.html');
    if (!existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Không tìm thấy trang / Page not found');
      return;
    }
  }
  const contentType = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  const version = `${file}@${statSync(file).mtimeMs}`;
  const raw = staticCache.get(`${version}#identity`, () => readFileSync(file));
  const etag = staticCache.get(`${version}#etag`, () => Buffer.from(etagOf(raw))).toString();
  const headers: Record<string, string> = {
    'content-type': contentType,
    'x-content-type-options': 'nosniff',
    'cache-control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=300',
  };
  if (compressing) headers.etag = etag;
  const compressible =
    compressing && isCompressible(contentType) && raw.length >= MIN_COMPRESS_BYTES;
  if (compressible) headers.vary = 'Accept-Encoding';
  if (compressing && status === 200 && notModified(req.headers['if-none-match'], etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const encoding = compressible ? chooseEncoding(req.headers['accept-encoding']) : 'identity';
  const body =
    encoding === 'identity'
      ? raw
      : staticCache.get(`${version}#${encoding}`, () => compress(raw, encoding));
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  headers['content-length'] = String(body.length);
  res.writeHead(status, headers);
  res.end(headOnly ? undefined : body);
}
