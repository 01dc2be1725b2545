import { describe, expect, it } from 'vitest';
import { publicOrigin } from '../../../functions/_http/public-origin';

describe('publicOrigin: the site origin as the caller sees it', () => {
  it('takes a well-formed Origin header as is', () => {
    expect(publicOrigin({ origin: 'https://cho.so', host: 'api.internal' })).toBe('https://cho.so');
    expect(publicOrigin({ origin: 'http://localhost:3000' })).toBe('http://localhost:3000');
    expect(publicOrigin({ origin: 'http://[::1]:3000' })).toBe('http://[::1]:3000');
  });

  it('ignores an Origin with a path, a query, spaces or another scheme', () => {
    for (const origin of [
      'https://cho.so/x',
      'https://cho.so?a=1',
      'https://cho so',
      'javascript://x',
      'null',
      'xhttps://cho.so',
    ])
      expect(publicOrigin({ origin, host: 'cho.so' })).toBe('https://cho.so');
  });

  it('prefers the forwarded host, then Host, then localhost', () => {
    expect(publicOrigin({ 'x-forwarded-host': 'cho.so', host: 'abc.execute-api' })).toBe(
      'https://cho.so',
    );
    expect(publicOrigin({ host: 'cho.so' })).toBe('https://cho.so');
    expect(publicOrigin({})).toBe('http://localhost');
  });

  it('uses the forwarded scheme when it is http or https, else http for loopback only', () => {
    expect(publicOrigin({ host: 'cho.so', 'x-forwarded-proto': 'http' })).toBe('http://cho.so');
    expect(publicOrigin({ host: 'localhost:3000', 'x-forwarded-proto': 'https' })).toBe(
      'https://localhost:3000',
    );
    expect(publicOrigin({ host: 'cho.so', 'x-forwarded-proto': 'ftp' })).toBe('https://cho.so');
    expect(publicOrigin({ host: 'localhost:3000' })).toBe('http://localhost:3000');
    expect(publicOrigin({ host: '127.0.0.1:3000' })).toBe('http://127.0.0.1:3000');
    expect(publicOrigin({ host: '[::1]:3000' })).toBe('http://[::1]:3000');
    expect(publicOrigin({ host: 'mylocalhost.example' })).toBe('https://mylocalhost.example');
    expect(publicOrigin({ host: 'x.localhost.example' })).toBe('https://x.localhost.example');
  });
});
