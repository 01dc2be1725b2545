import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { handler as onTableChange } from '../../../functions/streams/on-table-change';
import { db } from '../../../shared/db/client';
import { putInputVersions } from '../../../shared/db/inputs';
import { ledgerPut } from '../../../shared/db/ledger';
import { type LedgerCause, type LedgerEntry, ledgerEntry } from '../../../shared/ledger/entry';
import type { Figure } from '../../../shared/stats/indicators';
import type { InputVersion } from '../../../shared/stats/inputs';
import { officerSession, sellerSession, type TestCredentials } from '../../helpers/auth';
import { call } from '../../helpers/call';

/**
 * Indicators computed by hand from a small ledger and inputs, to the đồng and to the displayed
 * decimal (the arithmetic is written out next to each expectation), and the answers when an input
 * is missing or a denominator is zero.
 *
 * March 2033, province 96:
 *   A (31825, sector 4781): online VietQR goods 1 200 000; online cash (COD) goods 300 000;
 *                           online VietQR goods 400 000, then cancelled.
 *   B (31840, sector 5510): counter cash services 500 000.
 *   C (31840, sector 1020): online VietQR goods 700 000 + services 100 000; refund goods 200 000.
 */
let n = 0;
const at = new Date('2033-03-10T05:00:00Z');
const A = { communeCode: '31825', sectorCode: '4781', classification: 'VSIC2025' };
const B = { communeCode: '31840', sectorCode: '5510', classification: 'VSIC2025' };
const C = { communeCode: '31840', sectorCode: '1020', classification: 'VSIC2025' };

function e(over: Partial<LedgerCause>): LedgerEntry {
  return ledgerEntry({
    kind: 'sale',
    goodsAmount: 0,
    servicesAmount: 0,
    deliveryFee: 0,
    channel: 'online',
    method: 'vietqr',
    sellerId: 'ind-a',
    seller: A,
    occurredAt: at,
    reference: { type: 'order', id: `IND${++n}` },
    recordedAt: at,
    ...over,
  });
}

let officer: TestCredentials;
const ask = async (query: Record<string, string>) => {
  const res = await call('GET /api/stats/indicators', { headers: officer.headers, query });
  expect(res.status).toBe(200);
  const byId = new Map<string, Figure>(res.body.figures.map((f: Figure) => [f.id, f]));
  return { body: res.body, fig: (id: string) => byId.get(id) as Figure };
};

async function enter(
  kind: InputVersion['kind'],
  year: number,
  key: string,
  value: Record<string, number>,
) {
  await putInputVersions([
    {
      input: {
        kind,
        year,
        key,
        value,
        source: { type: 'document', reference: `test ${kind}` },
        enteredBy: 'ac-test',
        enteredAt: new Date().toISOString(),
      },
      expectedVersion: 0,
    },
  ]);
}

beforeAll(async () => {
  officer = await officerSession();
  const c4 = { type: 'order' as const, id: 'IND-C4' };
  const a6 = { type: 'order' as const, id: 'IND-A6' };
  const entries = [
    e({ goodsAmount: 1_200_000 }),
    e({ goodsAmount: 300_000, method: 'cash' }),
    e({
      servicesAmount: 500_000,
      channel: 'offline',
      method: 'cash',
      sellerId: 'ind-b',
      seller: B,
    }),
    e({
      goodsAmount: 700_000,
      servicesAmount: 100_000,
      sellerId: 'ind-c',
      seller: C,
      reference: c4,
    }),
    e({ kind: 'refund', goodsAmount: 200_000, sellerId: 'ind-c', seller: C, reference: c4 }),
    e({ goodsAmount: 400_000, reference: a6 }),
    e({ kind: 'cancellation', goodsAmount: 400_000, reference: a6 }),
  ];
  const { doc } = db();
  let seq = 500;
  const records = [];
  for (const entry of entries) {
    const put = ledgerPut(entry);
    await doc.send(new TransactWriteCommand({ TransactItems: [put] }));
    records.push({
      eventID: `ind-${entry.id}`,
      eventName: 'INSERT' as const,
      dynamodb: {
        SequenceNumber: String(++seq),
        // biome-ignore lint/suspicious/noExplicitAny: Lambda's AttributeValue type vs the SDK's
        NewImage: marshall(put.Put.Item) as any,
      },
    });
  }
  expect(await onTableChange({ Records: records } as DynamoDBStreamEvent)).toEqual({
    batchItemFailures: [],
  });
  await enter('tmbl', 2033, 'M2033-03|P96', { total: 30_000_000, goods: 16_000_000 });
  await enter('tmbl', 2033, 'M2033-04|P96', { total: 0, goods: 0 });
  await enter('enterprises', 2033, '2033|P96', {
    enterprises: 7,
    cooperatives: 2,
    householdBusinesses: 50,
  });
  await enter('grdp', 2033, '2033|P96', { currentPrices: 1_000_000_000 });
  await enter('operatorValueAdded', 2033, '2033', { amount: 5_000_000 });
  await enter('sectorRatio', 2033, '2033|47', { outputRatio: 0.2, valueAddedRatio: 0.5 });
}, 180_000);

describe('indicators by hand', { timeout: 60_000 }, () => {
  it('March 2033, province: every figure to the đồng and the displayed decimal', async () => {
    const { fig, body } = await ask({ period: 'M2033-03' });
    // net = 1.2M + 0.3M + 0.5M + 0.8M − 0.2M + 0.4M − 0.4M
    expect(fig('netSales').value).toBe(2_600_000);
    expect(fig('netSales').display?.vi).toBe('2.600.000\u00a0₫');
    // online = 1.2M + 0.3M + 0.8M − 0.2M + 0.4M − 0.4M
    expect(fig('onlineNetSales').value).toBe(2_100_000);
    // 2 100 000 ÷ 30 000 000 × 100 = 7 %; progress 7 ÷ 20 × 100 = 35
    expect(fig('ecommerceShare').value).toBe(7);
    expect(fig('ecommerceShare').display).toEqual({ vi: '7,00 %', en: '7.00%' });
    expect(fig('ecommerceShare').target).toMatchObject({ percent: 20, year: 2030, progress: 35 });
    expect(fig('ecommerceShare').inputs[0]).toMatchObject({
      kind: 'tmbl',
      key: 'M2033-03|P96',
      version: 1,
    });
    expect(fig('ecommerceShare').label.en).toContain('Platform contribution');
    // goods online = 1.2M + 0.3M + 0.7M − 0.2M + 0.4M − 0.4M = 2 000 000 ÷ 16 000 000 = 12.5 %
    expect(fig('ecommerceShareGoods').value).toBe(12.5);
    expect(fig('ecommerceShareGoods').display?.vi).toBe('12,50 %');
    // cashless sales not cancelled: VietQR 3 − 1 cancelled = 2 of 5 − 1 = 4 → 50 %
    expect(fig('cashlessShareCount').value).toBe(50);
    // cashless value: 1.2M + 0.8M − 0.2M + 0.4M − 0.4M = 1 800 000 ÷ 2 600 000 = 69.2307… %
    expect(fig('cashlessShareValue').value).toBeCloseTo(69.230769, 5);
    expect(fig('cashlessShareValue').display?.vi).toBe('69,23 %');
    // active sellers 3 ÷ (7 enterprises + 2 cooperatives) = 33.33 %
    expect(fig('activeSellers').value).toBe(3);
    expect(fig('smeAdoption').display?.vi).toBe('33,33 %');
    expect(fig('smeAdoption').target?.progress).toBe(33.33);
    // online orders: 4 online sales − 1 cancelled; counter sales: 1
    expect(fig('orders').value).toBe(3);
    expect(fig('counterSales').value).toBe(1);
    // GRDP is annual: a month says so instead of a number
    expect(fig('digitalEconomyShare').value).toBeNull();
    expect(fig('digitalEconomyShare').missing[0]?.message).toContain('annual');
    // series: March has the share, other months have no monthly TMBL (null, not 0)
    const march = body.series.find((p: { period: string }) => p.period === 'M2033-03');
    expect(march).toMatchObject({
      netSales: 2_600_000,
      onlineNetSales: 2_100_000,
      ecommerceShare: 7,
    });
    expect(
      body.series.find((p: { period: string }) => p.period === 'M2033-05').ecommerceShare,
    ).toBeNull();
  });

  it('names every missing input and never divides by zero', async () => {
    // TMBL of the year not entered
    const year = await ask({ period: 'Y2033' });
    expect(year.fig('ecommerceShare').value).toBeNull();
    expect(year.fig('ecommerceShare').display).toBeNull();
    expect(year.fig('ecommerceShare').missing).toEqual([
      expect.objectContaining({ kind: 'tmbl', key: 'Y2033|P96' }),
    ]);
    expect(year.fig('ecommerceShare').target?.progress).toBeNull();
    // sector 10 has online sales and no ratios: the GRDP share names it and stays null
    expect(year.fig('digitalEconomyShare').value).toBeNull();
    expect(year.fig('digitalEconomyShare').missing).toEqual([
      expect.objectContaining({ kind: 'sectorRatio', key: '2033|10' }),
    ]);
    // TMBL entered as 0 in April: no division, a reason
    const april = await ask({ period: 'M2033-04' });
    expect(april.fig('ecommerceShare').value).toBeNull();
    expect(april.fig('ecommerceShare').missing[0]?.message).toContain('0');
    // no sales in April: cashless share has no denominator
    expect(april.fig('cashlessShareCount').value).toBeNull();
    expect(april.fig('netSales').value).toBe(0);
    // a commune without enterprises entered
    const commune = await ask({ period: 'M2033-03', area: 'C31840' });
    expect(commune.fig('smeAdoption').missing[0]).toMatchObject({
      kind: 'enterprises',
      key: '2033|C31840',
    });
    expect(commune.fig('activeSellers').value).toBe(2);
  });

  it('the GRDP share once every ratio is in: (5 000 000 + 150 000 + 135 000) ÷ 10⁹ × 100', async () => {
    await enter('sectorRatio', 2033, '2033|10', { outputRatio: 0.9, valueAddedRatio: 0.25 });
    const { fig } = await ask({ period: 'Y2033' });
    const f = fig('digitalEconomyShare');
    // sector 47 online 1 500 000 × 0.2 × 0.5 = 150 000; sector 10 online 600 000 × 0.9 × 0.25 = 135 000
    expect(f.terms).toMatchObject({
      operatorValueAdded: 5_000_000,
      valueAdded_47: 150_000,
      valueAdded_10: 135_000,
      grdp: 1_000_000_000,
    });
    expect(f.value).toBeCloseTo(0.5285, 10);
    expect(f.display?.vi).toBe('0,53 %');
    expect(f.inputs.map((i) => i.kind).sort()).toEqual([
      'grdp',
      'operatorValueAdded',
      'sectorRatio',
      'sectorRatio',
    ]);
    expect(f.missing).toEqual([]);
  });

  it('sellers are refused and a bad period is a 400 that names it', async () => {
    const seller = await sellerSession();
    const refused = await call('GET /api/stats/indicators', {
      headers: seller.headers,
      query: { period: 'M2033-03' },
    });
    expect(refused.status).toBe(403);
    for (const period of ['M2033-13', 'D2033-02-30', '2033', 'Y33']) {
      const bad = await call('GET /api/stats/indicators', {
        headers: officer.headers,
        query: { period },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('request.invalid');
    }
  });
});
