/**
 * The province's calendar date (YYYY-MM-DD) at an instant. Asia/Ho_Chi_Minh has been UTC+7 all
 * year, without daylight saving, since 1975, so no time-zone database is needed. Its own module:
 * date helpers must not drag the order, seller and product schemas into a function's bundle.
 */
export const provinceDate = (at: Date): string =>
  new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
