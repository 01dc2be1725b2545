/**
 * CSV/formula injection. Imported text is stored and shown as text, never evaluated, whatever it
 * starts with. When we write a spreadsheet (template, exports), a cell whose text starts with
 * `=` `+` `-` `@` TAB or CR would be run as a formula by Excel or LibreOffice when the file is
 * opened, so it gets a leading apostrophe (OWASP's advice), which spreadsheets show as text.
 * Numbers we write as numbers are unaffected.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export const looksLikeFormula = (text: string): boolean => FORMULA_START.test(text);

/** `=HYPERLINK(…)` → `'=HYPERLINK(…)`; anything else unchanged. */
export function neutralizeFormula(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}
