import type { Lang } from '../../shared/i18n/messages';

/**
 * Page texts live in the HTML as Vietnamese with an English twin in `data-en`; the switch swaps
 * them and remembers the choice. Vietnamese is the default.
 *
 * Attributes follow the same pattern: `data-en-placeholder`, `data-en-aria-label`,
 * `data-en-title` and `data-en-alt` hold the English twin of `placeholder`, `aria-label`, `title`
 * and `alt`. Nodes made by scripts get both twins up front (web/lib/dom.ts), so a switch never
 * needs a re-render of static words.
 */
const KEY = 'choso.lang';
const ATTRS = ['placeholder', 'aria-label', 'title', 'alt'] as const;

/** A text in both languages. */
export interface Bi {
  vi: string;
  en: string;
}
export const bi = (vi: string, en: string = vi): Bi => ({ vi, en });

export function currentLang(): Lang {
  try {
    return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

/** The text of a Bi in the page's language now. */
export const tr = (text: Bi): string =>
  document.documentElement.lang === 'en' ? text.en : text.vi;

const listeners: Array<(lang: Lang) => void> = [];
/** Called after every switch (for texts that are computed, e.g. counts). */
export function onLangChange(listener: (lang: Lang) => void): void {
  listeners.push(listener);
}

export function applyLang(lang: Lang, root: ParentNode = document): void {
  if (root === document) document.documentElement.lang = lang;
  for (const el of root.querySelectorAll<HTMLElement>('[data-en]')) {
    if (el.dataset.vi === undefined) el.dataset.vi = el.textContent ?? '';
    el.textContent = lang === 'en' ? (el.dataset.en ?? '') : el.dataset.vi;
  }
  for (const attr of ATTRS) {
    for (const el of root.querySelectorAll<HTMLElement>(`[data-en-${attr}]`)) {
      const viKey = `data-vi-${attr}`;
      if (!el.hasAttribute(viKey)) el.setAttribute(viKey, el.getAttribute(attr) ?? '');
      const value = lang === 'en' ? el.getAttribute(`data-en-${attr}`) : el.getAttribute(viKey);
      el.setAttribute(attr, value ?? '');
    }
  }
  const toggle = document.querySelector<HTMLButtonElement>('#lang-toggle');
  if (toggle) {
    toggle.textContent = lang === 'en' ? 'Tiếng Việt' : 'English';
    toggle.setAttribute('lang', lang === 'en' ? 'vi' : 'en');
  }
}

export function setupLangToggle(onChange?: (lang: Lang) => void): Lang {
  const toggle = document.querySelector<HTMLButtonElement>('#lang-toggle');
  toggle?.addEventListener('click', () => {
    const next: Lang = currentLang() === 'vi' ? 'en' : 'vi';
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // private mode: the switch still works for this page
    }
    applyLang(next);
    onChange?.(next);
    for (const listener of listeners) listener(next);
  });
  const lang = currentLang();
  applyLang(lang);
  return lang;
}
