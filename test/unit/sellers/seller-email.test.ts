import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { newSeller, SellerSignUpSchema } from '../../../shared/sellers/seller';

describe('newSeller keeps the sign-up email for officers', () => {
  const signUp = z.parse(SellerSignUpSchema, {
    email: 'htx@example.vn',
    phone: '0912 345 678',
    password: 'Tôm-khô-Rạch-Gốc-2026',
    legalName: 'Hợp tác xã Tôm khô',
    type: 'cooperative',
    taxCode: '0100109106',
    communeCode: '32248',
    sectorCode: '1020',
    bank: { bin: '970405', accountNumber: '7800205123456', holderName: 'HTX Tom Kho' },
  });

  it('trimmed and in lower case, whatever the caller passes', () => {
    const seller = newSeller(
      { ...signUp, email: '  HTX.TomKho@Example.VN \t' },
      'sl-1',
      new Date(0),
    );
    expect(seller.email).toBe('htx.tomkho@example.vn');
  });
});
