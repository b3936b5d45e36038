/** fast-check generators for ledger cells: mostly plausible values, some garbage. */
import fc from 'fast-check';
import {
  CATEGORIES,
  CAUSES,
  FUNCTION_STATUSES,
  LINKAGE_SHORTFALLS,
  LINKAGES,
  OPERATIONS,
  PROBLEMS,
  USE_STATUSES,
} from '../ledger/columns.js';
import type { Cells } from './fixtures.js';
import { validCells } from './fixtures.js';

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });
const some = (values: readonly string[]) => fc.subarray([...values]).map((xs) => (xs.length ? xs.join('、') : null));
/** Money with up to 4 decimals (元 precision), as a number or as text. */
const money = fc
  .integer({ min: 0, max: 50_000_000 })
  .chain((yuan) => fc.constantFrom<string | number>(yuan / 10000, `${yuan / 10000}`, `${yuan / 10000}万元`));

export const cellsArb: fc.Arbitrary<Cells> = fc
  .record({
    category: maybe(fc.constantFrom(...CATEGORIES, '另起炉灶', '不详')),
    investTotal: maybe(money),
    functionStatus: maybe(fc.constantFrom(...FUNCTION_STATUSES)),
    useStatus: maybe(fc.constantFrom(...USE_STATUSES)),
    operation: maybe(fc.constantFrom(...OPERATIONS)),
    problems: some(PROBLEMS),
    causes: some(CAUSES),
    linkage: maybe(fc.constantFrom(...LINKAGES)),
    linkageShortfall: maybe(fc.constantFrom(...LINKAGE_SHORTFALLS)),
    code: fc.string({ maxLength: 6 }),
  })
  .map((changes) => ({ ...validCells(1), ...changes }));

export const ledgerArb = fc.array(cellsArb, { maxLength: 30 });

/** Any cell value a spreadsheet library could hand us, and then some. */
export const anyCell = fc.oneof(
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date(),
  fc.constantFrom(...CATEGORIES, ...OPERATIONS, ...CAUSES, '合计', '填表说明：', '项目名称', '投资规模（万元）'),
  fc.object(),
);

/** A value for an enum / multi column: allowed, a synonym, blank, garbage, or 其他（说明）. */
const messyChoice = (values: readonly string[], extra: readonly string[] = []) =>
  fc.oneof(
    fc.constantFrom(...values, ...extra),
    some(values),
    fc.constantFrom('', '无', '不详', '天气', '其他（天气干旱）', '其它：缺水', '经营正常、停产'),
    fc.constant(null),
  );
/** A money cell: a number, text with a unit, a zero marker, garbage or a negative. */
const messyMoney = fc.oneof(
  money,
  fc.constantFrom<string | number | null>('-', '无', '约九十', '12.5元', -3, null, '', '1,000'),
);

/** Rows with invalid and blank cells in every column a cross-field rule reads. */
export const messyCellsArb: fc.Arbitrary<Cells> = fc
  .record({
    category: fc.oneof(fc.constantFrom(...CATEGORIES, '另起炉灶', '优秀', ''), fc.constant(null)),
    investTotal: messyMoney,
    investSpecial: messyMoney,
    investOther: messyMoney,
    valueAssets: messyMoney,
    functionStatus: messyChoice(FUNCTION_STATUSES),
    useStatus: messyChoice(USE_STATUSES),
    operation: messyChoice(OPERATIONS, ['正常', '终止']),
    problems: messyChoice(PROBLEMS),
    causes: messyChoice(CAUSES),
    linkage: messyChoice(LINKAGES, ['是', '否']),
    linkageShortfall: messyChoice(LINKAGE_SHORTFALLS),
    measures: fc.constantFrom<string | null>(null, '引进业主'),
    year: fc.constantFrom<string | number | null>(2021, '2021年', '去年', null, 2040),
    code: fc.constantFrom('A-1', 'A‑1', 'A\u200b-1', 'B-2', ''),
  })
  .map((changes) => ({ ...validCells(1), ...changes }));

export const messyLedgerArb = fc.array(messyCellsArb, { minLength: 1, maxLength: 8 });
