/** Amounts in 万元: money typed as text, and the rounding that keeps sums exact in 元. */

export const YUAN_PER_WAN = 10000;

const AMOUNT_TEXT = /^([-+]?[\d,]*\.?\d+)\s*(万元|万|元)?$/u;
const AMOUNT_UNITS = ['万元', '万', '元'] as const;
const parsed = { n: 0, unit: '' };

/**
 * Money typed as text: a decimal with optional sign and thousands commas, then 万元, 万 or 元
 * (white space anywhere is ignored); null when it is not one. Read by a plain loop when the text
 * has no white space (the regular expression is the definition, and the way for the rest). The
 * result object is reused: read it at once.
 */
export function parseAmountText(text: string): { n: number; unit: string } | null {
  let unit = '';
  for (const u of AMOUNT_UNITS) {
    if (text.endsWith(u)) {
      unit = u;
      break;
    }
  }
  const end = text.length - unit.length;
  let i = text.charCodeAt(0) === 0x2b || text.charCodeAt(0) === 0x2d ? 1 : 0;
  let dot = false;
  let commas = false;
  let simple = end > i && isDigit(text.charCodeAt(end - 1));
  for (; simple && i < end; i++) {
    const code = text.charCodeAt(i);
    if (isDigit(code)) continue;
    if (code === 0x2c && !dot) commas = true;
    else if (code === 0x2e && !dot) dot = true;
    else simple = false;
  }
  if (simple) {
    const digits = end === text.length ? text : text.slice(0, end);
    parsed.n = Number(commas ? digits.replace(/,/gu, '') : digits);
    parsed.unit = unit;
    return parsed;
  }
  const m = AMOUNT_TEXT.exec(text.replace(/\s+/gu, ''));
  if (!m) return null;
  parsed.n = Number((m[1] ?? '').replace(/,/gu, ''));
  parsed.unit = m[2] ?? '';
  return parsed;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

const MAX_EXACT_WAN = 2 ** 53 / YUAN_PER_WAN;

/** 万元 kept to 元 precision (4 decimals), so sums in integer 元 are exact. */
export function roundWan(n: number): number {
  // An integer below 2^53 / 10^4 is its own rounding: return it as it is (no new number).
  if (Number.isInteger(n) && Math.abs(n) < MAX_EXACT_WAN) return n;
  return Math.round(n * YUAN_PER_WAN) / YUAN_PER_WAN;
}

export function wanToYuan(wan: number): number {
  return Math.round(wan * YUAN_PER_WAN);
}

export function yuanToWan(yuan: number, decimals = 4): number {
  const factor = 10 ** (4 - decimals);
  return Math.round(yuan / factor) / (YUAN_PER_WAN / factor);
}
