import { STOREFRONT_PAGE_SIZE } from '../../shared/pages/html';
import { api, asApiError, queryString } from '../lib/api';
import { $, announce, append, h, replace, setText } from '../lib/dom';
import { formatNumber } from '../lib/format';
import { type Bi, bi } from '../lib/i18n';
import { setupPage } from '../lib/layout';
import { adoptImages, takePageData } from '../lib/page-data';
import { type ProductSummary, productCard } from '../lib/products';
import { loadReference, type Reference } from '../lib/reference';

/**
 * The storefront: search (accents optional: the API folds them), category chips, filters, sort,
 * and a grid loaded a page at a time. The address bar always holds the query, so a result list
 * can be shared or bookmarked and the back button undoes a change.
 */
interface Query {
  q: string;
  category: string;
  commune: string;
  seller: string;
  minPrice: string;
  maxPrice: string;
  inStock: boolean;
  sort: string;
}
interface Page {
  items: ProductSummary[];
  total?: number;
  nextCursor?: string;
}

const PAGE_SIZE = STOREFRONT_PAGE_SIZE;
const els = {
  searchForm: $<HTMLFormElement>('#search-form'),
  q: $<HTMLInputElement>('#q'),
  chips: $('#chips'),
  filters: $<HTMLDetailsElement>('#filters'),
  filterCount: $('#filter-count'),
  filterForm: $<HTMLFormElement>('#filter-form'),
  commune: $<HTMLSelectElement>('#commune'),
  minPrice: $<HTMLInputElement>('#minPrice'),
  maxPrice: $<HTMLInputElement>('#maxPrice'),
  priceError: $('#price-error'),
  inStock: $<HTMLInputElement>('#inStock'),
  clear: $<HTMLButtonElement>('#clear-filters'),
  sort: $<HTMLSelectElement>('#sort'),
  count: $('#count'),
  sellerFilter: $('#seller-filter'),
  error: $('#error'),
  grid: $<HTMLUListElement>('#grid'),
  more: $<HTMLButtonElement>('#more'),
};

let ref: Reference | undefined;
let state: Query = readUrl();
let nextCursor: string | undefined;
let loaded = 0;
let request = 0;

function readUrl(): Query {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get('q') ?? '',
    category: p.get('category') ?? '',
    commune: p.get('commune') ?? '',
    seller: p.get('seller') ?? '',
    minPrice: p.get('minPrice') ?? '',
    maxPrice: p.get('maxPrice') ?? '',
    inStock: p.get('inStock') === 'true',
    sort: p.get('sort') ?? '',
  };
}

function apiParams(query: Query) {
  return {
    q: query.q.trim(),
    category: query.category,
    commune: query.commune,
    seller: query.seller,
    minPrice: query.minPrice,
    maxPrice: query.maxPrice,
    inStock: query.inStock ? 'true' : undefined,
    sort: query.sort,
  };
}

/** Puts the query in the address bar (a new history entry, so Back undoes it). */
function writeUrl(push: boolean) {
  const url = `/${queryString(apiParams(state))}`;
  if (url === location.pathname + location.search) return;
  if (push) history.pushState(null, '', url);
  else history.replaceState(null, '', url);
}

function fillControls() {
  els.q.value = state.q;
  els.commune.value = state.commune;
  els.minPrice.value = state.minPrice;
  els.maxPrice.value = state.maxPrice;
  els.inStock.checked = state.inStock;
  els.sort.value = state.sort;
  for (const chip of els.chips.querySelectorAll<HTMLButtonElement>('button')) {
    chip.setAttribute('aria-pressed', String((chip.dataset.category ?? '') === state.category));
  }
  const active = [state.commune, state.minPrice, state.maxPrice, state.inStock ? 'x' : ''].filter(
    Boolean,
  ).length;
  els.filterCount.textContent = active ? `(${active})` : '';
}

function renderChips() {
  if (!ref) return;
  const chip = (id: string, label: Bi) =>
    h(
      'button',
      {
        type: 'button',
        'data-category': id,
        'aria-pressed': String(state.category === id),
        onclick: () => {
          state = { ...state, category: id };
          change();
        },
      },
      label,
    );
  replace(
    els.chips,
    chip('', bi('Tất cả', 'All')),
    ref.data.categories.map((c) => chip(c.id, bi(c.vi, c.en))),
  );
}

function renderCommunes() {
  if (!ref) return;
  append(
    els.commune,
    ref.communesSorted.map((c) => h('option', { value: c.code }, bi(c.name, c.nameEn || c.name))),
  );
  els.commune.value = state.commune;
}

function countText(total: number): Bi {
  const n = formatNumber(total);
  const q = state.q.trim();
  if (q) return bi(`${n} kết quả cho “${q}”`, `${n} results for “${q}”`);
  return bi(`${n} sản phẩm`, `${n} ${total === 1 ? 'product' : 'products'}`);
}

async function load(append_: boolean) {
  const id = ++request;
  const params = {
    ...apiParams(state),
    limit: PAGE_SIZE,
    cursor: append_ ? nextCursor : undefined,
  };
  els.grid.setAttribute('aria-busy', 'true');
  els.more.disabled = true;
  try {
    // Cards name categories and communes in both languages: wait for the labels too.
    const [page] = await Promise.all([api<Page>(`/api/products${queryString(params)}`), reference]);
    if (id !== request) return;
    announce(els.error, null);
    if (!append_) {
      els.grid.replaceChildren();
      loaded = 0;
    }
    const firstNew = page.items.length > 0 ? loaded : -1;
    append(
      els.grid,
      page.items.map((p) => productCard(p, ref)),
    );
    loaded += page.items.length;
    nextCursor = page.nextCursor;
    els.more.hidden = !nextCursor;
    const total = page.total ?? loaded;
    setText(els.count, countText(total));
    renderSellerFilter(page.items[0]);
    if (total === 0) renderEmpty();
    if (append_ && firstNew >= 0) {
      els.grid.querySelectorAll<HTMLAnchorElement>('h3 a')[firstNew]?.focus();
    }
  } catch (err) {
    if (id !== request) return;
    const e = asApiError(err);
    announce(els.error, e.bi(), 'error');
    // The loading placeholders of the built HTML go; what was already listed stays.
    for (const skeleton of els.grid.querySelectorAll('.skeleton')) skeleton.remove();
    if (e.code === 'request.invalid' || e.code === 'query.invalidCursor') els.more.hidden = true;
  } finally {
    if (id === request) {
      els.grid.removeAttribute('aria-busy');
      els.more.disabled = false;
    }
  }
}

function renderEmpty() {
  els.grid.append(
    h(
      'li',
      { class: 'empty', style: 'grid-column: 1 / -1' },
      h(
        'p',
        null,
        bi(
          'Không tìm thấy sản phẩm phù hợp. Thử từ khóa khác hoặc bỏ bớt bộ lọc.',
          'No matching products. Try other words or fewer filters.',
        ),
      ),
      h(
        'button',
        { type: 'button', class: 'btn', onclick: () => clearAll() },
        bi('Xem tất cả sản phẩm', 'Show all products'),
      ),
    ),
  );
}

function renderSellerFilter(first: ProductSummary | undefined) {
  if (!state.seller) {
    els.sellerFilter.hidden = true;
    return;
  }
  els.sellerFilter.hidden = false;
  const name = first?.seller.id === state.seller ? first.seller.legalName : state.seller;
  replace(
    els.sellerFilter,
    bi('Đang xem sản phẩm của ', 'Showing products of '),
    h('strong', { lang: 'vi' }, name),
    ' ',
    h(
      'button',
      {
        type: 'button',
        class: 'btn small',
        onclick: () => {
          state = { ...state, seller: '' };
          change();
        },
      },
      bi('Xem mọi người bán', 'All sellers'),
    ),
  );
}

function change() {
  nextCursor = undefined;
  fillControls();
  writeUrl(true);
  void load(false);
}

function clearAll() {
  state = {
    ...readUrl(),
    q: '',
    category: '',
    commune: '',
    seller: '',
    minPrice: '',
    maxPrice: '',
    inStock: false,
    sort: '',
  };
  els.priceError.replaceChildren();
  change();
}

/** Whole đồng, dots or spaces allowed as they are typed: "150.000" → "150000". */
const wholeVnd = (text: string) => text.replace(/[\s.,_₫đ]/gi, '');

els.searchForm.addEventListener('submit', (e) => {
  e.preventDefault();
  state = { ...state, q: els.q.value.trim() };
  change();
});

els.filterForm.addEventListener('submit', (e) => {
  e.preventDefault();
  const min = wholeVnd(els.minPrice.value);
  const max = wholeVnd(els.maxPrice.value);
  const bad = [min, max].some((v) => v !== '' && !/^\d{1,10}$/.test(v));
  const inverted = !bad && min !== '' && max !== '' && Number(min) > Number(max);
  for (const input of [els.minPrice, els.maxPrice]) input.removeAttribute('aria-invalid');
  if (bad || inverted) {
    setText(
      els.priceError,
      bad
        ? bi(
            'Giá ghi bằng đồng, ví dụ 150000 hoặc 150.000.',
            'Prices in đồng, e.g. 150000 or 150.000.',
          )
        : bi('Giá “Từ” phải nhỏ hơn hoặc bằng giá “Đến”.', '“From” must not be above “To”.'),
    );
    for (const input of [els.minPrice, els.maxPrice]) input.setAttribute('aria-invalid', 'true');
    els.minPrice.focus();
    return;
  }
  els.priceError.replaceChildren();
  state = {
    ...state,
    commune: els.commune.value,
    minPrice: min,
    maxPrice: max,
    inStock: els.inStock.checked,
  };
  change();
});

els.clear.addEventListener('click', () => {
  els.priceError.replaceChildren();
  state = { ...state, commune: '', minPrice: '', maxPrice: '', inStock: false };
  change();
});

els.sort.addEventListener('change', () => {
  state = { ...state, sort: els.sort.value };
  change();
});

els.more.addEventListener('click', () => void load(true));

window.addEventListener('popstate', () => {
  state = readUrl();
  fillControls();
  void load(false);
});

setupPage({ section: 'shop' });
if (state.commune || state.minPrice || state.maxPrice || state.inStock) els.filters.open = true;
fillControls();
const reference = loadReference()
  .then((r) => {
    ref = r;
    renderChips();
    renderCommunes();
    fillControls();
    return r;
  })
  .catch((err: unknown) => {
    announce(els.error, asApiError(err).bi(), 'error');
    return undefined;
  });
// A visit without filters may find its first page in the HTML (functions/pages): shown as it
// is (its texts follow the language switch), not fetched again.
const initial = takePageData<Page>('storefront');
const unfiltered = !Object.values(apiParams(state)).some(Boolean);
if (initial && unfiltered) adopt(initial);
else void load(false);

function adopt(page: Page) {
  loaded = page.items.length;
  nextCursor = page.nextCursor;
  els.more.hidden = !nextCursor;
  setText(els.count, countText(page.total ?? loaded));
  adoptImages(els.grid);
  els.grid.removeAttribute('aria-busy');
  if ((page.total ?? loaded) === 0) {
    els.grid.replaceChildren();
    renderEmpty();
  }
}
