/** POST/GET /api/v1/submissions: receive a unit's ledger (idempotent), list and read submissions. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Calendar } from '../../shared/calendar.js';
import { PeriodIdSchema, type Receipt, SubmissionSchema } from '../../shared/contract.js';
import type { StatsRow } from '../../shared/index.js';
import { ownUnit } from '../auth.js';
import { loadCalendar } from '../db/calendar.js';
import {
  claimKey,
  findClaim,
  findSubmission,
  latestOfUnit,
  listSubmissions,
  projectRefs,
  releaseKey,
  type SubmissionRecord,
  storeSubmission,
  submissionDetail,
} from '../db/submissions.js';
import { findUnitByName } from '../db/units.js';
import type { AppEnv, Principal } from '../env.js';
import { ApiFailure, forbidden, notFound } from '../errors.js';
import { readBody, readQuery } from '../input.js';
import { type Checked, checkSubmission, checkUnit, contentHash, diffProjects, receiptOf } from '../submission.js';

/** A pending claim older than this is from a request that died; it may be taken over. */
export const STALE_CLAIM_MS = 120_000;
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
      rows: checked.rows.length,
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

/** The answer for a key that is already taken: the first receipt, 422 or 409. */
async function replay(
  db: D1Database,
  unitId: number,
  key: string,
  hash: string,
  calendar: Calendar,
): Promise<Receipt | 'retry'> {
  const claim = await findClaim(db, unitId, key);
  if (!claim) return 'retry';
  if (claim.content_hash !== hash) {
    throw new ApiFailure(
      422,
      'idempotency-key-reused',
      '同一个 Idempotency-Key 已用于内容不同的报送：重新报送修改后的台账时请使用新的 Idempotency-Key',
    );
  }
  if (claim.state === 'pending') {
    if (Date.now() - Date.parse(claim.created_at) > STALE_CLAIM_MS) {
      await releaseKey(db, unitId, key);
      return 'retry';
    }
    throw new ApiFailure(
      409,
      'in-flight',
      '同一报送（相同 Idempotency-Key）正在处理中，请稍候再查询结果，不要重复提交',
    );
  }
  const stored = claim.submission_id ? await findSubmission(db, claim.submission_id) : null;
  if (!stored) throw new Error(`idempotency claim without submission for unit ${unitId}`);
  return receiptOfRecord(stored, calendar);
}

const ListQuery = z.strictObject({ period: PeriodIdSchema.optional(), unit: z.string().min(1).max(100).optional() });

export const submissions = new Hono<AppEnv>()
  .post('/', async (c) => {
    const unit = ownUnit(c.get('principal'));
    const dryRun = ['1', 'true'].includes(c.req.query('dryRun') ?? '');
    const key = c.req.header('idempotency-key') ?? '';
    if (!dryRun && !IDEMPOTENCY_KEY.test(key)) {
      throw new ApiFailure(
        400,
        'idempotency-key-required',
        '缺少或无效的 Idempotency-Key 请求头：每次报送须带一个 8–200 个可见 ASCII 字符的唯一键（如 UUID），重试时沿用同一个键',
      );
    }
    const { value: submission, bytes } = await readBody(c, SubmissionSchema, '报送内容');
    checkUnit(submission, unit.name);
    const hash = await contentHash(bytes);
    const db = c.env.DB;
    const now = new Date();
    const calendar = await loadCalendar(db);

    if (dryRun) {
      const checked = checkSubmission(submission, unit.name, now);
      const previous = await latestOfUnit(db, unit.id, {});
      const before = previous ? await projectRefs(db, previous.id) : [];
      const diff = diffProjects(
        previous ? { id: previous.id, period: previous.period, receivedAt: previous.received_at } : null,
        before,
        checked.rows.map((r) => ({ code: r.code, name: r.name, category: r.category })),
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

    for (let attempt = 0; attempt < 2; attempt++) {
      if (!(await claimKey(db, unit.id, key, hash, now))) {
        const answer = await replay(db, unit.id, key, hash, calendar);
        if (answer === 'retry') continue;
        c.header('Idempotent-Replayed', 'true');
        return c.json(answer, 200);
      }
      try {
        const checked = checkSubmission(submission, unit.name, now);
        const id = crypto.randomUUID();
        await storeSubmission(db, {
          id,
          unitId: unit.id,
          period: submission.period,
          receivedAt: now,
          idempotencyKey: key,
          contentHash: hash,
          rows: checked.rows,
          warnings: checked.warnings,
          meta: submission.meta,
          stats: checked.stats,
        });
        return c.json(
          newReceipt(id, unit.name, submission.period, now, { ...checked, contentHash: hash }, calendar),
          201,
        );
      } catch (error) {
        await releaseKey(db, unit.id, key);
        throw error;
      }
    }
    throw new ApiFailure(409, 'in-flight', '同一报送（相同 Idempotency-Key）正在处理中，请稍候重试');
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
    const detail = await submissionDetail(c.env.DB, s.id);
    const calendar = await loadCalendar(c.env.DB);
    return c.json({
      ...receiptOfRecord(s, calendar),
      meta: detail.meta,
      issues: detail.warnings,
      projects: detail.rows,
    });
  });
