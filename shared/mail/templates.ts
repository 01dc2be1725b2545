import { RESET_LINK_MINUTES } from '../accounts/recovery';
import { formatVnd } from '../money';
import type { Mail } from './mail';

/**
 * The mails the market sends, plain text and short: Vietnamese first, then one English line.
 * Pure: addresses, names, links and amounts come in. Links are absolute (`site` is SITE_URL).
 */
const SIGNATURE = '— Chợ Số Cà Mau';
const join = (...lines: string[]) => `${lines.join('\n')}\n`;

export function passwordResetMail(to: string, name: string, link: string): Mail {
  return {
    kind: 'passwordReset',
    to,
    subject: 'Đặt lại mật khẩu Chợ Số / Reset your password',
    text: join(
      `Xin chào ${name},`,
      '',
      'Có người (có thể là bạn) vừa yêu cầu đặt lại mật khẩu tài khoản Chợ Số.',
      `Mở liên kết dưới đây trong ${RESET_LINK_MINUTES} phút để đặt mật khẩu mới. Liên kết chỉ dùng được một lần:`,
      '',
      link,
      '',
      'Nếu không phải bạn, hãy bỏ qua thư này: mật khẩu của bạn không đổi.',
      '',
      `English: open the link within ${RESET_LINK_MINUTES} minutes to choose a new password (it works once). Not you? Ignore this email.`,
      '',
      SIGNATURE,
    ),
  };
}

export function passwordChangedMail(to: string, name: string, site: string): Mail {
  return {
    kind: 'passwordChanged',
    to,
    subject: 'Mật khẩu Chợ Số đã được đổi / Password changed',
    text: join(
      `Xin chào ${name},`,
      '',
      'Mật khẩu tài khoản Chợ Số của bạn vừa được đặt lại. Mọi phiên đăng nhập cũ đã kết thúc.',
      `Nếu không phải bạn, hãy đặt lại mật khẩu ngay tại ${site}/quen-mat-khau/ và gọi Sở Công Thương.`,
      '',
      'English: your password was just reset and every session was signed out. Not you? Reset it again and call the department.',
      '',
      SIGNATURE,
    ),
  };
}

export function sellerStatusMail(
  to: string,
  sellerName: string,
  status: 'approved' | 'rejected' | 'suspended' | 'reinstated',
  site: string,
  reason?: string,
): Mail {
  const portal = `${site}/ban-hang/`;
  const why = reason ? [`Lý do: ${reason}`] : [];
  const bodies = {
    approved: {
      kind: 'sellerApproved' as const,
      subject: 'Hồ sơ đã được duyệt / Application approved',
      vi: [
        `Hồ sơ bán hàng của ${sellerName} đã được Sở Công Thương duyệt.`,
        `Sản phẩm đang bán của bạn đã hiện trên Chợ Số. Vào trang bán hàng: ${portal}`,
      ],
      en: 'English: your seller application was approved; your products are now on the market.',
    },
    rejected: {
      kind: 'sellerRejected' as const,
      subject: 'Hồ sơ chưa được duyệt / Application not approved',
      vi: [
        `Hồ sơ bán hàng của ${sellerName} chưa được Sở Công Thương duyệt.`,
        ...why,
        'Bạn có thể gọi Sở Công Thương để hỏi thêm hoặc đăng ký lại với thông tin đúng.',
      ],
      en: 'English: your seller application was not approved (reason above); call the department or apply again.',
    },
    suspended: {
      kind: 'sellerSuspended' as const,
      subject: 'Gian hàng tạm ngừng / Shop suspended',
      vi: [
        `Gian hàng ${sellerName} đã bị Sở Công Thương tạm ngừng. Sản phẩm không còn hiện trên Chợ Số.`,
        ...why,
        'Vui lòng liên hệ Sở Công Thương để được mở lại.',
      ],
      en: 'English: your shop was suspended (reason above) and its products are hidden; contact the department.',
    },
    reinstated: {
      kind: 'sellerReinstated' as const,
      subject: 'Gian hàng được mở lại / Shop reinstated',
      vi: [
        `Gian hàng ${sellerName} đã được mở lại. Sản phẩm đang bán lại hiện trên Chợ Số.`,
        `Trang bán hàng: ${portal}`,
      ],
      en: 'English: your shop was reinstated; your products are on the market again.',
    },
  }[status];
  return {
    kind: bodies.kind,
    to,
    subject: bodies.subject,
    text: join(`Xin chào ${sellerName},`, '', ...bodies.vi, '', bodies.en, '', SIGNATURE),
  };
}

export interface OrderFacts {
  code: string;
  total: number;
  amountPaid: number;
  lines: number;
  payment: string;
}

export function orderPlacedMail(
  to: string,
  sellerName: string,
  order: OrderFacts,
  site: string,
): Mail {
  return {
    kind: 'orderPlaced',
    to,
    subject: `Đơn hàng mới ${order.code} / New order`,
    text: join(
      `Xin chào ${sellerName},`,
      '',
      `Bạn có đơn hàng mới ${order.code}: ${order.lines} mặt hàng, tổng ${formatVnd(order.total)}.`,
      order.payment === 'cod'
        ? 'Người mua trả tiền khi nhận hàng.'
        : 'Chờ người mua chuyển khoản VietQR; Chợ Số sẽ báo khi nhận được tiền.',
      `Xem và xác nhận đơn: ${site}/ban-hang/`,
      '',
      `English: new order ${order.code}, total ${formatVnd(order.total)}; see it in your seller portal.`,
      '',
      SIGNATURE,
    ),
  };
}

export function orderPaidMail(
  to: string,
  sellerName: string,
  order: OrderFacts,
  site: string,
): Mail {
  return {
    kind: 'orderPaid',
    to,
    subject: `Đơn ${order.code} đã thanh toán / Order paid`,
    text: join(
      `Xin chào ${sellerName},`,
      '',
      `Đơn hàng ${order.code} đã được thanh toán: ${formatVnd(order.amountPaid)} vào tài khoản của bạn.`,
      `Hãy chuẩn bị và giao hàng. Xem đơn: ${site}/ban-hang/`,
      '',
      `English: order ${order.code} was paid (${formatVnd(order.amountPaid)}); prepare and deliver it.`,
      '',
      SIGNATURE,
    ),
  };
}
