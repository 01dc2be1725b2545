import { h, uid } from './dom';
import { bi } from './i18n';

/**
 * "Hiện mật khẩu": one checkbox (the whole row is its label, a large touch target) that shows or
 * hides every password input given, so a person on a phone can check what they typed.
 */
export function showPasswordToggle(...inputs: HTMLElement[]): HTMLElement {
  const id = uid('show');
  const box = h('input', { type: 'checkbox', id });
  box.addEventListener('change', () => {
    for (const input of inputs)
      (input as HTMLInputElement).type = box.checked ? 'text' : 'password';
  });
  return h(
    'div',
    { class: 'choice field' },
    box,
    h('label', { for: id }, bi('Hiện mật khẩu', 'Show password')),
  );
}
