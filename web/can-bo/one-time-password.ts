import { api, asApiError } from '../lib/api';
import { confirmDialog } from '../lib/dialog';
import { announce, h } from '../lib/dom';
import { bi } from '../lib/i18n';
import type { SellerView } from '../lib/session';

/**
 * Officer-assisted reset: for a seller who cannot use the email link, after verifying the caller
 * by phone. The one-time password is shown once, in the seller's card, to be read out; the
 * verification the officer types goes to the audit trail.
 */
export function oneTimePasswordButton(s: SellerView): HTMLElement {
  const result = h('div', { class: 'notice', role: 'status' });
  const button = h(
    'button',
    { type: 'button', class: 'btn small', onclick: () => void issue(s, result) },
    bi('Cấp mật khẩu một lần', 'Issue a one-time password'),
    h('span', { class: 'sr-only', lang: 'vi' }, ` ${s.legalName}`),
  );
  return h('div', { class: 'stack one-time-password' }, button, result);
}

async function issue(s: SellerView, result: HTMLElement) {
  const reason = await confirmDialog({
    title: bi(
      `Cấp mật khẩu một lần cho “${s.legalName}”?`,
      `Issue a one-time password for “${s.legalName}”?`,
    ),
    body: bi(
      'Chỉ cấp khi người bán không nhận được thư đặt lại mật khẩu, và sau khi bạn đã gọi lại số điện thoại trong hồ sơ để xác minh. Mật khẩu dùng được một lần trong 30 phút; người bán phải đặt mật khẩu mới ngay.',
      'Only when the seller cannot use the email reset, and after calling back the phone number on file to verify. It works once, for 30 minutes; the seller must choose a new password at once.',
    ),
    confirm: bi('Cấp mật khẩu', 'Issue'),
    reason: {
      label: bi('Bạn đã xác minh thế nào?', 'How did you verify the caller?'),
      hint: bi(
        'Ít nhất 10 ký tự, ví dụ: “Gọi lại số trong hồ sơ, khớp mã số thuế và tên người đại diện”. Ghi vào nhật ký.',
        'At least 10 characters, e.g. “Called back the number on file; tax code and representative match”. Recorded in the audit trail.',
      ),
    },
  });
  if (reason === null) return;
  const time = (iso: string) =>
    new Date(iso).toLocaleTimeString('vi-VN', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Asia/Ho_Chi_Minh',
    });
  try {
    const out = await api<{ oneTimePassword: string; expiresAt: string; login: string }>(
      `/api/officer/sellers/${encodeURIComponent(s.id)}/one-time-password`,
      { method: 'POST', body: { reason } },
    );
    announce(
      result,
      bi(
        `Mật khẩu dùng một lần: ${out.oneTimePassword} (hết hạn lúc ${time(out.expiresAt)}). Đọc cho người bán qua điện thoại: đăng nhập bằng ${out.login} và mật khẩu này, rồi đặt mật khẩu mới. Mật khẩu chỉ hiện lần này.`,
        `One-time password: ${out.oneTimePassword} (expires at ${time(out.expiresAt)}). Read it to the seller: sign in as ${out.login} with it, then choose a new password. It is shown only now.`,
      ),
      'success',
    );
    result.dataset.oneTimePassword = out.oneTimePassword;
  } catch (err) {
    announce(result, asApiError(err).bi(), 'error');
  }
}
