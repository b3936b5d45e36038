/**
 * One owner of the 下拉选项 list sheet: every key has a fixed column (shared/layout.ts), and both
 * writers — the CLI's template (ExcelJS) and the pane's 下拉选项 (Office.js) — use it, so running
 * them in either order leaves every dropdown pointing at its own values.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { writeLayout } from '../../cli/workbook-write.js';
import { COLUMNS, type ColumnKey } from '../../shared/index.js';
import { ledgerTemplate } from '../../shared/layout/ledger-sheet.js';
import { DROPDOWN_COLUMNS, dropdownListSource, dropdownValues } from '../../shared/layout/list-sheet.js';
import { LIST_SHEET_NAME } from '../../shared/layout.js';
import { ledgerGrid, validCells } from '../../shared/test/fixtures.js';
import { createWorkbook } from '../excel.js';
import { dropdownPlan, isLedgerHeader, runCheck } from '../workflow.js';
import { createFakeHost, type FakeSheet, fakeWorkbook, newSheet } from './fake-host/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sige-dd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The values a list source (`'下拉选项'!$C$2:$C$6`, with or without =) points at on a list sheet's grid. */
function resolve(source: string, list: unknown[][]): unknown[] {
  const m = /!\$([A-Z])\$(\d+):\$([A-Z])\$(\d+)$/u.exec(source);
  if (!m) throw new Error(`not a list source: ${source}`);
  const col = (m[1] as string).charCodeAt(0) - 65;
  const out: unknown[] = [];
  for (let r = Number(m[2]) - 1; r <= Number(m[4]) - 1; r++) out.push(list[r]?.[col] ?? null);
  return out;
}

/** A clerk's ledger without the 四个一批分类 and 产业类型 columns: its dropdown columns shift left. */
const PARTIAL: ColumnKey[] = COLUMNS.map((c) => c.key).filter((k) => k !== 'category' && k !== 'industry');

/** The CLI's template as ExcelJS writes it, read back: the list sheet's grid and the ledger's list rules. */
async function cliTemplate() {
  const file = join(dir, `template-${Math.random().toString(36).slice(2)}.xlsx`);
  await writeLayout(ledgerTemplate(), file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const list = wb.getWorksheet(LIST_SHEET_NAME) as ExcelJS.Worksheet;
  const grid: unknown[][] = [];
  list.eachRow((row, r) => {
    row.eachCell((cell, c) => {
      grid[r - 1] ??= [];
      (grid[r - 1] as unknown[])[c - 1] = cell.value;
    });
  });
  const ledger = wb.getWorksheet('管理台账') as unknown as {
    dataValidations: { model: Record<string, { type: string; formulae: string[] }> };
  };
  const rules = Object.entries(ledger.dataValidations.model)
    .filter(([, v]) => v.type === 'list')
    .map(([address, v]) => ({ column: address.replace(/\d.*$/u, ''), source: String(v.formulae[0]) }));
  return { grid, rules };
}

/** Every list rule on the pane's ledger resolved against the list sheet: key → values. */
function paneLists(ledger: FakeSheet, list: FakeSheet, order: readonly ColumnKey[]) {
  const out = new Map<ColumnKey, unknown[]>();
  for (const [cell, rule] of ledger.validations) {
    const col = Number(cell.split(',')[1]);
    const source = JSON.parse(rule).list?.source as string | undefined;
    if (source) out.set(order[col] as ColumnKey, resolve(source, list.cells));
  }
  return out;
}

async function paneDropdowns(fake: ReturnType<typeof createFakeHost>) {
  const wb = createWorkbook(fake.host, { isLedgerHeader });
  const session = await runCheck(wb, { mark: false });
  const plan = dropdownPlan(session);
  await wb.addDropdowns('台账', plan.firstRow, plan.lastRow, plan.columns);
  return plan;
}

const letterOf = (key: ColumnKey) => String.fromCharCode(65 + COLUMNS.findIndex((c) => c.key === key));

describe('the 下拉选项 list sheet has one owner', () => {
  it('each key has its fixed column; the layout’s list sheet holds its values there', () => {
    const list = ledgerTemplate().sheets.find((s) => s.name === LIST_SHEET_NAME);
    const grid = list?.rows.map((r) => r.cells) ?? [];
    for (const key of DROPDOWN_COLUMNS)
      expect(resolve(dropdownListSource(key), grid)).toEqual([...dropdownValues(key)]);
    expect(dropdownListSource('mode')).toBe(`'${LIST_SHEET_NAME}'!$C$2:$C$7`);
  });

  it('CLI template first, then the pane’s 下拉选项 on a ledger missing two columns: every dropdown still right', async () => {
    const cli = await cliTemplate();
    const fake = createFakeHost(
      fakeWorkbook([{ name: '台账', cells: ledgerGrid([validCells(1), validCells(2)], { order: PARTIAL }) }]),
    );
    fake.workbook.sheets.push({ ...newSheet(LIST_SHEET_NAME, cli.grid), visibility: 'Hidden' });
    const plan = await paneDropdowns(fake);
    expect(plan.columns.map((c) => c.key)).not.toContain('category');
    const list = fake.workbook.sheets.find((s) => s.name === LIST_SHEET_NAME) as FakeSheet;
    const ledger = fake.workbook.sheets.find((s) => s.name === '台账') as FakeSheet;
    const lists = paneLists(ledger, list, PARTIAL);
    expect(lists.get('mode')).toEqual([...dropdownValues('mode')]);
    expect(lists.get('mode')).not.toContain('损坏');
    for (const key of DROPDOWN_COLUMNS.filter((k) => PARTIAL.includes(k)))
      expect(lists.get(key), key).toEqual([...dropdownValues(key)]);
    // The template's own rules (in the same workbook) still resolve to their columns' values.
    for (const rule of cli.rules) {
      const key = COLUMNS.find((_, i) => String.fromCharCode(65 + i) === rule.column)?.key as ColumnKey;
      expect(resolve(rule.source, list.cells), key).toEqual([...dropdownValues(key)]);
    }
    expect(cli.rules.map((r) => r.column)).toContain(letterOf('mode'));
  });

  it('pane first, then the CLI template’s rules against the list sheet the pane wrote', async () => {
    const fake = createFakeHost(
      fakeWorkbook([{ name: '台账', cells: ledgerGrid([validCells(1)], { order: PARTIAL }) }]),
    );
    await paneDropdowns(fake);
    const list = fake.workbook.sheets.find((s) => s.name === LIST_SHEET_NAME) as FakeSheet;
    expect(list.visibility).toBe('Hidden');
    const cli = await cliTemplate();
    expect(cli.rules).toHaveLength(DROPDOWN_COLUMNS.length);
    for (const rule of cli.rules) {
      const key = COLUMNS.find((_, i) => String.fromCharCode(65 + i) === rule.column)?.key as ColumnKey;
      expect(resolve(rule.source, list.cells), key).toEqual([...dropdownValues(key)]);
    }
    // And the pane's own rules on its partial ledger.
    const ledger = fake.workbook.sheets.find((s) => s.name === '台账') as FakeSheet;
    for (const [key, values] of paneLists(ledger, list, PARTIAL)) expect(values, key).toEqual([...dropdownValues(key)]);
  });
});
