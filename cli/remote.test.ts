/** The CLI's HTTP client against a scripted fetch: retries with one key, error mapping, response checks. */
import { describe, expect, it } from 'vitest';
import { demoSubmission } from '../scripts/demo-ledger.js';
import { apiUrl, ServiceError, type ServiceRequest } from '../shared/api/index.js';
import { SubmissionBodySchema, wireSubmission } from '../shared/contract.js';
import { emptyStats } from '../shared/index.js';
import { cliService, type Fetch, fetchStatus, formatStatus, submitLedger } from './remote.js';
import { jsonResponse as json, requestText, summaryBody } from './test/service.js';

const submission = demoSubmission('保家镇', { period: '2026-W47', rows: 2 });
const receipt = {
  id: 'a1',
  unit: '保家镇',
  period: '2026-W47',
  receivedAt: '2026-11-19T07:00:00.000Z',
  status: 'on-time',
  rows: 2,
  contentHash: 'f'.repeat(64),
  warnings: 0,
  summary: emptyStats('保家镇'),
};

function scripted(answers: (Response | Error)[]) {
  const seen: { url: string; init?: ServiceRequest }[] = [];
  const fetch: Fetch = async (url, init) => {
    seen.push({ url, init });
    const next = answers.shift();
    if (!next) throw new Error('no more answers');
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch, seen };
}

describe('submitLedger', () => {
  it('retries network errors, 503 and 409 with the same Idempotency-Key, then returns the receipt', async () => {
    const { fetch, seen } = scripted([
      new TypeError('fetch failed'),
      json(503, { error: { code: 'internal', message: '服务器内部错误' } }),
      json(409, { error: { code: 'in-flight', message: '正在处理中' } }),
      json(200, receipt),
    ]);
    const r = await submitLedger('http://127.0.0.1:8787/', 'tok', submission, 'key-12345678', { fetch, backoffMs: 0 });
    expect(r).toEqual({ receipt, replayed: true });
    expect(seen).toHaveLength(4);
    expect(new Set(seen.map((s) => ((s.init?.headers ?? {}) as Record<string, string>)['idempotency-key']))).toEqual(
      new Set(['key-12345678']),
    );
    expect(seen[0]?.url).toBe('http://127.0.0.1:8787/api/v1/submissions');
  });

  it('near miss: a 409 that is a refusal (the county accepted the period) is not retried', async () => {
    const { fetch, seen } = scripted([
      json(409, { error: { code: 'period-accepted', message: '本期已由县乡村振兴局确认（已确认）' } }),
      json(201, receipt),
    ]);
    await expect(
      submitLedger('http://h', 't', submission, 'key-12345678', { fetch, backoffMs: 0 }),
    ).rejects.toMatchObject({ status: 409, code: 'period-accepted' });
    expect(seen).toHaveLength(1);
  });

  it('sends the ledger gzipped, and a retry the very same bytes', async () => {
    const { fetch, seen } = scripted([new TypeError('fetch failed'), json(201, receipt)]);
    const r = await submitLedger('http://h', 't', submission, 'key-12345678', { fetch, backoffMs: 0 });
    expect(r.replayed).toBe(false);
    const [first, second] = seen.map((s) => s.init);
    const headers = first?.headers as Record<string, string>;
    expect(headers['content-encoding']).toBe('gzip');
    expect(headers['content-type']).toBe('application/json');
    const body = first?.body as Uint8Array;
    expect([body[0], body[1]]).toEqual([0x1f, 0x8b]);
    expect(body.byteLength).toBeLessThan(JSON.stringify(submission).length);
    expect(second?.body).toBe(body);
    // The records go by column: the same submission in about half the bytes.
    expect(SubmissionBodySchema.parse(JSON.parse(requestText(first)))).toEqual(wireSubmission(submission));
    expect(requestText(first).length).toBeLessThan(JSON.stringify(submission).length);
  });

  it('a dry run is sent gzipped too', async () => {
    const dry = {
      ...receipt,
      id: 'dry-run',
      dryRun: true,
      diff: { previous: null, added: [], removed: [], reclassified: [] },
    };
    const { fetch, seen } = scripted([json(200, dry)]);
    expect(await cliService('http://h', 't', { fetch }).dryRun(submission)).toMatchObject({ dryRun: true });
    expect(seen[0]?.url).toBe('http://h/api/v1/submissions?dryRun=1');
    expect(seen[0]?.init?.headers).toMatchObject({ 'content-encoding': 'gzip' });
    expect(JSON.parse(requestText(seen[0]?.init))).toEqual(wireSubmission(submission));
  });

  it('does not retry a refusal: 422 carries the server’s issues', async () => {
    const issue = {
      row: 7,
      field: 'contact',
      cell: 'G7',
      ruleId: 'contact.phone',
      severity: 'error',
      message: '第7行…',
    };
    const { fetch, seen } = scripted([
      json(422, { error: { code: 'ledger-invalid', message: '台账有 1 个错误', issues: [issue] } }),
    ]);
    const error = await submitLedger('http://h', 't', submission, 'key-12345678', { fetch, backoffMs: 0 }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ status: 422, code: 'ledger-invalid', issues: [issue] });
    expect(seen).toHaveLength(1);
  });

  it('gives up after the attempts with the last error', async () => {
    const { fetch } = scripted([new TypeError('down'), new TypeError('down')]);
    await expect(
      submitLedger('http://h', 't', submission, 'key-12345678', { fetch, attempts: 2, backoffMs: 0 }),
    ).rejects.toMatchObject({ status: 0, code: 'network' });
  });

  it('refuses a key that cannot travel in a header, before sending anything', async () => {
    const { fetch, seen } = scripted([]);
    await expect(submitLedger('http://h', 't', submission, '保家镇-2026-W47', { fetch })).rejects.toMatchObject({
      code: 'bad-key',
    });
    expect(seen).toHaveLength(0);
  });

  it('a response that is not the contract → bad-response', async () => {
    const { fetch } = scripted([json(201, { id: 'x' })]);
    await expect(submitLedger('http://h', 't', submission, 'key-12345678', { fetch })).rejects.toMatchObject({
      code: 'bad-response',
    });
  });
});

describe('status and URLs', () => {
  it('fetchStatus maps the summary; formatStatus prints Chinese lines in Shanghai time', async () => {
    const summary = summaryBody({
      period: '2026-W47',
      receivedAt: '2026-11-19T07:59:59.000Z',
      submissions: 2,
      submissionId: 'a1',
      row: emptyStats('保家镇'),
      total: emptyStats('合计'),
    });
    const { fetch, seen } = scripted([json(200, summary)]);
    const board = await fetchStatus('https://county.example.org', 'tok', '2026-W47', { fetch });
    expect(seen[0]?.url).toBe('https://county.example.org/api/v1/summary?period=2026-W47');
    const text = formatStatus(board);
    expect(text).toContain('按时 1，逾期 0，未报 1');
    expect(text).toContain('按时  保家镇（乡镇）  11-19 15:59  共报送 2 次');
    expect(text).toContain('未报  郁山镇（乡镇）  —');
  });

  it('apiUrl keeps a path prefix and refuses non-HTTP addresses', () => {
    expect(apiUrl('https://x.org/ledger/', '/me')).toBe('https://x.org/ledger/api/v1/me');
    expect(() => apiUrl('ftp://x.org', '/me')).toThrow(ServiceError);
    expect(() => apiUrl('county', '/me')).toThrow(/服务器地址/u);
  });
});
