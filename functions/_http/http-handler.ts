import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { getConfig } from '../../shared/config';
import { corsHeaders } from '../../shared/http/cors';
import { errorsToHttp } from './errors-to-http';
import { logger } from './logger';
import { type ParsedRequest, parseRequest, type RequestSpec } from './parse-request';
import type { HttpResult } from './respond';

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResult>;

export interface HandlerArgs<S extends RequestSpec> extends ParsedRequest<S> {
  event: APIGatewayProxyEventV2;
  context: Context;
  requestId: string;
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
  return middy<APIGatewayProxyEventV2, HttpResult, Error, Context>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(responseHeaders())
    .use(errorsToHttp())
    .handler(async (event, context) => {
      const parsed = parseRequest(spec, event, config.MAX_BODY_BYTES);
      return fn({ ...parsed, event, context, requestId: event.requestContext.requestId });
    });
}
