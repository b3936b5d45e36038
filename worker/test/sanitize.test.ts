/**
 * Text at the boundary (worker/sanitize.ts): the plain-loop pre-check decides as the character
 * class that defines it, on every UTF-16 code unit and on text with astral characters, and
 * stripping removes exactly what the Unicode-property search finds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasSuspect, INVISIBLE, SUSPECT, stripInvisible } from '../sanitize.js';

describe('the sanitizer pre-check', () => {
  it('agrees with SUSPECT on every UTF-16 code unit', () => {
    const differ: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const ch = String.fromCharCode(code);
      if (hasSuspect(`a${ch}b`) !== SUSPECT.test(`a${ch}b`)) differ.push(code.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('agrees with SUSPECT, and stripping with the property search, on any text', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 12 }),
      fc.string({
        unit: fc.constantFrom('a', '镇', ' ', '\u200b', '\u202e', '\u00ad', '\t', '\u0007', '😀', '\ufeff'),
        maxLength: 12,
      }),
    );
    fc.assert(
      fc.property(text, (t) => {
        expect(hasSuspect(t)).toBe(SUSPECT.test(t));
        const expected = t.replace(INVISIBLE, '');
        const s = stripInvisible(t);
        expect(s === null ? t : s.text).toBe(expected);
        expect(s === null).toBe(expected === t);
      }),
      { numRuns: 3000 },
    );
  });
});
