import { describe, expect, it } from 'vitest';
import { ReceiptSchema } from '../../shared/contract.js';
import { api, ledger, makeUnit, submit } from './helpers.js';

describe('smoke', () => {
  it('accepts a valid ledger and returns a receipt', async () => {
    const unit = await makeUnit();
    const res = await submit(unit.token, ledger(unit.name, 8));
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(201);
    const receipt = ReceiptSchema.parse(body);
    expect(receipt.rows).toBe(8);
    expect((await api('/me', { token: unit.token })).status).toBe(200);
  });
});
