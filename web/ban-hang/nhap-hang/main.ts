import { COLUMNS, headerOf } from '../../../shared/catalog/import/columns';
import { ApiError, apiWithProgress } from '../../lib/api';
import { $, h, replace, setText } from '../../lib/dom';
import { formatNumber } from '../../lib/format';
import { busy, FormErrors, radios } from '../../lib/forms';
import { type Bi, bi } from '../../lib/i18n';
import { setupPage } from '../../lib/layout';
import { requireRole } from '../../lib/session';

/**
 * Bulk import: the file goes as base64 in JSON with an upload progress bar; a file with bad rows
 * comes back as 422 import.invalidRows with each error's row and column, and (all-or-nothing,
 * the default) nothing imported.
 */
setupPage({ section: 'sell' });

interface RowError {
  row: number;
  column: string;
  cell?: string;
  code: string;
  message: Bi;
}
interface ImportReport {
  mode: 'allOrNothing' | 'validRows';
  fileName: string;
  counts: {
    received: number;
    valid: number;
    imported: number;
    updated?: number;
    failed: number;
    skipped: number;
  };
  errors: RowError[];
  /** Rows imported with a remark (an OCOP certificate already expired, left out). */
  warnings?: RowError[];
  errorsTruncated: boolean;
  ignoredColumns: string[];
}

const MAX_FILE_BYTES = 3 * 1024 * 1024;
const host = $('#form-host');
const result = $('#result');

const errors = new FormErrors();
const fileInput = h('input', {
  type: 'file',
  id: 'file',
  name: 'file',
  accept: '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'aria-describedby': 'file-hint file-error',
});
const fileError = h('p', { class: 'field-error', id: 'file-error' });
const fileWrap = h(
  'div',
  { class: 'field' },
  h('label', { for: 'file' }, bi('Tệp sản phẩm (CSV hoặc XLSX)', 'Product file (CSV or XLSX)')),
  h(
    'p',
    { class: 'hint', id: 'file-hint' },
    bi('Tối đa 3 MB, 2.000 dòng.', 'Up to 3 MB, 2,000 rows.'),
  ),
  fileError,
  fileInput,
);
const mode = radios({
  legend: bi('Khi có dòng lỗi', 'When some rows have errors'),
  path: 'mode',
  value: 'allOrNothing',
  options: [
    {
      value: 'allOrNothing',
      label: bi(
        'Không nhập gì cả, để tôi sửa tệp (khuyên dùng)',
        'Import nothing, so I can fix the file (recommended)',
      ),
    },
    { value: 'validRows', label: bi('Chỉ nhập các dòng đúng', 'Import only the valid rows') },
  ],
});
const progress = h('progress', { id: 'progress', max: 100, value: 0 });
const progressText = h('span');
const progressWrap = h(
  'div',
  { class: 'field', hidden: true },
  h('label', { for: 'progress' }, bi('Đang gửi tệp', 'Sending the file'), ' ', progressText),
  progress,
);
const submit = h(
  'button',
  { type: 'submit', class: 'btn primary' },
  bi('Nhập sản phẩm', 'Import products'),
);
/** A new choice clears the complaint about the last one ("Hãy chọn một tệp."). */
fileInput.addEventListener('change', () => {
  fileError.replaceChildren();
  delete fileError.dataset.vi;
  delete fileError.dataset.en;
  fileInput.removeAttribute('aria-invalid');
});

/** The column as the template's header names it: "Giá" (and the machine name, for the file). */
const columnLabel = new Map(COLUMNS.map((c) => [headerOf(c), c.label]));

const form = h(
  'form',
  { class: 'stack', novalidate: true },
  errors.summary,
  fileWrap,
  mode.wrap,
  progressWrap,
  h('div', { class: 'actions' }, submit),
);

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}

function errorTable(rows: RowError[]) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      null,
      h('caption', { class: 'sr-only' }, bi('Lỗi theo dòng và cột', 'Errors by row and column')),
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'col' }, bi('Dòng', 'Row')),
          h('th', { scope: 'col' }, bi('Cột', 'Column')),
          h('th', { scope: 'col' }, bi('Lỗi', 'Error')),
        ),
      ),
      h(
        'tbody',
        null,
        rows.map((e) =>
          h(
            'tr',
            null,
            h('td', null, String(e.row)),
            h(
              'td',
              null,
              columnLabel.has(e.column)
                ? bi(columnLabel.get(e.column)?.vi ?? '', columnLabel.get(e.column)?.en ?? '')
                : h('code', null, e.column),
              e.cell ? ` (${e.cell})` : '',
            ),
            h('td', null, bi(e.message.vi, e.message.en)),
          ),
        ),
      ),
    ),
  );
}

function showReport(report: ImportReport, failed: boolean) {
  const c = report.counts;
  const heading = h(
    'h2',
    { tabindex: '-1' },
    failed
      ? bi(
          `Tệp có ${formatNumber(c.failed)} dòng lỗi — chưa nhập sản phẩm nào`,
          `${formatNumber(c.failed)} ${c.failed === 1 ? 'row has' : 'rows have'} errors — nothing was imported`,
        )
      : bi(
          `Đã nhập ${formatNumber(c.imported - (c.updated ?? 0))} sản phẩm mới, cập nhật ${formatNumber(c.updated ?? 0)} sản phẩm đã có`,
          `Added ${formatNumber(c.imported - (c.updated ?? 0))} new, updated ${formatNumber(c.updated ?? 0)} existing`,
        ),
  );
  replace(
    result,
    h(
      'div',
      { class: `status-box ${failed ? 'suspended' : 'approved'}` },
      heading,
      h(
        'p',
        null,
        bi(
          `${report.fileName}: ${formatNumber(c.received)} dòng đọc được, ${formatNumber(c.valid)} dòng đúng, ${formatNumber(c.failed)} dòng lỗi.`,
          `${report.fileName}: ${formatNumber(c.received)} rows read, ${formatNumber(c.valid)} valid, ${formatNumber(c.failed)} with errors.`,
        ),
      ),
      failed
        ? h(
            'p',
            null,
            bi(
              'Sửa các ô dưới đây trong tệp rồi gửi lại, hoặc chọn “Chỉ nhập các dòng đúng”.',
              'Fix the cells below in your file and send it again, or choose “Import only the valid rows”.',
            ),
          )
        : h(
            'p',
            null,
            h(
              'a',
              { href: '/ban-hang/#san-pham' },
              bi('Xem sản phẩm của bạn', 'See your products'),
            ),
          ),
      report.ignoredColumns.length > 0
        ? h(
            'p',
            null,
            bi(
              `Cột không nhận ra (bỏ qua): ${report.ignoredColumns.join(', ')}`,
              `Columns not recognised (ignored): ${report.ignoredColumns.join(', ')}`,
            ),
          )
        : null,
    ),
    report.warnings && report.warnings.length > 0
      ? [h('h3', null, bi('Cần lưu ý', 'Please note')), errorTable(report.warnings)]
      : null,
    report.errors.length > 0
      ? [
          h(
            'h3',
            null,
            failed
              ? bi('Các lỗi cần sửa', 'Errors to fix')
              : bi('Các dòng đã bỏ qua', 'Rows skipped'),
          ),
          errorTable(report.errors),
          report.errorsTruncated
            ? h(
                'p',
                null,
                bi('Chỉ hiện 1.000 lỗi đầu tiên.', 'Only the first 1,000 errors are shown.'),
              )
            : null,
        ]
      : null,
  );
  heading.focus();
}

/** import.invalidFile says why in details.reason: a sentence for each. */
function fileProblem(err: ApiError): Bi {
  const d = (err.details ?? {}) as {
    reason?: string;
    row?: number;
    missingColumns?: string[];
    repeatedColumns?: string[];
    maxRows?: number;
  };
  if (err.code === 'import.tooManyRows' && d.maxRows)
    return bi(
      `Tệp có quá nhiều dòng (tối đa ${formatNumber(d.maxRows)}).`,
      `Too many rows (at most ${d.maxRows}).`,
    );
  if (err.code !== 'import.invalidFile') return err.bi();
  switch (d.reason) {
    case 'empty':
      return bi('Tệp trống.', 'The file is empty.');
    case 'tooLarge':
      return bi('Tệp lớn hơn 3 MB.', 'The file is larger than 3 MB.');
    case 'formatMismatch':
    case 'notXlsx':
      return bi(
        'Đuôi tệp không khớp nội dung: hãy lưu lại thành .csv hoặc .xlsx.',
        'The file name does not match its content: save it again as .csv or .xlsx.',
      );
    case 'csvSyntax':
      return bi(
        `Lỗi cú pháp CSV ở dòng ${d.row ?? '?'}.`,
        `CSV syntax error in row ${d.row ?? '?'}.`,
      );
    case 'missingColumns':
      return bi(
        `Thiếu cột bắt buộc: ${(d.missingColumns ?? []).join(', ')}.`,
        `Required columns missing: ${(d.missingColumns ?? []).join(', ')}.`,
      );
    case 'repeatedColumns':
      return bi(
        `Cột bị lặp: ${(d.repeatedColumns ?? []).join(', ')}.`,
        `Repeated columns: ${(d.repeatedColumns ?? []).join(', ')}.`,
      );
    case 'noHeader':
      return bi(
        'Không tìm thấy dòng tiêu đề của tệp mẫu.',
        'No header row of the template was found.',
      );
    case 'noRows':
      return bi('Tệp không có dòng sản phẩm nào.', 'The file has no product rows.');
    default:
      return err.bi();
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  errors.clear();
  fileError.replaceChildren();
  fileInput.removeAttribute('aria-invalid');
  const file = fileInput.files?.[0];
  const fail = (message: Bi) => {
    setText(fileError, message);
    fileInput.setAttribute('aria-invalid', 'true');
    fileInput.focus();
  };
  if (!file) return fail(bi('Hãy chọn một tệp.', 'Choose a file.'));
  const format = /\.xlsx$/i.test(file.name)
    ? 'xlsx'
    : /\.csv$/i.test(file.name)
      ? 'csv'
      : undefined;
  if (!format) return fail(bi('Chỉ nhận tệp .csv hoặc .xlsx.', 'Only .csv or .xlsx files.'));
  if (file.size > MAX_FILE_BYTES)
    return fail(bi('Tệp lớn hơn 3 MB.', 'The file is larger than 3 MB.'));
  replace(result);
  void busy(submit, async () => {
    progressWrap.hidden = false;
    progress.value = 0;
    progressText.textContent = '0%';
    try {
      const contentBase64 = await readBase64(file);
      const report = await apiWithProgress<ImportReport>(
        '/api/seller/imports',
        { format, fileName: file.name, contentBase64, mode: mode.selected() || 'allOrNothing' },
        (share) => {
          const pct = Math.round(share * 100);
          progress.value = pct;
          progressText.textContent = `${pct}%`;
        },
      );
      showReport(report, false);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'import.invalidRows') {
        showReport(err.details as ImportReport, true);
        return;
      }
      if (err instanceof ApiError && err.status === 401) {
        location.reload();
        return;
      }
      const e2 = err instanceof ApiError ? err : new ApiError('internal', 0, String(err));
      fail(fileProblem(e2));
    } finally {
      progressWrap.hidden = true;
    }
  });
});

requireRole(['seller']).then(() => host.append(form));
