import data from './camau-communes.generated';

/**
 * The official administrative units of the province (Decision 19/2025/QĐ-TTg code list, effective
 * 2025-07-01), copied from the team handbook. Areas are identified by province code + 5-digit
 * commune code, so another province runs the same service by loading its own list.
 */
export interface Commune {
  code: string;
  name: string;
  shortName: string;
  type: string;
  nameEn: string;
}

export const province = {
  code: data.province.code,
  name: data.province.name,
  effective: data.province.effective,
};
export const communes: readonly Commune[] = data.units.map((u) => ({
  code: u.code,
  name: u.name,
  shortName: u.shortName,
  type: u.type,
  nameEn: u.nameEn,
}));

const byCode = new Map(communes.map((c) => [c.code, c]));
export const findCommune = (code: string): Commune | undefined => byCode.get(code);
export const isCommuneCode = (code: string): boolean => byCode.has(code);
