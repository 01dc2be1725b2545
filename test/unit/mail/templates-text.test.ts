import { describe, expect, it } from 'vitest';
import {
  orderPaidMail,
  orderPlacedMail,
  passwordChangedMail,
  passwordResetMail,
  sellerStatusMail,
} from '../../../shared/mail/templates';

/**
 * The whole text of every mail, line by line: what a seller reads is fixed here, so a changed
 * word, a lost line, a link to the wrong page or an amount in the wrong form fails a test.
 */
const SITE = 'https://cho.example';
const lines = (...l: string[]) => `${l.join('\n')}\n`;
const SIGNATURE = '— Chợ Số Cà Mau';

describe('mail texts', () => {
  it('password reset: the link alone on its line, valid 30 minutes, once', () => {
    expect(passwordResetMail('a@x.vn', 'HTX A', `${SITE}/dat-lai-mat-khau/#token=t`)).toEqual({
      kind: 'passwordReset',
      to: 'a@x.vn',
      subject: 'Đặt lại mật khẩu Chợ Số / Reset your password',
      text: lines(
        'Xin chào HTX A,',
        '',
        'Có người (có thể là bạn) vừa yêu cầu đặt lại mật khẩu tài khoản Chợ Số.',
        'Mở liên kết dưới đây trong 30 phút để đặt mật khẩu mới. Liên kết chỉ dùng được một lần:',
        '',
        `${SITE}/dat-lai-mat-khau/#token=t`,
        '',
        'Nếu không phải bạn, hãy bỏ qua thư này: mật khẩu của bạn không đổi.',
        '',
        'English: open the link within 30 minutes to choose a new password (it works once). Not you? Ignore this email.',
        '',
        SIGNATURE,
      ),
    });
  });

  it('password changed: where to reset it again', () => {
    expect(passwordChangedMail('a@x.vn', 'HTX A', SITE)).toEqual({
      kind: 'passwordChanged',
      to: 'a@x.vn',
      subject: 'Mật khẩu Chợ Số đã được đổi / Password changed',
      text: lines(
        'Xin chào HTX A,',
        '',
        'Mật khẩu tài khoản Chợ Số của bạn vừa được đặt lại. Mọi phiên đăng nhập cũ đã kết thúc.',
        `Nếu không phải bạn, hãy đặt lại mật khẩu ngay tại ${SITE}/quen-mat-khau/ và gọi Sở Công Thương.`,
        '',
        'English: your password was just reset and every session was signed out. Not you? Reset it again and call the department.',
        '',
        SIGNATURE,
      ),
    });
  });

  it('seller approved: the portal link', () => {
    expect(sellerStatusMail('a@x.vn', 'HTX A', 'approved', SITE, 'ignored')).toEqual({
      kind: 'sellerApproved',
      to: 'a@x.vn',
      subject: 'Hồ sơ đã được duyệt / Application approved',
      text: lines(
        'Xin chào HTX A,',
        '',
        'Hồ sơ bán hàng của HTX A đã được Sở Công Thương duyệt.',
        `Sản phẩm đang bán của bạn đã hiện trên Chợ Số. Vào trang bán hàng: ${SITE}/ban-hang/`,
        '',
        'English: your seller application was approved; your products are now on the market.',
        '',
        SIGNATURE,
      ),
    });
  });

  it('seller rejected: the reason on its own line, before what to do', () => {
    expect(sellerStatusMail('a@x.vn', 'HTX A', 'rejected', SITE, 'Thiếu giấy phép')).toEqual({
      kind: 'sellerRejected',
      to: 'a@x.vn',
      subject: 'Hồ sơ chưa được duyệt / Application not approved',
      text: lines(
        'Xin chào HTX A,',
        '',
        'Hồ sơ bán hàng của HTX A chưa được Sở Công Thương duyệt.',
        'Lý do: Thiếu giấy phép',
        'Bạn có thể gọi Sở Công Thương để hỏi thêm hoặc đăng ký lại với thông tin đúng.',
        '',
        'English: your seller application was not approved (reason above); call the department or apply again.',
        '',
        SIGNATURE,
      ),
    });
    // Without a reason (an empty one too) there is no reason line.
    for (const reason of [undefined, ''])
      expect(sellerStatusMail('a@x.vn', 'HTX A', 'rejected', SITE, reason).text).toBe(
        lines(
          'Xin chào HTX A,',
          '',
          'Hồ sơ bán hàng của HTX A chưa được Sở Công Thương duyệt.',
          'Bạn có thể gọi Sở Công Thương để hỏi thêm hoặc đăng ký lại với thông tin đúng.',
          '',
          'English: your seller application was not approved (reason above); call the department or apply again.',
          '',
          SIGNATURE,
        ),
      );
  });

  it('seller suspended: the reason, products hidden', () => {
    expect(sellerStatusMail('a@x.vn', 'HTX A', 'suspended', SITE, 'Hàng giả')).toEqual({
      kind: 'sellerSuspended',
      to: 'a@x.vn',
      subject: 'Gian hàng tạm ngừng / Shop suspended',
      text: lines(
        'Xin chào HTX A,',
        '',
        'Gian hàng HTX A đã bị Sở Công Thương tạm ngừng. Sản phẩm không còn hiện trên Chợ Số.',
        'Lý do: Hàng giả',
        'Vui lòng liên hệ Sở Công Thương để được mở lại.',
        '',
        'English: your shop was suspended (reason above) and its products are hidden; contact the department.',
        '',
        SIGNATURE,
      ),
    });
  });

  it('seller reinstated: the portal link, no reason', () => {
    expect(sellerStatusMail('a@x.vn', 'HTX A', 'reinstated', SITE, 'cũ')).toEqual({
      kind: 'sellerReinstated',
      to: 'a@x.vn',
      subject: 'Gian hàng được mở lại / Shop reinstated',
      text: lines(
        'Xin chào HTX A,',
        '',
        'Gian hàng HTX A đã được mở lại. Sản phẩm đang bán lại hiện trên Chợ Số.',
        `Trang bán hàng: ${SITE}/ban-hang/`,
        '',
        'English: your shop was reinstated; your products are on the market again.',
        '',
        SIGNATURE,
      ),
    });
  });

  it('order placed: code, lines, total in đồng, how the buyer pays', () => {
    const order = { code: 'CS1', total: 1_250_000, amountPaid: 0, lines: 2, payment: 'cod' };
    expect(orderPlacedMail('a@x.vn', 'HTX A', order, SITE)).toEqual({
      kind: 'orderPlaced',
      to: 'a@x.vn',
      subject: 'Đơn hàng mới CS1 / New order',
      text: lines(
        'Xin chào HTX A,',
        '',
        'Bạn có đơn hàng mới CS1: 2 mặt hàng, tổng 1.250.000\u00a0₫.',
        'Người mua trả tiền khi nhận hàng.',
        `Xem và xác nhận đơn: ${SITE}/ban-hang/`,
        '',
        'English: new order CS1, total 1.250.000\u00a0₫; see it in your seller portal.',
        '',
        SIGNATURE,
      ),
    });
    expect(
      orderPlacedMail('a@x.vn', 'HTX A', { ...order, payment: 'vietqr' }, SITE).text.split('\n')[3],
    ).toBe('Chờ người mua chuyển khoản VietQR; Chợ Số sẽ báo khi nhận được tiền.');
  });

  it('order paid: the amount paid, not the total', () => {
    const order = { code: 'CS2', total: 900_000, amountPaid: 950_000, lines: 1, payment: 'vietqr' };
    expect(orderPaidMail('a@x.vn', 'HTX A', order, SITE)).toEqual({
      kind: 'orderPaid',
      to: 'a@x.vn',
      subject: 'Đơn CS2 đã thanh toán / Order paid',
      text: lines(
        'Xin chào HTX A,',
        '',
        'Đơn hàng CS2 đã được thanh toán: 950.000\u00a0₫ vào tài khoản của bạn.',
        `Hãy chuẩn bị và giao hàng. Xem đơn: ${SITE}/ban-hang/`,
        '',
        'English: order CS2 was paid (950.000\u00a0₫); prepare and deliver it.',
        '',
        SIGNATURE,
      ),
    });
  });
});
