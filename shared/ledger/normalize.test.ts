import { describe, expect, it } from 'vitest';
import { checkRecords } from '../check.js';
import type { Cells } from '../test/fixtures.js';
import { record, validCells } from '../test/fixtures.js';

const row = (changes: Cells) => checkRecords([record(5, { ...validCells(1), ...changes })]);

describe('cell normalisation (spec §2)', () => {
  it.each([
    ['12.5', 12.5],
    ['1,234.5', 1234.5],
    ['12.5万', 12.5],
    ['12.5万元', 12.5],
    ['１２．５', 12.5],
    [' 7 ', 7],
    ['-', 0],
    ['—', 0],
    ['/', 0],
    ['无', 0],
    [null, 0],
    [90.123456, 90.1235],
  ])('money %j → %j 万元', (input, expected) => {
    const r = row({ valueAssets: input });
    expect(r.rows[0]?.valueAssets).toBe(expected);
    expect(r.issues).toEqual([]);
  });

  it('converts 元 to 万元 with a warning', () => {
    const r = row({ valueAssets: '125000元' });
    expect(r.rows[0]?.valueAssets).toBe(12.5);
    expect(r.issues).toMatchObject([{ ruleId: 'number.unit', severity: 'warning' }]);
    expect(r.issues[0]?.message).toContain('12.5 万元');
  });

  it('treats 无 as zero only in optional number columns', () => {
    expect(row({ investSpecial: '无', investTotal: 20 }).issues.map((i) => i.ruleId)).toEqual(['number']);
  });

  it('splits multi-selects on every separator and folds synonyms silently', () => {
    const r = row({
      category: '盘活类',
      useStatus: '闲置',
      operation: '经营困难',
      measures: '引进业主',
      causes: '资金短缺，用工短缺;技术原因／自然灾害\n其他 管理不善、资金短缺',
    });
    expect(r.rows[0]?.causes).toEqual(['资金短缺', '用工短缺', '技术原因', '自然灾害', '其他', '管理不善']);
    expect(r.rows[0]?.category).toBe('盘活');
    expect(r.issues).toEqual([]);
  });

  it('keeps a single value that itself contains a separator-like bracket', () => {
    expect(row({ mode: '合作发展（入股）' }).rows[0]?.mode).toBe('合作发展(入股)');
  });

  it('maps linkage synonyms (是/否/未充分发挥)', () => {
    expect(row({ linkage: '是' }).rows[0]?.linkage).toBe('充分');
    const r = row({
      linkage: '未充分发挥',
      linkageShortfall: '未按约定有效带动农户发展生产',
      category: '提升',
      measures: '签协议',
    });
    expect(r.rows[0]?.linkage).toBe('不充分');
    expect(r.issues).toEqual([]);
  });

  it('keeps text as written, trimmed and width-folded', () => {
    expect(row({ name: '  ＡＢ食用菌基地 ' }).rows[0]?.name).toBe('AB食用菌基地');
  });
});

describe('cell messages stay bounded', () => {
  it('a huge multi-select cell names at most five bad items, then the count', () => {
    const causes = Array.from({ length: 5000 }, (_, i) => `原因${i}`).join('、');
    const r = row({ operation: '经营困难', category: '提升', measures: '整改', causes });
    expect(r.issues.map((i) => i.ruleId)).toEqual(['multi.enum']);
    expect(r.issues[0]?.message).toContain('“原因0”、“原因1”、“原因2”、“原因3”、“原因4”等 5000 项不是可选项');
    expect(r.issues[0]?.message.length).toBeLessThan(300);
  });

  it('near miss: two bad items are both named', () => {
    const r = row({ operation: '经营困难', category: '提升', measures: '整改', causes: '天气、运气' });
    expect(r.issues[0]?.message).toContain('中的“天气”、“运气”不是可选项');
  });

  it('a 联农带农 reason written many times is one reason; two different ones are not', () => {
    const reason = '未按约定有效带动农户发展生产';
    const cells = (linkageShortfall: string) => ({
      linkage: '不充分',
      category: '提升',
      measures: '整改',
      linkageShortfall,
    });
    const repeated = row(cells(Array.from({ length: 1000 }, () => reason).join('、')));
    expect(repeated.issues).toEqual([]);
    expect(repeated.rows[0]?.linkageShortfall).toBe(reason);
    const two = row(
      cells(`${reason}、${Array.from({ length: 1000 }, () => '未按约定吸纳农村劳动力稳定就业').join('、')}`),
    );
    expect(two.issues.map((i) => i.ruleId)).toEqual(['linkage.multiple-shortfalls']);
    expect(two.issues[0]?.message).toContain('填写了2个原因');
    expect(two.issues[0]?.message.length).toBeLessThan(200);
  });
});
