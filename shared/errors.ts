/**
 * The one error type of the core. Codes are dotted `domain.camelCase`, stable, and the only thing
 * UI and tests branch on; messages are for people reading logs and API responses.
 * A new code must get an HTTP status in functions/_http/errors-to-http.ts (a type error otherwise)
 * and a Vietnamese/English text in shared/i18n/messages.ts (also a type error otherwise).
 */
export const ERROR_CODES = [
  'request.invalid',
  'request.invalidJson',
  'request.unsupportedMediaType',
  'request.tooLarge',
  'request.unexpectedBody',
  'route.notFound',
  'method.notAllowed',
  'auth.required',
  'auth.forbidden',
  'auth.invalidCredentials',
  'auth.throttled',
  'auth.sessionExpired',
  'auth.passwordChangeRequired',
  'auth.resetTokenInvalid',
  'account.loginTaken',
  'account.wrongPassword',
  'account.disabled',
  'auth.crossSite',
  'account.notFound',
  'account.invalidTransition',
  'seller.bankChangeNotFound',
  'seller.taxCodeTaken',
  'seller.notFound',
  'seller.notApproved',
  'seller.suspended',
  'seller.invalidTransition',
  'seller.versionConflict',
  'apiKey.notFound',
  'apiKey.limitReached',
  'product.notFound',
  'product.versionConflict',
  'product.invalidTransition',
  'product.unavailable',
  'order.notFound',
  'order.linesUnavailable',
  'order.outOfStock',
  'order.capacityFull',
  'order.deliveryUnavailable',
  'order.codUnavailable',
  'order.actionNotAllowed',
  'order.tooManyUnpaid',
  'order.rateLimited',
  'idempotency.keyRequired',
  'idempotency.mismatch',
  'refund.notFound',
  'refund.alreadyClosed',
  'paymentConnection.notFound',
  'paymentConnection.limitReached',
  'webhook.unauthorized',
  'transfer.notFound',
  'transfer.alreadyResolved',
  'transfer.notMatchable',
  'payment.referenceUsed',
  'query.invalidCursor',
  'import.invalidFile',
  'import.invalidRows',
  'statsInput.versionConflict',
  'statsInput.invalidCsv',
  'statsInput.invalid',
  'import.tooManyRows',
  'import.timeLimit',
  'upload.unsupportedType',
  'upload.tooLarge',
  'upload.invalidSignature',
  'upload.alreadyExists',
  'service.unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AppError';
  }
}

export const isAppError = (err: unknown): err is AppError => err instanceof AppError;
