/**
 * The public open-data tables as CSV: the long table of the data package (shared/stats/
 * datapackage.ts — one row per breakdown × code × period, the field names as the header row,
 * `c` where suppressed), UTF-8 with BOM, CRLF. Only what `openTables()` published goes in: no
 * seller id, no per-seller value.
 */
import { writeCsv } from '../catalog/import/csv';
import { OPEN_DATA_FIELDS, openDataRecords } from './datapackage';
import type { OpenTables } from './open-data';

export function openDataCsv(tables: OpenTables): string {
  const names = OPEN_DATA_FIELDS.map((f) => f.name);
  return writeCsv([
    names,
    ...openDataRecords(tables).map((r) => names.map((name) => String(r[name]))),
  ]);
}

export const openDataFilename = (year: number) => `cho-so-open-data-sales-${year}.csv`;
