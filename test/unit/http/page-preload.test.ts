import { describe, expect, it } from 'vitest';
import { pagePreloadLink } from '../../../shared/http/page-preload';

describe('pagePreloadLink', () => {
  const link = (path: string, query: string) => pagePreloadLink(path, new URLSearchParams(query));
  it('preloads the product a product page will fetch', () => {
    for (const path of ['/san-pham', '/san-pham/', '/san-pham/index.html'])
      expect(link(path, 'id=pr-9&x=1')).toBe(
        '</api/products/pr-9>; rel=preload; as=fetch; crossorigin=anonymous',
      );
  });
  it('says nothing for other pages, no id, or an id that is not a product id', () => {
    expect(link('/', 'id=pr-9')).toBeUndefined();
    expect(link('/san-pham/x', 'id=pr-9')).toBeUndefined();
    expect(link('/san-pham/', '')).toBeUndefined();
    expect(link('/san-pham/', 'id=')).toBeUndefined();
    expect(link('/san-pham/', 'id=a%3E%3B%20rel%3Dpreload')).toBeUndefined();
    expect(link('/san-pham/', 'id=..%2Fme')).toBeUndefined();
    expect(link('/san-pham/', `id=${'a'.repeat(65)}`)).toBeUndefined();
    expect(link('/san-pham/', `id=${'a'.repeat(64)}`)).toContain('a'.repeat(64));
  });
});
