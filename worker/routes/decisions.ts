/**
 * /api/v1/decisions: the county's decision records per project (spec §8).
 *   POST /events/:kind        record one step (application: the unit; every other step: the county)
 *   GET  /project?unit=&code= a project's history, state, status and warnings
 *   GET  /status?period=&unit=&asOf=  status per project and counts per unit
 *   GET  /approved?unit=      approved categories (code → category, 批复文号) for category.unapproved
 * A unit token sees and records for its own unit only; the county names the unit.
 */

import type { Context } from 'hono';
import { Hono } from 'hono';
import { z } from 'zod';
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
  IsoDateSchema,
  posting,
  projectStatus,
  publicityUntil,
  stepRefusal,
} from '../../shared/decisions.js';
import { ownUnit, requireCounty } from '../auth.js';
import { approvedCategories, insertEvent, MAX_EVENTS_PER_PROJECT, projectEvents, unitEvents } from '../db/decisions.js';
import { findProjects } from '../db/submissions.js';
import { findUnitByName, listUnits, type UnitRecord } from '../db/units.js';
import type { AppEnv } from '../env.js';
import { ApiFailure, forbidden, notFound } from '../errors.js';
import { readBody, readQuery } from '../input.js';

/** Most projects a status listing returns in full (the counts always cover every project). */
export const MAX_STATUS_PROJECTS = 20_000;

/** Today in Asia/Shanghai, YYYY-MM-DD. */
export function shanghaiToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
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
  if (name === undefined) throw new ApiFailure(400, 'unit-required', '县级令牌须用 unit 指明是哪个报送单位的项目');
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

function projectView(code: string, events: DecisionEvent[], today: string) {
  const state = foldEvents(events);
  return {
    code,
    status: projectStatus(state, today),
    state,
    publicityUntil: publicityUntil(state),
    warnings: decisionWarnings(code, state),
  };
}

const KindParam = z.enum(EVENT_KINDS as [EventKind, ...EventKind[]]);
const UnitName = z.string().trim().min(1).max(100);
const Code = z.string().trim().min(1).max(100);

const ProjectQuery = z.strictObject({ unit: UnitName.optional(), code: Code, asOf: IsoDateSchema.optional() });
const StatusQuery = z.strictObject({
  period: PeriodIdSchema,
  unit: UnitName.optional(),
  asOf: IsoDateSchema.optional(),
});
const ApprovedQuery = z.strictObject({ unit: UnitName.optional() });

export const decisions = new Hono<AppEnv>()
  .post('/events/:kind', async (c) => {
    const parsedKind = KindParam.safeParse(c.req.param('kind'));
    if (!parsedKind.success) throw notFound(`没有“${c.req.param('kind')}”这种决策步骤：可用 ${EVENT_KINDS.join('、')}`);
    const kind = parsedKind.data;
    checkRole(c, kind);
    const schema = z.strictObject({ unit: UnitName.optional(), code: Code, ...EVENT_SCHEMAS[kind].shape });
    const { value } = await readBody(c, schema, `${EVENT_LABELS[kind]}记录`);
    const { unit: unitName, code, ...fields } = value as { unit?: string; code: string } & Record<string, unknown>;
    const unit = await targetUnit(c, unitName);
    const events = await projectEvents(c.env.DB, unit.id, code);
    if (events.length >= MAX_EVENTS_PER_PROJECT)
      throw new ApiFailure(409, 'too-many-events', `项目“${code}”已有 ${events.length} 条决策记录，达到上限`);
    const refusal = stepRefusal(kind, code, foldEvents(events), fields);
    if (refusal) throw new ApiFailure(409, 'step-refused', refusal);
    const data = kind === 'publicity' ? posting(fields as z.output<(typeof EVENT_SCHEMAS)['publicity']>) : fields;
    const principal = c.get('principal');
    const id = await insertEvent(c.env.DB, { unitId: unit.id, code, kind, data, recordedBy: principal.credentialId });
    const after = await projectEvents(c.env.DB, unit.id, code);
    return c.json({ id, kind, unit: unit.name, ...projectView(code, after, shanghaiToday()) }, 201);
  })
  .get('/project', async (c) => {
    const q = readQuery(c, ProjectQuery);
    const unit = await targetUnit(c, q.unit);
    const events = await projectEvents(c.env.DB, unit.id, q.code);
    return c.json({ unit: unit.name, ...projectView(q.code, events, q.asOf ?? shanghaiToday()), history: events });
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
    let listed = 0;
    const result = units.map((u) => {
      const counts = emptyCounts();
      const projects = [...(byUnit.get(u.name) ?? new Map()).entries()].map(([code, info]) => {
        const view = projectView(code, eventsByUnit.get(`${u.name}\u0000${code}`) ?? [], today);
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
  });
