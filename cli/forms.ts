/**
 * `forms`: 申请表 (附件1–3) from a ledger, one worksheet per project, and optionally the 归档目录
 * (附件6). The layout is data from shared/forms; this module renders it with ExcelJS.
 */
import { existsSync, realpathSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from 'commander';
import ExcelJS from 'exceljs';
import { applicationForms, parseRowSpec } from '../shared/forms/book.js';
import { type FormSheet, type FormStyle, MONEY_FORMAT } from '../shared/forms/form.js';
import { parseTier, TIERS, type Tier, unitTier } from '../shared/forms/tier.js';
import { DEFAULT_COUNTY } from '../shared/layout.js';
import { FileError, UsageError } from './errors.js';
import type { Io } from './index.js';
import { validateFile } from './validate.js';
import { writeAtomically } from './workbook-write.js';

const FONT = '宋体';
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

const STYLES: Record<FormStyle, Partial<ExcelJS.Style>> = {
  title: {
    font: { name: FONT, size: 15, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  subtitle: { font: { name: FONT, size: 12 }, alignment: { horizontal: 'center', vertical: 'middle' } },
  label: {
    font: { name: FONT, size: 10, bold: true },
    alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
  },
  value: { font: { name: FONT, size: 10 }, alignment: { horizontal: 'left', vertical: 'middle', wrapText: true } },
  money: {
    font: { name: FONT, size: 10 },
    alignment: { horizontal: 'right', vertical: 'middle' },
    numFmt: MONEY_FORMAT,
  },
  sign: { font: { name: FONT, size: 10 }, alignment: { horizontal: 'right', vertical: 'bottom', wrapText: true } },
};

const BORDERED: ReadonlySet<FormStyle> = new Set(['label', 'value', 'money', 'sign']);

/** Adds one form sheet to an ExcelJS workbook. */
export function addFormSheet(workbook: ExcelJS.Workbook, form: FormSheet): ExcelJS.Worksheet {
  const ws = workbook.addWorksheet(form.name, {
    pageSetup: {
      paperSize: 9 as ExcelJS.PaperSize,
      orientation: form.print.orientation,
      fitToPage: form.print.onePage,
      fitToWidth: 1,
      fitToHeight: form.print.onePage ? 1 : 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
  });
  form.widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  form.heights.forEach((h, i) => {
    if (h) ws.getRow(i + 1).height = h;
  });
  for (const cell of form.cells) {
    const target = ws.getCell(cell.row + 1, cell.col + 1);
    if (cell.value !== null) target.value = cell.value;
    target.style = { ...STYLES[cell.style] };
    if (!BORDERED.has(cell.style)) continue;
    const area = form.merges.find((m) => m.top === cell.row && m.left === cell.col) ?? {
      top: cell.row,
      left: cell.col,
      bottom: cell.row,
      right: cell.col,
    };
    for (let r = area.top; r <= area.bottom; r++)
      for (let c = area.left; c <= area.right; c++) ws.getCell(r + 1, c + 1).border = THIN;
  }
  for (const m of form.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  return ws;
}

/** Writes form sheets to a new workbook, atomically (a temporary file renamed into place). */
export async function writeForms(sheets: readonly FormSheet[], out: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '四个一批台账';
  for (const sheet of sheets) addFormSheet(workbook, sheet);
  await writeAtomically(workbook, out);
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
}

function checkOutput(out: string, input: string, force: boolean): void {
  if (real(out) === real(input)) throw new UsageError(`输出文件“${out}”就是输入文件：不会覆盖原文件，请换一个文件名。`);
  if (!force && existsSync(out)) throw new UsageError(`输出文件“${out}”已存在：换一个文件名，或加 --force 覆盖。`);
  if (!/\.xlsx$/iu.test(out)) throw new UsageError(`输出文件“${out}”应以 .xlsx 结尾。`);
}

export function optionTier(text: string | undefined): Tier | null {
  if (text === undefined) return null;
  const tier = parseTier(text);
  if (!tier) throw new UsageError(`--tier “${text}”不对：应为 ${TIERS.join('、')}（也可写 村、乡镇、街道、部门）。`);
  return tier;
}

interface FormsOpts {
  out: string;
  rows?: string;
  tier?: string;
  county: string;
  sheet?: string;
  archive?: boolean;
  force?: boolean;
}

export function registerFormsCommand(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('forms')
    .summary('生成申请表（附件1–3），可附归档目录（附件6） / write the 申请表 of ledger rows')
    .description(
      '按台账行生成“四个一批”分类及处置措施申请表：每个项目一个工作表（以项目编号命名），A4 纵向一页。\n' +
        '申请表样式按主管层级：附件1 村本级、附件2 乡镇（街道）、附件3 行业部门；台账有“主管层级”列时按该列，否则按 --tier，再否则按填报单位类型。\n' +
        'Write one 申请表 sheet per project (A4 portrait, one page); variant by tier.',
    )
    .argument('<file>', '台账文件 / ledger workbook (.xlsx)')
    .requiredOption('--out <file>', '输出文件 / output file (.xlsx)')
    .option('--rows <list>', '只生成这些行（工作表行号），如 5,7-9 / only these worksheet rows')
    .option('--tier <tier>', '主管层级：村本级、乡镇（街道）或行业部门 / tier for rows without their own')
    .option('--county <name>', '县（区）名称，用于标题 / county in the title', DEFAULT_COUNTY)
    .option('--sheet <name>', '指定台账所在工作表（默认自动查找） / the ledger sheet')
    .option('--archive', '附上归档目录（附件6），列出所含层级的归档内容 / add the 归档目录 sheet')
    .option('-f, --force', '覆盖已存在的输出文件 / overwrite an existing output file')
    .addHelpText(
      'after',
      '\n示例 / example: npm run -s cli -- forms 台账.xlsx --out 申请表.xlsx --rows 5,7-9 --tier 乡镇',
    )
    .action(async (file: string, opts: FormsOpts) => {
      checkOutput(opts.out, file, opts.force === true);
      const rows = opts.rows === undefined ? undefined : parseRowSpec(opts.rows);
      if (typeof rows === 'string') throw new UsageError(`--rows ${rows}`);
      const chosenTier = optionTier(opts.tier);
      const v = await validateFile(file, { sheet: opts.sheet });
      const unit = v.report.meta.unit;
      const tier = chosenTier ?? unitTier({ name: unit });
      const result = applicationForms(v.report.rows, {
        county: opts.county,
        tier,
        rows,
        archive: opts.archive === true,
        unit,
      });
      if (result.missingRows.length > 0) {
        throw new UsageError(
          `第${result.missingRows.join('、')}行不是项目行（没有项目，或是表头、合计、空行）：请检查 --rows。`,
        );
      }
      if (result.projects.length === 0) throw new FileError(file, `“${basename(file)}”中没有项目行，无法生成申请表。`);
      await writeForms(result.sheets, opts.out);
      const rowsWithErrors = new Set(
        v.report.issues.filter((i) => i.severity === 'error' && i.row !== null).map((i) => i.row),
      );
      const flawed = result.projects.filter((p) => rowsWithErrors.has(p.row.row)).map((p) => p.row.row);
      const tiers = [...new Set(result.projects.map((p) => p.tier))].join('、');
      io.out(`已生成申请表 ${result.projects.length} 份（${tiers}）${opts.archive ? '及归档目录' : ''}：${opts.out}\n`);
      if (flawed.length > 0)
        io.out(
          `注意：第${flawed.join('、')}行有校验错误，申请表中不合规的内容留空；请先用 validate 查看并改正台账。\n`,
        );
      setExit(0);
    });
}
