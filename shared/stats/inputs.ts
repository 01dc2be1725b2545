/**
 * Officer inputs: the official denominators and parameters the indicators need, each entered with
 * its source, who entered it and when. Inputs are versioned: a correction adds a version and the
 * older ones stay readable. Pure; storage in shared/db/inputs.ts.
 */
import * as z from 'zod/mini';

export const INPUT_KINDS = [
  'tmbl',
  'grdp',
  'enterprises',
  'sectorRatio',
  'operatorValueAdded',
  'target',
] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export const TARGET_INDICATORS = [
  'ecommerceShare',
  'digitalEconomyShare',
  'smeAdoption',
  'cashlessShare',
] as const;
export type TargetIndicator = (typeof TARGET_INDICATORS)[number];

/** The value rules, built on the first parse (a function that never parses inputs never builds them). */
const atoms = () => ({
  vnd: z.number().check(z.int(), z.minimum(0), z.maximum(Number.MAX_SAFE_INTEGER)),
  count: z.number().check(z.int(), z.minimum(0), z.maximum(100_000_000)),
  ratio: z.number().check(z.minimum(0), z.maximum(1)),
  year: z.number().check(z.int(), z.minimum(2000), z.maximum(2100)),
  area: z.string().check(z.regex(/^(P\d{2}|C\d{5})$/)),
  periodId: z.string().check(z.regex(/^(M\d{4}-(0[1-9]|1[0-2])|Q\d{4}-[1-4]|Y\d{4})$/)),
  division: z.string().check(z.regex(/^\d{2}$/)),
});

export const Source = z.lazy(() =>
  z.strictObject({
    /** `document`: an official document (number and date in `reference`); `url`: a web page. */
    type: z.enum(['document', 'url', 'estimate']),
    reference: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(300))),
    note: z.optional(z.string().check(z.trim(), z.maxLength(500))),
  }),
);
export type Source = z.infer<typeof Source>;

/** Each kind: the dimensions that identify it and the values it carries. */
export const InputBody = z.lazy(() => {
  const { vnd, count, ratio, year, area, periodId, division } = atoms();
  return z.discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('tmbl'),
      period: periodId,
      area,
      value: z.strictObject({ total: vnd, goods: vnd }),
    }),
    z.strictObject({
      kind: z.literal('grdp'),
      year,
      area,
      value: z.strictObject({ currentPrices: vnd }),
    }),
    z.strictObject({
      kind: z.literal('enterprises'),
      year,
      area,
      value: z.strictObject({
        enterprises: count,
        cooperatives: count,
        householdBusinesses: count,
      }),
    }),
    z.strictObject({
      kind: z.literal('sectorRatio'),
      year,
      sector: division,
      value: z.strictObject({ outputRatio: ratio, valueAddedRatio: ratio }),
    }),
    z.strictObject({
      kind: z.literal('operatorValueAdded'),
      year,
      value: z.strictObject({ amount: vnd }),
    }),
    z.strictObject({
      kind: z.literal('target'),
      indicator: z.enum(TARGET_INDICATORS),
      value: z.strictObject({
        percent: z.number().check(z.minimum(0), z.maximum(100)),
        year,
      }),
    }),
  ]);
});
export type InputBody = z.infer<typeof InputBody>;

export interface InputVersion {
  kind: InputKind;
  /** Identifies the input within its kind: `M2026-05|C31825`, `2026|P96`, `2026|47`, `ecommerceShare`. */
  key: string;
  /** The year the input belongs to (its storage partition); 0 for targets. */
  year: number;
  version: number;
  value: Record<string, number>;
  source: Source;
  enteredBy: string;
  enteredAt: string;
  /** Seeded sample figures, never official. */
  demo?: boolean;
}

/** Storage identity of an input: kind, year partition and key. */
export function identityOf(body: InputBody): { kind: InputKind; year: number; key: string } {
  switch (body.kind) {
    case 'tmbl':
      return {
        kind: body.kind,
        year: Number(body.period.slice(1, 5)),
        key: `${body.period}|${body.area}`,
      };
    case 'grdp':
    case 'enterprises':
      return { kind: body.kind, year: body.year, key: `${body.year}|${body.area}` };
    case 'sectorRatio':
      return { kind: body.kind, year: body.year, key: `${body.year}|${body.sector}` };
    case 'operatorValueAdded':
      return { kind: body.kind, year: body.year, key: `${body.year}` };
    case 'target':
      return { kind: body.kind, year: 0, key: body.indicator };
  }
}

/** Extra checks zod cannot express in one field. */
export function inputProblem(body: InputBody): string | undefined {
  if (body.kind === 'tmbl' && body.value.goods > body.value.total)
    return 'Retail sales of goods cannot exceed total retail sales';
  if (body.kind === 'sectorRatio' && body.value.valueAddedRatio > 1)
    return 'The value-added ratio is at most 1';
  return undefined;
}

/**
 * The province's 2030 targets (Cà Mau's digital transformation plans): e-commerce 20% of retail
 * sales, digital economy 20% of GRDP, 100% of SMEs on digital platforms. "Cashless payment in
 * every field" has no percentage; 100% of recorded sales is its literal reading. Officers can
 * enter other targets; these apply while none is entered.
 */
export const DEFAULT_TARGETS: Record<
  TargetIndicator,
  { percent: number; year: number; source: Source }
> = {
  ecommerceShare: {
    percent: 20,
    year: 2030,
    source: {
      type: 'document',
      reference:
        'Provincial digital transformation plan to 2030 (e-commerce 20% of total retail sales)',
    },
  },
  digitalEconomyShare: {
    percent: 20,
    year: 2030,
    source: {
      type: 'document',
      reference: 'Provincial digital transformation plan to 2030 (digital economy 20% of GRDP)',
    },
  },
  smeAdoption: {
    percent: 100,
    year: 2030,
    source: {
      type: 'document',
      reference:
        'Provincial digital transformation plan to 2030 (100% of SMEs on digital platforms)',
    },
  },
  cashlessShare: {
    percent: 100,
    year: 2030,
    source: {
      type: 'estimate',
      note: 'The plan says "cashless payment in every field"; 100% is its literal reading',
    },
  },
};

/** One row of the yearly TMBL CSV: `commune_code,total,goods`. */
export interface TmblCsvRow {
  line: number;
  communeCode: string;
  total: number;
  goods: number;
}

/**
 * Parses a year of TMBL by commune (header `commune_code,total,goods`, amounts in whole VND, no
 * separators). Returns the rows or the problems per line; nothing is accepted when a line is bad.
 */
export function parseTmblCsv(
  text: string,
  isCommune: (code: string) => boolean,
): { rows: TmblCsvRow[]; problems: Array<{ line: number; message: string }> } {
  const problems: Array<{ line: number; message: string }> = [];
  const rows: TmblCsvRow[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  if (header.join(',') !== 'commune_code,total,goods') {
    problems.push({ line: 1, message: 'The header must be commune_code,total,goods' });
    return { rows, problems };
  }
  const seen = new Set<string>();
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const cells = raw.split(',').map((c) => c.trim());
    const line = i + 1;
    if (cells.length !== 3) {
      problems.push({ line, message: 'Expected 3 columns' });
      continue;
    }
    const [code, totalText, goodsText] = cells as [string, string, string];
    if (!isCommune(code)) problems.push({ line, message: `Unknown commune code ${code}` });
    else if (seen.has(code)) problems.push({ line, message: `Commune ${code} appears twice` });
    seen.add(code);
    const total = /^\d{1,15}$/.test(totalText) ? Number(totalText) : Number.NaN;
    const goods = /^\d{1,15}$/.test(goodsText) ? Number(goodsText) : Number.NaN;
    if (Number.isNaN(total) || Number.isNaN(goods)) {
      problems.push({ line, message: 'Amounts are whole VND without separators' });
      continue;
    }
    if (goods > total) problems.push({ line, message: 'Goods exceed the total' });
    rows.push({ line, communeCode: code, total, goods });
  }
  if (rows.length === 0 && problems.length === 0)
    problems.push({ line: 2, message: 'The file has no rows' });
  return { rows, problems };
}
