/**
 * Issue 10, the Worker side: bounded answers and stored warnings whatever the ledger, a dead
 * request's claim taken over within seconds, periods open only from their start, invalid UTF-8,
 * invisible characters, and 413 for any over-limit body with or without Content-Length.
 */

import { env } from 'cloudflare:workers';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { amountsInYuan } from '../../scripts/demo-ledger.js';
import { SubmissionDetailSchema, SummarySchema } from '../../shared/api.js';
import { checkRecords } from '../../shared/check.js';
import { MAX_SCHEMA_ISSUES, MAX_SUBMISSION_ROWS, ReceiptSchema, type Submission } from '../../shared/contract.js';
import { COLUMN_KEYS } from '../../shared/index.js';
import { ISSUE_CAP } from '../../shared/issue-cap.js';
import { weekOf } from '../../shared/periods.js';
import { storeSubmission, submissionRows } from '../db/submissions.js';
import { DEFAULT_MAX_BODY_BYTES } from '../middleware.js';
import { api, gzip, ledger, makeCounty, makeUnit, refused, storedCounts, submit } from './helpers.js';

const MB2 = 2 * 1024 * 1024;
const PERIOD = '2026-W20';
/** The warnings the shared engine finds in a submission (what the Worker must store, uncapped). */
function localWarnings(s: Submission) {
  const opts = { mode: 'submission' as const, meta: s.meta, columns: s.columns, totals: s.totals };
  return checkRecords(s.rows, opts).issues.filter((i) => i.severity === 'warning');
}

function gzPost(token: string, s: Submission, query = '', key: string = crypto.randomUUID()) {
  return gzip(JSON.stringify(s)).then((body) =>
    api(`/submissions${query}`, {
      token,
      rawBody: body,
      headers: { 'idempotency-key': key, 'content-encoding': 'gzip' },
    }),
  );
}

describe('bounded answers and stored warnings', () => {
  it('a clean ledger of 20,000 rows with 140,000 warnings is accepted and its detail stays under 2 MB', async () => {
    const u = await makeUnit();
    const s = amountsInYuan(ledger(u.name, 20000, PERIOD));
    const res = await gzPost(u.token, s);
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(201);
    const receipt = ReceiptSchema.parse(JSON.parse(text));
    expect(receipt.rows).toBe(20000);
    // Every amount is one number.unit warning; other warnings (the same engine's) come on top.
    const local = localWarnings(s);
    expect(local.filter((i) => i.ruleId === 'number.unit')).toHaveLength(140000);
    expect(receipt.warnings).toBe(local.length);
    expect((await submissionRows(env.DB, receipt.id)).length).toBe(20000);
    const stored = await env.DB.prepare('SELECT length(warnings) AS n FROM submissions WHERE id = ?')
      .bind(receipt.id)
      .first<{ n: number }>();
    expect(stored?.n).toBeLessThan(MB2 / 2);
    const detail = await api(`/submissions/${receipt.id}`, { token: u.token });
    const body = await detail.text();
    expect(detail.status).toBe(200);
    expect(new TextEncoder().encode(body).byteLength).toBeLessThan(MB2);
    const d = SubmissionDetailSchema.parse(JSON.parse(body));
    expect(d.projectsTotal).toBe(20000);
    expect(d.projects.length).toBeGreaterThan(100);
    expect(d.projects.length).toBeLessThan(20000);
    const units = d.issues.filter((i) => i.ruleId === 'number.unit');
    expect(units).toHaveLength(ISSUE_CAP.perRule + 1);
    expect(units.at(-1)?.message).toContain('另有 139,950 处');
    expect(d.issues.length).toBeLessThanOrEqual(ISSUE_CAP.total + 10);
    // The next page starts where this one ended.
    const next = SubmissionDetailSchema.parse(
      await (await api(`/submissions/${receipt.id}?offset=${d.projects.length}`, { token: u.token })).json(),
    );
    expect(next.projects[0]?.row).toBe((d.projects.at(-1)?.row ?? 0) + 1);
  });

  it('near miss: a small warned ledger lists every warning', async () => {
    const u = await makeUnit();
    const s = amountsInYuan(ledger(u.name, 3, PERIOD));
    const res = await submit(u.token, s);
    const receipt = ReceiptSchema.parse(await res.json());
    const local = localWarnings(s);
    expect(local.filter((i) => i.ruleId === 'number.unit')).toHaveLength(21);
    expect(receipt.warnings).toBe(local.length);
    const d = SubmissionDetailSchema.parse(await (await api(`/submissions/${receipt.id}`, { token: u.token })).json());
    expect(d.issues).toHaveLength(local.length);
    expect(d.projects).toHaveLength(3);
  });

  it('4,000 rows sharing one 项目编号 (dry run) → 422 under 2 MB, issues capped per rule', async () => {
    const u = await makeUnit();
    const s = ledger(u.name, 4000, PERIOD);
    for (const r of s.rows) r.cells.code = 'PS-DUP-0001';
    const res = await gzPost(u.token, s, '?dryRun=1');
    const text = await res.text();
    expect(new TextEncoder().encode(text).byteLength).toBeLessThan(MB2);
    const error = await refused(new Response(text, { status: res.status }), 422, 'ledger-invalid');
    const dup = error.issues?.filter((i) => i.ruleId === 'code.duplicate') ?? [];
    expect(dup.length).toBe(ISSUE_CAP.perRule + 1);
    expect(dup.at(-1)?.message).toContain('另有 3,950 处');
  });

  it('20,000 blank rows → 422 with at most a thousand issues (not 320,000), under 2 MB', async () => {
    const u = await makeUnit();
    const s = ledger(u.name, 1, PERIOD);
    s.rows = Array.from({ length: 20000 }, (_, i) => ({ row: i + 5, cells: {} }));
    const res = await gzPost(u.token, s);
    const text = await res.text();
    expect(new TextEncoder().encode(text).byteLength).toBeLessThan(MB2);
    const error = await refused(new Response(text, { status: res.status }), 422, 'ledger-invalid');
    expect(error.issues?.length ?? 0).toBeLessThanOrEqual(ISSUE_CAP.total + 40);
    expect(error.issues?.some((i) => i.row === null && /另有 [\d,]+ 处/u.test(i.message))).toBe(true);
  });
});

describe('a dead request’s claim', () => {
  async function deadClaim(unitName: string, body: Submission, leaseEndsInMs: number) {
    const json = JSON.stringify(body);
    const { sha256Hex } = await import('../tokens.js');
    const hash = await sha256Hex(new TextEncoder().encode(json).buffer as ArrayBuffer);
    const unit = await env.DB.prepare('SELECT id FROM units WHERE name = ?').bind(unitName).first<{ id: number }>();
    const key = crypto.randomUUID();
    const now = Date.now();
    await env.DB.prepare(
      `INSERT INTO idempotency_keys (unit_id, key, content_hash, state, created_at, lease_until, owner)
       VALUES (?, ?, ?, 'pending', ?, ?, 'died')`,
    )
      .bind(unit?.id, key, hash, new Date(now - 1000).toISOString(), new Date(now + leaseEndsInMs).toISOString())
      .run();
    return key;
  }

  it('is taken over by a retry with the same key and body once its lease has run out', async () => {
    const u = await makeUnit();
    const body = ledger(u.name, 4, PERIOD);
    const key = await deadClaim(u.name, body, -1);
    const before = await storedCounts();
    const res = await submit(u.token, body, key);
    expect(res.status, await res.clone().text()).toBe(201);
    const after = await storedCounts();
    expect(after.submissions - before.submissions).toBe(1);
    expect(after.keys - before.keys).toBe(0);
    const again = await submit(u.token, body, key);
    expect(again.status).toBe(200);
  });

  it('near miss: while the lease runs the retry gets 409 in-flight, and a different body 422', async () => {
    const u = await makeUnit();
    const body = ledger(u.name, 4, PERIOD);
    const key = await deadClaim(u.name, body, 8000);
    const before = await storedCounts();
    const error = await refused(await submit(u.token, body, key), 409, 'in-flight');
    expect(error.message).toMatch(/秒后/u);
    await refused(await submit(u.token, ledger(u.name, 5, PERIOD), key), 422, 'idempotency-key-reused');
    expect(await storedCounts()).toEqual(before);
  });
});

describe('periods open from their start', () => {
  const DAY = 86400_000;

  it('refuses next week, a far future week and year 0 with 422 in Chinese; nothing stored', async () => {
    const u = await makeUnit();
    const before = await storedCounts();
    const nextWeek = weekOf(new Date(Date.now() + 7 * DAY));
    for (const period of [nextWeek, '9999-W52', '0000-01', `${new Date().getUTCFullYear() + 1}-W10`]) {
      const res = await submit(u.token, ledger(u.name, 2, period));
      const error = await refused(res, 422, 'period-not-open');
      expect(error.message).toContain(period);
      const dry = await submit(u.token, ledger(u.name, 2, period), crypto.randomUUID(), '?dryRun=1');
      await refused(dry, 422, 'period-not-open');
    }
    expect(await storedCounts()).toEqual(before);
  });

  it('near miss: this week is open', async () => {
    const u = await makeUnit();
    expect((await submit(u.token, ledger(u.name, 2, weekOf(new Date())))).status).toBe(201);
  });

  it('a submission received before the period started does not make the unit on time', async () => {
    const u = await makeUnit();
    const county = await makeCounty();
    const unit = await env.DB.prepare('SELECT id FROM units WHERE name = ?').bind(u.name).first<{ id: number }>();
    const period = '2026-W21'; // opens 2026-05-17T16:00Z, due 2026-05-21T08:00Z
    const placeholder = ledger(u.name, 1, period);
    await storeSubmission(env.DB, {
      id: crypto.randomUUID(),
      unitId: unit?.id ?? 0,
      period,
      receivedAt: new Date('2026-05-01T00:00:00Z'),
      idempotencyKey: crypto.randomUUID(),
      contentHash: 'x',
      rows: [],
      warnings: [],
      meta: placeholder.meta,
      stats: { ...(await import('../../shared/index.js')).summarize(u.name, []) },
    });
    const summary = async () =>
      SummarySchema.parse(await (await api(`/summary?period=${period}`, { token: county })).json()).units.find(
        (x) => x.unit === u.name,
      );
    expect((await summary())?.status).toBe('missing');
    // Today is after the deadline: the first submission inside the window is late.
    expect((await submit(u.token, ledger(u.name, 2, period))).status).toBe(201);
    expect((await summary())?.status).toBe('late');
  });
});

describe('text at the boundary', () => {
  it('invalid UTF-8 in the body → 400 in Chinese, nothing stored (plain and gzipped)', async () => {
    const u = await makeUnit();
    const json = JSON.stringify(ledger(u.name, 2, PERIOD));
    const at = json.indexOf('保家') >= 0 ? json.indexOf('保家') : json.indexOf('"name"');
    const bytes = new TextEncoder().encode(json);
    const broken = new Uint8Array([...bytes.slice(0, at), 0xff, 0xfe, ...bytes.slice(at)]);
    const before = await storedCounts();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    await refused(await api('/submissions', { token: u.token, rawBody: broken, headers }), 400, 'invalid-utf8');
    await refused(
      await api('/submissions', {
        token: u.token,
        rawBody: gzipSync(broken),
        headers: { 'idempotency-key': crypto.randomUUID(), 'content-encoding': 'gzip' },
      }),
      400,
      'invalid-utf8',
    );
    expect(await storedCounts()).toEqual(before);
    // Near miss: the same bytes without the stray ones are accepted.
    expect(
      (
        await api('/submissions', {
          token: u.token,
          rawBody: bytes,
          headers: { 'idempotency-key': crypto.randomUUID() },
        })
      ).status,
    ).toBe(201);
  });

  it('control, bidi and zero-width characters are removed before storing, each cell flagged', async () => {
    const u = await makeUnit();
    const s = ledger(u.name, 2, PERIOD);
    const first = s.rows[0];
    if (!first) throw new Error('fixture');
    first.cells.name = `\u202e项目\u001b[31m名称\u200b`;
    const res = await submit(u.token, s);
    expect(res.status).toBe(201);
    const receipt = ReceiptSchema.parse(await res.json());
    const rows = await submissionRows(env.DB, receipt.id);
    expect(rows[0]?.name).toBe('项目[31m名称');
    const d = SubmissionDetailSchema.parse(await (await api(`/submissions/${receipt.id}`, { token: u.token })).json());
    const flagged = d.issues.filter((i) => i.ruleId === 'text.control');
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.message).toContain('U+202E');
    expect(flagged[0]?.row).toBe(first.row);
  });

  it('a 项目编号 repeated with a zero-width space or U+202E inside is still a duplicate', async () => {
    const u = await makeUnit();
    const s = ledger(u.name, 3, PERIOD);
    const [a, b, c] = s.rows;
    if (!a || !b || !c) throw new Error('fixture');
    b.cells.code = `${String(a.cells.code).slice(0, 3)}\u200b${String(a.cells.code).slice(3)}`;
    c.cells.code = `\u202e${String(a.cells.code)}`;
    const error = await refused(await submit(u.token, s), 422, 'ledger-invalid');
    expect(error.issues?.filter((i) => i.ruleId === 'code.duplicate')).toHaveLength(3);
  });

  it('near miss: clean text is stored as sent, with no text.control warning', async () => {
    const u = await makeUnit();
    const s = ledger(u.name, 1, PERIOD);
    const res = await submit(u.token, s);
    const receipt = ReceiptSchema.parse(await res.json());
    const d = SubmissionDetailSchema.parse(await (await api(`/submissions/${receipt.id}`, { token: u.token })).json());
    expect(d.issues.filter((i) => i.ruleId === 'text.control')).toHaveLength(0);
    expect(d.projects[0]?.name).toBe(s.rows[0]?.cells.name);
  });
});

describe('413 for any over-limit body', () => {
  function chunked(bytes: number, chunk = 64 * 1024): ReadableStream<Uint8Array> {
    let sent = 0;
    return new ReadableStream({
      pull(controller) {
        if (sent >= bytes) {
          controller.close();
          return;
        }
        const n = Math.min(chunk, bytes - sent);
        controller.enqueue(new Uint8Array(n).fill(0x20));
        sent += n;
      },
    });
  }

  async function post(
    body: ReadableStream<Uint8Array> | Uint8Array,
    token: string,
    headers: Record<string, string> = {},
  ) {
    const { exports } = await import('cloudflare:workers');
    return exports.default.fetch(
      new Request('https://county.example.org/api/v1/submissions', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': crypto.randomUUID(),
          ...headers,
        },
        body,
        // @ts-expect-error: streaming request bodies need duplex in the fetch types
        duplex: 'half',
      }),
    );
  }

  it('a chunked body (no Content-Length) over the limit → 413 JSON', async () => {
    const u = await makeUnit();
    const res = await post(chunked(DEFAULT_MAX_BODY_BYTES + 1), u.token);
    await refused(res, 413, 'payload-too-large');
  });

  it('a declared Content-Length over the limit → 413 JSON', async () => {
    const u = await makeUnit();
    const res = await post(new Uint8Array(DEFAULT_MAX_BODY_BYTES + 10).fill(0x20), u.token);
    await refused(res, 413, 'payload-too-large');
  });

  it('near miss: a chunked body at the limit is read whole (then refused as JSON, 400)', async () => {
    const u = await makeUnit();
    const res = await post(chunked(DEFAULT_MAX_BODY_BYTES), u.token);
    await refused(res, 400, 'invalid-json');
  });
});

describe('bodies built to make the schema report without end', () => {
  async function gzPostRaw(token: string, body: unknown) {
    return api('/submissions', {
      token,
      rawBody: gzipSync(JSON.stringify(body)),
      headers: { 'idempotency-key': crypto.randomUUID(), 'content-encoding': 'gzip' },
    });
  }
  const meta = (unit: string) => ({ unit, reviewer: null, filler: null, updatedAt: null });

  it('20,000 records with every cell of the wrong type: 422 listing 200, no crash, nothing stored', async () => {
    const u = await makeUnit();
    const before = await storedCounts();
    const cells = Object.fromEntries(COLUMN_KEYS.map((k) => [k, { bad: true }]));
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ row: i + 5, cells }));
    const error = await refused(
      await gzPostRaw(u.token, { period: PERIOD, meta: meta(u.name), rows }),
      422,
      'invalid-body',
    );
    expect(error.message).toContain(`仅列出前 200 条，共 ${MAX_SCHEMA_ISSUES} 条以上`);
    expect(error.issues).toHaveLength(200);
    expect(error.issues?.[0]).toMatchObject({ row: 5, ruleId: 'schema' });
    expect(await storedCounts()).toEqual(before);
  });

  it('by column, a column of 3,000,000 values or too many row numbers: 422 naming it, nothing stored', async () => {
    const u = await makeUnit();
    const before = await storedCounts();
    const huge = Array.from({ length: 3_000_000 }, () => ({}));
    const long = await refused(
      await gzPostRaw(u.token, { period: PERIOD, meta: meta(u.name), rows: { row: [5, 6], cells: { name: huge } } }),
      422,
      'invalid-body',
    );
    expect(long.message).toContain('“项目名称”列：有 3000000 个值，而行号有 2 个：每行应各有一个值');
    const noRows = await refused(
      await gzPostRaw(u.token, { period: PERIOD, meta: meta(u.name), rows: { row: 'all', cells: { name: huge } } }),
      422,
      'invalid-body',
    );
    expect(noRows.issues?.length).toBeLessThanOrEqual(2);
    const manyRows = Array.from({ length: MAX_SUBMISSION_ROWS + 1 }, (_, i) => i + 5);
    const tooMany = await refused(
      await gzPostRaw(u.token, { period: PERIOD, meta: meta(u.name), rows: { row: manyRows, cells: {} } }),
      422,
      'invalid-body',
    );
    expect(tooMany.issues).toHaveLength(1);
    expect(await storedCounts()).toEqual(before);
  });
});
