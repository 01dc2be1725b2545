import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseWholeNumber } from '../../../shared/catalog/import/values';
import { parseMoneyInput } from '../../../shared/money-input';

const value = (text: string) => {
  const r = parseMoneyInput(text);
  return r.ok ? r.value : r.code;
};

describe('parseMoneyInput', () => {
  it.each([
    ['150000', 150000],
    ['150.000', 150000],
    ['150,000', 150000],
    ['150 000', 150000],
    ['1.200.000đ', 1200000],
    ['1.200.000 đ', 1200000],
    ['1.200.000 ₫', 1200000],
    ['1.200.000₫', 1200000],
    ['1.200.000 đồng', 1200000],
    ['1.200.000 VND', 1200000],
    ['VND 1,200,000', 1200000],
    ['₫1.200.000', 1200000],
    ['  250000  ', 250000],
    ['0', 0],
  ])('reads %s as the import does: %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each([
    ['150k', 150000],
    ['150K', 150000],
    ['150 k', 150000],
    ['150kđ', 150000],
    ['150k đ', 150000],
    ['150 nghìn', 150000],
    ['150 nghin', 150000],
    ['150 ngàn', 150000],
    ['150 ngàn đồng', 150000],
    ['1,5k', 1500],
    ['1.5k', 1500],
    ['1k5', 1500],
    ['1.500k', 1500000],
    ['1,2tr', 1200000],
    ['1.2tr', 1200000],
    ['1.2 triệu', 1200000],
    ['1,25 triệu', 1250000],
    ['1 triệu', 1000000],
    ['1 trieu', 1000000],
    ['1tr2', 1200000],
    ['2tr50', 2500000],
    ['1tr250', 1250000],
    ['1,5 củ', 1500000],
    ['3m', 3000000],
    ['2 tỷ', 2000000000],
    ['1 triệu 200 nghìn', 1200000],
    ['1tr200k', 1200000],
    ['2 tỷ 300 triệu', 2300000000],
    ['1 triệu 200 nghìn đồng', 1200000],
  ])('reads %s as %d', (text, expected) => {
    expect(value(text)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['abc', 'not_a_number'],
    ['đ', 'not_a_number'],
    ['150 xu', 'not_a_number'],
    ['150k 2tr', 'not_a_number'], // smaller unit first
    ['1k 1k', 'not_a_number'],
    ['1tr2345', 'not_a_number'], // more than three digits after the word
    ['k150', 'not_a_number'],
    ['1.250,00', 'not_integer'],
    ['1250000.5', 'not_integer'],
    ['12,5', 'not_integer'],
    ['1,2345k', 'not_integer'],
    ['1.5', 'not_integer'],
    ['-150k', 'not_a_number'],
    ['99999999999 tỷ', 'not_a_number'],
  ])('refuses %j (%s)', (text, code) => {
    expect(value(text)).toBe(code);
  });

  it('a negative plain number parses (the schema then names the minimum)', () => {
    expect(value('-5')).toBe(-5);
  });

  it('agrees with the import on every text without a unit word', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9., ]{1,12}$/), (text) => {
        const a = parseMoneyInput(text);
        const b = parseWholeNumber({ kind: 'text', text });
        if (text.trim() === '') return;
        expect(a.ok).toBe(b.ok);
        if (a.ok && b.ok) expect(a.value).toBe(b.value);
      }),
    );
  });

  it('reads back any amount written as N k, N.NNN.NNN đ or N triệu', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        expect(value(`${n}k`)).toBe(n * 1000);
        expect(value(`${n.toLocaleString('vi-VN')} đ`)).toBe(n);
        expect(value(`${n} triệu`)).toBe(n * 1_000_000);
      }),
    );
  });
});
