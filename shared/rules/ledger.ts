/** Rules over the whole ledger (spec §3): meta.unit-missing, code.duplicate, total.mismatch. */
import { COLUMNS, type ColumnKey, columnLabel } from '../ledger/columns.js';
import { type IssueSink, normalizeRecord, wanToYuan, yuanToWan } from '../ledger/normalize.js';
import { foldKey } from '../ledger/text.js';
import type { LedgerMeta, LedgerRow, RawRecord } from '../ledger/types.js';

const MONEY_KEYS = COLUMNS.filter((c) => c.type === 'number').map((c) => c.key as ColumnKey);

export function checkMeta(meta: LedgerMeta, report: IssueSink): void {
  if (meta.unit) return;
  report(
    'meta.unit-missing',
    'warning',
    null,
    null,
    '表头“填报单位：”后为空：请在第2行填写本单位名称（如“保家镇”），汇总时按填报单位归集。',
  );
}

export function checkDuplicateCodes(rows: readonly LedgerRow[], report: IssueSink): void {
  const byCode = new Map<string, LedgerRow[]>();
  for (const r of rows) {
    if (r.code === '') continue;
    const key = foldKey(r.code);
    const group = byCode.get(key);
    if (group) group.push(r);
    else byCode.set(key, [r]);
  }
  for (const group of byCode.values()) {
    if (group.length < 2) continue;
    const where = group.map((r) => `第${r.row}行`).join('、');
    for (const r of group) {
      report(
        'code.duplicate',
        'error',
        r.row,
        'code',
        `第${r.row}行「${columnLabel('code')}」“${r.code}”重复（见${where}）：项目编号在台账中必须唯一。`,
      );
    }
  }
}

export function checkTotals(totals: readonly RawRecord[], rows: readonly LedgerRow[], report: IssueSink): void {
  for (const total of totals) {
    const stated = normalizeRecord(total, () => {});
    for (const key of MONEY_KEYS) {
      if (total.cells[key] === undefined || total.cells[key] === null) continue;
      const value = stated[key] as number | null;
      if (value === null) continue;
      const sum = rows.reduce((acc, r) => acc + wanToYuan((r[key] as number | null) ?? 0), 0);
      if (wanToYuan(value) === sum) continue;
      report(
        'total.mismatch',
        'warning',
        total.row,
        key,
        `第${total.row}行合计行「${columnLabel(key)}」为 ${value}，但各项目之和为 ${yuanToWan(sum)}：请核对合计（合计行不计入项目数）。`,
      );
    }
  }
}
