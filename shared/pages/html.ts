/**
 * Markup as strings for pages the server fills (shared/pages/render.ts). Every text and attribute
 * value from data goes through `esc`; data for the page script goes through `jsonForScript`, so a
 * product named `</script><script>alert(1)</script>` stays text in both places.
 */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text or a double-quoted attribute value, escaped. */
export const esc = (value: string | number): string =>
  String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** A text in both languages as the page script makes it (web/lib/dom.ts `setText`). */
export interface Bi {
  vi: string;
  en: string;
}
export const bi = (vi: string, en: string = vi): Bi => ({ vi, en });

/** A span the language switch flips (web/lib/i18n.ts `applyLang` reads data-vi/data-en). */
export const biSpan = (text: Bi): string =>
  `<span data-vi="${esc(text.vi)}" data-en="${esc(text.en)}">${esc(text.vi)}</span>`;

/** Attributes from a map: null/undefined/false left out, true as an empty attribute. */
export function attrs(map: Record<string, string | number | boolean | null | undefined>): string {
  return Object.entries(map)
    .filter(([, v]) => v !== undefined && v !== null && v !== false)
    .map(([k, v]) => (v === true ? ` ${k}` : ` ${k}="${esc(v as string | number)}"`))
    .join('');
}

/**
 * JSON inside `<script type="application/json">`: `<`, `>` and `&` as \u escapes (no `</script>`
 * or `<!--` can end or change the element), U+2028/2029 too. JSON.parse reads it back unchanged.
 */
export const jsonForScript = (value: unknown): string =>
  JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** The id of the data element the page scripts read (web/lib/page-data.ts). */
export const PAGE_DATA_ID = 'page-data';

export const dataScript = (value: unknown): string =>
  `<script type="application/json" id="${PAGE_DATA_ID}">${jsonForScript(value)}</script>`;

/** Products in the storefront's first page (and each "load more"): web/home/main.ts. */
export const STOREFRONT_PAGE_SIZE = 12;
