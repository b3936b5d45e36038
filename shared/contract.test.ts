import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { checkRecords } from './check.js';
import {
  LedgerRowSchema,
  MAX_CELL_CHARS,
  MAX_CODED_TEXT,
  MAX_SUBMISSION_ROWS,
  RawColumnsSchema,
  RawRecordsSchema,
  ReceiptSchema,
  StatsRowSchema,
  SubmissionBodySchema,
  SubmissionSchema,
  wireSubmission,
} from './contract.js';
import { COLUMN_KEYS } from './ledger/columns.js';
import { columnsOfRecords, plainColumns } from './ledger/raw-columns.js';
import { readLedger } from './ledger/read.js';
import { summarize } from './stats.js';
import { messyCellsArb } from './test/arbitraries.js';
import { ledgerGrid, validCells } from './test/fixtures.js';

const read = readLedger(ledgerGrid([validCells(1), validCells(2)]));
const submission = { period: '2026-W47', meta: read.meta, columns: read.header?.columns, rows: read.records };

describe('contract schemas', () => {
  it('accepts what readLedger produces and round-trips through JSON', () => {
    const parsed = SubmissionSchema.parse(JSON.parse(JSON.stringify(submission)));
    expect(checkRecords(parsed.rows, { mode: 'submission', meta: parsed.meta }).issues).toEqual([]);
  });

  it('refuses unknown fields, unknown columns, bad periods and wrong types', () => {
    expect(SubmissionSchema.safeParse({ ...submission, extra: 1 }).success).toBe(false);
    expect(SubmissionSchema.safeParse({ ...submission, period: '2026-W99' }).success).toBe(false);
    const badColumn = { ...submission, rows: [{ row: 5, cells: { nope: 'x' } }] };
    expect(SubmissionSchema.safeParse(badColumn).success).toBe(false);
    const badCell = { ...submission, rows: [{ row: 5, cells: { name: { $gt: 1 } } }] };
    expect(SubmissionSchema.safeParse(badCell).success).toBe(false);
    expect(SubmissionSchema.safeParse({ ...submission, rows: [{ row: 0, cells: {} }] }).success).toBe(false);
  });

  it('describes the normalised row exactly as the engine makes it', () => {
    const { rows } = checkRecords(read.records);
    for (const row of rows) expect(LedgerRowSchema.parse(row)).toEqual(row);
    expect(LedgerRowSchema.safeParse({ ...rows[0], causes: ['天气'] }).success).toBe(false);
  });

  it('caps the number of rows', () => {
    const rows = Array.from({ length: MAX_SUBMISSION_ROWS + 1 }, (_, i) => ({ row: i + 5, cells: { name: 'x' } }));
    expect(SubmissionSchema.safeParse({ ...submission, rows }).success).toBe(false);
    expect(SubmissionSchema.safeParse({ ...submission, rows: rows.slice(1) }).success).toBe(true);
  });

  it('describes the 统计表 row and the receipt', () => {
    const summary = summarize('保家镇', checkRecords(read.records).rows);
    expect(StatsRowSchema.parse(summary)).toEqual(summary);
    const receipt = {
      id: 'sub_1',
      unit: '保家镇',
      period: '2026-W47',
      receivedAt: '2026-11-19T07:59:59.000Z',
      status: 'on-time',
      rows: 2,
      contentHash: 'ab',
      warnings: 0,
      summary,
    };
    expect(ReceiptSchema.parse(receipt)).toEqual(receipt);
  });
});

describe('the fast path for submission rows', () => {
  it('codes the repetitive columns: under half the bytes, read back as exactly the records by column', () => {
    const many = readLedger(ledgerGrid(Array.from({ length: 400 }, (_, i) => validCells(i + 1))));
    const ledger = { ...submission, meta: many.meta, rows: many.records };
    const wire = wireSubmission(ledger);
    const plain = columnsOfRecords(many.records);
    expect(Array.isArray(wire.rows.cells.unit)).toBe(false); // one 实施单位 for every row
    expect(Array.isArray(wire.rows.cells.name)).toBe(true); // a name per project stays plain
    const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v));
    expect(bytes(wire)).toBeLessThan(0.5 * bytes({ ...ledger, rows: plain }));
    expect(SubmissionBodySchema.parse(JSON.parse(JSON.stringify(wire))).rows).toEqual(plain);
  });

  it('codes losslessly whatever the cells: the body reads back as the records by column', () => {
    fc.assert(
      fc.property(fc.array(messyCellsArb, { maxLength: 40 }), fc.nat(3), (cells, repeat) => {
        // Rows repeated so that some columns do get coded.
        const records = cells.flatMap((c, i) =>
          Array.from({ length: repeat + 1 }, (_, k) => ({ row: i * 4 + k + 5, cells: c })),
        );
        const wire = JSON.parse(JSON.stringify(wireSubmission({ ...submission, rows: records })));
        expect(SubmissionBodySchema.parse(wire).rows).toEqual(JSON.parse(JSON.stringify(columnsOfRecords(records))));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a coded column naming the column, or the row of a bad code', () => {
    const rows = { row: [5, 6, 7], cells: { category: { values: ['巩固', '提升'], codes: [0, 1, 2] } } };
    const issuesOf = (value: unknown) =>
      SubmissionBodySchema.safeParse({ ...submission, rows: value }).error?.issues ?? [];
    const badCode = issuesOf(rows)[0];
    expect(badCode?.path).toEqual(['rows', 'cells', 'category', 2]);
    expect(badCode?.message).toBe('编码须为 0 至 1 的整数（指取值表中的第几个值，从 0 数起）');
    const cells = (category: unknown) =>
      issuesOf({ ...rows, cells: { category } }).map((i) => [i.path.join('.'), i.message]);
    expect(cells({ values: ['巩固'], codes: [0, 0] })).toEqual([
      ['rows.cells.category', '有 2 个编码，而行号有 3 个：每行应各有一个编码'],
    ]);
    expect(cells({ values: [{ $gt: 1 }], codes: [0, 0, 0] })).toEqual([
      ['rows.cells.category', '取值表第 1 个值：单元格的值须为文本、数字、是/否或空值'],
    ]);
    expect(cells({ values: ['巩固'], codes: [0, 0, 0], more: [] })).toEqual([
      ['rows.cells.category', '按编码发送的列只能有取值表和编码两项，多出了 more'],
    ]);
    expect(cells({ values: 'x', codes: [0, 0, 0] })[0]?.[1]).toBe(
      '按编码发送的列须有一张取值表和每行一个编码（都是数组）',
    );
    expect(cells({ values: [], codes: [0, 0, 0] })[0]?.[1]).toBe('取值表是空的：没有编码可以指向的值');
  });

  it('refuses coded columns that stand for more text than the largest plain body', () => {
    const n = Math.ceil(MAX_CODED_TEXT / MAX_CELL_CHARS) + 1;
    const long = { values: ['长'.repeat(MAX_CELL_CHARS)], codes: new Array(n).fill(0) };
    const row = Array.from({ length: n }, (_, i) => i + 5);
    const r = SubmissionBodySchema.safeParse({ ...submission, rows: { row, cells: { name: long } } });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['rows.cells.name', '按编码发送的各列写出后超过 2516 万字（相当于解压后的请求体上限）：请分批报送'],
    ]);
    const fits = { ...long, codes: long.codes.slice(2) };
    expect(
      SubmissionBodySchema.safeParse({ ...submission, rows: { row: row.slice(2), cells: { name: fits } } }).success,
    ).toBe(true);
  });

  const cell = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.string({ maxLength: 3 }),
    fc.constant('x'.repeat(MAX_CELL_CHARS + 1)),
    fc.constant({ v: 1 }),
    fc.constant([1]),
    fc.constant(undefined),
  );
  const key = fc.oneof(fc.constantFrom(...COLUMN_KEYS), fc.constantFrom('colour', '__proto__', ''));
  const record = fc.oneof(
    { weight: 4, arbitrary: fc.record({ row: fc.integer({ min: 1, max: 50 }), cells: fc.dictionary(key, cell) }) },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          row: fc.oneof(fc.integer({ min: -2, max: 2 }), fc.double(), fc.constant(2 ** 60), fc.string()),
          cells: fc.oneof(fc.dictionary(key, cell), fc.constant(null), fc.constant([1])),
          extra: fc.constant(1),
        },
        { requiredKeys: [] },
      ),
    },
    { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.integer(), fc.string(), fc.constant([])) },
  );

  it('answers exactly as the per-record schema: same records, or the same issues', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 6 }), (rows) => {
        const slow = z.safeParse(RawRecordsSchema, rows);
        const fast = z.safeParse(SubmissionSchema, { ...submission, rows });
        expect(fast.success).toBe(slow.success);
        if (slow.success) expect(fast.data?.rows).toEqual(slow.data);
        else expect(fast.error?.issues).toEqual(slow.error.issues.map((i) => ({ ...i, path: ['rows', ...i.path] })));
      }),
      { numRuns: 500 },
    );
  });
});

describe('records by column (what clients send)', () => {
  const body = wireSubmission(submission);

  it('is the records by column, half the bytes, and accepted as the body', () => {
    expect(body.rows).toEqual(columnsOfRecords(read.records));
    const parsed = SubmissionBodySchema.parse(JSON.parse(JSON.stringify(body)));
    expect(parsed).toEqual(body);
    // Records stay accepted (clients of before), by the body schema as by the records schema.
    expect(SubmissionBodySchema.parse(submission)).toEqual(submission);
    // The records-only schema (what clients build) does not take columns.
    expect(SubmissionSchema.safeParse(body).success).toBe(false);
  });

  it('refuses columns of the wrong length, unknown columns, bad cells, bad row numbers and extra fields', () => {
    const rows = columnsOfRecords(read.records);
    const refused = (value: unknown) => {
      const r = SubmissionBodySchema.safeParse({ ...submission, rows: value });
      expect(r.success).toBe(false);
      return r.error?.issues ?? [];
    };
    const short = refused({ ...rows, cells: { ...rows.cells, name: ['只有一个'] } });
    expect(short[0]?.path).toEqual(['rows', 'cells', 'name']);
    expect(short[0]?.message).toBe('有 1 个值，而行号有 2 个：每行应各有一个值');
    expect(refused({ ...rows, cells: { ...rows.cells, colour: ['红', '蓝'] } })[0]?.code).toBe('unrecognized_keys');
    const badCell = refused({ ...rows, cells: { ...rows.cells, year: [2021, { $gt: 1 }] } });
    expect(badCell[0]?.path).toEqual(['rows', 'cells', 'year', 1]);
    expect(badCell[0]?.message).toBe('单元格的值须为文本、数字、是/否或空值');
    expect(refused({ ...rows, row: [5, 0] })[0]?.path).toEqual(['rows', 'row', 1]);
    expect(refused({ ...rows, cells: { ...rows.cells, name: 'x' } })[0]?.path).toEqual(['rows', 'cells', 'name']);
    expect(refused({ ...rows, extra: 1 })[0]?.code).toBe('unrecognized_keys');
    expect(refused({ row: [], cells: null })[0]?.path).toEqual(['rows', 'cells']);
    const many = { row: Array.from({ length: MAX_SUBMISSION_ROWS + 1 }, (_, i) => i + 5), cells: {} };
    expect(refused(many)[0]?.path).toEqual(['rows', 'row']);
    expect(SubmissionBodySchema.safeParse({ ...submission, rows: { ...many, row: many.row.slice(1) } }).success).toBe(
      true,
    );
  });

  it('checks to exactly what the records check to', () => {
    fc.assert(
      fc.property(
        fc.array(messyCellsArb, { maxLength: 30 }),
        fc.constantFrom('editing', 'submission'),
        (cells, mode) => {
          const records = cells.map((c, i) => ({ row: i + 5, cells: c }));
          const byRecord = checkRecords(records, { mode: mode as 'editing' | 'submission' });
          const byColumn = checkRecords(columnsOfRecords(records), { mode: mode as 'editing' | 'submission' });
          expect(JSON.stringify(byColumn)).toBe(JSON.stringify(byRecord));
          expect(byColumn.summary).toEqual(byRecord.summary);
        },
      ),
      { numRuns: 300 },
    );
  });

  const cell = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.double(),
    fc.string({ maxLength: 3 }),
    fc.constant({ v: 1 }),
  );
  const key = fc.oneof(fc.constantFrom(...COLUMN_KEYS), fc.constantFrom('colour', '__proto__', ''));
  // A column as long as the row numbers, now and then one value short or over; or coded, its
  // codes now and then out of range, not whole, one short, or with a key too many.
  const code = fc.oneof(
    { weight: 6, arbitrary: fc.nat(3) },
    { weight: 1, arbitrary: fc.constantFrom(-1, 0.5, '0', null) },
  );
  const coded = (n: number) =>
    fc.record(
      {
        values: fc.oneof({ weight: 5, arbitrary: fc.array(cell, { maxLength: 4 }) }, { weight: 1, arbitrary: cell }),
        codes: fc.oneof(
          { weight: 5, arbitrary: fc.array(code, { minLength: n, maxLength: n }) },
          { weight: 1, arbitrary: fc.array(code, { minLength: Math.max(0, n - 1), maxLength: n + 1 }) },
        ),
        extra: fc.constant(1),
      },
      { requiredKeys: ['values', 'codes'] },
    );
  const column = (n: number) =>
    fc.oneof(
      { weight: 5, arbitrary: fc.array(cell, { minLength: n, maxLength: n }) },
      { weight: 1, arbitrary: fc.array(cell, { minLength: Math.max(0, n - 1), maxLength: n + 1 }) },
      { weight: 3, arbitrary: coded(n) },
    );
  const columns = fc.nat(4).chain((n) =>
    fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          row: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: n, maxLength: n }),
          cells: fc.dictionary(key, column(n)),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record(
          {
            row: fc.oneof(fc.array(fc.oneof(fc.integer({ min: -2, max: 60 }), fc.string())), fc.constant(null)),
            cells: fc.oneof(fc.dictionary(key, fc.oneof(fc.array(cell, { maxLength: 5 }), cell)), fc.constant([1])),
            extra: fc.constant(1),
          },
          { requiredKeys: [] },
        ),
      },
    ),
  );

  it('the fast path answers exactly as the column schema: same value, or the same issues', () => {
    fc.assert(
      fc.property(columns, (rows) => {
        const slow = z.safeParse(RawColumnsSchema, rows);
        const fast = z.safeParse(SubmissionBodySchema, { ...submission, rows });
        expect(fast.success).toBe(slow.success);
        if (slow.success) expect(fast.data?.rows).toEqual(plainColumns(slow.data));
        else expect(fast.error?.issues).toEqual(slow.error.issues.map((i) => ({ ...i, path: ['rows', ...i.path] })));
      }),
      { numRuns: 1000 },
    );
  });
});
