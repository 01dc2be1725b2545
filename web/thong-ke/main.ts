import type { Figure, Missing, UsedInput } from '../../shared/stats/indicators';
import type { IndicatorsAnswer } from '../../shared/stats/query';
import { ApiError, api, asApiError, queryString } from '../lib/api';
import { $, announce, type Child, h, replace, uid } from '../lib/dom';
import { formatDateTime, formatVnd } from '../lib/format';
import { field, optionNodes } from '../lib/forms';
import { type Bi, bi, currentLang, tr } from '../lib/i18n';
import { setupPage } from '../lib/layout';
import { loadReference, type Reference } from '../lib/reference';
import { requireRole, type SellerView } from '../lib/session';
import type { ChartSpec } from './charts';
import {
  areaLabel,
  countText,
  DIVISIONS,
  divisionLabel,
  INPUT_KIND_LABELS,
  inputKeyLabel,
  localToday,
  monthShort,
  PROVINCE_AREA,
  percentText,
  periodLabel,
  ratioText,
  sourceText,
  VALUE_FIELDS,
} from './labels';

/**
 * The officers' statistics dashboard: the platform's contribution to the province's 2030
 * digital-economy indicators for a period, commune and sector (GET /api/stats/indicators), each
 * with its formula and the inputs it used or misses; monthly series, bars by commune and sector,
 * the cashless share, and exports. Chart.js is loaded lazily (its own chunk); every chart has a
 * table twin.
 */

// Started at once, in parallel with the data: the dashboard is the only page that loads it.
const chartsModule = import('./charts');

let redraws: Array<() => void> = [];
setupPage({
  section: 'stats',
  onLangChange: () => {
    for (const redraw of redraws) redraw();
    renderExports(filters);
  },
});

const message = $('#message');
const figuresBox = $('#figures');
const salesBox = $('#sales');
const seriesBox = $('#series');
const breakdownBox = $('#breakdown');
const cashlessBox = $('#cashless');
const exportBox = $('#export');
const scopeText = $('#scope');

interface Filters {
  period: string;
  area: string;
  sector: string;
}

const PERIOD_RE =
  /^(D\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])|M\d{4}-(0[1-9]|1[0-2])|Q\d{4}-[1-4]|Y\d{4})$/;

function filtersFromUrl(): Filters {
  const q = new URLSearchParams(location.search);
  const period = q.get('period') ?? '';
  const area = q.get('area') ?? '';
  const sector = q.get('sector') ?? '';
  return {
    period: PERIOD_RE.test(period) ? period : `M${localToday().slice(0, 7)}`,
    area: /^(P\d{2}|C\d{5})$/.test(area) ? area : PROVINCE_AREA,
    sector: /^(\*|\d{2})$/.test(sector) ? sector : '*',
  };
}

let filters = filtersFromUrl();
let ref: Reference | undefined;

// ---------------------------------------------------------------------------------------------
// Words for the API's figures (the API gives English formulas and reasons; the page says them in
// Vietnamese first, with the API's English as the twin).

const LABELS: Record<string, Bi> = {
  cashlessShareCount: bi(
    'Đóng góp của nền tảng: tỷ lệ thanh toán không dùng tiền mặt (theo số giao dịch)',
    'Platform contribution: cashless share (by number of sales)',
  ),
  cashlessShareValue: bi(
    'Đóng góp của nền tảng: tỷ lệ thanh toán không dùng tiền mặt (theo giá trị)',
    'Platform contribution: cashless share (by value)',
  ),
};

const FORMULAS_VI: Record<string, string> = {
  ecommerceShare:
    'doanh số trực tuyến thuần của người bán trong địa bàn (đã thanh toán, gồm VAT, trừ hủy và hoàn tiền, không tính phí giao hàng) ÷ tổng mức bán lẻ hàng hóa và dịch vụ (TMBL) của địa bàn trong kỳ × 100',
  ecommerceShareGoods:
    'doanh số hàng hóa trực tuyến thuần của người bán trong địa bàn ÷ tổng mức bán lẻ hàng hóa (TMBL hàng hóa) của địa bàn trong kỳ × 100',
  cashlessShareCount:
    'số giao dịch không dùng tiền mặt ÷ tổng số giao dịch (không tính giao dịch đã hủy), trực tuyến và tại quầy × 100 (không dùng tiền mặt = VietQR hoặc phương thức khác không phải tiền mặt)',
  cashlessShareValue:
    'doanh số thuần không dùng tiền mặt ÷ tổng doanh số thuần, trực tuyến và tại quầy × 100',
  smeAdoption:
    'số người bán có ít nhất một giao dịch không bị hủy trong kỳ ÷ số doanh nghiệp nhỏ và vừa và HTX đang hoạt động của địa bàn (nhập theo năm) × 100',
  digitalEconomyShare:
    '(giá trị tăng thêm của đơn vị vận hành + Σ theo ngành của doanh số trực tuyến thuần × hệ số sản lượng × hệ số giá trị tăng thêm) ÷ GRDP theo giá hiện hành × 100 (chỉ tính theo năm; phần của đơn vị vận hành chỉ tính cho toàn tỉnh, mọi ngành)',
  netSales: 'Σ bán − hủy − hoàn tiền, trực tuyến và tại quầy (gồm VAT, không tính phí giao hàng)',
  onlineNetSales: 'Σ bán trực tuyến − hủy − hoàn tiền (gồm VAT, không tính phí giao hàng)',
  orders: 'số đơn trực tuyến − số đơn trực tuyến đã hủy',
  counterSales: 'số giao dịch tại quầy − số giao dịch tại quầy đã hủy',
  activeSellers: 'số người bán khác nhau có ít nhất một giao dịch không bị hủy trong kỳ',
};

const SECTOR_SHARE_FIGURES = new Set(['ecommerceShare', 'ecommerceShareGoods', 'smeAdoption']);

function formulaOf(f: Figure, sector: string): Bi {
  let vi = FORMULAS_VI[f.id] ?? f.formula;
  if (sector !== '*' && SECTOR_SHARE_FIGURES.has(f.id))
    vi += ` (phần của ngành ${sector}: mẫu số được nhập cho mọi ngành, nên phần của các ngành cộng lại bằng tổng)`;
  return bi(vi, f.formula);
}

const COUNT_TERMS = new Set(['activeSellers', 'smesAndCooperatives']);

function termLabel(name: string, f: Figure): Bi {
  const bySector = /^(onlineNetSales|valueAdded)_(\d{2})$/.exec(name);
  if (bySector) {
    const d = bySector[2] as string;
    return bySector[1] === 'valueAdded'
      ? bi(`Giá trị tăng thêm ngành ${d}`, `Value added, division ${d}`)
      : bi(`Doanh số trực tuyến thuần ngành ${d}`, `Net online sales, division ${d}`);
  }
  const byCount = f.id === 'cashlessShareCount';
  const words: Record<string, Bi> = {
    onlineNetSales:
      f.id === 'ecommerceShareGoods'
        ? bi('Doanh số hàng hóa trực tuyến thuần', 'Net online goods sales')
        : bi('Doanh số trực tuyến thuần', 'Net online sales'),
    tmbl:
      f.id === 'ecommerceShareGoods'
        ? bi('TMBL hàng hóa', 'Retail sales of goods (TMBL)')
        : bi('TMBL hàng hóa và dịch vụ', 'Total retail sales (TMBL)'),
    cashless: byCount
      ? bi('Giao dịch không dùng tiền mặt', 'Cashless sales')
      : bi('Doanh số không dùng tiền mặt', 'Cashless net sales'),
    all: byCount
      ? bi('Tổng số giao dịch', 'All sales')
      : bi('Tổng doanh số thuần', 'All net sales'),
    activeSellers: bi('Người bán có giao dịch', 'Active sellers'),
    smesAndCooperatives: bi('DNNVV và HTX đang hoạt động', 'Active SMEs and cooperatives'),
    operatorValueAdded: bi('Giá trị tăng thêm của đơn vị vận hành', 'Operator value added'),
    numerator: bi('Tử số', 'Numerator'),
    grdp: bi('GRDP theo giá hiện hành', 'GRDP at current prices'),
    value: bi('Giá trị', 'Value'),
  };
  return words[name] ?? bi(name);
}

function termValue(name: string, value: number, f: Figure): Bi {
  const isCount =
    COUNT_TERMS.has(name) ||
    (f.id === 'cashlessShareCount' && (name === 'cashless' || name === 'all')) ||
    (name === 'value' && f.unit === 'count');
  return isCount ? countText(value) : bi(formatVnd(Math.round(value)));
}

/** Words for a missing input or an impossible ratio, from its kind and key. */
function missingText(m: Missing): Bi {
  const [a = '', b = ''] = m.key.split('|');
  const zero = /entered as 0/.test(m.message);
  const prefix = zero
    ? bi('Không tính được: ', 'Cannot be computed: ')
    : bi('Thiếu số liệu: ', 'Missing input: ');
  const tail = (x: Bi) => bi(prefix.vi + x.vi, prefix.en + x.en);
  switch (m.kind) {
    case 'tmbl':
      if (a.startsWith('D'))
        return bi(
          'Thiếu số liệu: TMBL được nhập theo tháng, quý hoặc năm, không theo ngày — chọn kỳ là tháng, quý hoặc năm',
          'Missing input: TMBL is entered per month, quarter or year, not per day — choose a month, quarter or year',
        );
      return tail(
        bi(
          `tổng mức bán lẻ hàng hóa và dịch vụ (TMBL) ${periodLabel(a).vi}, ${areaLabel(b, ref).vi}${zero ? ' được nhập bằng 0' : ''}`,
          `total retail sales (TMBL), ${periodLabel(a).en}, ${areaLabel(b, ref).en}${zero ? ' entered as 0' : ''}`,
        ),
      );
    case 'grdp':
      if (/annual/.test(m.message))
        return bi(
          `Thiếu số liệu: GRDP chỉ có theo năm — chọn kỳ là năm ${a}`,
          `Missing input: GRDP is annual — choose the year ${a}`,
        );
      return tail(
        bi(
          `GRDP theo giá hiện hành năm ${a}, ${areaLabel(b, ref).vi}${zero ? ' được nhập bằng 0' : ''}`,
          `GRDP at current prices, ${a}, ${areaLabel(b, ref).en}${zero ? ' entered as 0' : ''}`,
        ),
      );
    case 'enterprises':
      return tail(
        bi(
          `số doanh nghiệp và HTX đang hoạt động năm ${a}, ${areaLabel(b, ref).vi}${zero ? ' được nhập bằng 0' : ''}`,
          `active enterprises and cooperatives, ${a}, ${areaLabel(b, ref).en}${zero ? ' entered as 0' : ''}`,
        ),
      );
    case 'sectorRatio':
      return tail(
        bi(
          `hệ số sản lượng và giá trị tăng thêm năm ${a} của ngành ${divisionLabel(b).vi}`,
          `output and value-added ratios, ${a}, division ${divisionLabel(b).en}`,
        ),
      );
    case 'operatorValueAdded':
      return tail(
        bi(
          `giá trị tăng thêm của đơn vị vận hành nền tảng năm ${a}`,
          `the platform operator's value added for ${a}`,
        ),
      );
    default:
      return bi(
        'Không tính được: chưa có giao dịch nào trong kỳ và địa bàn này',
        'Cannot be computed: no sales recorded in this period and area',
      );
  }
}

/** Where an officer enters a missing input (the inputs page, kind and year preselected). */
function inputLinkFor(m: Missing): string | undefined {
  if (m.kind === 'sales' || /annual|per day|not per day/.test(m.message)) return undefined;
  const year = /(\d{4})/.exec(m.key)?.[1] ?? filters.period.slice(1, 5);
  return `/thong-ke/so-lieu/${queryString({ year, kind: m.kind, key: m.key })}#nhap`;
}

function valuesText(kind: string, value: Record<string, number>): Bi {
  const fields = VALUE_FIELDS[kind === 'defaultTarget' ? 'target' : kind] ?? [];
  const parts = fields
    .filter((f) => value[f.name] !== undefined)
    .map((f) => {
      const v = value[f.name] as number;
      const text =
        f.unit === 'vnd'
          ? bi(formatVnd(v))
          : f.unit === 'percent'
            ? percentText(v, 0)
            : f.unit === 'ratio'
              ? ratioText(v)
              : f.unit === 'year'
                ? bi(String(v))
                : countText(v);
      return bi(`${f.label.vi}: ${text.vi}`, `${f.label.en}: ${text.en}`);
    });
  return bi(parts.map((p) => p.vi).join('; '), parts.map((p) => p.en).join('; '));
}

function usedInputItem(u: UsedInput): HTMLLIElement {
  return h(
    'li',
    { 'data-input': `${u.kind}|${u.key}` },
    h('strong', null, INPUT_KIND_LABELS[u.kind] ?? bi(u.kind)),
    ' · ',
    inputKeyLabel(u.kind, u.key, ref),
    ': ',
    valuesText(u.kind, u.value),
    h(
      'span',
      { class: 'input-meta' },
      ' — ',
      u.version !== undefined ? bi(`phiên bản ${u.version}`, `version ${u.version}`) : null,
      u.version !== undefined ? ' · ' : null,
      bi('nguồn ', 'source '),
      sourceText(u.source),
      u.enteredAt ? [' · ', bi('nhập lúc ', 'entered '), formatDateTime(u.enteredAt)] : null,
    ),
    u.demo
      ? [' ', h('span', { class: 'badge status-pending' }, bi('Số liệu mẫu', 'Sample figure'))]
      : null,
  );
}

function figureCard(f: Figure): HTMLElement {
  const titleId = uid('fig');
  const label = LABELS[f.id] ?? bi(f.label.vi, f.label.en);
  const target = f.target;
  const progressValue = target?.progress ?? null;
  return h(
    'article',
    {
      class: `stat-card${f.value === null ? ' is-missing' : ''}`,
      'data-figure': f.id,
      'data-value': f.value === null ? 'null' : String(f.value),
      'aria-labelledby': titleId,
    },
    h('h3', { id: titleId }, label),
    f.value === null || !f.display
      ? h('p', { class: 'stat-value none' }, bi('Chưa tính được', 'Not computed'))
      : h('p', { class: 'stat-value' }, bi(f.display.vi, f.display.en)),
    f.missing.length
      ? h(
          'ul',
          { class: 'missing' },
          f.missing.map((m) => {
            const href = inputLinkFor(m);
            return h(
              'li',
              { 'data-missing': `${m.kind}|${m.key}` },
              missingText(m),
              href ? [' ', h('a', { href }, bi('Nhập số liệu', 'Enter it'))] : null,
            );
          }),
        )
      : null,
    target
      ? h(
          'div',
          { class: 'target' },
          h(
            'p',
            null,
            bi(
              `Mục tiêu ${percentText(target.percent, 0).vi} vào năm ${target.year}`,
              `Target ${percentText(target.percent, 0).en} by ${target.year}`,
            ),
            progressValue === null
              ? null
              : bi(
                  ` · đạt ${percentText(progressValue).vi} mục tiêu`,
                  ` · ${percentText(progressValue).en} of the target`,
                ),
          ),
          h('progress', {
            max: 100,
            value: progressValue === null ? 0 : Math.min(100, Math.max(0, progressValue)),
            'aria-label': bi('Tiến độ so với mục tiêu', 'Progress to the target'),
            'data-progress': progressValue === null ? 'null' : String(progressValue),
          }),
        )
      : null,
    h(
      'p',
      { class: 'formula' },
      h('span', { class: 'formula-label' }, bi('Công thức: ', 'Formula: ')),
      formulaOf(f, filters.sector),
    ),
    h(
      'details',
      { class: 'figure-details' },
      h('summary', null, bi('Số liệu đã dùng và nguồn', 'Figures used and sources')),
      Object.keys(f.terms).length
        ? h(
            'dl',
            { class: 'terms' },
            Object.entries(f.terms).map(([name, value]) => [
              h('dt', null, termLabel(name, f)),
              h(
                'dd',
                { 'data-term': name, 'data-term-value': String(value) },
                termValue(name, value, f),
              ),
            ]),
          )
        : null,
      f.inputs.length || target
        ? h(
            'ul',
            { class: 'inputs-used' },
            f.inputs.map(usedInputItem),
            target ? usedInputItem(target.source) : null,
          )
        : h('p', null, bi('Không dùng số liệu nhập tay.', 'Uses no entered inputs.')),
    ),
  );
}

// ---------------------------------------------------------------------------------------------
// Charts with their tables

interface TableSpec {
  caption: Bi;
  head: Bi[];
  rows: Array<{ head: Bi; cells: Bi[]; key?: string }>;
}

function tableOf(spec: TableSpec): HTMLTableElement {
  return h(
    'table',
    null,
    h('caption', null, spec.caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        spec.head.map((c) => h('th', { scope: 'col' }, c)),
      ),
    ),
    h(
      'tbody',
      null,
      spec.rows.map((r) =>
        h(
          'tr',
          r.key ? { 'data-row': r.key } : null,
          h('th', { scope: 'row' }, r.head),
          r.cells.map((c) => h('td', { class: 'num' }, c)),
        ),
      ),
    ),
  );
}

/**
 * A figure: a heading, the canvas (an image for assistive technology, its label the caption) and
 * the same numbers as a table in a <details>, open-able by anyone.
 */
function chartFigure(
  box: HTMLElement,
  options: {
    id: string;
    title: Bi;
    note?: Child;
    table: TableSpec;
    spec: () => Omit<ChartSpec, 'lang'>;
    height: number;
  },
): void {
  const canvas = h('canvas', {
    role: 'img',
    'aria-label': bi(
      `${options.title.vi}. Số liệu chi tiết trong bảng ngay bên dưới.`,
      `${options.title.en}. The figures are in the table just below.`,
    ),
  });
  const fig = h(
    'figure',
    { class: 'chart', id: options.id },
    h('figcaption', null, h('h3', null, options.title), options.note ?? null),
    h('div', { class: 'chart-canvas', style: `height:${options.height}px` }, canvas),
    h(
      'details',
      { class: 'chart-table' },
      h('summary', null, bi('Xem dạng bảng', 'Show as a table')),
      h('div', { class: 'table-wrap' }, tableOf(options.table)),
    ),
  );
  box.append(fig);
  let chart: { destroy(): void } | undefined;
  const draw = () => {
    chartsModule
      .then(({ drawChart }) => {
        chart?.destroy();
        if (!canvas.isConnected) return;
        chart = drawChart(canvas, { ...options.spec(), lang: currentLang() });
      })
      .catch(() => {
        fig
          .querySelector('.chart-canvas')
          ?.replaceWith(
            h(
              'p',
              { class: 'hint' },
              bi(
                'Không tải được biểu đồ; số liệu vẫn có trong bảng.',
                'The chart could not be loaded; the figures are in the table.',
              ),
            ),
          );
      });
  };
  redraws.push(draw);
  draw();
}

const GREEN = '#0b6b3a';
const BLUE = '#1f4e8c';
const AMBER = '#8a4b00';
const RED = '#a4161a';

const vndAxis = (v: number) =>
  new Intl.NumberFormat(currentLang() === 'vi' ? 'vi-VN' : 'en-US', {
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(v) + (currentLang() === 'vi' ? ' ₫' : ' VND');
const pctAxis = (v: number) => tr(percentText(v, v % 1 === 0 ? 0 : 2));
const shareCell = (v: number | null) => (v === null ? bi('—', '—') : percentText(v));

function renderSeries(answer: IndicatorsAnswer) {
  const year = answer.period.slice(1, 5);
  const target = answer.figures.find((f) => f.id === 'ecommerceShare')?.target;
  const where = bi(
    `${areaLabel(answer.area, ref).vi}${answer.sector === '*' ? '' : `, ngành ${answer.sector}`}`,
    `${areaLabel(answer.area, ref).en}${answer.sector === '*' ? '' : `, division ${answer.sector}`}`,
  );
  salesBox.replaceChildren();
  chartFigure(salesBox, {
    id: 'chart-sales',
    title: bi(
      `Doanh số thuần theo tháng, năm ${year} — ${where.vi}`,
      `Net sales by month, ${year} — ${where.en}`,
    ),
    height: 280,
    table: {
      caption: bi(`Doanh số theo tháng, năm ${year}`, `Sales by month, ${year}`),
      head: [
        bi('Tháng', 'Month'),
        bi('Doanh số thuần', 'Net sales'),
        bi('Trong đó trực tuyến', 'Of which online'),
        bi('Đơn trực tuyến', 'Online orders'),
      ],
      rows: answer.series.map((p) => ({
        key: p.period,
        head: periodLabel(p.period),
        cells: [bi(formatVnd(p.netSales)), bi(formatVnd(p.onlineNetSales)), countText(p.orders)],
      })),
    },
    spec: () => ({
      labels: answer.series.map((p) => tr(monthShort(p.period))),
      format: vndAxis,
      series: [
        {
          label: tr(bi('Doanh số thuần', 'Net sales')),
          data: answer.series.map((p) => p.netSales),
          color: GREEN,
        },
        {
          label: tr(bi('Trực tuyến', 'Online')),
          data: answer.series.map((p) => p.onlineNetSales),
          color: BLUE,
        },
      ],
    }),
  });
  seriesBox.replaceChildren();
  chartFigure(seriesBox, {
    id: 'chart-share',
    title: bi(
      `Đóng góp của nền tảng vào tỷ trọng TMĐT trong tổng mức bán lẻ, theo tháng, năm ${year}, so với mục tiêu ${target ? `${target.year}` : '2030'}`,
      `Platform contribution to the e-commerce share of retail by month, ${year}, against the ${target ? `${target.year}` : '2030'} target`,
    ),
    note: h(
      'p',
      { class: 'hint' },
      bi(
        'Tháng chưa nhập TMBL không có điểm (không phải 0).',
        'Months without an entered TMBL have no point (not zero).',
      ),
    ),
    height: 280,
    table: {
      caption: bi(
        `Tỷ trọng TMĐT theo tháng (đóng góp của nền tảng), năm ${year}`,
        `E-commerce share by month (platform contribution), ${year}`,
      ),
      head: [
        bi('Tháng', 'Month'),
        bi('Đóng góp của nền tảng', 'Platform contribution'),
        bi('Mục tiêu', 'Target'),
      ],
      rows: answer.series.map((p) => ({
        key: p.period,
        head: periodLabel(p.period),
        cells: [
          p.ecommerceShare === null
            ? bi('Thiếu số liệu: TMBL tháng', 'Missing input: monthly TMBL')
            : percentText(p.ecommerceShare),
          target ? percentText(target.percent, 0) : bi('—'),
        ],
      })),
    },
    spec: () => ({
      labels: answer.series.map((p) => tr(monthShort(p.period))),
      format: pctAxis,
      series: [
        {
          label: tr(bi('Đóng góp của nền tảng', 'Platform contribution')),
          data: answer.series.map((p) => p.ecommerceShare),
          color: BLUE,
          line: true,
        },
        ...(target
          ? [
              {
                label: tr(bi(`Mục tiêu ${target.year}`, `${target.year} target`)),
                data: answer.series.map(() => target.percent),
                color: RED,
                line: true,
                dashed: true,
              },
            ]
          : []),
      ],
    }),
  });
}

function renderCashless(answer: IndicatorsAnswer) {
  const byCount = answer.figures.find((f) => f.id === 'cashlessShareCount');
  const byValue = answer.figures.find((f) => f.id === 'cashlessShareValue');
  cashlessBox.replaceChildren();
  const rows = [
    { f: byCount, head: bi('Theo số giao dịch', 'By number of sales') },
    { f: byValue, head: bi('Theo giá trị', 'By value') },
  ];
  chartFigure(cashlessBox, {
    id: 'chart-cashless',
    title: bi(
      `Tỷ lệ thanh toán không dùng tiền mặt trên nền tảng, ${periodLabel(answer.period).vi}`,
      `Cashless share on the platform, ${periodLabel(answer.period).en}`,
    ),
    height: 180,
    table: {
      caption: bi('Tỷ lệ thanh toán không dùng tiền mặt', 'Cashless share'),
      head: [
        bi('Cách tính', 'Measure'),
        bi('Không dùng tiền mặt', 'Cashless'),
        bi('Tổng', 'All'),
        bi('Tỷ lệ', 'Share'),
      ],
      rows: rows.map(({ f, head }) => ({
        key: f?.id,
        head,
        cells: f
          ? [
              termValue('cashless', f.terms.cashless ?? 0, f),
              termValue('all', f.terms.all ?? 0, f),
              f.value === null
                ? bi('Chưa tính được (chưa có giao dịch)', 'Not computed (no sales)')
                : percentText(f.value),
            ]
          : [],
      })),
    },
    spec: () => ({
      labels: rows.map((r) => tr(r.head)),
      horizontal: true,
      max: 100,
      format: pctAxis,
      series: [
        {
          label: tr(bi('Không dùng tiền mặt', 'Cashless')),
          data: rows.map((r) => r.f?.value ?? null),
          color: GREEN,
        },
      ],
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// Breakdowns by commune and by sector: one indicators call per commune or division where the
// platform has sellers (the API answers one cell at a time; its cost does not grow with sales).

let sellerPlaces: Promise<{ communes: string[]; divisions: string[] }> | undefined;

async function loadSellerPlaces() {
  const communes = new Set<string>();
  const divisions = new Set<string>();
  for (const status of ['approved', 'suspended'] as const) {
    let cursor: string | undefined;
    for (let page = 0; page < 40; page++) {
      const res = await api<{ items: SellerView[]; nextCursor?: string }>(
        `/api/officer/sellers${queryString({ status, limit: 100, cursor })}`,
      );
      for (const s of res.items) {
        communes.add(s.communeCode);
        divisions.add(s.sector.code.slice(0, 2));
      }
      cursor = res.nextCursor;
      if (!cursor) break;
    }
  }
  return { communes: [...communes].sort(), divisions: [...divisions].sort() };
}

async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>) {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size)
    out.push(...(await Promise.all(items.slice(i, i + size).map(work))));
  return out;
}

const figureOf = (a: IndicatorsAnswer, id: string) => a.figures.find((f) => f.id === id);

function breakdownTable(
  caption: Bi,
  firstHead: Bi,
  rows: Array<{ key: string; head: Bi; answer: IndicatorsAnswer }>,
): TableSpec {
  return {
    caption,
    head: [
      firstHead,
      bi('Doanh số thuần', 'Net sales'),
      bi('Trực tuyến', 'Online'),
      bi('Đơn trực tuyến', 'Online orders'),
      bi('Tỷ trọng TMĐT (đóng góp)', 'E-commerce share (contribution)'),
      bi('Không dùng tiền mặt (giá trị)', 'Cashless (value)'),
    ],
    rows: rows.map(({ key, head, answer }) => ({
      key,
      head,
      cells: [
        bi(formatVnd(figureOf(answer, 'netSales')?.value ?? 0)),
        bi(formatVnd(figureOf(answer, 'onlineNetSales')?.value ?? 0)),
        countText(figureOf(answer, 'orders')?.value ?? 0),
        figureOf(answer, 'ecommerceShare')?.value == null
          ? bi('Thiếu số liệu: TMBL', 'Missing input: TMBL')
          : shareCell(figureOf(answer, 'ecommerceShare')?.value ?? null),
        shareCell(figureOf(answer, 'cashlessShareValue')?.value ?? null),
      ],
    })),
  };
}

function barChart(
  id: string,
  title: Bi,
  note: Bi,
  rows: Array<{ key: string; head: Bi; answer: IndicatorsAnswer }>,
  caption: Bi,
  firstHead: Bi,
) {
  chartFigure(breakdownBox, {
    id,
    title,
    note: h('p', { class: 'hint' }, note),
    height: Math.max(160, rows.length * 46 + 80),
    table: breakdownTable(caption, firstHead, rows),
    spec: () => ({
      labels: rows.map((r) => tr(r.head)),
      horizontal: true,
      format: vndAxis,
      series: [
        {
          label: tr(bi('Doanh số thuần', 'Net sales')),
          data: rows.map((r) => figureOf(r.answer, 'netSales')?.value ?? 0),
          color: GREEN,
        },
        {
          label: tr(bi('Trực tuyến', 'Online')),
          data: rows.map((r) => figureOf(r.answer, 'onlineNetSales')?.value ?? 0),
          color: AMBER,
        },
      ],
    }),
  });
}

async function renderBreakdowns(current: Filters) {
  breakdownBox.setAttribute('aria-busy', 'true');
  breakdownBox.replaceChildren(h('p', null, bi('Đang tải…', 'Loading…')));
  sellerPlaces ??= loadSellerPlaces();
  const places = await sellerPlaces;
  const [byCommune, bySector] = await Promise.all([
    inBatches(places.communes, 4, (code) =>
      api<IndicatorsAnswer>(
        `/api/stats/indicators${queryString({ period: current.period, area: `C${code}`, sector: current.sector })}`,
      ).then((answer) => ({ key: `C${code}`, head: areaLabel(`C${code}`, ref), answer })),
    ),
    inBatches(places.divisions, 4, (d) =>
      api<IndicatorsAnswer>(
        `/api/stats/indicators${queryString({ period: current.period, area: current.area, sector: d })}`,
      ).then((answer) => ({ key: d, head: divisionLabel(d), answer })),
    ),
  ]);
  if (current !== filters) return;
  const net = (r: { answer: IndicatorsAnswer }) => figureOf(r.answer, 'netSales')?.value ?? 0;
  byCommune.sort((a, b) => net(b) - net(a));
  bySector.sort((a, b) => net(b) - net(a));
  breakdownBox.replaceChildren();
  const when = periodLabel(current.period);
  barChart(
    'chart-communes',
    bi(
      `Doanh số theo xã/phường, ${when.vi}${current.sector === '*' ? '' : `, ngành ${current.sector}`}`,
      `Sales by commune, ${when.en}${current.sector === '*' ? '' : `, division ${current.sector}`}`,
    ),
    bi(
      'Các xã/phường có người bán trên nền tảng. Tỷ trọng TMĐT cần TMBL của xã (nhập được bằng tệp CSV).',
      'Communes with sellers on the platform. The e-commerce share needs the commune TMBL (a CSV upload).',
    ),
    byCommune,
    bi('Doanh số theo xã/phường', 'Sales by commune'),
    bi('Xã/phường', 'Commune'),
  );
  barChart(
    'chart-sectors',
    bi(
      `Doanh số theo ngành (VSIC), ${when.vi}, ${areaLabel(current.area, ref).vi}`,
      `Sales by sector (VSIC), ${when.en}, ${areaLabel(current.area, ref).en}`,
    ),
    bi(
      'Ngành cấp 2 của người bán tại thời điểm bán.',
      "The seller's 2-digit division at the time of the sale.",
    ),
    bySector,
    bi('Doanh số theo ngành', 'Sales by sector'),
    bi('Ngành', 'Sector'),
  );
  breakdownBox.removeAttribute('aria-busy');
}

// ---------------------------------------------------------------------------------------------
// Filters and exports

const YEARS = (() => {
  const now = Number(localToday().slice(0, 4));
  return Array.from({ length: now - 2024 }, (_, i) => String(now - i));
})();

function buildFilters(reference: Reference) {
  const form = $<HTMLFormElement>('#filters');
  const kind = field({
    label: bi('Kỳ báo cáo', 'Period'),
    path: 'kind',
    kind: 'select',
    options: [
      { value: 'Y', label: bi('Năm', 'Year') },
      { value: 'Q', label: bi('Quý', 'Quarter') },
      { value: 'M', label: bi('Tháng', 'Month') },
      { value: 'D', label: bi('Ngày', 'Day') },
    ],
  });
  const p = filters.period;
  const yearOptions = [...new Set([...YEARS, p.slice(1, 5)])].map((y) => ({ value: y, label: y }));
  const year = field({
    label: bi('Năm', 'Year'),
    path: 'year',
    kind: 'select',
    options: yearOptions,
  });
  const quarter = field({
    label: bi('Quý', 'Quarter'),
    path: 'quarter',
    kind: 'select',
    options: [1, 2, 3, 4].map((q) => ({ value: String(q), label: String(q) })),
  });
  const month = field({
    label: bi('Tháng', 'Month'),
    path: 'month',
    kind: 'select',
    options: Array.from({ length: 12 }, (_, i) => ({
      value: String(i + 1).padStart(2, '0'),
      label: String(i + 1),
    })),
  });
  const day = field({ label: bi('Ngày', 'Day'), path: 'day', type: 'date' });
  const area = field({
    label: bi('Địa bàn', 'Area'),
    path: 'area',
    kind: 'select',
    options: [
      { value: PROVINCE_AREA, label: areaLabel(PROVINCE_AREA, reference) },
      ...reference.communesSorted.map((c) => ({
        value: `C${c.code}`,
        label: bi(c.name, c.nameEn || c.name),
      })),
    ],
  });
  const sector = field({
    label: bi('Ngành', 'Sector'),
    path: 'sector',
    kind: 'select',
    options: [
      { value: '*', label: bi('Mọi ngành', 'All sectors') },
      ...Object.keys(DIVISIONS).map((d) => ({ value: d, label: divisionLabel(d) })),
    ],
  });
  if (filters.sector !== '*' && !DIVISIONS[filters.sector])
    sector.control.append(
      ...optionNodes([{ value: filters.sector, label: divisionLabel(filters.sector) }]),
    );
  kind.value = p[0] as string;
  year.value = p.slice(1, 5);
  if (p.startsWith('Q')) quarter.value = p.slice(6);
  month.value = p.startsWith('M') || p.startsWith('D') ? p.slice(6, 8) : localToday().slice(5, 7);
  day.value = p.startsWith('D') ? p.slice(1) : localToday();
  area.value = filters.area;
  sector.value = filters.sector;
  const show = () => {
    const k = kind.value;
    year.wrap.hidden = k === 'D';
    quarter.wrap.hidden = k !== 'Q';
    month.wrap.hidden = k !== 'M';
    day.wrap.hidden = k !== 'D';
  };
  kind.control.addEventListener('change', show);
  show();
  const submit = h(
    'button',
    { type: 'submit', class: 'btn primary' },
    bi('Xem số liệu', 'Show figures'),
  );
  replace(
    form,
    h(
      'div',
      { class: 'filter-grid' },
      kind.wrap,
      year.wrap,
      quarter.wrap,
      month.wrap,
      day.wrap,
      area.wrap,
      sector.wrap,
    ),
    h('div', { class: 'actions' }, submit),
  );
  form.onsubmit = (e) => {
    e.preventDefault();
    const k = kind.value;
    let period = `Y${year.value}`;
    if (k === 'Q') period = `Q${year.value}-${quarter.value}`;
    if (k === 'M') period = `M${year.value}-${month.value}`;
    if (k === 'D') period = `D${day.value}`;
    if (!PERIOD_RE.test(period)) {
      day.setError(bi('Chọn một ngày.', 'Choose a day.'));
      day.control.focus();
      return;
    }
    day.setError(null);
    filters = { period, area: area.value, sector: sector.value };
    history.pushState(null, '', queryString({ ...filters }));
    void load();
  };
}

const EXPORT_TABLES: Array<[string, Bi]> = [
  ['indicators', bi('Chỉ tiêu', 'Indicators')],
  ['monthly-series', bi('Theo tháng', 'By month')],
  ['sales-by-commune', bi('Theo xã/phường', 'By commune')],
  ['sales-by-sector', bi('Theo ngành', 'By sector')],
  ['inputs', bi('Số liệu đầu vào', 'Inputs')],
];

/** Links to GET /api/stats/export with the filters shown (docs/statistics.md). */
function renderExports(current: Filters) {
  const href = (format: string, table: string) =>
    `/api/stats/export${queryString({ ...current, table, format, lang: currentLang() })}`;
  const link = (format: string, table: string, label: Bi, primary = false) =>
    h(
      'a',
      {
        class: primary ? 'btn primary' : 'btn small',
        href: href(format, table),
        download: '',
        'data-format': format,
        'data-table': table,
      },
      label,
    );
  replace(
    exportBox,
    h(
      'p',
      null,
      bi(
        `Số liệu của ${periodLabel(current.period).vi}, ${areaLabel(current.area, ref).vi}, ${current.sector === '*' ? 'mọi ngành' : `ngành ${current.sector}`}, kèm công thức và nguồn.`,
        `Figures of ${periodLabel(current.period).en}, ${areaLabel(current.area, ref).en}, ${current.sector === '*' ? 'all sectors' : `division ${current.sector}`}, with formulas and sources.`,
      ),
    ),
    h(
      'div',
      { class: 'actions' },
      link(
        'xlsx',
        'all',
        bi('Tải Excel (XLSX, mọi bảng)', 'Download Excel (XLSX, every table)'),
        true,
      ),
      link('json', 'all', bi('Tải JSON (mọi bảng)', 'Download JSON (every table)')),
    ),
    h(
      'p',
      { class: 'export-csv' },
      h('span', null, bi('Tải CSV từng bảng:', 'Download CSV, one table each:')),
      ' ',
      EXPORT_TABLES.map(([table, label]) => [
        link('csv', table, bi(`CSV: ${label.vi}`, `CSV: ${label.en}`)),
        ' ',
      ]),
    ),
  );
}

// ---------------------------------------------------------------------------------------------

async function load() {
  const current = filters;
  redraws = [];
  replace(
    scopeText,
    bi(
      `${periodLabel(current.period).vi} · ${areaLabel(current.area, ref).vi} · ${current.sector === '*' ? 'mọi ngành' : divisionLabel(current.sector).vi}`,
      `${periodLabel(current.period).en} · ${areaLabel(current.area, ref).en} · ${current.sector === '*' ? 'all sectors' : divisionLabel(current.sector).en}`,
    ),
  );
  figuresBox.setAttribute('aria-busy', 'true');
  announce(message, null);
  renderExports(current);
  try {
    const answer = await api<IndicatorsAnswer>(
      `/api/stats/indicators${queryString({ ...current })}`,
    );
    if (current !== filters) return;
    const headline = answer.figures.filter((f) => f.unit === 'percent');
    const plain = answer.figures.filter((f) => f.unit !== 'percent');
    replace(
      figuresBox,
      h('div', { class: 'stat-grid' }, headline.map(figureCard)),
      h(
        'h2',
        { id: 'sales-title' },
        bi('Doanh số và giao dịch trên nền tảng', 'Sales and transactions on the platform'),
      ),
      h('div', { class: 'stat-grid small' }, plain.map(figureCard)),
    );
    renderSeries(answer);
    renderCashless(answer);
    figuresBox.removeAttribute('aria-busy');
    await renderBreakdowns(current);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) location.reload();
    announce(message, asApiError(err).bi(), 'error');
    figuresBox.removeAttribute('aria-busy');
    breakdownBox.removeAttribute('aria-busy');
  }
}

async function start() {
  const [, reference] = await Promise.all([requireRole(['officer', 'admin']), loadReference()]);
  ref = reference;
  buildFilters(reference);
  window.addEventListener('popstate', () => {
    filters = filtersFromUrl();
    buildFilters(reference);
    void load();
  });
  await load();
}

start().catch((err: unknown) => announce(message, asApiError(err).bi(), 'error'));
