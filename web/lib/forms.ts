import { formatVnd } from '../../shared/money';
import { parseMoneyInput } from '../../shared/money-input';
import { ApiError, type FailureKind } from './api';
import { confirmDialog } from './dialog';
import { type Attrs, h, replace, setText, uid } from './dom';
import { type Bi, bi } from './i18n';
import { type IssueLike, issueMessage, pathKey } from './issues';

/**
 * Form fields with real labels, hints and errors wired by aria-describedby, and one error
 * summary per form (GOV.UK pattern): checks run with the shared zod schemas, each issue is shown
 * next to its field and listed, as links, at the top.
 */
export type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

export interface Option {
  value: string;
  label: Bi | string;
}

export interface FieldOptions {
  label: Bi;
  /** The schema path this field fills, `bank.bin` or `priceTiers.0.unitPrice`. */
  path: string;
  kind?: 'input' | 'select' | 'textarea';
  type?: string;
  hint?: Bi;
  optional?: boolean;
  options?: Option[];
  /** A first, empty option for selects ("Chọn…"). */
  placeholderOption?: Bi;
  value?: string;
  attrs?: Attrs;
}

export class Field {
  readonly error: HTMLElement;
  constructor(
    readonly wrap: HTMLElement,
    readonly control: Control,
    readonly path: string,
    error: HTMLElement,
  ) {
    this.error = error;
  }
  get value(): string {
    return this.control.value;
  }
  set value(v: string) {
    this.control.value = v;
  }
  setError(message: Bi | null): void {
    if (message) {
      setText(this.error, message);
      this.control.setAttribute('aria-invalid', 'true');
      this.wrap.classList.add('has-error');
    } else {
      this.error.replaceChildren();
      delete this.error.dataset.vi;
      delete this.error.dataset.en;
      this.control.removeAttribute('aria-invalid');
      this.wrap.classList.remove('has-error');
    }
  }
}

export function optionNodes(options: Option[], placeholder?: Bi): HTMLOptionElement[] {
  const nodes = options.map((o) => h('option', { value: o.value }, o.label));
  if (placeholder) nodes.unshift(h('option', { value: '' }, placeholder));
  return nodes;
}

export function field(options: FieldOptions): Field {
  const id = uid('f');
  const errorId = `${id}-error`;
  const hintId = options.hint ? `${id}-hint` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ');
  const common: Attrs = {
    id,
    name: options.path,
    'aria-describedby': describedBy,
    'aria-required': options.optional ? undefined : 'true',
    ...options.attrs,
  };
  let control: Control;
  if (options.kind === 'select') {
    control = h('select', common, optionNodes(options.options ?? [], options.placeholderOption));
  } else if (options.kind === 'textarea') {
    control = h('textarea', { rows: 4, ...common });
  } else {
    control = h('input', { type: options.type ?? 'text', ...common });
  }
  if (options.value !== undefined) control.value = options.value;
  const error = h('p', { class: 'field-error', id: errorId });
  const wrap = h(
    'div',
    { class: 'field' },
    h(
      'label',
      { for: id },
      options.label,
      options.optional
        ? h('span', { class: 'optional' }, bi(' (không bắt buộc)', ' (optional)'))
        : null,
    ),
    options.hint ? h('p', { class: 'hint', id: hintId }, options.hint) : null,
    error,
    control,
  );
  return new Field(wrap, control, options.path, error);
}

/** A group of radio buttons in a fieldset with a legend; `control` is the first radio. */
export function radios(options: {
  legend: Bi;
  path: string;
  options: Option[];
  value?: string;
  hint?: Bi;
}): Field & { selected: () => string } {
  const id = uid('r');
  const errorId = `${id}-error`;
  const hintId = options.hint ? `${id}-hint` : undefined;
  const inputs = options.options.map((o, i) => {
    const input = h('input', {
      type: 'radio',
      name: options.path,
      id: `${id}-${i}`,
      value: o.value,
      checked: o.value === options.value,
    });
    return h('div', { class: 'choice' }, input, h('label', { for: `${id}-${i}` }, o.label));
  });
  const error = h('p', { class: 'field-error', id: errorId });
  const wrap = h(
    'fieldset',
    {
      class: 'field radios',
      'aria-describedby': [hintId, errorId].filter(Boolean).join(' '),
    },
    h('legend', null, options.legend),
    options.hint ? h('p', { class: 'hint', id: hintId }, options.hint) : null,
    error,
    inputs,
  );
  const first = wrap.querySelector('input') as HTMLInputElement;
  const f = new Field(wrap, first, options.path, error) as Field & { selected: () => string };
  f.selected = () => wrap.querySelector<HTMLInputElement>('input:checked')?.value ?? '';
  return f;
}

/** Reads an optional whole number: '' → undefined, anything else → a number (NaN if not one). */
export function numberOrUndefined(text: string): number | undefined {
  const compact = text.replace(/[\s.,_]/g, '');
  if (compact === '') return undefined;
  return /^-?\d+$/.test(compact) ? Number(compact) : Number.NaN;
}

const valueAt = (input: unknown, path: string): unknown => {
  let cur: unknown = input;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
};

/** The summary at the top of a form and the errors by field. */
export class FormErrors {
  private readonly fields = new Map<string, Field>();
  readonly summary: HTMLElement;

  constructor() {
    this.summary = h('div', {
      class: 'error-summary',
      role: 'alert',
      tabindex: '-1',
      hidden: true,
    });
  }

  register(...fields: Field[]): void {
    for (const f of fields) this.fields.set(f.path, f);
  }
  unregister(prefix: string): void {
    for (const key of [...this.fields.keys()])
      if (key === prefix || key.startsWith(`${prefix}.`)) this.fields.delete(key);
  }

  clear(): void {
    for (const f of this.fields.values()) f.setError(null);
    this.summary.hidden = true;
    this.summary.replaceChildren();
  }

  /** The field for an issue's path, or the nearest registered parent path. */
  private fieldFor(path: string): Field | undefined {
    let p = path;
    for (;;) {
      const f = this.fields.get(p);
      if (f) return f;
      const cut = p.lastIndexOf('.');
      if (cut < 0) return undefined;
      p = p.slice(0, cut);
    }
  }

  /**
   * Shows issues (first one per field), lists them in the summary and focuses it. `input` is
   * what was checked, so empty values read "required". `messages` replaces the wording for a
   * field path (e.g. a price the page could not read says how to write one). Returns whether
   * there were any.
   */
  showIssues(
    issues: readonly IssueLike[],
    input?: unknown,
    messages: Record<string, Bi> = {},
  ): boolean {
    this.clear();
    const shown = new Map<string, { field?: Field; message: Bi }>();
    for (const issue of issues) {
      const path = pathKey(issue.path);
      const f = this.fieldFor(path);
      const key = f?.path ?? path;
      if (shown.has(key)) continue;
      const message = messages[key] ?? issueMessage(issue, valueAt(input, f?.path ?? path));
      shown.set(key, { ...(f ? { field: f } : {}), message });
      f?.setError(message);
    }
    if (shown.size === 0) return false;
    // Listed in the order the fields appear on the page, not the schema's order.
    const before = (a: Field | undefined, b: Field | undefined) => {
      if (!a || !b) return a ? -1 : b ? 1 : 0;
      if (a === b) return 0;
      return a.control.compareDocumentPosition(b.control) & Node.DOCUMENT_POSITION_FOLLOWING
        ? -1
        : 1;
    };
    this.showSummary(
      [...shown.values()]
        .sort((x, y) => before(x.field, y.field))
        .map(({ field: f, message }) => ({
          message,
          ...(f ? { target: f.control } : {}),
        })),
    );
    return true;
  }

  /** One message not tied to an issue list (an API error), optionally at a field. */
  showError(message: Bi, path?: string, options: SummaryOptions = {}): void {
    this.clear();
    const f = path ? this.fieldFor(path) : undefined;
    f?.setError(message);
    this.showSummary([{ message, ...(f ? { target: f.control } : {}) }], options);
  }

  private showSummary(
    items: Array<{ message: Bi; target?: Control }>,
    options: SummaryOptions = {},
  ): void {
    replace(
      this.summary,
      h('h2', null, options.heading ?? bi('Vui lòng kiểm tra lại', 'Please check the form')),
      h(
        'ul',
        null,
        items.map(({ message, target }) =>
          h(
            'li',
            null,
            target
              ? h(
                  'a',
                  {
                    href: `#${target.id}`,
                    onclick: (e: Event) => {
                      e.preventDefault();
                      target.focus();
                    },
                  },
                  labelOf(target),
                  ': ',
                  message,
                )
              : message,
          ),
        ),
      ),
      options.retry
        ? h(
            'button',
            {
              type: 'button',
              class: 'btn primary',
              onclick: () => {
                this.clear();
                options.retry?.();
              },
            },
            bi('Thử lại', 'Try again'),
          )
        : null,
    );
    this.summary.dataset.kind = options.kind ?? 'invalid';
    this.summary.hidden = false;
    this.summary.focus();
  }

  /**
   * Shows an API error: `request.invalid` issues at their fields, other codes as one message
   * (with `fieldFor[code]` naming the field a code is about, e.g. seller.taxCodeTaken → taxCode).
   * A network, timeout or server failure is not the person's mistake: it says so ("Chưa gửi
   * được", not "Vui lòng kiểm tra lại"), marks no field, keeps every value, and offers `retry`.
   */
  showApiError(
    err: ApiError,
    fieldFor: Record<string, string> = {},
    input?: unknown,
    retry?: () => void,
  ): void {
    const issues = (err.details as { issues?: IssueLike[] } | undefined)?.issues;
    if (err.code === 'request.invalid' && Array.isArray(issues) && issues.length > 0) {
      this.showIssues(issues, input);
      return;
    }
    if (err.retryable) {
      this.showError(err.bi(), undefined, {
        heading: FAILURE_HEADINGS[err.kind],
        kind: err.kind,
        ...(retry ? { retry } : {}),
      });
      return;
    }
    this.showError(err.bi(), fieldFor[err.code]);
  }
}

export interface SummaryOptions {
  heading?: Bi;
  /** `invalid` (the person's input), or the failure kind: styles and tests read it. */
  kind?: 'invalid' | FailureKind;
  /** A "Thử lại" button in the summary that runs this. */
  retry?: () => void;
}

const FAILURE_HEADINGS: Record<FailureKind, Bi> = {
  network: bi('Chưa gửi được: không có mạng', 'Not sent: no connection'),
  timeout: bi('Chưa gửi được: mạng quá chậm', 'Not sent: the network is too slow'),
  server: bi('Chưa gửi được: máy chủ gặp lỗi', 'Not sent: the server had a problem'),
  rejected: bi('Chưa gửi được', 'Not sent'),
};

/** The label text of a control (for the summary links), following the language switch. */
function labelOf(control: Control): Bi {
  const wrap = control.closest('.field');
  const label =
    wrap?.tagName === 'FIELDSET'
      ? wrap.querySelector('legend')
      : wrap?.querySelector(`label[for="${control.id}"]`);
  const span = label?.querySelector<HTMLElement>('[data-vi]') ?? (label as HTMLElement | null);
  const vi = span?.dataset.vi ?? span?.textContent ?? '';
  const en = span?.dataset.en ?? vi;
  return bi(vi, en);
}

/** Disables a submit button while `work` runs and marks it busy. */
export async function busy<T>(button: HTMLButtonElement, work: () => Promise<T>): Promise<T> {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

export { ApiError };

/**
 * Asks before leaving a form with unsaved changes: the browser's own question on reload, close or
 * typing an address (beforeunload), and a dialog for the page's own links (Cancel, the menu).
 * The form is dirty once anything is typed or changed in it, or when `alsoDirty` says so (pictures
 * still uploading); `clean()` after a save lets the page move on.
 */
export function guardUnsaved(
  form: HTMLFormElement,
  alsoDirty: () => boolean = () => false,
): { markDirty: () => void; clean: () => void; isDirty: () => boolean } {
  let dirty = false;
  let leaving = false;
  const isDirty = () => !leaving && (dirty || alsoDirty());
  const markDirty = () => {
    dirty = true;
  };
  form.addEventListener('input', markDirty);
  form.addEventListener('change', markDirty);
  window.addEventListener('beforeunload', (e) => {
    if (!isDirty()) return;
    e.preventDefault();
    // Older browsers need returnValue set to show the question.
    e.returnValue = '';
  });
  document.addEventListener(
    'click',
    (e) => {
      if (!isDirty() || e.defaultPrevented || e.button !== 0) return;
      if (e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      const link = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!link || link.target === '_blank' || link.hasAttribute('download')) return;
      const to = new URL(link.href, location.href);
      if (to.origin !== location.origin) return;
      if (to.pathname === location.pathname && to.search === location.search) return; // #anchor
      e.preventDefault();
      void confirmDialog({
        title: bi('Rời trang khi chưa lưu?', 'Leave without saving?'),
        body: bi(
          'Những gì bạn vừa nhập và ảnh đang tải lên sẽ mất.',
          'What you typed and any pictures still uploading will be lost.',
        ),
        confirm: bi('Rời trang', 'Leave'),
        danger: true,
      }).then((ok) => {
        if (ok === null) return;
        leaving = true;
        location.assign(to.href);
      });
    },
    true,
  );
  return {
    markDirty,
    clean: () => {
      leaving = true;
      dirty = false;
    },
    isDirty,
  };
}

/** Example of the price spellings accepted, for hints. */
export const MONEY_HINT = bi(
  'Ghi theo cách bạn quen: 250000, 250.000đ, 250k hoặc 1,2tr.',
  'Write it as you usually do: 250000, 250.000đ, 250k or 1,2tr (1.2 million).',
);

/** The field's message when a typed price cannot be read (undefined when it can, or is empty). */
export function moneyProblem(text: string): Bi | undefined {
  const parsed = parseMoneyInput(text);
  if (parsed.ok || parsed.code === 'empty') return undefined;
  return parsed.code === 'not_integer'
    ? bi(
        'Số tiền phải là đồng chẵn, không có phần lẻ (ví dụ 1.250.000 hoặc 1,25tr).',
        'Whole đồng only, no fractions (e.g. 1.250.000 or 1,25tr).',
      )
    : bi(
        'Không đọc được số tiền. Ví dụ cách ghi: 150000, 150.000đ, 150k, 1,2tr.',
        'Could not read the amount. For example: 150000, 150.000đ, 150k, 1,2tr.',
      );
}

/** A typed price as đồng: undefined when empty, NaN when it cannot be read (the schema says so). */
export function moneyOrUndefined(text: string): number | undefined {
  const parsed = parseMoneyInput(text);
  if (parsed.ok) return parsed.value;
  return parsed.code === 'empty' ? undefined : Number.NaN;
}

/**
 * Shows the amount read from a money input as it is typed ("= 1.200.000 ₫"), so "1,2tr" or "150k"
 * is seen to mean what the seller meant before saving. Returns the line (already in the field).
 */
export function echoMoney(f: Field): HTMLElement {
  const line = h('p', { class: 'hint money-echo', 'aria-live': 'polite' });
  const update = () => {
    const parsed = parseMoneyInput(f.value);
    if (parsed.ok) {
      setText(line, bi(`= ${formatVnd(parsed.value)}`));
      // A price that reads now no longer carries the old "cannot read" error.
      if (f.control.getAttribute('aria-invalid') === 'true' && moneyProblem(f.value) === undefined)
        f.setError(null);
    } else if (parsed.code === 'empty') line.replaceChildren();
    else setText(line, moneyProblem(f.value) as Bi);
  };
  f.control.addEventListener('input', update);
  f.control.after(line);
  update();
  return line;
}
