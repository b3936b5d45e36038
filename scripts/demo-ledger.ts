/**
 * Generated, valid unit ledgers as submissions (contract SubmissionSchema): for the demo seed, the
 * worker tests and bench/worker.ts. Four project profiles, one per 四个一批 category, each
 * consistent with the rules (spec §3) and with the classification suggestion (spec §4).
 * Deterministic: the same (unit, count, seed) gives the same ledger.
 */
import type { Submission } from '../shared/contract.js';
import { COLUMNS, type RawRecord } from '../shared/index.js';
import { validProject } from '../shared/sample.js';

type Cells = RawRecord['cells'];

/** 彭水's townships and streets used by the demo county (a subset of its 39 乡镇/街道). */
export const DEMO_TOWNSHIPS: readonly { name: string; type: '乡镇' | '街道' }[] = [
  { name: '汉葭街道', type: '街道' },
  { name: '绍庆街道', type: '街道' },
  { name: '保家镇', type: '乡镇' },
  { name: '郁山镇', type: '乡镇' },
  { name: '高谷镇', type: '乡镇' },
  { name: '桑柘镇', type: '乡镇' },
  { name: '鹿角镇', type: '乡镇' },
  { name: '黄家镇', type: '乡镇' },
];
export const DEMO_DEPARTMENTS: readonly { name: string; type: '部门' }[] = [
  { name: '县农业农村委', type: '部门' },
  { name: '县商务委', type: '部门' },
];

/** Changes to the valid 巩固 project (shared/sample.ts) that make each category's case. */
const PROFILES: readonly Cells[] = [
  // 巩固: the valid project of shared/sample.ts as it is (sound, fully linked).
  { category: '巩固', industry: '种植业', mode: '委托经营' },
  {
    category: '提升',
    industry: '养殖业',
    mode: '合作发展(入股)',
    functionStatus: '正常',
    useStatus: '在用',
    operation: '经营困难',
    problems: '亏损、未足额分红',
    causes: '资金短缺、管理不善',
    linkage: '不充分',
    linkageShortfall: '未按约定吸纳农村劳动力稳定就业',
    measures: '更换经营主体，完善利益联结机制',
  },
  {
    category: '盘活',
    industry: '加工业',
    mode: '租赁',
    functionStatus: '正常',
    useStatus: '闲置',
    operation: '经营困难',
    problems: '停产',
    causes: '产品价格波动、用工短缺',
    linkage: '不充分',
    linkageShortfall: '未按约定有效带动农户发展生产',
    measures: '招商盘活，整体出租',
  },
  {
    category: '重建',
    industry: '仓储冷链物流',
    mode: '自主经营',
    functionStatus: '灭失',
    useStatus: '闲置',
    operation: '终止经营',
    problems: '停产',
    causes: '自然灾害',
    linkage: '不充分',
    linkageShortfall: '未按约定及时足额分配资产收益',
    measures: '另选址重建冷库',
  },
];

/** Small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashText(text: string): number {
  let h = 2166136261;
  for (const ch of text) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619);
  return h >>> 0;
}

export interface DemoLedgerOptions {
  period: string;
  rows: number;
  /** Varies the ledger for the same unit (e.g. a resubmission). */
  seed?: number;
  /** 项目编号 prefix; defaults to one derived from the unit. */
  codePrefix?: string;
  updatedAt?: string;
  /** Profiles in turn (巩固, 提升, 盘活, 重建, 巩固 …) instead of at random. */
  cycle?: boolean;
}

/** A valid ledger of `rows` projects for `unit`, as a submission body. */
export function demoSubmission(unit: string, options: DemoLedgerOptions): Submission {
  const next = random(hashText(unit) ^ (options.seed ?? 0));
  const prefix = options.codePrefix ?? `PS${(hashText(unit) % 9000) + 1000}`;
  const rows: RawRecord[] = [];
  for (let i = 0; i < options.rows; i++) {
    const pick = Math.floor(next() * PROFILES.length);
    const profile = PROFILES[options.cycle ? i % PROFILES.length : pick] ?? PROFILES[0];
    const special = Math.round(next() * 50000) / 100;
    const other = Math.round(next() * 20000) / 100;
    const year = 2016 + Math.floor(next() * 10);
    const phone = String(10000000 + Math.floor(next() * 89999999)).slice(0, 8);
    const cells: Cells = {
      ...validProject({
        seq: i + 1,
        name: `${unit}${profile?.industry ?? ''}项目${i + 1}`,
        code: `${prefix}-${String(i + 1).padStart(5, '0')}`,
        year,
        unit: `${unit}人民政府`,
        contact: `刘${'明华强军'[i % 4]} 139${phone}`,
        investSpecial: special,
        investOther: other,
        content: '建设标准化生产设施及配套用房',
        location: unit,
        valueAssets: Math.round(special * 60) / 100,
      }),
      ...profile,
    };
    rows.push({ row: 5 + i, cells });
  }
  return {
    period: options.period,
    meta: { unit, reviewer: '张三', filler: '李四 13800000000', updatedAt: options.updatedAt ?? null },
    rows,
  };
}

const MONEY_KEYS = COLUMNS.filter((c) => c.type === 'number').map((c) => c.key);

/**
 * Every amount of `s` rewritten in 元 (“1268300元” for 126.83 万元), in place: still valid, but each
 * one a `number.unit` warning. For the hostile tests and bench/hostile.ts.
 */
export function amountsInYuan(s: Submission): Submission {
  for (const r of s.rows) {
    for (const k of MONEY_KEYS) {
      const v = r.cells[k];
      if (typeof v === 'number') r.cells[k] = `${Math.round(v * 10000)}元`;
    }
  }
  return s;
}
