/**
 * Data the server put into the page (shared/pages/html.ts `dataScript`, filled by functions/pages):
 * what the script would otherwise fetch first. Taken once: a later change of the page (a search,
 * Back to the unfiltered list) fetches as usual.
 */
export function takePageData<T>(key: string): T | undefined {
  const el = document.getElementById('page-data');
  if (!el?.textContent) return undefined;
  el.remove();
  try {
    const data = JSON.parse(el.textContent) as Record<string, unknown> | null;
    return (data?.[key] as T | undefined) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Server-made pictures get what web/lib/products.ts `responsiveImage` gives its own: a picture
 * uploaded without its small copy falls back to the main one (also when it failed before the
 * script ran).
 */
export function adoptImages(root: ParentNode): void {
  for (const img of root.querySelectorAll<HTMLImageElement>('img[srcset]')) {
    const main = img.getAttribute('src') ?? '';
    const fallback = () => {
      if (!img.srcset) return;
      img.removeAttribute('srcset');
      img.src = main;
    };
    if (img.complete && img.naturalWidth === 0 && img.currentSrc) fallback();
    else img.addEventListener('error', fallback, { once: true });
  }
}
