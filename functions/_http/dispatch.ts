import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { RouteAuth } from '../../infra/routes';
import { AppError } from '../../shared/errors';
import { toHttpError } from './errors-to-http';
import type { HttpHandler } from './http-handler';
import type { HttpResult } from './respond';
import { useRouteAuth } from './route-auth';

/**
 * Entry of one route group's Lambda function: picks the handler by the routeKey API Gateway set
 * (`GET /api/health`). Generated entries (infra/bundle-entries.ts) call this with their routes'
 * handlers and their routes' auth from the manifest (so the function need not bundle the manifest).
 */
export function dispatch(
  handlers: Record<string, HttpHandler>,
  auth?: Readonly<Record<string, RouteAuth>>,
) {
  if (auth) useRouteAuth(auth);
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
