import type { Bi } from './i18n';

/** A message one page leaves for the next (e.g. "Đã lưu sản phẩm" after a redirect). */
const KEY = 'choso.flash';

export function leaveFlash(text: Bi): void {
  try {
    sessionStorage.setItem(KEY, JSON.stringify(text));
  } catch {
    // storage unavailable: no message, nothing else lost
  }
}

export function takeFlash(): Bi | undefined {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) return undefined;
    sessionStorage.removeItem(KEY);
    const value = JSON.parse(raw) as Bi;
    return typeof value?.vi === 'string' && typeof value.en === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

const SAVED = 'choso.savedProduct';

/** The product just saved, so the list can show it even before its index catches up. */
export function rememberSavedProduct(id: string): void {
  try {
    sessionStorage.setItem(SAVED, id);
  } catch {
    // not needed for correctness
  }
}

export function takeSavedProduct(): string | undefined {
  try {
    const id = sessionStorage.getItem(SAVED) ?? undefined;
    sessionStorage.removeItem(SAVED);
    return id;
  } catch {
    return undefined;
  }
}
