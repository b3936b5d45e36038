/** Start-up in Excel: waits for Office.js, then mounts the pane over the Office.js adapter. */
import { createWorkbook, officeHost } from './excel.js';
import { outsideHost, startPane } from './pane.js';
import { isLedgerHeader } from './workflow.js';

interface OfficeGlobal {
  onReady(): Promise<{ host: string | null }>;
}

function start(): void {
  startPane(
    createWorkbook(officeHost(), { isLedgerHeader }),
    '当前 Excel 版本过旧（需要 ExcelApi 1.8，即 Office 2019 或更新版本），部分功能不可用。',
  );
}

const outsideExcel = () => outsideHost('请在 Excel 中打开本加载项（开始 → 四个一批 → 打开面板）。');

const office = (globalThis as unknown as { Office?: OfficeGlobal }).Office;
if (!office) outsideExcel();
else
  void office
    .onReady()
    .then((info) => (info.host === 'Excel' ? start() : outsideExcel()))
    .catch(outsideExcel);
