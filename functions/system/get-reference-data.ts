import { createHash } from 'node:crypto';
import { CATEGORIES, CERTIFICATIONS, UNITS } from '../../shared/catalog/product';
import { getConfig } from '../../shared/config';
import { communes, province } from '../../shared/geo/communes';
import { CURATED_SECTORS, SECTOR_CLASSIFICATION } from '../../shared/sectors/vsic';
import { listBanksForPicker } from '../../shared/vietqr/banks';
import { httpHandler } from '../_http/http-handler';
import { ok } from '../_http/respond';

getConfig();

/** Everything pickers need, in one cacheable answer (static data: built once per container). */
const body = {
  province,
  communes: communes.map(({ code, name, nameEn, type }) => ({ code, name, nameEn, type })),
  sectorClassification: SECTOR_CLASSIFICATION,
  sectors: CURATED_SECTORS,
  banks: listBanksForPicker().map(({ bin, code, shortName, name }) => ({
    bin,
    code,
    shortName,
    name,
  })),
  categories: Object.entries(CATEGORIES).map(([id, c]) => ({ id, ...c })),
  units: Object.entries(UNITS).map(([id, u]) => ({ id, ...u })),
  certifications: Object.entries(CERTIFICATIONS).map(([id, c]) => ({ id, ...c })),
};

/**
 * A strong ETag of the body (it changes only with a deployment). Browsers keep the answer a day and
 * then revalidate: on a slow network a revisit costs one small 304, not the 60 kB of pickers.
 */
const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 22)}"`;
const headers = {
  etag,
  'cache-control': 'public, max-age=86400, stale-while-revalidate=604800',
};

export const handler = httpHandler({}, async ({ event }) => {
  const match = event.headers?.['if-none-match'];
  if (match?.split(',').some((m) => m.trim().replace(/^W\//, '') === etag))
    return { statusCode: 304, headers };
  return ok(body, headers);
});
