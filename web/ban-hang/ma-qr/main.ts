import { api, asApiError } from '../../lib/api';
import { $, announce, h, replace } from '../../lib/dom';
import { radios } from '../../lib/forms';
import { bi } from '../../lib/i18n';
import { setupPage } from '../../lib/layout';
import { svgDataUrl } from '../../lib/order-view';
import { requireRole } from '../../lib/session';

/**
 * The stall sign: the seller's static VietQR (its approved account, no amount, a short content
 * from its name) with the cooperative's name, bank, account and holder, laid out for A6 or A5
 * paper. The code comes from the API (GET /api/seller/static-qr), drawn by the same codec and
 * renderer as the order QR codes.
 */
setupPage({ section: 'sell' });
const flash = $('#flash');
const controls = $('#controls');
const host = $('#sign-host');

interface StaticQr {
  payload: string;
  svg: string;
  bank: { bin: string; name: string; accountNumber: string; holderName: string };
  content: string;
  sellerName: string;
}

const SIZES = {
  a6: { css: 'A6 portrait', label: bi('A6 (10,5 × 14,8 cm)', 'A6 (105 × 148 mm)') },
  a5: { css: 'A5 portrait', label: bi('A5 (14,8 × 21 cm)', 'A5 (148 × 210 mm)') },
} as const;
type Size = keyof typeof SIZES;

function sign(qr: StaticQr, size: Size) {
  return h(
    'section',
    { class: `qr-sign size-${size}`, 'aria-label': bi('Biển mã QR để in', 'The sign to print') },
    h('p', { class: 'sign-brand' }, 'Chợ Số Cà Mau'),
    h('h2', { class: 'sign-name', lang: 'vi' }, qr.sellerName),
    h('p', { class: 'sign-call' }, bi('Quét mã để chuyển khoản', 'Scan to pay by bank transfer')),
    h('img', {
      class: 'sign-qr',
      id: 'static-qr',
      src: svgDataUrl(qr.svg),
      alt: bi(
        `Mã VietQR tĩnh: tài khoản ${qr.bank.accountNumber}, ${qr.bank.holderName}`,
        `Static VietQR: account ${qr.bank.accountNumber}, ${qr.bank.holderName}`,
      ),
    }),
    h(
      'dl',
      { class: 'sign-facts' },
      h('dt', null, bi('Ngân hàng', 'Bank')),
      h('dd', null, qr.bank.name),
      h('dt', null, bi('Số tài khoản', 'Account')),
      h('dd', { class: 'sign-account' }, qr.bank.accountNumber),
      h('dt', null, bi('Chủ tài khoản', 'Holder')),
      h('dd', { lang: 'vi' }, qr.bank.holderName),
      h('dt', null, bi('Nội dung', 'Content')),
      h('dd', null, qr.content),
    ),
    h(
      'p',
      { class: 'sign-hint' },
      bi('Nhập số tiền trong ứng dụng ngân hàng.', 'Type the amount in your banking app.'),
    ),
  );
}

async function start() {
  await requireRole(['seller']);
  const { staticQr } = await api<{ staticQr: StaticQr }>('/api/seller/static-qr');
  const size = radios({
    legend: bi('Khổ giấy', 'Paper size'),
    path: 'size',
    options: (Object.keys(SIZES) as Size[]).map((k) => ({ value: k, label: SIZES[k].label })),
    value: 'a6',
  });
  const update = () => {
    const chosen = (size.selected() || 'a6') as Size;
    // The printed page size follows the choice (style-src allows this inline sheet).
    $('#page-size').textContent = `@page { size: ${SIZES[chosen].css}; margin: 6mm; }`;
    replace(host, sign(staticQr, chosen));
  };
  for (const r of size.wrap.querySelectorAll('input')) r.addEventListener('change', update);
  replace(
    controls,
    h(
      'div',
      { class: 'panel' },
      size.wrap,
      h(
        'div',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', class: 'btn primary', onclick: () => window.print() },
          bi('In biển', 'Print the sign'),
        ),
      ),
    ),
  );
  controls.removeAttribute('aria-busy');
  update();
}

start().catch((err: unknown) => {
  announce(flash, asApiError(err).bi(), 'error');
  controls.removeAttribute('aria-busy');
});
