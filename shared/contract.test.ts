import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { checkRecords } from './check.js';
import {
  LedgerRowSchema,
  MAX_CELL_CHARS,
  MAX_SUBMISSION_ROWS,
  RawRecordsSchema,
  ReceiptSchema,
  StatsRowSchema,
  SubmissionSchema,
} from './contract.js';
import { COLUMN_KEYS } from './ledger/columns.js';
import { readLedger } from './ledger/read.js';
import { summarize } from './stats.js';
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
