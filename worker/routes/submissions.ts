/** POST/GET /api/v1/submissions: receive a unit's ledger (idempotent), list and read submissions. */
import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import { IN_FLIGHT } from '../../shared/api/error.js';
import type { Calendar } from '../../shared/calendar.js';
import { PeriodIdSchema, type Receipt, SubmissionBodySchema } from '../../shared/contract.js';
import type { StatsRow } from '../../shared/index.js';
import { capIssues } from '../../shared/issue-cap.js';
import { periodClosedReason } from '../../shared/period-window.js';
import { ownUnit } from '../auth.js';
import { calendarOf, calendarStatements, loadCalendar } from '../db/calendar.js';
import { approvedOfRows, unitEventsStatement } from '../db/decisions.js';
import {
  CLAIM_LEASE_MS,
  claimed,
  claimKey,
  claimStatement,
  findClaim,
  releaseKey,
  renewLease,
  takeOverClaim,
} from '../db/idempotency.js';
import { type LockRow, lockOfRow, lockStatement } from '../db/periods.js';
import { projectRefs } from '../db/projects.js';
import {
  findSubmission,
  latestOfUnit,
  listSubmissions,
  type SubmissionRecord,
  storeSubmission,
  submissionDetail,
} from '../db/submissions.js';
import { findUnitByName } from '../db/units.js';
import type { AppEnv, Principal } from '../env.js';
import { forbidden, notFound, ServiceError } from '../errors.js';
import { readBody, readQuery } from '../input.js';
import {
  type Checked,
  checkSubmission,
  checkUnit,
  contentHash,
  diffProjects,
  receiptOf,
  refOf,
} from '../submission.js';
import { refuseIfLocked, refuseLock } from './periods.js';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,200}$/u;

export function receiptOfRecord(s: SubmissionRecord, calendar: Calendar): Receipt {
  return receiptOf(
    {
      id: s.id,
      unit: s.unit_name,
      period: s.period,
      receivedAt: s.received_at,
      rows: s.row_count,
      contentHash: s.content_hash,
      warnings: s.warning_count,
      summary: JSON.parse(s.stats) as StatsRow,
    },
    calendar,
  );
}

/** The receipt of a submission just checked (stored under `id`, or a dry run). */
function newReceipt(
  id: string,
  unit: string,
  period: string,
  receivedAt: Date,
  checked: Checked,
  calendar: Calendar,
): Receipt {
  return receiptOf(
    {
      id,
      unit,
      period,
      receivedAt: receivedAt.toISOString(),
      rows: checked.table.length,
      contentHash: checked.contentHash,
      warnings: checked.warnings.length,
      summary: checked.stats,
    },
    calendar,
  );
}

/** Units may read their own submissions only. */
function assertReadable(p: Principal, s: SubmissionRecord): void {
  if (p.role === 'unit' && p.unit?.id !== s.unit_id) throw forbidden('只能查看本单位的报送记录');
}

/**
 * The answer for a key that is already taken: the first receipt, 422, 409 while its request holds
 * the lease, or 'retry' when the claim is free again or this request (`owner`) took it over.
 */
async function replay(
  db: D1Database,
  unitId: number,
  key: string,
  hash: string,
  owner: string,
  now: () => Date,
  calendar: Calendar,
): Promise<Receipt | 'retry' | 'taken-over'> {
  const claim = await findClaim(db, unitId, key);
  if (!claim) return 'retry';
  if (claim.content_hash !== hash) {
    throw new ServiceError(
      422,
      'idempotency-key-reused',
      '这份报送的编号已用于内容不同的台账：台账改过后请重新点“试报送”再上报，未保存任何数据',
    );
  }
  if (claim.state === 'pending') {
    // The request that took the claim died (its lease ran out): carry on in its place.
    if (await takeOverClaim(db, { unitId, key, contentHash: hash, now: now(), owner })) return 'taken-over';
    throw new ServiceError(
      409,
      IN_FLIGHT,
      `这份台账正在上报中，请约 ${CLAIM_LEASE_MS / 1000} 秒后重新上报，不会重复入库`,
    );
  }
  const stored = claim.submission_id ? await findSubmission(db, claim.submission_id) : null;
  if (!stored) throw new Error(`idempotency claim without submission for unit ${unitId}`);
  return receiptOfRecord(stored, calendar);
}

/** A period that is not open for submissions (not started, or a year out of range) → 422. */
function assertPeriodOpen(period: string, now: Date): void {
  const reason = periodClosedReason(period, now);
  if (reason) throw new ServiceError(422, 'period-not-open', `${reason}（未保存任何数据）`);
}

/**
 * Renews the claim's lease every `CLAIM_LEASE_MS / 3` while `work` runs (between its awaits), so
 * a live request keeps its claim and a dead one loses it within seconds.
 */
async function whileLeased<T>(db: D1Database, unitId: number, key: string, owner: string, work: () => Promise<T>) {
  const timer = setInterval(() => {
    renewLease(db, unitId, key, owner).catch(() => {});
  }, CLAIM_LEASE_MS / 3);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

const DetailQuery = z.strictObject({
  offset: z._default(z.coerce.number().check(z.int(), z.gte(0)), 0),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(2000)), 2000),
});

/**
 * Characters of project JSON in one detail response: at most 3 bytes each in UTF-8 (≤ 0.9 MB), and
 * with the capped issues (≤ 0.9 MB) under 2 MB. A 2,000-row ledger needs about two pages.
 */
const DETAIL_BUDGET_CHARS = 300_000;

/** Rows from `offset`, at most `limit`, stopping before their JSON passes `budget` characters (at least one row). */
function pageWithin<T>(rows: readonly T[], offset: number, limit: number, budget: number): T[] {
  const page: T[] = [];
  let used = 0;
  for (let i = offset; i < rows.length && page.length < limit; i++) {
    used += JSON.stringify(rows[i]).length;
    if (page.length > 0 && used > budget) break;
    page.push(rows[i] as T);
  }
  return page;
}

const ListQuery = z.strictObject({
  period: z.optional(PeriodIdSchema),
  unit: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

export const submissions = new Hono<AppEnv>()
  .post('/', async (c) => {
    const unit = ownUnit(c.get('principal'));
    const dryRun = ['1', 'true'].includes(c.req.query('dryRun') ?? '');
    const key = c.req.header('idempotency-key') ?? '';
    if (!dryRun && !IDEMPOTENCY_KEY.test(key)) {
      throw new ServiceError(
        400,
        'idempotency-key-required',
        '这次上报缺少有效的报送编号（8–200 个英文字母、数字或符号），未保存任何数据：请用本系统的加载项或命令行上报',
      );
    }
    const { value: submission, bytes, text } = await readBody(c, SubmissionBodySchema, '报送内容');
    checkUnit(submission, unit.name);
    const hash = await contentHash(bytes);
    const db = c.env.DB;
    const clock = () => new Date();
    const now = clock();
    assertPeriodOpen(submission.period, now);
    // What validation and the receipt need: the unit's approved categories and the calendar.
    const reads = [unitEventsStatement(db, unit.id), ...calendarStatements(db)];

    if (dryRun) {
      const [events, years, deadlines] = await db.batch(reads);
      const approved = approvedOfRows(events?.results ?? []);
      const calendar = calendarOf(years, deadlines);
      const checked = checkSubmission(submission, unit.name, now, approved, text);
      const previous = await latestOfUnit(db, unit.id, {});
      const before = previous ? await projectRefs(db, previous.id) : [];
      const diff = diffProjects(
        previous ? { id: previous.id, period: previous.period, receivedAt: previous.received_at } : null,
        before,
        checked.table.rows().map(refOf),
      );
      const receipt = newReceipt(
        'dry-run',
        unit.name,
        submission.period,
        now,
        { ...checked, contentHash: hash },
        calendar,
      );
      return c.json({ ...receipt, dryRun: true as const, diff });
    }

    const owner = crypto.randomUUID();
    // One round trip before validating: the claim on the key, the period's lock for this unit (read
    // in the same transaction, so it is the lock as of the claim) and the reads above.
    const claim = { unitId: unit.id, key, contentHash: hash, now, owner };
    const [claimResult, lockRows, events, years, deadlines] = await db.batch([
      claimStatement(db, claim),
      lockStatement(db, unit.id, submission.period),
      ...reads,
    ]);
    const approved = approvedOfRows(events?.results ?? []);
    const calendar = calendarOf(years, deadlines);
    for (let attempt = 0; attempt < 2; attempt++) {
      // The first claim was made in the batch above, with its lock; a retry claims and reads anew.
      const took = attempt === 0 ? claimed(claimResult) : await claimKey(db, claim);
      const first = attempt === 0 && took;
      if (!took) {
        const answer = await replay(db, unit.id, key, hash, owner, clock, calendar);
        if (answer === 'retry') continue;
        if (answer !== 'taken-over') {
          c.header('Idempotent-Replayed', 'true');
          return c.json(answer, 200);
        }
      }
      try {
        if (first) refuseLock(lockOfRow(lockRows?.results[0] as LockRow | undefined, now), unit, submission.period);
        else await refuseIfLocked(db, unit, submission.period, now);
        const leased = Date.now();
        const receipt = await whileLeased(db, unit.id, key, owner, async () => {
          const checked = checkSubmission(submission, unit.name, now, approved, text);
          // Validation is synchronous (no timer runs meanwhile): when it took a third of the lease,
          // renew once more before writing. The largest ledger (20,000 rows) validates in well under
          // a second, and a deployed Worker's clock does not even move during synchronous work, so
          // this is a safety net; were the claim taken over all the same, the submission would still
          // not be stored twice: submissions are UNIQUE (unit_id, idempotency_key).
          if (Date.now() - leased >= CLAIM_LEASE_MS / 3) await renewLease(db, unit.id, key, owner);
          const id = crypto.randomUUID();
          await storeSubmission(db, {
            id,
            unitId: unit.id,
            period: submission.period,
            receivedAt: now,
            idempotencyKey: key,
            contentHash: hash,
            rows: checked.table,
            warnings: checked.warnings,
            meta: submission.meta,
            stats: checked.stats,
          });
          return newReceipt(id, unit.name, submission.period, now, { ...checked, contentHash: hash }, calendar);
        });
        return c.json(receipt, 201);
      } catch (error) {
        await releaseKey(db, unit.id, key, owner);
        // A request thought dead may still have finished first (its submission holds the key):
        // answer with its receipt, as for any replay.
        const held = await findClaim(db, unit.id, key);
        if (held?.state === 'done' && held.content_hash === hash) {
          const answer = await replay(db, unit.id, key, hash, owner, clock, calendar);
          if (answer !== 'retry' && answer !== 'taken-over') {
            c.header('Idempotent-Replayed', 'true');
            return c.json(answer, 200);
          }
        }
        throw error;
      }
    }
    throw new ServiceError(409, IN_FLIGHT, '这份台账正在上报中，请稍候重新上报，不会重复入库');
  })
  .get('/', async (c) => {
    const p = c.get('principal');
    const q = readQuery(c, ListQuery);
    let unitId: number | undefined;
    if (p.role === 'unit') {
      if (q.unit !== undefined && q.unit !== p.unit?.name) throw forbidden('只能查看本单位的报送记录');
      unitId = p.unit?.id;
    } else if (q.unit !== undefined) {
      const unit = await findUnitByName(c.env.DB, q.unit);
      if (!unit) throw notFound(`没有名为“${q.unit}”的报送单位`);
      unitId = unit.id;
    }
    const rows = await listSubmissions(c.env.DB, { period: q.period, unitId });
    const calendar = await loadCalendar(c.env.DB);
    return c.json({ submissions: rows.map((s) => receiptOfRecord(s, calendar)) });
  })
  .get('/:id', async (c) => {
    const s = await findSubmission(c.env.DB, c.req.param('id'));
    if (!s) throw notFound('没有这条报送记录');
    assertReadable(c.get('principal'), s);
    const q = readQuery(c, DetailQuery);
    const detail = await submissionDetail(c.env.DB, s.id);
    const calendar = await loadCalendar(c.env.DB);
    const projects = pageWithin(detail.rows, q.offset, q.limit, DETAIL_BUDGET_CHARS);
    return c.json({
      ...receiptOfRecord(s, calendar),
      meta: detail.meta,
      issues: capIssues(detail.warnings),
      projects,
      projectsTotal: detail.rows.length,
      offset: q.offset,
    });
  });
