import { formatVnd } from '../../shared/money';
import { h } from './dom';
import { type Bi, bi } from './i18n';

export { formatVnd };

const dateFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});
const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** 23/11/2026, the province's date. */
export const formatDate = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat.format(d);
};
export const formatDateTime = (iso: string) => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateTimeFormat.format(d);
};

const numberFormat = new Intl.NumberFormat('vi-VN');
export const formatNumber = (n: number) => numberFormat.format(n);

/** `1.250.000 ₫/kg` as a price element: the amount strong, the unit after it. */
export function priceNode(amount: number, unit: Bi) {
  return h(
    'span',
    { class: 'price' },
    h('strong', { class: 'amount' }, formatVnd(amount)),
    '/',
    h('span', { class: 'unit' }, unit),
  );
}

/** OCOP rating badge: stars shown, the rating read out ("OCOP 4 sao"). */
export function ocopBadge(stars: number) {
  return h(
    'span',
    { class: 'badge ocop' },
    h('span', { 'aria-hidden': 'true' }, `OCOP ${'★'.repeat(stars)}`),
    h('span', { class: 'sr-only' }, bi(`OCOP ${stars} sao`, `OCOP ${stars} stars`)),
  );
}

export const SELLER_STATUS: Record<string, Bi> = {
  pending: bi('Chờ duyệt', 'Pending approval'),
  approved: bi('Đã duyệt', 'Approved'),
  suspended: bi('Tạm ngưng', 'Suspended'),
  rejected: bi('Bị từ chối', 'Rejected'),
};

export const SELLER_TYPE: Record<string, Bi> = {
  cooperative: bi('Hợp tác xã', 'Cooperative'),
  enterprise: bi('Doanh nghiệp', 'Enterprise'),
  household: bi('Hộ kinh doanh', 'Household business'),
};

export const PRODUCT_STATUS: Record<string, Bi> = {
  draft: bi('Nháp', 'Draft'),
  active: bi('Đang bán', 'On sale'),
  archived: bi('Ngừng bán', 'Not for sale'),
};

export function statusBadge(status: string, labels: Record<string, Bi>) {
  return h('span', { class: `badge status-${status}` }, labels[status] ?? bi(status));
}
