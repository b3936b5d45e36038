/** Role matrix: unit tokens act for their own unit only; county tokens read everything; bad tokens → 401. */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '../../shared/contract.js';
import { revokeCredential } from '../db/credentials.js';
import { api, ledger, makeCounty, makeUnit, storedCounts, submit } from './helpers.js';

const PERIOD = '2026-W10';

let a: Awaited<ReturnType<typeof makeUnit>>;
let b: Awaited<ReturnType<typeof makeUnit>>;
let county: string;
let bSubmission: string;

beforeAll(async () => {
  a = await makeUnit();
  b = await makeUnit();
  county = await makeCounty();
  const res = await submit(b.token, ledger(b.name, 4, PERIOD));
  expect(res.status).toBe(201);
  bSubmission = ((await res.json()) as { id: string }).id;
});

async function expectError(res: Response, status: number, code: string) {
  const body = ApiErrorSchema.parse(await res.json());
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/u);
}

describe('authentication', () => {
  it.each([
    ['no header', undefined],
    ['not bearer', 'Basic abc'],
    ['malformed token', 'Bearer sgyp_xyz'],
    ['unknown token', `Bearer sgyp_0123456789ab_${'A'.repeat(43)}`],
  ])('%s → 401', async (_label, header) => {
    const res = await api('/me', { headers: header ? { authorization: header } : {} });
    await expectError(res, 401, 'unauthorized');
  });

  it('a token with a right id but a wrong secret → 401', async () => {
    const forged = `${a.token.slice(0, 18)}${'B'.repeat(43)}`;
    expect(forged).not.toBe(a.token);
    await expectError(await api('/me', { token: forged }), 401, 'unauthorized');
  });

  it('a revoked token → 401, other tokens keep working', async () => {
    const c = await makeUnit();
    expect((await api('/me', { token: c.token })).status).toBe(200);
    expect(await revokeCredential(env.DB, c.tokenId)).toBe(true);
    await expectError(await api('/me', { token: c.token }), 401, 'unauthorized');
    await expectError(await submit(c.token, ledger(c.name, 2, PERIOD)), 401, 'unauthorized');
    expect((await api('/me', { token: a.token })).status).toBe(200);
  });

  it('the summary (read in the same D1 round trip as the token) answers nothing to a bad token', async () => {
    const summary = (token: string | null, period = PERIOD) => api(`/summary?period=${period}`, { token });
    const forged = `${county.slice(0, 18)}${'B'.repeat(43)}`;
    await expectError(await summary(forged), 401, 'unauthorized');
    await expectError(await summary(`sgyp_0123456789ab_${'A'.repeat(43)}`), 401, 'unauthorized');
    await expectError(await summary(null), 401, 'unauthorized');
    await expectError(await summary(a.token), 403, 'forbidden');
    await expectError(await summary(county, '2026-W99'), 400, 'invalid-query');
    const other = await makeCounty();
    const ok = await summary(other);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { units: { unit: string }[] }).units.map((u) => u.unit)).toContain(b.name);
    const id = /^sgyp_([0-9a-f]{12})_/u.exec(other)?.[1] ?? '';
    expect(await revokeCredential(env.DB, id)).toBe(true);
    await expectError(await summary(other), 401, 'unauthorized');
  });

  it('/me tells who the token belongs to', async () => {
    expect(await (await api('/me', { token: a.token })).json()).toMatchObject({
      role: 'unit',
      unit: { name: a.name, type: '乡镇' },
    });
    expect(await (await api('/me', { token: county })).json()).toMatchObject({ role: 'county', unit: null });
  });
});

describe('unit A against unit B', () => {
  it('cannot submit a ledger whose 填报单位 is B; nothing is stored', async () => {
    const before = await storedCounts();
    await expectError(await submit(a.token, ledger(b.name, 3, PERIOD)), 403, 'unit-mismatch');
    expect(await storedCounts()).toEqual(before);
  });

  it("cannot read B's submission or list B's submissions", async () => {
    await expectError(await api(`/submissions/${bSubmission}`, { token: a.token }), 403, 'forbidden');
    await expectError(
      await api(`/submissions?period=${PERIOD}&unit=${encodeURIComponent(b.name)}`, { token: a.token }),
      403,
      'forbidden',
    );
    const own = (await (await api(`/submissions?period=${PERIOD}`, { token: a.token })).json()) as {
      submissions: unknown[];
    };
    expect(own.submissions).toEqual([]);
  });

  it('cannot read the summary, the drill-down or B’s changes', async () => {
    await expectError(await api(`/summary?period=${PERIOD}`, { token: a.token }), 403, 'forbidden');
    await expectError(await api(`/projects?period=${PERIOD}`, { token: a.token }), 403, 'forbidden');
    await expectError(
      await api(`/changes?period=${PERIOD}&unit=${encodeURIComponent(b.name)}`, { token: a.token }),
      403,
      'forbidden',
    );
  });

  it('B reads its own submission', async () => {
    const res = await api(`/submissions/${bSubmission}`, { token: b.token });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { projects: unknown[] }).projects).toHaveLength(4);
  });
});

describe('county', () => {
  it('reads every unit: submissions, one submission, summary, drill-down, changes', async () => {
    const list = (await (await api(`/submissions?period=${PERIOD}`, { token: county })).json()) as {
      submissions: { unit: string }[];
    };
    expect(list.submissions.map((s) => s.unit)).toContain(b.name);
    expect((await api(`/submissions/${bSubmission}`, { token: county })).status).toBe(200);
    expect((await api(`/summary?period=${PERIOD}`, { token: county })).status).toBe(200);
    expect((await api(`/projects?period=${PERIOD}&unit=${encodeURIComponent(b.name)}`, { token: county })).status).toBe(
      200,
    );
    expect((await api(`/changes?period=${PERIOD}&unit=${encodeURIComponent(b.name)}`, { token: county })).status).toBe(
      200,
    );
  });

  it('cannot submit in place of a unit', async () => {
    await expectError(await submit(county, ledger(a.name, 2, PERIOD)), 403, 'forbidden');
  });
});
