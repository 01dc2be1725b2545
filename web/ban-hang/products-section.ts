import { ApiError, api, asApiError, queryString } from '../lib/api';
import { confirmDialog } from '../lib/dialog';
import { $, announce, append, h } from '../lib/dom';
import { takeSavedProduct } from '../lib/flash';
import {
  formatDate,
  formatNumber,
  formatVnd,
  PRODUCT_STATUS,
  priceNode,
  statusBadge,
} from '../lib/format';
import {
  busy,
  echoMoney,
  FormErrors,
  field,
  moneyOrUndefined,
  moneyProblem,
  numberOrUndefined,
} from '../lib/forms';
import { type Bi, bi } from '../lib/i18n';
import { nameOf, type OwnProduct, unitOf } from '../lib/products';
import type { Reference } from '../lib/reference';

/**
 * The seller's own products: status, storefront state, a quick price/stock edit in the list
 * (the update route with the version read, so a stock changed meanwhile by an order or another
 * device is never overwritten blindly), edit, archive and restore.
 */
interface Page {
  items: OwnProduct[];
  nextCursor?: string;
}

const list = $<HTMLUListElement>('#products');
const more = $<HTMLButtonElement>('#products-more');
const error = $('#products-error');
let cursor: string | undefined;
let ref: Reference;
let flash: (text: ReturnType<typeof bi>, kind?: 'success' | 'error') => void;

function quantity(p: OwnProduct) {
  const unit = unitOf(p, ref);
  if (p.kind === 'service')
    return bi(
      `Sức chứa ${formatNumber(p.capacityPerDate ?? 0)} ${unit.vi}/ngày`,
      `Daily capacity: ${formatNumber(p.capacityPerDate ?? 0)} (${unit.en})`,
    );
  return bi(
    `Tồn kho ${formatNumber(p.stock ?? 0)} ${unit.vi}`,
    `In stock: ${formatNumber(p.stock ?? 0)} ${unit.en}`,
  );
}

function listedText(p: OwnProduct) {
  if (p.status === 'draft')
    return bi(
      'Nháp: chỉ bạn thấy, chưa hiện trên cửa hàng. Bấm “Sửa” rồi chọn “Đăng bán ngay” để bán.',
      'Draft: only you see it; not in the shop. Press “Edit” and tick “Put on sale now” to sell it.',
    );
  if (p.status !== 'active') return null;
  return p.listed
    ? bi('Đang hiện trên cửa hàng', 'Visible in the shop')
    : bi(
        'Chưa hiện trên cửa hàng: hồ sơ chưa được duyệt',
        'Not in the shop yet: profile not approved',
      );
}

function item(p: OwnProduct): HTMLLIElement {
  const name = nameOf(p.name);
  const actions: HTMLElement[] = [];
  if (p.status !== 'archived') {
    actions.push(
      h(
        'a',
        { class: 'btn small', href: `/ban-hang/san-pham/?id=${encodeURIComponent(p.id)}` },
        bi('Sửa', 'Edit'),
        h('span', { class: 'sr-only' }, ' ', name),
      ),
      h(
        'button',
        { type: 'button', class: 'btn small danger', onclick: () => void archive(p) },
        bi('Ngừng bán', 'Stop selling'),
        h('span', { class: 'sr-only' }, ' ', name),
      ),
    );
  } else {
    actions.push(
      h(
        'button',
        { type: 'button', class: 'btn small', onclick: () => void restore(p) },
        bi('Khôi phục về nháp', 'Restore as draft'),
        h('span', { class: 'sr-only' }, ' ', name),
      ),
    );
  }
  const listed = listedText(p);
  return h(
    'li',
    { class: 'item', 'data-product-id': p.id },
    h('div', { class: 'item-head' }, h('h3', null, name), statusBadge(p.status, PRODUCT_STATUS)),
    h('p', { class: 'meta' }, priceNode(p.price, unitOf(p, ref)), ' · ', quantity(p)),
    listed ? h('p', { class: 'meta' }, listed) : null,
    p.status !== 'archived' ? quickEdit(p) : null,
    h(
      'p',
      { class: 'meta' },
      ref.category(p.category),
      ' · ',
      bi(`Cập nhật ${formatDate(p.updatedAt)}`, `Updated ${formatDate(p.updatedAt)}`),
    ),
    h('div', { class: 'actions', style: 'margin-top:0.5rem' }, actions),
  );
}

/**
 * "Sửa nhanh": price and stock (or daily capacity) in place, sent with the version this list read.
 * A 409 reloads the product, shows what changed (an order may have taken stock meanwhile), keeps
 * what was typed and takes the new version, so a second "Lưu" is a decision, not an accident.
 */
function quickEdit(p: OwnProduct): HTMLElement {
  const name = nameOf(p.name);
  const service = p.kind === 'service';
  const errors = new FormErrors();
  const price = field({
    label: bi('Giá bán (đồng)', 'Price (đồng)'),
    path: 'price',
    hint: bi('Ví dụ 150000, 150k, 1,2tr.', 'E.g. 150000, 150k, 1,2tr.'),
    value: String(p.price),
    attrs: { autocomplete: 'off', autocapitalize: 'off' },
  });
  const quantityPath = service ? 'capacityPerDate' : 'stock';
  const quantity = field({
    label: service ? bi('Sức chứa mỗi ngày', 'Capacity per day') : bi('Tồn kho', 'In stock'),
    path: quantityPath,
    value: String((service ? p.capacityPerDate : p.stock) ?? 0),
    attrs: { inputmode: 'numeric', autocomplete: 'off' },
  });
  echoMoney(price);
  errors.register(price, quantity);
  let version = p.version;
  const save = h('button', { type: 'submit', class: 'btn primary small' }, bi('Lưu', 'Save'));
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    errors.summary,
    h('div', { class: 'grid-2' }, price.wrap, quantity.wrap),
    h('div', { class: 'actions' }, save),
  );
  const submit = () => {
    const bad = moneyProblem(price.value);
    const amount = moneyOrUndefined(price.value);
    const count = numberOrUndefined(quantity.value);
    if (bad || amount === undefined) {
      errors.showError(bad ?? bi('Vui lòng nhập giá.', 'Enter a price.'), 'price');
      return;
    }
    if (count === undefined || Number.isNaN(count)) {
      errors.showError(bi('Nhập số lượng, ví dụ 20.', 'Enter a quantity, e.g. 20.'), quantityPath);
      return;
    }
    const body = { version, price: amount, [quantityPath]: count };
    void busy(save, async () => {
      try {
        const { product } = await api<{ product: OwnProduct }>(
          `/api/seller/products/${encodeURIComponent(p.id)}`,
          { method: 'PUT', body },
        );
        replaceItem(product, 'quick');
        flash(
          bi(
            `Đã cập nhật “${name.vi}”: ${formatVnd(product.price)}, ${service ? 'sức chứa' : 'tồn kho'} ${formatNumber(count)}.`,
            `Updated “${name.en}”: ${formatVnd(product.price)}, ${service ? 'capacity' : 'stock'} ${formatNumber(count)}.`,
          ),
        );
      } catch (err) {
        const e = asApiError(err);
        if (e.code === 'product.versionConflict') {
          await showConflict(e);
          return;
        }
        if (e.status === 401) location.reload();
        errors.showApiError(e, {}, body, submit);
      }
    });
  };
  const showConflict = async (e: ApiError) => {
    const latest = await api<{ product: OwnProduct }>(
      `/api/seller/products/${encodeURIComponent(p.id)}`,
    ).catch(() => undefined);
    if (!latest) {
      errors.showError(e.bi());
      return;
    }
    const now = latest.product;
    version = now.version;
    const nowQty = (service ? now.capacityPerDate : now.stock) ?? 0;
    const what: Bi = bi(
      `giá ${formatVnd(now.price)}, ${service ? 'sức chứa' : 'tồn kho'} ${formatNumber(nowQty)}`,
      `price ${formatVnd(now.price)}, ${service ? 'capacity' : 'stock'} ${formatNumber(nowQty)}`,
    );
    errors.showError(
      bi(
        `Sản phẩm vừa được thay đổi ở nơi khác (có thể do đơn hàng mới hoặc máy khác): bây giờ là ${what.vi}. Số bạn nhập vẫn giữ nguyên; kiểm tra lại rồi bấm “Lưu” lần nữa.`,
        `The product was just changed elsewhere (a new order or another device): it is now ${what.en}. What you typed is kept; check it and press “Save” again.`,
      ),
      undefined,
      { heading: bi('Chưa lưu: sản phẩm vừa thay đổi', 'Not saved: the product just changed') },
    );
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    submit();
  });
  return h(
    'details',
    { class: 'quick-edit' },
    h(
      'summary',
      { class: 'btn small' },
      service
        ? bi('Sửa nhanh giá, sức chứa', 'Quick edit: price, capacity')
        : bi('Sửa nhanh giá, tồn kho', 'Quick edit: price, stock'),
      h('span', { class: 'sr-only' }, ' ', name),
    ),
    form,
  );
}

async function archive(p: OwnProduct) {
  const name = nameOf(p.name);
  const ok = await confirmDialog({
    title: bi(`Ngừng bán “${name.vi}”?`, `Stop selling “${name.en}”?`),
    body: bi(
      'Sản phẩm rời khỏi cửa hàng và không sửa được nữa. Muốn bán lại: “Khôi phục về nháp”, sửa rồi đăng bán.',
      'The product leaves the shop and can no longer be edited. To sell it again: “Restore as draft”, edit, then put it on sale.',
    ),
    confirm: bi('Ngừng bán', 'Stop selling'),
    danger: true,
  });
  if (!ok) return;
  try {
    const { product } = await api<{ product: OwnProduct }>(
      `/api/seller/products/${encodeURIComponent(p.id)}/archive`,
      { method: 'POST', body: { version: p.version } },
    );
    replaceItem(product);
    flash(bi(`Đã ngừng bán “${name.vi}”.`, `Stopped selling “${name.en}”.`));
  } catch (err) {
    failed(err);
  }
}

async function restore(p: OwnProduct) {
  const name = nameOf(p.name);
  try {
    const { product } = await api<{ product: OwnProduct }>(
      `/api/seller/products/${encodeURIComponent(p.id)}`,
      { method: 'PUT', body: { version: p.version, status: 'draft' } },
    );
    replaceItem(product);
    flash(bi(`Đã khôi phục “${name.vi}” về nháp.`, `Restored “${name.en}” as a draft.`));
  } catch (err) {
    failed(err);
  }
}

function failed(err: unknown) {
  const e = asApiError(err);
  if (e.code === 'product.versionConflict') {
    flash(
      bi(
        'Sản phẩm vừa được sửa ở nơi khác; danh sách đã được tải lại, vui lòng thử lại.',
        'The product was just changed elsewhere; the list was reloaded, please try again.',
      ),
      'error',
    );
    void load(false);
    return;
  }
  flash(e.bi(), 'error');
}

/** Puts the product's new state in the list; focus goes to `focus` (the quick edit) or its actions. */
function replaceItem(p: OwnProduct, focus: 'actions' | 'quick' = 'actions') {
  const old = list.querySelector(`[data-product-id="${CSS.escape(p.id)}"]`);
  const next = item(p);
  if (old) old.replaceWith(next);
  const target =
    focus === 'quick'
      ? next.querySelector<HTMLElement>('.quick-edit > summary')
      : next.querySelector<HTMLElement>(':scope > .actions .btn');
  target?.focus();
}

export async function load(appendPage: boolean): Promise<void> {
  list.setAttribute('aria-busy', 'true');
  try {
    const page = await api<Page>(
      `/api/seller/products${queryString({ cursor: appendPage ? cursor : undefined, limit: 20 })}`,
    );
    announce(error, null);
    if (!appendPage) {
      list.replaceChildren();
      // The product just saved leads the list, even if the listing index lags behind.
      const savedId = takeSavedProduct();
      if (savedId && !page.items.some((p) => p.id === savedId)) {
        const saved = await api<{ product: OwnProduct }>(
          `/api/seller/products/${encodeURIComponent(savedId)}`,
        ).catch(() => undefined);
        if (saved) page.items.unshift(saved.product);
      }
    }
    append(
      list,
      page.items.map((p) => item(p)),
    );
    if (!appendPage && page.items.length === 0) {
      list.append(
        h(
          'li',
          { class: 'empty' },
          bi(
            'Bạn chưa có sản phẩm nào. Thêm sản phẩm đầu tiên hoặc nhập từ tệp.',
            'No products yet. Add your first product or import a file.',
          ),
        ),
      );
    }
    cursor = page.nextCursor;
    more.hidden = !cursor;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) location.reload();
    announce(error, asApiError(err).bi(), 'error');
  } finally {
    list.removeAttribute('aria-busy');
  }
}

export function setupProducts(
  reference: Reference,
  show: (text: ReturnType<typeof bi>, kind?: 'success' | 'error') => void,
): void {
  ref = reference;
  flash = show;
  more.addEventListener('click', () => void load(true));
  void load(false);
}
