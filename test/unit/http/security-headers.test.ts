import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from '../../../shared/http/security-headers';

describe('security headers', () => {
  it('keeps the page CSP closed and adds only the given origins to connect-src', () => {
    expect(contentSecurityPolicy()).toContain("connect-src 'self';");
    expect(contentSecurityPolicy()).toContain("frame-ancestors 'none'");
    const csp = contentSecurityPolicy([
      'https://img.s3.ap-southeast-1.amazonaws.com',
      'https://img.s3.ap-southeast-1.amazonaws.com',
    ]);
    expect(csp).toContain("connect-src 'self' https://img.s3.ap-southeast-1.amazonaws.com;");
  });

  it('refuses scheme wildcards and paths in connect-src', () => {
    expect(() => contentSecurityPolicy(['https:'])).toThrow(/bare origins/);
    expect(() => contentSecurityPolicy(['https://x.example/path'])).toThrow(/bare origins/);
    expect(() => contentSecurityPolicy(["'self' *"])).toThrow(/bare origins/);
  });

  it('sends HSTS only when asked (https hosts)', () => {
    expect(securityHeaders()).not.toHaveProperty('strict-transport-security');
    expect(securityHeaders({ hsts: true })['strict-transport-security']).toBe(
      'max-age=31536000; includeSubDomains',
    );
    expect(securityHeaders()).toMatchObject({
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'x-content-type-options': 'nosniff',
    });
  });
});
