/**
 * 选中行 → 生成申请表: the 申请表 (附件1–3) of the projects in the clerk's selection, one new sheet
 * each (named by 项目编号), from the same layout the CLI writes (shared/forms). Nothing else in the
 * workbook is touched: the ledger is only read, the forms go to new sheets.
 */
import { applicationForms } from '../shared/forms/book.js';
import type { FormSheet } from '../shared/forms/form.js';
import { MONEY_FORMAT } from '../shared/forms/form.js';
import { parseTier, TIERS, type Tier, unitTier } from '../shared/forms/tier.js';
import { listPrint } from '../shared/layout/print.js';
import type { App } from './app.js';
import { type CellValue, type ExcelHost, officeHost, type Rect, type SheetSpec } from './excel.js';
import { action, append, field, h } from './ui.js';
import { runCheck } from './workflow.js';

const rect = (m: { top: number; left: number; bottom: number; right: number }): Rect => ({
  top: m.top,
  left: m.left,
  rows: m.bottom - m.top + 1,
  cols: m.right - m.left + 1,
});

/** A form (shared layout) → the adapter's SheetSpec. */
export function formSpec(form: FormSheet): SheetSpec {
  const height = Math.max(0, ...form.cells.map((c) => c.row + 1));
  const values: CellValue[][] = Array.from({ length: height }, () => Array(form.widths.length).fill(null));
  for (const c of form.cells) (values[c.row] as CellValue[])[c.col] = c.value;
  const area = (c: FormSheet['cells'][number]): Rect =>
    rect(
      form.merges.find((m) => m.top === c.row && m.left === c.col) ?? {
        top: c.row,
        left: c.col,
        bottom: c.row,
        right: c.col,
      },
    );
  const of = (styles: string[]) => form.cells.filter((c) => styles.includes(c.style)).map(area);
  return {
    name: form.name,
    values,
    merges: form.merges.map(rect),
    columnWidths: form.widths,
    rowHeights: form.heights.flatMap((h, row) => (h ? [{ row, height: h }] : [])),
    bold: of(['title', 'label']),
    fontSize: of(['title']).map((r) => ({ rect: r, size: 15 })),
    center: of(['title', 'subtitle', 'label']),
    wrap: of(['label', 'value', 'sign']),
    borders: of(['label', 'value', 'money', 'sign']),
    numberFormats: of(['money']).map((r) => ({ rect: r, format: MONEY_FORMAT })),
    // A4 portrait as the CLI prints it (spec §8.1), fitted to the page width.
    print: listPrint(form.widths, { paper: form.print.paper, orientation: form.print.orientation, repeatRows: null }),
  };
}

/** The clerk's selection: the sheet and its worksheet rows (1-based, inclusive). */
export async function selectedRows(host: ExcelHost): Promise<{ sheet: string; first: number; last: number }> {
  return host.run(async (ctx) => {
    const workbook = ctx.workbook as unknown as {
      getSelectedRange(): { rowIndex: number; rowCount: number; load(p: string): unknown };
    };
    const range = workbook.getSelectedRange();
    range.load('rowIndex,rowCount');
    const sheet = ctx.workbook.worksheets.getActiveWorksheet();
    sheet.load('name');
    await ctx.sync();
    return { sheet: sheet.name, first: range.rowIndex + 1, last: range.rowIndex + range.rowCount };
  });
}

export interface FormsOutcome {
  sheets: string[];
  skipped: string | null;
}

/** Reads the ledger, picks the projects in the selection and writes one 申请表 sheet each. */
export async function writeSelectedForms(app: App, host: ExcelHost, tier: Tier | null): Promise<FormsOutcome> {
  const sel = await selectedRows(host);
  const session = await runCheck(app.wb, { sheet: sel.sheet, mark: false });
  if (session.ledger.sheet !== sel.sheet)
    throw new Error(`当前选中的是工作表「${sel.sheet}」，它不是台账：请在台账中选中要生成申请表的项目行。`);
  const rows = session.report.rows.filter((r) => r.row >= sel.first && r.row <= sel.last);
  if (rows.length === 0)
    throw new Error(`选中的第${sel.first}–${sel.last}行没有项目：请选中台账中的项目行（可多行）再点“生成申请表”。`);
  const taken = (await app.wb.listSheets()).map((s) => s.name);
  const unit = session.report.meta.unit;
  const result = applicationForms(rows, { county: '彭水自治县', tier: tier ?? unitTier({ name: unit }), taken, unit });
  const written: string[] = [];
  for (const form of result.sheets) written.push(await app.wb.writeSheet(formSpec(form)));
  const errors = new Set(session.report.issues.filter((i) => i.severity === 'error').map((i) => i.row));
  const flawed = rows.filter((r) => errors.has(r.row)).map((r) => r.row);
  return {
    sheets: written,
    skipped: flawed.length > 0 ? `第${flawed.join('、')}行有校验错误，申请表中不合规的内容留空。` : null,
  };
}

/** The pane's 申请表 section (mounted on the 统计 panel). */
export function mountForms(root: HTMLElement, app: App, host: ExcelHost = officeHost()): void {
  const select = h(
    'select',
    { id: 'form-tier', 'aria-label': '主管层级' },
    h('option', { value: '' }, '按填报单位'),
    ...TIERS.map((t) => h('option', { value: t }, t)),
  ) as HTMLSelectElement;
  async function run(): Promise<void> {
    const outcome = await app.task('正在生成申请表…', () => writeSelectedForms(app, host, parseTier(select.value)));
    if (!outcome) return;
    app.ui.notify(
      `已生成申请表 ${outcome.sheets.length} 份（新工作表：${outcome.sheets.join('、')}），A4 纵向打印。${outcome.skipped ?? ''}`,
      'ok',
    );
  }
  append(
    root,
    h('h2', {}, '申请表（附件1–3）'),
    field(
      '主管层级',
      select,
      '台账有“主管层级”列时按该列；否则按这里的选择，默认按填报单位（乡镇/街道 → 附件2，部门 → 附件3）。',
    ),
    action(
      '生成申请表',
      '在台账中选中一行或多行项目后点击：每个项目新建一个以项目编号命名的工作表（A4 纵向一页），原台账不改动。',
      () => void run(),
      'forms',
    ),
  );
}
