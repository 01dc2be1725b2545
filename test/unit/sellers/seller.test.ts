import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import {
  actionNeedsReason,
  applyProfileUpdate,
  BankAccountSchema,
  isSellerListed,
  newSeller,
  nextSellerStatus,
  normalisePhone,
  normaliseTaxCode,
  PasswordSchema,
  PhoneSchema,
  SELLER_ACTIONS,
  SELLER_STATUSES,
  type Seller,
  SellerProfileUpdateSchema,
  SellerSignUpSchema,
  sameBankAccount,
  TaxCodeSchema,
} from '../../../shared/sellers/seller';
import { sellerView } from '../../../shared/sellers/view';

/**
 * Tax codes are fixed, known values (check digits worked out by hand from the weights
 * 31 29 23 19 17 13 7 5 3, see the comments), never produced by a copy of the algorithm.
 */
describe('normaliseTaxCode', () => {
  it.each([
    // 10-digit enterprise codes with a valid check digit
    ['0100109106', '0100109106'],
    ['0100112437', '0100112437'],
    ['0300588569', '0300588569'],
    ['0101248141', '0101248141'],
    ['2001234565', '2001234565'],
    // check digit 0 (Σ ≡ 10 mod 11) and 9 (Σ ≡ 1 mod 11)
    ['0100100110', '0100100110'],
    ['0100100079', '0100100079'],
    // spaces and dots are ignored
    [' 0100 109 106 ', '0100109106'],
    ['0100.109.106', '0100109106'],
    // 13 digits: a branch number 001–999, with or without the dash; always written with it
    ['0100109106-001', '0100109106-001'],
    ['0100109106001', '0100109106-001'],
    ['0100109106-999', '0100109106-999'],
    ['0100109106-010', '0100109106-010'],
    // 12 digits: a personal identification number (households), kept as is
    ['079123456789', '079123456789'],
    ['001099000001', '001099000001'],
    ['079 123 456 789', '079123456789'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normaliseTaxCode(input)).toBe(expected);
  });

  it.each([
    ['0100109107', 'wrong check digit (6 expected)'],
    ['0100109105', 'wrong check digit (6 expected)'],
    ['0300588560', 'wrong check digit (9 expected)'],
    ['1000000080', 'Σ ≡ 0 mod 11: no check digit exists'],
    ['1000000089', 'Σ ≡ 0 mod 11: no check digit exists'],
    ['0100109106-000', 'branch 000'],
    ['0100109106000', 'branch 000 without the dash'],
    ['0100109107-001', 'branch of a code with a wrong check digit'],
    ['0100109106-01', 'two-digit branch'],
    ['0100109106-0001', 'four-digit branch'],
    ['0100109106--001', 'two dashes'],
    ['0100109106 -001x', 'trailing letter'],
    ['179123456789', '12 digits not starting with 0'],
    ['07912345678', '11 digits'],
    ['0791234567890', '13 digits starting with 0 that are not code + branch'],
    ['010010910', '9 digits'],
    ['01001O9106', 'a letter O'],
    ['', 'empty'],
    ['-001', 'branch only'],
    ['X079123456789', 'a letter before a 12-digit number'],
    ['1079123456789', '13 digits ending in a 12-digit number'],
  ])('refuses %j (%s)', (input) => {
    expect(normaliseTaxCode(input)).toBeUndefined();
  });

  it('TaxCodeSchema normalises or reports the rule', () => {
    expect(z.parse(TaxCodeSchema, '0100109106001')).toBe('0100109106-001');
    const result = z.safeParse(TaxCodeSchema, '0100109106-000');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      {
        code: 'custom',
        message: 'Invalid tax code or check digit',
        params: { rule: 'taxCode' },
        path: [],
      },
    ]);
    expect(z.safeParse(TaxCodeSchema, `0100109106${' '.repeat(20)}`).success).toBe(false);
  });
});

describe('normalisePhone', () => {
  it.each([
    ['0912345678', '0912345678'],
    ['0312345678', '0312345678'],
    ['0512345678', '0512345678'],
    ['0712345678', '0712345678'],
    ['0812345678', '0812345678'],
    ['+84912345678', '0912345678'],
    ['84912345678', '0912345678'],
    ['+84 91 234 5678', '0912345678'],
    ['(091) 234-5678', '0912345678'],
    ['091.234.5678', '0912345678'],
  ])('accepts %j as %j', (input, expected) => {
    expect(normalisePhone(input)).toBe(expected);
  });

  it.each([
    '0212345678', // landline prefix
    '0412345678',
    '0612345678',
    '091234567', // 9 digits
    '09123456789', // 11 digits
    '+840912345678', // both +84 and 0
    '912345678', // no prefix
    '0912345678x',
    '',
  ])('refuses %j', (input) => {
    expect(normalisePhone(input)).toBeUndefined();
  });

  it('PhoneSchema stores the normal form and names the rule it breaks', () => {
    expect(PhoneSchema.parse('+84 91 234 5678')).toBe('0912345678');
    const issue = PhoneSchema.safeParse('0212345678').error?.issues[0];
    expect(issue).toMatchObject({
      code: 'custom',
      message: 'Not a Vietnamese mobile number',
      params: { rule: 'phone' },
    });
    expect(PhoneSchema.safeParse('0'.repeat(21)).error?.issues[0]?.code).toBe('too_big');
  });
});

describe('BankAccountSchema', () => {
  const good = { bin: '970405', accountNumber: '7800205123456', holderName: 'Nguyễn  Văn Ân' };

  it('folds the holder name to the upper-case ASCII the bank prints', () => {
    expect(z.parse(BankAccountSchema, good)).toEqual({ ...good, holderName: 'NGUYEN VAN AN' });
    expect(z.parse(BankAccountSchema, { ...good, holderName: ' htx   tôm khô ' }).holderName).toBe(
      'HTX TOM KHO',
    );
  });

  it.each([
    ['an unknown bank', { bin: '123456' }],
    ['a 5-digit bin', { bin: '97040' }],
    ['a 5-character account number', { accountNumber: '12345' }],
    ['a 20-character account number', { accountNumber: '1'.repeat(20) }],
    ['punctuation in the account number', { accountNumber: '7800-205123' }],
    ['digits in the holder name', { holderName: 'NGUYEN VAN 2' }],
    ['a one-letter holder name', { holderName: 'A' }],
    ['a holder name starting with a space after folding', { holderName: '-AN' }],
    ['an extra field', { note: 'x' }],
  ])('refuses %s', (_name, change) => {
    expect(z.safeParse(BankAccountSchema, { ...good, ...change }).success).toBe(false);
  });

  it('accepts account numbers of 6 and 19 characters', () => {
    for (const accountNumber of ['123456', 'A'.repeat(19)])
      expect(z.safeParse(BankAccountSchema, { ...good, accountNumber }).success).toBe(true);
  });
});

describe('PasswordSchema', () => {
  it.each([
    ['abcd123456', true],
    ['aaabbbcccd', true], // 4 distinct characters
    ['aaabbbcccc', false], // 3 distinct
    ['abc123456', false], // 9 characters
    ['x'.repeat(10), false],
    [`${'abcd'.repeat(32)}`, true], // 128
    [`${'abcd'.repeat(32)}e`, false], // 129
  ])('%j → %s', (password, ok) => {
    expect(z.safeParse(PasswordSchema, password).success).toBe(ok);
  });
});

const signUp = {
  email: 'htx@example.vn',
  phone: '0912 345 678',
  password: 'Tôm-khô-Rạch-Gốc-2026',
  legalName: '  Hợp tác xã Tôm khô  ',
  type: 'cooperative',
  taxCode: '0100109106',
  communeCode: '32248',
  sectorCode: '1020',
  bank: { bin: '970405', accountNumber: '7800205123456', holderName: 'HTX Tom Kho' },
};

describe('SellerSignUpSchema', () => {
  it('normalises the fields', () => {
    const parsed = z.parse(SellerSignUpSchema, signUp);
    expect(parsed.phone).toBe('0912345678');
    expect(parsed.legalName).toBe('Hợp tác xã Tôm khô');
    expect(parsed.bank.holderName).toBe('HTX TOM KHO');
  });

  it('a 12-digit personal number is a tax code for households only', () => {
    const personal = { ...signUp, taxCode: '079123456789' };
    expect(z.safeParse(SellerSignUpSchema, { ...personal, type: 'household' }).success).toBe(true);
    for (const type of ['cooperative', 'enterprise']) {
      const result = z.safeParse(SellerSignUpSchema, { ...personal, type });
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([
        {
          code: 'custom',
          path: ['taxCode'],
          message: 'A personal number is a tax code for household businesses only',
          params: { rule: 'taxCodeForType' },
        },
      ]);
    }
    // a household may also use an enterprise-style code
    expect(z.safeParse(SellerSignUpSchema, { ...signUp, type: 'household' }).success).toBe(true);
  });

  it.each([
    ['taxCode', '0100109106-000'],
    ['communeCode', '99999'],
    ['communeCode', '3224'],
    ['sectorCode', '9'],
    ['sectorCode', '0000'],
    ['type', 'corporation'],
    ['email', 'not-an-email'],
    ['legalName', 'ab'],
  ])('refuses %s = %j', (field, value) => {
    const result = z.safeParse(SellerSignUpSchema, { ...signUp, [field]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });
});

describe('newSeller and applyProfileUpdate', () => {
  const now = new Date('2026-03-01T08:00:00.000Z');
  const later = new Date('2026-03-02T09:30:00.000Z');
  const seller = (): Seller => newSeller(z.parse(SellerSignUpSchema, signUp), 'sl-1', now);

  it('a new seller is pending, version 1, with the sector classification', () => {
    expect(seller()).toEqual({
      id: 'sl-1',
      legalName: 'Hợp tác xã Tôm khô',
      type: 'cooperative',
      taxCode: '0100109106',
      communeCode: '32248',
      sector: { code: '1020', classification: 'VSIC2025' },
      phone: '0912345678',
      email: signUp.email.toLowerCase(),
      bank: { bin: '970405', accountNumber: '7800205123456', holderName: 'HTX TOM KHO' },
      status: 'pending',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      version: 1,
    });
  });

  it('changes the fields given, bumps the version and keeps the rest', () => {
    const before = { ...seller(), status: 'approved' as const, version: 4 };
    const update = z.parse(SellerProfileUpdateSchema, {
      version: 4,
      legalName: 'HTX Mới',
      phone: '+84 387 654 321',
      communeCode: '32236',
      sectorCode: '0111',
    });
    expect(applyProfileUpdate(before, update, later)).toEqual({
      ...before,
      legalName: 'HTX Mới',
      phone: '0387654321',
      communeCode: '32236',
      sector: { code: '0111', classification: 'VSIC2025' },
      updatedAt: later.toISOString(),
      version: 5,
    });
  });

  it('an update with only the version changes nothing else', () => {
    const before = seller();
    const after = applyProfileUpdate(before, { version: 1 }, later);
    expect(after).toEqual({ ...before, updatedAt: later.toISOString(), version: 2 });
  });

  const otherBank = { bin: '970415', accountNumber: '0011001932418', holderName: 'HTX TOM KHO' };

  it('sameBankAccount compares bank, number and holder', () => {
    const bank = seller().bank;
    expect(sameBankAccount(bank, { ...bank })).toBe(true);
    expect(sameBankAccount(bank, { ...bank, bin: '970415' })).toBe(false);
    expect(sameBankAccount(bank, { ...bank, accountNumber: '7800205123457' })).toBe(false);
    expect(sameBankAccount(bank, { ...bank, holderName: 'HTX KHAC' })).toBe(false);
  });

  it("a pending seller's new bank account applies at once (the approval reviews it)", () => {
    const before = seller();
    const after = applyProfileUpdate(before, { version: 1, bank: otherBank }, later, 'ac-1');
    expect(after.bank).toEqual(otherBank);
    expect(after.pendingBank).toBeUndefined();
  });

  it("an approved seller's new bank account waits for review as pendingBank", () => {
    const before: Seller = { ...seller(), status: 'approved' };
    const after = applyProfileUpdate(before, { version: 1, bank: otherBank }, later, 'ac-1');
    expect(after.bank).toEqual(before.bank);
    expect(after.pendingBank).toEqual({
      ...otherBank,
      requestedAt: later.toISOString(),
      requestedBy: 'ac-1',
    });
    const anonymous = applyProfileUpdate(before, { version: 1, bank: otherBank }, later);
    expect(anonymous.pendingBank?.requestedBy).toBe('unknown');
  });

  it('a pending request stays through other edits and is withdrawn by asking for the approved account', () => {
    const approved: Seller = { ...seller(), status: 'approved' };
    const requested = applyProfileUpdate(approved, { version: 1, bank: otherBank }, later, 'ac-1');
    const edited = applyProfileUpdate(requested, { version: 2, legalName: 'HTX Mới' }, later);
    expect(edited.pendingBank).toEqual(requested.pendingBank);
    const withdrawn = applyProfileUpdate(edited, { version: 3, bank: approved.bank }, later);
    expect(withdrawn.pendingBank).toBeUndefined();
    expect(withdrawn.bank).toEqual(approved.bank);
    expect('pendingBank' in withdrawn).toBe(false);
  });

  it('a rejected seller saving its corrected profile is pending again (reason kept) and its new bank applies at once', () => {
    const rejected: Seller = {
      ...seller(),
      status: 'rejected',
      statusReason: 'Sai mã số thuế',
      lastStatusAction: 'reject',
      version: 2,
    };
    const after = applyProfileUpdate(rejected, { version: 2, bank: otherBank }, later, 'ac-1');
    expect(after).toMatchObject({
      status: 'pending',
      statusReason: 'Sai mã số thuế',
      bank: otherBank,
      version: 3,
    });
    expect(after.pendingBank).toBeUndefined();
    for (const status of ['approved', 'suspended', 'pending'] as const)
      expect(applyProfileUpdate({ ...rejected, status }, { version: 2 }, later).status).toBe(
        status,
      );
  });

  it('SellerProfileUpdateSchema refuses unknown fields and bad versions', () => {
    for (const body of [
      { version: 1, status: 'approved' },
      { version: 1, taxCode: '0100109106' },
      { version: 0 },
      { version: 1.5 },
      { legalName: 'HTX Mới' },
    ])
      expect(z.safeParse(SellerProfileUpdateSchema, body).success).toBe(false);
  });
});

describe('nextSellerStatus', () => {
  const table: Record<string, Record<string, string | undefined>> = {
    pending: {
      approve: 'approved',
      reject: 'rejected',
      suspend: 'suspended',
      reinstate: undefined,
    },
    approved: { approve: undefined, reject: undefined, suspend: 'suspended', reinstate: undefined },
    suspended: { approve: undefined, reject: undefined, suspend: undefined, reinstate: 'approved' },
    rejected: { approve: undefined, reject: undefined, suspend: undefined, reinstate: undefined },
  };
  it.each(
    SELLER_STATUSES.flatMap((status) =>
      SELLER_ACTIONS.map((action) => [status, action, table[status]?.[action]] as const),
    ),
  )('%s + %s → %s', (status, action, expected) => {
    expect(nextSellerStatus(status, action)).toBe(expected);
  });

  it('rejecting and suspending need a reason; approving and reinstating do not', () => {
    expect(SELLER_ACTIONS.filter(actionNeedsReason)).toEqual(['reject', 'suspend']);
  });

  it('only approved sellers are listed', () => {
    expect(SELLER_STATUSES.filter(isSellerListed)).toEqual(['approved']);
  });
});

describe('sellerView', () => {
  const base = newSeller(z.parse(SellerSignUpSchema, signUp), 'sl-2', new Date(0));

  it('adds the commune, sector and bank names', () => {
    expect(sellerView(base)).toEqual({
      ...base,
      communeName: 'Xã Đất Mũi',
      sector: {
        code: '1020',
        classification: 'VSIC2025',
        name: 'Chế biến, bảo quản thủy sản và các sản phẩm từ thủy sản',
        nameEn: 'Processing and preserving of fish, crustaceans and molluscs',
      },
      bank: { ...base.bank, bankName: 'Agribank' },
    });
  });

  it('shows null for codes that are no longer known', () => {
    const view = sellerView({
      ...base,
      communeCode: '00000',
      sector: { code: '0000', classification: 'VSIC2025' },
      bank: { ...base.bank, bin: '000000' },
    });
    expect(view.communeName).toBeNull();
    expect(view.sector).toEqual({
      code: '0000',
      classification: 'VSIC2025',
      name: null,
      nameEn: null,
    });
    expect(view.bank.bankName).toBeNull();
  });
});
