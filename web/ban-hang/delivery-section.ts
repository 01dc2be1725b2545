import { type DeliveryOptions, DeliveryOptionsSchema } from '../../shared/orders/delivery';
import { ApiError, api, asApiError } from '../lib/api';
import { $, h, replace, uid } from '../lib/dom';
import { formatVnd } from '../lib/format';
import { busy, FormErrors, field, numberOrUndefined } from '../lib/forms';
import { type Bi, bi } from '../lib/i18n';

/**
 * Delivery options on the profile page: pickup (with the address buyers come to), shipping (a
 * flat fee, free from an amount of goods) and cash on delivery. Checked with the API's schema;
 * the checkout offers only what every seller in the cart offers.
 */
let flash: (text: Bi, kind?: 'success' | 'error' | 'info') => void;

function checkbox(label: Bi, checked: boolean, hint?: Bi) {
  const id = uid('cb');
  const input = h('input', {
    type: 'checkbox',
    id,
    checked,
    'aria-describedby': hint ? `${id}-hint` : undefined,
  });
  return {
    input,
    el: h(
      'div',
      { class: 'choice' },
      input,
      h(
        'label',
        { for: id },
        label,
        hint ? h('span', { class: 'hint', id: `${id}-hint` }, h('br'), hint) : null,
      ),
    ),
  };
}

function summary(o: DeliveryOptions): Bi[] {
  return [
    o.pickup.enabled
      ? bi(`Nhận tại chỗ: ${o.pickup.address ?? ''}`, `Pickup: ${o.pickup.address ?? ''}`)
      : bi('Không nhận tại chỗ', 'No pickup'),
    o.shipping.enabled
      ? bi(
          `Giao tận nơi: ${formatVnd(o.shipping.fee)}${o.shipping.freeAbove ? `, miễn phí từ ${formatVnd(o.shipping.freeAbove)}` : ''}`,
          `Delivery: ${formatVnd(o.shipping.fee)}${o.shipping.freeAbove ? `, free from ${formatVnd(o.shipping.freeAbove)}` : ''}`,
        )
      : bi('Không giao tận nơi', 'No delivery'),
    o.cod
      ? bi('Nhận tiền mặt khi giao', 'Cash on delivery')
      : bi('Không nhận tiền mặt khi giao', 'No cash on delivery'),
  ];
}

function view(o: DeliveryOptions) {
  replace(
    $('#delivery-host'),
    h(
      'div',
      { class: 'panel' },
      h(
        'ul',
        null,
        summary(o).map((t) => h('li', null, t)),
      ),
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', class: 'btn primary', onclick: () => edit(o) },
          bi('Sửa cách giao hàng', 'Edit delivery options'),
        ),
      ),
    ),
  );
}

function edit(o: DeliveryOptions) {
  const errors = new FormErrors();
  const pickup = checkbox(bi('Khách đến nhận tại chỗ', 'Buyers pick up'), o.pickup.enabled);
  const address = field({
    label: bi('Địa chỉ nhận hàng', 'Pickup address'),
    path: 'pickup.address',
    hint: bi('Số nhà, đường, ấp/khóm, xã/phường.', 'House, street, hamlet, commune.'),
    value: o.pickup.address ?? '',
    attrs: { maxlength: 300, autocomplete: 'street-address' },
  });
  const shipping = checkbox(bi('Giao tận nơi', 'Deliver to buyers'), o.shipping.enabled);
  const fee = field({
    label: bi('Phí giao mỗi đơn (₫)', 'Fee per order (₫)'),
    path: 'shipping.fee',
    value: String(o.shipping.fee),
    attrs: { inputmode: 'numeric', autocomplete: 'off' },
  });
  const freeAbove = field({
    label: bi('Miễn phí giao từ (₫)', 'Free delivery from (₫)'),
    path: 'shipping.freeAbove',
    optional: true,
    hint: bi(
      'Tiền hàng của đơn từ mức này thì không tính phí giao.',
      'Orders with at least this much in goods ship free.',
    ),
    value: o.shipping.freeAbove ? String(o.shipping.freeAbove) : '',
    attrs: { inputmode: 'numeric', autocomplete: 'off' },
  });
  const cod = checkbox(
    bi('Nhận tiền mặt khi giao (COD)', 'Cash on delivery (COD)'),
    o.cod,
    bi(
      'Đơn được ghi là bán khi bạn đánh dấu đã giao.',
      'The order becomes a sale when you mark it delivered.',
    ),
  );
  errors.register(address, fee, freeAbove);
  const sync = () => {
    address.wrap.hidden = !pickup.input.checked;
    fee.wrap.hidden = !shipping.input.checked;
    freeAbove.wrap.hidden = !shipping.input.checked;
  };
  pickup.input.addEventListener('change', sync);
  shipping.input.addEventListener('change', sync);
  sync();
  const save = h(
    'button',
    { type: 'submit', class: 'btn primary' },
    bi('Lưu cách giao hàng', 'Save delivery options'),
  );
  const heading = h(
    'h3',
    { tabindex: '-1', style: 'margin-top:0' },
    bi('Cách giao hàng', 'Delivery options'),
  );
  const form = h(
    'form',
    { class: 'stack', novalidate: true },
    heading,
    errors.summary,
    h(
      'fieldset',
      { class: 'group' },
      h('legend', null, bi('Nhận tại chỗ', 'Pickup')),
      pickup.el,
      address.wrap,
    ),
    h(
      'fieldset',
      { class: 'group' },
      h('legend', null, bi('Giao hàng', 'Delivery')),
      shipping.el,
      fee.wrap,
      freeAbove.wrap,
    ),
    h('fieldset', { class: 'group' }, h('legend', null, bi('Thanh toán', 'Payment')), cod.el),
    h(
      'div',
      { class: 'actions' },
      save,
      h('button', { type: 'button', class: 'btn', onclick: () => view(o) }, bi('Hủy', 'Cancel')),
    ),
  );
  replace($('#delivery-host'), form);
  heading.focus();
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const addressText = address.value.trim();
    const free = numberOrUndefined(freeAbove.value);
    const input = {
      pickup: { enabled: pickup.input.checked, ...(addressText ? { address: addressText } : {}) },
      shipping: {
        enabled: shipping.input.checked,
        fee: numberOrUndefined(fee.value) ?? 0,
        ...(free !== undefined ? { freeAbove: free } : {}),
      },
      cod: cod.input.checked,
    };
    const checked = DeliveryOptionsSchema.safeParse(input);
    if (!checked.success) {
      errors.showIssues(checked.error.issues, input);
      return;
    }
    void busy(save, async () => {
      try {
        const { deliveryOptions } = await api<{ deliveryOptions: DeliveryOptions }>(
          '/api/seller/delivery-options',
          { method: 'PUT', body: checked.data },
        );
        view(deliveryOptions);
        flash(bi('Đã lưu cách giao hàng.', 'Delivery options saved.'), 'success');
      } catch (err) {
        if (err instanceof ApiError) errors.showApiError(err, {}, input);
        else errors.showError(bi('Không kết nối được.', 'Could not connect.'));
      }
    });
  });
}

export async function setupDelivery(show: (text: Bi, kind?: 'success' | 'error' | 'info') => void) {
  flash = show;
  try {
    const { deliveryOptions } = await api<{ deliveryOptions: DeliveryOptions }>(
      '/api/seller/delivery-options',
    );
    view(deliveryOptions);
  } catch (err) {
    replace(
      $('#delivery-host'),
      h('p', { class: 'notice', 'data-kind': 'error' }, asApiError(err).bi()),
    );
  }
}
