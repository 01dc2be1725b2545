/** Money is integer đồng: no floats, no minor units. */
export type Vnd = number;

export const isVnd = (value: unknown): value is Vnd =>
  typeof value === 'number' && Number.isSafeInteger(value);

/**
 * Made on first use: constructing an Intl formatter loads the locale's ICU data, ~10 ms CPU that
 * every cold start of a function importing this module paid (docs/architecture.md, Cold starts).
 */
let vndFormat: Intl.NumberFormat | undefined;

/** `1.250.000 ₫`: vi-VN grouping with dots, a no-break space, then the đồng sign. */
export function formatVnd(amount: Vnd): string {
  if (!isVnd(amount)) throw new RangeError(`Not an integer VND amount: ${amount}`);
  vndFormat ??= new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
  return `${vndFormat.format(amount)}\u00a0₫`;
}
