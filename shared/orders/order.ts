import * as z from 'zod/mini';
import {
  CommuneCodeSchema,
  kindOf,
  type Product,
  type ProductKind,
  type ProductUnit,
  unitPriceFor,
} from '../catalog/product';
import { AppError, type ErrorCode } from '../errors';
import { provinceDate } from '../province-date';
import { PhoneSchema } from '../sellers/phone';
import type { SellerStatus } from '../sellers/seller';
import { type DeliveryMethod, type DeliveryOptions, deliveryFeeFor, offers } from './delivery';

/**
 * Orders: what a checkout asks for (schemas shared by the API and the checkout page), how it is
 * priced from the catalog (tiers, totals in whole VND, delivery fees apart), and the order record
 * with its two separate statuses (payment and fulfilment). Pure: time, ids and tokens come in.
 */

// ---- limits ---------------------------------------------------------------------------------

/**
 * One checkout is one DynamoDB transaction (at most 100 actions): per order (one per seller) the
 * order item, per line a stock or capacity update, per service product one check of the product,
 * plus the idempotency record and the two hoarding counters. 30 lines (so at most 30 sellers and
 * 30 service products) need at most 30 + 30 + 30 + 3 = 93.
 */
export const ORDER_LIMITS = {
  maxLines: 30,
  maxQuantity: 10_000,
  nameLength: 100,
  addressLineLength: 200,
  noteLength: 500,
  reasonLength: 300,
  /** Service dates can be booked this many days ahead. */
  bookingHorizonDays: 365,
} as const;

/** Transaction actions a checkout needs (see ORDER_LIMITS). */
export const transactionActions = (lines: number, sellers: number, serviceProducts: number) =>
  lines + sellers + serviceProducts + 3;

// ---- schemas --------------------------------------------------------------------------------

const SINGLE_LINE = /^[^\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/u;
const singleLine = (min: number, max: number) =>
  z.pipe(
    z
      .string()
      .check(
        z.trim(),
        z.minLength(min),
        z.maxLength(max),
        z.regex(SINGLE_LINE, 'One line, no control characters'),
      ),
    z.transform((s: string) => s.normalize('NFC')),
  );
const MULTI_LINE = /^(?:[\n\r\t]|[^\p{Cc}\u202a-\u202e\u2066-\u2069])*$/u;

export const BuyerSchema = z.lazy(() =>
  z.strictObject({
    name: singleLine(2, ORDER_LIMITS.nameLength),
    /** Vietnamese mobile number; stored as 0xxxxxxxxx. */
    phone: PhoneSchema,
    email: z.optional(z.email().check(z.maxLength(254))),
  }),
);
export type Buyer = z.infer<typeof BuyerSchema>;

export const AddressSchema = z.lazy(() =>
  z.strictObject({
    communeCode: CommuneCodeSchema,
    line: singleLine(3, ORDER_LIMITS.addressLineLength),
  }),
);
export type Address = z.infer<typeof AddressSchema>;

export const DeliveryChoiceSchema = z.lazy(() =>
  z.discriminatedUnion('method', [
    z.strictObject({ method: z.literal('pickup') }),
    z.strictObject({ method: z.literal('ship'), address: AddressSchema }),
  ]),
);
export type DeliveryChoice = z.infer<typeof DeliveryChoiceSchema>;

export const PAYMENT_METHODS = ['vietqr', 'cod'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const OrderLineInputSchema = z.lazy(() =>
  z.strictObject({
    productId: z.string().check(z.regex(/^[A-Za-z0-9-]{1,64}$/, 'A product id')),
    quantity: z.int().check(z.minimum(1), z.maximum(ORDER_LIMITS.maxQuantity)),
    /** Services only: the date booked, YYYY-MM-DD (the province's calendar). */
    date: z.optional(z.iso.date()),
  }),
);
export type OrderLineInput = z.infer<typeof OrderLineInputSchema>;

const lines = z.lazy(() =>
  z.array(OrderLineInputSchema).check(z.minLength(1), z.maxLength(ORDER_LIMITS.maxLines)),
);

/** POST /api/orders. */
export const PlaceOrderSchema = z.lazy(() =>
  z.strictObject({
    buyer: BuyerSchema,
    delivery: DeliveryChoiceSchema,
    payment: z.enum(PAYMENT_METHODS),
    lines,
    note: z.optional(
      z.pipe(
        z
          .string()
          .check(
            z.trim(),
            z.maxLength(ORDER_LIMITS.noteLength),
            z.regex(MULTI_LINE, 'No control characters'),
          ),
        z.transform((s: string) => s.normalize('NFC')),
      ),
    ),
  }),
);
export type PlaceOrderInput = z.infer<typeof PlaceOrderSchema>;

/** POST /api/orders/quote: the cart, priced by the server, nothing written. */
export const QuoteSchema = z.lazy(() =>
  z.strictObject({
    delivery: z.optional(z.enum(['pickup', 'ship'])),
    payment: z.optional(z.enum(PAYMENT_METHODS)),
    lines,
  }),
);
export type QuoteInput = z.infer<typeof QuoteSchema>;

// ---- the order ------------------------------------------------------------------------------

export const FULFILMENT_STATUSES = [
  'placed',
  'confirmed',
  'shipped',
  'delivered',
  'pickedUp',
  'cancelled',
  'expired',
] as const;
export type FulfilmentStatus = (typeof FULFILMENT_STATUSES)[number];
export const PAYMENT_STATUSES = ['unpaid', 'partially_paid', 'paid', 'overpaid'] as const;
export type PaymentStatus = (typeof PAYMENT_STATUSES)[number];
/** Fulfilment statuses after which an order changes no more (PII retention counts from here). */
export const ENDED: readonly FulfilmentStatus[] = ['delivered', 'pickedUp', 'cancelled', 'expired'];

export interface OrderLine {
  productId: string;
  kind: ProductKind;
  name: { vi: string; en?: string };
  unit: ProductUnit;
  /** Whole VND, the tier price for this quantity at the time of the order. */
  unitPrice: number;
  quantity: number;
  lineTotal: number;
  /** Services: the booked date. */
  date?: string;
}

export interface BankAccount {
  bin: string;
  accountNumber: string;
  holderName: string;
}

/** The seller as an order keeps it: the payee account and what the ledger snapshots. */
export interface OrderSeller {
  id: string;
  legalName: string;
  communeCode: string;
  sector: { code: string; classification: string };
  status: SellerStatus;
  bank: BankAccount;
  delivery: DeliveryOptions;
}

export interface OrderEvent {
  at: string;
  action: 'place' | OrderAction | 'expire' | 'pay';
  by: 'buyer' | 'seller' | 'system';
  reason?: string;
}

export interface Order {
  code: string;
  checkoutId: string;
  sellerId: string;
  sellerName: string;
  /** Seller snapshot for the ledger: commune, sector and its classification. */
  sellerCommuneCode: string;
  sellerSector: { code: string; classification: string };
  /** SHA-256 (hex) of the 128-bit access token the buyer's link carries. */
  accessTokenHash: string;
  /** Removed by the PII purge (PII_RETENTION_DAYS after the order ended). */
  buyer?: Buyer;
  delivery: { method: 'pickup'; pickupAddress?: string } | { method: 'ship'; address?: Address };
  payment: PaymentMethod;
  /** VietQR orders: the account the buyer pays into (the seller's approved account then). */
  payee?: BankAccount;
  note?: string;
  lines: OrderLine[];
  goodsAmount: number;
  servicesAmount: number;
  /** goodsAmount + servicesAmount. */
  subtotal: number;
  /** Apart from retail sales. */
  deliveryFee: number;
  total: number;
  amountPaid: number;
  status: FulfilmentStatus;
  paymentStatus: PaymentStatus;
  /** A ledger `sale` exists for this order (so undoing it writes a `cancellation`). */
  saleRecorded: boolean;
  createdAt: string;
  updatedAt: string;
  /** Unpaid VietQR orders: the payment deadline. */
  expiresAt?: string;
  endedAt?: string;
  cancelReason?: string;
  piiPurgedAt?: string;
  history: OrderEvent[];
  version: number;
}

export const amountDue = (order: Pick<Order, 'total' | 'amountPaid'>) =>
  Math.max(0, order.total - order.amountPaid);

// ---- pricing --------------------------------------------------------------------------------

/** Lines with the same product (and date) are one line: one stock or capacity action each. */
export function mergeLines(input: readonly OrderLineInput[]): OrderLineInput[] {
  const merged = new Map<string, OrderLineInput>();
  for (const line of input) {
    const key = `${line.productId}|${line.date ?? ''}`;
    const prev = merged.get(key);
    merged.set(key, prev ? { ...prev, quantity: prev.quantity + line.quantity } : { ...line });
  }
  return [...merged.values()];
}

/** A line that cannot be ordered, with the code the buyer sees beside it. */
export interface LineFailure {
  index: number;
  productId: string;
  date?: string;
  code: ErrorCode;
  /** order.outOfStock / order.capacityFull: what is left. */
  available?: number;
}

/** The checkout's answer when lines fail: 409 naming each one. */
export function linesFailed(failures: readonly LineFailure[]): AppError {
  return new AppError('order.linesUnavailable', 'Some lines cannot be ordered', {
    lines: failures,
  });
}

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The province's calendar date (Asia/Ho_Chi_Minh, UTC+7 all year); `provinceDate` under its older name. */
export const localDate = provinceDate;

/** Input rules that need the catalog: services need a date in range, goods none. */
function checkLineInput(line: OrderLineInput, index: number, product: Product, now: Date) {
  const kind = kindOf(product.category);
  const bad = (message: string) =>
    new AppError('request.invalid', message, {
      issues: [{ in: 'body', path: `lines.${index}.date`, code: 'custom', message }],
    });
  if (kind === 'goods' && line.date !== undefined) throw bad('Goods are not booked for a date');
  if (kind === 'service') {
    if (line.date === undefined) throw bad('A service needs a date');
    const today = provinceDate(now);
    if (line.date < today) throw bad('The date has passed');
    if (line.date > addDays(today, ORDER_LIMITS.bookingHorizonDays))
      throw bad('The date is too far ahead');
  }
}

export interface PricedLine extends OrderLine {
  /** Index in the merged lines (what failures name). */
  index: number;
}

export interface SellerGroup {
  seller: OrderSeller;
  lines: PricedLine[];
  goodsAmount: number;
  servicesAmount: number;
  subtotal: number;
  deliveryMethod: DeliveryMethod;
  deliveryFee: number;
  total: number;
}

export interface PriceResult {
  groups: SellerGroup[];
  failures: LineFailure[];
}

/**
 * Prices a cart from the catalog: merged lines, tier prices, each seller's subtotal, delivery fee
 * and total. Lines whose product is gone or not for sale, whose seller is not approved, or that
 * ask for more stock than the catalog shows, are failures (the transaction re-checks stock and
 * capacity at commit). `delivery` and `payment` are checked against each seller's options.
 */
export function priceCart(input: {
  lines: readonly OrderLineInput[];
  products: ReadonlyMap<string, Product>;
  sellers: ReadonlyMap<string, OrderSeller>;
  delivery: DeliveryMethod;
  payment: PaymentMethod;
  now: Date;
}): PriceResult {
  const failures: LineFailure[] = [];
  const groups = new Map<string, SellerGroup>();
  const merged = mergeLines(input.lines);
  merged.forEach((line, index) => {
    const at = { index, productId: line.productId, ...(line.date ? { date: line.date } : {}) };
    const product = input.products.get(line.productId);
    if (product?.status !== 'active') {
      failures.push({ ...at, code: 'product.unavailable' });
      return;
    }
    checkLineInput(line, index, product, input.now);
    const seller = input.sellers.get(product.sellerId);
    if (seller?.status !== 'approved') {
      failures.push({ ...at, code: 'seller.notApproved' });
      return;
    }
    const kind = kindOf(product.category);
    if (kind === 'goods' && (product.stock ?? 0) < line.quantity) {
      failures.push({ ...at, code: 'order.outOfStock', available: product.stock ?? 0 });
      return;
    }
    if (kind === 'service' && (product.capacityPerDate ?? 0) < line.quantity) {
      failures.push({ ...at, code: 'order.capacityFull', available: product.capacityPerDate ?? 0 });
      return;
    }
    const unitPrice = unitPriceFor(product, line.quantity);
    const priced: PricedLine = {
      index,
      productId: product.id,
      kind,
      name: product.name,
      unit: product.unit,
      unitPrice,
      quantity: line.quantity,
      lineTotal: unitPrice * line.quantity,
      ...(line.date ? { date: line.date } : {}),
    };
    let group = groups.get(seller.id);
    if (!group) {
      group = {
        seller,
        lines: [],
        goodsAmount: 0,
        servicesAmount: 0,
        subtotal: 0,
        deliveryMethod: input.delivery,
        deliveryFee: 0,
        total: 0,
      };
      groups.set(seller.id, group);
    }
    group.lines.push(priced);
  });

  for (const group of groups.values()) {
    group.goodsAmount = sum(group.lines.filter((l) => l.kind === 'goods').map((l) => l.lineTotal));
    group.servicesAmount = sum(
      group.lines.filter((l) => l.kind === 'service').map((l) => l.lineTotal),
    );
    group.subtotal = group.goodsAmount + group.servicesAmount;
    // Services travel with nobody: an order of services only is "picked up" (used on the date).
    const hasGoods = group.goodsAmount > 0;
    group.deliveryMethod = hasGoods ? input.delivery : 'pickup';
    if (hasGoods && !offers(group.seller.delivery, input.delivery)) {
      for (const line of group.lines)
        failures.push({
          index: line.index,
          productId: line.productId,
          code: 'order.deliveryUnavailable',
        });
    }
    if (input.payment === 'cod' && !group.seller.delivery.cod) {
      for (const line of group.lines)
        failures.push({
          index: line.index,
          productId: line.productId,
          code: 'order.codUnavailable',
        });
    }
    group.deliveryFee = deliveryFeeFor(
      group.seller.delivery,
      group.deliveryMethod,
      group.goodsAmount,
    );
    group.total = group.subtotal + group.deliveryFee;
  }
  failures.sort((a, b) => a.index - b.index);
  return { groups: [...groups.values()], failures };
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) throw new RangeError('Amount out of range');
  return total;
}

/** The order records of a priced checkout (one per seller). */
export function buildOrders(input: {
  groups: readonly SellerGroup[];
  body: PlaceOrderInput;
  checkoutId: string;
  codes: readonly string[];
  tokenHashes: readonly string[];
  now: Date;
  paymentMinutes: number;
}): Order[] {
  const at = input.now.toISOString();
  return input.groups.map((group, i) => {
    const vietqr = input.body.payment === 'vietqr';
    const delivery: Order['delivery'] =
      group.deliveryMethod === 'ship' && input.body.delivery.method === 'ship'
        ? { method: 'ship', address: input.body.delivery.address }
        : {
            method: 'pickup',
            ...(group.seller.delivery.pickup.address
              ? { pickupAddress: group.seller.delivery.pickup.address }
              : {}),
          };
    return {
      code: input.codes[i] as string,
      checkoutId: input.checkoutId,
      sellerId: group.seller.id,
      sellerName: group.seller.legalName,
      sellerCommuneCode: group.seller.communeCode,
      sellerSector: group.seller.sector,
      accessTokenHash: input.tokenHashes[i] as string,
      buyer: input.body.buyer,
      delivery,
      payment: input.body.payment,
      ...(vietqr ? { payee: group.seller.bank } : {}),
      ...(input.body.note ? { note: input.body.note } : {}),
      lines: group.lines.map(({ index: _i, ...line }) => line),
      goodsAmount: group.goodsAmount,
      servicesAmount: group.servicesAmount,
      subtotal: group.subtotal,
      deliveryFee: group.deliveryFee,
      total: group.total,
      amountPaid: 0,
      status: 'placed',
      paymentStatus: 'unpaid',
      saleRecorded: false,
      createdAt: at,
      updatedAt: at,
      ...(vietqr
        ? { expiresAt: new Date(input.now.getTime() + input.paymentMinutes * 60_000).toISOString() }
        : {}),
      history: [{ at, action: 'place', by: 'buyer' }],
      version: 1,
    };
  });
}

// ---- the state machine ----------------------------------------------------------------------

export const ORDER_ACTIONS = [
  'confirm',
  'ship',
  'deliver',
  'pickedUp',
  'cancel',
  'fulfil',
] as const;
export type OrderAction = (typeof ORDER_ACTIONS)[number];

export const OrderActionSchema = z.lazy(() =>
  z.discriminatedUnion('action', [
    z.strictObject({ action: z.enum(['confirm', 'ship', 'deliver', 'pickedUp', 'fulfil']) }),
    z.strictObject({
      action: z.literal('cancel'),
      reason: singleLine(3, ORDER_LIMITS.reasonLength),
    }),
  ]),
);
export type OrderActionInput = z.infer<typeof OrderActionSchema>;

const FROM: Record<OrderAction, readonly FulfilmentStatus[]> = {
  confirm: ['placed'],
  ship: ['confirmed'],
  deliver: ['shipped'],
  pickedUp: ['confirmed'],
  cancel: ['placed', 'confirmed'],
  // "Fulfil anyway": money arrived for an order that had expired or been cancelled.
  fulfil: ['expired', 'cancelled'],
};

const paidInFull = (order: Pick<Order, 'paymentStatus'>) =>
  order.paymentStatus === 'paid' || order.paymentStatus === 'overpaid';

/** How a refusal names an action (`${action}ed` gave "shiped" and "canceled"). */
const DONE: Record<OrderAction, string> = {
  confirm: 'confirmed',
  ship: 'shipped',
  deliver: 'delivered',
  pickedUp: 'picked up',
  cancel: 'cancelled',
  fulfil: 'fulfilled',
};

/** Why an action is not allowed now, or undefined when it is. */
export function refusal(order: Order, action: OrderAction): string | undefined {
  if (!FROM[action].includes(order.status))
    return `${order.status === 'expired' ? 'An' : 'A'} ${order.status} order cannot be ${DONE[action]}`;
  if (action === 'fulfil' && (order.payment !== 'vietqr' || !paidInFull(order)))
    return 'Only an order paid in full can be fulfilled after it ended';
  if (action === 'fulfil' && order.saleRecorded)
    return 'This order was already sold once; it cannot be reopened';
  if ((action === 'ship' || action === 'deliver') && order.delivery.method !== 'ship')
    return 'This order is picked up, not shipped';
  if (action === 'pickedUp' && order.delivery.method !== 'pickup')
    return 'This order is shipped, not picked up';
  if (
    (action === 'ship' || action === 'pickedUp') &&
    order.payment === 'vietqr' &&
    !paidInFull(order)
  )
    return 'A VietQR order is handed over only once it is paid in full';
  return undefined;
}

/** What the database must do besides saving the next order. */
export interface ActionEffects {
  /** Give the stock and capacity of every line back (cancel, expiry): at most once. */
  releaseStock: boolean;
  /** Ledger entry to append in the same transaction. */
  ledger?: 'sale' | 'cancellation';
  /** Money the seller must return (cancel of an order with money received). */
  refundDue?: number;
  /** Drop the order from the payment-expiry queue and the buyer's unpaid count. */
  leavesPaymentQueue: boolean;
  /**
   * "Fulfil anyway": take the stock and capacity of every line again (each on condition there is
   * enough), withdraw the order's open refund-due records (the money now pays the order) and owe
   * back only what goes beyond the total (`excess`).
   */
  fulfil?: { excess: number };
}

/**
 * Applies a seller's action: the next order and its effects, or order.actionNotAllowed (409).
 * COD orders become paid (cash received) and a sale when delivered or picked up. `fulfil` reopens
 * an expired or cancelled VietQR order that money paid in full (and was never a sale) into the
 * normal flow as `confirmed`, with its ledger sale.
 */
export function applyAction(
  order: Order,
  input: OrderActionInput,
  now: Date,
): { order: Order; effects: ActionEffects } {
  const why = refusal(order, input.action);
  if (why) {
    throw new AppError('order.actionNotAllowed', why, {
      action: input.action,
      status: order.status,
      paymentStatus: order.paymentStatus,
    });
  }
  const at = now.toISOString();
  const event: OrderEvent = {
    at,
    action: input.action,
    by: 'seller',
    ...(input.action === 'cancel' ? { reason: input.reason } : {}),
  };
  const base: Order = {
    ...order,
    updatedAt: at,
    history: [...order.history, event],
    version: order.version + 1,
  };
  const wasQueued =
    order.status === 'placed' && order.paymentStatus === 'unpaid' && order.expiresAt !== undefined;
  switch (input.action) {
    case 'confirm': {
      const { expiresAt: _e, ...next } = base;
      // A confirmed order is the seller's to finish or cancel: it no longer expires.
      return {
        order: { ...next, status: 'confirmed' },
        effects: { releaseStock: false, leavesPaymentQueue: wasQueued },
      };
    }
    case 'ship':
      return {
        order: { ...base, status: 'shipped' },
        effects: { releaseStock: false, leavesPaymentQueue: false },
      };
    case 'deliver':
    case 'pickedUp': {
      const status = input.action === 'deliver' ? 'delivered' : 'pickedUp';
      const ended = { ...base, status, endedAt: at } as Order;
      if (order.payment === 'cod') {
        return {
          order: { ...ended, amountPaid: order.total, paymentStatus: 'paid', saleRecorded: true },
          effects: { releaseStock: false, ledger: 'sale', leavesPaymentQueue: false },
        };
      }
      return { order: ended, effects: { releaseStock: false, leavesPaymentQueue: false } };
    }
    case 'fulfil': {
      const { endedAt: _e, cancelReason: _c, expiresAt: _x, ...next } = base;
      return {
        order: { ...next, status: 'confirmed', saleRecorded: true },
        effects: {
          releaseStock: false,
          leavesPaymentQueue: false,
          ledger: 'sale',
          fulfil: { excess: Math.max(0, order.amountPaid - order.total) },
        },
      };
    }
    case 'cancel': {
      const { expiresAt: _e, ...next } = base;
      return {
        order: { ...next, status: 'cancelled', endedAt: at, cancelReason: input.reason },
        effects: {
          releaseStock: true,
          leavesPaymentQueue: wasQueued,
          ...(order.saleRecorded ? { ledger: 'cancellation' as const } : {}),
          ...(order.amountPaid > 0 ? { refundDue: order.amountPaid } : {}),
        },
      };
    }
  }
}

/** The payment-expiry job: an unpaid, unconfirmed VietQR order past its deadline. */
export function isExpired(order: Order, now: Date): boolean {
  return (
    order.status === 'placed' &&
    order.paymentStatus === 'unpaid' &&
    order.expiresAt !== undefined &&
    order.expiresAt <= now.toISOString()
  );
}

export function expireOrder(order: Order, now: Date): Order {
  const at = now.toISOString();
  const { expiresAt: _e, ...rest } = order;
  return {
    ...rest,
    status: 'expired',
    endedAt: at,
    updatedAt: at,
    history: [...order.history, { at, action: 'expire', by: 'system' }],
    version: order.version + 1,
  };
}

/**
 * A payment of `amount` (whole VND) arrives (the payments issue calls this through
 * shared/db/orders.ts recordPayment): the next order and whether this makes it paid in full for
 * the first time (then a ledger `sale` is appended in the same transaction).
 */
export function applyPayment(
  order: Order,
  amount: number,
  now: Date,
): { order: Order; becamePaid: boolean } {
  if (!Number.isSafeInteger(amount) || amount <= 0)
    throw new RangeError('A payment is a positive whole VND amount');
  const amountPaid = order.amountPaid + amount;
  const paymentStatus: PaymentStatus =
    amountPaid < order.total ? 'partially_paid' : amountPaid === order.total ? 'paid' : 'overpaid';
  // Money for a cancelled or expired order is recorded but is no sale (nothing is handed over):
  // the seller fulfils it anyway (the `fulfil` action, stock permitting) or refunds it.
  const open = order.status !== 'cancelled' && order.status !== 'expired';
  const becamePaid =
    open && !order.saleRecorded && amountPaid >= order.total && order.payment === 'vietqr';
  const at = now.toISOString();
  const { expiresAt: _e, ...rest } = order;
  // Any money stops the payment clock: a partly paid order waits for the rest or the seller.
  return {
    order: {
      ...rest,
      amountPaid,
      paymentStatus,
      saleRecorded: order.saleRecorded || becamePaid,
      updatedAt: at,
      history: [...order.history, { at, action: 'pay', by: 'system' }],
      version: order.version + 1,
    },
    becamePaid,
  };
}
