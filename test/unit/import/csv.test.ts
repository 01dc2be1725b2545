import { describe, expect, it } from 'vitest';
import {
  CsvSyntaxError,
  csvField,
  decodeText,
  detectDelimiter,
  parseCsv,
  writeCsv,
} from '../../../shared/catalog/import/csv';

describe('parseCsv (RFC 4180 and what Excel writes)', () => {
  it('reads plain records with CRLF, LF or CR line ends', () => {
    expect(parseCsv('a,b\r\n1,2\r\n').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a,b\n1,2').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
    expect(parseCsv('a,b\r1,2\r').rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('keeps separators, doubled quotes and line breaks inside quoted fields', () => {
    const text = 'ten,mo_ta\r\n"Tôm khô, loại 1","Dòng 1\r\nDòng 2 ""ngon"""\r\n';
    expect(parseCsv(text).rows).toEqual([
      ['ten', 'mo_ta'],
      ['Tôm khô, loại 1', 'Dòng 1\r\nDòng 2 "ngon"'],
    ]);
  });

  it('drops the UTF-8 byte-order mark', () => {
    expect(parseCsv('\uFEFFten,gia\r\nMật ong,1').rows[0]).toEqual(['ten', 'gia']);
  });

  it('detects semicolons (Excel with a Vietnamese locale) from the header line', () => {
    const table = parseCsv('ten;gia\r\n"Cua; Cà Mau";1.250.000\r\n');
    expect(table.delimiter).toBe(';');
    expect(table.rows[1]).toEqual(['Cua; Cà Mau', '1.250.000']);
  });

  it('honours an Excel sep= line and skips it', () => {
    const table = parseCsv('sep=;\r\nten;gia,ghi chu\r\nA;1,5\r\n');
    expect(table.delimiter).toBe(';');
    expect(table.rows).toEqual([
      ['ten', 'gia,ghi chu'],
      ['A', '1,5'],
    ]);
  });

  it('detects tabs', () => {
    expect(detectDelimiter('a\tb\tc\n1,2\t3')).toBe('\t');
  });

  it('ignores separators inside quotes when detecting', () => {
    expect(detectDelimiter('"a;b;c;d",x,y\n')).toBe(',');
  });

  it('keeps empty fields and empty lines as records', () => {
    expect(parseCsv('a,,c\r\n\r\n,\r\n').rows).toEqual([['a', '', 'c'], [''], ['', '']]);
  });

  it('keeps a quote inside an unquoted field as a character', () => {
    expect(parseCsv('a,5" screen\r\n').rows).toEqual([['a', '5" screen']]);
  });

  it('refuses a quoted field left open, naming its record and line', () => {
    expect(() => parseCsv('a,b\r\n1,"open\r\nstill open')).toThrowError(CsvSyntaxError);
    try {
      parseCsv('a,b\r\n1,"open\r\nstill open');
    } catch (err) {
      expect(err).toMatchObject({ row: 2, line: 2 });
    }
  });

  it('refuses text after a closing quote', () => {
    expect(() => parseCsv('"a"b,c')).toThrowError(/closing quote/);
  });

  it('counts records, not physical lines, so row numbers match the spreadsheet', () => {
    const rows = parseCsv('h\r\n"x\r\ny"\r\nz\r\n').rows;
    expect(rows).toHaveLength(3);
    expect(rows[2]).toEqual(['z']);
  });
});

describe('decodeText', () => {
  it('reads UTF-8 and drops the BOM', () => {
    const bytes = new TextEncoder().encode('\uFEFFTôm khô');
    expect(decodeText(bytes)).toEqual({ text: 'Tôm khô', encoding: 'utf-8' });
  });

  it('falls back to Windows-1258 (Excel "CSV" on Vietnamese Windows) and composes tone marks', () => {
    // "Tôm khô" with ố written as ô (0xF4) + combining acute (0xEC), as Windows-1258 does.
    const bytes = Uint8Array.from([0x54, 0xf4, 0x6d, 0x20, 0x6b, 0x68, 0xf4, 0xec]);
    const out = decodeText(bytes);
    expect(out.encoding).toBe('windows-1258');
    expect(out.text).toBe('Tôm khố');
    expect(out.text).toBe(out.text.normalize('NFC'));
  });
});

describe('writeCsv', () => {
  it('writes a BOM, CRLF and quotes only what needs quoting', () => {
    expect(writeCsv([['a', 'b,c', 'say "hi"', 'x\ny', ' pad']])).toBe(
      '\uFEFFa,"b,c","say ""hi""","x\ny"," pad"\r\n',
    );
  });

  it('round-trips through parseCsv', () => {
    const rows = [
      ['tên', 'mô tả'],
      ['Cua, gạch', 'Dòng 1\r\nDòng "2"'],
      ['', ';'],
    ];
    expect(parseCsv(writeCsv(rows)).rows).toEqual(rows);
    expect(parseCsv(writeCsv(rows, ';')).rows).toEqual(rows);
  });

  it('quotes with the separator in use', () => {
    expect(csvField('a;b', ';')).toBe('"a;b"');
    expect(csvField('a;b', ',')).toBe('a;b');
  });
});
