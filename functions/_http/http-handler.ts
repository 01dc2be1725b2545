import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import type { Principal } from '../../shared/accounts/principal';
import { getConfig } from '../../shared/config';
import { AppError } from '../../shared/errors';
import { corsHeaders } from '../../shared/http/cors';
import { authenticate } from './auth';
import { errorsToHttp } from './errors-to-http';
import { logger } from './logger';
import { originVerify } from './origin-verify';
import { type ParsedRequest, parseRequest, type RequestSpec } from './parse-request';
import type { HttpResult } from './respond';
import { routeAuthOf } from './route-auth';

export type HttpHandler = ((
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<HttpResult>) & {
  /** The request schemas, for the OpenAPI document (scripts/build-openapi.ts). */
  spec?: RequestSpec;
};

export interface HandlerArgs<S extends RequestSpec> extends ParsedRequest<S> {
  event: APIGatewayProxyEventV2;
  context: Context;
  requestId: string;
  /** The caller, checked against the route's roles in infra/routes.ts. */
  principal: Principal;
  /** Request time (one clock reading per request). */
  now: Date;
}

const config = getConfig();

/** CORS and request id on every response, error responses included. */
const responseHeaders = (): MiddlewareObj<APIGatewayProxyEventV2, HttpResult, Error, Context> => {
  const add = (request: { event: APIGatewayProxyEventV2; response?: HttpResult | null }) => {
    if (!request.response) return;
    request.response.headers = {
      ...request.response.headers,
      ...corsHeaders(request.event.headers?.origin, config.CORS_ALLOWED_ORIGINS),
      'x-request-id': request.event.requestContext?.requestId ?? 'unknown',
    };
  };
  return { after: add, onError: add };
};

/**
 * The one pipeline every HTTP handler runs in: logger context, then response headers, then the
 * error mapper (registered last so it runs first on error), then validation and the handler.
 */
export function httpHandler<S extends RequestSpec>(
  spec: S,
  fn: (args: HandlerArgs<S>) => Promise<HttpResult>,
): HttpHandler {
  const pipeline = middy<APIGatewayProxyEventV2, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(responseHeaders())
    .use(errorsToHttp())
    // On AWS: refuse requests that did not come through CloudFront (before any other work).
    .use(originVerify())
    .handler(async (event, context) => {
      // Route auth comes from the manifest, by the routeKey API Gateway sets (./route-auth.ts).
      const auth = await routeAuthOf(event.routeKey);
      if (!auth) throw new AppError('route.notFound', 'No such route');
      const now = new Date();
      // Who, before what: an anonymous caller learns nothing from validation messages.
      const principal = await authenticate(event, auth, now);
      const parsed = parseRequest(spec, event, config.MAX_BODY_BYTES);
      return fn({
        ...parsed,
        event,
        context,
        requestId: event.requestContext.requestId,
        principal,
        now,
      });
    });
  return Object.assign(pipeline, { spec }) as unknown as HttpHandler;
}
