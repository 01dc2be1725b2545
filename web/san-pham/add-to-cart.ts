import { api } from '../lib/api';
import {
  addToCart,
  type CartLine,
  lineTotal,
  MAX_LINES,
  MAX_QUANTITY,
  unitPriceAt,
} from '../lib/cart';
import { announce, h, replace, uid } from '../lib/dom';
import { formatDate, formatNumber, formatVnd } from '../lib/format';
import { type Bi, bi } from '../lib/i18n';
import type { PublicProduct } from '../lib/products';

/**
 * "Thêm vào giỏ" on the product page: a quantity for goods (the tier price follows the quantity
 * as it changes), a date with places left and a number of people for services.
 */
export interface DateAvailability {
  date: string;
  left: number;
}

/** How many days ahead a service's dates are offered. */
const DAYS_AHEAD = 60;

/** GET /api/products/{id}/availability answers at most 62 days per request. */
export async function loadAvailability(productId: string): Promise<DateAvailability[]> {
  const to = new Date(Date.now() + 7 * 3_600_000 + (DAYS_AHEAD - 1) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const { dates } = await api<{ dates: DateAvailability[] }>(
    `/api/products/${encodeURIComponent(productId)}/availability?to=${to}`,
  );
  return dates;
}

const weekday = new Intl.DateTimeFormat('vi-VN', { weekday: 'long', timeZone: 'UTC' });
const weekdayEn = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' });

/** "Thứ Bảy, 05/12/2026 — còn 12 chỗ" */
function dateLabel(d: DateAvailability): Bi {
  const at = new Date(`${d.date}T00:00:00Z`);
  const [y, m, day] = d.date.split('-');
  return bi(
    `${weekday.format(at)}, ${day}/${m}/${y} — còn ${formatNumber(d.left)} chỗ`,
    `${weekdayEn.format(at)} ${day}/${m}/${y} — ${formatNumber(d.left)} places left`,
  );
}

function stepper(input: HTMLInputElement, label: Bi, onChange: () => void) {
  const step = (delta: number) => () => {
    const max = Number(input.max) || MAX_QUANTITY;
    const now = Number.parseInt(input.value, 10) || 0;
    input.value = String(Math.max(1, Math.min(max, now + delta)));
    onChange();
  };
  return h(
    'div',
    { class: 'stepper' },
    h(
      'button',
      {
        type: 'button',
        class: 'btn',
        'aria-label': bi(`Bớt 1 (${label.vi})`, `One less (${label.en})`),
        onclick: step(-1),
      },
      '−',
    ),
    input,
    h(
      'button',
      {
        type: 'button',
        class: 'btn',
        'aria-label': bi(`Thêm 1 (${label.vi})`, `One more (${label.en})`),
        onclick: step(1),
      },
      '+',
    ),
  );
}

export function addToCartForm(
  p: PublicProduct,
  unit: Bi,
  availability: DateAvailability[] | undefined,
): HTMLElement {
  const service = p.kind === 'service';
  const open = availability?.filter((d) => d.left > 0) ?? [];
  const status = h('div', { class: 'notice', role: 'status' });

  if (!service && (!p.inStock || (p.stock ?? 0) < 1))
    return h('p', { class: 'notice', 'data-kind': 'info' }, bi('Hết hàng', 'Sold out'));
  if (service && open.length === 0)
    return h(
      'p',
      { class: 'notice', 'data-kind': 'info' },
      availability === undefined
        ? bi('Không tải được lịch còn chỗ.', 'Could not load the dates with places left.')
        : bi(
            `Đã kín chỗ trong ${DAYS_AHEAD} ngày tới.`,
            `Fully booked for the next ${DAYS_AHEAD} days.`,
          ),
    );

  const qtyId = uid('qty');
  const qtyLabel = service ? bi('Số người', 'Number of people') : bi('Số lượng', 'Quantity');
  const quantity = h('input', {
    id: qtyId,
    type: 'number',
    inputmode: 'numeric',
    min: 1,
    max: service ? (open[0]?.left ?? 1) : Math.min(p.stock ?? MAX_QUANTITY, MAX_QUANTITY),
    step: 1,
    value: 1,
    class: 'qty',
  });
  const dateId = uid('date');
  const dateSelect = service
    ? h(
        'select',
        { id: dateId, name: 'date' },
        open.map((d) => h('option', { value: d.date }, dateLabel(d))),
      )
    : null;
  const total = h('p', { class: 'line-total', 'aria-live': 'polite' });

  const read = () => {
    const max = Number(quantity.max) || MAX_QUANTITY;
    const n = Number.parseInt(quantity.value, 10);
    return Number.isSafeInteger(n) ? Math.max(1, Math.min(n, max)) : 1;
  };
  const update = () => {
    if (dateSelect) {
      const left = open.find((d) => d.date === dateSelect.value)?.left ?? 1;
      quantity.max = String(left);
      if (read() > left) quantity.value = String(left);
    }
    const n = read();
    const unitPrice = unitPriceAt(p.price, p.priceTiers, n);
    replace(
      total,
      bi(`${formatNumber(n)} ${unit.vi} × `, `${formatNumber(n)} ${unit.en} × `),
      formatVnd(unitPrice),
      ' = ',
      h(
        'strong',
        null,
        formatVnd(lineTotal({ price: p.price, priceTiers: p.priceTiers, quantity: n })),
      ),
      unitPrice < p.price ? h('span', { class: 'badge tier' }, bi('Giá sỉ', 'Tier price')) : null,
    );
  };
  quantity.addEventListener('input', update);
  quantity.addEventListener('change', () => {
    quantity.value = String(read());
    update();
  });
  dateSelect?.addEventListener('change', update);
  update();

  const form = h(
    'form',
    { class: 'add-to-cart', novalidate: true },
    dateSelect
      ? h(
          'div',
          { class: 'field' },
          h('label', { for: dateId }, bi('Ngày', 'Date')),
          h(
            'p',
            { class: 'hint' },
            bi('Chỉ hiện những ngày còn chỗ.', 'Only dates with places left are listed.'),
          ),
          dateSelect,
        )
      : null,
    h(
      'div',
      { class: 'field' },
      h(
        'label',
        { for: qtyId },
        qtyLabel,
        service && unit.vi === 'người' ? null : [' (', unit, ')'],
      ),
      service
        ? null
        : p.priceTiers.length > 0
          ? h(
              'p',
              { class: 'hint' },
              bi(
                'Mua nhiều được giá sỉ theo bảng trên.',
                'Larger quantities get the tier prices above.',
              ),
            )
          : null,
      stepper(quantity, qtyLabel, update),
    ),
    total,
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'submit', class: 'btn primary' }, bi('Thêm vào giỏ', 'Add to cart')),
      h('a', { class: 'btn', href: '/gio-hang/' }, bi('Xem giỏ hàng', 'View cart')),
    ),
    status,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const n = read();
    const date = dateSelect?.value;
    const max = service
      ? open.find((d) => d.date === date)?.left
      : p.stock !== undefined
        ? p.stock
        : undefined;
    const line: CartLine = {
      productId: p.id,
      ...(date ? { date } : {}),
      quantity: n,
      kind: p.kind,
      name: p.name,
      unit: p.unit,
      ...(p.unitLabel ? { unitLabel: p.unitLabel } : {}),
      price: p.price,
      priceTiers: p.priceTiers,
      ...(p.images[0] ? { image: p.images[0] } : {}),
      ...(max !== undefined ? { max } : {}),
      seller: { id: p.seller.id, legalName: p.seller.legalName },
    };
    const result = addToCart(line);
    if (!result.ok) {
      announce(
        status,
        bi(
          `Giỏ hàng đã đầy (tối đa ${MAX_LINES} dòng). Hãy đặt hàng trước rồi mua tiếp.`,
          `The cart is full (${MAX_LINES} lines at most). Check out first, then carry on.`,
        ),
        'error',
      );
      return;
    }
    const inCart = result.lines.find(
      (l) => l.productId === p.id && (l.date ?? '') === (date ?? ''),
    );
    replace(
      status,
      result.capped
        ? bi(
            `Chỉ còn ${formatNumber(max ?? 0)} ${unit.vi}: giỏ có ${formatNumber(inCart?.quantity ?? 0)}. `,
            `Only ${formatNumber(max ?? 0)} left: the cart holds ${formatNumber(inCart?.quantity ?? 0)}. `,
          )
        : bi(
            `Đã thêm vào giỏ${date ? ` (ngày ${formatDate(date)})` : ''}: giỏ có ${formatNumber(inCart?.quantity ?? 0)} ${unit.vi}. `,
            `Added to the cart${date ? ` (${formatDate(date)})` : ''}: ${formatNumber(inCart?.quantity ?? 0)} ${unit.en} in the cart. `,
          ),
      h('a', { href: '/gio-hang/' }, bi('Xem giỏ hàng', 'View cart')),
    );
    status.dataset.kind = result.capped ? 'info' : 'success';
  });
  return form;
}
