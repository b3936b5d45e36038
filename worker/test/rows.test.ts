/**
 * Stored project rows (submission_data, migration 0003): they come back exactly as the engine made
 * them, in order, whether stored in one part or several; the drill-down filters and pages them;
 * rows moved over from the old per-row table by the migration still read back.
 */
import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkedTable, checkRecords, isIdle, type LedgerRow, summarize } from '../../shared/index.js';
import { messyCellsArb } from '../../shared/test/arbitraries.js';
import { findProjects, projectRefs } from '../db/projects.js';
import { COLUMNS_MAGIC, columnsOfTable } from '../db/row-columns.js';
import { decodeRows, encodeRows, ROW_FIELDS, rowsDocumentText } from '../db/rows.js';
import { statsOf } from '../db/stats-cache.js';
import { storeSubmission, submissionDetail, submissionRows } from '../db/submissions.js';
import { findUnitByName } from '../db/units.js';
import { gzipBase64 } from '../gzip.js';
import { count, ledger, makeUnit } from './helpers.js';

function engineRows(unit: string, n: number, period: string, seed = 0): LedgerRow[] {
  const submission = ledger(unit, n, period, seed);
  return checkRecords(submission.rows, { mode: 'submission', meta: submission.meta }).rows;
}

async function store(unitName: string, period: string, rows: LedgerRow[], partChars?: number): Promise<string> {
  const unit = await findUnitByName(env.DB, unitName);
  if (!unit) throw new Error('unit not stored');
  const id = crypto.randomUUID();
  await env.DB.prepare(
    "INSERT INTO idempotency_keys (unit_id, key, content_hash, state, created_at) VALUES (?, ?, 'h', 'pending', '2026')",
  )
    .bind(unit.id, id)
    .run();
  const submission = {
    id,
    unitId: unit.id,
    period,
    receivedAt: new Date(),
    idempotencyKey: id,
    contentHash: 'h',
    rows,
    warnings: [],
    meta: { unit: unitName, reviewer: null, filler: null, updatedAt: null },
    stats: summarize(unitName, rows),
  };
  await storeSubmission(env.DB, submission, partChars);
  return id;
}

describe('stored project rows', () => {
  it('encode → decode is the identity, in one part or in many', async () => {
    const rows = engineRows('保家镇', 500, '2026-W30');
    const one = encodeRows(rows);
    const many = encodeRows(rows, 1000);
    expect(one).toHaveLength(1);
    expect(many.length).toBeGreaterThan(10);
    expect(many.map((p) => p.data).join('')).toBe(one[0]?.data);
    expect(decodeRows(one)).toEqual(rows);
    expect(decodeRows(many)).toEqual(rows);
    // gzip + base64 of the document is a fraction of the rows' JSON.
    expect((one[0]?.data.length ?? 0) / JSON.stringify(rows).length).toBeLessThan(0.15);
    // The document's columns are the LedgerRow's fields, in order.
    expect(ROW_FIELDS).toEqual(Object.keys(rows[0] ?? {}));
  });

  it('rows stored from the checked table (by column) read back as the rows the check builds', () => {
    // The Worker stores what the check holds without building rows; any ledger, clean or messy, in
    // either mode, must read back as the very rows (values, field order, JSON) and the same document
    // as one written from those rows.
    const records = fc.array(messyCellsArb, { maxLength: 40 });
    fc.assert(
      fc.property(
        records,
        fc.constantFrom('editing', 'submission') as fc.Arbitrary<'editing' | 'submission'>,
        (cells, mode) => {
          const result = checkRecords(
            cells.map((c, i) => ({ row: i + 5, cells: c })),
            { mode },
          );
          const fromTable = decodeRows(encodeRows(checkedTable(result)));
          expect(fromTable).toEqual(result.rows);
          expect(JSON.stringify(fromTable)).toBe(JSON.stringify(result.rows));
          expect(fromTable).toEqual(decodeRows(encodeRows(result.rows)));
        },
      ),
      { numRuns: 200 },
    );
    const big = checkRecords(ledger('保家镇', 2000, '2026-W30', 3).rows, { mode: 'submission' });
    const bigRows = decodeRows(encodeRows(checkedTable(big), 5000));
    expect(bigRows).toEqual(big.rows);
    // Multi-select lists the check shares between rows are written once (a dictionary); read back,
    // each row has a list of its own.
    const kinds = new Map(columnsOfTable(checkedTable(big), ROW_FIELDS).map((c) => [c.field, c.as]));
    expect([kinds.get('problems'), kinds.get('causes')]).toEqual(['dict', 'dict']);
    const [first, second] = bigRows.filter(
      (r) => r.causes.length > 0 && r.causes[0] === bigRows.find((x) => x.causes.length > 0)?.causes[0],
    );
    expect(first && second).toBeTruthy();
    const before = [...(second?.causes ?? [])];
    first?.causes.push('其他');
    expect(second?.causes).toEqual(before);
  });

  it('the column document reads back exactly what the JSON document did, whatever the values', () => {
    // Any value a field might hold (numbers that JSON cannot carry, −0, texts beyond the dictionary's
    // 256, lists, blanks, undefined), per column all of one kind or mixed: the rows must come back as
    // the JSON document written before gives them (same values, same field order).
    const scalar = fc.oneof(
      fc.double(),
      fc.constantFrom(0, -0, Number.NaN, Number.POSITIVE_INFINITY, 1e300, -1.5, 2 ** 53),
      fc.integer(),
      fc.constant(null),
      fc.constant(undefined),
      fc.string({ unit: 'binary' }),
      fc.constantFrom('', '巩固', '提升', '盘活', '其他（天气干旱）'),
    );
    const value = fc.oneof(scalar, fc.array(fc.string({ unit: 'binary' }), { maxLength: 3 }), fc.boolean());
    const column = fc.oneof(
      fc.constant<'numbers' | 'enum' | 'texts' | 'any'>('numbers'),
      fc.constant<'numbers' | 'enum' | 'texts' | 'any'>('enum'),
      fc.constant<'numbers' | 'enum' | 'texts' | 'any'>('texts'),
      fc.constant<'numbers' | 'enum' | 'texts' | 'any'>('any'),
    );
    const cell = (kind: 'numbers' | 'enum' | 'texts' | 'any', i: number) =>
      kind === 'numbers'
        ? fc.oneof(fc.double(), fc.constant(null), fc.constant(-0))
        : kind === 'enum'
          ? fc.constantFrom(null, '巩固', '提升', '', undefined)
          : kind === 'texts'
            ? fc.constant(`项目${i}`)
            : value;
    const ledger = fc
      .tuple(fc.array(column, { minLength: ROW_FIELDS.length, maxLength: ROW_FIELDS.length }), fc.nat(300))
      .chain(([kinds, n]) =>
        fc.tuple(
          ...Array.from({ length: n }, (_, i) => fc.tuple(...ROW_FIELDS.map((_, k) => cell(kinds[k] ?? 'any', i)))),
        ),
      )
      .map((rows) =>
        rows.map((values) => Object.fromEntries(ROW_FIELDS.map((f, k) => [f, values[k]])) as unknown as LedgerRow),
      );
    fc.assert(
      fc.property(ledger, (rows) => {
        const before = decodeRows([{ encoding: 'gzip', data: gzipBase64(rowsDocumentText(rows)) }]);
        const now = decodeRows(encodeRows(rows));
        expect(now).toEqual(before);
        expect(JSON.stringify(now)).toBe(JSON.stringify(before));
        now.forEach((r, i) => {
          expect(Object.keys(r)).toEqual(ROW_FIELDS);
          for (const f of ROW_FIELDS) if (typeof r[f] !== 'object') expect(Object.is(r[f], before[i]?.[f])).toBe(true);
        });
      }),
      { numRuns: 150 },
    );
  });

  it('a column of 256 distinct texts and one of 257 both read back (dictionary, then JSON)', () => {
    const base = engineRows('保家镇', 300, '2026-W30');
    for (const distinct of [255, 256, 257, 300]) {
      const rows = base.map((r, i) => ({ ...r, name: `项目${i % distinct}`, tier: i % 2 === 0 ? null : r.tier }));
      expect(decodeRows(encodeRows(rows))).toEqual(rows);
    }
  });

  it('rows stored as the JSON document before the column document still read back', async () => {
    const rows = engineRows('保家镇', 200, '2026-W30');
    const stored = encodeRows(rows);
    expect(atob(stored[0]?.data ?? '').length).toBeGreaterThan(0);
    const legacy = gzipBase64(rowsDocumentText(rows));
    expect(decodeRows([{ encoding: 'gzip', data: legacy }])).toEqual(rows);
    expect(decodeRows(stored)).toEqual(rows);
    expect(COLUMNS_MAGIC).toBe('LRC1');
  });

  it('a ledger stored in several parts round-trips in order through D1', async () => {
    const u = await makeUnit();
    const rows = engineRows(u.name, 3000, '2026-W30');
    const partsBefore = await count('submission_data');
    const id = await store(u.name, '2026-W30', rows, 20_000);
    expect((await count('submission_data')) - partsBefore).toBeGreaterThan(1);
    expect(await submissionRows(env.DB, id)).toEqual(rows);
    expect((await submissionDetail(env.DB, id)).rows).toEqual(rows);
    expect(await projectRefs(env.DB, id)).toEqual(
      rows.map((r) => ({
        code: r.code,
        name: r.name,
        category: r.category,
        investTotal: r.investTotal,
        idle: isIdle(r),
      })),
    );
  });

  it('the drill-down filters by category, cause and unit, and pages across units in order', async () => {
    const period = '2026-W31';
    const a = await makeUnit();
    const b = await makeUnit();
    const rowsA = engineRows(a.name, 120, period, 1);
    const rowsB = engineRows(b.name, 80, period, 2);
    await store(a.name, period, engineRows(a.name, 40, period, 9)); // an earlier submission: not counted
    await store(a.name, period, rowsA);
    await store(b.name, period, rowsB);
    const unitA = await findUnitByName(env.DB, a.name);

    const revitalize = [...rowsA, ...rowsB].filter((r) => r.category === '盘活');
    const all = await findProjects(env.DB, { period, category: '盘活', limit: 5000, offset: 0 });
    expect(all.total).toBe(revitalize.length);
    expect(all.rows.map((p) => p.row)).toEqual(revitalize);
    expect(new Set(all.rows.map((p) => p.unitName))).toEqual(new Set([a.name, b.name]));

    const page = await findProjects(env.DB, { period, category: '盘活', limit: 7, offset: 10 });
    expect(page.total).toBe(revitalize.length);
    expect(page.rows.map((p) => p.row)).toEqual(revitalize.slice(10, 17));

    const cause = rowsA.flatMap((r) => r.causes)[0] ?? '资金短缺';
    const byCause = await findProjects(env.DB, { period, cause, unitId: unitA?.id, limit: 5000, offset: 0 });
    expect(byCause.rows.map((p) => p.row)).toEqual(rowsA.filter((r) => r.causes.includes(cause)));
    expect(byCause.rows.every((p) => p.unitName === a.name)).toBe(true);
  });

  it('统计表 rows by submission id: stored ones from memory, others read from D1 once', async () => {
    const u = await makeUnit();
    const unit = await findUnitByName(env.DB, u.name);
    const rows = engineRows(u.name, 12, '2026-W32');
    const stored = await store(u.name, '2026-W32', rows);
    const written = summarize('另一个名字', rows); // as written by another isolate: not in this one's memory
    await env.DB.prepare(
      `INSERT INTO submissions (id, unit_id, period, received_at, idempotency_key, content_hash, row_count,
         warning_count, warnings, meta, stats) VALUES ('elsewhere', ?, '2026-W32', '2026', 'k-elsewhere', 'h', 12, 0, '[]', '{}', ?)`,
    )
      .bind(unit?.id, JSON.stringify(written))
      .run();
    const first = await statsOf(env.DB, [stored, 'elsewhere', 'no-such-id']);
    expect(first.get(stored)).toEqual(summarize(u.name, rows));
    expect(first.get('elsewhere')).toEqual(written);
    expect(first.has('no-such-id')).toBe(false);
    const again = await statsOf(env.DB, ['elsewhere']);
    expect(again.get('elsewhere')).toBe(first.get('elsewhere')); // the same object: not read again
    expect(Object.isFrozen(again.get('elsewhere'))).toBe(true);
  });

  it('migration 0003 moves rows of the old per-row table into submission_data, in order', async () => {
    const db = env.MIGRATION_DB;
    const migrations = env.TEST_MIGRATIONS;
    const upTo = (name: string) => migrations.filter((m) => m.name < name);
    await applyD1Migrations(db, upTo('0003'));
    const rows = engineRows('郁山镇', 30, '2026-W20');
    await db.batch([
      db.prepare("INSERT INTO units (id, name, type, created_at) VALUES (1, '郁山镇', '乡镇', '2026')"),
      db.prepare(
        `INSERT INTO submissions (id, unit_id, period, received_at, idempotency_key, content_hash, row_count,
           warning_count, warnings, meta, stats) VALUES ('s1', 1, '2026-W20', '2026', 'k', 'h', 30, 0, '[]', '{}', '{}')`,
      ),
      // Inserted in reverse: the migration orders by idx, not by insertion.
      ...rows
        .map((r, idx) =>
          db
            .prepare('INSERT INTO submission_rows (submission_id, idx, code, category, data) VALUES (?, ?, ?, ?, ?)')
            .bind('s1', idx, r.code, r.category, JSON.stringify(r)),
        )
        .reverse(),
    ]);
    await applyD1Migrations(db, migrations);
    expect(await submissionRows(db, 's1')).toEqual(rows);
    const tables = await db.prepare("SELECT name FROM sqlite_master WHERE name = 'submission_rows'").all();
    expect(tables.results).toHaveLength(0);
  });
});
