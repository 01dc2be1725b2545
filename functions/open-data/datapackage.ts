import { getConfig } from '../../shared/config';
import { localDate } from '../../shared/orders/order';
import {
  FIRST_OPEN_DATA_YEAR,
  openDataDescriptor,
  publishedYears,
} from '../../shared/stats/datapackage';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';
import { publicOrigin } from '../payments/connection-secrets';

const config = getConfig();

/**
 * Open data, public: the Frictionless Data Package descriptor (datapackage.json) of the open
 * sales tables — fields with types and units, licence, sources, methodology, and one CSV and one
 * JSON resource per year from the first published year to the current one (Asia/Ho_Chi_Minh). The
 * disclosure thresholds it states are the ones the tables use (STATS_MIN_SELLERS, STATS_P_PERCENT).
 */
export const handler = httpHandler({}, async ({ event, now }) =>
  ok(
    openDataDescriptor({
      origin: publicOrigin(event.headers ?? {}),
      years: publishedYears(FIRST_OPEN_DATA_YEAR, Number(localDate(now).slice(0, 4))),
      thresholds: { minSellers: config.STATS_MIN_SELLERS, p: config.STATS_P_PERCENT },
      created: now.toISOString(),
    }),
    { 'cache-control': 'public, max-age=3600' },
  ),
);
