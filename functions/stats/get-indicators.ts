import * as z from 'zod/mini';
import { getConfig } from '../../shared/config';
import { province } from '../../shared/geo/communes';
import { indicatorsFor } from '../../shared/stats/query';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';
import { knownArea, realPeriod, SELECTION_FIELDS } from './selection';

getConfig();

const Query = z.strictObject(SELECTION_FIELDS).check(knownArea, realPeriod);

/**
 * The indicators of one period, area and sector (officers): each with its formula, the inputs it
 * used and the inputs it misses, progress to target, and the monthly series of the year.
 */
export const handler = httpHandler({ query: Query }, async ({ query }) =>
  ok(await indicatorsFor(query, province.code)),
);
