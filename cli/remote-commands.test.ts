/** submit / summary / status wired into the command line, against an in-memory county service. */
import { existsSync, readdirSync } from 'node:fs';
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubmissionBodySchema } from '../shared/contract.js';
import {
  checkRecords,
  isRawColumns,
  mergeStats,
  recordCount,
  type StatsRow,
  statsCells,
  summarize,
} from '../shared/index.js';
import { ledgerTemplate } from '../shared/layout/ledger-sheet.js';
import { statsJson } from './json.js';
import type { Fetch } from './remote.js';
import { cliWith, load, messyWorkbook, tempDir, text } from './test/helpers.js';
import { project, variedProject } from './test/projects.js';
import { jsonResponse as reply, requestText, summaryBody } from './test/service.js';
import { writeLayout } from './workbook-write.js';

const tmp = tempDir();
const clean = tmp.path('保家镇.xlsx');
const broken = tmp.path('有错.xlsx');

/** A county service in memory: validates submissions with the core, idempotent by key. */
function countyService(options: { down?: boolean; loseResponses?: number } = {}) {
  let lose = options.loseResponses ?? 0;
  /** Idempotency-Key of each POST. */
  const keys: string[] = [];
  const stored = new Map<string, { body: string; receipt: Record<string, unknown> }>();
  const summaries: StatsRow[] = [];
  const calls: string[] = [];
  /** Content-Encoding of each POST. */
  const encodings: (string | undefined)[] = [];
  const fetch: Fetch = async (url, init) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    if (options.down) throw new TypeError('fetch failed');
    const auth = (init?.headers as Record<string, string>)?.authorization;
    if (auth !== 'Bearer unit-token') return reply(401, { error: { code: 'unauthorized', message: '令牌无效' } });
    const u = new URL(url);
    if (u.pathname === '/api/v1/submissions' && init?.method === 'POST') {
      encodings.push((init.headers as Record<string, string>)['content-encoding']);
      const text = requestText(init);
      const parsed = SubmissionBodySchema.safeParse(JSON.parse(text));
      if (!parsed.success) return reply(400, { error: { code: 'bad-request', message: '格式不对' } });
      const s = parsed.data;
      const checked = checkRecords(s.rows, { mode: 'submission', meta: s.meta, columns: s.columns });
      const errors = checked.issues.filter((i) => i.severity === 'error');
      if (errors.length > 0)
        return reply(422, {
          error: { code: 'invalid', message: `有 ${errors.length} 个错误`, issues: checked.issues },
        });
      const summary = summarize(s.meta.unit ?? '', checked.rows);
      const receipt = {
        id: `r${stored.size + 1}`,
        unit: s.meta.unit,
        period: s.period,
        receivedAt: '2026-11-19T06:30:00.000Z',
        status: 'on-time',
        rows: recordCount(s.rows),
        contentHash: 'a'.repeat(64),
        warnings: checked.issues.length,
        summary,
      };
      if (u.searchParams.get('dryRun') === '1')
        return reply(200, {
          ...receipt,
          dryRun: true,
          diff: { previous: null, added: [], removed: [], reclassified: [] },
        });
      const key = (init.headers as Record<string, string>)['idempotency-key'] as string;
      keys.push(key);
      const seen = stored.get(key);
      if (!seen) {
        stored.set(key, { body: text, receipt });
        summaries.push(summary);
      }
      // Stored, but the answer is lost on the way back (the connection drops).
      if (lose-- > 0) throw new TypeError('fetch failed: other side closed');
      return seen ? reply(200, seen.receipt) : reply(201, receipt);
    }
    if (u.pathname === '/api/v1/summary') {
      return reply(
        200,
        summaryBody({
          period: u.searchParams.get('period'),
          receivedAt: '2026-11-19T06:30:00.000Z',
          submissions: 1,
          submissionId: 'r1',
          row: summaries.at(-1) ?? null, // the latest submission is counted
          total: mergeStats(summaries.slice(-1)),
        }),
      );
    }
    return reply(404, { error: { code: 'not-found', message: '没有这个接口' } });
  };
  return { fetch, stored, calls, encodings, keys, summaries };
}

const cli = (service: ReturnType<typeof countyService>, env: Record<string, string>, ...args: string[]) =>
  cliWith({ env, remote: { fetch: service.fetch, backoffMs: 0, attempts: 2 } }, ...args);

const ENV = { SIGE_SERVER: 'http://127.0.0.1:9', SIGE_TOKEN: 'unit-token', SIGE_STATE_DIR: tmp.path('state') };
const projects = [project(0), variedProject(1), variedProject(2)];

beforeAll(async () => {
  await writeLayout(ledgerTemplate({ unit: '保家镇', records: projects, updatedAt: '2026-11-18' }), clean);
  await messyWorkbook(broken, [project(0, { contact: '李四' })]);
});
afterAll(() => tmp.remove());

describe('submit', () => {
  it('needs a server, a token and a period (exit 2, says how to give them)', async () => {
    const service = countyService();
    const noServer = await cli(service, {}, 'submit', clean, '--period', '2026-W47');
    expect(noServer.code).toBe(2);
    expect(noServer.err).toContain('SIGE_SERVER');
    const noToken = await cli(service, { SIGE_SERVER: 'http://127.0.0.1:9' }, 'submit', clean, '--period', '2026-W47');
    expect(noToken.err).toContain('SIGE_TOKEN');
    expect((await cli(service, ENV, 'submit', clean)).err).toContain('--period');
    expect((await cli(service, ENV, 'submit', clean, '--period', '2026-W99')).code).toBe(2);
    expect(service.calls).toEqual([]);
  });

  it('does not send a ledger with errors: prints the report, exit 1', async () => {
    const service = countyService();
    const r = await cli(service, ENV, 'submit', broken, '--period', '2026-W47');
    expect(r.code).toBe(1);
    expect(r.out).toContain('未报送：请先改正以上错误。');
    expect(r.out).toContain('电话');
    expect(service.calls).toEqual([]);
  });

  it('each run is a new submission: A, B, then A again → three stored, the county counts A', async () => {
    const service = countyService();
    const file = tmp.path('改来改去.xlsx');
    const a = [project(0), variedProject(1), variedProject(2)];
    const b = [project(0), variedProject(1)];
    await writeLayout(ledgerTemplate({ unit: '保家镇', records: a, updatedAt: '2026-11-18' }), file);
    const first = await cli(service, ENV, 'submit', file, '--period', '2026-W47');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/^报送成功：保家镇，2026-W47，2026-11-19 14:30 收到（按时），项目 3 个/u);
    await writeLayout(ledgerTemplate({ unit: '保家镇', records: b, updatedAt: '2026-11-18' }), file);
    expect((await cli(service, ENV, 'submit', file, '--period', '2026-W47')).out).toContain('项目 2 个');
    await writeLayout(ledgerTemplate({ unit: '保家镇', records: a, updatedAt: '2026-11-18' }), file);
    const third = await cli(service, ENV, 'submit', file, '--period', '2026-W47', '--json');
    expect(third.code).toBe(0);
    expect(JSON.parse(third.out)).toMatchObject({ id: 'r3', replayed: false, rows: 3 });
    expect(service.stored.size).toBe(3);
    expect(new Set(service.keys).size).toBe(3);
    expect(service.summaries.at(-1)?.projects).toBe(3);
    expect(service.encodings).toEqual(['gzip', 'gzip', 'gzip']);
    // Settled attempts leave no key behind.
    expect(existsSync(ENV.SIGE_STATE_DIR) ? readdirSync(ENV.SIGE_STATE_DIR) : []).toEqual([]);
    const body = SubmissionBodySchema.parse(JSON.parse([...service.stored.values()][0]?.body as string));
    // The records went by column (wireSubmission).
    expect(isRawColumns(body.rows) && body.rows.row).toHaveLength(3);
    expect(body.meta.unit).toBe('保家镇');
  });

  it('flags win over the environment', async () => {
    const service = countyService();
    const flags = await cli(
      service,
      { SIGE_STATE_DIR: ENV.SIGE_STATE_DIR },
      'submit',
      clean,
      '--period',
      '2026-W48',
      '--server',
      'http://127.0.0.1:9',
      '--token',
      'unit-token',
    );
    expect(flags.code).toBe(0);
    expect(service.stored.size).toBe(1);
  });

  it('an attempt whose answer was lost is resumed by the next run with the same key: stored once', async () => {
    const service = countyService({ loseResponses: 2 });
    const lost = await cli(service, ENV, 'submit', clean, '--period', '2026-W47');
    expect(lost.code).toBe(2);
    expect(lost.err).toContain('会用同一幂等键续报');
    expect(readdirSync(ENV.SIGE_STATE_DIR)).toHaveLength(1);
    const again = await cli(service, ENV, 'submit', clean, '--period', '2026-W47');
    expect(again.code).toBe(0);
    expect(again.err).toContain('续报上次未完成的报送');
    expect(again.out).toMatch(/^服务器此前已收到这次报送，返回原回执：保家镇/u);
    expect(service.stored.size).toBe(1);
    expect(new Set(service.keys).size).toBe(1);
    expect(readdirSync(ENV.SIGE_STATE_DIR)).toEqual([]);
    // Near miss: the run after the settled one is a new submission.
    expect((await cli(service, ENV, 'submit', clean, '--period', '2026-W47')).code).toBe(0);
    expect(service.stored.size).toBe(2);
  });

  it('--dry-run stores nothing and reports the changes', async () => {
    const service = countyService();
    const r = await cli(service, ENV, 'submit', clean, '--period', '2026-W47', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.out).toContain('试报通过（未入库）');
    expect(r.out).toContain('新增 0 个');
    expect(service.stored.size).toBe(0);
    expect(service.encodings).toEqual(['gzip']);
  });

  it('a server that cannot be reached or refuses the token: exit 2 with one Chinese line', async () => {
    const down = await cli(countyService({ down: true }), ENV, 'submit', clean, '--period', '2026-W47');
    expect(down.code).toBe(2);
    // One line per retry (attempts: 2 here), then the one error line.
    expect(down.err).toMatch(
      /^第 1 次报送未完成（无法连接服务器[^\n]*同一幂等键重试[^\n]*\n错误：无法连接服务器[^\n]*续报[^\n]*\n$/u,
    );
    const badToken = await cli(
      countyService(),
      { ...ENV, SIGE_TOKEN: 'wrong' },
      'submit',
      clean,
      '--period',
      '2026-W47',
    );
    expect(badToken.code).toBe(2);
    expect(badToken.err).toContain('令牌无效');
  });
});

describe('summary and status', () => {
  it('summary prints the county table and writes the 附件4 workbook', async () => {
    const service = countyService();
    await cli(service, ENV, 'submit', clean, '--period', '2026-W47');
    const out = tmp.path('全县统计表.xlsx');
    const r = await cli(service, ENV, 'summary', '--period', '2026-W47', '--out', out, '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    const row = summarize('保家镇', checkRecords(projects.map((cells, i) => ({ row: i + 5, cells }))).rows);
    expect(json.units).toEqual([statsJson(row)]);
    expect(json.total).toEqual(statsJson(mergeStats([row])));
    // what the county table covers: 郁山镇 has a 未报 row and is named in the 说明 line
    expect(json.coverage).toMatchObject({ expected: 2, reported: 1, missing: ['郁山镇'] });
    expect(json.notes).toContain('未报 1 个（郁山镇）');
    expect(existsSync(out)).toBe(true);
    const ws = (await load(out)).getWorksheet('分类统计表') as ExcelJS.Worksheet;
    expect(text(ws.getCell('A1').value)).toContain('分类统计表');
    expect(Array.from({ length: 32 }, (_, c) => ws.getCell(5, c + 1).value ?? '')).toEqual(statsCells(row, 1));
    expect([ws.getCell(6, 2).value, ws.getCell(6, 3).value, ws.getCell(6, 4).value]).toEqual(['郁山镇', '未报', null]);
    expect(ws.getCell(7, 2).value).toBe('合计（已报 1 / 应报 2 个单位）');
    expect(text(ws.getCell(8, 1).value)).toContain('说明：本表应报 2 个单位，已报 1 个');
    const table = await cli(service, ENV, 'summary', '--period', '2026-W47');
    expect(table.out).toMatch(/^2026年第47周.*\n地区\t项目数/u);
  });

  it('status shows on time / late / missing, both rates and the 催报名单 (GET /periods/P/status)', async () => {
    const calls: string[] = [];
    const unit = (name: string, status: 'on-time' | 'missing') => ({
      unit: name,
      type: '乡镇',
      status,
      receivedAt: status === 'missing' ? null : '2026-11-19T06:30:00.000Z',
      firstReceivedAt: status === 'missing' ? null : '2026-11-19T06:30:00.000Z',
      submissions: status === 'missing' ? 0 : 1,
      submissionId: status === 'missing' ? null : 'r1',
      projects: status === 'missing' ? null : 3,
      warnings: status === 'missing' ? null : 0,
      accepted: null,
      exception: false,
      contact: { name: status === 'missing' ? '张三' : null, phone: status === 'missing' ? '13800000000' : null },
      changes: [],
    });
    const fetch: Fetch = async (url) => {
      calls.push(url);
      return reply(200, {
        period: '2026-W47',
        periodLabel: '2026年第47周（截止 11月19日 16:00）',
        deadline: '2026-11-19T08:00:00.000Z',
        closesAt: null,
        expected: 2,
        reported: 1,
        onTime: 1,
        late: 0,
        missing: 1,
        reportingRate: 0.5,
        timelinessRate: 0.5,
        units: [unit('保家镇', 'on-time'), unit('郁山镇', 'missing')],
        chase: [{ unit: '郁山镇', contact: { name: '张三', phone: '13800000000' } }],
      });
    };
    const r = await cliWith({ env: ENV, remote: { fetch } }, 'status', '--period', '2026-W47');
    expect(r.code).toBe(0);
    expect(r.out).toContain('按时 1，逾期 0，未报 1；报送率 50.0%，及时率 50.0%');
    expect(r.out).toMatch(/未报\s+郁山镇/u);
    expect(r.out).toContain('催报名单（1 个单位）：\n  郁山镇  张三 13800000000');
    expect(calls).toEqual(['http://127.0.0.1:9/api/v1/periods/2026-W47/status']);
    const j = JSON.parse(
      (await cliWith({ env: ENV, remote: { fetch } }, 'status', '--period', '2026-W47', '--json')).out,
    );
    expect(j).toMatchObject({
      period: '2026-W47',
      deadline: '2026-11-19T08:00:00.000Z',
      expected: 2,
      reportingRate: 0.5,
    });
    expect(j.units[1]).toMatchObject({ unit: '郁山镇', status: 'missing', receivedAt: null, accepted: null });
  });

  it('help lists the remote commands in Chinese and English', async () => {
    const r = await cli(countyService(), {}, '--help');
    expect(r.out).toMatch(/submit[\s\S]*报送台账到县级服务/u);
    expect(r.out).toMatch(/status[\s\S]*who has reported/u);
  });
});
