/**
 * Spec v2 §3 cell semantics, as tests: one cell, one cause. A present-but-invalid value is reported
 * once (enum / multi.enum / number) and is *unknown* to every other rule; a missing column gives
 * header.missing-column and nothing per row; 其他（说明） is 其他 with its explanation kept.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLedger, checkRecords } from '../check.js';
import { COLUMNS, type ColumnKey, columnLabel } from '../ledger/columns.js';
import type { Issue, Mode } from '../ledger/types.js';
import { messyLedgerArb } from '../test/arbitraries.js';
import { type Cells, ledgerGrid, record, validCells } from '../test/fixtures.js';

const META = { unit: '保家镇', reviewer: null, filler: null, updatedAt: '2026-11-19' };
const check = (changes: Cells, mode: Mode = 'editing') =>
  checkRecords([record(5, { ...validCells(1), ...changes })], { mode, meta: META });
const ids = (issues: readonly Issue[]) => issues.map((i) => i.ruleId);

/** Rules that report a value as not allowed: the cell is then unknown to every other rule. */
const INVALID_VALUE = new Set(['enum', 'multi.enum', 'number', 'number.negative', 'linkage.multiple-shortfalls']);

describe('a present-but-invalid value is reported once and is unknown to every other rule', () => {
  it('two 联农带农 reasons: linkage.multiple-shortfalls only, never “…为空”', () => {
    const r = check({
      linkage: '不充分',
      category: '提升',
      measures: '签订带农协议',
      linkageShortfall: '未按约定有效带动农户发展生产、未按约定吸纳农村劳动力稳定就业',
    });
    expect(ids(r.issues)).toEqual(['linkage.multiple-shortfalls']);
    expect(r.issues.some((i) => i.message.includes('为空'))).toBe(false);
  });

  it('near miss: no reason at all is linkage.shortfall-missing', () => {
    const r = check({ linkage: '不充分', category: '提升', measures: '签订带农协议' });
    expect(ids(r.issues)).toEqual(['linkage.shortfall-missing']);
  });

  it('an invalid 原因分析 item: multi.enum only, no status.causes-missing', () => {
    const r = check({ operation: '经营困难', category: '提升', measures: '引进技术', causes: '天气不好' });
    expect(ids(r.issues)).toEqual(['multi.enum']);
  });

  it('an invalid category: enum only, no category.missing (even at submission), no category.mismatch', () => {
    for (const mode of ['editing', 'submission'] as const) {
      expect(ids(check({ category: '优秀', operation: '经营困难', causes: '技术原因' }, mode).issues)).toEqual([
        'enum',
      ]);
    }
  });

  it('an invalid 生产经营情况: enum only; other known facts still count', () => {
    expect(ids(check({ operation: '不知道' }).issues)).toEqual(['enum']);
    // 存在问题 is known: causes are still asked for.
    expect(ids(check({ operation: '不知道', problems: '亏损', category: '提升', measures: '整改' }).issues)).toEqual([
      'enum',
      'status.causes-missing',
    ]);
  });

  it('text in a number column: number only, no invest.sum over it', () => {
    expect(ids(check({ investSpecial: '八十万', investTotal: 999 }).issues)).toEqual(['number']);
    // near miss: a real number that does not add up
    expect(ids(check({ investSpecial: 81 }).issues)).toEqual(['invest.sum']);
  });

  it('an invalid 存在问题 item: no status.causes-missing, no category.consolidate-conditions over it', () => {
    expect(ids(check({ problems: '停产、天气' }).issues)).toEqual(['multi.enum']);
  });

  it('property: no cell ever gets an invalid-value issue and any other issue treating it as blank or as a value', () => {
    fc.assert(
      fc.property(messyLedgerArb, fc.constantFrom<Mode>('editing', 'submission'), (cells, mode) => {
        const { issues } = checkRecords(
          cells.map((c, i) => record(5 + i, c)),
          { mode, meta: META },
        );
        const invalid = issues.filter((i) => INVALID_VALUE.has(i.ruleId));
        for (const bad of invalid) {
          const label = columnLabel(bad.field as ColumnKey);
          const others = issues.filter((i) => i !== bad && i.row === bad.row);
          // One cell, one cause: nothing else points at the cell…
          expect(others.filter((i) => i.field === bad.field)).toEqual([]);
          // …and no other issue of the row calls that column blank.
          for (const o of others) expect(o.message).not.toMatch(new RegExp(`「${label}」(为空|未填)`, 'u'));
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('a missing column gives header.missing-column and nothing per row', () => {
  const without = (...gone: ColumnKey[]) => COLUMNS.map((c) => c.key).filter((k) => !gone.includes(k));

  it('no 运营模式 column: one header issue, no “「运营模式」为空” on any row', () => {
    const report = checkLedger(ledgerGrid([validCells(1), validCells(2)], { order: without('mode') }));
    expect(report.issues.map((i) => [i.ruleId, i.field, i.row])).toEqual([['header.missing-column', 'mode', null]]);
    expect(report.rows.map((r) => r.mode)).toEqual([null, null]);
  });

  it('near miss: the column present but blank gives required on each row', () => {
    const report = checkLedger(ledgerGrid([{ ...validCells(1), mode: null }]));
    expect(report.issues.map((i) => [i.ruleId, i.field, i.row, i.cell])).toEqual([['required', 'mode', 5, 'N5']]);
  });

  it('no 处置整改措施 column: one ledger-level issue counting the rows that need it, none per row', () => {
    const rows = [1, 2, 3, 4, 5].map((n) => ({
      ...validCells(n),
      category: '提升',
      operation: '经营困难',
      causes: '技术原因',
    }));
    const report = checkLedger(ledgerGrid(rows, { order: without('measures') }));
    const issues = report.issues.filter((i) => i.ruleId !== 'category.mismatch');
    expect(issues.map((i) => [i.ruleId, i.field, i.row])).toEqual([['header.missing-column', 'measures', null]]);
    expect(issues[0]?.message).toBe(
      '表头缺少栏目「处置整改措施」：第 5、6、7 行等 5 行按规则需要填写该栏。请按管理台账（附件5）补上该列后填写。',
    );
  });

  it('the Worker re-validation says the same from the submitted column map', () => {
    const cells = { ...validCells(1) };
    delete cells.mode;
    const columns = Object.fromEntries(without('mode').map((k, i) => [k, i]));
    const r = checkRecords([record(5, cells)], { mode: 'submission', meta: META, columns });
    expect(r.issues.map((i) => [i.ruleId, i.field])).toEqual([['header.missing-column', 'mode']]);
  });
});

describe('其他（说明） in a multi-select', () => {
  it.each([
    ['其他（天气干旱）', ['其他'], '天气干旱'],
    ['其他：天气干旱', ['其他'], '天气干旱'],
    ['其他-天气干旱', ['其他'], '天气干旱'],
    ['其他——天气干旱', ['其他'], '天气干旱'],
    ['资金短缺、其它（天气干旱、缺水）', ['资金短缺', '其他'], '天气干旱、缺水'],
    ['其他：天气干旱 技术原因', ['其他', '技术原因'], '天气干旱'],
    ['其他', ['其他'], ''],
  ])('%s → %j, note %j', (causes, values, note) => {
    const r = check({ operation: '经营困难', category: '提升', measures: '整改', causes });
    expect(r.issues).toEqual([]);
    expect(r.rows[0]?.causes).toEqual(values);
    expect(r.rows[0]?.causesOther).toBe(note);
  });

  it('near miss: an explanation without 其他 is not allowed', () => {
    const r = check({ operation: '经营困难', category: '提升', measures: '整改', causes: '天气干旱' });
    expect(ids(r.issues)).toEqual(['multi.enum']);
    expect(r.rows[0]?.causesOther).toBe('');
  });
});

describe('主管层级 (optional extra column)', () => {
  const order = [...COLUMNS.map((c) => c.key).slice(0, 6), 'tier' as const, ...COLUMNS.map((c) => c.key).slice(6)];

  it('is recognised anywhere in the header, normalised, and kept on the row', () => {
    const report = checkLedger(
      ledgerGrid(
        [
          { ...validCells(1), tier: '乡镇(街道)' },
          { ...validCells(2), tier: '村级' },
          { ...validCells(3), tier: null },
        ],
        { order },
      ),
    );
    expect(report.issues).toEqual([]);
    expect(report.header?.columns.tier).toBe(6);
    expect(report.header?.columns.contact).toBe(7);
    expect(report.rows.map((r) => r.tier)).toEqual(['乡镇（街道）', '村本级', null]);
  });

  it('an unknown 主管层级 is an enum error; its absence is no issue', () => {
    const report = checkLedger(ledgerGrid([{ ...validCells(1), tier: '省级' }], { order }));
    expect(report.issues.map((i) => [i.ruleId, i.field])).toEqual([['enum', 'tier']]);
    const official = checkLedger(ledgerGrid([validCells(1)]));
    expect(official.issues).toEqual([]);
    expect(official.rows[0]?.tier).toBeNull();
  });
});

describe('ledger.empty', () => {
  it('a blank template (rows holding only a 序号) is an error', () => {
    const grid = ledgerGrid([]);
    grid.splice(4, 0, [1], [2], [3]);
    const report = checkLedger(grid);
    expect(report.issues.map((i) => [i.ruleId, i.severity, i.row])).toEqual([['ledger.empty', 'error', null]]);
    expect(report.errors).toBe(1);
  });

  it('formulas without cached values are no project', () => {
    const grid = ledgerGrid([]);
    grid.splice(4, 0, [1, { formula: 'A1' }, { formula: 'B1', result: undefined }]);
    expect(ids(checkLedger(grid).issues)).toEqual(['ledger.empty']);
  });

  it('also in the re-validation of a submission; near miss: one project', () => {
    expect(ids(checkRecords([], { mode: 'submission', meta: META }).issues)).toEqual(['ledger.empty']);
    expect(ids(check({}, 'submission').issues)).toEqual([]);
  });

  it('no header: header.not-found says it, not ledger.empty as well', () => {
    expect(ids(checkLedger([['随便什么表']]).issues)).toEqual(['header.not-found']);
  });
});

describe('number.unit for implausible amounts', () => {
  const ledger = (assets: readonly number[]) =>
    checkRecords(
      assets.map((a, i) => record(5 + i, { ...validCells(i + 1), valueAssets: a })),
      { meta: META },
    ).issues.filter((i) => i.ruleId === 'number.unit');

  it('over 100× the column median in a ledger of ≥ 5 projects', () => {
    const found = ledger([90, 80, 100, 95, 9600]);
    expect(found.map((i) => [i.row, i.field, i.severity])).toEqual([[9, 'valueAssets', 'warning']]);
    expect(found[0]?.message).toBe(
      '第9行「项目现值/资产估值」为 9600 万元，是本台账该栏中位数 95 万元的 101 倍，可能误按“元”填写：本栏单位为万元，请核实。',
    );
  });

  it('near misses: exactly 100×, or a ledger of 4 projects', () => {
    expect(ledger([90, 80, 100, 95, 9500])).toEqual([]);
    expect(ledger([90, 80, 100, 9600])).toEqual([]);
  });

  it('the 10000 万元 bound is configurable', () => {
    const one = (maxPlausibleWan?: number) =>
      checkRecords([record(5, { ...validCells(1), valueAssets: 6000 })], { meta: META, maxPlausibleWan }).issues;
    expect(one()).toEqual([]);
    expect(one(5000).map((i) => i.ruleId)).toEqual(['number.unit']);
    expect(one(5000)[0]?.message).toContain('超过 5000 万元（0.5 亿元）');
  });

  it('a value converted from 元 is warned once, not again for its size', () => {
    const r = checkRecords(
      [90, 80, 100, 95]
        .map((a, i) => record(5 + i, { ...validCells(i + 1), valueAssets: a }))
        .concat([record(9, { ...validCells(5), valueAssets: '200000000元' })]),
      { meta: META },
    );
    expect(r.issues.filter((i) => i.row === 9).map((i) => i.ruleId)).toEqual(['number.unit']);
  });
});

describe('optional columns', () => {
  it('a ledger without 主管层级 (the official form) has no unknown cells: a valid row is 巩固', () => {
    const columns = Object.fromEntries(COLUMNS.map((c, i) => [c.key, i]));
    const r = checkRecords([record(5, validCells(1))], { mode: 'submission', meta: META, columns });
    expect(r.issues).toEqual([]);
    expect(r.suggestions[0]).toMatchObject({ ruleId: 'classify.consolidate', category: '巩固' });
  });

  it('without the 存在问题 column nothing can be said to be problem-free: no 巩固 suggestion', () => {
    const columns = Object.fromEntries(COLUMNS.filter((c) => c.key !== 'problems').map((c, i) => [c.key, i]));
    const r = checkRecords([record(5, validCells(1))], { meta: META, columns });
    expect(r.issues).toEqual([]);
    expect(r.suggestions[0]).toMatchObject({ ruleId: 'classify.insufficient', category: null });
    expect(r.suggestions[0]?.reason).toBe('「项目现状/存在问题」未填、填写有误或缺少该列，无法给出分类建议');
  });
});

describe('which column maps say that a column is absent', () => {
  it('near miss: a map of a few columns only gives addresses', () => {
    const r = checkRecords([record(7, { ...validCells(1), category: null })], {
      mode: 'submission',
      meta: META,
      columns: { category: 4 },
    });
    expect(r.issues.map((i) => [i.ruleId, i.cell])).toEqual([['category.missing', 'E7']]);
  });
});

describe('a header found with few mappable columns', () => {
  it('still reports every missing required column once', () => {
    const grid = [
      ['序号', '项目名称', '投资规模（万元）', '项目现值', '项目现状', '联农带农情况'],
      [1, '种植基地', 10, 5, '正常', '充分'],
    ];
    const report = checkLedger(grid);
    const missing = report.issues.filter((i) => i.ruleId === 'header.missing-column').map((i) => i.field);
    expect(missing).toContain('code');
    expect(new Set(missing).size).toBe(missing.length);
    expect(report.issues.filter((i) => i.row !== null && i.ruleId === 'required')).toEqual([]);
  });
});
