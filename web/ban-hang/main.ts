import { asApiError } from '../lib/api';
import { $, announce, h, replace, setText } from '../lib/dom';
import { takeFlash } from '../lib/flash';
import { type Bi, bi } from '../lib/i18n';
import { setupPage } from '../lib/layout';
import { loadReference } from '../lib/reference';
import { requireRole, type SellerView } from '../lib/session';
import { showCounter } from './counter-section';
import { setupDelivery } from './delivery-section';
import { setupKeys } from './keys-section';
import { clearPaidCount, setupOrders, showList, startPaidWatch } from './orders-section';
import { showPayments } from './payments-section';
import { setupProducts } from './products-section';
import { setupProfile } from './profile-section';

/**
 * The seller portal: products, orders, counter sales, API keys and profile as sections chosen by
 * the URL hash (#san-pham, #don-hang, #ban-tai-quay, #khoa-api, #ho-so), so each can be linked to
 * and Back works.
 */
setupPage({ section: 'sell' });

const SECTIONS = [
  'san-pham',
  'don-hang',
  'ban-tai-quay',
  'thanh-toan',
  'khoa-api',
  'ho-so',
] as const;
type SectionId = (typeof SECTIONS)[number];
const flashRegion = $('#flash');
const flash = (text: Bi, kind: 'success' | 'error' | 'info' = 'success') =>
  announce(flashRegion, text, kind);

function statusBox(seller: SellerView) {
  const box = $('#status-box');
  const texts: Record<string, [Bi, Bi]> = {
    pending: [
      bi('Hồ sơ đang chờ duyệt', 'Profile waiting for approval'),
      bi(
        'Cán bộ Sở đang kiểm tra hồ sơ. Trong lúc chờ, bạn có thể tạo và sửa sản phẩm; sản phẩm chỉ hiện trên cửa hàng sau khi hồ sơ được duyệt.',
        'An officer is checking your profile. Meanwhile you can create and edit products; they appear in the shop once the profile is approved.',
      ),
    ],
    approved: [
      bi('Hồ sơ đã được duyệt', 'Profile approved'),
      bi(
        'Sản phẩm ở trạng thái “Đang bán” hiện trên cửa hàng.',
        'Products marked “On sale” are visible in the shop.',
      ),
    ],
    suspended: [
      bi('Hồ sơ đang bị tạm ngưng', 'Profile suspended'),
      bi(
        'Sản phẩm của bạn không hiện trên cửa hàng và không sửa được. Liên hệ Sở Công Thương để được xem xét khôi phục.',
        'Your products are hidden from the shop and cannot be changed. Contact the Department of Industry and Trade to be reinstated.',
      ),
    ],
    rejected: [
      bi('Hồ sơ chưa được duyệt', 'Profile not approved'),
      bi(
        'Cán bộ Sở đã trả hồ sơ để bạn sửa theo lý do dưới đây. Sửa ở mục “Hồ sơ” rồi lưu: hồ sơ được gửi lại để duyệt.',
        'An officer returned your profile for the reason below. Correct it under “Profile” and save: it is sent again for approval.',
      ),
    ],
  };
  const [title, body] = texts[seller.status] ?? [bi(seller.status), bi('')];
  replace(
    box,
    h(
      'section',
      {
        class: `status-box ${seller.status}`,
        'aria-label': bi('Trạng thái hồ sơ', 'Profile status'),
      },
      h('strong', null, title),
      h('p', null, body),
      seller.statusReason && (seller.status === 'suspended' || seller.status === 'rejected')
        ? h('p', null, bi('Lý do: ', 'Reason: '), h('span', { lang: 'vi' }, seller.statusReason))
        : null,
      seller.status === 'rejected'
        ? h('p', null, h('a', { href: '#ho-so' }, bi('Sửa hồ sơ', 'Correct the profile')))
        : null,
    ),
  );
}

function current(): SectionId {
  const id = location.hash.slice(1);
  return (SECTIONS as readonly string[]).includes(id) ? (id as SectionId) : 'san-pham';
}

function show(focus: boolean) {
  const id = current();
  for (const s of SECTIONS) $(`#${s}`).hidden = s !== id;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('.tabs a')) {
    if (a.getAttribute('href') === `#${id}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (id === 'khoa-api') setupKeys();
  if (id === 'don-hang') {
    clearPaidCount();
    void showList();
  }
  if (id === 'ban-tai-quay') void showCounter(flash);
  if (id === 'thanh-toan') void showPayments(flash);
  if (focus) $(`#${id} h2`).focus();
}

async function start() {
  const [me, ref] = await Promise.all([requireRole(['seller']), loadReference()]);
  const seller = me.seller;
  if (!seller) throw new Error('A seller account without a seller profile');
  const title = $('#seller-name');
  title.setAttribute('lang', 'vi');
  title.removeAttribute('data-en');
  title.removeAttribute('data-vi');
  title.textContent = seller.legalName;
  statusBox(seller);
  const left = takeFlash();
  if (left) flash(left);
  setupProducts(ref, flash);
  setupOrders(ref, flash);
  startPaidWatch();
  void setupDelivery(flash);
  setupProfile(ref, seller, statusBox, flash);
  window.addEventListener('hashchange', () => show(true));
  show(false);
}

start().catch((err: unknown) => {
  announce(flashRegion, asApiError(err).bi(), 'error');
  setText($('#seller-name'), bi('Bán hàng', 'Seller portal'));
});
