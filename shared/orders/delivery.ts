import * as z from 'zod/mini';

/**
 * A seller's delivery options: pickup (with where), shipping (a flat fee, free above an amount of
 * goods) and cash on delivery. Stored on the seller profile; the checkout computes the fee from
 * them. Pure.
 */
export const DELIVERY_LIMITS = {
  addressLength: 300,
  maxFee: 10_000_000,
  maxFreeAbove: 1_000_000_000,
};

const SINGLE_LINE = /^[^\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]*$/u;
const address = z.lazy(() =>
  z.pipe(
    z
      .string()
      .check(
        z.trim(),
        z.minLength(3),
        z.maxLength(DELIVERY_LIMITS.addressLength),
        z.regex(SINGLE_LINE, 'One line, no control characters'),
      ),
    z.transform((s: string) => s.normalize('NFC')),
  ),
);

export const DeliveryOptionsSchema = z.lazy(() =>
  z
    .strictObject({
      pickup: z.strictObject({
        enabled: z.boolean(),
        /** Where buyers pick up (required when enabled). */
        address: z.optional(address),
      }),
      shipping: z.strictObject({
        enabled: z.boolean(),
        /** Flat fee per order, whole VND. */
        fee: z.int().check(z.minimum(0), z.maximum(DELIVERY_LIMITS.maxFee)),
        /** Goods subtotal from which shipping is free (absent: never free). */
        freeAbove: z.optional(z.int().check(z.minimum(1), z.maximum(DELIVERY_LIMITS.maxFreeAbove))),
      }),
      /** Cash on delivery allowed. */
      cod: z.boolean(),
    })
    .check(
      z.refine((v) => !v.pickup.enabled || v.pickup.address !== undefined, {
        message: 'Pickup needs an address',
        path: ['pickup', 'address'],
      }),
    ),
);
export type DeliveryOptions = z.infer<typeof DeliveryOptionsSchema>;

/** Until a seller sets options: pickup by arrangement, no shipping, no cash on delivery. */
export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  pickup: { enabled: true },
  shipping: { enabled: false, fee: 0 },
  cod: false,
};

export type DeliveryMethod = 'pickup' | 'ship';

/** Whether a seller offers a delivery method. */
export const offers = (options: DeliveryOptions, method: DeliveryMethod): boolean =>
  method === 'pickup' ? options.pickup.enabled : options.shipping.enabled;

/** The delivery fee of an order with `goodsSubtotal` of goods (services travel with nobody). */
export function deliveryFeeFor(
  options: DeliveryOptions,
  method: DeliveryMethod,
  goodsSubtotal: number,
): number {
  if (method === 'pickup' || goodsSubtotal === 0) return 0;
  const { fee, freeAbove } = options.shipping;
  return freeAbove !== undefined && goodsSubtotal >= freeAbove ? 0 : fee;
}
