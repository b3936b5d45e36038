/** Decision records (spec §8): append-only history, roles, 公示 in working days, status per project and unit. */
import { env } from 'cloudflare:workers';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, ledger, makeCounty, makeUnit, refused, submit } from './helpers.js';

let county: string;
beforeAll(async () => {
  county = await makeCounty();
});

const post = (kind: string, token: string | null, body: unknown) => api(`/decisions/events/${kind}`, { token, body });

const application = {
  code: 'PS-1',
  name: '保家镇蔬菜大棚',
  category: '提升',
  measures: '补齐冷库',
  tier: '乡镇（街道）',
};
const approval = { category: '盘活', minutesNo: '彭振兴组〔2026〕5号', minutesDate: '2026-09-20' };

async function ok(res: Response, status = 201) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text);
}

describe('decision history', () => {
  it('keeps every step; a new 审定 adds a row and the earlier one stays readable', async () => {
    const u = await makeUnit();
    await ok(await post('application', u.token, application));
    await ok(await post('approval', county, { unit: u.name, code: 'PS-1', ...approval }));
    const second = await ok(
      await post('approval', county, {
        unit: u.name,
        code: 'PS-1',
        category: '重建',
        minutesNo: '纪要6号',
        minutesDate: '2026-09-25',
      }),
    );
    expect(second.state.approvedCategory).toBe('重建');
    expect(second.status).toBe('已审定');
    const view = await ok(
      await api(`/decisions/project?unit=${encodeURIComponent(u.name)}&code=PS-1`, { token: county }),
      200,
    );
    expect(view.history.map((e: { kind: string }) => e.kind)).toEqual(['application', 'approval', 'approval']);
    expect(view.history[1].data).toEqual(approval);
    expect(view.history[2].data.category).toBe('重建');
    expect(view.state.application.category).toBe('提升');
  });

  it('refuses UPDATE and DELETE on the stored rows', async () => {
    const u = await makeUnit();
    await ok(await post('application', u.token, application));
    const before = await env.DB.prepare('SELECT id, data FROM decision_events ORDER BY id DESC LIMIT 1').first<{
      id: number;
      data: string;
    }>();
    await expect(
      env.DB.prepare("UPDATE decision_events SET data = '{}' WHERE id = ?").bind(before?.id).run(),
    ).rejects.toThrow(/append-only/u);
    await expect(env.DB.prepare('DELETE FROM decision_events WHERE id = ?').bind(before?.id).run()).rejects.toThrow(
      /append-only/u,
    );
    const after = await env.DB.prepare('SELECT data FROM decision_events WHERE id = ?').bind(before?.id).first<{
      data: string;
    }>();
    expect(after?.data).toBe(before?.data);
  });

  it('refuses steps out of order with a Chinese reason and stores nothing', async () => {
    const u = await makeUnit();
    const n = async () =>
      (await env.DB.prepare('SELECT COUNT(*) AS n FROM decision_events').first<{ n: number }>())?.n ?? 0;
    const start = await n();
    const e1 = await refused(
      await post('reply', county, { unit: u.name, code: 'X', docNo: '彭振兴组发〔2026〕1号', date: '2026-10-01' }),
      409,
      'step-refused',
    );
    expect(e1.message).toContain('还没有审定记录');
    const e2 = await refused(
      await post('reclassification', county, { unit: u.name, code: 'X', ...approval }),
      409,
      'step-refused',
    );
    expect(e2.message).toContain('处置完毕之后');
    const e3 = await refused(
      await post('objection', county, { unit: u.name, code: 'X', text: '有异议', date: '2026-10-01' }),
      409,
      'step-refused',
    );
    expect(e3.message).toContain('还没有公示记录');
    await ok(await post('approval', county, { unit: u.name, code: 'X', ...approval }));
    const e4 = await refused(await post('application', u.token, { ...application, code: 'X' }), 409, 'step-refused');
    expect(e4.message).toContain('已由领导小组审定（盘活）');
    const e5 = await refused(
      await post('publicity', county, {
        unit: u.name,
        code: 'X',
        place: '项目地',
        start: '2026-10-09',
        end: '2026-10-08',
      }),
      409,
      'step-refused',
    );
    expect(e5.message).toContain('早于开始日期');
    expect(await n()).toBe(start + 1);
    // A bad body: a category that does not exist, named in Chinese.
    const e6 = await refused(
      await post('approval', county, { unit: u.name, code: 'X', ...approval, category: '改造' }),
      422,
      'invalid-body',
    );
    expect(e6.message).toContain('category');
    expect(await n()).toBe(start + 1);
  });
});

describe('roles', () => {
  const bodies: Record<string, Record<string, unknown>> = {
    application,
    opinion: { body: '乡镇（街道）', text: '同意', date: '2026-09-18' },
    approval,
    reply: { docNo: '彭振兴组发〔2026〕8号', date: '2026-09-22' },
    publicity: { place: '主管单位', start: '2026-09-23' },
    objection: { place: '主管单位', text: '群众反映分类偏轻', date: '2026-09-24' },
    disposal: { date: '2026-11-01' },
    reclassification: { category: '巩固', minutesNo: '纪要9号', minutesDate: '2026-11-20' },
  };

  it('a unit records only its own applications; the county records every other step', async () => {
    const u = await makeUnit();
    const other = await makeUnit();
    for (const [kind, body] of Object.entries(bodies)) {
      await refused(await post(kind, null, { ...body, code: 'R-1' }), 401, 'unauthorized');
      if (kind === 'application') {
        await refused(await post(kind, county, { unit: u.name, ...body, code: 'R-1' }), 403, 'forbidden');
        await refused(await post(kind, u.token, { unit: other.name, ...body, code: 'R-1' }), 403, 'forbidden');
        await ok(await post(kind, u.token, { ...body, code: 'R-1' }));
      } else {
        await refused(await post(kind, u.token, { ...body, code: 'R-1' }), 403, 'forbidden');
        await refused(await post(kind, county, { ...body, code: 'R-1' }), 400, 'unit-required');
        await ok(await post(kind, county, { unit: u.name, ...body, code: 'R-1' }));
      }
    }
    const view = await ok(await api('/decisions/project?code=R-1', { token: u.token }), 200);
    expect(view.history.map((e: { kind: string }) => e.kind)).toEqual(Object.keys(bodies));
    expect(view.status).toBe('已重新分类');
    await refused(await api('/decisions/events/bogus', { token: county, body: {} }), 404, 'not-found');
  });

  it('reads: a unit sees its own projects only; the county names the unit', async () => {
    const u = await makeUnit();
    const other = await makeUnit();
    for (const path of ['/decisions/project?code=R-1', '/decisions/approved', '/decisions/status?period=2026-W47']) {
      await refused(await api(path), 401, 'unauthorized');
      await ok(await api(path, { token: u.token }), 200);
      const sep = path.includes('?') ? '&' : '?';
      await refused(
        await api(`${path}${sep}unit=${encodeURIComponent(other.name)}`, { token: u.token }),
        403,
        'forbidden',
      );
      await ok(await api(`${path}${sep}unit=${encodeURIComponent(u.name)}`, { token: county }), 200);
      await refused(await api(`${path}${sep}unit=没有这个单位`, { token: county }), 404, 'not-found');
    }
    await refused(await api('/decisions/project?code=R-1', { token: county }), 400, 'unit-required');
    await refused(await api('/decisions/approved', { token: county }), 400, 'unit-required');
    await ok(await api('/decisions/status?period=2026-W47', { token: county }), 200);
  });
});

describe('公示', () => {
  async function decided() {
    const u = await makeUnit();
    await ok(await post('approval', county, { unit: u.name, code: 'G-1', ...approval }));
    return u;
  }

  it('ends 5 working days after the start, across 国庆 2026 (the adjusted Saturday 10-10 counts)', async () => {
    const u = await decided();
    const r = await ok(
      await post('publicity', county, { unit: u.name, code: 'G-1', place: '主管单位', start: '2026-09-29' }),
    );
    expect(r.state.postings.主管单位).toEqual({
      place: '主管单位',
      start: '2026-09-29',
      end: '2026-10-10',
      workingDays: 5,
    });
    expect(r.warnings).toEqual([]);
    // A longer end entered by the county is kept.
    const r2 = await ok(
      await post('publicity', county, {
        unit: u.name,
        code: 'G-1',
        place: '项目地',
        start: '2026-09-29',
        end: '2026-10-16',
      }),
    );
    expect(r2.state.postings.项目地.end).toBe('2026-10-16');
    expect(r2.publicityUntil).toBe('2026-10-16');
    const at = async (asOf: string) =>
      (await ok(await api(`/decisions/project?code=G-1&asOf=${asOf}`, { token: u.token }), 200)).status;
    expect(await at('2026-10-16')).toBe('公示中');
    expect(await at('2026-10-17')).toBe('已审定');
    await ok(
      await post('reply', county, { unit: u.name, code: 'G-1', docNo: '彭振兴组发〔2026〕9号', date: '2026-09-28' }),
    );
    expect(await at('2026-10-17')).toBe('处置中');
    expect(await at('2026-10-12')).toBe('公示中');
  });

  it('in a year the county added holidays for, the end follows its list (2027: not in the library)', async () => {
    const u = await decided();
    const start = { unit: u.name, code: 'G-1', place: '主管单位', start: '2027-02-04' };
    // Near miss first: without the county's list, 2027 counts Monday to Friday.
    const plain = await ok(await post('publicity', county, start));
    expect(plain.state.postings.主管单位.end).toBe('2027-02-10');
    // 春节: 02-05 and 02-08…02-11 off, Saturday 02-06 worked (as the State Council would publish).
    await env.DB.prepare('INSERT INTO holiday_years (year, holidays, workdays, updated_at) VALUES (?, ?, ?, ?)')
      .bind(
        2027,
        JSON.stringify(['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']),
        JSON.stringify(['2027-02-06']),
        new Date().toISOString(),
      )
      .run();
    try {
      const r = await ok(await post('publicity', county, { ...start, place: '项目地' }));
      // 02-04 (1), 02-06 (2), 02-12 (3), 02-15 (4), 02-16 (5).
      expect(r.state.postings.项目地).toEqual({
        place: '项目地',
        start: '2027-02-04',
        end: '2027-02-16',
        workingDays: 5,
      });
    } finally {
      await env.DB.prepare('DELETE FROM holiday_years WHERE year = 2027').run();
    }
  });

  it('warns decision.publicity-short for a posting under 5 working days; exactly 5 is fine', async () => {
    const u = await decided();
    const short = await ok(
      await post('publicity', county, {
        unit: u.name,
        code: 'G-1',
        place: '项目地',
        start: '2026-09-29',
        end: '2026-10-09',
      }),
    );
    expect(short.state.postings.项目地.workingDays).toBe(4);
    expect(short.warnings).toEqual([
      {
        ruleId: 'decision.publicity-short',
        severity: 'warning',
        message:
          '项目“G-1”在项目地的公示 2026-09-29 至 2026-10-09 只有 4 个工作日：公示应不少于 5 个工作日（至少到 2026-10-10）。',
      },
    ]);
    const fixed = await ok(
      await post('publicity', county, {
        unit: u.name,
        code: 'G-1',
        place: '项目地',
        start: '2026-09-29',
        end: '2026-10-10',
      }),
    );
    expect(fixed.warnings).toEqual([]);
    // The short posting stays in the history.
    const view = await ok(await api('/decisions/project?code=G-1', { token: u.token }), 200);
    expect(view.history.filter((e: { kind: string }) => e.kind === 'publicity')).toHaveLength(2);
  });
});

describe('status and approved categories', () => {
  it('lists every ledger project with its status and counts per unit', async () => {
    const u = await makeUnit();
    const period = '2026-W47';
    const sub = ledger(u.name, 4, period);
    expect((await submit(u.token, sub)).status).toBe(201);
    const codes = sub.rows.map((r) => String(r.cells.code));
    await ok(await post('application', u.token, { ...application, code: codes[0] }));
    await ok(await post('application', u.token, { ...application, code: codes[1] }));
    await ok(await post('approval', county, { unit: u.name, code: codes[1], ...approval }));
    await ok(await post('reply', county, { unit: u.name, code: codes[1], docNo: '批复1号', date: '2026-09-22' }));
    await ok(await post('application', u.token, { ...application, code: 'PAPER-ONLY', name: '纸质申请项目' }));
    const r = await ok(
      await api(`/decisions/status?period=${period}&unit=${encodeURIComponent(u.name)}&asOf=2026-12-01`, {
        token: county,
      }),
      200,
    );
    expect(r.units).toHaveLength(1);
    const unit = r.units[0];
    expect(unit.counts).toMatchObject({ 未申请: 2, 已申请: 2, 已批复: 1, 已审定: 0 });
    const byCode = Object.fromEntries(unit.projects.map((p: { code: string }) => [p.code, p]));
    expect(byCode[codes[1] as string]).toMatchObject({
      status: '已批复',
      approvedCategory: '盘活',
      replyNo: '批复1号',
    });
    expect(byCode['PAPER-ONLY']).toMatchObject({ name: '纸质申请项目', status: '已申请', ledgerCategory: null });
    const approved = await ok(await api('/decisions/approved', { token: u.token }), 200);
    expect(approved.approved).toEqual({ [codes[1] as string]: { category: '盘活', replyNo: '批复1号' } });
  });
});

describe('the ledger respects decisions', () => {
  it('a submission whose category contradicts a recorded 审定 is refused (dry run too); an agreeing one is accepted', async () => {
    const u = await makeUnit();
    const sub = ledger(u.name, 3, '2026-W47');
    const first = sub.rows[0] as (typeof sub.rows)[number];
    const code = String(first.cells.code);
    const category = String(first.cells.category);
    const other = category === '重建' ? '盘活' : '重建'; // not 巩固: its consistency check is still an error on this branch
    await ok(
      await post('approval', county, {
        unit: u.name,
        code,
        category: other,
        minutesNo: '纪要1号',
        minutesDate: '2026-09-20',
      }),
    );
    await ok(await post('reply', county, { unit: u.name, code, docNo: '彭振兴组发〔2026〕3号', date: '2026-09-22' }));
    const before = (await env.DB.prepare('SELECT COUNT(*) AS n FROM submissions').first<{ n: number }>())?.n;
    for (const query of ['?dryRun=1', '']) {
      const err = await refused(await submit(u.token, sub, crypto.randomUUID(), query), 422, 'ledger-invalid');
      const issue = err.issues?.find((i) => i.ruleId === 'category.unapproved');
      expect(issue?.row).toBe(first.row);
      expect(issue?.severity).toBe('error');
      expect(issue?.message).toContain(`已审定为“${other}”（批复文号：彭振兴组发〔2026〕3号）`);
    }
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM submissions').first<{ n: number }>())?.n).toBe(before);
    // Near miss: the ledger follows the decision.
    const agreeing = {
      ...sub,
      rows: sub.rows.map((r, i) =>
        i === 0 ? { ...r, cells: { ...r.cells, category: other, measures: '按审定处置' } } : r,
      ),
    };
    const accepted = await submit(u.token, agreeing);
    expect(accepted.status, await accepted.clone().text()).toBe(201);
  });
});

describe('审定结果 import', () => {
  const count = async () =>
    (await env.DB.prepare('SELECT COUNT(*) AS n FROM decision_events').first<{ n: number }>())?.n ?? 0;

  it('exports applied projects, imports the filled rows in one batch, and a re-import changes nothing', async () => {
    const u = await makeUnit();
    await ok(await post('application', u.token, { ...application, code: 'I-1' }));
    await ok(await post('application', u.token, { ...application, code: 'I-2', name: '第二个' }));
    const exported = await ok(await api('/decisions/applications', { token: county }), 200);
    const mine = exported.rows.filter((r: { unit: string }) => r.unit === u.name);
    expect(mine).toEqual([
      expect.objectContaining({ code: 'I-1', name: '保家镇蔬菜大棚', applied: '提升', category: '' }),
      expect.objectContaining({ code: 'I-2', name: '第二个', applied: '提升', category: '' }),
    ]);
    const file = {
      rows: [
        {
          row: 2,
          unit: u.name,
          code: 'I-1',
          category: '盘活',
          minutesNo: '纪要5号',
          minutesDate: '2026-09-20',
          replyNo: '彭振兴组发〔2026〕5号',
          replyDate: '2026-09-22',
          publicityStart: '2026-09-29',
        },
        { row: 3, unit: u.name, code: 'I-2' },
      ],
    };
    const before = await count();
    const r = await ok(await api('/decisions/import', { token: county, body: file }));
    expect(r).toMatchObject({ rows: 2, events: 4, unchanged: 1 });
    expect(await count()).toBe(before + 4);
    const view = await ok(await api('/decisions/project?code=I-1&asOf=2026-10-12', { token: u.token }), 200);
    expect(view.status).toBe('处置中');
    expect(view.state.postings.项目地.end).toBe('2026-10-10');
    const again = await ok(await api('/decisions/import', { token: county, body: file }));
    expect(again).toMatchObject({ events: 0, unchanged: 2 });
    expect(await count()).toBe(before + 4);
    await refused(await api('/decisions/import', { token: u.token, body: file }), 403, 'forbidden');
    await refused(await api('/decisions/applications', { token: u.token }), 403, 'forbidden');
  });

  it('refuses the whole file with a Chinese reason per bad row and stores nothing', async () => {
    const u = await makeUnit();
    const good = {
      row: 2,
      unit: u.name,
      code: 'B-1',
      category: '提升',
      minutesNo: '纪要1号',
      minutesDate: '2026-09-20',
    };
    const before = await count();
    const err = await refused(
      await api('/decisions/import', {
        token: county,
        body: {
          rows: [
            good,
            { ...good, row: 3, code: 'B-2', category: '改造' },
            { ...good, row: 4, unit: '没有这个镇' },
            { ...good, row: 5 },
            { ...good, row: 6, code: 'B-3', minutesDate: '2026-02-30' },
            { row: 7, unit: u.name, code: 'B-4', replyNo: '批复2号', replyDate: '2026-09-22' },
            { ...good, row: 8, code: 'B-5', minutesNo: '' },
          ],
        },
      }),
      422,
      'import-refused',
    );
    expect(err.message).toContain('审定结果有 6 行不能导入，整个文件未导入');
    expect(err.issues?.map((i) => [i.row, i.message])).toEqual([
      [3, `第3行（${u.name} B-2）「审定分类」“改造”不对：应为 巩固、提升、盘活、重建 之一。`],
      [4, '第4行「单位」“没有这个镇”不是已登记的报送单位。'],
      [5, `第5行与第2行是同一项目（${u.name} B-1）：每个项目只填一行。`],
      [6, `第6行（${u.name} B-3）「纪要日期」“2026-02-30”不是有效日期：应为 YYYY-MM-DD，例如 2026-11-20。`],
      [7, `第7行（${u.name} B-4）没有审定记录：先填「审定分类」「纪要号」「纪要日期」，再填批复和公示。`],
      [8, `第8行（${u.name} B-5）已填审定分类，「纪要号」也须填写（领导小组会议纪要）。`],
    ]);
    expect(await count()).toBe(before);
    // Near miss: the good row alone is imported.
    expect(await ok(await api('/decisions/import', { token: county, body: { rows: [good] } }))).toMatchObject({
      events: 1,
    });
  });
});

describe('归档目录', () => {
  it('lists the lines of the tiers the unit has; the county ticks and un-ticks, the unit sees it', async () => {
    const u = await makeUnit();
    const fresh = await ok(await api('/decisions/archive', { token: u.token }), 200);
    expect(fresh.tiers).toEqual(['乡镇（街道）']);
    expect(fresh.lines.map((l: { line: number }) => l.line)).toEqual([7, 8, 9, 10, 11, 12]);
    await ok(await post('application', u.token, { ...application, code: 'A-1', tier: '村本级' }));
    await ok(await post('application', u.token, { ...application, code: 'A-2' }));
    const view = await ok(await api('/decisions/archive', { token: u.token }), 200);
    expect(view.tiers).toEqual(['乡镇（街道）', '村本级']);
    expect(view.lines).toHaveLength(12);
    const ticked = await ok(
      await api('/decisions/archive', {
        token: county,
        body: { unit: u.name, line: 15, receivedOn: '2026-11-20', note: '纸质 3 份' },
      }),
    );
    expect(ticked.lines.find((l: { line: number }) => l.line === 15)).toMatchObject({
      document: '经营性帮扶产业项目“四个一批”管理台账',
      tierLabel: '村本级主管和实施项目台账',
      received: true,
      receivedOn: '2026-11-20',
      note: '纸质 3 份',
    });
    const e = await refused(
      await api('/decisions/archive', { token: county, body: { unit: u.name, line: 1, receivedOn: '2026-11-20' } }),
      409,
      'archive-line',
    );
    expect(e.message).toContain('只涉及乡镇（街道）、村本级');
    await refused(
      await api('/decisions/archive', { token: county, body: { unit: u.name, line: 9 } }),
      422,
      'invalid-body',
    );
    await refused(
      await api('/decisions/archive', { token: u.token, body: { line: 9, receivedOn: '2026-11-20' } }),
      403,
      'forbidden',
    );
    await ok(
      await api('/decisions/archive', {
        token: county,
        body: { unit: u.name, line: 15, received: false, note: '退回补正' },
      }),
    );
    const seen = await ok(await api('/decisions/archive', { token: u.token }), 200);
    expect(seen.lines.find((l: { line: number }) => l.line === 15)).toMatchObject({
      received: false,
      receivedOn: null,
      note: '退回补正',
    });
    const rows = await env.DB.prepare(
      'SELECT COUNT(*) AS n FROM archive_receipts a JOIN units u ON u.id = a.unit_id WHERE u.name = ?',
    )
      .bind(u.name)
      .first<{ n: number }>();
    expect(rows?.n).toBe(2);
  });
});
