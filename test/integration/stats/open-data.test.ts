import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { handler as onTableChange } from '../../../functions/streams/on-table-change';
import { db } from '../../../shared/db/client';
import { ledgerPut } from '../../../shared/db/ledger';
import { ledgerEntry } from '../../../shared/ledger/entry';
import { derivable } from '../../../shared/stats/disclosure';
import { type OpenTables, tableEquations } from '../../../shared/stats/open-data';
import { call } from '../../helpers/call';

/**
 * The public open-data tables from real folded cells: a commune with one seller is `c`, enough
 * other cells are `c` that none can be derived from the published totals, and no seller id or
 * per-seller value is in the answer.
 */
describe('open data', { timeout: 180_000 }, () => {
  it('shows c for a commune with one seller and nothing derivable; no seller ids', async () => {
    const plan: Array<[string, string, string, number, number]> = [];
    // commune 31825: one seller; 31840 and 31843: four sellers each, months 1–3
    for (let m = 1; m <= 3; m++) {
      plan.push(['od-lone', '31825', '4781', 100_000 * m, m]);
      for (let s = 0; s < 4; s++) {
        plan.push([`od-b${s}`, '31840', '1020', 50_000 + 10_000 * s, m]);
        plan.push([`od-c${s}`, '31843', '4781', 70_000 + 5_000 * s, m]);
      }
    }
    const { doc } = db();
    const records = [];
    let seq = 9000;
    for (const [i, [sellerId, communeCode, sectorCode, amount, m]] of plan.entries()) {
      const at = new Date(`2038-0${m}-15T03:00:00Z`);
      const entry = ledgerEntry({
        kind: 'sale',
        goodsAmount: amount,
        servicesAmount: 0,
        deliveryFee: 0,
        channel: 'online',
        method: 'vietqr',
        sellerId,
        seller: { communeCode, sectorCode, classification: 'VSIC2025' },
        occurredAt: at,
        reference: { type: 'order', id: `OD${i}` },
        recordedAt: at,
      });
      const put = ledgerPut(entry);
      await doc.send(new TransactWriteCommand({ TransactItems: [put] }));
      records.push({
        eventID: `od-${i}`,
        eventName: 'INSERT' as const,
        // biome-ignore lint/suspicious/noExplicitAny: Lambda's AttributeValue type vs the SDK's
        dynamodb: { SequenceNumber: String(++seq), NewImage: marshall(put.Put.Item) as any },
      });
    }
    expect(await onTableChange({ Records: records } as DynamoDBStreamEvent)).toEqual({
      batchItemFailures: [],
    });
    const res = await call('GET /api/open-data/sales', { query: { year: '2038' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const body = res.body as OpenTables;
    const lone = body.byCommune.find((r) => r.code === '31825');
    expect(lone?.netSales.slice(0, 3)).toEqual(['c', 'c', 'c']);
    expect(lone?.netSales[12]).toBe('c');
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/od-(lone|b\d|c\d)/);
    // the attack: every c, as an unknown of every published equation, stays undetermined
    const suppressed = new Set<string>();
    const tag = (table: string, rows: OpenTables['byCommune']) => {
      for (const r of rows)
        for (const [i, v] of r.netSales.entries())
          if (v === 'c') suppressed.add(`${table}|${r.code}|${i}`);
    };
    tag('c', body.byCommune);
    tag('s', body.bySector);
    tag('p', [body.province]);
    expect(suppressed.size).toBeGreaterThan(4);
    expect(derivable(suppressed, tableEquations(body))).toEqual([]);
    // the commune with four sellers is published in its own right in some month
    const published = body.byCommune.find((r) => r.code === '31840')?.netSales ?? [];
    expect(published.some((v) => typeof v === 'number' && v > 0)).toBe(true);
  });
});
