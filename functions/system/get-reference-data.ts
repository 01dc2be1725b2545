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

export const handler = httpHandler({}, async () =>
  ok(body, { 'cache-control': 'public, max-age=3600' }),
);
