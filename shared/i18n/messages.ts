import type { ErrorCode } from '../errors';

/** What a person reads for each error code: Vietnamese first, English on the switch. */
export type Lang = 'vi' | 'en';

export const errorMessages: Record<ErrorCode, Record<Lang, string>> = {
  'request.invalid': { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The data sent is not valid.' },
  'request.invalidJson': {
    vi: 'Dữ liệu không đúng định dạng JSON.',
    en: 'The body is not valid JSON.',
  },
  'request.unsupportedMediaType': {
    vi: 'Định dạng dữ liệu không được hỗ trợ (cần application/json).',
    en: 'Unsupported content type (application/json expected).',
  },
  'request.tooLarge': { vi: 'Dữ liệu gửi lên quá lớn.', en: 'The request is too large.' },
  'request.unexpectedBody': {
    vi: 'Yêu cầu này không nhận dữ liệu kèm theo.',
    en: 'This request takes no body.',
  },
  'route.notFound': { vi: 'Không tìm thấy địa chỉ này.', en: 'No such address.' },
  'method.notAllowed': {
    vi: 'Thao tác không được hỗ trợ ở địa chỉ này.',
    en: 'Method not allowed here.',
  },
  'auth.required': { vi: 'Vui lòng đăng nhập.', en: 'Please sign in.' },
  'auth.forbidden': {
    vi: 'Bạn không có quyền thực hiện thao tác này.',
    en: 'You may not do this.',
  },
  internal: {
    vi: 'Hệ thống đang gặp sự cố, vui lòng thử lại sau.',
    en: 'Something went wrong, please try again later.',
  },
};

export function messageFor(code: string, lang: Lang): string {
  const entry = (errorMessages as Record<string, Record<Lang, string>>)[code];
  return entry ? entry[lang] : errorMessages.internal[lang];
}
