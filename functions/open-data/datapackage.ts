import { getConfig } from '../../shared/config';
import { localDate } from '../../shared/orders/order';
import {
  FIRST_OPEN_DATA_YEAR,
  openDataDescriptor,
  publishedYears,
} from '../../shared/stats/datapackage';
import { DEFAULT_THRESHOLDS } from '../../shared/stats/disclosure';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';
import { publicOrigin } from '../payments/connection-secrets';

getConfig();

/**
 * Open data, public: the Frictionless Data Package descriptor (datapackage.json) of the open
 * sales tables — fields with types and units, licence, sources, methodology, and one CSV and one
 * JSON resource per year from the first published year to the current one (Asia/Ho_Chi_Minh).
 */
export const handler = httpHandler({}, async ({ event, now }) =>
  ok(
    openDataDescriptor({
      origin: publicOrigin(event.headers ?? {}),
      years: publishedYears(FIRST_OPEN_DATA_YEAR, Number(localDate(now).slice(0, 4))),
      thresholds: DEFAULT_THRESHOLDS,
      created: now.toISOString(),
    }),
    { 'cache-control': 'public, max-age=3600' },
  ),
);
