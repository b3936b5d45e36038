/**
 * GET /api/v1/changes?period=&unit=: new, removed and re-classified projects (by 项目编号) in the
 * unit's latest submission for the period against its latest submission of the previous period of
 * the same kind (week against week, month against month).
 */
import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import { PeriodIdSchema } from '../../shared/contract.js';
import { parsePeriod } from '../../shared/index.js';
import { projectRefs } from '../db/projects.js';
import { latestOfUnit } from '../db/submissions.js';
import type { UnitRecord } from '../db/units.js';
import { findUnitByName } from '../db/units.js';
import type { AppEnv } from '../env.js';
import { forbidden, notFound, ServiceError } from '../errors.js';
import { readQuery } from '../input.js';
import { diffProjects } from '../submission.js';

const Query = z.strictObject({
  period: PeriodIdSchema,
  unit: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

export const changes = new Hono<AppEnv>().get('/', async (c) => {
  const p = c.get('principal');
  const q = readQuery(c, Query);
  let unit: UnitRecord | null;
  if (p.role === 'unit') {
    if (q.unit !== undefined && q.unit !== p.unit?.name) throw forbidden('只能查看本单位的项目变化');
    unit = p.unit;
  } else {
    if (q.unit === undefined)
      throw new ServiceError(400, 'invalid-query', '县级令牌查询项目变化时须指定 unit（报送单位名称）');
    unit = await findUnitByName(c.env.DB, q.unit);
    if (!unit) throw notFound(`没有名为“${q.unit}”的报送单位`);
  }
  if (!unit) throw forbidden('令牌没有所属单位');
  const db = c.env.DB;
  const current = await latestOfUnit(db, unit.id, { period: q.period });
  if (!current) throw notFound(`“${unit.name}”在 ${q.period} 还没有报送`);
  const kindGlob =
    parsePeriod(q.period)?.kind === 'week' ? '[0-9][0-9][0-9][0-9]-W*' : '[0-9][0-9][0-9][0-9]-[0-9][0-9]';
  const previous = await latestOfUnit(db, unit.id, { periodBefore: q.period, periodLike: kindGlob });
  const [before, after] = await Promise.all([
    previous ? projectRefs(db, previous.id) : Promise.resolve([]),
    projectRefs(db, current.id),
  ]);
  const diff = diffProjects(
    previous ? { id: previous.id, period: previous.period, receivedAt: previous.received_at } : null,
    before,
    after,
  );
  return c.json({ period: q.period, unit: unit.name, ...diff });
});
