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
