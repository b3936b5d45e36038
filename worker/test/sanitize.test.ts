/**
 * Text at the boundary (worker/sanitize.ts): the plain-loop pre-check decides as the character
 * class that defines it, on every UTF-16 code unit and on text with astral characters, and
 * stripping removes exactly what the Unicode-property search finds; a body the whole-text check
 * passes has nothing to strip.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Submission, type SubmissionBody, wireSubmission } from '../../shared/contract.js';
import { hasSuspect, INVISIBLE, invisibleFree, SUSPECT, sanitizeSubmission, stripInvisible } from '../sanitize.js';

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

describe('the whole-body pre-check (invisibleFree)', () => {
  // Cells of any text: plain, with invisible characters, with escapes JSON writes for them.
  const text = fc.oneof(
    {
      weight: 8,
      arbitrary: fc.string({
        unit: fc.constantFrom('a', '镇', '，', ' ', '"', '\\', '\n', '\t', 'u', 'b', 'f'),
        maxLength: 10,
      }),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 10 }) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.constantFrom('a', '镇', '\u200b', '\u202e', '\u0007', '\b', '\f', '\u0085'),
        maxLength: 6,
      }),
    },
  );
  const submission = fc.record({
    period: fc.constant('2026-W13'),
    meta: fc.record({
      unit: fc.option(text),
      reviewer: fc.option(text),
      filler: fc.option(text),
      updatedAt: fc.constant(null),
    }),
    rows: fc.array(
      fc.record({ row: fc.integer({ min: 5, max: 60 }), cells: fc.record({ name: text, remarks: text, code: text }) }),
      { maxLength: 4 },
    ),
  });

  it('when it passes, cleaning cell by cell removes nothing (records and columns alike)', () => {
    let passed = 0;
    let failed = 0;
    fc.assert(
      fc.property(submission, (s) => {
        for (const body of [s, wireSubmission(s as Submission)]) {
          const json = JSON.stringify(body);
          if (!invisibleFree(json)) {
            failed++;
            continue;
          }
          passed++;
          const parsed = JSON.parse(json) as SubmissionBody;
          const clean = sanitizeSubmission(parsed);
          expect(clean.issues).toEqual([]);
          expect(clean.submission).toEqual(parsed);
        }
      }),
      { numRuns: 1500 },
    );
    // Both sides were tried.
    expect(passed).toBeGreaterThan(300);
    expect(failed).toBeGreaterThan(300);
  });

  it('an invisible character written as a JSON escape fails it', () => {
    expect(invisibleFree('{"name":"项目\\u200b名称"}')).toBe(false);
    expect(invisibleFree('{"name":"项目\\b"}')).toBe(false);
    expect(invisibleFree('{"name":"第一行\\n第二行\\t\\"引号\\""}')).toBe(true);
    expect(invisibleFree('{"name":"项目\u202e名称"}')).toBe(false);
  });
});
