import { findCommune } from '../geo/communes';
import { encodeVietQr, findBankByBin } from '../vietqr';
import { amountDue, type Order } from './order';

/**
 * What the API shows of an order. The buyer (through the order link) and the order's seller see
 * the buyer's details whole; seller lists show them masked. Ledger, logs and statistics never get
 * an Order at all. Pure: QR images are drawn by the caller (shared/vietqr/render).
 */

const commune = (code: string) => ({ code, name: findCommune(code)?.name ?? code });

/** The VietQR block without its image: dynamic code for the amount still due, content = code. */
export function orderVietQr(order: Order) {
  if (order.payment !== 'vietqr' || !order.payee) return undefined;
  const due = amountDue(order);
  const bank = findBankByBin(order.payee.bin);
  const payload =
    due > 0
      ? encodeVietQr({
          bin: order.payee.bin,
          accountNumber: order.payee.accountNumber,
          service: 'account',
          amount: due,
          purpose: order.code,
        })
      : undefined;
  return {
    ...(payload ? { payload } : {}),
    bank: {
      bin: order.payee.bin,
      name: bank?.shortName ?? bank?.name ?? order.payee.bin,
      accountNumber: order.payee.accountNumber,
      holderName: order.payee.holderName,
    },
    amount: due,
    transferContent: order.code,
  };
}
export type OrderVietQr = NonNullable<ReturnType<typeof orderVietQr>>;

const amounts = (order: Order) => ({
  goodsAmount: order.goodsAmount,
  servicesAmount: order.servicesAmount,
  subtotal: order.subtotal,
  deliveryFee: order.deliveryFee,
  total: order.total,
  amountPaid: order.amountPaid,
  amountDue: amountDue(order),
});

/** The 201 answer of POST /api/orders, per order (vietqr without its svg: added when sent). */
export function placedOrderView(order: Order, accessToken: string) {
  const vietqr = orderVietQr(order);
  return {
    code: order.code,
    accessToken,
    url: orderPageUrl(order.code, accessToken),
    sellerId: order.sellerId,
    sellerName: order.sellerName,
    status: order.status,
    paymentStatus: order.paymentStatus,
    payment: order.payment,
    subtotal: order.subtotal,
    deliveryFee: order.deliveryFee,
    total: order.total,
    amountPaid: order.amountPaid,
    amountDue: amountDue(order),
    expiresAt: order.expiresAt ?? null,
    ...(vietqr ? { vietqr } : {}),
  };
}

export const orderPageUrl = (code: string, token: string) =>
  `/don-hang/?code=${encodeURIComponent(code)}&t=${encodeURIComponent(token)}`;

const deliveryView = (order: Order) =>
  order.delivery.method === 'ship'
    ? {
        method: 'ship' as const,
        ...(order.delivery.address
          ? {
              address: {
                ...order.delivery.address,
                communeName: commune(order.delivery.address.communeCode).name,
              },
            }
          : {}),
      }
    : order.delivery;

/** GET /api/orders/{code}?t=…: the buyer's view (their own details included). */
export function buyerOrderView(order: Order) {
  const vietqr = orderVietQr(order);
  return {
    code: order.code,
    status: order.status,
    paymentStatus: order.paymentStatus,
    payment: order.payment,
    seller: {
      id: order.sellerId,
      name: order.sellerName,
      commune: commune(order.sellerCommuneCode),
    },
    lines: order.lines,
    ...amounts(order),
    delivery: deliveryView(order),
    ...(order.buyer ? { buyer: order.buyer } : {}),
    ...(order.note ? { note: order.note } : {}),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
    expiresAt: order.expiresAt ?? null,
    ...(order.cancelReason ? { cancelReason: order.cancelReason } : {}),
    ...(vietqr ? { vietqr } : {}),
    version: order.version,
  };
}

/** `0912345678` → `09******78`. */
export const maskPhone = (phone: string) =>
  phone.length <= 4
    ? '****'
    : `${phone.slice(0, 2)}${'*'.repeat(phone.length - 4)}${phone.slice(-2)}`;
/** `Nguyễn Văn An` → `N. V. An`: the last word whole, the others initials. */
export function maskName(name: string): string {
  const words = name.trim().split(/\s+/);
  return words.map((w, i) => (i === words.length - 1 ? w : `${[...w][0] ?? ''}.`)).join(' ');
}

/** A seller's list item: buyer masked. */
export function sellerOrderSummary(order: Order) {
  return {
    code: order.code,
    status: order.status,
    paymentStatus: order.paymentStatus,
    payment: order.payment,
    deliveryMethod: order.delivery.method,
    buyer: order.buyer
      ? { name: maskName(order.buyer.name), phone: maskPhone(order.buyer.phone) }
      : null,
    lineCount: order.lines.length,
    ...amounts(order),
    createdAt: order.createdAt,
    expiresAt: order.expiresAt ?? null,
  };
}

/** A seller's order detail: the buyer whole (unless purged), history, what may be done next. */
export function sellerOrderView(order: Order, allowedActions: readonly string[]) {
  return {
    ...buyerOrderView(order),
    buyer: order.buyer ?? null,
    piiPurgedAt: order.piiPurgedAt ?? null,
    history: order.history,
    allowedActions,
    endedAt: order.endedAt ?? null,
  };
}
