import { api, asApiError } from '../lib/api';
import { $, announce, h, replace } from '../lib/dom';
import { formatNumber, formatVnd } from '../lib/format';
import { type Bi, bi, tr } from '../lib/i18n';
import { setupPage } from '../lib/layout';
import { loadReference, type Reference } from '../lib/reference';

/**
 * Open data, public (no sign-in): GET /api/open-data/sales?year= as two tables, by commune and by
 * sector, for the whole year, one month, or all twelve months side by side; the province totals
 * in each table's footer; `c` where disclosure control hides a cell, with the legend and the
 * methodology link beside. The choice is kept in the address (?year=&period=&measure=&zeros=1),
 * so a table can be linked to.
 */
type Published = number | 'c';
interface OpenRow {
  code: string;
  netSales: Published[];
  salesCount: Published[];
}
interface OpenTables {
  year: number;
  columns: string[];
  byCommune: OpenRow[];
  bySector: OpenRow[];
  province: OpenRow;
  thresholds: { minSellers: number; p: number };
}
type Measure = 'net' | 'count';
/** `Y` the year, `01`…`12` a month, `all` the twelve months side by side. */
type Period = string;

const FIRST_YEAR = 2025;
const PROVINCE: Bi = bi('Toàn tỉnh Cà Mau', 'All of Ca Mau province');

/** VSIC divisions the platform's sellers use; others are named by their code. */
const DIVISIONS: Record<string, Bi> = {
  '01': bi('Trồng trọt, chăn nuôi', 'Crop and animal production'),
  '02': bi('Lâm nghiệp', 'Forestry'),
  '03': bi('Khai thác, nuôi trồng thủy sản', 'Fishing and aquaculture'),
  '10': bi('Sản xuất, chế biến thực phẩm', 'Manufacture of food products'),
  '08': bi('Khai khoáng khác (gồm sản xuất muối)', 'Other mining and quarrying (incl. salt)'),
  '11': bi('Sản xuất đồ uống', 'Manufacture of beverages'),
  '13': bi('Sản xuất sản phẩm dệt', 'Manufacture of textiles'),
  '14': bi('Sản xuất trang phục', 'Manufacture of wearing apparel'),
  '16': bi('Chế biến gỗ, tre, nứa', 'Wood, bamboo and rattan products'),
  '31': bi('Sản xuất giường, tủ, bàn, ghế', 'Manufacture of furniture'),
  '32': bi('Công nghiệp chế biến, chế tạo khác', 'Other manufacturing'),
  '46': bi('Bán buôn', 'Wholesale trade'),
  '47': bi('Bán lẻ', 'Retail trade'),
  '49': bi('Vận tải đường bộ', 'Land transport'),
  '50': bi('Vận tải đường thủy', 'Water transport'),
  '55': bi('Dịch vụ lưu trú', 'Accommodation'),
  '56': bi('Dịch vụ ăn uống', 'Food and beverage services'),
  '79': bi('Du lịch lữ hành', 'Travel agencies and tour operators'),
  '93': bi('Thể thao, vui chơi, giải trí', 'Sports, amusement and recreation'),
};
const divisionLabel = (code: string): Bi => {
  const d = DIVISIONS[code];
  return d ? bi(`${code} — ${d.vi}`, `${code} — ${d.en}`) : bi(`Ngành ${code}`, `Division ${code}`);
};

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const monthShort = (m: number): Bi => bi(`T${m}`, (EN_MONTHS[m - 1] ?? '').slice(0, 3));

/** The province's year now (Asia/Ho_Chi_Minh, UTC+7). */
const currentYear = () => Number(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 4));

const controls = $<HTMLFormElement>('#controls');
const yearSelect = $<HTMLSelectElement>('#year');
const periodSelect = $<HTMLSelectElement>('#period');
const measureSelect = $<HTMLSelectElement>('#measure');
const measureField = $('#measure-field');
const zeros = $<HTMLInputElement>('#zeros');
const results = $('#results');
const communesBox = $('#communes');
const sectorsBox = $('#sectors');
const status = $('#status');
const error = $('#error');

function option(value: string, text: Bi) {
  return h('option', { value }, text);
}

function fillSelects(year: number) {
  replace(
    yearSelect,
    Array.from({ length: Math.max(1, currentYear() - FIRST_YEAR + 1) }, (_, i) => {
      const y = currentYear() - i;
      return option(String(y), bi(String(y)));
    }),
  );
  yearSelect.value = String(year);
  const keep = periodSelect.value;
  replace(
    periodSelect,
    option('Y', bi('Cả năm', 'Whole year')),
    option('all', bi('12 tháng', '12 months')),
    Array.from({ length: 12 }, (_, i) =>
      option(String(i + 1).padStart(2, '0'), bi(`Tháng ${i + 1}`, EN_MONTHS[i])),
    ),
  );
  if (keep) periodSelect.value = keep;
}

const isSuppressed = (v: Published | undefined): v is 'c' => v === 'c';

/** A figure's cell; `bare` leaves the ₫ out (the twelve-month table says the unit once). */
function valueCell(v: Published | undefined, measure: Measure, bare = false) {
  if (isSuppressed(v))
    return h(
      'td',
      { class: 'num suppressed' },
      h(
        'abbr',
        {
          title: bi(
            'Ẩn để bảo vệ thông tin người bán (kiểm soát công bố)',
            'Hidden to protect sellers (disclosure control)',
          ),
        },
        'c',
      ),
    );
  const n = v ?? 0;
  return h(
    'td',
    { class: n === 0 ? 'num zero' : 'num' },
    measure === 'net' && !bare ? formatVnd(n) : formatNumber(n),
  );
}

const MEASURE_HEAD: Record<Measure, Bi> = {
  net: bi('Doanh số thuần (₫)', 'Net sales (₫)'),
  count: bi('Số lượt bán', 'Number of sales'),
};

const MEASURE_WIDE: Record<Measure, Bi> = {
  net: bi('doanh số thuần, đồng', 'net sales, VND'),
  count: bi('số lượt bán', 'number of sales'),
};

interface TableSpec {
  caption: Bi;
  rowHead: Bi;
  rows: Array<{ label: Bi; code: string; row: OpenRow }>;
  total: OpenRow;
}

/** Rows with nothing but true zeros are left out unless asked for; `c` rows always stay. */
function shown(row: OpenRow, indexes: number[]): boolean {
  return indexes.some((i) => row.netSales[i] !== 0 || row.salesCount[i] !== 0);
}

function periodText(period: Period, year: number): Bi {
  if (period === 'Y') return bi(`năm ${year}`, `${year}`);
  if (period === 'all') return bi(`từng tháng năm ${year}`, `month by month, ${year}`);
  const m = Number(period);
  return bi(`tháng ${m}/${year}`, `${EN_MONTHS[m - 1]} ${year}`);
}

function table(spec: TableSpec, period: Period, measure: Measure, showZeros: boolean) {
  const wide = period === 'all';
  const index = period === 'Y' ? 12 : Number(period) - 1;
  const indexes = wide ? Array.from({ length: 13 }, (_, i) => i) : [index];
  const rows = spec.rows.filter((r) => showZeros || shown(r.row, indexes));
  const hiddenCount = spec.rows.length - rows.length;
  const head = wide
    ? [
        ...Array.from({ length: 12 }, (_, i) =>
          h(
            'th',
            { scope: 'col', class: 'num' },
            h('abbr', { title: bi(`Tháng ${i + 1}`, EN_MONTHS[i]) }, monthShort(i + 1)),
          ),
        ),
        h('th', { scope: 'col', class: 'num' }, bi('Cả năm', 'Year')),
      ]
    : [
        h('th', { scope: 'col', class: 'num' }, MEASURE_HEAD.net),
        h('th', { scope: 'col', class: 'num' }, MEASURE_HEAD.count),
      ];
  const cells = (row: OpenRow) =>
    wide
      ? indexes.map((i) =>
          valueCell((measure === 'net' ? row.netSales : row.salesCount)[i], measure, true),
        )
      : [valueCell(row.netSales[index], 'net'), valueCell(row.salesCount[index], 'count')];
  const caption = wide
    ? bi(
        `${spec.caption.vi}: ${MEASURE_WIDE[measure].vi}`,
        `${spec.caption.en}: ${MEASURE_WIDE[measure].en}`,
      )
    : spec.caption;
  const tableEl = h(
    'table',
    { class: wide ? 'open-table wide' : 'open-table' },
    h('caption', null, h('span', { class: 'caption-text' }, caption)),
    h('thead', null, h('tr', null, h('th', { scope: 'col' }, spec.rowHead), head)),
    h(
      'tbody',
      null,
      rows.length === 0
        ? h(
            'tr',
            null,
            h(
              'td',
              { colspan: String(head.length + 1) },
              bi('Chưa có doanh số nào trong kỳ này.', 'No sales in this period yet.'),
            ),
          )
        : rows.map((r) =>
            h('tr', { 'data-code': r.code }, h('th', { scope: 'row' }, r.label), cells(r.row)),
          ),
    ),
    h(
      'tfoot',
      null,
      h(
        'tr',
        { 'data-code': spec.total.code },
        h('th', { scope: 'row' }, PROVINCE),
        cells(spec.total),
      ),
    ),
  );
  return [
    h(
      'div',
      { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
      tableEl,
    ),
    hiddenCount > 0 && !showZeros
      ? h(
          'p',
          { class: 'hint' },
          bi(
            `${hiddenCount} xã, phường không có doanh số trong kỳ không được liệt kê (chọn “Hiện cả các xã, phường chưa có doanh số” để xem).`,
            `${hiddenCount} communes and wards with no sales in the period are not listed (tick “Also show communes without sales”).`,
          ),
        )
      : null,
  ];
}

interface State {
  year: number;
  period: Period;
  measure: Measure;
  zeros: boolean;
}

function readState(): State {
  const q = new URLSearchParams(location.search);
  const y = Number(q.get('year'));
  const year = Number.isInteger(y) && y >= FIRST_YEAR && y <= currentYear() ? y : currentYear();
  const p = q.get('period') ?? 'Y';
  const period = p === 'Y' || p === 'all' || /^(0[1-9]|1[0-2])$/.test(p) ? p : 'Y';
  return {
    year,
    period,
    measure: q.get('measure') === 'count' ? 'count' : 'net',
    zeros: q.get('zeros') === '1',
  };
}

function writeState(s: State) {
  const q = new URLSearchParams({ year: String(s.year), period: s.period });
  if (s.period === 'all') q.set('measure', s.measure);
  if (s.zeros) q.set('zeros', '1');
  history.replaceState(null, '', `?${q}`);
}

let data: OpenTables | undefined;
let ref: Reference | undefined;

function render(s: State) {
  if (!data) return;
  measureField.hidden = s.period !== 'all';
  const communeRows = (ref?.communesSorted ?? []).map((c) => ({
    label: bi(c.name, c.nameEn || c.name),
    code: c.code,
    row: data?.byCommune.find((r) => r.code === c.code) as OpenRow,
  }));
  // Communes the reference list lacks (a renamed unit) still show, by code.
  for (const row of data.byCommune)
    if (!communeRows.some((r) => r.code === row.code))
      communeRows.push({ label: bi(row.code), code: row.code, row });
  replace(
    communesBox,
    table(
      {
        caption: bi(
          `Doanh số theo xã, phường, ${periodText(s.period, s.year).vi}`,
          `Sales by commune and ward, ${periodText(s.period, s.year).en}`,
        ),
        rowHead: bi('Xã, phường', 'Commune or ward'),
        rows: communeRows.filter((r) => r.row),
        total: data.province,
      },
      s.period,
      s.measure,
      s.zeros,
    ),
  );
  replace(
    sectorsBox,
    table(
      {
        caption: bi(
          `Doanh số theo ngành, ${periodText(s.period, s.year).vi}`,
          `Sales by sector, ${periodText(s.period, s.year).en}`,
        ),
        rowHead: bi('Ngành (VSIC cấp 2)', 'Sector (VSIC division)'),
        rows: data.bySector.map((row) => ({ label: divisionLabel(row.code), code: row.code, row })),
        total: data.province,
      },
      s.period,
      s.measure,
      true,
    ),
  );
  const t = data.thresholds;
  const legend = $('#legend-c');
  legend.dataset.vi = `Ẩn để bảo vệ thông tin của người bán (kiểm soát công bố thống kê): ô có doanh số của ít hơn ${t.minSellers} người bán, hoặc một, hai người bán chiếm gần hết (quy tắc p%, p = ${t.p}), hoặc ô được ẩn thêm để không thể tính ngược ô bị ẩn từ các tổng.`;
  legend.dataset.en = `Hidden to protect sellers (statistical disclosure control): the cell has sales from fewer than ${t.minSellers} sellers, or one or two sellers make up almost all of it (p%-rule, p = ${t.p}), or it is hidden as well so that a hidden cell cannot be worked out from the totals.`;
  legend.textContent = tr({ vi: legend.dataset.vi, en: legend.dataset.en });
}

async function load(s: State) {
  results.setAttribute('aria-busy', 'true');
  announce(error, null);
  announce(status, bi('Đang tải số liệu…', 'Loading the figures…'));
  $<HTMLAnchorElement>('#download-csv').href = `/api/open-data/sales?year=${s.year}&format=csv`;
  $<HTMLAnchorElement>('#download-json').href = `/api/open-data/sales?year=${s.year}`;
  try {
    [data, ref] = await Promise.all([
      api<OpenTables>(`/api/open-data/sales?year=${s.year}`),
      loadReference().catch(() => undefined),
    ]);
    render(s);
    announce(status, null);
  } catch (err) {
    data = undefined;
    const e = asApiError(err);
    announce(status, null);
    announce(error, e.bi(), 'error');
    replace(communesBox);
    replace(sectorsBox);
  } finally {
    results.setAttribute('aria-busy', 'false');
  }
}

setupPage({ section: 'none' });
let state = readState();
fillSelects(state.year);
periodSelect.value = state.period;
measureSelect.value = state.measure;
zeros.checked = state.zeros;
void load(state);

controls.addEventListener('submit', (e) => e.preventDefault());
controls.addEventListener('change', (e) => {
  const next: State = {
    year: Number(yearSelect.value),
    period: periodSelect.value,
    measure: measureSelect.value === 'count' ? 'count' : 'net',
    zeros: zeros.checked,
  };
  writeState(next);
  if (e.target === yearSelect) {
    fillSelects(next.year);
    state = next;
    void load(next);
    return;
  }
  state = next;
  render(next);
});
