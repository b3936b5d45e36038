/**
 * Content-Encoding: gzip on POST /submissions: the same ledger plain or gzipped is the same
 * submission (hash, idempotency); corrupt gzip → 400, a gzip bomb → 413 without inflating it
 * whole, other encodings → 415; nothing stored on a refusal (counted before and after).
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ReceiptSchema } from '../../shared/contract.js';
import { gunzipLimited } from '../gzip.js';
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_INFLATED_BYTES } from '../middleware.js';
import { sha256Hex } from '../tokens.js';
import { api, gzip, ledger, makeUnit, refused, storedCounts } from './helpers.js';

const PERIOD = '2026-W13';

function post(token: string, body: string | Uint8Array, headers: Record<string, string>, query = '') {
  return api(`/submissions${query}`, {
    token,
    rawBody: body,
    headers: { 'idempotency-key': crypto.randomUUID(), ...headers },
  });
}

describe('gzip request bodies', () => {
  it('a gzipped ledger → 201 with the content hash of the same JSON sent plain', async () => {
    const u = await makeUnit();
    const json = JSON.stringify(ledger(u.name, 40, PERIOD));
    const packed = await gzip(json);
    expect(packed.byteLength).toBeLessThan(json.length / 3);
    const before = await storedCounts();
    const zipped = await post(u.token, packed, { 'content-encoding': 'gzip' });
    expect(zipped.status, await zipped.clone().text()).toBe(201);
    const first = ReceiptSchema.parse(await zipped.json());
    expect(first.rows).toBe(40);
    expect(first.contentHash).toBe(await sha256Hex(new TextEncoder().encode(json).buffer as ArrayBuffer));
    const after = await storedCounts();
    expect(after.submissions - before.submissions).toBe(1);
    expect(after.rows - before.rows).toBe(40);

    const plain = await post(u.token, json, {});
    expect(plain.status).toBe(201);
    const second = ReceiptSchema.parse(await plain.json());
    expect(second.id).not.toBe(first.id);
    expect(second.contentHash).toBe(first.contentHash);
    expect(second.summary).toEqual(first.summary);
  });

  it('Content-Encoding is case-insensitive; identity is plain; a gzipped dry run is checked too', async () => {
    const u = await makeUnit();
    const json = JSON.stringify(ledger(u.name, 3, PERIOD));
    const before = await storedCounts();
    const dry = await post(u.token, await gzip(json), { 'content-encoding': 'GZip' }, '?dryRun=1');
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, rows: 3 });
    expect(await storedCounts()).toEqual(before);
    expect((await post(u.token, json, { 'content-encoding': 'identity' })).status).toBe(201);
    expect((await post(u.token, await gzip(json), { 'content-encoding': ' GZIP ' })).status).toBe(201);
  });

  it('same Idempotency-Key, first plain then gzipped → the first receipt replayed, one submission stored', async () => {
    const u = await makeUnit();
    const json = JSON.stringify(ledger(u.name, 6, PERIOD));
    const key = crypto.randomUUID();
    const before = await storedCounts();
    const first = await post(u.token, json, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const receipt = ReceiptSchema.parse(await first.json());
    const again = await post(u.token, await gzip(json), { 'idempotency-key': key, 'content-encoding': 'gzip' });
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(ReceiptSchema.parse(await again.json())).toEqual(receipt);
    const after = await storedCounts();
    expect(after.submissions - before.submissions).toBe(1);
    expect(after.rows - before.rows).toBe(6);
    expect(after.keys - before.keys).toBe(1);
    // A different ledger under the key is still refused, gzipped or not.
    const other = await gzip(JSON.stringify(ledger(u.name, 7, PERIOD)));
    await refused(
      await post(u.token, other, { 'idempotency-key': key, 'content-encoding': 'gzip' }),
      422,
      'idempotency-key-reused',
    );
  });

  it('corrupt, truncated or padded gzip → 400 invalid-gzip, nothing stored', async () => {
    const u = await makeUnit();
    const packed = await gzip(JSON.stringify(ledger(u.name, 5, PERIOD)));
    const flipped = packed.slice();
    const middle = Math.floor(flipped.length / 2);
    flipped[middle] = (flipped[middle] ?? 0) ^ 0xff;
    const before = await storedCounts();
    for (const body of [
      flipped,
      packed.subarray(0, packed.length - 10),
      new Uint8Array([...packed, 0x7b, 0x7d]),
      '{"period":"2026-W13"}',
      new Uint8Array(0),
    ]) {
      const error = await refused(await post(u.token, body, { 'content-encoding': 'gzip' }), 400, 'invalid-gzip');
      expect(error.message).toContain('gzip');
    }
    expect(await storedCounts()).toEqual(before);
  });

  it('a gzip bomb (small on the wire, over the limit inflated) → 413, nothing stored', async () => {
    const u = await makeUnit();
    const l = ledger(u.name, 1, PERIOD);
    const json = JSON.stringify({ ...l, rows: [{ row: 5, cells: { remarks: ' '.repeat(25 * 1024 * 1024) } }] });
    expect(json.length).toBeGreaterThan(DEFAULT_MAX_INFLATED_BYTES);
    const bomb = await gzip(json);
    expect(bomb.byteLength).toBeLessThan(DEFAULT_MAX_BODY_BYTES / 50);
    const before = await storedCounts();
    const error = await refused(await post(u.token, bomb, { 'content-encoding': 'gzip' }), 413, 'payload-too-large');
    expect(error.message).toContain('24.0 MB');
    expect(await storedCounts()).toEqual(before);
  });

  it('other encodings → 415 unsupported-encoding naming gzip, nothing stored', async () => {
    const u = await makeUnit();
    const json = JSON.stringify(ledger(u.name, 2, PERIOD));
    const before = await storedCounts();
    for (const encoding of ['br', 'deflate', 'gzip, br']) {
      const error = await refused(
        await post(u.token, await gzip(json), { 'content-encoding': encoding }),
        415,
        'unsupported-encoding',
      );
      expect(error.message).toContain('gzip');
    }
    expect(await storedCounts()).toEqual(before);
  });

  it('CORS preflight allows Content-Encoding', async () => {
    const res = await api('/submissions', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://addin.example.org',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,content-encoding,idempotency-key',
      },
    });
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-encoding');
  });
});

describe('gunzipLimited', () => {
  it('gives back the bytes that were compressed', async () => {
    const json = JSON.stringify(ledger('保家镇', 300, PERIOD));
    const bytes = gunzipLimited(await gzip(json), json.length * 3);
    expect(new TextDecoder().decode(bytes)).toBe(json);
  });

  it.each([1, 5_000, 16_384, 65_536, 100_000, 1_000_000, DEFAULT_MAX_BODY_BYTES])(
    'the limit is exact: %i bytes pass a limit of as many, and are refused one byte below',
    async (size) => {
      const packed = await gzip('x'.repeat(size));
      expect(gunzipLimited(packed, size).byteLength).toBe(size);
      expect(() => gunzipLimited(packed, size - 1)).toThrow(expect.objectContaining({ status: 413 }));
    },
  );

  it('refuses a bomb of 1 GB in 1 MB without inflating it (the isolate has 128 MB)', () => {
    // 100 gzip members of 10 MB of zeros each: one stream that inflates to 1,000 MB.
    const member = gzipSync(new Uint8Array(10 * 1024 * 1024));
    const bomb = new Uint8Array(member.byteLength * 100);
    for (let i = 0; i < 100; i++) bomb.set(member, i * member.byteLength);
    expect(bomb.byteLength).toBeLessThan(DEFAULT_MAX_BODY_BYTES);
    expect(() => gunzipLimited(bomb, DEFAULT_MAX_BODY_BYTES)).toThrow(
      expect.objectContaining({ status: 413, code: 'payload-too-large' }),
    );
  });
});
