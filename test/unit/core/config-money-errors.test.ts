import { describe, expect, it } from 'vitest';
import { statusFor } from '../../../functions/_http/errors-to-http';
import { parseConfig } from '../../../shared/config';
import { assertSafeEndpoint } from '../../../shared/db/client';
import { ERROR_CODES } from '../../../shared/errors';
import { allowedOrigin } from '../../../shared/http/cors';
import { errorMessages } from '../../../shared/i18n/messages';
import { formatVnd } from '../../../shared/money';

describe('parseConfig', () => {
  it('applies defaults', () => {
    expect(parseConfig({ TABLE_NAME: 't' })).toMatchObject({
      TABLE_NAME: 't',
      MAX_BODY_BYTES: 65536,
      HOST_KIND: 'aws',
    });
  });

  it('names every bad key at once', () => {
    expect(() => parseConfig({ DYNAMODB_ENDPOINT: 'not a url', MAX_BODY_BYTES: '-1' })).toThrow(
      /TABLE_NAME.*DYNAMODB_ENDPOINT.*MAX_BODY_BYTES/,
    );
  });
});

describe('formatVnd', () => {
  it('writes đồng the Vietnamese way', () => {
    expect(formatVnd(1_250_000)).toBe('1.250.000\u00a0₫');
    expect(formatVnd(0)).toBe('0\u00a0₫');
  });

  it('refuses non-integer amounts', () => {
    expect(() => formatVnd(1.5)).toThrow(RangeError);
  });
});

describe('error codes', () => {
  it('each has a 4xx/5xx status and a Vietnamese and English text', () => {
    for (const code of ERROR_CODES) {
      expect(statusFor[code]).toBeGreaterThanOrEqual(400);
      expect(errorMessages[code].vi).toBeTruthy();
      expect(errorMessages[code].en).toBeTruthy();
    }
  });
});

describe('test DynamoDB guard', () => {
  it('refuses anything but loopback under test, and needs an endpoint', () => {
    expect(() => assertSafeEndpoint('https://dynamodb.ap-southeast-1.amazonaws.com', true)).toThrow(
      /non-loopback/,
    );
    expect(() => assertSafeEndpoint(undefined, true)).toThrow(/DYNAMODB_ENDPOINT/);
    expect(() => assertSafeEndpoint('http://127.0.0.1:8000', true)).not.toThrow();
    expect(() => assertSafeEndpoint(undefined, false)).not.toThrow();
  });
});

describe('CORS', () => {
  it('echoes only listed origins', () => {
    expect(allowedOrigin('https://a.vn', 'https://a.vn,https://b.vn')).toBe('https://a.vn');
    expect(allowedOrigin('https://evil.example', 'https://a.vn')).toBeUndefined();
    expect(allowedOrigin(undefined, '*')).toBe('*');
  });
});
