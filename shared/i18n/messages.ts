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
  'auth.invalidCredentials': {
    vi: 'Email/số điện thoại hoặc mật khẩu không đúng.',
    en: 'Wrong email/phone or password.',
  },
  'auth.throttled': {
    vi: 'Bạn đã thử quá nhiều lần. Vui lòng đợi rồi thử lại.',
    en: 'Too many attempts. Please wait and try again.',
  },
  'auth.sessionExpired': {
    vi: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.',
    en: 'Your session has expired, please sign in again.',
  },
  'auth.passwordChangeRequired': {
    vi: 'Vui lòng đổi mật khẩu dùng một lần trước khi tiếp tục.',
    en: 'Please change your one-time password first.',
  },
  'auth.resetTokenInvalid': {
    vi: 'Liên kết đặt lại mật khẩu đã được dùng, đã hết hạn hoặc không đúng. Hãy yêu cầu liên kết mới.',
    en: 'This reset link was already used, has expired or is wrong. Ask for a new one.',
  },
  'account.loginTaken': {
    vi: 'Email hoặc số điện thoại này đã được đăng ký.',
    en: 'This email or phone number is already registered.',
  },
  'account.wrongPassword': {
    vi: 'Mật khẩu hiện tại không đúng.',
    en: 'The current password is wrong.',
  },
  'account.disabled': { vi: 'Tài khoản đã bị khóa.', en: 'This account is disabled.' },
  'auth.crossSite': {
    vi: 'Yêu cầu từ trang web khác bị từ chối. Vui lòng thao tác trực tiếp trên Chợ Số.',
    en: 'Request from another site refused. Please act on Chợ Số itself.',
  },
  'account.notFound': { vi: 'Không tìm thấy tài khoản.', en: 'Account not found.' },
  'account.invalidTransition': {
    vi: 'Không thể thay đổi trạng thái tài khoản này như vậy.',
    en: 'That account status change is not allowed.',
  },
  'seller.bankChangeNotFound': {
    vi: 'Yêu cầu đổi tài khoản ngân hàng không còn (đã được xử lý hoặc đã thay đổi). Vui lòng tải lại.',
    en: 'The bank-account change request is gone (already handled or changed). Please reload.',
  },
  'seller.taxCodeTaken': {
    vi: 'Mã số thuế này đã được đăng ký.',
    en: 'This tax code is already registered.',
  },
  'seller.notFound': { vi: 'Không tìm thấy người bán.', en: 'Seller not found.' },
  'seller.notApproved': {
    vi: 'Hồ sơ người bán chưa được duyệt.',
    en: 'The seller profile is not approved yet.',
  },
  'seller.suspended': { vi: 'Người bán đang bị tạm ngưng.', en: 'This seller is suspended.' },
  'seller.invalidTransition': {
    vi: 'Không thể chuyển trạng thái người bán như vậy.',
    en: 'That seller status change is not allowed.',
  },
  'seller.versionConflict': {
    vi: 'Hồ sơ đã được sửa ở nơi khác. Vui lòng tải lại.',
    en: 'The profile was changed elsewhere. Please reload.',
  },
  'apiKey.notFound': { vi: 'Không tìm thấy khóa API.', en: 'API key not found.' },
  'apiKey.limitReached': {
    vi: 'Đã đạt số khóa API tối đa.',
    en: 'The maximum number of API keys is reached.',
  },
  'product.notFound': { vi: 'Không tìm thấy sản phẩm.', en: 'Product not found.' },
  'product.versionConflict': {
    vi: 'Sản phẩm đã được sửa ở nơi khác. Vui lòng tải lại.',
    en: 'The product was changed elsewhere. Please reload.',
  },
  'product.invalidTransition': {
    vi: 'Không thể chuyển trạng thái sản phẩm như vậy.',
    en: 'That product status change is not allowed.',
  },
  'product.unavailable': {
    vi: 'Sản phẩm này hiện không bán.',
    en: 'This product is not for sale now.',
  },
  'order.notFound': {
    vi: 'Không tìm thấy đơn hàng.',
    en: 'Order not found.',
  },
  'order.linesUnavailable': {
    vi: 'Một số món trong giỏ không đặt được.',
    en: 'Some items in the cart cannot be ordered.',
  },
  'order.outOfStock': {
    vi: 'Không còn đủ hàng.',
    en: 'Not enough in stock.',
  },
  'order.capacityFull': {
    vi: 'Ngày này đã hết chỗ.',
    en: 'This date is fully booked.',
  },
  'order.deliveryUnavailable': {
    vi: 'Người bán không có hình thức giao nhận này.',
    en: 'The seller does not offer this delivery method.',
  },
  'order.codUnavailable': {
    vi: 'Người bán không nhận thanh toán khi nhận hàng.',
    en: 'The seller does not accept cash on delivery.',
  },
  'order.actionNotAllowed': {
    vi: 'Không thể thực hiện thao tác này với đơn hàng ở trạng thái hiện tại.',
    en: "This action is not allowed in the order's current state.",
  },
  'order.tooManyUnpaid': {
    vi: 'Số điện thoại này đang có quá nhiều đơn chưa thanh toán. Vui lòng thanh toán hoặc đợi đơn cũ hết hạn.',
    en: 'This phone number has too many unpaid orders. Please pay or wait for them to expire.',
  },
  'order.rateLimited': {
    vi: 'Có quá nhiều đơn hàng từ địa chỉ mạng này. Vui lòng thử lại sau.',
    en: 'Too many orders from this network address. Please try again later.',
  },
  'idempotency.keyRequired': {
    vi: 'Thiếu khóa chống gửi trùng (Idempotency-Key).',
    en: 'The Idempotency-Key header is required.',
  },
  'idempotency.mismatch': {
    vi: 'Khóa chống gửi trùng này đã được dùng cho một yêu cầu khác.',
    en: 'This Idempotency-Key was already used with a different request.',
  },
  'refund.notFound': {
    vi: 'Không tìm thấy khoản hoàn tiền.',
    en: 'Refund not found.',
  },
  'refund.alreadyClosed': {
    vi: 'Khoản hoàn tiền này đã được đóng.',
    en: 'This refund is already closed.',
  },
  'paymentConnection.notFound': {
    vi: 'Không tìm thấy kết nối thanh toán.',
    en: 'No such payment connection.',
  },
  'paymentConnection.limitReached': {
    vi: 'Đã đạt số kết nối thanh toán tối đa; hãy tắt bớt một kết nối.',
    en: 'Too many payment connections; disable one first.',
  },
  'webhook.unauthorized': {
    vi: 'Chữ ký thông báo không hợp lệ.',
    en: 'The notification signature is not valid.',
  },
  'transfer.notFound': {
    vi: 'Không tìm thấy giao dịch chuyển khoản.',
    en: 'No such bank transfer.',
  },
  'transfer.alreadyResolved': {
    vi: 'Giao dịch này đã được xử lý.',
    en: 'This transfer was already dealt with.',
  },
  'transfer.notMatchable': {
    vi: 'Không thể ghi giao dịch này cho đơn hàng đó.',
    en: 'This transfer cannot pay that order.',
  },
  'payment.referenceUsed': {
    vi: 'Mã giao dịch ngân hàng này đã được dùng cho một khoản thanh toán khác.',
    en: 'This bank reference was already used for another payment.',
  },
  'query.invalidCursor': {
    vi: 'Trang kết quả không hợp lệ, vui lòng tìm lại.',
    en: 'Invalid page cursor, please search again.',
  },
  'import.invalidFile': {
    vi: 'Không đọc được tệp. Hãy dùng tệp mẫu CSV hoặc XLSX.',
    en: 'The file cannot be read. Use the CSV or XLSX template.',
  },
  'import.invalidRows': {
    vi: 'Một số dòng có lỗi, chưa nhập dòng nào.',
    en: 'Some rows have errors; nothing was imported.',
  },
  'statsInput.versionConflict': {
    vi: 'Số liệu này vừa được người khác sửa. Vui lòng tải lại rồi nhập lại.',
    en: 'Someone else corrected this figure meanwhile. Please reload and enter it again.',
  },
  'statsInput.invalidCsv': {
    vi: 'Tệp CSV có dòng không hợp lệ; chưa nhập dòng nào.',
    en: 'The CSV file has invalid lines; nothing was imported.',
  },
  'statsInput.invalid': {
    vi: 'Số liệu không hợp lệ.',
    en: 'The figure is not valid.',
  },
  'import.tooManyRows': { vi: 'Tệp có quá nhiều dòng.', en: 'The file has too many rows.' },
  'import.timeLimit': {
    vi: 'Nhập tệp mất quá nhiều thời gian nên đã dừng; chưa sản phẩm nào được lưu. Hãy thử lại sau ít phút, hoặc chia tệp thành các phần nhỏ hơn.',
    en: 'The import took too long and was stopped; no product was saved. Try again in a few minutes, or split the file into smaller parts.',
  },
  'upload.unsupportedType': {
    vi: 'Chỉ nhận ảnh JPEG, PNG hoặc WebP.',
    en: 'Only JPEG, PNG or WebP images are accepted.',
  },
  'upload.tooLarge': {
    vi: 'Ảnh quá lớn: mỗi ảnh tối đa 5 MB.',
    en: 'The image is too large: at most 5 MB per picture.',
  },
  'upload.invalidSignature': {
    vi: 'Liên kết tải lên không hợp lệ hoặc đã hết hạn.',
    en: 'The upload link is invalid or has expired.',
  },
  'upload.alreadyExists': {
    vi: 'Liên kết này đã được dùng để tải ảnh lên. Hãy xin liên kết mới.',
    en: 'This link has already been used for an upload. Ask for a new one.',
  },
  'service.unavailable': {
    vi: 'Máy chủ đang khởi động hoặc dừng, vui lòng thử lại sau giây lát.',
    en: 'The server is starting or stopping, please try again in a moment.',
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
