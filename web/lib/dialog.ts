import { h, setText, uid } from './dom';
import { applyLang, type Bi, bi, currentLang } from './i18n';

/**
 * A modal confirmation built on <dialog> (focus moves in, Escape cancels, focus returns to what
 * opened it). With `reason`, a required text must be typed before confirming; it is returned.
 */
export interface ConfirmOptions {
  title: Bi;
  body?: Bi;
  confirm: Bi;
  danger?: boolean;
  reason?: { label: Bi; hint?: Bi };
}

export function confirmDialog(options: ConfirmOptions): Promise<string | null> {
  const opener = document.activeElement as HTMLElement | null;
  const titleId = uid('dlg');
  const reasonId = uid('reason');
  const errorId = `${reasonId}-error`;
  const reason = options.reason
    ? h('textarea', {
        id: reasonId,
        rows: 3,
        maxlength: 500,
        'aria-required': 'true',
        'aria-describedby': errorId,
      })
    : null;
  const error = h('p', { class: 'field-error', id: errorId });
  const confirmButton = h(
    'button',
    { type: 'submit', class: options.danger ? 'btn danger' : 'btn primary', value: 'ok' },
    options.confirm,
  );
  const cancelButton = h(
    'button',
    { type: 'button', class: 'btn', value: 'cancel' },
    bi('Hủy', 'Cancel'),
  );
  const form = h(
    'form',
    { method: 'dialog' },
    h('h2', { id: titleId }, options.title),
    options.body ? h('p', null, options.body) : null,
    reason
      ? h(
          'div',
          { class: 'field' },
          h('label', { for: reasonId }, options.reason?.label as Bi),
          options.reason?.hint ? h('p', { class: 'hint' }, options.reason.hint) : null,
          error,
          reason,
        )
      : null,
    h('div', { class: 'actions' }, confirmButton, cancelButton),
  );
  const dialog = h('dialog', { 'aria-labelledby': titleId, class: 'dialog' }, form);
  document.body.append(dialog);
  applyLang(currentLang(), dialog);

  return new Promise((resolve) => {
    let result: string | null = null;
    form.addEventListener('submit', (e) => {
      if (reason) {
        const text = reason.value.trim();
        if (text.length < 3) {
          e.preventDefault();
          setText(
            error,
            bi(
              'Vui lòng ghi lý do (ít nhất 3 ký tự).',
              'Please give a reason (3 characters or more).',
            ),
          );
          reason.setAttribute('aria-invalid', 'true');
          reason.focus();
          return;
        }
        result = text;
      } else result = 'ok';
    });
    cancelButton.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      opener?.focus();
      resolve(result);
    });
    dialog.showModal();
    (reason ?? cancelButton).focus();
  });
}
