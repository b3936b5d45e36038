/** Print setup through Office.js pageLayout (ExcelApi 1.9), rendered from shared/layout.ts. */
import { describe, expect, it } from 'vitest';
import { emptyStats } from '../../shared/index.js';
import { ledgerTemplate } from '../../shared/layout/ledger-sheet.js';
import { createWorkbook } from '../excel.js';
import { ledgerTemplateSheets, statsSheet } from '../sheets.js';
import { isLedgerHeader } from '../workflow.js';
import { createFakeHost, fakeWorkbook } from './fake-host/index.js';

describe('printing from the pane (spec §5)', () => {
  it('the 台账 gets A3 landscape, the planned scale, header rows and 序号/项目名称 as print titles', async () => {
    const fake = createFakeHost(fakeWorkbook([{ name: 'Sheet1' }]), { ExcelApi: '1.9' });
    const wb = createWorkbook(fake.host, { isLedgerHeader });
    for (const spec of ledgerTemplateSheets()) await wb.writeSheet(spec);
    const planned = ledgerTemplate().sheets[0]?.print;
    const ledger = fake.workbook.sheets.find((s) => s.name === '管理台账');
    expect(ledger?.pageLayout).toMatchObject({
      orientation: 'Landscape',
      paperSize: 'A3',
      printOrder: 'OverThenDown',
      zoom: { scale: planned?.scale },
      printTitleRows: '$3:$4',
      printTitleColumns: '$A:$B',
      leftMargin: expect.closeTo(21.6, 5),
    });
    expect(planned?.scale).toBeGreaterThanOrEqual(80);
    // The hidden list sheet does not print.
    expect(fake.workbook.sheets.find((s) => s.name === '下拉选项')?.pageLayout).toBeUndefined();
  });

  it('the 统计表 is fitted one page wide, no title columns', async () => {
    const fake = createFakeHost(fakeWorkbook([{ name: 'Sheet1' }]), { ExcelApi: '1.9' });
    const wb = createWorkbook(fake.host, { isLedgerHeader });
    const name = await wb.writeSheet(statsSheet([emptyStats('保家镇')], { name: '统计表' }));
    const sheet = fake.workbook.sheets.find((s) => s.name === name);
    expect(sheet?.pageLayout).toMatchObject({
      orientation: 'Landscape',
      paperSize: 'A3',
      zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 },
      printTitleRows: '$3:$4',
      centerHorizontally: true,
    });
    expect(sheet?.pageLayout?.printTitleColumns).toBeUndefined();
  });

  it('near miss: on ExcelApi 1.8 the sheet is written without touching pageLayout', async () => {
    const fake = createFakeHost(fakeWorkbook([{ name: 'Sheet1' }]), { ExcelApi: '1.8' });
    const wb = createWorkbook(fake.host, { isLedgerHeader });
    const name = await wb.writeSheet(statsSheet([emptyStats('保家镇')], { name: '统计表' }));
    const sheet = fake.workbook.sheets.find((s) => s.name === name);
    expect(sheet?.pageLayout).toBeUndefined();
    expect(sheet?.cells.length).toBeGreaterThan(4);
    expect(fake.stats.ops.some((op) => op.kind.startsWith('pageLayout'))).toBe(false);
  });
});
