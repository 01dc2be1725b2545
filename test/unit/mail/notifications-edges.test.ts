import { describe, expect, it } from 'vitest';
import { notificationsOf } from '../../../shared/mail/notifications';

/**
 * notificationsOf reads raw table items (stream images): fields of the wrong type, items of other
 * entities and changes that are not status changes must never turn into a mail.
 */
const SITE = 'https://cho.example';
const order = {
  entity: 'order',
  code: 'CS9',
  sellerId: 'sl-1',
  sellerName: 'HTX Tôm',
  total: 250_000,
  amountPaid: 0,
  lines: [{}, {}, {}],
  payment: 'vietqr',
  paymentStatus: 'unpaid',
};
const seller = {
  entity: 'seller',
  id: 'sl-1',
  legalName: 'HTX Tôm',
  status: 'approved',
  version: 3,
};
const placedText = (item: Record<string, unknown>) =>
  notificationsOf('INSERT', undefined, item)[0]?.mail('x@y.vn', SITE).text ?? '';

describe('order notifications', () => {
  it('the placed-order mail names the seller, the code, the lines and the total', () => {
    const [n] = notificationsOf('INSERT', undefined, order);
    expect(n?.sellerId).toBe('sl-1');
    const mail = n?.mail('seller@x.vn', SITE);
    expect(mail).toMatchObject({
      kind: 'orderPlaced',
      to: 'seller@x.vn',
      subject: 'Đơn hàng mới CS9 / New order',
    });
    expect(mail?.text.split('\n').slice(0, 4)).toEqual([
      'Xin chào HTX Tôm,',
      '',
      'Bạn có đơn hàng mới CS9: 3 mặt hàng, tổng 250.000\u00a0₫.',
      'Chờ người mua chuyển khoản VietQR; Chợ Số sẽ báo khi nhận được tiền.',
    ]);
  });

  it('reads the payment method from a string or from an object, and copes with none', () => {
    const cod = 'Người mua trả tiền khi nhận hàng.';
    expect(placedText({ ...order, payment: 'cod' })).toContain(cod);
    expect(placedText({ ...order, payment: { method: 'cod' } })).toContain(cod);
    expect(placedText({ ...order, payment: { method: 'vietqr' } })).not.toContain(cod);
    expect(placedText({ ...order, payment: undefined })).toContain('VietQR');
    expect(placedText({ ...order, payment: { method: 7 } })).toContain('VietQR');
  });

  it('amounts that are not whole numbers, and lines that are not a list, count as 0', () => {
    for (const total of ['250000', 1.5, Number.MAX_SAFE_INTEGER + 2, null])
      expect(placedText({ ...order, total }), String(total)).toContain(
        ': 3 mặt hàng, tổng 0\u00a0₫.',
      );
    expect(placedText({ ...order, lines: 'many' })).toContain(': 0 mặt hàng,');
    const paid = notificationsOf('MODIFY', order, {
      ...order,
      paymentStatus: 'paid',
      amountPaid: '250000',
    })[0];
    expect(paid?.mail('x@y.vn', SITE).text).toContain('đã được thanh toán: 0\u00a0₫');
  });

  it('a seller name that is not text is left out, not printed', () => {
    expect(placedText({ ...order, sellerName: 42 })).toMatch(/^Xin chào ,\n/);
  });

  it('needs an order with a seller id and a code, as text', () => {
    expect(notificationsOf('INSERT', undefined, { ...order, sellerId: 42 })).toEqual([]);
    expect(notificationsOf('INSERT', undefined, { ...order, sellerId: '' })).toEqual([]);
    expect(notificationsOf('INSERT', undefined, { ...order, code: 9 })).toEqual([]);
    expect(notificationsOf('INSERT', undefined, { ...order, entity: 'product' })).toEqual([]);
    expect(
      notificationsOf('INSERT', undefined, { ...order, entity: 'orderLine', sellerId: undefined }),
    ).toEqual([]);
    expect(notificationsOf('INSERT', undefined, { ...order, entity: undefined })).toEqual([]);
  });

  it('an order inserted already paid (a counter sale) is mailed as placed and as paid', () => {
    const item = { ...order, paymentStatus: 'paid', amountPaid: 250_000 };
    expect(notificationsOf('INSERT', undefined, item).map((n) => n.what)).toEqual([
      'order-placed#CS9',
      'order-paid#CS9',
    ]);
  });
});

describe('seller status notifications', () => {
  it('only a MODIFY of a seller item whose status changed, with the image before it', () => {
    const suspended = { ...seller, status: 'suspended', statusReason: 'Hàng giả', version: 4 };
    expect(notificationsOf('MODIFY', seller, suspended)).toHaveLength(1);
    expect(notificationsOf('INSERT', seller, suspended)).toEqual([]);
    expect(notificationsOf('REMOVE', seller, suspended)).toEqual([]);
    expect(notificationsOf('MODIFY', undefined, suspended)).toEqual([]);
    expect(
      notificationsOf(
        'MODIFY',
        { ...seller, entity: 'account' },
        { ...suspended, entity: 'account' },
      ),
    ).toEqual([]);
    // An approved seller editing its profile: still approved, no mail.
    expect(notificationsOf('MODIFY', seller, { ...seller, phone: '0912', version: 4 })).toEqual([]);
    // Approved again after a suspension, by approve: an approval mail.
    const [again] = notificationsOf('MODIFY', suspended, { ...seller, version: 5 });
    expect(again?.mail('x@y.vn', SITE).kind).toBe('sellerApproved');
  });

  it('names the change by the seller and its version, and mails the legal name', () => {
    const [n] = notificationsOf(
      'MODIFY',
      { ...seller, status: 'pending' },
      { ...seller, status: 'rejected', statusReason: 'Thiếu giấy phép', version: 7 },
    );
    expect(n?.what).toBe('seller#sl-1#v7');
    expect(n?.sellerId).toBe('sl-1');
    expect(n?.mail('x@y.vn', SITE).text).toMatch(/^Xin chào HTX Tôm,\n/);
    const [odd] = notificationsOf(
      'MODIFY',
      { ...seller, status: 'pending' },
      { ...seller, status: 'rejected', statusReason: 5, version: '7', legalName: null },
    );
    expect(odd?.what).toBe('seller#sl-1#v0');
    expect(odd?.mail('x@y.vn', SITE).text).not.toContain('Lý do');
  });
});
