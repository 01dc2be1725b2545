import { api } from './api';
import { type Bi, bi } from './i18n';

/** GET /api/meta/reference-data: everything the pickers and labels need, fetched once a page. */
export interface Commune {
  code: string;
  name: string;
  nameEn: string;
  type?: string;
}
export interface Sector {
  code: string;
  name: string;
  nameEn: string;
}
export interface Bank {
  bin: string;
  code: string;
  shortName: string;
  name: string;
}
export interface Category {
  id: string;
  vi: string;
  en: string;
  kind: 'goods' | 'service';
}
export interface Unit {
  id: string;
  vi: string;
  en: string;
}
export interface CertificationKind {
  id: string;
  vi: string;
  en: string;
}
export interface ReferenceData {
  communes: Commune[];
  sectors: Sector[];
  banks: Bank[];
  categories: Category[];
  units: Unit[];
  certifications: CertificationKind[];
}

let pending: Promise<Reference> | undefined;

export function loadReference(): Promise<Reference> {
  pending ??= api<ReferenceData>('/api/meta/reference-data').then((data) => new Reference(data));
  return pending;
}

const collator = new Intl.Collator('vi');

export class Reference {
  private readonly communeBy: Map<string, Commune>;
  private readonly categoryBy: Map<string, Category>;
  private readonly unitBy: Map<string, Unit>;
  private readonly certBy: Map<string, CertificationKind>;
  readonly communesSorted: Commune[];

  constructor(readonly data: ReferenceData) {
    this.communeBy = new Map(data.communes.map((c) => [c.code, c]));
    this.categoryBy = new Map(data.categories.map((c) => [c.id, c]));
    this.unitBy = new Map(data.units.map((u) => [u.id, u]));
    this.certBy = new Map((data.certifications ?? []).map((c) => [c.id, c]));
    this.communesSorted = [...data.communes].sort((a, b) => collator.compare(a.name, b.name));
  }

  commune(code: string | undefined | null): Bi {
    const c = code ? this.communeBy.get(code) : undefined;
    return c ? bi(c.name, c.nameEn || c.name) : bi(code ?? '');
  }
  category(id: string): Bi {
    const c = this.categoryBy.get(id);
    return c ? bi(c.vi, c.en) : bi(id);
  }
  kindOf(categoryId: string): 'goods' | 'service' {
    return this.categoryBy.get(categoryId)?.kind ?? 'goods';
  }
  unit(id: string): Bi {
    const u = this.unitBy.get(id);
    return u ? bi(u.vi, u.en) : bi(id);
  }
  certification(id: string): Bi {
    const c = this.certBy.get(id);
    return c ? bi(c.vi, c.en) : bi(id.toUpperCase());
  }
}
