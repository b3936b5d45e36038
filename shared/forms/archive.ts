/**
 * The 归档目录 (附件6, spec §9): per tier six documents, 18 lines in all; a unit's checklist holds
 * the tiers its projects fall in. Printable in the notice's layout (序号, 各级台账, 归档内容, 备注).
 */
import type { FormCell, FormSheet } from './form.js';
import type { Tier } from './tier.js';

/** The tiers in the notice's order (行业部门 first), each with its 各级台账 label. */
export const ARCHIVE_TIERS: readonly { tier: Tier; label: string }[] = [
  { tier: '行业部门', label: '行业部门主管项目台账' },
  { tier: '乡镇（街道）', label: '乡镇（街道）主管项目台账' },
  { tier: '村本级', label: '村本级主管和实施项目台账' },
];

/** The six documents of every tier (spec §9; the notice's line 17 wording is folded into this list). */
export const ARCHIVE_DOCUMENTS = [
  '经营性帮扶产业项目“四个一批”分类及处置措施审批表',
  '经营性帮扶产业项目“四个一批”分类统计表',
  '经营性帮扶产业项目“四个一批”管理台账',
  '“四个一批”分类及处置措施会议纪要',
  '项目协议书或合同书',
  '批复和项目地公告等其他材料',
] as const;

export interface ArchiveLine {
  /** 1…18: the line's number in the full 附件6 list (stable key for ticking a line). */
  line: number;
  tier: Tier;
  tierLabel: string;
  document: string;
}

/** All 18 lines of 附件6, numbered as in the notice. */
export const ARCHIVE_LINES: readonly ArchiveLine[] = ARCHIVE_TIERS.flatMap((t, ti) =>
  ARCHIVE_DOCUMENTS.map((document, di) => ({ line: ti * 6 + di + 1, tier: t.tier, tierLabel: t.label, document })),
);

/** The lines for the tiers present, in the notice's order. */
export function archiveLines(tiers: Iterable<Tier>): ArchiveLine[] {
  const present = new Set(tiers);
  return ARCHIVE_LINES.filter((l) => present.has(l.tier));
}

/** A line ticked as received. */
export interface ArchiveReceipt {
  line: number;
  /** YYYY-MM-DD */
  receivedOn: string;
  note: string | null;
}

export const ARCHIVE_SHEET_NAME = '归档目录';
export const ARCHIVE_WIDTHS = [8, 26, 52, 24];

/** 备注 of a line: blank to fill by hand, or `已收（2026-11-20）note`. */
export function archiveRemark(receipt: ArchiveReceipt | undefined): string | null {
  if (!receipt) return null;
  return `已收（${receipt.receivedOn}）${receipt.note ? ` ${receipt.note}` : ''}`;
}

export interface ArchiveOptions {
  county: string;
  tiers: Iterable<Tier>;
  /** Unit named under the title; omitted = none. */
  unit?: string | null;
  receipts?: readonly ArchiveReceipt[];
  sheetName?: string;
}

/** The printable 归档目录: title, header, one line per document, 各级台账 merged per tier. */
export function archiveForm(options: ArchiveOptions): FormSheet {
  const lines = archiveLines(options.tiers);
  const receipts = new Map((options.receipts ?? []).map((r) => [r.line, r]));
  const cells: FormCell[] = [];
  const merges: FormSheet['merges'] = [];
  const heights: number[] = [];
  const last = ARCHIVE_WIDTHS.length - 1;
  cells.push({ row: 0, col: 0, value: `${options.county}经营性帮扶产业项目“四个一批”归档目录`, style: 'title' });
  merges.push({ top: 0, left: 0, bottom: 0, right: last });
  heights[0] = 36;
  cells.push({ row: 1, col: 0, value: options.unit ? `单位：${options.unit}` : null, style: 'subtitle' });
  merges.push({ top: 1, left: 0, bottom: 1, right: last });
  heights[1] = 22;
  ['序号', '各级台账', '归档内容', '备注'].forEach((label, col) => {
    cells.push({ row: 2, col, value: label, style: 'label' });
  });
  heights[2] = 26;
  let r = 3;
  let tierTop = r;
  lines.forEach((l, i) => {
    heights[r] = 30;
    cells.push({ row: r, col: 0, value: i + 1, style: 'label' });
    const first = i === 0 || lines[i - 1]?.tier !== l.tier;
    if (first) {
      tierTop = r;
      cells.push({ row: r, col: 1, value: l.tierLabel, style: 'label' });
    }
    cells.push({ row: r, col: 2, value: l.document, style: 'value' });
    cells.push({ row: r, col: 3, value: archiveRemark(receipts.get(l.line)), style: 'value' });
    const lastOfTier = lines[i + 1]?.tier !== l.tier;
    if (lastOfTier && r > tierTop) merges.push({ top: tierTop, left: 1, bottom: r, right: 1 });
    r++;
  });
  return {
    name: options.sheetName ?? ARCHIVE_SHEET_NAME,
    widths: [...ARCHIVE_WIDTHS],
    heights,
    cells,
    merges,
    print: { paper: 'A4', orientation: 'portrait', onePage: true },
  };
}
