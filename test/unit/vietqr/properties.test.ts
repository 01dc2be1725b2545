import fc from 'fast-check';
import { QRPay, VietQRService } from 'vietnam-qr-pay';
import { describe, expect, it } from 'vitest';
import {
  BANKS,
  decodeVietQr,
  encodeVietQr,
  foldToAscii,
  MAX_AMOUNT,
  type VietQrInput,
} from '../../../shared/vietqr/index';
import { runs } from './runs';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const chars = (alphabet: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });

/** Words of `alphabet` joined by single spaces: already folded, at most `maxLength`. */
const words = (alphabet: string, maxLength: number) =>
  fc
    .array(chars(alphabet, 1, 8), { minLength: 1, maxLength: 4 })
    .map((parts) => parts.join(' '))
    .filter((text) => text.length <= maxLength);

const VIETNAMESE =
  'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵĐĂÂÊÔƠƯ ';

const amount = fc.oneof(
  fc.integer({ min: 1, max: 10_000_000 }),
  fc.maxSafeNat().map((n) => 1 + (n % MAX_AMOUNT)),
  fc.constant(MAX_AMOUNT),
);

/** Any input encodeVietQr must accept, with its text already in folded form. */
const validInput: fc.Arbitrary<VietQrInput> = fc
  .record(
    {
      bin: fc.oneof(fc.constantFrom(...BANKS.map((bank) => bank.bin)), chars('0123456789', 6, 6)),
      card: fc.boolean(),
      accountNumber: chars(ALNUM, 1, 19),
      cardNumber: chars('0123456789', 1, 19),
      amount,
      purpose: words(ALNUM, 25),
      billNumber: words(`${ALNUM}.,-/`, 25),
      referenceLabel: words(`${ALNUM}.,-/`, 25),
      terminalLabel: words(`${ALNUM}.,-/`, 25),
      merchantName: words(`${ALNUM}.,-/`, 25),
      merchantCity: words(`${ALNUM}.,-/`, 15),
    },
    { requiredKeys: ['bin', 'card', 'accountNumber', 'cardNumber'] },
  )
  .map(({ card, cardNumber, accountNumber, ...rest }) => {
    const input: VietQrInput = { ...rest, accountNumber: card ? cardNumber : accountNumber };
    if (card) input.service = 'card';
    return input;
  })
  .filter(
    (input) =>
      [input.purpose, input.billNumber, input.referenceLabel, input.terminalLabel].reduce(
        (sum, text) => sum + (text ? 4 + text.length : 0),
        0,
      ) <= 99,
  );

/** What decodeVietQr must give back for an input (text folded, defaults filled in). */
function expectedFields(input: VietQrInput) {
  const fields: Record<string, unknown> = {
    initiation: input.amount === undefined ? 'static' : 'dynamic',
    bin: input.bin,
    accountNumber: input.accountNumber,
    service: input.service ?? 'account',
  };
  if (input.amount !== undefined) fields.amount = input.amount;
  for (const key of [
    'purpose',
    'billNumber',
    'referenceLabel',
    'terminalLabel',
    'merchantName',
    'merchantCity',
  ] as const) {
    const value = input[key];
    if (value !== undefined) fields[key] = foldToAscii(value);
  }
  return fields;
}

describe('round trip', () => {
  it('decodes every valid input back to the same fields', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const result = decodeVietQr(encodeVietQr(input));
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const { bank, crc, ...fields } = result.value;
        expect(fields).toEqual(expectedFields(input));
      }),
      { numRuns: runs(1000) },
    );
  });

  it('round-trips Vietnamese text through folding', () => {
    const vietnamese = fc
      .string({ unit: fc.constantFrom(...VIETNAMESE), minLength: 1, maxLength: 40 })
      .filter((text) => {
        const folded = foldToAscii(text);
        return folded.length > 0 && folded.length <= 25;
      });
    fc.assert(
      fc.property(vietnamese, (purpose) => {
        const folded = foldToAscii(purpose);
        expect(folded).toMatch(/^[A-Za-z]+( [A-Za-z]+)*$/);
        const result = decodeVietQr(
          encodeVietQr({ bin: '970415', accountNumber: '1', amount: 1, purpose }),
        );
        expect(result.ok && result.value.purpose).toBe(folded);
      }),
      { numRuns: runs(500) },
    );
  });

  it('keeps every payload within EMVCo limits: 512 characters, templates at most 99', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const payload = encodeVietQr(input);
        expect(payload.length).toBeLessThanOrEqual(512);
        expect(payload).toMatch(/^[\x20-\x7e]+$/);
        expect(payload).toMatch(/6304[0-9A-F]{4}$/);
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('single-character changes', () => {
  it('rejects any payload with one character replaced (except the case of a CRC hex letter)', () => {
    const replacement = fc.oneof(
      fc.integer({ min: 0x20, max: 0x7e }),
      fc.integer({ min: 0, max: 0xffff }),
    );
    fc.assert(
      fc.property(validInput, fc.nat(), replacement, (input, at, code) => {
        const payload = encodeVietQr(input);
        const index = at % payload.length;
        const original = payload.charAt(index);
        const changed = String.fromCharCode(code);
        fc.pre(changed !== original);
        // reading accepts lowercase CRC digits: C15C and c15C are the same CRC
        fc.pre(!(index >= payload.length - 4 && changed.toUpperCase() === original));
        const mutated = payload.slice(0, index) + changed + payload.slice(index + 1);
        expect(decodeVietQr(mutated).ok).toBe(false);
      }),
      { numRuns: runs(3000) },
    );
  });
});

describe('vietnam-qr-pay as an oracle', () => {
  it('parses our payloads to the same fields and validates our CRC', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const qr = new QRPay(encodeVietQr(input));
        const folded = expectedFields(input);
        expect(qr.isValid).toBe(true);
        expect(qr.provider.guid).toBe('A000000727');
        expect(qr.initMethod).toBe(input.amount === undefined ? '11' : '12');
        expect(qr.consumer.bankBin).toBe(input.bin);
        expect(qr.consumer.bankNumber).toBe(input.accountNumber);
        expect(qr.provider.service).toBe(input.service === 'card' ? 'QRIBFTTC' : 'QRIBFTTA');
        expect(qr.amount).toBe(input.amount === undefined ? undefined : String(input.amount));
        expect(qr.currency).toBe('704');
        expect(qr.nation).toBe('VN');
        expect(qr.merchant.name).toBe(folded.merchantName);
        expect(qr.city).toBe(folded.merchantCity);
        expect(qr.additionalData.purpose).toBe(folded.purpose);
        expect(qr.additionalData.billNumber).toBe(folded.billNumber);
        expect(qr.additionalData.reference).toBe(folded.referenceLabel);
        expect(qr.additionalData.terminal).toBe(folded.terminalLabel);
      }),
      { numRuns: runs(500) },
    );
  });

  it('builds byte-identical payloads from the same fields', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const folded = expectedFields(input) as Record<string, string | undefined>;
        const qr = QRPay.initVietQR({
          bankBin: input.bin,
          bankNumber: input.accountNumber,
          amount: input.amount === undefined ? undefined : String(input.amount),
          purpose: folded.purpose,
          service:
            input.service === 'card'
              ? VietQRService.BY_CARD_NUMBER
              : VietQRService.BY_ACCOUNT_NUMBER,
        });
        qr.additionalData.billNumber = folded.billNumber;
        qr.additionalData.reference = folded.referenceLabel;
        qr.additionalData.terminal = folded.terminalLabel;
        qr.merchant.name = folded.merchantName;
        qr.city = folded.merchantCity;
        expect(encodeVietQr(input)).toBe(qr.build());
      }),
      { numRuns: runs(500) },
    );
  });

  it('agrees with our decoder on payloads the oracle itself built', () => {
    fc.assert(
      fc.property(validInput, (input) => {
        const qr = QRPay.initVietQR({
          bankBin: input.bin,
          bankNumber: input.accountNumber,
          amount: input.amount === undefined ? undefined : String(input.amount),
          purpose: input.purpose,
        });
        const result = decodeVietQr(qr.build());
        expect(result.ok).toBe(true);
        expect(result.ok && result.value.accountNumber).toBe(input.accountNumber);
        expect(result.ok && result.value.amount).toBe(input.amount);
      }),
      { numRuns: runs(300) },
    );
  });
});
