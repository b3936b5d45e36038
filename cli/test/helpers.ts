/**
 * Test helpers: run the CLI in-process or as a real process, and build or inspect .xlsx files
 * with ExcelJS directly (independently of cli/workbook*.ts, which is what is under test).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { COLUMNS, columnLetters } from '../../shared/index.js';
import { NOTICE_HEADER } from '../../shared/test/fixtures.js';
import { type Io, run } from '../index.js';
import type { Project } from './projects.js';

export const ROOT = new URL('../../', import.meta.url).pathname;

export function tempDir(prefix = 'sige-cli-'): { dir: string; path: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in this process (fast), capturing stdout and stderr; `setup` gives its environment and service client. */
export async function cliWith(setup: Pick<Io, 'env' | 'remote'>, ...args: string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    progress: null,
    ...setup,
  };
  const code = await run(args, io);
  return { code, out, err };
}

/** Runs the CLI in this process with an empty environment. */
export const cli = (...args: string[]): Promise<CliResult> => cliWith({ env: {} }, ...args);

/** Runs the real executable (node cli/bin.js) as a child process. */
export function bin(...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'cli/bin.js'), ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export async function load(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Visible text of a cell value (rich text, formulas, hyperlinks). */
export function text(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && !(value instanceof Date)) {
    const v = value as { richText?: { text: string }[]; text?: string; result?: unknown };
    if (v.richText) return v.richText.map((r) => r.text).join('');
    if (v.text !== undefined) return String(v.text);
    if (v.result !== undefined) return String(v.result);
    return '';
  }
  return String(value);
}

export function merges(ws: ExcelJS.Worksheet): string[] {
  return [...(ws.model.merges as string[])].sort();
}

/** Writes projects into the data rows of a workbook written by `template` (as a clerk would). */
export async function fillTemplate(
  template: string,
  out: string,
  projects: readonly Project[],
  meta: { unit?: string; updatedAt?: string } = {},
): Promise<void> {
  const wb = await load(template);
  const ws = wb.getWorksheet('管理台账') as ExcelJS.Worksheet;
  const firstData = 5;
  projects.forEach((p, i) => {
    const row = ws.getRow(firstData + i);
    COLUMNS.forEach((c, col) => {
      const v = p[c.key];
      if (v !== undefined && v !== null) row.getCell(col + 1).value = v as ExcelJS.CellValue;
    });
  });
  if (meta.unit) ws.getCell('A2').value = `填报单位：${meta.unit}`;
  if (meta.updatedAt) {
    // The meta segment that holds 更新时间 (where it sits depends on the printed page width).
    let at = 'V2';
    ws.getRow(2).eachCell((cell) => {
      if (String(cell.value ?? '').startsWith('更新时间')) at = cell.address;
    });
    ws.getCell(at).value = `更新时间：${meta.updatedAt}`;
  }
  await wb.xlsx.writeFile(out);
}

/**
 * A workbook like the ones clerks really send: an extra sheet first, a title, the meta line spread
 * over cells, merged two-level headers with line breaks and typos, an extra column, placeholder
 * rows, a 合计 row, the 填表说明 footer, formats, a note and a hidden sheet.
 */
export async function messyWorkbook(file: string, projects: readonly Project[]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const intro = wb.addWorksheet('填报说明');
  intro.getCell('A1').value = '请于每周四16:00前报送';
  intro.getCell('A2').value = '联系人：县乡村振兴局 王科长 023-78441234';

  const ws = wb.addWorksheet('台账（保家镇）');
  // The notice's own header text (line breaks, double spaces, its typos), with an extra 村名 column
  // after 建设内容 as some townships add.
  const [level1, level2] = NOTICE_HEADER.map((r) => [
    ...r.slice(0, 12),
    r === NOTICE_HEADER[0] ? '村名' : '',
    ...r.slice(12),
  ]) as [string[], string[]];
  // Column order of the messy sheet: the ledger's, with an extra 村名 column after 建设内容.
  const keys = COLUMNS.map((c) => c.key);
  const sheetKeys: (string | null)[] = [...keys.slice(0, 12), null, ...keys.slice(12)];
  ws.getCell('A1').value = '彭水自治县经营性帮扶产业项目“四个一批”管理台账';
  ws.mergeCells('A1:AC1');
  ws.getCell('A2').value = '   填报单位：保家镇人民政府';
  ws.getCell('H2').value = '审核人：王五';
  ws.getCell('N2').value = '填报人及联系电话：赵六 13900001111';
  ws.getCell('V2').value = '更新时间：2026年 11月 18日';
  level1.forEach((v, c) => {
    if (v) ws.getCell(3, c + 1).value = v;
  });
  level2.forEach((v, c) => {
    if (v) ws.getCell(4, c + 1).value = v;
  });
  level1.forEach((v, c) => {
    if (v && !level2[c]) ws.mergeCells(3, c + 1, 4, c + 1);
  });
  ws.mergeCells('I3:K3');
  ws.mergeCells('P3:S3');
  ws.mergeCells('T3:X3');
  ws.mergeCells('Y3:Z3');
  ws.getRow(3).font = { bold: true };
  ws.getColumn(2).width = 31;
  ws.getColumn(13).width = 9;

  let r = 5;
  for (const p of projects) {
    sheetKeys.forEach((key, c) => {
      const v = key === null ? '某村' : p[key as keyof Project];
      if (v !== undefined && v !== null) ws.getCell(r, c + 1).value = v as ExcelJS.CellValue;
    });
    ws.getCell(r, 9).numFmt = '0.00';
    r++;
  }
  const lastProject = r - 1;
  // Placeholder rows (序号 only), then a 合计 row with formulas, then the footer.
  ws.getCell(r, 1).value = projects.length + 1;
  ws.getCell(r + 1, 1).value = projects.length + 2;
  r += 2;
  const totalRow = r;
  ws.getCell(totalRow, 1).value = '合计';
  for (const col of ['I', 'J', 'K']) {
    const sum = projects.reduce(
      (n, p) => n + Number(p[col === 'I' ? 'investTotal' : col === 'J' ? 'investSpecial' : 'investOther'] ?? 0),
      0,
    );
    // The clerk's 小计 total is off by 1 (a stale formula result): total.mismatch.
    const result = col === 'I' ? sum + 1 : sum;
    ws.getCell(`${col}${totalRow}`).value = { formula: `SUM(${col}5:${col}${lastProject})`, result };
  }
  ws.getCell(totalRow + 1, 1).value =
    '填表说明：1运营模式。填与自主经管/委托经营/租贫/合作发展(入股)/般权投资/其他等任选其中一项。';
  ws.mergeCells(totalRow + 1, 1, totalRow + 1, 29);
  ws.getCell(totalRow + 3, 2).value = '（此行在填表说明之后，不是项目）';
  ws.getCell('B5').note = '原有批注：请核实项目名称';

  const other = wb.addWorksheet('统计表');
  other.getCell('A1').value = '彭水自治县经营性帮扶产业项目“四个一批”分类统计表';
  other.getCell('B3').value = 42;
  const hidden = wb.addWorksheet('隐藏', { state: 'hidden' });
  hidden.getCell('A1').value = '巩固';
  await wb.xlsx.writeFile(file);
}

/** The messy sheet's column letter for a ledger key (the extra 村名 column shifts later ones). */
export function messyColumn(key: string): string {
  const index = COLUMNS.findIndex((c) => c.key === key);
  return columnLetters(index >= 12 ? index + 1 : index);
}
