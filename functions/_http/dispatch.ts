import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { AppError } from '../../shared/errors';
import { toHttpError } from './errors-to-http';
import type { HttpHandler } from './http-handler';
import type { HttpResult } from './respond';

/**
 * Entry of one route group's Lambda function: picks the handler by the routeKey API Gateway set
 * (`GET /api/health`). Generated entries (infra/bundle-entries.ts) call this with their routes.
 */
export function dispatch(handlers: Record<string, HttpHandler>) {
  return async (event: APIGatewayProxyEventV2, context: Context): Promise<HttpResult> => {
    const handler = handlers[event.routeKey];
    if (!handler) {
      return toHttpError(
        new AppError('route.notFound', 'No such route'),
        event.requestContext?.requestId ?? 'unknown',
      );
    }
    return handler(event, context);
  };
}
