import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  CompressedCache,
  chooseEncoding,
  compress,
  etagOf,
  isCompressible,
  notModified,
} from '../../../infra/local/compression';

describe('chooseEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.9, br;q=0.5', 'gzip'],
    ['gzip;q=0.5, br;q=0.5', 'br'],
    ['gzip;q=0', 'identity'],
    ['deflate', 'identity'],
    ['*', 'br'],
    ['*;q=0', 'identity'],
    ['br;q=zz, gzip', 'gzip'],
    ['GZIP', 'gzip'],
  ])('%j → %s', (header, expected) => {
    expect(chooseEncoding(header)).toBe(expected);
  });
});

describe('isCompressible', () => {
  it.each([
    ['text/html; charset=utf-8', true],
    ['text/javascript; charset=utf-8', true],
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['image/svg+xml', true],
    ['text/csv; charset=utf-8', true],
    ['image/png', false],
    ['image/webp', false],
    ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', false],
    [undefined, false],
  ])('%s → %s', (type, expected) => {
    expect(isCompressible(type)).toBe(expected);
  });
});

describe('compress', () => {
  const body = Buffer.from('Tôm khô Cà Mau '.repeat(200));
  it('round-trips brotli and gzip and shrinks repetitive text', () => {
    const br = compress(body, 'br');
    const gz = compress(body, 'gzip');
    expect(brotliDecompressSync(br).equals(body)).toBe(true);
    expect(gunzipSync(gz).equals(body)).toBe(true);
    expect(br.length).toBeLessThan(body.length / 10);
    expect(gz.length).toBeLessThan(body.length / 10);
  });
  it('leaves the body as it is for identity', () => {
    expect(compress(body, 'identity')).toBe(body);
  });
});

describe('validators', () => {
  it('gives one strong ETag per content', () => {
    const a = etagOf(Buffer.from('a'));
    expect(a).toMatch(/^"[\w-]{22}"$/);
    expect(etagOf(Buffer.from('a'))).toBe(a);
    expect(etagOf(Buffer.from('b'))).not.toBe(a);
  });
  it('matches If-None-Match lists, weak tags and *', () => {
    const tag = '"abc"';
    expect(notModified(undefined, tag)).toBe(false);
    expect(notModified('', tag)).toBe(false);
    expect(notModified('"abc"', tag)).toBe(true);
    expect(notModified('W/"abc"', tag)).toBe(true);
    expect(notModified('"x", "abc"', tag)).toBe(true);
    expect(notModified('"x"', tag)).toBe(false);
    expect(notModified('*', tag)).toBe(true);
    expect(notModified('"abcd"', tag)).toBe(false);
  });
});

describe('CompressedCache', () => {
  it('makes each entry once and evicts the oldest beyond its size', () => {
    const cache = new CompressedCache(2);
    let made = 0;
    const make = (s: string) => () => {
      made += 1;
      return Buffer.from(s);
    };
    expect(cache.get('a', make('1')).toString()).toBe('1');
    expect(cache.get('a', make('2')).toString()).toBe('1');
    expect(made).toBe(1);
    cache.get('b', make('b'));
    cache.get('c', make('c'));
    expect(cache.size).toBe(2);
    expect(cache.get('a', make('3')).toString()).toBe('3');
    expect(made).toBe(4);
  });
});
