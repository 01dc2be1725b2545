import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { province } from '../../shared/geo/communes';
import {
  EXPORT_FORMATS,
  EXPORT_TABLES,
  exportFilename,
  PLATFORM_NOTE,
  toCsv,
} from '../../shared/stats/export';
import { loadExport } from '../../shared/stats/export-load';
import { toXlsx } from '../../shared/stats/export-xlsx';
import { httpHandler } from '../_http/http-handler';
import type { HttpResult } from '../_http/respond';
import { knownArea, realPeriod, SELECTION_FIELDS } from './selection';

getConfig();

const Query = z
  .strictObject({
    /** indicators, monthly-series, sales-by-commune, sales-by-sector, inputs; `all` (xlsx, json). */
    table: z.enum([...EXPORT_TABLES, 'all']),
    /** csv (UTF-8 with BOM), xlsx or json. */
    format: z.enum(EXPORT_FORMATS),
    /** Language of the headers, sheet names and labels: vi (default) or en. */
    lang: z._default(z.enum(['vi', 'en']), 'vi'),
    ...SELECTION_FIELDS,
  })
  .check(
    knownArea,
    realPeriod,
    z.refine((q) => !(q.format === 'csv' && q.table === 'all'), {
      message: 'A CSV file holds one table: ask for xlsx or json, or name the table',
      path: ['table'],
    }),
  );

const attachment = (filename: string) => ({
  'content-disposition': `attachment; filename="${filename}"`,
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
});

/**
 * Officer exports of the statistics tables (docs/statistics.md, "Exports"): one table as CSV, or
 * one or all tables as XLSX (one sheet each plus the methodology) or JSON, for a period, area and
 * sector. XLSX goes out base64-encoded (`isBase64Encoded`), as API Gateway expects binary bodies.
 */
export const handler = httpHandler(
  { query: Query },
  async ({ query, now }): Promise<HttpResult> => {
    const { table, format, lang, ...filters } = query;
    const tables = await loadExport(table, filters, province.code, lang);
    const filename = exportFilename(table, filters, format);
    if (format === 'csv')
      return {
        statusCode: 200,
        headers: { 'content-type': 'text/csv; charset=utf-8', ...attachment(filename) },
        body: toCsv(tables[0] as (typeof tables)[number], lang),
      };
    if (format === 'xlsx')
      return {
        statusCode: 200,
        headers: {
          'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          ...attachment(filename),
        },
        body: (await toXlsx(tables, { query: filters, generatedAt: now, lang })).toString('base64'),
        isBase64Encoded: true,
      };
    return {
      statusCode: 200,
      headers: { 'content-type': 'application/json; charset=utf-8', ...attachment(filename) },
      body: JSON.stringify({
        ...filters,
        generatedAt: now.toISOString(),
        note: PLATFORM_NOTE,
        tables,
      }),
    };
  },
);
