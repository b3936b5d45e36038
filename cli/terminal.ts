/**
 * Output made safe for a terminal: control characters (ESC sequences, carriage returns, bells …)
 * and format characters (bidi overrides such as U+202E, zero-width characters) from cells or
 * server messages are written as `\u001b`-style escapes, so they can neither move the cursor,
 * recolour the screen nor reorder what the clerk reads. Line breaks and tabs stay. The escape is
 * JSON's own, so `--json` output still parses to the same values.
 */
const UNSAFE = /(?![\n\t])[\p{Cc}\p{Cf}\u2028\u2029]/gu;

const hex = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`;

export function terminalSafe(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (ch) => {
    let out = '';
    for (let i = 0; i < ch.length; i++) out += hex(ch.charCodeAt(i));
    return out;
  });
}
