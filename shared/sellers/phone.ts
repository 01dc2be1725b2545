import * as z from 'zod/mini';

/**
 * Phone numbers, and the helper for fields stored in a normalised form. Apart from the seller
 * module: buyers' and officers' phones use them too, and an order function must not carry the
 * seller schemas with the bank and sector lists for one phone rule.
 */

/** Vietnamese mobile numbers: 03x 05x 07x 08x 09x + 7 digits; +84/84 accepted; → 0xxxxxxxxx. */
export function normalisePhone(input: string): string | undefined {
  const compact = input.replace(/[\s.()-]/g, '');
  const m = /^(?:\+?84|0)([35789]\d{8})$/.exec(compact);
  return m ? `0${m[1]}` : undefined;
}

/** A string normalised by `normalise`, or an issue naming the rule when it returns undefined. */
export const normalised = (
  max: number,
  normalise: (v: string) => string | undefined,
  message: string,
  rule: string,
) =>
  z.pipe(
    z.string().check(z.maxLength(max)),
    z.transform((v: string, ctx) => {
      const out = normalise(v);
      if (out === undefined)
        ctx.issues.push({ code: 'custom', message, input: v, params: { rule } });
      return out ?? v;
    }),
  );

export const PhoneSchema = z.lazy(() =>
  normalised(20, normalisePhone, 'Not a Vietnamese mobile number', 'phone'),
);
