import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { httpHandler } from '../_http/http-handler';
import type { HttpResult } from '../_http/respond';

getConfig();

const Query = z.strictObject({ format: z.optional(z.enum(['csv', 'xlsx'])) });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_NAME = 'cho-so-mau-nhap-san-pham';

// The templates are fixed data: built once per container, on first request.
let csv: string | undefined;
let xlsx: string | undefined;

/** The product import template: XLSX (default; lists and drop-downs) or CSV (UTF-8 with BOM). */
export const handler = httpHandler({ query: Query }, async ({ query }): Promise<HttpResult> => {
  const format = query.format ?? 'xlsx';
  const headers = {
    'cache-control': 'public, max-age=3600',
    'x-content-type-options': 'nosniff',
    'content-disposition': `attachment; filename="${FILE_NAME}.${format}"`,
  };
  // Loaded on first request: the template writer (and its zip library) costs nothing at cold start.
  const { csvTemplate, xlsxTemplate } = await import('../../shared/catalog/import/template');
  if (format === 'csv') {
    csv ??= csvTemplate();
    return {
      statusCode: 200,
      headers: { ...headers, 'content-type': 'text/csv; charset=utf-8' },
      body: csv,
    };
  }
  xlsx ??= Buffer.from(xlsxTemplate()).toString('base64');
  return {
    statusCode: 200,
    headers: { ...headers, 'content-type': XLSX_TYPE },
    body: xlsx,
    isBase64Encoded: true,
  };
});
