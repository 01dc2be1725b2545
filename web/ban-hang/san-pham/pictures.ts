import { asApiError } from '../../lib/api';
import { h, replace, setText } from '../../lib/dom';
import { type Bi, bi } from '../../lib/i18n';
import { MAX_SIDE, type PreparedImage, prepareImage } from '../../lib/image-resize';
import { imageUrl } from '../../lib/products';
import { uploadImage } from '../../lib/upload';

/**
 * The product form's pictures, built so that a picture is never silently lost on a slow phone:
 * each chosen photo is resized in the browser (web/lib/image-resize.ts: ≤ 1600 px, re-encoded, no
 * EXIF/GPS), then uploaded with real progress (XHR upload events); a failed upload stays in the
 * list with its reason, "Thử lại" and "Bỏ ảnh". The form asks `pending()`/`settled()` before
 * saving and `failed()` to refuse a save that would drop a picture.
 */
export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;

type State = 'preparing' | 'uploading' | 'failed' | 'done';

export interface PictureEntry {
  name: string;
  state: State;
  key?: string;
  error?: Bi;
  /** Whether "Thử lại" can help (not for a picture the browser cannot read or that is too big). */
  retryable: boolean;
  prepared?: PreparedImage;
  /** The 480 px copy the storefront cards use (same type as `prepared`), when the browser made one. */
  small?: PreparedImage;
  preview?: string;
  sent: number;
  total: number;
  task?: Promise<void>;
  abort?: AbortController;
  li: HTMLLIElement;
}

const ACCEPT = ['image/jpeg', 'image/png', 'image/webp'];
/** The small copy's longest side (shared/storage/upload-url.ts SMALL_IMAGE_WIDTH). */
const SMALL_SIDE = 480;

const sizeFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** `240 kB`, `2,2 MB` (Vietnamese decimal comma). */
export function formatBytes(n: number): string {
  if (n < 1024 * 1024) return `${Math.max(1, Math.round(n / 1024))} kB`;
  return `${sizeFormat.format(n / (1024 * 1024))} MB`;
}

export class PictureList {
  readonly element: HTMLElement;
  /** Called whenever the list changes (a picture added, uploaded, removed). */
  onChange: () => void = () => {};
  private readonly entries: PictureEntry[] = [];
  private readonly initial: string;
  private readonly list: HTMLUListElement;
  private readonly input: HTMLInputElement;
  private readonly error: HTMLElement;
  private readonly status: HTMLElement;

  constructor(
    keys: readonly string[],
    private readonly max: number,
  ) {
    this.initial = keys.join('|');
    this.list = h('ul', {
      class: 'thumbs-edit',
      'aria-label': bi('Ảnh đã chọn', 'Chosen pictures'),
    });
    this.error = h('p', { class: 'field-error', id: 'images-error' });
    this.status = h('p', { class: 'hint', role: 'status', id: 'images-status' });
    this.input = h('input', {
      type: 'file',
      id: 'images',
      accept: ACCEPT.join(','),
      multiple: true,
      'aria-describedby': 'images-hint images-error images-status',
    });
    this.input.addEventListener('change', () => this.choose());
    this.element = h(
      'div',
      { class: 'field' },
      h(
        'label',
        { for: 'images' },
        bi('Ảnh sản phẩm', 'Product pictures'),
        h('span', { class: 'optional' }, bi(' (không bắt buộc)', ' (optional)')),
      ),
      h(
        'p',
        { class: 'hint', id: 'images-hint' },
        bi(
          `JPEG, PNG hoặc WebP, tối đa ${max} ảnh, mỗi ảnh tối đa 5 MB. Ảnh đầu tiên là ảnh bìa. Ảnh được thu nhỏ trên máy bạn trước khi gửi (cạnh dài ${MAX_SIDE} px) và bỏ thông tin vị trí GPS của máy ảnh.`,
          `JPEG, PNG or WebP, up to ${max} pictures, 5 MB each. The first is the cover. Pictures are made smaller on your phone before sending (${MAX_SIDE} px on the long side), without the camera's GPS position.`,
        ),
      ),
      this.error,
      this.input,
      this.status,
      this.list,
    );
    for (const key of keys) this.add({ name: key.split('/').pop() ?? key, key, state: 'done' });
    this.refresh();
  }

  /** The uploaded pictures' keys, in the order shown (the first is the cover). */
  keys(): string[] {
    return this.entries.flatMap((e) => (e.state === 'done' && e.key ? [e.key] : []));
  }
  pending(): PictureEntry[] {
    return this.entries.filter((e) => e.state === 'preparing' || e.state === 'uploading');
  }
  failed(): PictureEntry[] {
    return this.entries.filter((e) => e.state === 'failed');
  }
  /** Something to save or still on its way (for the leave-page question). */
  changed(): boolean {
    return (
      this.pending().length > 0 ||
      this.failed().length > 0 ||
      this.keys().join('|') !== this.initial
    );
  }
  /** Resolves once no picture is preparing or uploading (whether they worked or not). */
  async settled(): Promise<void> {
    for (;;) {
      const tasks = this.pending().flatMap((e) => (e.task ? [e.task] : []));
      if (tasks.length === 0) return;
      await Promise.allSettled(tasks);
    }
  }

  private add(init: Pick<PictureEntry, 'name' | 'state'> & Partial<PictureEntry>): PictureEntry {
    const entry: PictureEntry = { retryable: true, sent: 0, total: 0, li: h('li'), ...init };
    this.entries.push(entry);
    this.list.append(entry.li);
    this.render(entry);
    return entry;
  }

  private choose(): void {
    const room = this.max - this.entries.length;
    const files = [...(this.input.files ?? [])];
    this.input.value = '';
    this.error.replaceChildren();
    if (files.length > room)
      setText(
        this.error,
        bi(
          `Chỉ thêm được ${room} ảnh nữa (tối đa ${this.max}); ${files.length - room} ảnh sau không được thêm.`,
          `Only ${room} more picture(s) fit (up to ${this.max}); the last ${files.length - room} were not added.`,
        ),
      );
    for (const file of files.slice(0, Math.max(0, room))) {
      if (!ACCEPT.includes(file.type)) {
        setText(
          this.error,
          bi(
            `${file.name}: chỉ nhận ảnh JPEG, PNG hoặc WebP.`,
            `${file.name}: only JPEG, PNG or WebP.`,
          ),
        );
        continue;
      }
      const entry = this.add({ name: file.name, state: 'preparing' });
      entry.task = this.prepareAndUpload(entry, file);
    }
    this.refresh();
  }

  private async prepareAndUpload(entry: PictureEntry, file: File): Promise<void> {
    try {
      entry.prepared = await prepareImage(file);
      entry.preview = URL.createObjectURL(entry.prepared.blob);
      const small = await prepareImage(file, SMALL_SIDE).catch(() => undefined);
      if (small?.type === entry.prepared.type) entry.small = small;
    } catch {
      this.fail(
        entry,
        bi(
          'Không đọc được ảnh này trên máy bạn. Hãy chọn ảnh JPEG, PNG hoặc WebP khác.',
          'This picture could not be read on your device. Choose another JPEG, PNG or WebP.',
        ),
        false,
      );
      return;
    }
    if (entry.prepared.blob.size > MAX_UPLOAD_BYTES) {
      this.fail(
        entry,
        bi(
          `Ảnh ${formatBytes(entry.prepared.blob.size)} quá lớn: mỗi ảnh tối đa 5 MB.`,
          `The picture is ${formatBytes(entry.prepared.blob.size)}: at most 5 MB per picture.`,
        ),
        false,
      );
      return;
    }
    await this.upload(entry);
  }

  private async upload(entry: PictureEntry): Promise<void> {
    const prepared = entry.prepared as PreparedImage;
    entry.state = 'uploading';
    entry.error = undefined;
    entry.sent = 0;
    const smallBytes = entry.small?.blob.size ?? 0;
    entry.total = prepared.blob.size + smallBytes;
    entry.abort = new AbortController();
    this.render(entry);
    this.refresh();
    try {
      entry.key = await uploadImage(
        prepared.blob,
        prepared.type,
        ({ sent, total }) => {
          entry.sent = sent;
          entry.total = total + smallBytes;
          this.render(entry);
        },
        entry.abort.signal,
      );
      await this.uploadSmall(entry, entry.key);
      entry.state = 'done';
      this.render(entry);
      this.refresh();
      this.onChange();
    } catch (err) {
      if (!this.entries.includes(entry)) return; // removed while uploading
      const e = asApiError(err);
      const retryable = !['upload.tooLarge', 'upload.unsupportedType'].includes(e.code);
      const message =
        e.kind === 'network'
          ? bi(
              'Mất kết nối khi đang tải ảnh lên. Ảnh vẫn được giữ: bấm “Thử lại” khi có mạng.',
              'The connection dropped during the upload. The picture is kept: press “Try again” when you are back online.',
            )
          : e.bi();
      this.fail(entry, message, retryable);
    }
  }

  /**
   * The small copy, after the main picture (it names it). Not worth failing the picture for: pages
   * fall back to the main picture when the small copy is missing. A cancel still cancels.
   */
  private async uploadSmall(entry: PictureEntry, key: string): Promise<void> {
    const small = entry.small;
    if (!small) return;
    const mainBytes = entry.prepared?.blob.size ?? 0;
    try {
      await uploadImage(
        small.blob,
        small.type,
        ({ sent }) => {
          entry.sent = mainBytes + sent;
          this.render(entry);
        },
        entry.abort?.signal,
        key,
      );
    } catch (err) {
      if (entry.abort?.signal.aborted) throw err;
    }
  }

  private fail(entry: PictureEntry, message: Bi, retryable: boolean): void {
    entry.state = 'failed';
    entry.error = message;
    entry.retryable = retryable;
    this.render(entry);
    this.refresh();
    this.onChange();
  }

  private retry(entry: PictureEntry): void {
    entry.task = this.upload(entry);
    (entry.li.querySelector('progress') as HTMLElement | null)?.focus();
  }

  private remove(entry: PictureEntry): void {
    entry.abort?.abort();
    const i = this.entries.indexOf(entry);
    if (i >= 0) this.entries.splice(i, 1);
    entry.li.remove();
    if (entry.preview) URL.revokeObjectURL(entry.preview);
    for (const e of this.entries) this.render(e);
    this.refresh();
    this.onChange();
    this.input.focus();
  }

  /** Redraws one picture's card in place (its buttons keep focus across progress updates). */
  private render(entry: PictureEntry): void {
    const n = this.entries.indexOf(entry) + 1;
    const src = entry.preview ?? (entry.key ? imageUrl(entry.key) : undefined);
    const pct = entry.total > 0 ? Math.floor((entry.sent / entry.total) * 100) : 0;
    let img = entry.li.querySelector('img');
    if (src && img?.getAttribute('src') !== src) img = null;
    const picture =
      img ??
      (src
        ? h('img', { src, alt: bi(`Ảnh ${n}`, `Picture ${n}`) })
        : h('div', { class: 'thumb-placeholder', 'aria-hidden': 'true' }));
    entry.li.dataset.state = entry.state;
    // A card with progress or a problem takes the whole row: its words are readable at 360 px.
    entry.li.style.width = entry.state === 'done' ? '' : '100%';
    const line = (text: Bi) => h('p', { class: 'hint', style: 'margin:0' }, text);
    const button = (label: Bi, onclick: () => void, danger = false) =>
      h(
        'button',
        { type: 'button', class: `btn small${danger ? ' danger' : ''}`, onclick },
        label,
        h('span', { class: 'sr-only' }, bi(` (ảnh ${n})`, ` (picture ${n})`)),
      );
    const focused = entry.li.contains(document.activeElement)
      ? (document.activeElement as HTMLElement).dataset.action
      : undefined;
    const parts: Array<HTMLElement | null> = [picture];
    if (entry.state === 'preparing') parts.push(line(bi('Đang thu nhỏ ảnh…', 'Resizing…')));
    if (entry.state === 'uploading') {
      parts.push(
        h('progress', {
          max: 100,
          value: pct,
          'aria-label': bi(`Tải ảnh ${n} lên`, `Uploading picture ${n}`),
        }),
        line(
          bi(
            `Đang tải lên ${pct}% (${formatBytes(entry.sent)}/${formatBytes(entry.total)})`,
            `Uploading ${pct}% (${formatBytes(entry.sent)} of ${formatBytes(entry.total)})`,
          ),
        ),
        button(bi('Hủy tải', 'Cancel'), () => this.remove(entry)),
      );
    }
    if (entry.state === 'failed') {
      parts.push(
        h('p', { class: 'field-error', style: 'margin:0', role: 'alert' }, entry.error ?? bi('')),
        entry.retryable ? button(bi('Thử lại', 'Try again'), () => this.retry(entry)) : null,
        button(bi('Bỏ ảnh', 'Remove'), () => this.remove(entry), true),
      );
    }
    if (entry.state === 'done')
      parts.push(button(bi(`Xóa ảnh ${n}`, `Remove picture ${n}`), () => this.remove(entry), true));
    for (const b of parts)
      if (b instanceof HTMLButtonElement) b.dataset.action = b.textContent ?? '';
    replace(entry.li, parts);
    if (focused)
      (
        [...entry.li.querySelectorAll('button')].find((b) => b.dataset.action === focused) as
          | HTMLElement
          | undefined
      )?.focus();
  }

  /** The count line and whether more can be chosen. */
  private refresh(): void {
    const pending = this.pending().length;
    const failed = this.failed().length;
    const done = this.keys().length;
    this.input.disabled = this.entries.length >= this.max;
    setText(
      this.status,
      pending > 0
        ? bi(
            `Đang tải ${pending} ảnh lên… Đã có ${done}/${this.max} ảnh.`,
            `Uploading ${pending} picture(s)… ${done} of ${this.max} pictures.`,
          )
        : failed > 0
          ? bi(
              `${failed} ảnh chưa tải lên được. Đã có ${done}/${this.max} ảnh.`,
              `${failed} picture(s) did not upload. ${done} of ${this.max} pictures.`,
            )
          : bi(`Đã có ${done}/${this.max} ảnh.`, `${done} of ${this.max} pictures.`),
    );
  }
}
