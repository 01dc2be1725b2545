import {
  Agent,
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type Server,
} from 'node:http';

/**
 * A thin proxy in front of DynamoDB Local, on loopback, that every client of the local host talks
 * to (handlers, stream poller, `npm run invoke`, `npm run admin`). Two jobs:
 *
 * 1. Durability barrier. DynamoDB Local's SQLite layer queues the COMMIT of a write and answers
 *    before the commit has run (SQLiteDBAccess.commitTransaction enqueues the job on its
 *    single-threaded SQLiteQueue without waiting; beginTransaction waits). A crash in that window
 *    rolls back a write that was already acknowledged. Jobs on the queue run in order, so after
 *    every successful write the proxy sends one cheap request that waits on the same queue
 *    (ListTables, Limit 1) and only then passes the write's answer on: once a client sees success,
 *    the commit has run (and SQLite, synchronous=FULL, has fsynced it).
 * 2. One database per install. Requests are re-labelled with the install's access key id and
 *    region (DynamoDB Local reads them from the Credential scope and checks no signature), so
 *    callers keep their fixed `local` credentials while DynamoDB Local, listening on every
 *    interface, keeps the data under a key id nobody else knows.
 */
export interface DurableProxyOptions {
  /** DynamoDB Local's own endpoint, e.g. http://127.0.0.1:8000. */
  target: string;
  /** Re-label every request with this access key id (and region); undefined leaves them as sent. */
  accessKeyId?: string;
  region?: string;
  /** false turns the barrier off (the benchmark's baseline). Default true. */
  barrier?: boolean;
}

export interface DurableProxy {
  endpoint: string;
  /** Barrier requests sent so far. */
  barriers(): number;
  close(): Promise<void>;
}

/**
 * Operations that change nothing: everything else (writes, PartiQL, table changes, and any
 * operation this list does not know) gets the barrier. Streams operations only read.
 */
const READ_ONLY = new Set([
  'GetItem',
  'BatchGetItem',
  'Query',
  'Scan',
  'TransactGetItems',
  'DescribeTable',
  'ListTables',
  'DescribeTimeToLive',
  'ListTagsOfResource',
  'DescribeLimits',
  'DescribeEndpoints',
  'DescribeContinuousBackups',
]);

export function needsBarrier(amzTarget: string | undefined): boolean {
  if (!amzTarget) return false;
  const [service, operation] = amzTarget.split('.');
  if (service?.startsWith('DynamoDBStreams_')) return false;
  return !READ_ONLY.has(operation ?? '');
}

/** `Credential=<key>/<date>/<region>/<service>/aws4_request` with our key id and region. */
export function relabel(authorization: string, accessKeyId: string, region: string): string {
  return authorization.replace(
    /Credential=[^/,\s]*\/(\d{8})\/[^/,\s]*\//,
    (_m, date: string) => `Credential=${accessKeyId}/${date}/${region}/`,
  );
}

interface Upstream {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export async function startDurableProxy(options: DurableProxyOptions): Promise<DurableProxy> {
  const target = new URL(options.target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const useBarrier = options.barrier ?? true;
  let barrierCount = 0;

  const send = (
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<Upstream> =>
    new Promise((res, rej) => {
      const out = request(
        {
          host: target.hostname,
          port: target.port,
          method,
          path,
          agent,
          headers: { ...headers, host: target.host, 'content-length': String(body.length) },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (c: Buffer) => chunks.push(c));
          answer.on('end', () =>
            res({
              status: answer.statusCode ?? 500,
              headers: answer.headers,
              body: Buffer.concat(chunks),
            }),
          );
          answer.on('error', rej);
        },
      );
      out.on('error', rej);
      out.end(body);
    });

  const barrier = async (authorization: string | undefined) => {
    barrierCount += 1;
    const answer = await send(
      'POST',
      '/',
      {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
        ...(authorization ? { authorization } : {}),
      },
      Buffer.from('{"Limit":1}'),
    );
    if (answer.status !== 200) throw new Error(`barrier answered ${answer.status}`);
  };

  const readAll = (req: IncomingMessage) =>
    new Promise<Buffer>((res, rej) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => res(Buffer.concat(chunks)));
      req.on('error', rej);
    });

  const server: Server = createServer((req, res) => {
    (async () => {
      const body = await readAll(req);
      const headers: IncomingHttpHeaders = { ...req.headers };
      delete headers['transfer-encoding'];
      delete headers.connection;
      if (options.accessKeyId && typeof headers.authorization === 'string')
        headers.authorization = relabel(
          headers.authorization,
          options.accessKeyId,
          options.region ?? 'ap-southeast-1',
        );
      const answer = await send(req.method ?? 'POST', req.url ?? '/', headers, body);
      const target = req.headers['x-amz-target'];
      if (
        useBarrier &&
        answer.status < 300 &&
        needsBarrier(typeof target === 'string' ? target : undefined)
      )
        await barrier(
          typeof headers.authorization === 'string' ? headers.authorization : undefined,
        );
      const outHeaders = { ...answer.headers };
      delete outHeaders['transfer-encoding'];
      delete outHeaders.connection;
      delete outHeaders['keep-alive'];
      outHeaders['content-length'] = String(answer.body.length);
      res.writeHead(answer.status, outHeaders);
      res.end(answer.body);
    })().catch((err: unknown) => {
      // DynamoDB Local is gone (or the barrier failed): the write is NOT acknowledged.
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const payload = JSON.stringify({
        __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
        message: `DynamoDB Local unavailable: ${String(err)}`,
      });
      res.writeHead(500, {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': String(Buffer.byteLength(payload)),
      });
      res.end(payload);
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', () => res());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    barriers: () => barrierCount,
    close: () =>
      new Promise<void>((res) => {
        server.close(() => res());
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
