import * as z from 'zod/mini';
import { kindOf } from '../../shared/catalog/product';
import { getConfig } from '../../shared/config';
import { listBooked } from '../../shared/db/orders';
import { getProduct, getSellerSnapshot } from '../../shared/db/products';
import { AppError } from '../../shared/errors';
import { localDate, ORDER_LIMITS } from '../../shared/orders/order';
import { httpHandler } from '../_http/http-handler';
import { wholeParam } from '../_http/params';
import { ok } from '../_http/respond';

getConfig();

const Path = z.strictObject({
  productId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'A product id')),
});
const Query = z.strictObject({
  from: z.optional(z.iso.date()),
  to: z.optional(z.iso.date()),
  /** Instead of `to`: this many days from `from` (or today). */
  days: z.optional(wholeParam(1, 62)),
});
const MAX_DAYS = 62;
const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** A service's dates with the places left on each (from today, at most 62 days per request). */
export const handler = httpHandler({ path: Path, query: Query }, async ({ path, query, now }) => {
  const today = localDate(now);
  const from = query.from && query.from > today ? query.from : today;
  const last = addDays(today, ORDER_LIMITS.bookingHorizonDays);
  const wanted = query.to ?? addDays(from, (query.days ?? 31) - 1);
  const to = [wanted, addDays(from, MAX_DAYS - 1), last].sort()[0] as string;
  if (to < from)
    throw new AppError('request.invalid', 'The range is empty', {
      issues: [{ in: 'query', path: 'to', code: 'custom', message: 'Before from' }],
    });
  const product = await getProduct(path.productId);
  const seller = product ? await getSellerSnapshot(product.sellerId) : undefined;
  if (product?.status !== 'active' || seller?.status !== 'approved')
    throw new AppError('product.notFound', 'No such product');
  if (kindOf(product.category) !== 'service')
    throw new AppError('request.invalid', 'Only services are booked by date', {
      issues: [{ in: 'path', path: 'productId', code: 'custom', message: 'Not a service' }],
    });
  const capacity = product.capacityPerDate ?? 0;
  const booked = await listBooked(product.id, from, to);
  const dates: Array<{ date: string; booked: number; left: number }> = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const b = booked.get(d) ?? 0;
    dates.push({ date: d, booked: b, left: Math.max(0, capacity - b) });
  }
  return ok({ productId: product.id, capacityPerDate: capacity, from, to, dates });
});
