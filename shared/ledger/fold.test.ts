import { describe, expect, it } from 'vitest';
import { checkRecords } from '../check.js';
import { record, validCells } from '../test/fixtures.js';
import { foldCode, hasInvisible, stripInvisible } from './fold.js';

describe('foldCode (issue 10: a duplicate cannot hide)', () => {
  it.each([
    ['PS2021-0001', 'PS2021-0001'],
    ['PS2021\u20110001', 'PS2021-0001'], // non-breaking hyphen
    ['PS2021\u20100001', 'PS2021-0001'],
    ['PS2021\u20120001', 'PS2021-0001'],
    ['PS2021\u20130001', 'PS2021-0001'],
    ['PS2021\u20140001', 'PS2021-0001'],
    ['PS2021\u20150001', 'PS2021-0001'],
    ['PS2021\u22120001', 'PS2021-0001'], // minus sign
    ['PS2021\uff0d0001', 'PS2021-0001'], // full-width hyphen-minus
    ['ＰＳ２０２１－０００１', 'PS2021-0001'],
    ['PS2021-\u200b0001', 'PS2021-0001'],
    ['\u202ePS2021-0001', 'PS2021-0001'],
    ['PS2021-0001\u2066\u2069\ufeff\u0007', 'PS2021-0001'],
    [' ps2021 - 0001 ', 'PS2021-0001'],
  ])('%j → %s', (input, folded) => {
    expect(foldCode(input)).toBe(folded);
  });

  it('near miss: different codes stay different', () => {
    expect(foldCode('PS2021-0001')).not.toBe(foldCode('PS2021-0002'));
    expect(foldCode('PS2021-0001')).not.toBe(foldCode('PS20210001'));
  });

  it('finds and strips invisible characters only', () => {
    expect(hasInvisible('PS2021\u20110001')).toBe(false);
    expect(hasInvisible('PS\u200b1')).toBe(true);
    expect(stripInvisible('A\u202eB\u200dC')).toBe('ABC');
    expect(stripInvisible('项目（一）')).toBe('项目（一）');
  });
});

describe('code.duplicate with folded codes', () => {
  const META = { unit: '保家镇', reviewer: null, filler: null, updatedAt: '2026-11-19' };
  const ledger = (codes: readonly string[]) =>
    checkRecords(
      codes.map((code, i) => record(5 + i, { ...validCells(i + 1), code })),
      { meta: META },
    ).issues;

  it.each(['PS2021-\u200b0001', '\u202ePS2021-0001', 'PS2021\u20110001', 'ＰＳ２０２１－０００１'])(
    'a disguised copy %j is a duplicate',
    (copy) => {
      const issues = ledger(['PS2021-0001', copy]).filter((i) => i.ruleId === 'code.duplicate');
      expect(issues.map((i) => i.row)).toEqual([5, 6]);
      // The message never shows the invisible characters themselves.
      for (const i of issues) expect(hasInvisible(i.message)).toBe(false);
    },
  );

  it('an invisible character is flagged as code.invisible-char, naming it', () => {
    const issues = ledger(['PS2021-0001', 'PS2021-\u200b0002']);
    expect(issues.map((i) => [i.ruleId, i.row, i.severity])).toEqual([['code.invisible-char', 6, 'warning']]);
    expect(issues[0]?.message).toContain('U+200B');
    expect(issues[0]?.message).toContain('“PS2021-0002”');
  });

  it('4,000 rows sharing one code: bounded messages, output linear in the rows', () => {
    const size = (n: number) => {
      const issues = ledger(Array.from({ length: n }, () => 'DUP-1')).filter((i) => i.ruleId === 'code.duplicate');
      expect(issues).toHaveLength(n);
      return issues.reduce((sum, i) => sum + i.message.length, 0);
    };
    const small = size(1000);
    const large = size(4000);
    const issues = ledger(Array.from({ length: 4000 }, () => 'DUP-1'));
    expect(issues[0]?.message).toBe(
      '第5行「项目编号」“DUP-1”与第 6、7、8 行等 3,999 行重复：项目编号在台账中必须唯一。',
    );
    expect(issues.find((i) => i.row === 4004)?.message).toContain('与第 5、6、7 行等 3,999 行重复');
    expect(Math.max(...issues.map((i) => i.message.length))).toBeLessThan(80);
    // Four times the rows, about four times the text (longer row numbers add a little), not sixteen.
    expect(large / small).toBeLessThan(4.5);
  });
});
