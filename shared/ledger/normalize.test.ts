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
