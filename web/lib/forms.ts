import { ApiError } from './api';
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
   * what was checked, so empty values read "required". Returns whether there were any.
   */
  showIssues(issues: readonly IssueLike[], input?: unknown): boolean {
    this.clear();
    const shown = new Map<string, { field?: Field; message: Bi }>();
    for (const issue of issues) {
      const path = pathKey(issue.path);
      const f = this.fieldFor(path);
      const key = f?.path ?? path;
      if (shown.has(key)) continue;
      const message = issueMessage(issue, valueAt(input, f?.path ?? path));
      shown.set(key, { ...(f ? { field: f } : {}), message });
      f?.setError(message);
    }
    if (shown.size === 0) return false;
    this.showSummary(
      [...shown.values()].map(({ field: f, message }) => ({
        message,
        ...(f ? { target: f.control } : {}),
      })),
    );
    return true;
  }

  /** One message not tied to an issue list (an API error), optionally at a field. */
  showError(message: Bi, path?: string): void {
    this.clear();
    const f = path ? this.fieldFor(path) : undefined;
    f?.setError(message);
    this.showSummary([{ message, ...(f ? { target: f.control } : {}) }]);
  }

  private showSummary(items: Array<{ message: Bi; target?: Control }>): void {
    replace(
      this.summary,
      h('h2', null, bi('Vui lòng kiểm tra lại', 'Please check the form')),
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
    );
    this.summary.hidden = false;
    this.summary.focus();
  }

  /**
   * Shows an API error: `request.invalid` issues at their fields, other codes as one message
   * (with `fieldFor[code]` naming the field a code is about, e.g. seller.taxCodeTaken → taxCode).
   */
  showApiError(err: ApiError, fieldFor: Record<string, string> = {}, input?: unknown): void {
    const issues = (err.details as { issues?: IssueLike[] } | undefined)?.issues;
    if (err.code === 'request.invalid' && Array.isArray(issues) && issues.length > 0) {
      this.showIssues(issues, input);
      return;
    }
    this.showError(err.bi(), fieldFor[err.code]);
  }
}

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
