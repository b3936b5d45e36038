/**
 * Folding for identifiers such as 项目编号 (issue 10): two codes that look the same to a clerk must
 * compare equal, so a duplicate cannot hide behind an invisible character or another dash.
 * Pure functions; the Worker boundary may call them too.
 */

/**
 * Characters that do not show: C0/C1 controls, soft hyphen, Arabic letter mark, Mongolian vowel
 * separator, zero-width and joiner characters (U+200B–U+200F), bidi embeddings and overrides
 * (U+202A–U+202E), word joiner and invisible operators (U+2060–U+2064), bidi isolates
 * (U+2066–U+2069), deprecated format characters (U+206A–U+206F), BOM / zero-width no-break space.
 */
export const INVISIBLE_CHARS =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/gu;

/** Dash variants (after NFKC): hyphen, non-breaking hyphen, figure/en/em dash, bar, minus, small and full-width hyphen-minus. */
const DASHES = /[\u2010-\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d]/gu;

const HAS_INVISIBLE = new RegExp(INVISIBLE_CHARS.source, 'u');

/** True when the text holds a character that does not show (see INVISIBLE_CHARS). */
export function hasInvisible(text: string): boolean {
  // Most codes are printable ASCII, which has none: a plain loop says so without the expression.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code > 0x7e) return HAS_INVISIBLE.test(text);
  }
  return false;
}

/** The text without the characters that do not show. */
export function stripInvisible(text: string): string {
  return hasInvisible(text) ? text.replace(INVISIBLE_CHARS, '') : text;
}

/** Every dash variant → ASCII “-”. */
export function foldDashes(text: string): string {
  return text.replace(DASHES, '-');
}

/**
 * Comparison key of a code: invisible characters removed, NFKC (full-width → half-width, compatibility
 * forms), dash variants → “-”, white space removed, upper case. `PS2021‑0001` (U+2011),
 * `PS2021-\u200b0001` and `ｐｓ２０２１－０００１` all fold to `PS2021-0001`.
 */
export function foldCode(text: string): string {
  // Most codes are printable ASCII without spaces: nothing to strip, normalise or fold but case
  // (and most are upper case already: then the text itself, no new string).
  let lower = false;
  let plain = true;
  for (let i = 0; i < text.length && plain; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) plain = false;
    else if (code >= 0x61 && code <= 0x7a) lower = true;
  }
  if (plain) return lower ? text.toUpperCase() : text;
  return foldDashes(stripInvisible(text).normalize('NFKC')).replace(/\s+/gu, '').toUpperCase();
}
