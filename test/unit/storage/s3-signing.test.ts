import { S3RequestPresigner } from '@aws-sdk/s3-request-presigner';
import { Sha256 } from '@smithy/core/checksum';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../shared/http/security-headers';
import {
  assertImagesUploaded,
  type ImageInfo,
  type ImageStore,
} from '../../../shared/storage/images';
import { bucketHost, getObjectHead, presignPut } from '../../../shared/storage/s3-signing';

const TARGET = { bucket: 'cho-so-images-1a2b3c', region: 'ap-southeast-1' };
const CREDENTIALS = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjE+/session=token',
};
const KEY = 'images/img/sl-a1/0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10.jpg';
const NOW = new Date('2026-11-23T08:00:00Z');

describe('presignPut (the SDK SigV4 signer without the S3 client)', () => {
  it('signs exactly what the SDK presigner signs for the same request', async () => {
    const url = new URL(
      await presignPut(
        TARGET,
        {
          key: KEY,
          contentType: 'image/png',
          contentLength: 1234,
          expiresInSeconds: 900,
          now: NOW,
        },
        CREDENTIALS,
      ),
    );
    // Oracle: @aws-sdk/s3-request-presigner, which getSignedUrl uses under the S3 client.
    const host = bucketHost(TARGET);
    const oracle = await new S3RequestPresigner({
      credentials: CREDENTIALS,
      region: TARGET.region,
      sha256: Sha256,
    }).presign(
      {
        method: 'PUT',
        protocol: 'https:',
        hostname: host,
        path: `/${KEY}`,
        query: {},
        headers: {
          host,
          'content-type': 'image/png',
          'content-length': '1234',
          'if-none-match': '*',
        },
      },
      {
        expiresIn: 900,
        signingDate: NOW,
        signableHeaders: new Set(['content-type', 'content-length', 'if-none-match']),
      },
    );
    expect(url.origin).toBe(`https://${host}`);
    expect(url.pathname).toBe(`/${KEY}`);
    expect(Object.fromEntries(url.searchParams)).toEqual(oracle.query);
    expect(url.searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
    expect(url.searchParams.get('X-Amz-Security-Token')).toBe(CREDENTIALS.sessionToken);
    expect(url.searchParams.get('X-Amz-SignedHeaders')).toBe(
      'content-length;content-type;host;if-none-match',
    );
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
  });

  it('changes the signature when the type, length, key or time changes', async () => {
    const base = {
      key: KEY,
      contentType: 'image/png',
      contentLength: 1234,
      expiresInSeconds: 900,
      now: NOW,
    };
    const sig = async (over: Partial<typeof base>) =>
      new URL(await presignPut(TARGET, { ...base, ...over }, CREDENTIALS)).searchParams.get(
        'X-Amz-Signature',
      );
    const original = await sig({});
    expect(await sig({})).toBe(original);
    for (const over of [
      { contentType: 'image/jpeg' },
      { contentLength: 1235 },
      { key: KEY.replace('0b9e', '1b9e') },
      { now: new Date(NOW.getTime() + 1000) },
    ]) {
      expect(await sig(over), JSON.stringify(over)).not.toBe(original);
    }
  });

  it("puts the upload on the bucket's regional endpoint, the origin the page CSP allows", async () => {
    const url = new URL(
      await presignPut(
        TARGET,
        { key: KEY, contentType: 'image/png', contentLength: 1, expiresInSeconds: 900, now: NOW },
        CREDENTIALS,
      ),
    );
    // CloudFormation's RegionalDomainName of a bucket is `<bucket>.s3.<region>.amazonaws.com`;
    // the stack builds connect-src from it (test/infra/edge.test.ts).
    expect(url.host).toBe(`${TARGET.bucket}.s3.${TARGET.region}.amazonaws.com`);
    expect(contentSecurityPolicy([url.origin])).toContain(`connect-src 'self' ${url.origin};`);
  });
});

describe('getObjectHead', () => {
  const respond =
    (status: number, body: Uint8Array, headers: Record<string, string> = {}) =>
    async (input: string | URL | Request, init?: RequestInit) => {
      calls.push({ url: String(input), headers: init?.headers as Record<string, string> });
      return new Response(status === 404 || status === 416 ? null : (body as unknown as BodyInit), {
        status,
        headers,
      });
    };
  let calls: { url: string; headers: Record<string, string> }[] = [];

  it('sends a signed ranged GET and reads the size from Content-Range', async () => {
    calls = [];
    const bytes = new Uint8Array([1, 2, 3, 4]);
    const found = await getObjectHead(
      TARGET,
      KEY,
      4,
      CREDENTIALS,
      respond(206, bytes, { 'content-range': 'bytes 0-3/9999' }),
    );
    expect(found).toEqual({ head: bytes, size: 9999 });
    const [call] = calls;
    expect(call?.url).toBe(`https://${bucketHost(TARGET)}/${KEY}`);
    expect(call?.headers.range).toBe('bytes=0-3');
    expect(call?.headers['x-amz-security-token']).toBe(CREDENTIALS.sessionToken);
    expect(call?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/ap-southeast-1\/s3\/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
  });

  it('answers undefined for a missing object, an empty head for an empty one, and throws otherwise', async () => {
    expect(await getObjectHead(TARGET, KEY, 4, CREDENTIALS, respond(404, new Uint8Array()))).toBe(
      undefined,
    );
    expect(
      await getObjectHead(TARGET, KEY, 4, CREDENTIALS, respond(416, new Uint8Array())),
    ).toEqual({ head: new Uint8Array(), size: 0 });
    await expect(
      getObjectHead(TARGET, KEY, 4, CREDENTIALS, respond(403, new Uint8Array([60]))),
    ).rejects.toThrow(/403/);
  });
});

describe('assertImagesUploaded', () => {
  const JPG = 'img/sl-a1/0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10.jpg';
  const PNG = 'img/sl-a1/1b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10.png';
  const storeOf = (images: Record<string, ImageInfo>): ImageStore => ({
    kind: 'local',
    createUpload: () => Promise.reject(new Error('unused')),
    describe: async (key) => images[key],
  });

  it('accepts keys whose stored bytes are the image type the key names', async () => {
    const store = storeOf({
      [JPG]: { contentType: 'image/jpeg', bytes: 10 },
      [PNG]: { contentType: 'image/png', bytes: 10 },
    });
    await expect(assertImagesUploaded([JPG, PNG], { store })).resolves.toBeUndefined();
    await expect(assertImagesUploaded([], { store })).resolves.toBeUndefined();
  });

  it('refuses a key never uploaded, naming its index', async () => {
    const store = storeOf({ [JPG]: { contentType: 'image/jpeg', bytes: 10 } });
    await expect(assertImagesUploaded([JPG, PNG], { store })).rejects.toMatchObject({
      code: 'request.invalid',
      details: { issues: [{ path: 'images.1', message: 'Not uploaded' }] },
    });
  });

  it('skips keys already checked and names the index in the whole list', async () => {
    const store = storeOf({});
    await expect(
      assertImagesUploaded([JPG, PNG], { store, skip: new Set([JPG, PNG]) }),
    ).resolves.toBeUndefined();
    await expect(
      assertImagesUploaded([JPG, PNG], { store, skip: new Set([JPG]) }),
    ).rejects.toMatchObject({ details: { issues: [{ path: 'images.1' }] } });
  });

  it('refuses bytes that are not the image type of the key (magic bytes, not the declared type)', async () => {
    const store = storeOf({
      [JPG]: { contentType: 'application/octet-stream', bytes: 10 },
      [PNG]: { contentType: 'image/jpeg', bytes: 10 },
    });
    for (const key of [JPG, PNG]) {
      await expect(assertImagesUploaded([key], { store })).rejects.toMatchObject({
        code: 'request.invalid',
        details: { issues: [{ path: 'images.0', message: 'Not an image of this type' }] },
      });
    }
  });
});
