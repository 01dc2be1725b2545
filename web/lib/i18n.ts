import type { Lang } from '../../shared/i18n/messages';

/**
 * Page texts live in the HTML as Vietnamese with an English twin in `data-en`; the switch swaps
 * them and remembers the choice. Vietnamese is the default.
 */
const KEY = 'choso.lang';

export function currentLang(): Lang {
  return localStorage.getItem(KEY) === 'en' ? 'en' : 'vi';
}

export function applyLang(lang: Lang): void {
  document.documentElement.lang = lang;
  for (const el of document.querySelectorAll<HTMLElement>('[data-en]')) {
    if (el.dataset.vi === undefined) el.dataset.vi = el.textContent ?? '';
    el.textContent = lang === 'en' ? (el.dataset.en ?? '') : el.dataset.vi;
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
    localStorage.setItem(KEY, next);
    applyLang(next);
    onChange?.(next);
  });
  const lang = currentLang();
  applyLang(lang);
  return lang;
}
