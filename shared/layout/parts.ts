/** Pieces the form layouts share: the meta line, the two-level header, the Chinese date. */
import { COLUMNS, type ColumnKey } from '../ledger/columns.js';
import type { MergeArea } from '../ledger/read.js';

const BLANK_DATE = '    年  月  日';

/** 2026-11-20 → 2026年11月20日 (the meta line's date); null → blank date to fill by hand. */
export function chineseDate(iso: string | null | undefined): string {
  const m = iso ? /^(\d{4})-(\d{2})-(\d{2})$/u.exec(iso) : null;
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : BLANK_DATE;
}

/** Meta line segments, each with its share of the columns (they are merged side by side). */
export function metaSegments(
  texts: string[],
  width: number,
  firstPage: number = width,
): { cells: (string | null)[]; merges: MergeArea[] } {
  const cells: (string | null)[] = Array(width).fill(null);
  const merges: MergeArea[] = [];
  // On the first printed page: a wide sheet printed two pages wide keeps its meta line on page 1.
  width = Math.min(width, firstPage);
  const span = Math.floor(width / texts.length);
  texts.forEach((text, i) => {
    const left = i * span;
    const right = i === texts.length - 1 ? width - 1 : left + span - 1;
    cells[left] = text;
    if (right > left) merges.push({ top: 1, left, bottom: 1, right });
  });
  return { cells, merges };
}

/** Two header rows (level-1 labels merged over their level-2 labels, single labels merged down). */
export function twoLevelHeader(
  groups: readonly { label: string; subs: readonly string[] }[],
  top: number,
): { rows: [(string | null)[], (string | null)[]]; merges: MergeArea[] } {
  const level1: (string | null)[] = [];
  const level2: (string | null)[] = [];
  const merges: MergeArea[] = [];
  for (const g of groups) {
    const left = level1.length;
    if (g.subs.length === 0) {
      level1.push(g.label);
      level2.push(null);
      merges.push({ top, left, bottom: top + 1, right: left });
      continue;
    }
    g.subs.forEach((sub, i) => {
      level1.push(i === 0 ? g.label : null);
      level2.push(sub);
    });
    if (g.subs.length > 1) merges.push({ top, left, bottom: top, right: left + g.subs.length - 1 });
  }
  return { rows: [level1, level2], merges };
}

/** The label a clerk reads for a column: its level-2 label, else its own. */
export function columnName(key: ColumnKey): string {
  const c = COLUMNS.find((x) => x.key === key);
  if (!c) return key;
  return 'sub' in c ? c.sub : c.label;
}
