/** County-service answers for the CLI client tests: JSON responses, request bodies and a GET /summary body. */
import { gunzipSync } from 'node:zlib';
import type { ServiceRequest } from '../../shared/api/index.js';
import type { StatsRow } from '../../shared/index.js';

export const jsonResponse = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The text of a request body as the service reads it: inflated when sent with Content-Encoding: gzip. */
export function requestText(init: ServiceRequest | undefined): string {
  const encoding = ((init?.headers ?? {}) as Record<string, string>)['content-encoding'];
  if (encoding === undefined) return String(init?.body);
  if (encoding !== 'gzip') throw new Error(`unexpected Content-Encoding ${encoding}`);
  return gunzipSync(init?.body as Uint8Array).toString('utf8');
}

/** A /summary body for two townships: 保家镇 has reported on time (its 统计表 row is `row`), 郁山镇 is missing. */
export function summaryBody(options: {
  period: string | null;
  /** When 保家镇's submission arrived (ISO). */
  receivedAt: string;
  submissions: number;
  submissionId: string;
  row: StatsRow | null;
  total: StatsRow;
}) {
  return {
    period: options.period,
    periodLabel: '2026年第47周（截止 11月19日 16:00）',
    due: '2026-11-19T08:00:00.000Z',
    units: [
      {
        unit: '保家镇',
        type: '乡镇',
        status: 'on-time',
        receivedAt: options.receivedAt,
        firstReceivedAt: options.receivedAt,
        submissions: options.submissions,
        submissionId: options.submissionId,
        summary: options.row,
      },
      {
        unit: '郁山镇',
        type: '乡镇',
        status: 'missing',
        receivedAt: null,
        firstReceivedAt: null,
        submissions: 0,
        submissionId: null,
        summary: null,
      },
    ],
    total: options.total,
    counts: { onTime: 1, late: 0, missing: 1 },
  };
}
