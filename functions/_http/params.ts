import * as z from 'zod/mini';

/** A whole number in a query string (digits only: no signs, exponents or spaces). */
export const wholeParam = (min: number, max: number) =>
  z.pipe(
    z.string().check(z.regex(/^\d{1,10}$/, 'A whole number')),
    z.pipe(z.transform(Number), z.int().check(z.minimum(min), z.maximum(max))),
  );

/** An opaque pagination cursor as it may appear in a query string. */
export const CursorParam = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,1024}$/));
