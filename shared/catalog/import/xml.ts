/**
 * Just enough XML for SpreadsheetML parts: a flat tag scanner (no DTDs, no entities beyond the five
 * predefined ones and character references, so no entity-expansion attacks), attribute reading,
 * and escaping for the writer. Namespace prefixes are dropped (`x:c` reads as `c`), because some
 * generators write SpreadsheetML with a prefix.
 */
export interface XmlTag {
  /** Local name, prefix removed. */
  name: string;
  kind: 'open' | 'close' | 'selfClosing';
  attrs: Record<string, string>;
  /** Index just after the tag's `>`. */
  end: number;
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Resolves `&amp;` `&#233;` `&#xE9;`; an unknown entity is kept as written. */
export function decodeXmlText(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (whole, ref: string) => {
    if (ref.startsWith('#')) {
      const code =
        ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
        ? String.fromCodePoint(code)
        : '';
    }
    return ENTITY[ref] ?? whole;
  });
}

/** Characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF): dropped when writing. */
const isXmlChar = (code: number) =>
  code === 0x09 ||
  code === 0x0a ||
  code === 0x0d ||
  (code >= 0x20 && code !== 0xfffe && code !== 0xffff);

/** Text for element content or a double-quoted attribute; drops characters XML 1.0 forbids. */
export function escapeXml(s: string): string {
  let clean = s;
  for (let i = 0; i < s.length; i++) {
    if (!isXmlChar(s.charCodeAt(i))) {
      clean = Array.from(s)
        .filter((ch) => isXmlChar(ch.charCodeAt(0)))
        .join('');
      break;
    }
  }
  return clean
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const localName = (qname: string) => {
  const colon = qname.indexOf(':');
  return colon >= 0 ? qname.slice(colon + 1) : qname;
};

function parseAttrs(s: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    attrs[localName(m[1] as string)] = decodeXmlText(m[2] ?? m[3] ?? '');
  }
  return attrs;
}

/**
 * The next element tag at or after `from` (comments, processing instructions and CDATA are
 * skipped), or undefined at the end.
 */
export function nextTag(xml: string, from: number): (XmlTag & { start: number }) | undefined {
  let i = from;
  for (;;) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) return undefined;
    if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end < 0) return undefined;
      i = end + 3;
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt + 9);
      if (end < 0) return undefined;
      i = end + 3;
      continue;
    }
    if (xml[lt + 1] === '?' || xml[lt + 1] === '!') {
      const end = xml.indexOf('>', lt);
      if (end < 0) return undefined;
      i = end + 1;
      continue;
    }
    const gt = findTagEnd(xml, lt + 1);
    if (gt < 0) return undefined;
    const inner = xml.slice(lt + 1, gt);
    if (inner.startsWith('/')) {
      return {
        name: localName(inner.slice(1).trim()),
        kind: 'close',
        attrs: {},
        start: lt,
        end: gt + 1,
      };
    }
    const selfClosing = inner.endsWith('/');
    const body = selfClosing ? inner.slice(0, -1) : inner;
    const space = body.search(/\s/);
    const qname = space < 0 ? body : body.slice(0, space);
    return {
      name: localName(qname),
      kind: selfClosing ? 'selfClosing' : 'open',
      attrs: space < 0 ? {} : parseAttrs(body.slice(space)),
      start: lt,
      end: gt + 1,
    };
  }
}

/** The `>` ending a tag, skipping quoted attribute values (which may hold `>`). */
function findTagEnd(xml: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < xml.length; i++) {
    const c = xml[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i;
  }
  return -1;
}

/** Every element named `name` (any prefix), with its attributes and raw inner XML. */
export function elements(
  xml: string,
  name: string,
): Array<{ attrs: Record<string, string>; inner: string }> {
  const out: Array<{ attrs: Record<string, string>; inner: string }> = [];
  let i = 0;
  for (let tag = nextTag(xml, i); tag; tag = nextTag(xml, i)) {
    if (tag.name === name && tag.kind !== 'close') {
      if (tag.kind === 'selfClosing') {
        out.push({ attrs: tag.attrs, inner: '' });
        i = tag.end;
        continue;
      }
      const close = findClose(xml, name, tag.end);
      out.push({ attrs: tag.attrs, inner: xml.slice(tag.end, close.start) });
      i = close.end;
      continue;
    }
    i = tag.end;
  }
  return out;
}

/** The matching close tag of `name`, counting nested elements of the same name. */
export function findClose(xml: string, name: string, from: number): { start: number; end: number } {
  let depth = 1;
  let i = from;
  for (let tag = nextTag(xml, i); tag; tag = nextTag(xml, i)) {
    if (tag.name === name) {
      if (tag.kind === 'open') depth++;
      else if (tag.kind === 'close' && --depth === 0) return { start: tag.start, end: tag.end };
    }
    i = tag.end;
  }
  throw new Error(`Element ${name} is not closed`);
}

/**
 * The text of a string item (`<si>` or `<is>`): its `<t>` elements in order, rich-text runs
 * included, phonetic runs (`<rPh>`) left out.
 */
export function stringItemText(inner: string): string {
  let out = '';
  let i = 0;
  for (let tag = nextTag(inner, i); tag; tag = nextTag(inner, i)) {
    if (tag.name === 'rPh' && tag.kind === 'open') {
      i = findClose(inner, 'rPh', tag.end).end;
      continue;
    }
    if (tag.name === 't' && tag.kind === 'open') {
      const close = findClose(inner, 't', tag.end);
      out += decodeXmlText(inner.slice(tag.end, close.start));
      i = close.end;
      continue;
    }
    i = tag.end;
  }
  return out;
}
