/**
 * Bank registry: who a VietQR BIN (tag 38.01.00) belongs to. Data: banks.json, a copy of
 * shared/data/vietqr-banks.json (merged from the vietqr.io list, vietnam-qr-pay and the SBV card-BIN
 * table; see its `source` header). BINs are not all 9704xx: MoMo 971025, Timo 963388, CAKE 546034.
 */
import banksData from './banks.generated';

export type VietQrSupport = 'transfer+receive' | 'receive-only' | 'not-supported';

export interface VietQrBank {
  /** 6-digit NAPAS BIN used in tag 38.01.00. */
  readonly bin: string;
  /** vietqr.io bank code, e.g. `ICB`, `VCB`, `MOMO`. */
  readonly code: string;
  readonly shortName: string;
  /** Full legal name (Vietnamese), newest known name. */
  readonly name: string;
  readonly swift: string | null;
  /** vietnam-qr-pay's support status; absent when unknown. */
  readonly vietqrStatus?: VietQrSupport;
  readonly lookupSupported?: boolean;
  /** false: only in the SBV card-BIN table, VietQR support unknown. */
  readonly inVietqrList: boolean;
  /** A different 9704xx BIN the SBV card table lists for the same institution. */
  readonly sbvBin?: string;
  /** Other codes for the same BIN (ticker-style or SBV codes). */
  readonly altCodes?: readonly string[];
  readonly formerNames?: readonly string[];
  readonly notes?: string;
  readonly sources: readonly string[];
}

/** Where the data came from and when (the `source` and `retrieved` header of banks.json). */
export const BANKS_SOURCE: { readonly summary: string; readonly retrieved: string } = {
  summary: banksData.source.summary,
  retrieved: banksData.retrieved,
};

/** Every bank of the registry, ordered by BIN. */
export const BANKS: readonly VietQrBank[] = Object.freeze(
  (banksData.banks as VietQrBank[]).map((bank) => Object.freeze(bank)),
);

const byBin = new Map<string, VietQrBank>();
const byCode = new Map<string, VietQrBank>();
for (const bank of BANKS) {
  byBin.set(bank.bin, bank);
  byCode.set(bank.code.toUpperCase(), bank);
}
// Alternative codes never shadow a primary code (BVB is BaoVietBank's code and a former code of
// Bản Việt, 970454).
for (const bank of BANKS) {
  for (const alt of bank.altCodes ?? []) {
    const key = alt.toUpperCase();
    if (!byCode.has(key)) byCode.set(key, bank);
  }
}

/** The bank with this 6-digit BIN, or undefined. */
export function findBankByBin(bin: string): VietQrBank | undefined {
  return byBin.get(bin);
}

/**
 * The bank with this code, case-insensitive: the vietqr.io code first (`ICB`), then alternative
 * codes (`CTG`). Undefined when unknown.
 */
export function findBankByCode(code: string): VietQrBank | undefined {
  return byCode.get(code.trim().toUpperCase());
}

/**
 * Banks a payee can pick to receive VietQR transfers: in the VietQR lists and not marked
 * unsupported, sorted by short name (case-insensitive, then BIN) for display.
 */
export function listBanksForPicker(): VietQrBank[] {
  return BANKS.filter((bank) => bank.inVietqrList && bank.vietqrStatus !== 'not-supported').sort(
    (a, b) => compareText(a.shortName, b.shortName) || compareText(a.bin, b.bin),
  );
}

function compareText(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}
