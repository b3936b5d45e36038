/**
 * D1 round trips per request, counted (watchedD1): what carries to production, where each round
 * trip to D1 costs milliseconds to tens of milliseconds, whatever this machine's speed. A change
 * that adds one to these routes must say so here.
 */
import { describe, expect, it } from 'vitest';
import { wireSubmission } from '../../shared/contract.js';
import { apiTrips, ledger, makeCounty, makeUnit } from './helpers.js';

const PERIOD = '2026-W47';

describe('D1 round trips', () => {
  it('the county summary: one (the token and the summary read together), every time', async () => {
    const county = await makeCounty();
    const unit = await makeUnit();
    await apiTrips('/submissions', {
      token: unit.token,
      body: wireSubmission(ledger(unit.name, 20, PERIOD)),
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    for (let i = 0; i < 2; i++) {
      const { res, trips } = await apiTrips(`/summary?period=${PERIOD}`, { token: county });
      expect(res.status).toBe(200);
      expect(trips).toBe(1);
    }
  });

  it('GET /me with a token: one; without one: none', async () => {
    const county = await makeCounty();
    expect((await apiTrips('/me', { token: county })).trips).toBe(1);
    const anonymous = await apiTrips('/me');
    expect(anonymous.res.status).toBe(401);
    expect(anonymous.trips).toBe(0);
  });

  it('a submission: the token, the claim with its reads, the store (three), whatever its size', async () => {
    for (const rows of [5, 2000]) {
      const unit = await makeUnit();
      const { res, trips } = await apiTrips('/submissions', {
        token: unit.token,
        body: wireSubmission(ledger(unit.name, rows, PERIOD)),
        headers: { 'idempotency-key': crypto.randomUUID() },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      expect(trips).toBe(3);
    }
  });

  it('a refused ledger: the token, the claim, then its release and a look at the key (four)', async () => {
    const unit = await makeUnit();
    const bad = ledger(unit.name, 5, PERIOD);
    bad.rows[0] = { ...bad.rows[0], cells: { ...bad.rows[0]?.cells, year: '明年' } } as (typeof bad.rows)[number];
    const { res, trips } = await apiTrips('/submissions', {
      token: unit.token,
      body: wireSubmission(bad),
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    expect(res.status).toBe(422);
    expect(trips).toBe(4);
  });
});
