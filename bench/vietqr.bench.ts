/**
 * VietQR codec throughput against vietnam-qr-pay, measured in the same run (interleaved rounds).
 * Equivalent work: both sides encode the same fields to the same bytes (checked before timing) and
 * decode the same payloads, both verifying the CRC. Ours also validates every field, folds text and
 * looks the bank up, which the baseline does not.
 */
import { QRPay } from 'vietnam-qr-pay';
import { BANKS, decodeVietQr, encodeVietQr, type VietQrInput } from '../shared/vietqr/index';
import { type BenchModule, type Comparison, interleavedThroughput } from './harness';

const SAMPLES = 64;
const PURPOSES = [
  'ung ho lu lut',
  'Thanh toan don hang',
  'CS 2024 000123',
  'Chuyen tien',
  'DH7K2P9Q',
];

/** Deterministic inputs (a small LCG, so every run measures the same payloads). */
function sampleInputs(): VietQrInput[] {
  let seed = 20241123;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
  const inputs: VietQrInput[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    const bank = BANKS[next(BANKS.length)] ?? BANKS[0];
    const accountLength = 6 + next(14);
    let accountNumber = '';
    for (let d = 0; d < accountLength; d++) accountNumber += String(next(10));
    const input: VietQrInput = { bin: bank?.bin ?? '970415', accountNumber };
    if (next(4) > 0) input.amount = 1000 * (1 + next(5_000_000));
    input.purpose = `${PURPOSES[next(PURPOSES.length)]} ${next(100_000)}`;
    if (next(3) === 0) input.billNumber = `HD${next(1_000_000)}`;
    inputs.push(input);
  }
  return inputs;
}

function encodeWithBaseline(input: VietQrInput, amount: string | undefined): string {
  const qr = QRPay.initVietQR({
    bankBin: input.bin,
    bankNumber: input.accountNumber,
    amount,
    purpose: input.purpose,
  });
  if (input.billNumber) qr.additionalData.billNumber = input.billNumber;
  return qr.build();
}

const bench: BenchModule = {
  description: 'VietQR encode/decode throughput: shared/vietqr against vietnam-qr-pay',
  async run() {
    const inputs = sampleInputs();
    // the baseline takes the amount as a string: convert once, outside the timed loop
    const amounts = inputs.map((input) =>
      input.amount === undefined ? undefined : String(input.amount),
    );
    const payloads = inputs.map((input) => encodeVietQr(input));
    inputs.forEach((input, i) => {
      const theirs = encodeWithBaseline(input, amounts[i]);
      if (theirs !== payloads[i]) throw new Error(`encoders disagree:\n${payloads[i]}\n${theirs}`);
      if (!decodeVietQr(theirs).ok || !new QRPay(theirs).isValid) throw new Error('decode failed');
    });

    let sink = 0;
    let e = 0;
    let d = 0;
    const encode = interleavedThroughput({
      ours: () => {
        const i = e++ & (SAMPLES - 1);
        sink += encodeVietQr(inputs[i] as VietQrInput).length;
      },
      baseline: () => {
        const i = e++ & (SAMPLES - 1);
        sink += encodeWithBaseline(inputs[i] as VietQrInput, amounts[i]).length;
      },
    });
    const decode = interleavedThroughput({
      ours: () => {
        const result = decodeVietQr(payloads[d++ & (SAMPLES - 1)] as string);
        sink += result.ok ? result.value.accountNumber.length : -1;
      },
      baseline: () => {
        const qr = new QRPay(payloads[d++ & (SAMPLES - 1)] as string);
        sink += qr.isValid ? (qr.consumer.bankNumber?.length ?? 0) : -1;
      },
    });
    if (sink === 0) console.log('(sink)');

    const row = (figure: string, r: Record<string, number>, ratio: number): Comparison => ({
      figure,
      unit: 'ops/s',
      value: r.ours ?? Number.NaN,
      baselineName: 'vietnam-qr-pay',
      baseline: r.baseline ?? Number.NaN,
      higherIsBetter: true,
      goal: { ratio, comparison: 'atLeast' },
    });
    return [row('encode throughput', encode, 3), row('decode throughput', decode, 2)];
  },
};

export default bench;
