/** Idempotency-Key: replay → first receipt; different body → 422; concurrent duplicates → one stored. */
import { describe, expect, it } from 'vitest';
import { ApiErrorSchema, ReceiptSchema } from '../../shared/contract.js';
import { api, ledger, makeUnit, storedCounts, submit } from './helpers.js';

const PERIOD = '2026-W11';

describe('Idempotency-Key', () => {
  it('a replay returns the first receipt and stores nothing new', async () => {
    const u = await makeUnit();
    const body = ledger(u.name, 6, PERIOD);
    const key = crypto.randomUUID();
    const first = await submit(u.token, body, key);
    expect(first.status).toBe(201);
    const receipt = ReceiptSchema.parse(await first.json());
    const after = await storedCounts();
    const again = await submit(u.token, body, key);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(ReceiptSchema.parse(await again.json())).toEqual(receipt);
    expect(await storedCounts()).toEqual(after);
  });

  it('the same key with a different body → 422, nothing stored', async () => {
    const u = await makeUnit();
    const key = crypto.randomUUID();
    expect((await submit(u.token, ledger(u.name, 3, PERIOD), key)).status).toBe(201);
    const before = await storedCounts();
    const res = await submit(u.token, ledger(u.name, 4, PERIOD), key);
    expect(res.status).toBe(422);
    expect(ApiErrorSchema.parse(await res.json()).error.code).toBe('idempotency-key-reused');
    expect(await storedCounts()).toEqual(before);
  });

  it('the same key used by two units is two submissions (keys are per unit)', async () => {
    const [u, v] = [await makeUnit(), await makeUnit()];
    const key = crypto.randomUUID();
    expect((await submit(u.token, ledger(u.name, 2, PERIOD), key)).status).toBe(201);
    expect((await submit(v.token, ledger(v.name, 2, PERIOD), key)).status).toBe(201);
  });

  it('concurrent duplicates → exactly one stored; the others get the receipt or 409', async () => {
    const u = await makeUnit();
    const body = ledger(u.name, 300, PERIOD);
    const key = crypto.randomUUID();
    const before = await storedCounts();
    const responses = await Promise.all(Array.from({ length: 8 }, () => submit(u.token, body, key)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 200 || s === 409)).toBe(true);
    for (const r of responses.filter((x) => x.status === 409)) {
      expect(ApiErrorSchema.parse(await r.json()).error.code).toBe('in-flight');
    }
    const after = await storedCounts();
    expect(after.submissions - before.submissions).toBe(1);
    expect(after.rows - before.rows).toBe(300);
    expect(after.keys - before.keys).toBe(1);
    // Once done, the key answers with the receipt.
    const replay = await submit(u.token, body, key);
    expect(replay.status).toBe(200);
  });

  it('a missing or too short key → 400, nothing stored', async () => {
    const u = await makeUnit();
    const before = await storedCounts();
    const body = ledger(u.name, 2, PERIOD);
    const missing = await api('/submissions', { token: u.token, body });
    expect(missing.status).toBe(400);
    expect(ApiErrorSchema.parse(await missing.json()).error.code).toBe('idempotency-key-required');
    expect((await submit(u.token, body, 'short')).status).toBe(400);
    expect(await storedCounts()).toEqual(before);
  });

  it('a refused ledger frees its key: the corrected ledger may use it', async () => {
    const u = await makeUnit();
    const key = crypto.randomUUID();
    const bad = ledger(u.name, 3, PERIOD);
    const row = bad.rows[1];
    if (!row) throw new Error('fixture has no row 2');
    row.cells.contact = '王五';
    expect((await submit(u.token, bad, key)).status).toBe(422);
    expect((await submit(u.token, ledger(u.name, 3, PERIOD), key)).status).toBe(201);
  });
});
