import { describe, expect, it } from 'vitest';
import { checkRecords } from '../check.js';
import type { LedgerRow } from '../ledger/types.js';
import { validProject } from '../sample.js';
import { applicationForm, CHECKED, UNCHECKED, yuan } from './application.js';
import { ARCHIVE_LINES, archiveForm, archiveLines } from './archive.js';
import { applicationForms, parseRowSpec } from './book.js';
import type { FormSheet } from './form.js';
import { sheetNames } from './form.js';
import { parseTier, projectTier, unitTier } from './tier.js';

function ledgerRow(overrides: Record<string, unknown> = {}, row = 5): LedgerRow {
  const cells = {
    ...validProject({
      seq: 1,
      name: '保家镇蔬菜大棚',
      code: 'PS-001',
      year: 2021,
      unit: '保家镇人民政府',
      contact: '张明 13800000001',
      investSpecial: 12.3456,
      investOther: 0.0001,
      content: '建设蔬菜大棚',
      location: '保家镇',
      valueAssets: 45.5,
    }),
    investTotal: 12.3457,
    ...overrides,
  };
  const result = checkRecords([{ row, cells: cells as never }]);
  return result.rows[0] as LedgerRow;
}

/** The value cell right of a label (same row), or in the given column. */
function at(form: FormSheet, label: string, col?: number): string | number | null {
  const l = form.cells.find((c) => c.value === label);
  if (!l) throw new Error(`no label ${label}`);
  const v = form.cells.find((c) => c.row === l.row && c.col === (col ?? l.col + 1));
  return v?.value ?? null;
}

const text = (form: FormSheet) => form.cells.map((c) => String(c.value ?? '')).join('\n');

describe('申请表 layout', () => {
  it('amounts are the ledger 万元 × 10000, exact to the yuan', () => {
    expect(yuan(12.3456)).toBe(123456);
    expect(yuan(0.0001)).toBe(1);
    expect(yuan(1.1)).toBe(11000);
    expect(yuan(null)).toBeNull();
    const row = ledgerRow();
    const form = applicationForm(row, { county: '彭水自治县', tier: '乡镇（街道）', sheetName: 'PS-001' });
    expect(at(form, '合计（元）')).toBe(123457);
    expect(at(form, '1.财政专项扶贫资金（衔接资金）')).toBe(123456);
    expect(at(form, '3.资产估值')).toBe(455000);
    expect(at(form, '1.货币资金结余')).toBe(0);
    expect(at(form, '项目名称')).toBe('保家镇蔬菜大棚');
    expect(at(form, '项目编号')).toBe('PS-001');
    expect(at(form, '实施年度')).toBe(2021);
    expect(at(form, '责任人及联系电话')).toBe('张明 13800000001');
  });

  it('ticks exactly the ledger values', () => {
    const row = ledgerRow({
      category: '盘活',
      industry: '养殖业',
      mode: '委托经营',
      useStatus: '闲置',
      operation: '经营困难',
      problems: '停产',
      causes: '资金短缺、自然灾害',
      linkage: '不充分',
      linkageShortfall: '未按约定吸纳农村劳动力稳定就业',
      measures: '引入新业主',
    });
    const form = applicationForm(row, { county: '彭水自治县', tier: '村本级', sheetName: 'x' });
    const industry = String(at(form, '产业类型'));
    expect(industry).toContain(`${CHECKED}养殖业`);
    expect(industry.split(CHECKED)).toHaveLength(2);
    expect(String(at(form, '运营模式'))).toContain(`${CHECKED}委托运营`);
    expect(String(at(form, '“四个一批”认定', 2))).toBe(
      `${UNCHECKED}巩固　${UNCHECKED}提升　${CHECKED}盘活　${UNCHECKED}重建`,
    );
    const all = text(form);
    expect(all).toContain(`${CHECKED}生产经营不正常`);
    expect(all).toContain(`${CHECKED}停产闲置`);
    expect(all).toContain(`${UNCHECKED}经营遇到困难`);
    expect(all).toContain(`${CHECKED}资金短缺`);
    expect(all).toContain(`${CHECKED}自然灾害`);
    expect(all).toContain(`${UNCHECKED}生产经营正常`);
    expect(all).toContain(`${CHECKED}发挥联农带农作用不充分`);
    expect(all).toContain(`${CHECKED}未按约定吸纳农村劳动力稳定就业`);
    expect(all).toContain(`${UNCHECKED}未按约定有效带动农户发展生产`);
    expect(all).toContain(`使用现状：${UNCHECKED}在用　${CHECKED}闲置`);
    expect(at(form, '处置措施', 2)).toBe('引入新业主');
  });

  it('a sound project ticks 生产经营正常 and no cause', () => {
    const form = applicationForm(ledgerRow(), { county: '彭水自治县', tier: '村本级', sheetName: 'x' });
    const all = text(form);
    expect(all).toContain(`${CHECKED}生产经营正常`);
    expect(all).toContain(`${UNCHECKED}生产经营不正常`);
    expect(all).toContain(`${CHECKED}充分发挥联农带农作用`);
    expect(all.match(new RegExp(CHECKED, 'gu'))?.length).toBe(7); // industry, mode, 功能, 使用, 正常, 充分, category
  });

  it('has the three opinion blocks with 盖章 and 年 月 日, subtitle by tier, A4 portrait on one page', () => {
    for (const [tier, subtitle] of [
      ['村本级', '（村本级主管和实施项目）'],
      ['乡镇（街道）', '（乡镇（街道）主管项目）'],
      ['行业部门', '（行业部门主管项目）'],
    ] as const) {
      const form = applicationForm(ledgerRow(), { county: '彭水自治县', tier, sheetName: 'x' });
      expect(form.cells[0]?.value).toBe('彭水自治县经营性帮扶产业项目“四个一批”分类及处置措施申请表');
      expect(form.cells[1]?.value).toBe(subtitle);
      for (const block of ['村委会意见', '乡镇（街道）意见', '县实施乡村振兴战略领导小组意见']) {
        expect(String(at(form, block, 2))).toMatch(/盖章\n年\s+月\s+日/u);
      }
      expect(form.print).toEqual({ paper: 'A4', orientation: 'portrait', onePage: true });
    }
  });
});

describe('tiers', () => {
  it('parses clerks spellings and refuses others', () => {
    expect(parseTier('乡镇')).toBe('乡镇（街道）');
    expect(parseTier('乡镇(街道)')).toBe('乡镇（街道）');
    expect(parseTier(' 村 ')).toBe('村本级');
    expect(parseTier('部门')).toBe('行业部门');
    expect(parseTier('县级')).toBeNull();
    expect(parseTier('')).toBeNull();
  });

  it('follows the unit type, else its name', () => {
    expect(unitTier({ type: '部门', name: '保家镇' })).toBe('行业部门');
    expect(unitTier({ type: '街道' })).toBe('乡镇（街道）');
    expect(unitTier({ name: '保家镇人民政府' })).toBe('乡镇（街道）');
    expect(unitTier({ name: '汉葭街道办事处' })).toBe('乡镇（街道）');
    expect(unitTier({ name: '县农业农村委' })).toBe('行业部门');
    expect(unitTier({ name: null })).toBe('行业部门');
  });

  it("a row's own 主管层级 wins over the fallback", () => {
    const row = { ...ledgerRow(), tier: '村本级' } as LedgerRow;
    expect(projectTier(row, '行业部门')).toBe('村本级');
    expect(projectTier(ledgerRow(), '行业部门')).toBe('行业部门');
    expect(projectTier({ ...ledgerRow(), tier: null }, '行业部门')).toBe('行业部门');
  });
});

describe('sheet names and row lists', () => {
  it('sanitises, shortens and de-duplicates', () => {
    const names = sheetNames(['A/B:1', 'x'.repeat(40), 'PS-1', 'ps-1', '', "'q'"], (i) => `第${i}行`, ['归档目录']);
    expect(names).toEqual(['A_B_1', 'x'.repeat(31), 'PS-1', 'ps-1(2)', '第4行', 'q']);
    expect(sheetNames(['归档目录'], () => 'x', ['归档目录'])).toEqual(['归档目录(2)']);
    expect(sheetNames(['y'.repeat(31), 'y'.repeat(31)], () => '')).toEqual(['y'.repeat(31), `${'y'.repeat(28)}(2)`]);
  });

  it('parses 5,7-9 and refuses nonsense', () => {
    expect(parseRowSpec('5,7-9')).toEqual([5, 7, 8, 9]);
    expect(parseRowSpec('9，5 5')).toEqual([5, 9]);
    expect(parseRowSpec('7-5')).toMatch(/不小于 1，且不大于结束行/u);
    expect(parseRowSpec('a')).toMatch(/行号“a”格式不对/u);
    expect(parseRowSpec('0')).toMatch(/不小于 1/u);
    expect(parseRowSpec('1-200000')).toMatch(/太大/u);
    expect(parseRowSpec(',')).toMatch(/没有给出行号/u);
  });

  it('chooses rows, reports missing ones and adds the 归档目录 for the tiers present', () => {
    const rows = [
      ledgerRow({ code: 'A' }, 5),
      ledgerRow({ code: 'B' }, 6),
      { ...ledgerRow({ code: 'C' }, 7), tier: '村本级' },
    ];
    const r = applicationForms(rows as LedgerRow[], {
      county: 'X县',
      tier: '乡镇（街道）',
      rows: [5, 7, 8],
      archive: true,
    });
    expect(r.missingRows).toEqual([8]);
    expect(r.sheets.map((s) => s.name)).toEqual(['A', 'C', '归档目录']);
    expect(r.projects.map((p) => p.tier)).toEqual(['乡镇（街道）', '村本级']);
    const archive = r.sheets[2] as FormSheet;
    const docs = archive.cells.filter((c) => c.col === 2 && c.row >= 3);
    expect(docs).toHaveLength(12);
    expect(archive.cells.filter((c) => c.col === 1 && c.row >= 3).map((c) => c.value)).toEqual([
      '乡镇（街道）主管项目台账',
      '村本级主管和实施项目台账',
    ]);
  });
});

describe('归档目录', () => {
  it('has 18 lines, 6 per tier, in the notice order', () => {
    expect(ARCHIVE_LINES).toHaveLength(18);
    expect(ARCHIVE_LINES[0]?.tierLabel).toBe('行业部门主管项目台账');
    expect(ARCHIVE_LINES[17]?.document).toBe('批复和项目地公告等其他材料');
    expect(archiveLines(['村本级']).map((l) => l.line)).toEqual([13, 14, 15, 16, 17, 18]);
  });

  it('prints 序号, 各级台账, 归档内容, 备注 and the receipts in 备注', () => {
    const form = archiveForm({
      county: '彭水自治县',
      unit: '保家镇',
      tiers: ['乡镇（街道）'],
      receipts: [{ line: 9, receivedOn: '2026-11-20', note: '纸质' }],
    });
    expect(form.cells.filter((c) => c.row === 2).map((c) => c.value)).toEqual(['序号', '各级台账', '归档内容', '备注']);
    const remark = form.cells.find((c) => c.row === 5 && c.col === 3);
    expect(remark?.value).toBe('已收（2026-11-20） 纸质');
    expect(form.cells.find((c) => c.row === 4 && c.col === 3)?.value).toBeNull();
    expect(form.merges).toContainEqual({ top: 3, left: 1, bottom: 8, right: 1 });
  });
});
