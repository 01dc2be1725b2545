import { getConfig } from '../../shared/config';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';
import document from './openapi.generated.json';

getConfig();

/** The OpenAPI 3.1 document, generated from the manifest and the handlers' zod schemas. */
export const handler = httpHandler({}, async () =>
  ok(document, { 'cache-control': 'public, max-age=300' }),
);
