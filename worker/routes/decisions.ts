/**
 * /api/v1/decisions: the county's decision records per project (spec §8).
 *   POST /events/:kind        record one step (application: the unit; every other step: the county)
 *   GET  /project?unit=&code= a project's history, state, status and warnings
 *   GET  /status?period=&unit=&asOf=  status per project and counts per unit
 *   GET  /approved?unit=      approved categories (code → category, 批复文号) for category.unapproved
 *   GET  /applications        (county) every applied project with what is recorded: the 审定结果 export
 *   POST /import              (county) a filled-in 审定结果: every row checked, all stored in one batch or none
 *   GET  /archive?unit=       the unit's 归档目录 (附件6) lines for its tiers, with what the county ticked
 *   POST /archive             (county) tick (or un-tick) one line as received, with date and note
 * A unit token sees and records for its own unit only; the county names the unit.
 */

import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import { shanghaiDate } from '../../shared/beijing-time.js';
import type { Calendar } from '../../shared/calendar.js';
import { PeriodIdSchema } from '../../shared/contract.js';
import {
  approvedOf,
  type DecisionEvent,
  decisionWarnings,
  EVENT_KINDS,
  EVENT_LABELS,
  EVENT_ROLE,
  EVENT_SCHEMAS,
  type EventKind,
  emptyCounts,
  foldEvents,
  ImportSchema,
  IsoDateSchema,
  importSteps,
  posting,
  projectStatus,
  publicityUntil,
  stepRefusal,
} from '../../shared/decisions.js';
import { ARCHIVE_TIERS, archiveLines } from '../../shared/forms/archive.js';
import { type Tier, unitTier } from '../../shared/forms/tier.js';
import { ownUnit, requireCounty } from '../auth.js';
import { loadCalendar } from '../db/calendar.js';
import {
  approvedCategories,
  archiveReceipts,
  insertArchiveReceipt,
  insertEvent,
  insertEvents,
  MAX_EVENTS_PER_PROJECT,
  type NewEvent,
  projectEvents,
  unitEvents,
} from '../db/decisions.js';
import { findProjects } from '../db/projects.js';
import { findUnitByName, listUnits, type UnitRecord } from '../db/units.js';
import type { AppEnv } from '../env.js';
import { forbidden, notFound, ServiceError } from '../errors.js';
import { readBody, readQuery } from '../input.js';

/** Most projects a status listing returns in full (the counts always cover every project). */
export const MAX_STATUS_PROJECTS = 20_000;

/** Today in Asia/Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now = new Date()): string {
  return shanghaiDate(now);
}

/** The unit a request is about: a unit token's own (naming another is refused), or the one the county names. */
export async function targetUnit(c: Context<AppEnv>, name: string | undefined): Promise<UnitRecord> {
  const p = c.get('principal');
  if (p.role === 'unit') {
    const own = ownUnit(p);
    if (name !== undefined && name !== own.name)
      throw forbidden(`单位令牌只能查看或登记本单位（${own.name}）的项目，不能涉及“${name}”`);
    return own;
  }
  if (name === undefined) throw new ServiceError(400, 'unit-required', '县级令牌须用 unit 指明是哪个报送单位的项目');
  const unit = await findUnitByName(c.env.DB, name);
  if (!unit) throw notFound(`没有名为“${name}”的报送单位`);
  return unit;
}

function checkRole(c: Context<AppEnv>, kind: EventKind): void {
  const p = c.get('principal');
  if (EVENT_ROLE[kind] === 'county') requireCounty(p);
  else if (p.role !== 'unit')
    throw forbidden(`${EVENT_LABELS[kind]}由报送单位用本单位令牌登记，县级令牌不能代替单位申请`);
}

function projectView(code: string, events: DecisionEvent[], today: string, calendar: Calendar) {
  const state = foldEvents(events);
  return {
    code,
    status: projectStatus(state, today),
    state,
    publicityUntil: publicityUntil(state),
    warnings: decisionWarnings(code, state, calendar),
  };
}

const KindParam = z.enum(EVENT_KINDS as [EventKind, ...EventKind[]]);
const UnitName = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));
const Code = z.string().check(z.trim(), z.minLength(1), z.maxLength(100));

const ProjectQuery = z.strictObject({ unit: z.optional(UnitName), code: Code, asOf: z.optional(IsoDateSchema) });
const StatusQuery = z.strictObject({
  period: PeriodIdSchema,
  unit: z.optional(UnitName),
  asOf: z.optional(IsoDateSchema),
});
const ApprovedQuery = z.strictObject({ unit: z.optional(UnitName) });

export const decisions = new Hono<AppEnv>()
  .post('/events/:kind', async (c) => {
    const parsedKind = KindParam.safeParse(c.req.param('kind'));
    if (!parsedKind.success) throw notFound(`没有“${c.req.param('kind')}”这种决策步骤：可用 ${EVENT_KINDS.join('、')}`);
    const kind = parsedKind.data;
    checkRole(c, kind);
    const schema = z.strictObject({ unit: z.optional(UnitName), code: Code, ...EVENT_SCHEMAS[kind].shape });
    const { value } = await readBody(c, schema, `${EVENT_LABELS[kind]}记录`);
    const { unit: unitName, code, ...fields } = value as { unit?: string; code: string } & Record<string, unknown>;
    const unit = await targetUnit(c, unitName);
    const events = await projectEvents(c.env.DB, unit.id, code);
    if (events.length >= MAX_EVENTS_PER_PROJECT)
      throw new ServiceError(409, 'too-many-events', `项目“${code}”已有 ${events.length} 条决策记录，达到上限`);
    const refusal = stepRefusal(kind, code, foldEvents(events), fields);
    if (refusal) throw new ServiceError(409, 'step-refused', refusal);
    const calendar = await loadCalendar(c.env.DB);
    const data =
      kind === 'publicity' ? posting(fields as z.output<(typeof EVENT_SCHEMAS)['publicity']>, calendar) : fields;
    const principal = c.get('principal');
    const id = await insertEvent(c.env.DB, { unitId: unit.id, code, kind, data, recordedBy: principal.credentialId });
    const after = await projectEvents(c.env.DB, unit.id, code);
    return c.json({ id, kind, unit: unit.name, ...projectView(code, after, shanghaiToday(), calendar) }, 201);
  })
  .get('/project', async (c) => {
    const q = readQuery(c, ProjectQuery);
    const unit = await targetUnit(c, q.unit);
    const events = await projectEvents(c.env.DB, unit.id, q.code);
    return c.json({
      unit: unit.name,
      ...projectView(q.code, events, q.asOf ?? shanghaiToday(), await loadCalendar(c.env.DB)),
      history: events,
    });
  })
  .get('/approved', async (c) => {
    const q = readQuery(c, ApprovedQuery);
    const unit = await targetUnit(c, q.unit);
    return c.json({ unit: unit.name, approved: await approvedCategories(c.env.DB, unit.id) });
  })
  .get('/status', async (c) => {
    const q = readQuery(c, StatusQuery);
    const p = c.get('principal');
    const today = q.asOf ?? shanghaiToday();
    const units: UnitRecord[] =
      p.role === 'unit' || q.unit !== undefined ? [await targetUnit(c, q.unit)] : await listUnits(c.env.DB);
    const only = units.length === 1 ? (units[0] as UnitRecord).id : null;
    const [ledger, events] = await Promise.all([
      findProjects(c.env.DB, { period: q.period, unitId: only ?? undefined, limit: MAX_STATUS_PROJECTS, offset: 0 }),
      unitEvents(c.env.DB, only),
    ]);
    const byUnit = new Map<string, Map<string, { name: string; ledgerCategory: string | null }>>();
    for (const f of ledger.rows) {
      const m = byUnit.get(f.unitName) ?? new Map();
      m.set(f.row.code, { name: f.row.name, ledgerCategory: f.row.category });
      byUnit.set(f.unitName, m);
    }
    const unitName = new Map(units.map((u) => [u.id, u.name]));
    const eventsByUnit = new Map<string, DecisionEvent[]>();
    for (const e of events) {
      const name = unitName.get(e.unitId);
      if (!name) continue;
      const key = `${name}\u0000${e.code}`;
      const list = eventsByUnit.get(key);
      if (list) list.push(e);
      else eventsByUnit.set(key, [e]);
      const m = byUnit.get(name) ?? new Map();
      if (!m.has(e.code)) {
        const applied = e.kind === 'application' ? (e.data.name as string | undefined) : undefined;
        m.set(e.code, { name: applied ?? '', ledgerCategory: null });
      }
      byUnit.set(name, m);
    }
    const calendar = await loadCalendar(c.env.DB);
    let listed = 0;
    const result = units.map((u) => {
      const counts = emptyCounts();
      const projects = [...(byUnit.get(u.name) ?? new Map()).entries()].map(([code, info]) => {
        const view = projectView(code, eventsByUnit.get(`${u.name}\u0000${code}`) ?? [], today, calendar);
        counts[view.status]++;
        const approved = approvedOf(view.state);
        return {
          code,
          name: info.name,
          ledgerCategory: info.ledgerCategory,
          appliedCategory: view.state.application?.category ?? null,
          approvedCategory: approved?.category ?? null,
          replyNo: approved?.replyNo ?? null,
          status: view.status,
          publicityUntil: view.publicityUntil,
          warnings: view.warnings,
        };
      });
      const kept = projects.slice(0, Math.max(0, MAX_STATUS_PROJECTS - listed));
      listed += kept.length;
      return { unit: u.name, type: u.type, counts, projects: kept, truncated: kept.length < projects.length };
    });
    return c.json({ period: q.period, asOf: today, units: result });
  })
  .get('/applications', async (c) => {
    requireCounty(c.get('principal'));
    const units = new Map((await listUnits(c.env.DB)).map((u) => [u.id, u.name]));
    const rows: Record<string, string>[] = [];
    const events = await unitEvents(c.env.DB, null);
    for (const group of groupEvents(events).values()) {
      const first = group[0] as (typeof events)[number];
      const s = foldEvents(group);
      if (!s.application) continue;
      rows.push({
        unit: units.get(first.unitId) ?? '',
        code: first.code,
        name: s.application.name ?? '',
        applied: s.application.category,
        category: s.approval?.category ?? '',
        minutesNo: s.approval?.minutesNo ?? '',
        minutesDate: s.approval?.minutesDate ?? '',
        replyNo: s.reply?.docNo ?? '',
        replyDate: s.reply?.date ?? '',
        publicityStart: s.postings.主管单位?.start ?? s.postings.项目地?.start ?? '',
      });
    }
    return c.json({ rows });
  })
  .post('/import', async (c) => {
    const p = c.get('principal');
    requireCounty(p);
    const { value } = await readBody(c, ImportSchema, '审定结果');
    const units = new Map((await listUnits(c.env.DB)).map((u) => [u.name, u]));
    const grouped = groupEvents(await unitEvents(c.env.DB, null));
    const calendar = await loadCalendar(c.env.DB);
    const refused: { row: number; reason: string }[] = [];
    const planned: NewEvent[] = [];
    const seen = new Map<string, number>();
    let skipped = 0;
    for (const r of value.rows) {
      const unit = units.get(r.unit);
      if (r.unit !== '' && !unit) {
        refused.push({ row: r.row, reason: `第${r.row}行「单位」“${r.unit}”不是已登记的报送单位。` });
        continue;
      }
      const key = `${unit?.id}\u0000${r.code}`;
      const earlier = seen.get(key);
      if (unit && r.code !== '' && earlier !== undefined) {
        refused.push({
          row: r.row,
          reason: `第${r.row}行与第${earlier}行是同一项目（${r.unit} ${r.code}）：每个项目只填一行。`,
        });
        continue;
      }
      if (unit && r.code !== '') seen.set(key, r.row);
      const result = importSteps(r, foldEvents(unit ? (grouped.get(key) ?? []) : []), calendar);
      if ('reason' in result) {
        refused.push({ row: r.row, reason: result.reason });
        continue;
      }
      if (result.steps.length === 0) skipped++;
      for (const step of result.steps)
        planned.push({
          unitId: (unit as UnitRecord).id,
          code: r.code,
          kind: step.kind,
          data: step.data,
          recordedBy: p.credentialId,
        });
    }
    if (refused.length > 0) {
      const listed = refused.slice(0, 200);
      throw new ServiceError(
        422,
        'import-refused',
        `审定结果有 ${refused.length} 行不能导入，整个文件未导入（未保存任何数据）：${listed[0]?.reason ?? ''}`,
        listed.map((f) => ({
          row: f.row,
          field: null,
          cell: null,
          ruleId: 'decision.import',
          severity: 'error' as const,
          message: f.reason,
        })),
      );
    }
    const importId = crypto.randomUUID();
    await insertEvents(
      c.env.DB,
      planned.map((e) => ({ ...e, importId })),
    );
    return c.json({ importId, rows: value.rows.length, events: planned.length, unchanged: skipped }, 201);
  })
  .get('/archive', async (c) => {
    const q = readQuery(c, ApprovedQuery);
    const unit = await targetUnit(c, q.unit);
    return c.json(await archiveView(c.env.DB, unit));
  })
  .post('/archive', async (c) => {
    const p = c.get('principal');
    requireCounty(p);
    const { value } = await readBody(c, ArchiveTick, '归档目录登记');
    const unit = await targetUnit(c, value.unit);
    const view = await archiveView(c.env.DB, unit);
    if (!view.lines.some((l) => l.line === value.line))
      throw new ServiceError(
        409,
        'archive-line',
        `第 ${value.line} 项不属于${unit.name}的归档目录：该单位的项目只涉及${view.tiers.join('、')}，可登记的序号为 ${view.lines.map((l) => l.line).join('、')}`,
      );
    if (value.received && !value.receivedOn)
      throw new ServiceError(422, 'invalid-body', '登记“已收”须填写收到日期（receivedOn，YYYY-MM-DD）');
    await insertArchiveReceipt(c.env.DB, {
      unitId: unit.id,
      line: value.line,
      received: value.received,
      receivedOn: value.received ? (value.receivedOn ?? null) : null,
      note: value.note ?? null,
      recordedBy: p.credentialId,
    });
    return c.json(await archiveView(c.env.DB, unit), 201);
  });

const ArchiveTick = z.strictObject({
  unit: z.optional(UnitName),
  line: z.int().check(z.gte(1), z.lte(18)),
  received: z._default(z.boolean(), true),
  receivedOn: z.optional(IsoDateSchema),
  note: z.optional(z.string().check(z.trim(), z.maxLength(200))),
});

/** The unit's tiers: those its applications name, else the one its type gives. */
async function archiveView(db: D1Database, unit: UnitRecord) {
  const tiers = new Set<Tier>();
  for (const e of await unitEvents(db, unit.id)) if (e.kind === 'application') tiers.add(e.data.tier as Tier);
  if (tiers.size === 0) tiers.add(unitTier(unit));
  const receipts = new Map((await archiveReceipts(db, unit.id)).map((r) => [r.line, r]));
  const lines = archiveLines(tiers).map((l) => {
    const r = receipts.get(l.line);
    return {
      ...l,
      received: r?.received === 1,
      receivedOn: r?.received === 1 ? r.received_on : null,
      note: r?.note ?? null,
      recordedAt: r?.recorded_at ?? null,
    };
  });
  return { unit: unit.name, tiers: ARCHIVE_TIERS.map((t) => t.tier).filter((t) => tiers.has(t)), lines };
}

function groupEvents<E extends { unitId: number; code: string }>(events: readonly E[]): Map<string, E[]> {
  const m = new Map<string, E[]>();
  for (const e of events) {
    const key = `${e.unitId}\u0000${e.code}`;
    const list = m.get(key);
    if (list) list.push(e);
    else m.set(key, [e]);
  }
  return m;
}
