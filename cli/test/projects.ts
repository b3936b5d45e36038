/** Realistic ledger rows (by column key) for tests and benchmarks: valid, with a mix of categories. */
import { type SampleCells, validProject } from '../../shared/sample.js';

export type Project = SampleCells;

const PEOPLE = ['张明', '李华', '王芳', '刘洋', '陈静', '杨勇', '赵磊', '黄敏', '周杰', '吴霞'];
const TOWNS = ['保家镇', '郁山镇', '高谷镇', '桑柘镇', '鹿角镇', '黄家镇', '普子镇', '龙射镇'];

/** A valid 巩固 project, varied by town, year and money. */
export function project(i: number, overrides: Project = {}): Project {
  const town = TOWNS[i % TOWNS.length] as string;
  const cells = validProject({
    seq: i + 1,
    name: `${town}产业项目${i + 1}`,
    code: `PS2021-${String(i + 1).padStart(5, '0')}`,
    year: 2019 + (i % 5),
    unit: `${town}人民政府`,
    contact: `${PEOPLE[i % PEOPLE.length]} 138${String(10000000 + i).slice(-8)}`,
    investSpecial: 40,
    investOther: 10 + (i % 7),
    content: '建设蔬菜大棚及配套设施',
    location: town,
    valueAssets: 45,
  });
  return { ...cells, ...overrides };
}

/** Five kinds of valid projects, one per category plus an 提升 for weak linkage. */
export function variedProject(i: number, prefix = 'PS'): Project {
  const base = { code: `${prefix}-${String(i + 1).padStart(5, '0')}` };
  switch (i % 5) {
    case 1:
      return project(i, {
        ...base,
        category: '提升',
        operation: '经营困难',
        problems: '亏损',
        causes: '资金短缺、管理不善',
        measures: '更换经营主体，补齐冷库',
      });
    case 2:
      return project(i, {
        ...base,
        category: '盘活',
        useStatus: '闲置',
        operation: '经营困难',
        problems: '停产',
        causes: '产品价格波动',
        measures: '引入新业主租赁经营',
      });
    case 3:
      return project(i, {
        ...base,
        category: '重建',
        functionStatus: '损坏',
        useStatus: '闲置',
        operation: '终止经营',
        problems: '停产、未落实联农带农',
        causes: '自然灾害',
        linkage: '不充分',
        linkageShortfall: '未按约定吸纳农村劳动力稳定就业',
        measures: '资产处置后另起炉灶',
      });
    case 4:
      return project(i, {
        ...base,
        category: '提升',
        linkage: '不充分',
        linkageShortfall: '未按约定及时足额分配资产收益',
        measures: '完善利益联结机制',
      });
    default:
      return project(i, base);
  }
}
