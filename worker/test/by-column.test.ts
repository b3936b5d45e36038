/**
 * Submissions whose records come by column (what the CLI and the add-in send, wireSubmission): the
 * Worker stores and answers exactly as for the same records sent as records; malformed columns are
 * refused naming row and column, and nothing is stored.
 */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { ReceiptSchema, type Submission, wireSubmission } from '../../shared/contract.js';
import { submissionRows } from '../db/submissions.js';
import { api, ledger, makeUnit, refused, storedCounts } from './helpers.js';

const PERIOD = '2026-W13';

function send(token: string, body: unknown, key: string = crypto.randomUUID()) {
  return api('/submissions', { token, body, headers: { 'idempotency-key': key } });
}

/** The ledger by column, with `cells` changed by `edit`. */
function byColumn(s: Submission, edit: (cells: Record<string, unknown[]>) => void = () => {}) {
  const body = wireSubmission(s);
  const cells = { ...body.rows.cells } as Record<string, unknown[]>;
  edit(cells);
  return { ...body, rows: { row: body.rows.row, cells } };
}

describe('records by column', () => {
  it('store and answer exactly as the same records sent as records', async () => {
    const a = await makeUnit();
    const b = await makeUnit();
    // The same ledger content for two units (their own 填报单位), one sent each way.
    const records = ledger(a.name, 40, PERIOD, 7);
    const asB = { ...records, meta: { ...records.meta, unit: b.name } };
    const one = ReceiptSchema.parse(await (await send(a.token, records)).json());
    const two = ReceiptSchema.parse(await (await send(b.token, byColumn(asB))).json());
    expect(two.rows).toBe(one.rows);
    expect(two.warnings).toBe(one.warnings);
    expect({ ...two.summary, unit: '' }).toEqual({ ...one.summary, unit: '' });
    expect(await submissionRows(env.DB, two.id)).toEqual(await submissionRows(env.DB, one.id));
  });

  it('a ledger with errors → 422 with the very issues the records give', async () => {
    const u = await makeUnit();
    const s = ledger(u.name, 6, PERIOD, 3);
    const first = s.rows[0];
    const third = s.rows[2];
    if (!first || !third) throw new Error('fixture');
    first.cells.year = 2031;
    third.cells.contact = '王五';
    const before = await storedCounts();
    const asRecords = await refused(await send(u.token, s), 422, 'ledger-invalid');
    const asColumns = await refused(await send(u.token, byColumn(s)), 422, 'ledger-invalid');
    expect(asColumns).toEqual(asRecords);
    expect(asColumns.issues?.map((i) => i.row)).toContain(first.row);
    expect(await storedCounts()).toEqual(before);
  });

  it('a column shorter than the row numbers, a bad cell, an unknown column → 422 naming them, nothing stored', async () => {
    const u = await makeUnit();
    const s = ledger(u.name, 3, PERIOD);
    const before = await storedCounts();
    const short = await refused(
      await send(
        u.token,
        byColumn(s, (c) => {
          c.name = (c.name ?? []).slice(1);
        }),
      ),
      422,
      'invalid-body',
    );
    expect(short.message).toContain('“项目名称”列：有 2 个值，而行号有 3 个：每行应各有一个值');
    expect(short.issues?.[0]).toMatchObject({ row: null, field: 'name', ruleId: 'schema' });
    const row = s.rows[1]?.row;
    const bad = await refused(
      await send(
        u.token,
        byColumn(s, (c) => {
          c.year = [2021, { $gt: 1 }, 2021];
        }),
      ),
      422,
      'invalid-body',
    );
    expect(bad.issues?.[0]).toMatchObject({ row, field: 'year', ruleId: 'schema' });
    expect(bad.issues?.[0]?.message).toContain(`第${row}行“实施年度”`);
    const unknown = await refused(
      await send(
        u.token,
        byColumn(s, (c) => {
          c.colour = ['红', '绿', '蓝'];
        }),
      ),
      422,
      'invalid-body',
    );
    expect(unknown.message).toContain('colour');
    const badRow = await refused(
      await send(u.token, { ...byColumn(s), rows: { row: [5, 0, 7], cells: {} } }),
      422,
      'invalid-body',
    );
    expect(badRow.issues?.[0]?.message).toContain('第2条记录');
    expect(await storedCounts()).toEqual(before);
  });

  it('invisible characters in a column are removed before storing, the cell flagged with its row', async () => {
    const u = await makeUnit();
    const s = ledger(u.name, 3, PERIOD);
    const body = byColumn(s, (c) => {
      const names = [...(c.name ?? [])];
      names[2] = `\u202e项目\u200b名称`;
      c.name = names;
    });
    const res = await send(u.token, body);
    expect(res.status, await res.clone().text()).toBe(201);
    const receipt = ReceiptSchema.parse(await res.json());
    const rows = await submissionRows(env.DB, receipt.id);
    expect(rows[2]?.name).toBe('项目名称');
    const detail = await (await api(`/submissions/${receipt.id}`, { token: u.token })).json();
    const flagged = (detail as { issues: { ruleId: string; row: number; message: string }[] }).issues.filter(
      (i) => i.ruleId === 'text.control',
    );
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.row).toBe(s.rows[2]?.row);
    expect(flagged[0]?.message).toContain('U+202E');
  });

  it('an invisible character sent as a JSON escape (\\u202e) is removed and flagged all the same', async () => {
    const u = await makeUnit();
    const s = ledger(u.name, 2, PERIOD);
    const body = byColumn(s, (c) => {
      c.name = [`${String(c.name?.[0])}MARK`, c.name?.[1] ?? null];
    });
    const text = JSON.stringify(body).replace('MARK', '\\u202e');
    expect(text).toContain('\\u202e');
    const res = await api('/submissions', {
      token: u.token,
      rawBody: text,
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const receipt = ReceiptSchema.parse(await res.json());
    expect((await submissionRows(env.DB, receipt.id))[0]?.name).toBe(s.rows[0]?.cells.name);
    const detail = (await (await api(`/submissions/${receipt.id}`, { token: u.token })).json()) as {
      issues: { ruleId: string; row: number }[];
    };
    expect(detail.issues.filter((i) => i.ruleId === 'text.control').map((i) => i.row)).toEqual([s.rows[0]?.row]);
  });

  it('coded columns: a bad code is refused naming its row; an invisible character in a value is flagged in each row that has it', async () => {
    const u = await makeUnit();
    const s = ledger(u.name, 40, PERIOD, 5);
    const body = wireSubmission(s);
    const location = body.rows.cells.location;
    if (!location || Array.isArray(location)) throw new Error('fixture: 地点 should be coded');
    const before = await storedCounts();
    const codes = [...location.codes];
    codes[3] = location.values.length;
    const wrongCode = {
      ...body,
      rows: { ...body.rows, cells: { ...body.rows.cells, location: { ...location, codes } } },
    };
    const refusal = await refused(await send(u.token, wrongCode), 422, 'invalid-body');
    expect(refusal.issues?.[0]).toMatchObject({ row: s.rows[3]?.row, field: 'location', ruleId: 'schema' });
    expect(refusal.message).toContain(
      `第${s.rows[3]?.row}行“项目地点”：编码须为 0 至 ${location.values.length - 1} 的整数`,
    );
    expect(await storedCounts()).toEqual(before);

    const values = location.values.map((v) => `${String(v)}\u200b`);
    const marked = {
      ...body,
      rows: { ...body.rows, cells: { ...body.rows.cells, location: { ...location, values } } },
    };
    const res = await send(u.token, marked);
    expect(res.status, await res.clone().text()).toBe(201);
    const receipt = ReceiptSchema.parse(await res.json());
    const rows = await submissionRows(env.DB, receipt.id);
    expect(rows.map((r) => r.location)).toEqual(s.rows.map((r) => r.cells.location));
    const detail = (await (await api(`/submissions/${receipt.id}`, { token: u.token })).json()) as {
      issues: { ruleId: string; row: number }[];
    };
    const flagged = detail.issues.filter((i) => i.ruleId === 'text.control').map((i) => i.row);
    expect(flagged).toEqual(s.rows.filter((r) => r.cells.location).map((r) => r.row));
  });
});
