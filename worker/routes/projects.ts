/** GET /api/v1/projects?period=&category=&cause=&unit= (county): drill-down to project rows. */
import { Hono } from 'hono';
import { z } from 'zod';
import { PeriodIdSchema } from '../../shared/contract.js';
import { CATEGORIES, CAUSES } from '../../shared/index.js';
import { requireCounty } from '../auth.js';
import { findProjects } from '../db/projects.js';
import { findUnitByName } from '../db/units.js';
import type { AppEnv } from '../env.js';
import { notFound } from '../errors.js';
import { readQuery } from '../input.js';

export const MAX_PROJECTS_PAGE = 2000;

const Query = z.strictObject({
  period: PeriodIdSchema,
  category: z.enum(CATEGORIES).optional(),
  cause: z.enum(CAUSES).optional(),
  unit: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_PROJECTS_PAGE).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});

export const projects = new Hono<AppEnv>().get('/', async (c) => {
  requireCounty(c.get('principal'));
  const q = readQuery(c, Query);
  let unitId: number | undefined;
  if (q.unit !== undefined) {
    const unit = await findUnitByName(c.env.DB, q.unit);
    if (!unit) throw notFound(`没有名为“${q.unit}”的报送单位`);
    unitId = unit.id;
  }
  const found = await findProjects(c.env.DB, { ...q, unitId });
  return c.json({
    period: q.period,
    total: found.total,
    offset: q.offset,
    limit: q.limit,
    projects: found.rows.map((p) => ({ ...p.row, reportingUnit: p.unitName, submissionId: p.submissionId })),
  });
});
