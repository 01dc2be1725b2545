import { describe, expect, it } from 'vitest';
import { sellerSession } from '../../helpers/auth';
import { call } from '../../helpers/call';

/**
 * `variantOf` (the 480 px copy of a main picture): each refusal names the field and says why,
 * so the seller's page can tell a wrong key from another seller's image from a type mismatch.
 */
const UUID = '0b9e1f4e-3a6d-4f39-9a47-3c1f1f2d9a10';

describe('POST /api/seller/uploads with variantOf', () => {
  it('says which rule the key broke', async () => {
    const s = await sellerSession();
    const other = await sellerSession();
    const own = `img/${s.sellerId}/${UUID}.png`;
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { contentType: 'image/png', variantOf: `img/${s.sellerId}/${UUID}-w480.png` },
        'Not a main image key',
      ],
      [{ contentType: 'image/png', variantOf: 'not-a-key' }, 'Not a main image key'],
      [
        { contentType: 'image/png', variantOf: `img/${other.sellerId}/${UUID}.png` },
        'Not your upload',
      ],
      [
        { contentType: 'image/jpeg', variantOf: own },
        'The small copy has the type of its main image',
      ],
    ];
    for (const [body, message] of cases) {
      const res = await call('POST /api/seller/uploads', {
        headers: s.headers,
        body: { contentLength: 10, ...body },
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('request.invalid');
      expect(res.body.error.message).toBe('variantOf must be one of your image keys, same type');
      expect(res.body.error.details).toEqual({
        issues: [{ in: 'body', path: 'variantOf', code: 'custom', message }],
      });
    }
  });
});
