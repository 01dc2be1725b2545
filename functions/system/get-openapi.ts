import { getConfig } from '../../shared/config';
import { httpHandler } from '../_http/http-handler';
import { OPENAPI_JSON } from './openapi.generated';

getConfig();

/** The OpenAPI 3.1 document, generated from the manifest and the handlers' zod schemas. */
export const handler = httpHandler({}, async () => ({
  statusCode: 200,
  headers: {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'public, max-age=300',
    'x-content-type-options': 'nosniff',
  },
  body: OPENAPI_JSON,
}));
