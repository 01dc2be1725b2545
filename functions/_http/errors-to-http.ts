import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { AppError, type ErrorCode, isAppError } from '../../shared/errors';
import { logger } from './logger';
import { type HttpResult, json } from './respond';

/** Every error code has a status; a new code without one is a type error. */
export const statusFor: Record<ErrorCode, number> = {
  'request.invalid': 400,
  'request.invalidJson': 400,
  'request.unsupportedMediaType': 415,
  'request.tooLarge': 413,
  'request.unexpectedBody': 400,
  'route.notFound': 404,
  'method.notAllowed': 405,
  'auth.required': 401,
  'auth.forbidden': 403,
  'auth.invalidCredentials': 401,
  'auth.throttled': 429,
  'auth.sessionExpired': 401,
  'auth.passwordChangeRequired': 403,
  'auth.resetTokenInvalid': 400,
  'account.loginTaken': 409,
  'account.wrongPassword': 400,
  'account.disabled': 403,
  'auth.crossSite': 403,
  'account.notFound': 404,
  'account.invalidTransition': 409,
  'seller.bankChangeNotFound': 409,
  'seller.taxCodeTaken': 409,
  'seller.notFound': 404,
  'seller.notApproved': 403,
  'seller.suspended': 403,
  'seller.invalidTransition': 409,
  'seller.versionConflict': 409,
  'apiKey.notFound': 404,
  'apiKey.limitReached': 409,
  'product.notFound': 404,
  'product.versionConflict': 409,
  'product.invalidTransition': 409,
  'product.unavailable': 409,
  'order.notFound': 404,
  'order.linesUnavailable': 409,
  'order.outOfStock': 409,
  'order.capacityFull': 409,
  'order.deliveryUnavailable': 409,
  'order.codUnavailable': 409,
  'order.actionNotAllowed': 409,
  'order.tooManyUnpaid': 429,
  'order.rateLimited': 429,
  'idempotency.keyRequired': 400,
  'idempotency.mismatch': 422,
  'refund.notFound': 404,
  'refund.alreadyClosed': 409,
  'paymentConnection.notFound': 404,
  'paymentConnection.limitReached': 409,
  'webhook.unauthorized': 401,
  'transfer.notFound': 404,
  'transfer.alreadyResolved': 409,
  'transfer.notMatchable': 409,
  'payment.referenceUsed': 409,
  'query.invalidCursor': 400,
  'import.invalidFile': 400,
  'import.invalidRows': 422,
  'statsInput.versionConflict': 409,
  'statsInput.invalidCsv': 422,
  'statsInput.invalid': 422,
  'import.tooManyRows': 413,
  'import.timeLimit': 503,
  'upload.unsupportedType': 415,
  'upload.tooLarge': 413,
  'upload.invalidSignature': 403,
  'upload.alreadyExists': 412,
  'service.unavailable': 503,
  internal: 500,
};

export function errorBody(err: AppError, requestId: string) {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details ? { details: err.details } : {}),
    },
    requestId,
  };
}

/**
 * `Retry-After` (whole seconds, at least 1) from an error's `details.retryAfterSeconds`, so clients
 * and proxies that do not read our envelope still back off for the right time.
 */
function retryAfterOf(err: AppError): string | undefined {
  const seconds = (err.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return String(Math.max(1, Math.ceil(seconds)));
}

/**
 * Turns any error into the one envelope. An AppError keeps its code and message (status < 500 is
 * meant for the caller); anything else becomes 500 `internal` with a generic message, and the real
 * error is logged once, here, with its cause chain.
 */
export function toHttpError(err: unknown, requestId: string): HttpResult {
  if (isAppError(err)) {
    const status = statusFor[err.code];
    if (status >= 500) logger.error('request failed', { code: err.code, error: err });
    const headers: Record<string, string> = { 'x-request-id': requestId };
    const wait = retryAfterOf(err);
    if ((status === 429 || status === 503) && wait !== undefined) headers['retry-after'] = wait;
    return json(status, errorBody(err, requestId), headers);
  }
  logger.error('request failed unexpectedly', { error: err as Error });
  const internal = new AppError('internal', 'Internal error. Please try again later.');
  return json(500, errorBody(internal, requestId), { 'x-request-id': requestId });
}

/** Registered last so it runs first on error (middy runs onError in reverse order). */
export const errorsToHttp = (): MiddlewareObj<
  APIGatewayProxyEventV2,
  HttpResult,
  Error,
  Context
> => ({
  onError: (request) => {
    const requestId =
      request.event?.requestContext?.requestId ?? request.context?.awsRequestId ?? 'unknown';
    request.response = toHttpError(request.error, requestId);
  },
});
