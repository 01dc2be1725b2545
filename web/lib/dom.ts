import { type Bi, tr } from './i18n';

/**
 * A tiny element builder: no innerHTML, so text from the API can never become markup.
 *
 * h('a', { href: '/x', class: 'btn' }, bi('Xem', 'View'))
 *
 * Attribute values: strings and numbers are set as they are, `true` sets an empty attribute,
 * `false`/null/undefined leave it out, a Bi sets the attribute in the current language and keeps
 * the English twin in `data-en-<name>`; `on<event>` keys add listeners. Children: strings (text),
 * nodes, Bi (a span that follows the language switch), arrays, and null/false (nothing).
 */
export type Child = string | number | Node | Bi | null | undefined | false | Child[];
export type AttrValue = string | number | boolean | null | undefined | Bi | ((e: Event) => void);
export type Attrs = Record<string, AttrValue>;

const isBi = (v: unknown): v is Bi =>
  typeof v === 'object' && v !== null && !(v instanceof Node) && 'vi' in v && 'en' in v;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) setAttrs(el, attrs);
  append(el, ...children);
  return el;
}

export function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') {
      el.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (isBi(value)) {
      if (name === 'text') {
        setText(el as HTMLElement, value);
      } else {
        el.setAttribute(name, tr(value));
        el.setAttribute(`data-en-${name}`, value.en);
        el.setAttribute(`data-vi-${name}`, value.vi);
      }
    } else if (name === 'text') {
      el.textContent = String(value);
    } else {
      el.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

/** Makes the element's whole text a Bi that follows the language switch. */
export function setText(el: HTMLElement, text: Bi): void {
  el.dataset.vi = text.vi;
  el.dataset.en = text.en;
  el.textContent = tr(text);
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, ...child);
    else if (child instanceof Node) parent.appendChild(child);
    else if (isBi(child)) {
      const span = document.createElement('span');
      setText(span, child);
      parent.appendChild(span);
    } else parent.appendChild(document.createTextNode(String(child)));
  }
}

/** Replaces every child. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, ...children);
}

export function $<T extends Element = HTMLElement>(
  selector: string,
  root: ParentNode = document,
): T {
  const el = root.querySelector<T>(selector);
  if (!el) throw new Error(`Missing element ${selector}`);
  return el;
}

let counter = 0;
/** A unique id for label/for and aria-describedby pairs. */
export const uid = (prefix = 'f') => `${prefix}-${++counter}`;

/**
 * Puts a message into a live region that stays in the page (role=status or role=alert), so
 * screen readers announce it; an empty region is hidden by CSS (`.notice:empty`).
 */
export function announce(
  region: HTMLElement,
  text: Bi | null,
  kind: 'info' | 'success' | 'error' = 'info',
): void {
  region.dataset.kind = kind;
  if (text === null) region.replaceChildren();
  else replace(region, text);
}
