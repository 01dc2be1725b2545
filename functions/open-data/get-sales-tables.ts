import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { openDataCsv, openDataFilename } from '../../shared/stats/export-open-data';
import { openTables } from '../../shared/stats/open-data';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

const config = getConfig();

const Query = z.strictObject({
  year: z.coerce.number().check(z.int(), z.minimum(2025), z.maximum(2100)),
  /** json (default) or csv: the data package's long table, `c` where suppressed. */
  format: z._default(z.enum(['json', 'csv']), 'json'),
});

/**
 * Open data, public: net sales (VND) and sales counted on the platform by commune and by sector,
 * per month and for the year, with disclosure control (`"c"` = suppressed). Platform contribution
 * only, not official statistics; methodology in docs/statistics.md. Disclosure thresholds from
 * STATS_MIN_SELLERS and STATS_P_PERCENT.
 */
export const handler = httpHandler({ query: Query }, async ({ query }) => {
  const tables = await openTables(query.year, {
    minSellers: config.STATS_MIN_SELLERS,
    p: config.STATS_P_PERCENT,
  });
  if (query.format === 'csv')
    return {
      statusCode: 200,
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${openDataFilename(query.year)}"`,
        'x-content-type-options': 'nosniff',
      },
      body: openDataCsv(tables),
    };
  return ok({
    licence: 'CC-BY-4.0',
    unit: { netSales: 'VND', salesCount: 'sales' },
    note: 'Platform contribution only (Chợ Số sales), not official statistics. c = suppressed (disclosure control).',
    ...tables,
  });
});
