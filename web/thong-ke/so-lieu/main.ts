import type { InputVersion } from '../../../shared/stats/inputs';
import { ApiError, api, asApiError, queryString } from '../../lib/api';
import { $, announce, h, replace } from '../../lib/dom';
import { formatDateTime, formatVnd } from '../../lib/format';
import { busy, type Field, FormErrors, field, numberOrUndefined, radios } from '../../lib/forms';
import { type Bi, bi } from '../../lib/i18n';
import type { IssueLike } from '../../lib/issues';
import { setupPage } from '../../lib/layout';
import { loadReference, type Reference } from '../../lib/reference';
import { requireRole } from '../../lib/session';
import {
  areaLabel,
  countText,
  DIVISIONS,
  divisionLabel,
  INPUT_KIND_LABELS,
  inputKeyLabel,
  localToday,
  PROVINCE_AREA,
  percentText,
  periodLabel,
  ratioText,
  SOURCE_TYPES,
  sourceText,
  TARGET_LABELS,
  VALUE_FIELDS,
} from '../labels';

/**
 * Officer inputs for the statistics (docs/statistics.md): enter or correct TMBL, GRDP,
 * enterprises, sector ratios, the operator's value added and targets, each with its source; see
 * every version (who, when); upload a year of TMBL by commune as CSV. A correction adds a version
 * (POST /api/officer/inputs with the version it corrects); the API's field errors are shown at
 * their fields.
 */
setupPage({ section: 'stats' });

type Kind = 'tmbl' | 'grdp' | 'enterprises' | 'sectorRatio' | 'operatorValueAdded' | 'target';
const KINDS: Kind[] = [
  'tmbl',
  'grdp',
  'enterprises',
  'sectorRatio',
  'operatorValueAdded',
  'target',
];

interface Group {
  key: string;
  current: InputVersion;
  history: InputVersion[];
}
interface InputsAnswer {
  year: number;
  inputs: Record<string, Group[]>;
}

const message = $('#message');
const params = new URLSearchParams(location.search);
const thisYear = Number(localToday().slice(0, 4));
let year = /^\d{4}$/.test(params.get('year') ?? '') ? Number(params.get('year')) : thisYear;
let ref: Reference;
let answer: InputsAnswer | undefined;

const currentOf = (kind: string, key: string): InputVersion | undefined =>
  answer?.inputs[kind]?.find((g) => g.key === key)?.current;

// ---------------------------------------------------------------------------------------------
// Values in words

function valueText(unit: string, v: number | undefined): Bi {
  if (v === undefined) return bi('—');
  if (unit === 'vnd') return bi(formatVnd(v));
  if (unit === 'ratio') return ratioText(v);
  if (unit === 'percent') return percentText(v, v % 1 === 0 ? 0 : 2);
  if (unit === 'year') return bi(String(v));
  return countText(v);
}

/** Text typed into an amount or count field: dots, commas and spaces are separators. */
const readWhole = (text: string) => numberOrUndefined(text);
/** A decimal with a comma or a point: "0,35" → 0.35. */
function readDecimal(text: string): number | undefined {
  const t = text.trim().replace(/\s/g, '');
  if (t === '') return undefined;
  const normal = t.includes(',') ? t.replace(/\./g, '').replace(',', '.') : t;
  return /^-?\d+(\.\d+)?$/.test(normal) ? Number(normal) : Number.NaN;
}
const showNumber = (unit: string, v: number) =>
  unit === 'ratio' || unit === 'percent'
    ? new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6, useGrouping: false }).format(v)
    : unit === 'year'
      ? String(v)
      : new Intl.NumberFormat('vi-VN').format(v);

// ---------------------------------------------------------------------------------------------
// The entry form: one form, its fields following the kind chosen

const errors = new FormErrors();
const form = $<HTMLFormElement>('#input-form');

const kindField = field({
  label: bi('Loại số liệu', 'Kind of input'),
  path: 'input.kind',
  kind: 'select',
  options: KINDS.map((k) => ({ value: k, label: INPUT_KIND_LABELS[k] as Bi })),
});

function periodOptions(y: number) {
  return [
    { value: `Y${y}`, label: bi(`Cả năm ${y}`, `Whole year ${y}`) },
    ...[1, 2, 3, 4].map((q) => ({ value: `Q${y}-${q}`, label: periodLabel(`Q${y}-${q}`) })),
    ...Array.from({ length: 12 }, (_, i) => {
      const p = `M${y}-${String(i + 1).padStart(2, '0')}`;
      return { value: p, label: periodLabel(p) };
    }),
  ];
}

let periodField: Field;
let areaField: Field;
let sectorField: Field;
let indicatorField: Field;
let valueFields: Record<string, Field> = {};
const sourceType = radios({
  legend: bi('Nguồn số liệu', 'Source'),
  path: 'source.type',
  options: Object.entries(SOURCE_TYPES).map(([value, label]) => ({ value, label })),
  value: 'document',
  hint: bi(
    'Văn bản (số hiệu, ngày ban hành), trang web (địa chỉ http/https) hoặc ước tính.',
    'A document (number and date), a web page (an http/https address) or an estimate.',
  ),
});
const reference = field({
  label: bi('Số hiệu văn bản hoặc địa chỉ trang web', 'Document number or web address'),
  path: 'source.reference',
  optional: true,
  hint: bi(
    'Bắt buộc khi nguồn là văn bản hoặc trang web. Ví dụ: Niên giám thống kê Cà Mau 2025, tr. 312.',
    'Required for a document or web page. E.g. Ca Mau Statistical Yearbook 2025, p. 312.',
  ),
});
const note = field({ label: bi('Ghi chú', 'Note'), path: 'source.note', optional: true });
const dims = h('div', { class: 'grid-2' });
const values = h('div', { class: 'grid-2' });
const currentBox = h('div', { class: 'current-input', role: 'status' });
const submit = h('button', { type: 'submit', class: 'btn primary' }, bi('Lưu số liệu', 'Save'));

function areaOptions() {
  return [
    { value: PROVINCE_AREA, label: areaLabel(PROVINCE_AREA, ref) },
    ...ref.communesSorted.map((c) => ({
      value: `C${c.code}`,
      label: bi(c.name, c.nameEn || c.name),
    })),
  ];
}

/** The dims and value fields of the kind chosen, registered with the error summary. */
function layoutKind() {
  const kind = kindField.value as Kind;
  errors.clear();
  errors.unregister('input');
  errors.register(kindField, reference, note, sourceType);
  const dimFields: Field[] = [];
  if (kind === 'tmbl') {
    periodField = field({
      label: bi('Kỳ', 'Period'),
      path: 'input.period',
      kind: 'select',
      options: periodOptions(year),
    });
    periodField.value = `M${localToday().slice(0, 7)}`.startsWith(`M${year}`)
      ? `M${localToday().slice(0, 7)}`
      : `Y${year}`;
    dimFields.push(periodField);
  }
  if (kind === 'tmbl' || kind === 'grdp' || kind === 'enterprises') {
    areaField = field({
      label: bi('Địa bàn', 'Area'),
      path: 'input.area',
      kind: 'select',
      options: areaOptions(),
    });
    dimFields.push(areaField);
  }
  if (kind === 'sectorRatio') {
    sectorField = field({
      label: bi('Ngành (VSIC cấp 2)', 'Sector (VSIC division)'),
      path: 'input.sector',
      kind: 'select',
      options: Object.keys(DIVISIONS).map((d) => ({ value: d, label: divisionLabel(d) })),
    });
    dimFields.push(sectorField);
  }
  if (kind === 'target') {
    indicatorField = field({
      label: bi('Chỉ tiêu', 'Indicator'),
      path: 'input.indicator',
      kind: 'select',
      options: Object.entries(TARGET_LABELS).map(([value, label]) => ({ value, label })),
    });
    dimFields.push(indicatorField);
  }
  valueFields = {};
  for (const f of VALUE_FIELDS[kind] ?? []) {
    const hint =
      f.unit === 'vnd'
        ? bi(
            'Đồng, số nguyên; có thể gõ dấu chấm ngăn cách: 1.250.000.000',
            'Whole VND; dots as separators are fine: 1.250.000.000',
          )
        : f.unit === 'ratio'
          ? bi('Số thập phân từ 0 đến 1, dấu phẩy: 0,35', 'A decimal from 0 to 1: 0.35 or 0,35')
          : undefined;
    valueFields[f.name] = field({
      label: f.label,
      path: `input.value.${f.name}`,
      attrs: {
        inputmode: f.unit === 'ratio' || f.unit === 'percent' ? 'decimal' : 'numeric',
        autocomplete: 'off',
      },
      ...(hint ? { hint } : {}),
    });
  }
  errors.register(...dimFields, ...Object.values(valueFields));
  replace(
    dims,
    dimFields.map((f) => f.wrap),
  );
  replace(
    values,
    Object.values(valueFields).map((f) => f.wrap),
  );
  for (const f of dimFields) f.control.addEventListener('change', () => showCurrent(true));
  showCurrent(true);
}

function keyNow(): string {
  const kind = kindField.value as Kind;
  if (kind === 'tmbl') return `${periodField.value}|${areaField.value}`;
  if (kind === 'grdp' || kind === 'enterprises') return `${year}|${areaField.value}`;
  if (kind === 'sectorRatio') return `${year}|${sectorField.value}`;
  if (kind === 'operatorValueAdded') return `${year}`;
  return indicatorField.value;
}

/** Shows the version being corrected (if any) and, when asked, fills the fields with it. */
function showCurrent(fill: boolean) {
  const kind = kindField.value as Kind;
  const cur = currentOf(kind, keyNow());
  if (!cur) {
    replace(
      currentBox,
      h(
        'p',
        null,
        bi(
          `Chưa có số liệu cho ${inputKeyLabel(kind, keyNow(), ref).vi}. Lưu sẽ tạo phiên bản 1.`,
          `Nothing entered yet for ${inputKeyLabel(kind, keyNow(), ref).en}. Saving makes version 1.`,
        ),
      ),
    );
    currentBox.dataset.version = '0';
    if (fill) for (const f of Object.values(valueFields)) f.value = '';
    return;
  }
  currentBox.dataset.version = String(cur.version);
  replace(
    currentBox,
    h(
      'p',
      null,
      bi(
        `Đang có phiên bản ${cur.version} (${formatDateTime(cur.enteredAt)}, ${cur.enteredBy}). Lưu sẽ tạo phiên bản ${cur.version + 1}; các phiên bản cũ vẫn được giữ.`,
        `Version ${cur.version} is current (${formatDateTime(cur.enteredAt)}, ${cur.enteredBy}). Saving makes version ${cur.version + 1}; older versions are kept.`,
      ),
      cur.demo
        ? [' ', h('span', { class: 'badge status-pending' }, bi('Số liệu mẫu', 'Sample figure'))]
        : null,
    ),
  );
  if (!fill) return;
  for (const f of VALUE_FIELDS[kind] ?? []) {
    const v = cur.value[f.name];
    const target = valueFields[f.name];
    if (target) target.value = v === undefined ? '' : showNumber(f.unit, v);
  }
  const radio = sourceType.wrap.querySelector<HTMLInputElement>(
    `input[value="${cur.source.type}"]`,
  );
  if (radio) radio.checked = true;
  reference.value = cur.source.reference ?? '';
  note.value = cur.source.note ?? '';
}

/** What the API's `statsInput.invalid` messages are about, and their words. */
const INVALID: Record<string, { path: string; text: Bi }> = {
  'Retail sales of goods cannot exceed total retail sales': {
    path: 'input.value.goods',
    text: bi(
      'Bán lẻ hàng hóa không được lớn hơn tổng mức bán lẻ.',
      'Retail sales of goods cannot exceed the total.',
    ),
  },
  'A document or URL source needs its reference': {
    path: 'source.reference',
    text: bi(
      'Nguồn là văn bản hoặc trang web thì cần ghi số hiệu hoặc địa chỉ.',
      'A document or web page source needs its reference.',
    ),
  },
  'A URL source must be an http(s) address': {
    path: 'source.reference',
    text: bi(
      'Địa chỉ trang web phải bắt đầu bằng http:// hoặc https://.',
      'A web address must start with http:// or https://.',
    ),
  },
  'The value-added ratio is at most 1': {
    path: 'input.value.valueAddedRatio',
    text: bi('Hệ số giá trị tăng thêm tối đa là 1.', 'The value-added ratio is at most 1.'),
  },
};

function showError(err: ApiError, typed: unknown, retry: () => void) {
  const invalid = INVALID[err.message];
  if (err.code === 'statsInput.invalid' && invalid) {
    errors.showError(invalid.text, invalid.path);
    return;
  }
  const issues = (err.details as { issues?: IssueLike[] } | undefined)?.issues;
  if (err.code === 'request.invalid' && issues?.length) {
    errors.showIssues(issues, typed);
    return;
  }
  errors.showApiError(err, {}, typed, retry);
}

async function save() {
  const kind = kindField.value as Kind;
  const value: Record<string, number | undefined> = {};
  const typedValue: Record<string, string> = {};
  for (const f of VALUE_FIELDS[kind] ?? []) {
    const text = valueFields[f.name]?.value ?? '';
    typedValue[f.name] = text;
    value[f.name] =
      f.unit === 'ratio' || f.unit === 'percent' ? readDecimal(text) : readWhole(text);
  }
  const input: Record<string, unknown> = { kind, value };
  if (kind === 'tmbl') Object.assign(input, { period: periodField.value, area: areaField.value });
  if (kind === 'grdp' || kind === 'enterprises')
    Object.assign(input, { year, area: areaField.value });
  if (kind === 'sectorRatio') Object.assign(input, { year, sector: sectorField.value });
  if (kind === 'operatorValueAdded') Object.assign(input, { year });
  if (kind === 'target') input.indicator = indicatorField.value;
  const source = {
    type: sourceType.selected(),
    ...(reference.value.trim() ? { reference: reference.value.trim() } : {}),
    ...(note.value.trim() ? { note: note.value.trim() } : {}),
  };
  const expectedVersion = Number(currentBox.dataset.version ?? '0');
  const typed = { input: { ...input, value: typedValue }, source };
  errors.clear();
  try {
    const res = await api<{ input: InputVersion }>('/api/officer/inputs', {
      method: 'POST',
      body: { input, source, expectedVersion },
    });
    await loadYear();
    showCurrent(false);
    announce(
      message,
      bi(
        `Đã lưu ${INPUT_KIND_LABELS[kind]?.vi ?? kind}, ${inputKeyLabel(kind, res.input.key, ref).vi}: phiên bản ${res.input.version}.`,
        `Saved ${INPUT_KIND_LABELS[kind]?.en ?? kind}, ${inputKeyLabel(kind, res.input.key, ref).en}: version ${res.input.version}.`,
      ),
      'success',
    );
    message.setAttribute('tabindex', '-1');
    message.focus();
  } catch (err) {
    const e = asApiError(err);
    if (e.code === 'statsInput.versionConflict') {
      await loadYear();
      showCurrent(false);
    }
    showError(e, typed, () => void save());
  }
}

function buildForm() {
  replace(
    form,
    errors.summary,
    kindField.wrap,
    dims,
    currentBox,
    values,
    sourceType.wrap,
    h('div', { class: 'grid-2' }, reference.wrap, note.wrap),
    h('div', { class: 'actions' }, submit),
  );
  kindField.control.addEventListener('change', layoutKind);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(submit, save);
  });
}

/** Fills the form to correct one stored input (from the history's "Sửa" or a dashboard link). */
function editInput(kind: string, key: string) {
  if (!KINDS.includes(kind as Kind)) return;
  kindField.value = kind;
  layoutKind();
  const [a = '', b = ''] = key.split('|');
  if (kind === 'tmbl') {
    if (periodField.control.querySelector(`option[value="${CSS.escape(a)}"]`))
      periodField.value = a;
    areaField.value = b;
  }
  if (kind === 'grdp' || kind === 'enterprises') areaField.value = b;
  if (kind === 'sectorRatio' && DIVISIONS[b]) sectorField.value = b;
  if (kind === 'target') indicatorField.value = key;
  showCurrent(true);
  $('#nhap').scrollIntoView();
  kindField.control.focus();
}

// ---------------------------------------------------------------------------------------------
// The year's inputs and their history

/** Every version of one input, newest first (who, when, source). */
function historyList(kind: string, g: Group): HTMLElement {
  return h(
    'details',
    { class: 'history-details' },
    h(
      'summary',
      null,
      bi(`Lịch sử (${g.history.length} phiên bản)`, `History (${g.history.length} versions)`),
    ),
    h(
      'ol',
      { class: 'versions', reversed: true },
      [...g.history]
        .reverse()
        .map((v) =>
          h(
            'li',
            { 'data-version': v.version },
            h('strong', null, bi(`Phiên bản ${v.version}`, `Version ${v.version}`)),
            ': ',
            valuesInline(kind, v.value),
            h(
              'span',
              { class: 'input-meta' },
              ' — ',
              sourceText(v.source),
              ' · ',
              v.enteredBy,
              ' · ',
              formatDateTime(v.enteredAt),
            ),
            v.demo
              ? [' ', h('span', { class: 'badge status-pending' }, bi('Số liệu mẫu', 'Sample'))]
              : null,
          ),
        ),
    ),
  );
}

/** The source in a table cell: its type and reference, cut short (in full in the history). */
function shortSource(source: InputVersion['source']): Bi {
  const type = SOURCE_TYPES[source.type] ?? bi(source.type);
  const ref = source.reference ?? '';
  const cut = ref.length > 70 ? `${ref.slice(0, 69)}…` : ref;
  return cut ? bi(`${type.vi}: ${cut}`, `${type.en}: ${cut}`) : type;
}

function valuesInline(kind: string, value: Record<string, number>): Bi {
  const parts = (VALUE_FIELDS[kind] ?? []).map((f) => {
    const t = valueText(f.unit, value[f.name]);
    return bi(`${f.label.vi}: ${t.vi}`, `${f.label.en}: ${t.en}`);
  });
  return bi(parts.map((p) => p.vi).join('; '), parts.map((p) => p.en).join('; '));
}

/** One table per kind: the current version of each input, its history and a "Sửa" button. */
function renderList() {
  const box = $('#inputs');
  if (!answer) return;
  const groups = KINDS.map((kind) => {
    const items = answer?.inputs[kind] ?? [];
    const fields = VALUE_FIELDS[kind] ?? [];
    const headId = `kind-${kind}`;
    return h(
      'section',
      { class: 'input-kind', 'data-kind': kind, 'aria-labelledby': headId },
      h('h3', { id: headId }, INPUT_KIND_LABELS[kind] as Bi, ` (${items.length})`),
      items.length === 0
        ? h('p', { class: 'empty' }, bi('Chưa nhập.', 'None entered.'))
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: 'inputs-table', 'aria-labelledby': headId },
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  h('th', { scope: 'col' }, bi('Kỳ, địa bàn', 'Period, area')),
                  fields.map((f) => h('th', { scope: 'col', class: 'num' }, f.label)),
                  h(
                    'th',
                    { scope: 'col' },
                    bi('Phiên bản, nguồn, người nhập', 'Version, source, who'),
                  ),
                  h(
                    'th',
                    { scope: 'col' },
                    h('span', { class: 'sr-only' }, bi('Thao tác', 'Actions')),
                  ),
                ),
              ),
              h(
                'tbody',
                null,
                items.map((g) =>
                  h(
                    'tr',
                    { 'data-key': g.key },
                    h('th', { scope: 'row' }, inputKeyLabel(kind, g.key, ref)),
                    fields.map((f) =>
                      h(
                        'td',
                        { class: 'num' },
                        h('span', { class: 'cell-label', 'aria-hidden': 'true' }, f.label, ': '),
                        valueText(f.unit, g.current.value[f.name]),
                      ),
                    ),
                    h(
                      'td',
                      null,
                      h(
                        'span',
                        { class: 'badge' },
                        bi(`phiên bản ${g.current.version}`, `version ${g.current.version}`),
                      ),
                      g.current.demo
                        ? [
                            ' ',
                            h(
                              'span',
                              { class: 'badge status-pending' },
                              bi('Số liệu mẫu', 'Sample'),
                            ),
                          ]
                        : null,
                      h(
                        'div',
                        { class: 'input-meta' },
                        shortSource(g.current.source),
                        ' · ',
                        g.current.enteredBy,
                        ' · ',
                        formatDateTime(g.current.enteredAt),
                      ),
                      historyList(kind, g),
                    ),
                    h(
                      'td',
                      null,
                      h(
                        'button',
                        {
                          type: 'button',
                          class: 'btn small',
                          onclick: () => editInput(kind, g.key),
                        },
                        bi('Sửa', 'Correct'),
                        h('span', { class: 'sr-only' }, ' ', inputKeyLabel(kind, g.key, ref)),
                      ),
                    ),
                  ),
                ),
              ),
            ),
          ),
    );
  });
  replace(box, groups);
  box.removeAttribute('aria-busy');
}

async function loadYear() {
  const box = $('#inputs');
  box.setAttribute('aria-busy', 'true');
  answer = await api<InputsAnswer>(`/api/officer/inputs${queryString({ year })}`);
  renderList();
}

// ---------------------------------------------------------------------------------------------
// CSV: a year of TMBL by commune

const csvErrors = new FormErrors();
function buildCsv() {
  const csvForm = $<HTMLFormElement>('#csv-form');
  const csvYear = field({
    label: bi('Năm', 'Year'),
    path: 'year',
    kind: 'select',
    options: Array.from({ length: thisYear - 2023 }, (_, i) => ({
      value: String(thisYear - i),
      label: String(thisYear - i),
    })),
  });
  csvYear.value = String(year);
  const file = field({
    label: bi('Tệp CSV', 'CSV file'),
    path: 'csv',
    type: 'file',
    hint: bi(
      'Dòng đầu: commune_code,total,goods — mỗi xã một dòng, số đồng nguyên không dấu ngăn cách. Tối đa 90 xã.',
      'First line: commune_code,total,goods — one commune a line, whole VND without separators. At most 90 communes.',
    ),
    attrs: { accept: '.csv,text/csv' },
  });
  const csvSource = radios({
    legend: bi('Nguồn số liệu', 'Source'),
    path: 'source.type',
    options: Object.entries(SOURCE_TYPES).map(([value, label]) => ({ value, label })),
    value: 'document',
  });
  const csvRef = field({
    label: bi('Số hiệu văn bản hoặc địa chỉ trang web', 'Document number or web address'),
    path: 'source.reference',
    optional: true,
  });
  const problems = h('div', { id: 'csv-problems' });
  const send = h('button', { type: 'submit', class: 'btn primary' }, bi('Tải lên', 'Upload'));
  csvErrors.register(csvYear, file, csvSource, csvRef);
  replace(
    csvForm,
    csvErrors.summary,
    h('div', { class: 'grid-2' }, csvYear.wrap, file.wrap),
    csvSource.wrap,
    csvRef.wrap,
    problems,
    h('div', { class: 'actions' }, send),
  );
  csvForm.addEventListener('submit', (e) => {
    e.preventDefault();
    void busy(send, async () => {
      problems.replaceChildren();
      csvErrors.clear();
      const chosen = (file.control as HTMLInputElement).files?.[0];
      if (!chosen) {
        csvErrors.showError(bi('Hãy chọn một tệp CSV.', 'Choose a CSV file.'), 'csv');
        return;
      }
      const csv = await chosen.text();
      const source = {
        type: csvSource.selected(),
        ...(csvRef.value.trim() ? { reference: csvRef.value.trim() } : {}),
      };
      try {
        const res = await api<{ written: number }>('/api/officer/inputs/tmbl-csv', {
          method: 'POST',
          body: { year: Number(csvYear.value), source, csv },
        });
        announce(
          message,
          bi(
            `Đã nhập TMBL năm ${csvYear.value} của ${res.written} xã/phường.`,
            `Entered the ${csvYear.value} TMBL of ${res.written} communes.`,
          ),
          'success',
        );
        if (Number(csvYear.value) === year) await loadYear();
      } catch (err) {
        const e2 = asApiError(err);
        const lines = (
          e2.details as { problems?: Array<{ line: number; message: string }> } | undefined
        )?.problems;
        if (e2.code === 'statsInput.invalidCsv' && lines?.length) {
          csvErrors.showError(e2.bi(), 'csv');
          replace(
            problems,
            h('h3', null, bi('Các dòng có lỗi', 'Lines with errors')),
            h(
              'ul',
              { class: 'csv-problems' },
              lines.map((p) =>
                h(
                  'li',
                  null,
                  bi(`Dòng ${p.line}: `, `Line ${p.line}: `),
                  h('span', { lang: 'en' }, p.message),
                ),
              ),
            ),
          );
          return;
        }
        const invalid = INVALID[e2.message];
        if (e2.code === 'statsInput.invalid' && invalid)
          csvErrors.showError(invalid.text, 'source.reference');
        else csvErrors.showApiError(e2);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------

function buildYearPicker() {
  const picker = field({
    label: bi('Năm số liệu', 'Year of the inputs'),
    path: 'pageYear',
    kind: 'select',
    options: Array.from({ length: thisYear - 2023 }, (_, i) => ({
      value: String(thisYear - i),
      label: String(thisYear - i),
    })),
  });
  if (!picker.control.querySelector(`option[value="${year}"]`))
    picker.control.append(h('option', { value: String(year) }, String(year)));
  picker.value = String(year);
  picker.control.addEventListener('change', () => {
    year = Number(picker.value);
    history.replaceState(null, '', queryString({ year }));
    $('#list-year').textContent = String(year);
    void loadYear().then(layoutKind);
  });
  replace($('#year-picker'), picker.wrap);
  $('#list-year').textContent = String(year);
}

async function start() {
  const [, reference] = await Promise.all([requireRole(['officer', 'admin']), loadReference()]);
  ref = reference;
  buildYearPicker();
  buildForm();
  await loadYear();
  layoutKind();
  buildCsv();
  const kind = params.get('kind');
  const key = params.get('key');
  if (kind && key) editInput(kind, key);
}

start().catch((err: unknown) => {
  if (err instanceof ApiError && err.status === 401) location.reload();
  announce(message, asApiError(err).bi(), 'error');
});
