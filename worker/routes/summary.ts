/** GET /api/v1/summary?period= (county): the consolidated 统计表 and who has reported. */
import type { MiddlewareHandler } from 'hono';
import { Hono } from 'hono/tiny';
import * as z from 'zod/mini';
import type { Summary } from '../../shared/api.js';
import { PeriodIdSchema } from '../../shared/contract.js';
import {
  countyCoverage,
  countyNotes,
  countyTotalLabel,
  describePeriod,
  mergeStats,
  type StatsRow,
  submissionStatus,
} from '../../shared/index.js';
import { requireCounty } from '../auth.js';
import { calendarOf, calendarStatements, loadCalendar } from '../db/calendar.js';
import { statsOf } from '../db/stats-cache.js';
import { latestPerUnit, latestPerUnitStatement, type UnitPeriodRecord } from '../db/submissions.js';
import type { AppEnv } from '../env.js';
import { readQuery } from '../input.js';

const Query = z.strictObject({ period: PeriodIdSchema });

/**
 * Runs before authentication: the summary's queries (its units, the calendar) go into the
 * credential lookup's D1 round trip (see `Alongside`). A query string that does not parse asks for
 * nothing; the route then answers 400 after authentication as before.
 */
export const summaryAlongside: MiddlewareHandler<AppEnv> = async (c, next) => {
  const q = Query.safeParse(c.req.query());
  if (q.success)
    c.set('alongside', {
      key: `summary:${q.data.period}`,
      statements: [latestPerUnitStatement(c.env.DB, q.data.period), ...calendarStatements(c.env.DB)],
    });
  await next();
};

export const summary = new Hono<AppEnv>().get('/', async (c) => {
  requireCounty(c.get('principal'));
  const { period: id } = readQuery(c, Query);
  const pre = c.get('alongsideRows');
  const read = pre?.key === `summary:${id}` ? pre.rows : null;
  const calendar = read ? calendarOf(read[1], read[2]) : await loadCalendar(c.env.DB);
  const period = calendar.resolve(id)?.period;
  if (!period) throw new Error('period passed the schema but does not parse');
  const units = read ? ((read[0] ?? []) as UnitPeriodRecord[]) : await latestPerUnit(c.env.DB, id);
  const counted = await statsOf(
    c.env.DB,
    units.flatMap((u) => (u.submission_id ? [u.submission_id] : [])),
  );
  const rows: StatsRow[] = [];
  const counts = { onTime: 0, late: 0, missing: 0 };
  const statuses = units.map((u) => {
    // The first submission decides whether the unit reported on time; the latest one is counted.
    const status = submissionStatus(period, u.first_received_at ? new Date(u.first_received_at) : null);
    counts[status === 'on-time' ? 'onTime' : status]++;
    const stored = u.submission_id ? (counted.get(u.submission_id) ?? null) : null;
    // Under the unit's current name, should it have been renamed since.
    const stats = stored && stored.unit !== u.unit_name ? { ...stored, unit: u.unit_name } : stored;
    if (stats) rows.push(stats);
    return {
      unit: u.unit_name,
      type: u.unit_type,
      status,
      receivedAt: u.received_at,
      firstReceivedAt: u.first_received_at,
      submissions: u.submissions,
      submissionId: u.submission_id,
      summary: stats,
    };
  });
  // Every registered unit has a row (未报: summary null); the coverage says what 合计 leaves out.
  const coverage = countyCoverage(statuses);
  const body: Summary = {
    period: id,
    periodLabel: describePeriod(period),
    due: period.due.toISOString(),
    units: statuses,
    total: mergeStats(rows),
    counts,
    coverage,
    totalLabel: countyTotalLabel(coverage.reported, coverage.expected),
    notes: countyNotes(coverage),
  };
  return c.json(body);
});
