/**
 * Accent-insensitive product search for the storefront. Pure: folding, tokens, scoring, and an
 * in-memory inverted index that finds the same results as scoring every product (a property test
 * holds the two together).
 *
 * Buyers type without accents ("tom kho ca mau"), so both sides are folded: NFD, combining marks
 * dropped, đ/Đ → d, lower case. A query token matches a product token that equals it (whole word);
 * the last query token may also match as a prefix (as-you-type: "tom kho ca m" finds "Cà Mau",
 * while a finished word like "ca" does not drag in every "cang", "cao", "cay"). Ranking, most
 * important first:
 * 1. how many query tokens matched (all beats some; fewer than half is no match at all);
 * 2. match quality per token: name word 40 > name prefix 20 > description word 8 > prefix 4,
 *    so a whole word beats a prefix and the name beats the description;
 * 3. phrase order: +5 for each pair of consecutive query tokens found next to each other, in
 *    order, in the name;
 * 4. specificity: +0..4 for the share of the Vietnamese name the query covers ("mật ong" before
 *    "mật ong rừng tràm U Minh Hạ");
 * then the caller breaks ties deterministically (newest first, then id).
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_WORD = /[^\p{L}\p{N}]+/u;

/**
 * Folds Vietnamese for matching.
 * @example foldText('  Tôm KHÔ   Đất Mũi ') === 'tom kho dat mui'
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(COMBINING_MARKS, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Folded words, in order (letters and digits of any script; everything else separates). */
export function tokenize(text: string): string[] {
  return foldText(text)
    .split(NON_WORD)
    .filter((t) => t.length > 0);
}

/** At most this many distinct query tokens count; the rest are ignored. */
export const MAX_QUERY_TOKENS = 10;

/** Distinct folded tokens of a query, in the order typed. */
export function queryTokens(q: string): string[] {
  return [...new Set(tokenize(q))].slice(0, MAX_QUERY_TOKENS);
}

/** Fewest query tokens a product must match to be a result: 1 for one or two, else half. */
export const minMatches = (n: number) => (n <= 2 ? Math.min(n, 1) : Math.ceil(n / 2));

export const WEIGHTS = {
  coverage: 10_000,
  nameWord: 40,
  namePrefix: 20,
  descriptionWord: 8,
  descriptionPrefix: 4,
  phrasePair: 5,
  specificity: 4,
} as const;

/** What search needs of a product, tokenized once. */
export interface SearchDoc {
  /** Vietnamese name tokens, in order. */
  nameVi: string[];
  /** English name tokens, in order. */
  nameEn: string[];
  /** Distinct description tokens (both languages). */
  description: string[];
}

export function makeSearchDoc(product: {
  name: { vi: string; en?: string | undefined };
  description: { vi: string; en?: string | undefined };
}): SearchDoc {
  return {
    nameVi: tokenize(product.name.vi),
    nameEn: tokenize(product.name.en ?? ''),
    description: [
      ...new Set([...tokenize(product.description.vi), ...tokenize(product.description.en ?? '')]),
    ],
  };
}

/** Does doc token `t` match query token number `i` of `n`? Whole word, or prefix for the last. */
const matchesAt = (t: string, token: string, i: number, n: number) =>
  t === token || (i === n - 1 && t.startsWith(token));

/** Best match quality of query token `i` of `n` in a doc (0: none), by scanning its tokens. */
function qualityOf(doc: SearchDoc, token: string, i: number, n: number): number {
  let best = 0;
  for (const list of [doc.nameVi, doc.nameEn]) {
    for (const t of list) {
      if (t === token) return WEIGHTS.nameWord;
      if (matchesAt(t, token, i, n)) best = WEIGHTS.namePrefix;
    }
  }
  if (best > 0) return best;
  for (const t of doc.description) {
    if (t === token) return WEIGHTS.descriptionWord;
    if (matchesAt(t, token, i, n)) best = WEIGHTS.descriptionPrefix;
  }
  return best;
}

function phrasePairs(name: string[], tokens: readonly string[]): number {
  const n = tokens.length;
  let pairs = 0;
  for (let i = 0; i + 1 < n; i++) {
    const a = tokens[i] as string;
    const b = tokens[i + 1] as string;
    for (let j = 0; j + 1 < name.length; j++) {
      if (matchesAt(name[j] as string, a, i, n) && matchesAt(name[j + 1] as string, b, i + 1, n)) {
        pairs++;
        break;
      }
    }
  }
  return pairs;
}

/**
 * The score from each query token's best match quality (same order as `tokens`): 0 when fewer
 * than minMatches tokens matched. Shared by the linear scorer and the index.
 */
export function combineScore(
  tokens: readonly string[],
  qualities: ArrayLike<number>,
  doc: SearchDoc,
): number {
  let matched = 0;
  let quality = 0;
  for (let i = 0; i < tokens.length; i++) {
    const q = qualities[i] ?? 0;
    if (q > 0) {
      matched++;
      quality += q;
    }
  }
  if (matched === 0 || matched < minMatches(tokens.length)) return 0;
  const phrase = Math.max(phrasePairs(doc.nameVi, tokens), phrasePairs(doc.nameEn, tokens));
  let covered = 0;
  const n = tokens.length;
  for (const t of doc.nameVi) if (tokens.some((q, i) => matchesAt(t, q, i, n))) covered++;
  const specificity =
    doc.nameVi.length > 0 ? Math.floor((WEIGHTS.specificity * covered) / doc.nameVi.length) : 0;
  return matched * WEIGHTS.coverage + quality + phrase * WEIGHTS.phrasePair + specificity;
}

/** The relevance of one product for folded query tokens (0: not a result). Linear reference. */
export function scoreDoc(tokens: readonly string[], doc: SearchDoc): number {
  if (tokens.length === 0) return 0;
  return combineScore(
    tokens,
    tokens.map((t, i) => qualityOf(doc, t, i, tokens.length)),
    doc,
  );
}

const IN_NAME = 1;
const IN_DESCRIPTION = 2;

/**
 * Inverted index over folded tokens: token → documents (by numeric slot, with where the token
 * occurs), plus the sorted vocabulary for the last token's prefix range. Upsert and remove are
 * incremental; the vocabulary is re-sorted lazily on the next search after a change. Results equal
 * `scoreDoc` over every doc (a property test holds them together).
 */
export class TokenIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly keys: (string | undefined)[] = [];
  private readonly docs: (SearchDoc | undefined)[] = [];
  private readonly free: number[] = [];
  private readonly postings = new Map<string, Map<number, number>>();
  private vocabulary: string[] = [];
  private vocabularyDirty = false;

  get size(): number {
    return this.slotOf.size;
  }

  has(key: string): boolean {
    return this.slotOf.has(key);
  }

  upsert(key: string, doc: SearchDoc): void {
    this.remove(key);
    const slot = this.free.pop() ?? this.docs.length;
    this.slotOf.set(key, slot);
    this.keys[slot] = key;
    this.docs[slot] = doc;
    const where = new Map<string, number>();
    for (const t of doc.nameVi) where.set(t, IN_NAME);
    for (const t of doc.nameEn) where.set(t, IN_NAME);
    for (const t of doc.description) where.set(t, (where.get(t) ?? 0) | IN_DESCRIPTION);
    for (const [token, bits] of where) {
      let list = this.postings.get(token);
      if (!list) {
        list = new Map();
        this.postings.set(token, list);
        this.vocabularyDirty = true;
      }
      list.set(slot, bits);
    }
  }

  remove(key: string): void {
    const slot = this.slotOf.get(key);
    if (slot === undefined) return;
    const doc = this.docs[slot] as SearchDoc;
    this.slotOf.delete(key);
    this.keys[slot] = undefined;
    this.docs[slot] = undefined;
    this.free.push(slot);
    for (const token of new Set([...doc.nameVi, ...doc.nameEn, ...doc.description])) {
      const list = this.postings.get(token);
      if (!list) continue;
      list.delete(slot);
      if (list.size === 0) {
        this.postings.delete(token);
        this.vocabularyDirty = true;
      }
    }
  }

  /** Every doc that is a result for the tokens, with its score (> 0). */
  search(tokens: readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    const n = tokens.length;
    if (n === 0) return out;
    // qualities[slot * n + i]: best match of query token i in the doc at slot.
    const qualities = new Uint8Array(this.docs.length * n);
    const isTouched = new Uint8Array(this.docs.length);
    const touched: number[] = [];
    const add = (word: string, i: number) => {
      const exact = word === tokens[i];
      for (const [slot, bits] of this.postings.get(word) ?? []) {
        const q =
          bits & IN_NAME
            ? exact
              ? WEIGHTS.nameWord
              : WEIGHTS.namePrefix
            : exact
              ? WEIGHTS.descriptionWord
              : WEIGHTS.descriptionPrefix;
        if (isTouched[slot] === 0) {
          isTouched[slot] = 1;
          touched.push(slot);
        }
        const at = slot * n + i;
        if (q > (qualities[at] as number)) qualities[at] = q;
      }
    };
    for (let i = 0; i < n - 1; i++) add(tokens[i] as string, i);
    const last = tokens[n - 1] as string;
    if (this.vocabularyDirty) {
      this.vocabulary = [...this.postings.keys()].sort();
      this.vocabularyDirty = false;
    }
    for (let k = lowerBound(this.vocabulary, last); k < this.vocabulary.length; k++) {
      const word = this.vocabulary[k] as string;
      if (!word.startsWith(last)) break;
      add(word, n - 1);
    }
    const needed = minMatches(n);
    for (const slot of touched) {
      const row = qualities.subarray(slot * n, slot * n + n);
      let matched = 0;
      for (const q of row) if (q > 0) matched++;
      if (matched < needed) continue;
      const score = combineScore(tokens, row, this.docs[slot] as SearchDoc);
      if (score > 0) out.set(this.keys[slot] as string, score);
    }
    return out;
  }
}

/** First index in sorted `list` whose value is >= `value`. */
function lowerBound(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as string) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
