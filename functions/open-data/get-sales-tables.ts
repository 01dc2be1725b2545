import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { openTables } from '../../shared/stats/open-data';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

const Query = z.strictObject({
  year: z.coerce.number().check(z.int(), z.minimum(2025), z.maximum(2100)),
});

/**
 * Open data, public: net sales (VND) and sales counted on the platform by commune and by sector,
 * per month and for the year, with disclosure control (`"c"` = suppressed). Platform contribution
 * only, not official statistics; methodology in docs/statistics.md.
 */
export const handler = httpHandler({ query: Query }, async ({ query }) =>
  ok({
    licence: 'CC-BY-4.0',
    unit: { netSales: 'VND', salesCount: 'sales' },
    note: 'Platform contribution only (Chợ Số sales), not official statistics. c = suppressed (disclosure control).',
    ...(await openTables(query.year)),
  }),
);
