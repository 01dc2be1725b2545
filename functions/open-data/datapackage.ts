import { getConfig } from '../../shared/config';
import { provinceDate } from '../../shared/province-date';
import {
  FIRST_OPEN_DATA_YEAR,
  openDataDescriptor,
  publishedYears,
} from '../../shared/stats/datapackage';
import { httpHandler } from '../_http/http-handler';
import { publicOrigin } from '../_http/public-origin';
import { ok } from '../_http/respond';

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
      years: publishedYears(FIRST_OPEN_DATA_YEAR, Number(provinceDate(now).slice(0, 4))),
      thresholds: { minSellers: config.STATS_MIN_SELLERS, p: config.STATS_P_PERCENT },
      created: now.toISOString(),
    }),
    { 'cache-control': 'public, max-age=3600' },
  ),
);
