/** Invalid payloads → 4xx with a Chinese message, and nothing stored (counted before and after). */
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, MAX_SUBMISSION_ROWS } from '../../shared/contract.js';
import { api, ledger, makeUnit, refused, storedCounts, submit } from './helpers.js';

const PERIOD = '2026-W12';

describe('invalid submissions store nothing', () => {
  it.each([
    [
      'a cell of the wrong type',
      (l: ReturnType<typeof ledger>) => ({ ...l, rows: [{ row: 5, cells: { year: { y: 2021 } } }] }),
    ],
    ['an unknown top-level field', (l: ReturnType<typeof ledger>) => ({ ...l, extra: 1 })],
    [
      'an unknown column key',
      (l: ReturnType<typeof ledger>) => ({ ...l, rows: [{ row: 5, cells: { colour: 'red' } }] }),
    ],
    ['a bad period', (l: ReturnType<typeof ledger>) => ({ ...l, period: '2026-W99' })],
    ['rows not an array', (l: ReturnType<typeof ledger>) => ({ ...l, rows: 'all of them' })],
    ['cells not an object', (l: ReturnType<typeof ledger>) => ({ ...l, rows: [{ row: 5, cells: ['保家镇', 2021] }] })],
    [
      'a cell that is an object among valid ones',
      (l: ReturnType<typeof ledger>) => ({
        ...l,
        rows: l.rows.map((r, i) => (i === 1 ? { ...r, cells: { ...r.cells, investTotal: { v: 1 } } } : r)),
      }),
    ],
  ])('%s → 422 invalid-body', async (_label, mutate) => {
    const u = await makeUnit();
    const before = await storedCounts();
    const error = await refused(await submit(u.token, mutate(ledger(u.name, 3, PERIOD)) as never), 422, 'invalid-body');
    expect(error.issues?.length).toBeGreaterThan(0);
    expect(await storedCounts()).toEqual(before);
  });

  it('a wrong cell type names the row and the column', async () => {
    const u = await makeUnit();
    const l = ledger(u.name, 2, PERIOD);
    const error = await refused(
      await submit(u.token, { ...l, rows: [{ row: 9, cells: { year: [2021] } }] } as never),
      422,
      'invalid-body',
    );
    expect(error.issues?.[0]).toMatchObject({ row: 9, field: 'year', ruleId: 'schema' });
    expect(error.issues?.[0]?.message).toContain('第9行“实施年度”');
  });

  it('over-long text and an unknown column are named with their row', async () => {
    const u = await makeUnit();
    const l = ledger(u.name, 2, PERIOD);
    const long = await refused(
      await submit(u.token, { ...l, rows: [{ row: 6, cells: { remarks: 'x'.repeat(MAX_CELL_CHARS + 1) } }] }),
      422,
      'invalid-body',
    );
    expect(long.issues?.[0]).toMatchObject({ row: 6, field: 'remarks' });
    expect(long.issues?.[0]?.message).toContain(`最多 ${MAX_CELL_CHARS} 字`);
    const unknown = await refused(
      await submit(u.token, { ...l, rows: [{ row: 7, cells: { colour: 'red' } }] } as never),
      422,
      'invalid-body',
    );
    expect(unknown.issues?.[0]).toMatchObject({ row: 7 });
    expect(unknown.issues?.[0]?.message).toContain('colour');
  });

  it(`${MAX_SUBMISSION_ROWS + 1} rows → 422`, async () => {
    const u = await makeUnit();
    const before = await storedCounts();
    const rows = Array.from({ length: MAX_SUBMISSION_ROWS + 1 }, (_, i) => ({ row: 5 + i, cells: { seq: i } }));
    await refused(await submit(u.token, { ...ledger(u.name, 1, PERIOD), rows }), 422, 'invalid-body');
    expect(await storedCounts()).toEqual(before);
  });

  it('6 MB → 413', async () => {
    const u = await makeUnit();
    const before = await storedCounts();
    const l = ledger(u.name, 1, PERIOD);
    const big = { ...l, rows: [{ row: 5, cells: { remarks: 'x'.repeat(6 * 1024 * 1024) } }] };
    await refused(await submit(u.token, big as never), 413, 'payload-too-large');
    expect(await storedCounts()).toEqual(before);
  });

  it('a ledger with errors → 422 with the issue list (rule ids, rows, cells)', async () => {
    const u = await makeUnit();
    const before = await storedCounts();
    const l = ledger(u.name, 4, PERIOD);
    const third = l.rows[2];
    if (!third) throw new Error('fixture has no third row');
    third.cells.category = null;
    third.cells.investTotal = 1;
    const error = await refused(await submit(u.token, { ...l, columns: { category: 4 } }), 422, 'ledger-invalid');
    const ids = error.issues?.filter((i) => i.severity === 'error').map((i) => i.ruleId);
    expect(ids).toEqual(expect.arrayContaining(['category.missing', 'invest.sum']));
    expect(error.issues?.find((i) => i.ruleId === 'category.missing')).toMatchObject({ row: 7, cell: 'E7' });
    expect(await storedCounts()).toEqual(before);
  });

  it('an empty ledger → 422', async () => {
    const u = await makeUnit();
    await refused(await submit(u.token, { ...ledger(u.name, 1, PERIOD), rows: [] }), 422, 'ledger-empty');
  });

  it('not JSON → 400; not declared as JSON → 415', async () => {
    const u = await makeUnit();
    const before = await storedCounts();
    const headers = { 'idempotency-key': crypto.randomUUID() };
    await refused(await api('/submissions', { token: u.token, rawBody: '{"period":', headers }), 400, 'invalid-json');
    await refused(
      await api('/submissions', {
        token: u.token,
        rawBody: '{}',
        headers: { ...headers, 'content-type': 'text/plain' },
      }),
      415,
      'unsupported-media-type',
    );
    expect(await storedCounts()).toEqual(before);
  });

  it('bad query parameters → 400 naming the parameter', async () => {
    const u = await makeUnit();
    const error = await refused(await api('/submissions?period=next-week', { token: u.token }), 400, 'invalid-query');
    expect(error.message).toContain('period');
  });
});

describe('other hardening', () => {
  it('unknown routes → 404 JSON', async () => {
    const u = await makeUnit();
    await refused(await api('/nothing-here', { token: u.token }), 404, 'not-found');
  });

  it('CORS: only configured origins are echoed', async () => {
    const preflight = (origin: string) =>
      api('/submissions', {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
    const ok = await preflight('https://addin.example.org');
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://addin.example.org');
    expect(ok.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    const other = await preflight('https://evil.example.com');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
