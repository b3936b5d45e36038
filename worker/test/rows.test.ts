/** Project rows go into D1 and come back exactly as the engine made them, with either insert strategy. */
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { checkRecords, summarize } from '../../shared/index.js';
import { rowInsertStatements } from '../db/rows.js';
import { findProjects, projectRefs, storeSubmission, submissionDetail } from '../db/submissions.js';
import { findUnitByName } from '../db/units.js';
import { ledger, makeUnit } from './helpers.js';

describe('stored project rows', () => {
  it.each(['json', 'values'] as const)(
    '%s: a ledger larger than one JSON chunk round-trips in order',
    async (strategy) => {
      const u = await makeUnit();
      const unit = await findUnitByName(env.DB, u.name);
      if (!unit) throw new Error('unit not stored');
      const submission = ledger(u.name, 3000, '2026-W30');
      const { rows } = checkRecords(submission.rows, { mode: 'submission', meta: submission.meta });
      if (strategy === 'json') expect(rowInsertStatements(env.DB, 'x', rows, 'json').length).toBeGreaterThan(1);
      const id = crypto.randomUUID();
      await env.DB.prepare(
        "INSERT INTO idempotency_keys (unit_id, key, content_hash, state, created_at) VALUES (?, ?, 'h', 'pending', '2026')",
      )
        .bind(unit.id, id)
        .run();
      await storeSubmission(
        env.DB,
        {
          id,
          unitId: unit.id,
          period: '2026-W30',
          receivedAt: new Date(),
          idempotencyKey: id,
          contentHash: 'h',
          rows,
          warnings: [],
          meta: submission.meta,
          stats: summarize(u.name, rows),
        },
        strategy,
      );
      expect((await submissionDetail(env.DB, id)).rows).toEqual(rows);
      const refs = await projectRefs(env.DB, id);
      expect(refs).toEqual(rows.map((r) => ({ code: r.code, name: r.name, category: r.category })));
      const consolidated = await findProjects(env.DB, {
        period: '2026-W30',
        unitId: unit.id,
        category: '盘活',
        limit: 5000,
        offset: 0,
      });
      expect(consolidated.total).toBe(rows.filter((r) => r.category === '盘活').length);
    },
  );
});
