import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkLedger, checkRecords } from './check.js';
import { CATEGORIES } from './ledger/columns.js';
import { mergeStats, RATE_KEYS, RATE_LABELS, STATS_HEADER, type StatsRow, statsCells, summarize } from './stats.js';
import { anyCell, ledgerArb } from './test/arbitraries.js';
import { type Cells, ledgerGrid, record, validCells } from './test/fixtures.js';

const rowsOf = (cells: Cells[], start = 5) => checkRecords(cells.map((c, i) => record(start + i, c))).rows;

/** Everything except the label: what must add up. */
const numbers = ({ unit: _unit, ...rest }: StatsRow) => rest;

describe('统计表 row (spec §5)', () => {
  const ledger: Cells[] = [
    validCells(1),
    {
      ...validCells(2),
      category: '盘活',
      useStatus: '闲置',
      operation: '经营困难',
      causes: '资金短缺、用工短缺、资金短缺',
      measures: '发包',
    },
    {
      ...validCells(3),
      category: '提升',
      problems: '停产、亏损',
      operation: '经营困难',
      causes: '技术原因',
      linkage: '不充分',
      linkageShortfall: '未按约定吸纳农村劳动力稳定就业',
      measures: '引技术',
      investTotal: 0.015,
      investSpecial: 0.015,
      investOther: 0,
    },
    {
      ...validCells(4),
      category: null,
      operation: '终止经营',
      causes: '自然灾害',
      investTotal: '0.015',
      investSpecial: 0.015,
      investOther: 0,
    },
  ];
  const s = summarize('保家镇', rowsOf(ledger));

  it('counts projects, entered categories and investment exactly', () => {
    expect(s.projects).toBe(4);
    expect(s.categories).toEqual({ 巩固: 1, 提升: 1, 盘活: 1, 重建: 0 });
    expect(s.uncategorized).toBe(1);
    expect(s.investmentYuan).toBe(2000300);
    expect(s.investment).toBe(200.03);
  });

  it('counts causes once per 停产闲置 / 经营困难 project', () => {
    // 停产闲置: project 2 (闲置), 3 (停产) and 4 (终止经营, still 在用, no 停产).
    expect(s.idleProjects).toBe(3);
    expect(s.idleCauses.自然灾害).toBe(1);
    expect(s.idleCauses.资金短缺).toBe(1);
    expect(s.idleCauses.用工短缺).toBe(1);
    expect(s.idleCauses.技术原因).toBe(1);
    expect(s.difficultProjects).toBe(2);
    expect(s.difficultCauses.资金短缺).toBe(1);
    expect(s.difficultCauses.自然灾害).toBe(0);
    expect(s.linkageShortfalls.未按约定吸纳农村劳动力稳定就业).toBe(1);
  });

  it('computes the weekly rates', () => {
    expect(s.rates).toEqual({ idle: 0.75, difficult: 0.5, linkage: 0.25 });
    expect(summarize('空', []).rates).toEqual({ idle: 0, difficult: 0, linkage: 0 });
  });

  it('终止经营 is 停产闲置 (spec §5), with its causes; near miss: 经营困难 in use is not', () => {
    const terminated = summarize(
      'x',
      rowsOf([
        { ...validCells(1), operation: '终止经营', causes: '产品价格波动', category: '重建', measures: '重新规划' },
      ]),
    );
    expect(terminated.idleProjects).toBe(1);
    expect(terminated.idleCauses.产品价格波动).toBe(1);
    expect(terminated.rates.idle).toBe(1);
    const difficult = summarize(
      'y',
      rowsOf([
        { ...validCells(1), operation: '经营困难', causes: '产品价格波动', category: '提升', measures: '拓展销路' },
      ]),
    );
    expect(difficult.idleProjects).toBe(0);
    expect(difficult.idleCauses.产品价格波动).toBe(0);
  });

  it('names the three rates once, for every front end', () => {
    expect(RATE_KEYS.map((k) => RATE_LABELS[k])).toEqual(['停产闲置率', '经营困难率', '未按约定联农带农率']);
  });

  it('lays out the 32 columns of 附件4 in order', () => {
    const width = STATS_HEADER.reduce((n, g) => n + (g.subs?.length ?? 1), 0);
    expect(width).toBe(32);
    const cells = statsCells(s, 1);
    expect(cells).toHaveLength(32);
    expect(cells.slice(0, 8)).toEqual([1, '保家镇', 200.03, 4, 1, 1, 1, 0]);
    expect(statsCells(mergeStats([s]), null).slice(0, 2)).toEqual(['', '合计']);
  });

  it('sums 万元 without float drift', () => {
    const cents = Array.from({ length: 1000 }, (_, i) => ({
      ...validCells(i),
      investTotal: 0.1,
      investSpecial: 0.1,
      investOther: 0,
    }));
    expect(summarize('x', rowsOf(cents)).investment).toBe(100);
  });
});

describe('properties', () => {
  it('the engine never throws on arbitrary grids', () => {
    fc.assert(
      fc.property(fc.array(fc.array(anyCell, { maxLength: 30 }), { maxLength: 30 }), (grid) => {
        const report = checkLedger(grid);
        expect(report.issues.every((i) => typeof i.message === 'string')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the engine never throws on a real header over arbitrary cells', () => {
    const header = ledgerGrid([]).slice(0, 4);
    fc.assert(
      fc.property(fc.array(fc.array(anyCell, { minLength: 28, maxLength: 30 }), { maxLength: 20 }), (rows) => {
        const report = checkLedger([...header, ...rows]);
        expect(report.summary.projects).toBe(report.rows.length);
      }),
      { numRuns: 300 },
    );
  });

  it('aggregate(A ∪ B) = merge(aggregate(A), aggregate(B))', () => {
    fc.assert(
      fc.property(ledgerArb, ledgerArb, (a, b) => {
        const union = summarize('u', rowsOf([...a, ...b]));
        const merged = mergeStats([summarize('a', rowsOf(a)), summarize('b', rowsOf(b))], 'u');
        expect(merged).toEqual(union);
      }),
    );
  });

  it('category counts add up to 项目数 once every row is classified', () => {
    fc.assert(
      fc.property(ledgerArb, (cells) => {
        const s = summarize('x', rowsOf(cells.map((c) => ({ ...c, category: '提升' }))));
        expect(CATEGORIES.reduce((n, c) => n + s.categories[c], 0)).toBe(s.projects);
        const any = summarize('y', rowsOf(cells));
        expect(CATEGORIES.reduce((n, c) => n + any.categories[c], 0) + any.uncategorized).toBe(any.projects);
      }),
    );
  });

  it('合计 = Σ unit rows, field by field', () => {
    fc.assert(
      fc.property(fc.array(ledgerArb, { maxLength: 6 }), (ledgers) => {
        const units = ledgers.map((l, i) => summarize(`单位${i}`, rowsOf(l)));
        const total = mergeStats(units);
        expect(total.unit).toBe('合计');
        const cells = units.map((u) => statsCells(u, 1));
        const summed = statsCells(total, null);
        for (let c = 3; c < 32; c++) expect(summed[c]).toBe(cells.reduce((n, row) => n + (row[c] as number), 0));
        expect(total.investmentYuan).toBe(units.reduce((n, u) => n + u.investmentYuan, 0));
        expect(numbers(mergeStats([total]))).toEqual(numbers(total));
      }),
    );
  });
});
