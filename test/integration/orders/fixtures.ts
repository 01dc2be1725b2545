import { randomUUID } from 'node:crypto';
import { lambdaContext } from '../../../infra/local/lambda-context';
import type { Product } from '../../../shared/catalog/product';
import { setDeliveryOptions } from '../../../shared/db/orders';
import { insertProduct } from '../../../shared/db/products';
import type { DeliveryOptions } from '../../../shared/orders/delivery';
import { apiEvent } from '../../helpers/api-event';
import { sellerSession } from '../../helpers/auth';
import { call, handlerOf, routeOf } from '../../helpers/call';

/** Test data for the orders tests: sellers with delivery options, goods and services. */
export const OPTIONS: DeliveryOptions = {
  pickup: { enabled: true, address: 'Ấp Rạch Gốc, xã Đất Mũi' },
  shipping: { enabled: true, fee: 30_000, freeAbove: 1_000_000 },
  cod: true,
};

export async function seller(options: DeliveryOptions = OPTIONS) {
  const s = await sellerSession();
  await setDeliveryOptions(s.sellerId, options);
  return s;
}

export async function goods(sellerId: string, over: Partial<Product> = {}): Promise<Product> {
  const at = new Date().toISOString();
  const product: Product = {
    id: `pr-${randomUUID()}`,
    sellerId,
    name: { vi: 'Tôm khô loại 1' },
    description: { vi: '' },
    category: 'driedSeafood',
    unit: 'kg',
    price: 500_000,
    priceTiers: [{ minQuantity: 3, unitPrice: 450_000 }],
    stock: 100,
    originCommuneCode: '32248',
    certifications: [],
    images: [],
    status: 'active',
    createdAt: at,
    updatedAt: at,
    version: 1,
    ...over,
  };
  await insertProduct(product, 'approved');
  return product;
}

export async function service(sellerId: string, capacityPerDate: number): Promise<Product> {
  const { stock: _s, ...rest } = await goods(sellerId, {
    id: `pr-${randomUUID()}`,
    name: { vi: 'Tour rừng đước' },
    category: 'tour',
    unit: 'người',
    price: 350_000,
    priceTiers: [],
    capacityPerDate,
    stock: undefined,
  });
  return rest;
}

export const BUYER = { name: 'Nguyễn Thị Lan', phone: '0912345678', email: 'lan@example.vn' };

export const orderBody = (
  lines: Array<{ productId: string; quantity: number; date?: string }>,
  over: Record<string, unknown> = {},
) => ({
  buyer: { ...BUYER, phone: `09${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` },
  delivery: { method: 'pickup' },
  payment: 'vietqr',
  lines,
  ...over,
});

/** POST /api/orders with a fresh Idempotency-Key (unless given), from `address` (a fixed one by default). */
export async function place(body: unknown, key: string = randomUUID(), address = '203.0.113.10') {
  const route = routeOf('POST /api/orders');
  const handler = await handlerOf(route);
  const event = apiEvent('orders/place-order', { body, headers: { 'idempotency-key': key } });
  event.requestContext.http.sourceIp = address;
  const result = await handler(event, lambdaContext('test'));
  return {
    status: result.statusCode,
    // biome-ignore lint/suspicious/noExplicitAny: tests read JSON answers field by field
    body: JSON.parse(result.body ?? '{}') as any,
    headers: result.headers ?? {},
  };
}

/** GET /api/orders/{code}?t=… */
export const getOrderAsBuyer = (code: string, t: string, headers: Record<string, string> = {}) =>
  call('GET /api/orders/{code}', { path: { code }, query: { t }, headers });

export const tomorrow = () =>
  new Date(Date.now() + 7 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);
