import type { Lang } from '../../../shared/i18n/messages';
import { setupPage } from '../../lib/layout';

/**
 * The methodology, in Vietnamese and English: two articles in the HTML (long texts read better
 * whole than as data-en twins); the language switch shows the one of the page's language.
 */
function show(lang: Lang) {
  for (const block of document.querySelectorAll<HTMLElement>('[data-lang-block]'))
    block.hidden = block.dataset.langBlock !== lang;
}

show(setupPage({ section: 'none', onLangChange: show }));
