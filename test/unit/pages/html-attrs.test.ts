import { describe, expect, it } from 'vitest';
import { attrs, bi, biSpan, dataScript } from '../../../shared/pages/html';

/** shared/pages/html.ts: the attribute map and the data element, compared whole. */
describe('attrs', () => {
  it('leaves out undefined, null and false; true is a bare attribute; the rest quoted and escaped', () => {
    expect(
      attrs({
        a: undefined,
        b: null,
        c: false,
        hidden: true,
        d: '',
        n: 0,
        title: 'x"<y>&\'',
      }),
    ).toBe(' hidden d="" n="0" title="x&quot;&lt;y&gt;&amp;&#39;"');
  });

  it('keeps the order given and joins with nothing but the leading spaces', () => {
    expect(attrs({ class: 'a', lang: 'vi' })).toBe(' class="a" lang="vi"');
    expect(attrs({})).toBe('');
  });

  it('the twin span and the data element, exactly', () => {
    expect(biSpan(bi('Giá', 'Price'))).toBe('<span data-vi="Giá" data-en="Price">Giá</span>');
    expect(dataScript({ a: '</script>' })).toBe(
      '<script type="application/json" id="page-data">{"a":"\\u003c/script\\u003e"}</script>',
    );
  });
});
