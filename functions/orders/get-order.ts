import { createHash, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { getOrder } from '../../shared/db/orders';
import { AppError } from '../../shared/errors';
import { normaliseOrderCode } from '../../shared/orders/code';
import { buyerOrderView } from '../../shared/orders/view';
import { renderVietQr } from '../../shared/vietqr/render';
import { httpHandler } from '../_http/http-handler';
import { json } from '../_http/respond';

getConfig();

const Path = z.strictObject({
  code: z.string().check(z.regex(/^[A-Za-z0-9]{9,16}$/, 'An order code')),
});
/** The token is optional in the schema so that a missing one is the same 404 as a wrong one. */
const Query = z.strictObject({
  t: z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{22}$/, 'An order access token'))),
});

const notFound = () => new AppError('order.notFound', 'No such order');
const sameHash = (token: string, hash: string) => {
  const a = createHash('sha256').update(token).digest();
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * The buyer's order page data, for whoever holds the link's token (a wrong or missing token is the
 * same 404 as an unknown code). ETag = the order's version: a poll with If-None-Match gets 304.
 */
export const handler = httpHandler({ path: Path, query: Query }, async ({ path, query, event }) => {
  const code = normaliseOrderCode(path.code);
  if (!code || !query.t) throw notFound();
  const order = await getOrder(code);
  if (!order || !sameHash(query.t, order.accessTokenHash)) throw notFound();
  const etag = `"${order.code}-v${order.version}"`;
  const headers = { etag, 'cache-control': 'private, no-cache' };
  const match = event.headers?.['if-none-match'];
  if (match?.split(',').some((m) => m.trim().replace(/^W\//, '') === etag))
    return { statusCode: 304, headers };
  const view = buyerOrderView(order);
  const body = view.vietqr?.payload
    ? { ...view, vietqr: { ...view.vietqr, svg: await renderVietQr(view.vietqr.payload) } }
    : view;
  return json(200, { order: body }, headers);
});
