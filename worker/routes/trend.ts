/**
 * GET /api/v1/trend?from=&to=[&unit=]: the three rates (停产闲置率, 经营困难率, 未按约定联农带农率)
 * and the reporting and timeliness rates per period, for the county and each unit (spec §10).
 * A unit token reads its own series only (no county figures); the county reads every unit's.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Trend } from '../../shared/api.js';
import { PeriodIdSchema } from '../../shared/contract.js';
import {
  fraction,
  mergeStats,
  parsePeriod,
  periodGlob,
  periodRange,
  reportingFigures,
  type StatsRow,
  type SubmissionStatus,
  submissionStatus,
} from '../../shared/index.js';
import { trendSubmissions } from '../db/periods.js';
import { statsOf } from '../db/submissions.js';
import { findUnitByName, listUnits, type UnitRecord } from '../db/units.js';
import type { AppEnv } from '../env.js';
import { ApiFailure, forbidden, notFound } from '../errors.js';
import { readQuery } from '../input.js';

const Query = z.strictObject({
  from: PeriodIdSchema,
  to: PeriodIdSchema,
  unit: z.string().min(1).max(100).optional(),
});

export const trend = new Hono<AppEnv>().get('/', async (c) => {
  const p = c.get('principal');
  const q = readQuery(c, Query);
  const range = periodRange(q.from, q.to);
  if (typeof range === 'string') throw new ApiFailure(400, 'invalid-range', range);
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
  const stats = await statsOf(
    db,
    counted.map((r) => r.id),
  );
  const at = new Map(counted.map((r) => [`${r.unit_id}|${r.period}`, r]));
  const parsed = range.map((id) => parsePeriod(id)).filter((x) => x !== null);
  const series = units.map((u) => ({
    unit: u.name,
    series: parsed.map((period) => {
      const r = at.get(`${u.id}|${period.id}`);
      const s = r ? (stats.get(r.id) ?? null) : null;
      const status: SubmissionStatus = submissionStatus(period, r ? new Date(r.first_at) : null);
      return { period: period.id, status, projects: s ? s.projects : null, rates: s ? s.rates : null, stats: s };
    }),
  }));
  const county =
    p.role === 'county'
      ? parsed.map((period, i) => {
          const column = series.map((u) => u.series[i]);
          const figures = reportingFigures(column.map((x) => x?.status ?? 'missing'));
          const total = mergeStats(column.flatMap((x) => (x?.stats ? [x.stats as StatsRow] : [])));
          return {
            period: period.id,
            expected: figures.expected,
            reported: figures.reported,
            reportingRate: figures.reportingRate,
            timelinessRate: fraction(figures.onTime, figures.expected),
            projects: total.projects,
            rates: total.rates,
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
      series: u.series.map(({ stats: _, ...point }) => point),
    })),
  };
  return c.json(body);
});
