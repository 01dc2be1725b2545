import { describe, expect, it } from 'vitest';
import { textCell } from '../../../shared/catalog/import/cells';
import {
  foldKey,
  parseDate,
  parseWholeNumber,
  splitList,
} from '../../../shared/catalog/import/values';

const whole = (text: string) => parseWholeNumber(textCell(text));

describe('parseWholeNumber: money is integer VND', () => {
  it.each([
    ['1250000', 1250000],
    ['1.250.000', 1250000],
    ['1,250,000', 1250000],
    ['1 250 000', 1250000],
    ['1\u00a0250\u00a0000', 1250000],
    ['1.250', 1250],
    ['  180000  ', 180000],
    ['1.250.000 đ', 1250000],
    ['1.250.000đ', 1250000],
    ['50.000₫', 50000],
    ['VND 50,000', 50000],
    ['120000 VNĐ', 120000],
    ['-5', -5],
    ['0', 0],
  ])('reads %j as %d', (text, value) => {
    expect(whole(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['1250000.5', 'not_integer'],
    ['1,5', 'not_integer'],
    ['1.25', 'not_integer'],
    ['1.250,00', 'not_integer'],
    ['1,250.000', 'not_integer'],
    ['12.50.000', 'not_integer'],
    ['abc', 'not_a_number'],
    ['1e6', 'not_a_number'],
    ['99999999999999999999', 'not_a_number'],
    ['=1+1', 'not_a_number'],
  ])('refuses %j as %s', (text, code) => {
    expect(whole(text)).toEqual({ ok: false, code });
  });

  it('takes integer number cells and refuses fractional ones', () => {
    expect(parseWholeNumber({ kind: 'number', value: 1250000, text: '1250000' })).toEqual({
      ok: true,
      value: 1250000,
    });
    // 1,234 typed in a comma-decimal locale is the number 1.234, not 1234.
    expect(parseWholeNumber({ kind: 'number', value: 1.234, text: '1.234' })).toEqual({
      ok: false,
      code: 'not_integer',
    });
  });

  it('refuses dates and formula errors', () => {
    expect(parseWholeNumber({ kind: 'date', text: '2026-01-01' }).ok).toBe(false);
    expect(parseWholeNumber({ kind: 'error', text: '#VALUE!' }).ok).toBe(false);
  });
});

describe('parseDate', () => {
  it.each([
    ['31/12/2027', '2027-12-31'],
    ['1/2/2027', '2027-02-01'],
    ['31-12-2027', '2027-12-31'],
    ['31.12.2027', '2027-12-31'],
    ['2027-12-31', '2027-12-31'],
  ])('reads %j day first', (text, iso) => {
    expect(parseDate(textCell(text))).toEqual({ ok: true, value: iso });
  });

  it.each(['31/02/2027', '2027-13-01', '12/31/2027', 'tomorrow', '2027/12/31'])(
    'refuses %j',
    (text) => {
      expect(parseDate(textCell(text))).toEqual({ ok: false, code: 'invalid_date' });
    },
  );

  it('takes date cells', () => {
    expect(parseDate({ kind: 'date', text: '2027-12-31' })).toEqual({
      ok: true,
      value: '2027-12-31',
    });
  });
});

describe('foldKey and splitList', () => {
  it('folds case, accents, đ and separators', () => {
    expect(foldKey('Hải sản KHÔ')).toBe('hai san kho');
    expect(foldKey('ĐANG_BÁN')).toBe('dang ban');
    expect(foldKey('  gia (price) ')).toBe('gia price');
  });

  it('splits lists on ; , | and line breaks', () => {
    expect(splitList('VietGAP; ASC,Hữu cơ\n|')).toEqual(['VietGAP', 'ASC', 'Hữu cơ']);
  });
});
