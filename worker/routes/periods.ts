/**
 * The Thursday routine (spec §10), county token:
 *   GET  /api/v1/periods/:period/status       board, reporting and timeliness rates, 催报名单
 *   POST /api/v1/periods/:period/accept       {unit}  accept the unit's latest submission (locks it)
 *   POST /api/v1/periods/:period/reopen       {unit}  take the acceptance back
 *   POST /api/v1/periods/:period/close        {at?}   close for everyone at `at` (default now, ≥ deadline)
 *   POST /api/v1/periods/:period/exceptions   {unit, allow}  a unit may still submit after closing
 *   GET  /api/v1/periods/:period/audit        every accept / reopen / close / exception, who and when
 * plus `refuseIfLocked`, the one call the submissions route makes before storing.
 */
import type { Context } from 'hono';
import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import type { AuditEntry, Status } from '../../shared/api.js';
import { PeriodIdSchema } from '../../shared/contract.js';
import {
  beijingTime,
  describePeriod,
  type Period,
  parsePeriod,
  periodFormatError,
  reportingFigures,
  submissionStatus,
} from '../../shared/index.js';
import { requireCounty } from '../auth.js';
import { loadCalendar } from '../db/calendar.js';
import {
  type Actor,
  accept,
  auditOf,
  close,
  type Lock,
  lockOf,
  reopen,
  setException,
  statusOf,
} from '../db/periods.js';
import { projectRefs } from '../db/projects.js';
import { latestOfUnit } from '../db/submissions.js';
import { findUnitByName, type UnitRecord } from '../db/units.js';
import type { AppEnv, Principal } from '../env.js';
import { notFound, ServiceError } from '../errors.js';
import { readBody, readQuery } from '../input.js';
import { diffProjects } from '../submission.js';

/** The period named in the path, with its deadline on the county's calendar (holidays, county-set deadlines). */
async function periodParam(db: D1Database, id: string): Promise<Period> {
  const parsed = PeriodIdSchema.safeParse(id);
  const p = parsed.success ? ((await loadCalendar(db)).resolve(parsed.data)?.period ?? null) : null;
  if (!p) throw new ServiceError(400, 'invalid-period', periodFormatError(id.slice(0, 20)));
  return p;
}

/** What an accept / reopen / close / exception answers: the audit row it wrote. */
function auditEntry(
  now: Date,
  action: AuditEntry['action'],
  period: string,
  by: AuditEntry['by'],
  about: Partial<Pick<AuditEntry, 'unit' | 'submissionId' | 'detail'>>,
): AuditEntry {
  return { at: now.toISOString(), action, period, unit: null, submissionId: null, by, detail: null, ...about };
}

const who = (by: Actor | null) => (by ? (by.label ?? `令牌 ${by.credentialId}`) : '县乡村振兴局');

/**
 * Refuses (409) a submission the unit may not store now: the county accepted this period's
 * report, or the period closed without an exception for the unit. Messages name who and when.
 */
export async function refuseIfLocked(db: D1Database, unit: { id: number; name: string }, period: string, now: Date) {
  refuseLock(await lockOf(db, unit.id, period, now), unit, period);
}

/** `refuseIfLocked` for a lock already read (`lockOfRow`). */
export function refuseLock(lock: Lock | null, unit: { name: string }, period: string): void {
  if (!lock) return;
  const p = parsePeriod(period);
  const label = p ? describePeriod(p) : period;
  if (lock.kind === 'accepted')
    throw new ServiceError(
      409,
      'period-accepted',
      `“${unit.name}”${label}的报送已由${who(lock.by)}于 ${beijingTime(lock.at)} 确认（已确认），本期已锁定，未接收这次报送（未保存任何数据）。如需更正，请联系县乡村振兴局退回后再报送。`,
    );
  throw new ServiceError(
    409,
    'period-closed',
    `${label}已于 ${beijingTime(lock.at)} 截止收报，未接收“${unit.name}”的这次报送（未保存任何数据）。如需补报，请联系县乡村振兴局为本单位开放例外。`,
  );
}

const actor = (p: Principal): Actor => ({ credentialId: p.credentialId, label: p.label });

async function unitNamed(db: D1Database, name: string): Promise<UnitRecord> {
  const unit = await findUnitByName(db, name);
  if (!unit) throw notFound(`没有名为“${name}”的报送单位：请核对单位名称（npm run admin -- unit list）`);
  return unit;
}

/**
 * A county action on one unit's report: the period in the path, the body (`what` names it in a
 * refusal), the unit it names, who acts and when.
 */
async function unitAction<T extends { unit: string }>(c: Context<AppEnv>, schema: z.core.$ZodType<T>, what: string) {
  const db = c.env.DB;
  const period = await periodParam(db, c.req.param('period') ?? '');
  const { value } = await readBody(c, schema, what);
  const unit = await unitNamed(db, value.unit);
  return { db, period, value, unit, now: new Date(), by: actor(c.get('principal')) };
}

const unitName = z.string().check(z.minLength(1), z.maxLength(100));
const UnitBody = z.strictObject({ unit: unitName });
const CloseBody = z.strictObject({ at: z.optional(z.iso.datetime({ offset: true })) });
const ExceptionBody = z.strictObject({ unit: unitName, allow: z.boolean() });
const StatusQuery = z.strictObject({ changes: z.optional(z.enum(['0', '1'])) });

/** Week-over-week warnings of one unit's counted submission against its previous period's. */
async function weekWarnings(db: D1Database, unitId: number, period: Period): Promise<string[]> {
  const current = await latestOfUnit(db, unitId, { period: period.id });
  if (!current) return [];
  const glob = period.kind === 'week' ? '[0-9][0-9][0-9][0-9]-W*' : '[0-9][0-9][0-9][0-9]-[0-9][0-9]';
  const previous = await latestOfUnit(db, unitId, { periodBefore: period.id, periodLike: glob });
  if (!previous) return [];
  const [before, after] = await Promise.all([projectRefs(db, previous.id), projectRefs(db, current.id)]);
  const diff = diffProjects(
    { id: previous.id, period: previous.period, receivedAt: previous.received_at },
    before,
    after,
  );
  return diff.warnings ?? [];
}

export const periods = new Hono<AppEnv>()
  .use('*', async (c, next) => {
    requireCounty(c.get('principal'));
    await next();
  })
  .get('/:period/status', async (c) => {
    const period = await periodParam(c.env.DB, c.req.param('period'));
    const q = readQuery(c, StatusQuery);
    const db = c.env.DB;
    const { units, closesAt } = await statusOf(db, period.id);
    const statuses = units.map((u) =>
      submissionStatus(period, u.first_received_at ? new Date(u.first_received_at) : null),
    );
    const figures = reportingFigures(statuses);
    const contact = (u: (typeof units)[number]) => ({ name: u.contact_name, phone: u.contact_phone });
    const changes =
      q.changes === '1'
        ? await Promise.all(units.map((u) => (u.submission_id ? weekWarnings(db, u.unit_id, period) : [])))
        : units.map(() => []);
    const body: Status = {
      period: period.id,
      periodLabel: describePeriod(period),
      deadline: period.due.toISOString(),
      closesAt,
      ...figures,
      units: units.map((u, i) => ({
        unit: u.unit_name,
        type: u.unit_type,
        status: statuses[i] ?? 'missing',
        receivedAt: u.received_at,
        firstReceivedAt: u.first_received_at,
        submissions: u.submissions,
        submissionId: u.submission_id,
        projects: u.row_count,
        warnings: u.warning_count,
        accepted:
          u.accepted_at && u.accepted_by && u.accepted_submission
            ? {
                at: u.accepted_at,
                by: { credentialId: u.accepted_by, label: u.accepted_label },
                submissionId: u.accepted_submission,
                current: u.accepted_submission === u.submission_id,
              }
            : null,
        exception: u.exception === 1,
        contact: contact(u),
        changes: changes[i] ?? [],
      })),
      chase: units.filter((_, i) => statuses[i] === 'missing').map((u) => ({ unit: u.unit_name, contact: contact(u) })),
    };
    return c.json(body);
  })
  .post('/:period/accept', async (c) => {
    const { db, period, unit, now, by } = await unitAction(c, UnitBody, '确认请求');
    const latest = await latestOfUnit(db, unit.id, { period: period.id });
    if (!latest)
      throw new ServiceError(
        409,
        'nothing-to-accept',
        `“${unit.name}”在 ${describePeriod(period)} 还没有报送，没有可确认的报送`,
      );
    await accept(db, unit.id, period.id, latest.id, by, now);
    return c.json(auditEntry(now, 'accept', period.id, by, { unit: unit.name, submissionId: latest.id }), 201);
  })
  .post('/:period/reopen', async (c) => {
    const { db, period, unit, now, by } = await unitAction(c, UnitBody, '退回请求');
    if (!(await reopen(db, unit.id, period.id, by, now)))
      throw new ServiceError(409, 'not-accepted', `“${unit.name}”${describePeriod(period)}的报送尚未确认，无需退回`);
    return c.json(auditEntry(now, 'reopen', period.id, by, { unit: unit.name }), 201);
  })
  .post('/:period/close', async (c) => {
    const period = await periodParam(c.env.DB, c.req.param('period'));
    const { value } = await readBody(c, CloseBody, '关闭请求');
    const now = new Date();
    const at = value.at ? new Date(value.at) : now;
    if (at.getTime() < period.due.getTime())
      throw new ServiceError(
        400,
        'close-before-deadline',
        `关闭时间 ${beijingTime(at)} 早于本期截止时间 ${beijingTime(period.due)}：只能设在截止时间之后`,
      );
    const by = actor(c.get('principal'));
    await close(c.env.DB, period.id, at, by, now);
    return c.json(auditEntry(now, 'close', period.id, by, { detail: at.toISOString() }), 201);
  })
  .post('/:period/exceptions', async (c) => {
    const { db, period, value, unit, now, by } = await unitAction(c, ExceptionBody, '例外请求');
    if (!(await setException(db, unit.id, period.id, value.allow, by, now)))
      throw new ServiceError(
        409,
        value.allow ? 'exception-exists' : 'no-exception',
        value.allow
          ? `“${unit.name}”${describePeriod(period)}已有例外，无需重复开放`
          : `“${unit.name}”${describePeriod(period)}没有例外，无需取消`,
      );
    return c.json(
      auditEntry(now, value.allow ? 'exception' : 'exception-removed', period.id, by, { unit: unit.name }),
      201,
    );
  })
  .get('/:period/audit', async (c) => {
    const period = await periodParam(c.env.DB, c.req.param('period'));
    return c.json({ period: period.id, entries: await auditOf(c.env.DB, period.id) });
  });
