import { describe, expect, it } from 'vitest';
import type { Product } from '../../../shared/catalog/product';
import {
  type CounterSaleInput,
  priceCounterSale,
  staticContent,
  staticQr,
} from '../../../shared/orders/counter-sale';
import {
  buyerOrderView,
  maskName,
  maskPhone,
  orderVietQr,
  placedOrderView,
  sellerOrderSummary,
} from '../../../shared/orders/view';
import { BANK, product as baseProduct, NOW, order, refusedWith } from './fixtures';

const UNKNOWN_BANK = { ...BANK, bin: '999999' };

describe('order views in detail', () => {
  it('the VietQR block names the bank by its short name, or the BIN when the bank is unknown', () => {
    expect(orderVietQr(order())?.bank.name).toBe('Agribank');
    expect(orderVietQr(order({ payee: UNKNOWN_BANK }))?.bank).toEqual({
      ...UNKNOWN_BANK,
      name: '999999',
    });
  });

  it('no VietQR block without a payee, nor for COD even with one', () => {
    expect(orderVietQr(order({ payee: undefined }))).toBeUndefined();
    expect(orderVietQr(order({ payment: 'cod' }))).toBeUndefined();
  });

  it('the placed answer and the buyer view carry the VietQR block and the deadline', () => {
    const qr = orderVietQr(order());
    expect(qr?.payload).toEqual(expect.any(String));
    expect(placedOrderView(order(), 't').vietqr).toEqual(qr);
    const b = buyerOrderView(order());
    expect(b.vietqr).toEqual(qr);
    expect(b.expiresAt).toBe('2026-12-02T04:00:00.000Z');
    expect(sellerOrderSummary(order()).expiresAt).toBe('2026-12-02T04:00:00.000Z');
    expect(buyerOrderView(order({ expiresAt: undefined })).expiresAt).toBeNull();
  });

  it('a pickup order shows where to pick up; an unknown commune shows its code', () => {
    expect(buyerOrderView(order()).delivery).toEqual({
      method: 'pickup',
      pickupAddress: 'Ấp Rạch Gốc',
    });
    expect(buyerOrderView(order({ sellerCommuneCode: '00000' })).seller.commune).toEqual({
      code: '00000',
      name: '00000',
    });
  });

  it('masks short phones wholly and names with extra spaces cleanly', () => {
    expect(maskPhone('1234')).toBe('****');
    expect(maskPhone('123')).toBe('****');
    expect(maskPhone('12345')).toBe('12*45');
    expect(maskName('  Nguyễn   Thị  Lan ')).toBe('N. T. Lan');
    expect(maskName('Ánh Dương')).toBe('Á. Dương');
  });
});

const product = (over: Partial<Product> = {}) => baseProduct({ stock: 5, ...over });

describe('counter sales in detail', () => {
  const products = new Map([['p1', product()]]);
  const refusal = (input: CounterSaleInput, catalog: ReadonlyMap<string, Product> = products) =>
    refusedWith(() => priceCounterSale(input, catalog, 's1', NOW));
  const issue = (path: string, message: string) => ({
    code: 'request.invalid',
    message,
    details: { issues: [{ in: 'body', path, code: 'custom', message }] },
  });
  const at = (ms: number): CounterSaleInput => ({
    amount: 1,
    method: 'cash',
    occurredAt: new Date(NOW.getTime() + ms).toISOString(),
  });

  it('says which time is wrong and why; the limits themselves are accepted', () => {
    expect(refusal(at(5 * 60_000 + 1))).toEqual(issue('occurredAt', 'In the future'));
    expect(refusal(at(-366 * 86_400_000 - 1))).toEqual(issue('occurredAt', 'More than a year ago'));
    expect(priceCounterSale(at(5 * 60_000), products, 's1', NOW).goodsAmount).toBe(1);
    expect(priceCounterSale(at(-366 * 86_400_000), products, 's1', NOW).goodsAmount).toBe(1);
  });

  it('names the item that is not one of the seller’s products', () => {
    expect(refusal({ method: 'cash', items: [{ productId: 'nope', quantity: 1 }] })).toEqual(
      issue('items.0.productId', 'Not one of your products'),
    );
  });

  it('refuses a total beyond exact integers, goods and services together', () => {
    const huge = new Map([
      ['g', product({ id: 'g', price: 6e15 })],
      [
        's',
        product({ id: 's', category: 'tour', price: 6e15, stock: undefined, capacityPerDate: 1 }),
      ],
    ]);
    expect(
      refusal(
        {
          method: 'cash',
          items: [
            { productId: 'g', quantity: 1 },
            { productId: 's', quantity: 1 },
          ],
        },
        huge,
      ),
    ).toEqual(issue('items', 'Amount out of range'));
  });

  it('a sale with neither items nor amount (the schema refuses it) prices to nothing', () => {
    expect(priceCounterSale({ method: 'cash' }, products, 's1', NOW)).toEqual({
      items: [],
      goodsAmount: 0,
      servicesAmount: 0,
      occurredAt: NOW,
    });
  });
});

describe('the static QR content', () => {
  it('punctuation between words is a word break', () => {
    expect(staticContent('HTX Tôm-Cua/Năm.Căn')).toBe('HTX Tom Cua Nam Can');
  });

  it('cuts at the last word break within 25 characters, wherever the last space is', () => {
    const content = staticContent('Hợp tác xã Tôm khô Rạch Gốc Năm Căn');
    expect(content).toBe('Hop tac xa Tom kho Rach');
    expect(content.length).toBeLessThanOrEqual(25);
  });

  it('names the bank by its short name, or the BIN when unknown', () => {
    expect(staticQr({ legalName: 'HTX', bank: BANK }).bank.name).toBe('Agribank');
    expect(staticQr({ legalName: 'HTX', bank: UNKNOWN_BANK }).bank.name).toBe('999999');
  });
});
