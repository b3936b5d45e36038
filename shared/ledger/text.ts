/** Text folding shared by header matching and cell normalisation. */

const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;

/** True when the text holds a full-width ASCII form or an ideographic space (a plain loop: hot path). */
function needsFolding(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= FULL_WIDTH_START && code <= FULL_WIDTH_END) || code === 0x3000) return true;
  }
  return false;
}

/** Full-width ASCII (０-９, （）, ：, Ａ…) → half-width; ideographic space → space. */
export function foldWidth(text: string): string {
  if (!needsFolding(text)) return text;
  // The unchanged runs are sliced, not rebuilt character by character (each `+=` of one character
  // made a new string: most of what a check allocated). Surrogates are never in range.
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const folded =
      code >= FULL_WIDTH_START && code <= FULL_WIDTH_END ? code - FULL_WIDTH_OFFSET : code === 0x3000 ? 0x20 : -1;
    if (folded < 0) continue;
    out += text.slice(from, i) + String.fromCharCode(folded);
    from = i + 1;
  }
  return out + text.slice(from);
}

/** Key for comparing labels and enum values: width-folded, all white space removed. */
const WHITE_SPACE = /\s/u;

export function foldKey(text: string): string {
  const folded = foldWidth(text);
  return WHITE_SPACE.test(folded) ? folded.replace(/\s+/gu, '') : folded;
}

/** Cell value as display text (trimmed, width-folded), '' for blanks. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return foldWidth(value).trim();
  if (typeof value === 'number') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  if (typeof value === 'object') return richText(value);
  return foldWidth(String(value)).trim();
}

/** ExcelJS rich text / hyperlink / formula results arrive as objects; take their visible text. */
function richText(value: object): string {
  const v = value as { richText?: { text?: unknown }[]; text?: unknown; result?: unknown; error?: unknown };
  if (Array.isArray(v.richText)) return cellText(v.richText.map((r) => String(r.text ?? '')).join(''));
  if (v.text !== undefined) return cellText(v.text);
  if (v.result !== undefined) return cellText(v.result);
  if (v.error !== undefined) return cellText(v.error);
  return '';
}

/** How a value is quoted in a clerk's message: “值”, long values shortened. */
export function quote(value: unknown): string {
  const text = typeof value === 'string' ? value : cellText(value);
  const short = text.length > 30 ? `${text.slice(0, 30)}…` : text;
  return `“${short}”`;
}

/** Letters of the first columns, made once (every issue with a cell address needs them). */
const LETTERS: string[] = [];

/** 0-based column index → letters (0 → A, 27 → AB). */
export function columnLetters(index: number): string {
  if (index >= 0 && index < 128 && Number.isInteger(index)) {
    LETTERS[index] ??= lettersOf(index);
    return LETTERS[index] as string;
  }
  return lettersOf(index);
}

function lettersOf(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Worksheet row (1-based) + 0-based column → "C12". */
export function a1(row: number, colIndex: number): string {
  return `${columnLetters(colIndex)}${row}`;
}
