/**
 * GET /api/v1/trend?from=&to=[&unit=]: the three rates (停产闲置率, 经营困难率, 未按约定联农带农率)
 * and the reporting and timeliness rates per period, for the county and each unit (spec §10).
 * A unit token reads its own series only (no county figures); the county reads every unit's.
 */
import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import type { Trend } from '../../shared/api.js';
import { PeriodIdSchema } from '../../shared/contract.js';
import {
  fraction,
  periodGlob,
  periodRange,
  reportingFigures,
  type SubmissionStatus,
  submissionStatus,
} from '../../shared/index.js';
import { loadCalendar } from '../db/calendar.js';
import { trendSubmissions } from '../db/periods.js';
import { findUnitByName, listUnits, type UnitRecord } from '../db/units.js';
import type { AppEnv } from '../env.js';
import { forbidden, notFound, ServiceError } from '../errors.js';
import { readQuery } from '../input.js';

const Query = z.strictObject({
  from: PeriodIdSchema,
  to: PeriodIdSchema,
  unit: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

export const trend = new Hono<AppEnv>().get('/', async (c) => {
  const p = c.get('principal');
  const q = readQuery(c, Query);
  const range = periodRange(q.from, q.to);
  if (typeof range === 'string') throw new ServiceError(400, 'invalid-range', range);
  const db = c.env.DB;
  let units: UnitRecord[];
  if (p.role === 'unit') {
    if (!p.unit || (q.unit !== undefined && q.unit !== p.unit.name)) throw forbidden('只能查看本单位的趋势');
    units = [p.unit];
  } else if (q.unit !== undefined) {
    const u = await findUnitByName(db, q.unit);
    if (!u) throw notFound(`没有名为“${q.unit}”的报送单位`);
    units = [u];
  } else units = await listUnits(db);
  const only = p.role === 'unit' || q.unit !== undefined ? (units[0]?.id ?? null) : null;
  const counted = await trendSubmissions(db, q.from, q.to, periodGlob(q.from), only);
  const at = new Map(counted.map((r) => [`${r.unit_id}|${r.period}`, r]));
  const calendar = await loadCalendar(db);
  const parsed = range.map((id) => calendar.resolve(id)?.period ?? null).filter((x) => x !== null);
  const ratesOf = (n: { projects: number; idle: number; difficult: number; linkage: number }) => ({
    idle: fraction(n.idle, n.projects),
    difficult: fraction(n.difficult, n.projects),
    linkage: fraction(n.linkage, n.projects),
  });
  const series = units.map((u) => ({
    unit: u.name,
    series: parsed.map((period) => {
      const r = at.get(`${u.id}|${period.id}`);
      const status: SubmissionStatus = submissionStatus(period, r ? new Date(r.first_at) : null);
      return { period: period.id, status, projects: r ? r.projects : null, rates: r ? ratesOf(r) : null, counts: r };
    }),
  }));
  const county =
    p.role === 'county'
      ? parsed.map((period, i) => {
          const column = series.map((u) => u.series[i]);
          const figures = reportingFigures(column.map((x) => x?.status ?? 'missing'));
          const sum = { projects: 0, idle: 0, difficult: 0, linkage: 0 };
          for (const x of column)
            if (x?.counts) {
              sum.projects += x.counts.projects;
              sum.idle += x.counts.idle;
              sum.difficult += x.counts.difficult;
              sum.linkage += x.counts.linkage;
            }
          return {
            period: period.id,
            expected: figures.expected,
            reported: figures.reported,
            reportingRate: figures.reportingRate,
            timelinessRate: figures.timelinessRate,
            projects: sum.projects,
            rates: ratesOf(sum),
          };
        })
      : null;
  const body: Trend = {
    from: q.from,
    to: q.to,
    periods: range,
    county,
    units: series.map((u) => ({
      unit: u.unit,
      series: u.series.map(({ counts: _, ...point }) => point),
    })),
  };
  return c.json(body);
});
