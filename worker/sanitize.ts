/**
 * Text at the boundary: control characters (except tab and line breaks), bidi embedding/override/
 * isolate marks, zero-width characters and other format characters (Unicode Cc, Cf) are removed from every text cell and
 * from the meta line before anything is validated or stored. Each cell that had some gets one
 * warning (`text.control`) naming row, column and the first character removed, so nothing changes
 * silently. Pure: the submission is not modified.
 */
import type { SubmissionBody } from '../shared/contract.js';
import {
  COLUMN_KEYS,
  type ColumnKey,
  columnLabel,
  type Issue,
  isRawColumns,
  type LedgerMeta,
  type RawCell,
  type RawColumns,
  type RawRecord,
} from '../shared/index.js';

/**
 * What is removed: control characters (Cc) but tab and line breaks, and format characters (Cf:
 * zero-width space/joiners, LRM/RLM, bidi embeddings, overrides and isolates, BOM, soft hyphen).
 */
export const INVISIBLE = /(?![\t\n\r])[\p{Cc}\p{Cf}]/gu;

const INVISIBLE_ONE = new RegExp(INVISIBLE.source, 'u');

/**
 * Any character outside ranges that hold no Cc or Cf character (printable ASCII, tab and line
 * breaks, U+00A0–U+05FF but the soft hyphen, CJK symbols to CJK ideographs U+3000–U+9FFF,
 * half- and full-width forms U+FF00–U+FFEF). A cell of such characters only — nearly every cell
 * of a ledger — is clean without the Unicode-property search, which costs several times more.
 */
export const SUSPECT = /[^\t\n\r\x20-\x7e\xa0-\xac\xae-\u05ff\u3000-\u9fff\uff00-\uffef]/u;

/** SUSPECT.test(text) as a plain loop over the UTF-16 code units (a surrogate is suspect, as an astral character is). */
export function hasSuspect(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x20 && c <= 0x7e) || (c >= 0x3000 && c <= 0x9fff)) continue;
    if (c === 0x09 || c === 0x0a || c === 0x0d) continue;
    if ((c >= 0xa0 && c <= 0x5ff && c !== 0xad) || (c >= 0xff00 && c <= 0xffef)) continue;
    return true;
  }
  return false;
}

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text without invisible characters and the first one found; null when the text is clean. */
export function stripInvisible(text: string): { text: string; first: string; count: number } | null {
  const found = hasSuspect(text) ? INVISIBLE_ONE.exec(text) : null;
  if (!found) return null;
  let count = 0;
  const clean = text.replace(INVISIBLE, () => {
    count++;
    return '';
  });
  return { text: clean, first: codePoint(found[0]), count };
}

/**
 * True when no text in this JSON can hold a character sanitizeSubmission removes: none appears as
 * such (hasSuspect) and none is written as an escape (`\u…`, `\b`, `\f`; `\n`, `\t` are kept
 * anyway). One scan of the body instead of one per cell; a body that fails it (rare) is cleaned
 * cell by cell as before.
 */
export function invisibleFree(jsonText: string): boolean {
  return !hasSuspect(jsonText) && !jsonText.includes('\\u') && !jsonText.includes('\\b') && !jsonText.includes('\\f');
}

export interface Sanitized {
  submission: SubmissionBody;
  issues: Issue[];
}

/**
 * The submission with invisible characters removed, and a warning per cell that had some. With the
 * JSON text it was parsed from, a text that is invisibleFree spares the pass over every cell.
 */
export function sanitizeSubmission(submission: SubmissionBody, jsonText?: string): Sanitized {
  if (jsonText !== undefined && invisibleFree(jsonText)) return { submission, issues: [] };
  const issues: Issue[] = [];
  /** The cell's text without invisible characters (and a warning), or the cell as it is. */
  const clean = <T>(value: T, row: number, column: ColumnKey): T => {
    if (typeof value !== 'string') return value;
    const s = stripInvisible(value);
    if (s === null) return value;
    issues.push({
      row,
      field: column,
      cell: null,
      ruleId: 'text.control',
      severity: 'warning',
      message: `第${row}行“${columnLabel(column)}”含 ${s.count} 个不可见的控制字符（如 ${s.first}），已删除后再校验和保存`,
    });
    return s.text as T;
  };
  const cleanRecord = (record: RawRecord): RawRecord => {
    let cells: RawRecord['cells'] | null = null;
    for (const key in record.cells) {
      const value = record.cells[key as ColumnKey];
      const cleaned = clean(value, record.row, key as ColumnKey);
      if (cleaned === value) continue;
      cells ??= { ...record.cells };
      cells[key as ColumnKey] = cleaned;
    }
    return cells ? { ...record, cells } : record;
  };
  const cleanColumns = (columns: RawColumns): RawColumns => {
    let cells: RawColumns['cells'] | null = null;
    for (const key of COLUMN_KEYS) {
      const column = columns.cells[key];
      if (!column) continue;
      let copy: RawCell[] | null = null;
      // Columns repeat their texts row after row: a text equal to the last clean one is clean.
      let lastClean: RawCell | undefined;
      for (let i = 0; i < column.length; i++) {
        const value = column[i] as RawCell;
        if (value === lastClean) continue;
        const cleaned = clean(value, columns.row[i] as number, key);
        if (cleaned === value) {
          lastClean = value;
          continue;
        }
        copy ??= column.slice();
        copy[i] = cleaned;
      }
      if (!copy) continue;
      cells ??= { ...columns.cells };
      cells[key] = copy;
    }
    return cells ? { row: columns.row, cells } : columns;
  };
  const meta: LedgerMeta = { ...submission.meta };
  for (const key of ['unit', 'reviewer', 'filler'] as const) {
    const value = meta[key];
    if (typeof value !== 'string') continue;
    const s = stripInvisible(value);
    if (s === null) continue;
    meta[key] = s.text;
    issues.push({
      row: null,
      field: null,
      cell: null,
      ruleId: 'text.control',
      severity: 'warning',
      message: `表头信息（${key === 'unit' ? '填报单位' : key === 'reviewer' ? '审核人' : '填表人'}）含 ${s.count} 个不可见的控制字符（如 ${s.first}），已删除后保存`,
    });
  }
  const rows = submission.rows;
  return {
    submission: {
      ...submission,
      meta,
      rows: isRawColumns(rows) ? cleanColumns(rows) : rows.map(cleanRecord),
      ...(submission.totals ? { totals: submission.totals.map(cleanRecord) } : {}),
    },
    issues,
  };
}
