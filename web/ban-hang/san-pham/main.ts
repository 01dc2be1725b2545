import { LIMITS, NewProductSchema } from '../../../shared/catalog/product';
import { ApiError, api, asApiError } from '../../lib/api';
import { $, announce, h, replace, setText } from '../../lib/dom';
import { leaveFlash, rememberSavedProduct } from '../../lib/flash';
import {
  busy,
  echoMoney,
  type Field,
  FormErrors,
  field,
  guardUnsaved,
  MONEY_HINT,
  moneyOrUndefined,
  moneyProblem,
  numberOrUndefined,
} from '../../lib/forms';
import { type Bi, bi } from '../../lib/i18n';
import { type IssueLike, pathKey } from '../../lib/issues';
import { setupPage } from '../../lib/layout';
import { nameOf, type OwnProduct } from '../../lib/products';
import { loadReference, type Reference } from '../../lib/reference';
import { requireRole } from '../../lib/session';
import { type PictureEntry, PictureList } from './pictures';

/**
 * New product (no `id`) or edit (`?id=`): checked with NewProductSchema, the API's own schema,
 * errors at each field; pictures uploaded one by one to a pre-signed URL; an edit sends the
 * version it read and, on 409, offers to reload.
 */
setupPage({ section: 'sell' });
const host = $('#form-host');
const productId = new URLSearchParams(location.search).get('id');

interface TierRow {
  minQuantity: string;
  unitPrice: string;
}
interface CertRow {
  kind: string;
  stars: string;
  number: string;
  expiresOn: string;
}

function build(ref: Reference, defaultCommune: string, product?: OwnProduct) {
  const errors = new FormErrors();
  const status = h('div', { class: 'notice', role: 'status' });
  const nameVi = field({
    label: bi('Tên sản phẩm (tiếng Việt)', 'Product name (Vietnamese)'),
    path: 'name.vi',
    value: product?.name.vi,
    attrs: { maxlength: LIMITS.nameLength, lang: 'vi' },
  });
  const nameEn = field({
    label: bi('Tên tiếng Anh', 'Name in English'),
    path: 'name.en',
    optional: true,
    value: product?.name.en,
    attrs: { maxlength: LIMITS.nameLength, lang: 'en' },
  });
  const category = field({
    label: bi('Danh mục', 'Category'),
    path: 'category',
    kind: 'select',
    placeholderOption: bi('Chọn danh mục…', 'Choose a category…'),
    options: ref.data.categories.map((c) => ({ value: c.id, label: bi(c.vi, c.en) })),
    value: product?.category ?? '',
  });
  const unit = field({
    label: bi('Đơn vị bán', 'Unit of sale'),
    path: 'unit',
    kind: 'select',
    placeholderOption: bi('Chọn đơn vị…', 'Choose a unit…'),
    options: ref.data.units.map((u) => ({ value: u.id, label: bi(u.vi, u.en) })),
    value: product?.unit ?? '',
  });
  const price = field({
    label: bi('Giá bán (đồng cho một đơn vị)', 'Price (đồng per unit)'),
    path: 'price',
    hint: MONEY_HINT,
    value: product ? String(product.price) : '',
    // Text, not numeric: "150k" and "1,2tr" need letters on a phone keyboard.
    attrs: { inputmode: 'text', autocomplete: 'off', autocapitalize: 'off' },
  });
  const stock = field({
    label: bi('Số lượng tồn kho', 'Units in stock'),
    path: 'stock',
    value: product?.stock !== undefined ? String(product.stock) : '',
    attrs: { inputmode: 'numeric', autocomplete: 'off' },
  });
  const capacity = field({
    label: bi('Sức chứa mỗi ngày', 'Capacity per day'),
    path: 'capacityPerDate',
    hint: bi(
      'Số khách, phòng hoặc chuyến nhận được mỗi ngày.',
      'People, rooms or trips you can take each day.',
    ),
    value: product?.capacityPerDate !== undefined ? String(product.capacityPerDate) : '',
    attrs: { inputmode: 'numeric', autocomplete: 'off' },
  });
  const descVi = field({
    label: bi('Mô tả (tiếng Việt)', 'Description (Vietnamese)'),
    path: 'description.vi',
    kind: 'textarea',
    optional: true,
    value: product?.description.vi,
    attrs: { maxlength: LIMITS.descriptionLength, lang: 'vi' },
  });
  const descEn = field({
    label: bi('Mô tả tiếng Anh', 'Description in English'),
    path: 'description.en',
    kind: 'textarea',
    optional: true,
    value: product?.description.en,
    attrs: { maxlength: LIMITS.descriptionLength, lang: 'en' },
  });
  const origin = field({
    label: bi('Xã/phường xuất xứ', 'Commune of origin'),
    path: 'originCommuneCode',
    kind: 'select',
    placeholderOption: bi('Chọn xã/phường…', 'Choose a commune…'),
    options: ref.communesSorted.map((c) => ({
      value: c.code,
      label: bi(c.name, c.nameEn || c.name),
    })),
    value: product?.originCommuneCode ?? defaultCommune,
  });
  echoMoney(price);
  const active = h('input', {
    type: 'checkbox',
    id: 'status-active',
    // New products go on sale unless the seller chooses a draft.
    checked: product ? product.status === 'active' : true,
    'aria-describedby': 'status-hint',
  });
  errors.register(nameVi, nameEn, category, unit, price, stock, capacity, descVi, descEn, origin);

  // ---- quantity field follows the category: goods have stock, services capacity
  const syncKind = () => {
    const service = category.value !== '' && ref.kindOf(category.value) === 'service';
    stock.wrap.hidden = service;
    capacity.wrap.hidden = !service;
  };
  category.control.addEventListener('change', syncKind);
  syncKind();

  // ---- price tiers (repeatable rows, rebuilt from a model)
  let tiers: TierRow[] = (product?.priceTiers ?? []).map((t) => ({
    minQuantity: String(t.minQuantity),
    unitPrice: String(t.unitPrice),
  }));
  const tierHost = h('div');
  const addTier = h(
    'button',
    { type: 'button', class: 'btn small' },
    bi('Thêm mức giá', 'Add a price tier'),
  );
  const tierFields: Field[][] = [];
  const readTiers = () => {
    tiers = tierFields.map(([q, p]) => ({
      minQuantity: q?.value ?? '',
      unitPrice: p?.value ?? '',
    }));
  };
  const renderTiers = (focusRow?: number) => {
    errors.unregister('priceTiers');
    tierFields.length = 0;
    replace(
      tierHost,
      tiers.map((t, i) => {
        const q = field({
          label: bi(`Mức ${i + 1}: mua từ (số lượng)`, `Tier ${i + 1}: from quantity`),
          path: `priceTiers.${i}.minQuantity`,
          value: t.minQuantity,
          attrs: { inputmode: 'numeric', autocomplete: 'off' },
        });
        const p = field({
          label: bi(`Mức ${i + 1}: đơn giá (đồng)`, `Tier ${i + 1}: unit price (đồng)`),
          path: `priceTiers.${i}.unitPrice`,
          value: t.unitPrice,
          attrs: { inputmode: 'text', autocomplete: 'off', autocapitalize: 'off' },
        });
        echoMoney(p);
        tierFields.push([q, p]);
        errors.register(q, p);
        return h(
          'div',
          { class: 'repeat-row' },
          h('div', { class: 'grid-2' }, q.wrap, p.wrap),
          h(
            'button',
            {
              type: 'button',
              class: 'btn small danger',
              onclick: () => {
                readTiers();
                tiers.splice(i, 1);
                renderTiers();
                addTier.focus();
              },
            },
            bi(`Xóa mức ${i + 1}`, `Remove tier ${i + 1}`),
          ),
        );
      }),
    );
    addTier.hidden = tiers.length >= LIMITS.maxTiers;
    if (focusRow !== undefined) tierFields[focusRow]?.[0]?.control.focus();
  };
  addTier.addEventListener('click', () => {
    readTiers();
    tiers.push({ minQuantity: '', unitPrice: '' });
    renderTiers(tiers.length - 1);
  });
  renderTiers();

  // ---- certifications (repeatable rows)
  let certs: CertRow[] = (product?.certifications ?? []).map((c) => ({
    kind: c.kind,
    stars: c.stars ? String(c.stars) : '',
    number: c.number ?? '',
    expiresOn: c.expiresOn ?? '',
  }));
  const certHost = h('div');
  const addCert = h(
    'button',
    { type: 'button', class: 'btn small' },
    bi('Thêm chứng nhận', 'Add a certification'),
  );
  const certFields: Field[][] = [];
  const readCerts = () => {
    certs = certFields.map(([k, s, n, d]) => ({
      kind: k?.value ?? '',
      stars: s?.value ?? '',
      number: n?.value ?? '',
      expiresOn: d?.value ?? '',
    }));
  };
  const certKinds =
    ref.data.certifications && ref.data.certifications.length > 0
      ? ref.data.certifications.map((c) => ({ value: c.id, label: bi(c.vi, c.en) }))
      : [
          { value: 'ocop', label: bi('OCOP') },
          { value: 'vietgap', label: bi('VietGAP') },
          { value: 'asc', label: bi('ASC') },
          { value: 'organic', label: bi('Hữu cơ', 'Organic') },
        ];
  const renderCerts = (focusRow?: number) => {
    errors.unregister('certifications');
    certFields.length = 0;
    replace(
      certHost,
      certs.map((c, i) => {
        const kind = field({
          label: bi(`Chứng nhận ${i + 1}: loại`, `Certification ${i + 1}: kind`),
          path: `certifications.${i}.kind`,
          kind: 'select',
          options: certKinds,
          value: c.kind || 'ocop',
        });
        const stars = field({
          label: bi('Hạng sao OCOP', 'OCOP stars'),
          path: `certifications.${i}.stars`,
          kind: 'select',
          placeholderOption: bi('Chọn hạng…', 'Choose…'),
          options: ['3', '4', '5'].map((s) => ({ value: s, label: bi(`${s} sao`, `${s} stars`) })),
          value: c.stars,
        });
        const number = field({
          label: bi('Số giấy chứng nhận', 'Certificate number'),
          path: `certifications.${i}.number`,
          value: c.number,
          attrs: { maxlength: LIMITS.certificateNumberLength, autocomplete: 'off' },
        });
        const expires = field({
          label: bi('Hiệu lực đến', 'Valid until'),
          path: `certifications.${i}.expiresOn`,
          type: 'date',
          value: c.expiresOn,
        });
        const syncStars = () => {
          const ocop = kind.value === 'ocop';
          stars.wrap.hidden = !ocop;
          for (const f of [number, expires]) {
            const opt = f.wrap.querySelector('.optional');
            if (opt) (opt as HTMLElement).hidden = ocop;
          }
        };
        for (const f of [number, expires])
          f.wrap
            .querySelector('label')
            ?.append(h('span', { class: 'optional' }, bi(' (không bắt buộc)', ' (optional)')));
        kind.control.addEventListener('change', syncStars);
        syncStars();
        certFields.push([kind, stars, number, expires]);
        errors.register(kind, stars, number, expires);
        return h(
          'div',
          { class: 'repeat-row' },
          h('div', { class: 'grid-2' }, kind.wrap, stars.wrap, number.wrap, expires.wrap),
          h(
            'button',
            {
              type: 'button',
              class: 'btn small danger',
              onclick: () => {
                readCerts();
                certs.splice(i, 1);
                renderCerts();
                addCert.focus();
              },
            },
            bi(`Xóa chứng nhận ${i + 1}`, `Remove certification ${i + 1}`),
          ),
        );
      }),
    );
    addCert.hidden = certs.length >= LIMITS.maxCertifications;
    if (focusRow !== undefined) certFields[focusRow]?.[0]?.control.focus();
  };
  addCert.addEventListener('click', () => {
    readCerts();
    certs.push({ kind: 'ocop', stars: '', number: '', expiresOn: '' });
    renderCerts(certs.length - 1);
  });
  renderCerts();

  // ---- pictures: resized in the browser, uploaded with progress, retried; Save waits for them
  const pictures = new PictureList(product?.images ?? [], LIMITS.maxImages);

  const save = h(
    'button',
    { type: 'submit', class: 'btn primary' },
    bi('Lưu sản phẩm', 'Save product'),
  );
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    errors.summary,
    status,
    nameVi.wrap,
    nameEn.wrap,
    h('div', { class: 'grid-2' }, category.wrap, unit.wrap),
    h('div', { class: 'grid-2' }, price.wrap, h('div', null, stock.wrap, capacity.wrap)),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', null, bi('Giá theo số lượng (không bắt buộc)', 'Quantity prices (optional)')),
      h(
        'p',
        { class: 'hint' },
        bi(
          'Giá rẻ hơn khi mua nhiều, ví dụ từ 10 kg.',
          'Cheaper when buying more, e.g. from 10 kg.',
        ),
      ),
      tierHost,
      addTier,
    ),
    descVi.wrap,
    descEn.wrap,
    origin.wrap,
    h(
      'fieldset',
      { class: 'group' },
      h('legend', null, bi('Chứng nhận (không bắt buộc)', 'Certifications (optional)')),
      h(
        'p',
        { class: 'hint' },
        bi(
          'OCOP cần hạng sao, số giấy và ngày hết hạn.',
          'OCOP needs stars, certificate number and expiry date.',
        ),
      ),
      certHost,
      addCert,
    ),
    pictures.element,
    h(
      'div',
      { class: 'choice field' },
      active,
      h('label', { for: 'status-active' }, bi('Đăng bán ngay', 'Put on sale now')),
    ),
    h(
      'p',
      { class: 'hint', id: 'status-hint' },
      bi(
        'Sản phẩm đang bán hiện trên cửa hàng cho mọi người (khi hồ sơ của bạn đã được duyệt). Bỏ chọn nếu chưa muốn bán: sản phẩm được lưu nháp, chỉ bạn thấy trong danh sách của mình, và bạn có thể đăng bán sau.',
        'Products on sale show in the shop for everyone (once your profile is approved). Untick to keep a draft: only you see it, in your own list, and you can put it on sale later.',
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      save,
      h('a', { class: 'btn', href: '/ban-hang/#san-pham' }, bi('Hủy', 'Cancel')),
    ),
  );
  replace(host, form);

  const compact = (s: string) => s.trim();
  const collect = () => {
    readTiers();
    readCerts();
    const kind = category.value ? ref.kindOf(category.value) : 'goods';
    const en = compact(nameEn.value);
    const dEn = compact(descEn.value);
    return {
      name: { vi: compact(nameVi.value), ...(en ? { en } : {}) },
      description: { vi: compact(descVi.value), ...(dEn ? { en: dEn } : {}) },
      category: category.value,
      unit: unit.value,
      price: moneyOrUndefined(price.value),
      priceTiers: tiers.map((t) => ({
        minQuantity: numberOrUndefined(t.minQuantity),
        unitPrice: moneyOrUndefined(t.unitPrice),
      })),
      ...(kind === 'service'
        ? { capacityPerDate: numberOrUndefined(capacity.value) }
        : { stock: numberOrUndefined(stock.value) }),
      originCommuneCode: origin.value,
      certifications: certs.map((c) =>
        c.kind === 'ocop'
          ? {
              kind: c.kind,
              stars: c.stars ? Number(c.stars) : undefined,
              number: c.number.trim(),
              expiresOn: c.expiresOn,
            }
          : {
              kind: c.kind,
              ...(c.number.trim() ? { number: c.number.trim() } : {}),
              ...(c.expiresOn ? { expiresOn: c.expiresOn } : {}),
            },
      ),
      images: pictures.keys(),
      status: active.checked ? 'active' : 'draft',
    };
  };

  const guard = guardUnsaved(form, () => pictures.changed());
  pictures.onChange = () => guard.markDirty();

  /** The wording for prices the page could not read, by field path. */
  const moneyMessages = () => {
    const out: Record<string, Bi> = {};
    const bad = moneyProblem(price.value);
    if (bad) out.price = bad;
    for (const [i, t] of tiers.entries()) {
      const tierBad = moneyProblem(t.unitPrice);
      if (tierBad) out[`priceTiers.${i}.unitPrice`] = tierBad;
    }
    return out;
  };

  const check = () => {
    const input = collect();
    const checked = NewProductSchema.safeParse(input);
    if (checked.success) return { input, data: checked.data };
    // The cross-field rules run only once every field parses: name the missing quantity now,
    // so the person fixes everything in one round.
    const issues = [...(checked.error.issues as IssueLike[])];
    const quantityPath = 'stock' in input ? 'stock' : 'capacityPerDate';
    const quantity = 'stock' in input ? input.stock : input.capacityPerDate;
    if (quantity === undefined && !issues.some((i) => pathKey(i.path) === quantityPath))
      issues.push({ code: 'too_small', origin: 'number', path: [quantityPath] });
    errors.showIssues(issues, input, moneyMessages());
    return undefined;
  };

  /** Pictures that failed stop the save with a way forward; uploading ones are waited for. */
  const picturesReady = async (): Promise<boolean> => {
    if (pictures.pending().length > 0) {
      setText(save, bi('Đang chờ ảnh tải xong…', 'Waiting for pictures…'));
      announce(
        status,
        bi(
          'Ảnh đang tải lên. Sản phẩm sẽ được lưu ngay khi ảnh tải xong — đừng đóng trang.',
          'Pictures are uploading. The product is saved as soon as they finish — keep this page open.',
        ),
      );
      await pictures.settled();
      setText(save, bi('Lưu sản phẩm', 'Save product'));
      announce(status, null);
    }
    const failed = pictures.failed();
    if (failed.length === 0) return true;
    errors.showError(
      bi(
        `${failed.length} ảnh chưa tải lên được (${failed.map((f: PictureEntry) => f.name).join(', ')}). Bấm “Thử lại” ở ảnh đó, hoặc “Bỏ ảnh” để lưu không có nó.`,
        `${failed.length} picture(s) did not upload (${failed.map((f: PictureEntry) => f.name).join(', ')}). Press “Try again” on it, or “Remove” to save without it.`,
      ),
      undefined,
      { heading: bi('Chưa lưu: ảnh chưa tải xong', 'Not saved: a picture did not upload') },
    );
    return false;
  };

  const submit = () => {
    if (!check()) return;
    errors.clear();
    void busy(save, async () => {
      if (!(await picturesReady())) return;
      // Read again: the pictures just finished are part of the product now.
      const ready = check();
      if (!ready) return;
      const { input, data } = ready;
      try {
        const body = product ? { ...data, version: product.version } : data;
        // PUT replaces given fields whole; a goods↔service switch drops the other quantity.
        const saved = product
          ? await api<{ product: OwnProduct }>(
              `/api/seller/products/${encodeURIComponent(product.id)}`,
              { method: 'PUT', body },
            )
          : await api<{ product: OwnProduct }>('/api/seller/products', { method: 'POST', body });
        guard.clean();
        rememberSavedProduct(saved.product.id);
        const name = nameOf(data.name);
        leaveFlash(bi(`Đã lưu “${name.vi}”.`, `Saved “${name.en}”.`));
        location.assign('/ban-hang/#san-pham');
      } catch (err) {
        if (err instanceof ApiError && err.code === 'product.versionConflict') {
          errors.showError(
            bi(
              'Sản phẩm đã được sửa ở nơi khác (có thể trên thiết bị khác) sau khi bạn mở trang này. Tải lại để xem bản mới nhất; thay đổi của bạn ở đây sẽ mất.',
              'The product was changed elsewhere after you opened this page. Reload to see the latest version; your changes here will be lost.',
            ),
          );
          errors.summary.append(
            h(
              'button',
              {
                type: 'button',
                class: 'btn',
                onclick: () => {
                  guard.clean();
                  location.reload();
                },
              },
              bi('Tải lại sản phẩm', 'Reload the product'),
            ),
          );
          return;
        }
        const e = asApiError(err);
        if (e.status === 401) {
          announce(status, e.bi(), 'error');
          return;
        }
        errors.showApiError(e, {}, input, submit);
        if (e.kind === 'timeout' && !product)
          errors.summary.append(
            h(
              'p',
              { class: 'hint' },
              bi(
                'Nếu mạng vừa chập chờn, sản phẩm có thể đã được lưu: xem danh sách sản phẩm trước khi lưu lần nữa để tránh trùng.',
                'If the connection was patchy the product may already be saved: check your product list before saving again, to avoid a duplicate.',
              ),
            ),
          );
      }
    });
  };

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit();
  });
}

async function start() {
  const [me, ref] = await Promise.all([requireRole(['seller']), loadReference()]);
  const defaultCommune = me.seller?.communeCode ?? '';
  if (!productId) {
    build(ref, defaultCommune);
    return;
  }
  setText($('#title'), bi('Sửa sản phẩm', 'Edit product'));
  const { product } = await api<{ product: OwnProduct }>(
    `/api/seller/products/${encodeURIComponent(productId)}`,
  );
  if (product.status === 'archived') {
    replace(
      host,
      h(
        'p',
        { class: 'notice' },
        bi(
          'Sản phẩm này đã ngừng bán. Khôi phục về nháp ở danh sách sản phẩm để sửa.',
          'This product is archived. Restore it as a draft from your product list to edit it.',
        ),
      ),
    );
    return;
  }
  build(ref, defaultCommune, product);
}

start().catch((err: unknown) => {
  replace(
    host,
    h('p', { class: 'notice', 'data-kind': 'error', role: 'alert' }, asApiError(err).bi() as Bi),
  );
});
