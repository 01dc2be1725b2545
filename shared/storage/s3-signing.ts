import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * The two S3 requests the image store makes, signed with the SDK's own SigV4 signer
 * (@smithy/signature-v4, what @aws-sdk/client-s3 and the presigner use underneath) instead of the
 * whole S3 client: a pre-signed PUT for the browser, and a ranged GET of an image's first bytes.
 * The client and presigner cost more at cold start than every other module of the upload
 * function together (bench/cold-start.bench.ts); the signatures are the same
 * (test/unit/storage/s3-signing.test.ts checks them against the presigner byte for byte).
 * Credentials: the Lambda's role from its environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN), read by the SDK's env provider.
 */
export interface S3Target {
  bucket: string;
  region: string;
}

/**
 * The bucket's regional virtual-hosted endpoint: the host of every URL we sign, and therefore
 * the origin the page CSP allows in connect-src (CloudFormation's RegionalDomainName).
 */
export const bucketHost = ({ bucket, region }: S3Target) => `${bucket}.s3.${region}.amazonaws.com`;

/** S3 object keys in a path: every segment percent-encoded, `/` kept. */
const keyPath = (key: string) =>
  `/${key
    .split('/')
    .map((part) =>
      encodeURIComponent(part).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/')}`;

type Credentials = ConstructorParameters<typeof SignatureV4>[0]['credentials'];

const signerFor = (target: S3Target, credentials: Credentials) =>
  new SignatureV4({
    service: 's3',
    region: target.region,
    credentials,
    sha256: Sha256,
    // S3 signs the path as sent (no double encoding) and takes UNSIGNED-PAYLOAD for uploads.
    uriEscapePath: false,
    applyChecksum: false,
  });

let envCredentials: ReturnType<typeof fromEnv> | undefined;
const defaultCredentials = () => {
  envCredentials ??= fromEnv();
  return envCredentials;
};

export interface PresignPutInput {
  key: string;
  contentType: string;
  contentLength: number;
  expiresInSeconds: number;
  now: Date;
}

/**
 * A pre-signed PUT that S3 accepts only with exactly this Content-Type and Content-Length, and
 * with `If-None-Match: *`: S3's conditional write, so the URL can create the object once and
 * never overwrite it (412 PreconditionFailed), however often it is replayed before it expires.
 */
export async function presignPut(
  target: S3Target,
  input: PresignPutInput,
  credentials: Credentials = defaultCredentials(),
): Promise<string> {
  const host = bucketHost(target);
  const signed = await signerFor(target, credentials).presign(
    {
      method: 'PUT',
      protocol: 'https:',
      hostname: host,
      path: keyPath(input.key),
      query: {},
      headers: {
        host,
        'content-type': input.contentType,
        'content-length': String(input.contentLength),
        'if-none-match': '*',
        // Spelled as the SDK presigner spells it: the hoisted query parameter is signed as is.
        'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD',
      },
    },
    { expiresIn: input.expiresInSeconds, signingDate: input.now },
  );
  return `https://${host}${signed.path}?${queryString(signed.query ?? {})}`;
}

/** RFC 3986 query encoding, sorted as the signer canonicalises it. */
function queryString(query: Record<string, string | string[] | null>): string {
  const encode = (value: string) =>
    encodeURIComponent(value).replace(
      /[!'()*]/g,
      (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
    );
  return Object.keys(query)
    .sort()
    .flatMap((name) => {
      const value = query[name];
      const values = Array.isArray(value) ? value : [value ?? ''];
      return values.map((v) => `${encode(name)}=${encode(v)}`);
    })
    .join('&');
}

export interface RangeResult {
  /** Bytes read (at most the range asked for). */
  head: Uint8Array;
  /** The object's full size. */
  size: number;
}

/**
 * The first `bytes` bytes of an object, or undefined when there is no such object (404; the
 * functions that read images may also list the image prefix, so S3 answers 404, not 403).
 */
export async function getObjectHead(
  target: S3Target,
  key: string,
  bytes: number,
  credentials: Credentials = defaultCredentials(),
  fetchImpl: typeof fetch = fetch,
): Promise<RangeResult | undefined> {
  const host = bucketHost(target);
  const path = keyPath(key);
  const signed = await signerFor(target, credentials).sign({
    method: 'GET',
    protocol: 'https:',
    hostname: host,
    path,
    query: {},
    headers: {
      host,
      range: `bytes=0-${bytes - 1}`,
      'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
    },
  });
  const headers = { ...signed.headers };
  delete headers.host; // fetch sets it from the URL
  const res = await fetchImpl(`https://${host}${path}`, { headers });
  if (res.status === 404) {
    await res.body?.cancel();
    return undefined;
  }
  // 416: an empty object (no byte 0) — it exists, but holds nothing.
  if (res.status === 416) {
    await res.body?.cancel();
    return { head: new Uint8Array(), size: 0 };
  }
  if (res.status !== 200 && res.status !== 206) {
    const text = await res.text().catch(() => '');
    throw new Error(`S3 GET ${key} answered ${res.status}: ${text.slice(0, 300)}`);
  }
  const head = new Uint8Array(await res.arrayBuffer()).subarray(0, bytes);
  const range = /\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1];
  const size = Number(range ?? res.headers.get('content-length') ?? head.length);
  return { head, size };
}
