/**
 * Issue 10, the CLI side: reports bounded per rule, a stalled server cannot hang a command,
 * refusals exit 1, and control characters from cells or the server never reach the terminal raw.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Issue } from '../shared/index.js';
import { ISSUE_CAP } from '../shared/issue-cap.js';
import { ledgerTemplate } from '../shared/layout/ledger-sheet.js';
import { annotationMarks, MAX_MARKED_CELLS, MAX_NOTE_LINES } from './annotate.js';
import type { Fetch } from './remote.js';
import { terminalSafe } from './terminal.js';
import { cli, cliWith, tempDir } from './test/helpers.js';
import { project, variedProject } from './test/projects.js';
import { jsonResponse as reply } from './test/service.js';
import { writeLayout } from './workbook-write.js';

const tmp = tempDir();
const dup = tmp.path('重复编号.xlsx');
const clean = tmp.path('保家镇.xlsx');
const escapes = tmp.path('控制字符.xlsx');
const DUPLICATES = 2000;

beforeAll(async () => {
  const same = Array.from({ length: DUPLICATES }, (_, i) => variedProject(i, 'PS'));
  for (const p of same) p.code = 'PS-0001';
  await writeLayout(ledgerTemplate({ unit: '保家镇', records: same, updatedAt: '2026-11-18' }), dup);
  await writeLayout(
    ledgerTemplate({ unit: '保家镇', records: [project(0), variedProject(1)], updatedAt: '2026-11-18' }),
    clean,
  );
  const bad = project(0, { name: '\u001b[2J\u001b[31m恶意\u202e项目\r覆盖' });
  await writeLayout(ledgerTemplate({ unit: '保家镇', records: [bad], updatedAt: '2026-11-18' }), escapes);
});
afterAll(() => tmp.remove());

describe('bounded reports', () => {
  it(`${DUPLICATES} rows sharing one 项目编号: text and --json list the first ${ISSUE_CAP.perRule}, then a count`, async () => {
    const text = await cli('validate', dup);
    expect(text.code).toBe(1);
    const listed = text.out
      .split('\n')
      .filter((l) => l.includes('(code.duplicate)') || l.includes('（code.duplicate）'));
    expect(listed.length).toBe(ISSUE_CAP.perRule + 1);
    expect(text.out).toContain(`另有 ${(DUPLICATES - ISSUE_CAP.perRule).toLocaleString('en-US')} 处`);
    expect(text.out.length).toBeLessThan(200_000);
    const json = JSON.parse((await cli('validate', dup, '--json')).out);
    expect(json.issuesTotal).toBeGreaterThanOrEqual(DUPLICATES);
    expect(json.issues.filter((i: Issue) => i.ruleId === 'code.duplicate')).toHaveLength(ISSUE_CAP.perRule + 1);
  });

  it('near miss: a clean ledger reports every issue it has (none capped)', async () => {
    const json = JSON.parse((await cli('validate', clean, '--json')).out);
    expect(json.issues.length).toBe(json.issuesTotal);
  });

  it('--annotate marks at most MAX_MARKED_CELLS cells with at most MAX_NOTE_LINES lines each', () => {
    expect([MAX_MARKED_CELLS, MAX_NOTE_LINES]).toEqual([20_000, 5]);
    const limits = { cells: 2000, lines: MAX_NOTE_LINES };
    const issues: Issue[] = [];
    const long = '说明'.repeat(200);
    for (let row = 5; row < 5 + limits.cells + 1000; row++) {
      for (let k = 0; k < MAX_NOTE_LINES + 3; k++) {
        issues.push({ row, field: 'name', cell: null, ruleId: `r${k}`, severity: 'error', message: long });
      }
    }
    const report = { issues, suggestions: [], header: { columns: { seq: 0, name: 1 } } } as never;
    const marks = annotationMarks(report, limits);
    expect(marks.length).toBe(limits.cells);
    const lines = marks[0]?.note.split('\n') ?? [];
    expect(lines.length).toBe(MAX_NOTE_LINES + 1);
    expect(lines.at(-1)).toContain('另有 3 条');
    expect(Math.max(...marks.map((m) => m.note.length))).toBeLessThan((MAX_NOTE_LINES + 1) * ISSUE_CAP.messageChars);
  });
});

describe('a stalled server', () => {
  let server: Server;
  let url = '';
  const sockets = new Set<import('node:net').Socket>();
  beforeAll(async () => {
    // Accepts connections and never answers.
    server = createServer(() => {});
    server.on('connection', (s) => sockets.add(s));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => server.close(r));
  });

  it('cannot hang summary: exit 2 with a Chinese timeout message, within the deadline', async () => {
    const started = performance.now();
    const r = await cliWith(
      { env: { SIGE_SERVER: url, SIGE_TOKEN: 't' }, remote: { timeoutMs: 400 } },
      'summary',
      '--period',
      '2026-W47',
    );
    const ms = performance.now() - started;
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^错误：服务器 http:\/\/127\.0\.0\.1:\d+ 在 0 秒内没有完成应答/u);
    expect(ms).toBeLessThan(5000);
  });

  it('submit retries the stalled server within its retry window, says so, then gives up (exit 2)', async () => {
    const r = await cliWith(
      {
        env: { SIGE_SERVER: url, SIGE_TOKEN: 't', SIGE_STATE_DIR: tmp.path('state-stalled') },
        remote: { timeoutMs: 200, backoffMs: 50, retryForMs: 400 },
      },
      'submit',
      clean,
      '--period',
      '2026-W47',
    );
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/第 1 次报送未完成（服务器 [^\n]*没有完成应答[^\n]*同一幂等键重试/u);
    expect(r.err).toMatch(/错误：[^\n]*续报/u);
  });
});

describe('refusals and terminal safety', () => {
  const refusing =
    (code: string, message: string): Fetch =>
    async () =>
      reply(422, { error: { code, message } });

  it('a submission the server refuses exits 1 even without an issue list (period not open, empty ledger)', async () => {
    for (const [code, message] of [
      ['period-not-open', '报送期次“2027-W10”尚未开始'],
      ['ledger-empty', '台账没有任何项目行，未予接收'],
    ]) {
      const r = await cliWith(
        {
          env: { SIGE_SERVER: 'http://h', SIGE_TOKEN: 't', SIGE_STATE_DIR: tmp.path('state-refused') },
          remote: { fetch: refusing(code as string, message as string) },
        },
        'submit',
        clean,
        '--period',
        '2026-W47',
      );
      expect(r.code).toBe(1);
      expect(r.out).toContain(`服务器拒收：${message}`);
    }
  });

  it('near miss: a server error (500) is not a refusal: exit 2', async () => {
    const r = await cliWith(
      {
        env: { SIGE_SERVER: 'http://h', SIGE_TOKEN: 't', SIGE_STATE_DIR: tmp.path('state-500') },
        remote: {
          fetch: async () => reply(500, { error: { code: 'internal', message: '服务器内部错误' } }),
          attempts: 1,
        },
      },
      'submit',
      clean,
      '--period',
      '2026-W47',
    );
    expect(r.code).toBe(2);
  });

  it('escape sequences and bidi marks from cells are printed escaped, in text and in --json', async () => {
    const r = await cli('validate', escapes);
    for (const ch of ['\u001b', '\u202e', '\r']) expect(r.out.includes(ch)).toBe(false);
    const json = await cli('validate', escapes, '--json');
    for (const ch of ['\u001b', '\u202e', '\r']) expect(json.out.includes(ch)).toBe(false);
    expect(JSON.parse(json.out).issues.length + JSON.parse(json.out).projects).toBeGreaterThan(0);
  });

  it('escape sequences in a server message are printed escaped', async () => {
    const r = await cliWith(
      {
        env: { SIGE_SERVER: 'http://h', SIGE_TOKEN: 't', SIGE_STATE_DIR: tmp.path('state-esc') },
        remote: { fetch: refusing('x', '拒收\u001b]0;title\u0007\u001b[2J') },
      },
      'submit',
      clean,
      '--period',
      '2026-W47',
    );
    expect(r.out).toContain('拒收\\u001b]0;title\\u0007\\u001b[2J');
    expect(r.out.includes('\u001b')).toBe(false);
  });

  it('terminalSafe keeps line breaks, tabs and Chinese; JSON stays equivalent', () => {
    expect(terminalSafe('第5行\t项目\n')).toBe('第5行\t项目\n');
    const json = JSON.stringify({ v: 'a\u202eb\u200bc' });
    expect(JSON.parse(terminalSafe(json))).toEqual({ v: 'a\u202eb\u200bc' });
  });
});
