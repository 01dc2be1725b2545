import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldText,
  makeSearchDoc,
  minMatches,
  queryTokens,
  scoreDoc,
  TokenIndex,
  tokenize,
} from '../../../shared/catalog/search';

const doc = (vi: string, description = '', en?: string) =>
  makeSearchDoc({ name: { vi, ...(en ? { en } : {}) }, description: { vi: description } });

/** Names ranked for a query, best first, ties by name (as the listing breaks them by id). */
function rank(query: string, docs: Record<string, ReturnType<typeof doc>>): string[] {
  const tokens = queryTokens(query);
  return Object.entries(docs)
    .map(([name, d]) => [name, scoreDoc(tokens, d)] as const)
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([name]) => name);
}

describe('foldText and tokenize', () => {
  it('drops accents, folds đ/Đ, lower-cases and collapses spaces', () => {
    expect(foldText('  Tôm KHÔ   Đất Mũi ')).toBe('tom kho dat mui');
    expect(foldText('Mật ong rừng tràm U Minh Hạ')).toBe('mat ong rung tram u minh ha');
    expect(foldText('Cà Mau'.normalize('NFD'))).toBe('ca mau');
    expect(foldText('ĐẶC SẢN ĐƯỜNG THỐT NỐT')).toBe('dac san duong thot not');
  });

  it('splits on anything but letters and digits', () => {
    expect(tokenize('Gạo ST25 lúa–tôm, túi 5kg!')).toEqual([
      'gao',
      'st25',
      'lua',
      'tom',
      'tui',
      '5kg',
    ]);
  });

  it('keeps distinct query tokens in typed order, ten at most', () => {
    expect(queryTokens('tôm tom Khô')).toEqual(['tom', 'kho']);
    expect(queryTokens('a b c d e f g h i j k l')).toHaveLength(10);
    expect(queryTokens(' !!! ')).toEqual([]);
  });

  it('is idempotent and never leaves combining marks or upper case', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const once = foldText(s);
        expect(foldText(once)).toBe(once);
        expect(/[\u0300-\u036fđĐ]/.test(once)).toBe(false);
      }),
    );
  });
});

describe('scoring', () => {
  const catalog = {
    'Tôm khô Cà Mau': doc('Tôm khô Cà Mau', 'Tôm đất phơi nắng'),
    'Khô cá bổi Cà Mau': doc('Khô cá bổi Cà Mau', 'Cá bổi phơi một nắng'),
    'Tôm khô Rạch Gốc loại 1': doc('Tôm khô Rạch Gốc loại 1', 'Tôm đất, không phẩm màu'),
    'Cua gạch Năm Căn': doc('Cua gạch Năm Căn', 'Cua nuôi dưới tán rừng đước ở Cà Mau'),
    'Mật ong rừng tràm': doc('Mật ong rừng tràm U Minh Hạ', 'Mật ong gác kèo'),
    'Mắm tôm': doc('Mắm tôm chua', 'Làm từ tôm khô Cà Mau'),
  };

  it('finds "Tôm khô Cà Mau" first for the unaccented "tom kho ca mau"', () => {
    expect(rank('tom kho ca mau', catalog)[0]).toBe('Tôm khô Cà Mau');
  });

  it('ranks all-tokens matches above partial ones', () => {
    const order = rank('tom kho ca mau', catalog);
    expect(order.indexOf('Mắm tôm')).toBeLessThan(order.indexOf('Tôm khô Rạch Gốc loại 1'));
    expect(order.indexOf('Khô cá bổi Cà Mau')).toBeLessThan(
      order.indexOf('Tôm khô Rạch Gốc loại 1'),
    );
  });

  it('lets "d" match "đ"', () => {
    const d = { 'Đất Mũi': doc('Tour Đất Mũi'), Other: doc('Cua') };
    expect(rank('d', d)).toEqual(['Đất Mũi']);
    expect(rank('dat mui', d)).toEqual(['Đất Mũi']);
  });

  it('ranks a whole word above a prefix', () => {
    expect(rank('ca', { cay: doc('Cây tràm'), ca: doc('Cá lóc') })).toEqual(['ca', 'cay']);
  });

  it('ranks a name match above a description match, even a prefix above a whole word', () => {
    expect(rank('cua', { desc: doc('Bánh phồng tôm', 'cua'), name: doc('Cua gạch') })).toEqual([
      'name',
      'desc',
    ]);
    expect(rank('cu', { desc: doc('Bánh phồng tôm', 'cu'), name: doc('Cua gạch') })).toEqual([
      'name',
      'desc',
    ]);
  });

  it('matches a prefix only for the last query token (as you type)', () => {
    expect(scoreDoc(queryTokens('tom k'), doc('Tôm khô'))).toBeGreaterThan(
      scoreDoc(queryTokens('tom k'), doc('Tôm tươi')),
    );
    expect(rank('ca mau', { cay: doc('Cây mau'), ca: doc('Cá mau') })).toEqual(['ca', 'cay']);
    expect(scoreDoc(queryTokens('k tom'), doc('Khô tôm'))).toBe(
      scoreDoc(queryTokens('k tom'), doc('Cá tôm')),
    );
  });

  it('gives a bonus for the query order', () => {
    expect(rank('tom kho', { reversed: doc('Khô tôm'), ordered: doc('Tôm khô') })).toEqual([
      'ordered',
      'reversed',
    ]);
  });

  it('prefers the name the query covers best', () => {
    expect(
      rank('mat ong', { long: doc('Mật ong rừng tràm U Minh Hạ'), short: doc('Mật ong') }),
    ).toEqual(['short', 'long']);
  });

  it('matches the English name too', () => {
    expect(rank('honey', { h: doc('Mật ong', '', 'Melaleuca honey'), x: doc('Gạo') })).toEqual([
      'h',
    ]);
  });

  it('needs at least half of three or more tokens', () => {
    expect(minMatches(1)).toBe(1);
    expect(minMatches(2)).toBe(1);
    expect(minMatches(3)).toBe(2);
    expect(minMatches(4)).toBe(2);
    expect(scoreDoc(queryTokens('tom xyz abc'), doc('Tôm khô'))).toBe(0);
    expect(scoreDoc(queryTokens('tom kho abc'), doc('Tôm khô'))).toBeGreaterThan(0);
  });

  it('scores nothing for an empty query', () => {
    expect(scoreDoc([], doc('Tôm'))).toBe(0);
  });
});

describe('TokenIndex', () => {
  const words = [
    'tôm',
    'khô',
    'cá',
    'cà',
    'mau',
    'cua',
    'gạch',
    'mật',
    'ong',
    'gạo',
    'đất',
    'mũi',
    'st25',
    'rừng',
    'tràm',
  ];
  const text = (max: number) =>
    fc.array(fc.constantFrom(...words), { maxLength: max }).map((w) => w.join(' '));
  const docArb = fc.record({ name: text(6), description: text(12) });

  it('finds exactly what scoring every doc finds, with the same scores, after any changes', () => {
    fc.assert(
      fc.property(
        fc.array(docArb, { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat({ max: 24 }), { maxLength: 8 }),
        fc.array(fc.constantFrom(...words, 'c', 'm', 'd', 'g', 'tr'), {
          minLength: 1,
          maxLength: 4,
        }),
        (docs, removed, query) => {
          const index = new TokenIndex();
          const kept = new Map<string, ReturnType<typeof doc>>();
          for (const [i, d] of docs.entries()) {
            const sd = doc(d.name, d.description);
            // Upsert twice to exercise replacement.
            index.upsert(`p${i}`, doc('x'));
            index.upsert(`p${i}`, sd);
            kept.set(`p${i}`, sd);
          }
          for (const r of removed) {
            index.remove(`p${r}`);
            kept.delete(`p${r}`);
          }
          const tokens = queryTokens(query.join(' '));
          const expected = new Map(
            [...kept].map(([k, d]) => [k, scoreDoc(tokens, d)] as const).filter(([, s]) => s > 0),
          );
          expect(index.search(tokens)).toEqual(expected);
          expect(index.size).toBe(kept.size);
        },
      ),
    );
  });
});
