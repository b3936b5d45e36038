/**
 * The shared client against a scripted fetch: which failures are retried (and with what waits),
 * deadlines, gzip, and error bodies — well-formed, malformed or not JSON at all.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { MeSchema } from '../../api.js';
import { emptyStats } from '../../index.js';
import {
  type ClientOptions,
  createClient,
  GZIP_FROM_BYTES,
  ServiceError,
  type ServiceRequest,
  serviceApi,
} from '../index.js';

const me = { role: 'unit', unit: { name: '保家镇', type: '乡镇' }, credentialId: 'c1', label: null };
const receipt = {
  id: 'a1',
  unit: '保家镇',
  period: '2026-W47',
  receivedAt: '2026-11-19T07:00:00.000Z',
  status: 'on-time',
  rows: 2,
  contentHash: 'f'.repeat(64),
  warnings: 0,
  summary: emptyStats('保家镇'),
};
const answer = (status: number, body: unknown) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status });
const inFlight = () => answer(409, { error: { code: 'in-flight', message: '这份台账正在上报中' } });

/** A client whose fetch plays `answers` in turn; the requests it saw and the waits it asked for. */
function scripted(answers: (Response | Error)[], options: Partial<ClientOptions> = {}) {
  const seen: { url: string; init: ServiceRequest }[] = [];
  const waits: number[] = [];
  const client = createClient({
    connection: () => ({ server: 'https://county.example.org', token: 'T' }),
    fetch: async (url, init) => {
      seen.push({ url, init });
      const next = answers.shift();
      if (!next) throw new Error('no more answers');
      if (next instanceof Error) throw next;
      return next;
    },
    retry: { sleep: async (ms) => void waits.push(ms) },
    ...options,
  });
  return { client, api: serviceApi(client), seen, waits };
}

async function failure(p: Promise<unknown>): Promise<ServiceError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ServiceError);
  return e as ServiceError;
}

describe('retries: only what is retryable, only what may be sent again', () => {
  it('a keyed submission is sent again after 409 in-flight and a network failure, same key, same bytes, growing waits', async () => {
    const told: string[] = [];
    const { api, seen, waits } = scripted([inFlight(), new TypeError('fetch failed'), answer(200, receipt)]);
    const r = await api.submit(
      { period: '2026-W47', meta: { unit: '保家镇', reviewer: null, filler: null, updatedAt: null }, rows: [] },
      'key-12345678',
      {
        onRetry: (n, ms, e) => told.push(`${n} ${ms} ${e.code}`),
      },
    );
    expect(r).toEqual({ receipt, replayed: true });
    expect(seen).toHaveLength(3);
    expect(seen.map((s) => s.init.headers['idempotency-key'])).toEqual(Array(3).fill('key-12345678'));
    expect(new Set(seen.map((s) => s.init.body)).size).toBe(1);
    expect(waits).toEqual([1000, 2000]);
    expect(told).toEqual(['1 1000 in-flight', '2 2000 network']);
  });

  it('near miss: a 409 that is a refusal (period accepted) and a 422 are not sent again', async () => {
    for (const refusal of [
      answer(409, { error: { code: 'period-accepted', message: '本期已由县乡村振兴局确认' } }),
      answer(422, { error: { code: 'ledger-invalid', message: '台账有 1 个错误', issues: [] } }),
    ]) {
      const { api, seen, waits } = scripted([refusal, answer(201, receipt)]);
      const e = await failure(
        api.submit(
          { period: '2026-W47', meta: { unit: null, reviewer: null, filler: null, updatedAt: null }, rows: [] },
          'key-12345678',
        ),
      );
      expect(e.retryable).toBe(false);
      expect(seen).toHaveLength(1);
      expect(waits).toEqual([]);
    }
  });

  it('near miss: a POST without an Idempotency-Key is never sent twice, even after a network failure', async () => {
    const { api, seen } = scripted([new TypeError('fetch failed'), answer(201, {})]);
    const e = await failure(api.periodAction('2026-W47', 'accept', { unit: '保家镇' }));
    expect([e.status, e.code, e.retryable]).toEqual([0, 'network', true]);
    expect(seen).toHaveLength(1);
  });

  it('a GET is read again after a network failure or a 5xx, a few times only', async () => {
    const ok = scripted([answer(503, '<html>Service Unavailable</html>'), answer(200, me)]);
    expect(await ok.api.me()).toEqual(me);
    expect(ok.waits).toEqual([1000]);
    const down = scripted([new TypeError('x'), new TypeError('x'), new TypeError('x')]);
    expect((await failure(down.api.me())).code).toBe('network');
    expect(down.seen).toHaveLength(2);
  });

  it('gives up after about a minute of in-flight answers, with the last error', async () => {
    const { api, seen, waits } = scripted(Array.from({ length: 20 }, inFlight));
    const e = await failure(
      api.submit(
        { period: '2026-W47', meta: { unit: null, reviewer: null, filler: null, updatedAt: null }, rows: [] },
        'key-12345678',
      ),
    );
    expect(e.code).toBe('in-flight');
    expect(waits).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000]);
    expect(seen).toHaveLength(8);
  });
});

describe('deadlines', () => {
  it('a server that does not answer in time → a retryable Chinese timeout, the request aborted', async () => {
    let aborted = 0;
    const client = createClient({
      connection: () => ({ server: 'http://127.0.0.1:9', token: 'T' }),
      timeoutMs: 30,
      retry: { attempts: 1 },
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => {
          init.signal.addEventListener('abort', () => {
            aborted++;
            reject(new Error('aborted'));
          });
        }),
    });
    const e = await failure(client.get(MeSchema, '/me'));
    expect([e.status, e.code, e.retryable]).toEqual([0, 'timeout', true]);
    expect(e.message).toBe('服务器 http://127.0.0.1:9 在 0 秒内没有应答：可能是网络中断或服务器繁忙，请稍后重试。');
    expect(aborted).toBe(1);
  });

  it('the deadline covers the body too: an answer whose body stalls times out', async () => {
    const client = createClient({
      connection: () => ({ server: '', token: 'T' }),
      timeoutMs: 30,
      retry: { attempts: 1 },
      fetch: async (_url, init) => ({
        status: 200,
        text: () =>
          new Promise<string>((_r, reject) => init.signal.addEventListener('abort', () => reject(new Error('x')))),
      }),
    });
    expect((await failure(client.get(MeSchema, '/me'))).code).toBe('timeout');
  });
});

describe('gzip', () => {
  const big = { text: '保家镇'.repeat(GZIP_FROM_BYTES) };

  it('a large body goes through the injected gzip (Content-Encoding: gzip); a small one goes plain', async () => {
    let gzipped = 0;
    const { client, seen } = scripted([answer(200, me), answer(200, me)], {
      gzip: async (bytes) => {
        gzipped++;
        return new Uint8Array(gzipSync(bytes));
      },
    });
    await client.post(MeSchema, '/x', big);
    await client.post(MeSchema, '/x', { small: 1 });
    expect(gzipped).toBe(1);
    const [first, second] = seen.map((s) => s.init);
    expect(first?.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(first?.body as Uint8Array).toString('utf8'))).toEqual(big);
    expect(second?.headers['content-encoding']).toBeUndefined();
    expect(second?.body).toBe('{"small":1}');
  });

  it('by default the platform CompressionStream (here Node’s) gzips; gzip: null sends plain JSON', async () => {
    const withStream = scripted([answer(200, me)]);
    await withStream.client.post(MeSchema, '/x', big);
    const body = withStream.seen[0]?.init.body as Uint8Array;
    expect(body.byteLength).toBeLessThan(JSON.stringify(big).length / 10);
    expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual(big);
    const plain = scripted([answer(200, me)], { gzip: null });
    await plain.client.post(MeSchema, '/x', big);
    expect(plain.seen[0]?.init.body).toBe(JSON.stringify(big));
  });
});

describe('answers: checked, and every failure a Chinese ServiceError', () => {
  it('the Worker’s error body round-trips: ServiceError.toJSON() → the same ServiceError', async () => {
    const issue = {
      row: 7,
      field: 'contact',
      cell: 'G7',
      ruleId: 'contact.phone',
      severity: 'error',
      message: '第7行…',
    } as const;
    const sent = new ServiceError(422, 'ledger-invalid', '台账有 1 个错误', [issue]);
    const { client } = scripted([answer(422, sent.toJSON())]);
    const e = await failure(client.get(MeSchema, '/me'));
    expect([e.status, e.code, e.message, e.issues]).toEqual([422, 'ledger-invalid', '台账有 1 个错误', [issue]]);
    expect(e.toJSON()).toEqual(sent.toJSON());
  });

  it.each([
    ['an HTML page from a proxy', 502, '<html>Bad Gateway</html>', 'http-502', /服务器出错（代码 502）/u],
    ['a truncated body', 500, '{"error":{"code":"inte', 'http-500', /服务器出错/u],
    ['an error without its fields', 400, { error: { code: 5 } }, 'http-400', /服务器拒绝了这次请求（代码 400）/u],
    ['no body at all', 403, '', 'http-403', /没有说明原因/u],
  ])(
    'malformed error body (%s) → a clear Chinese ServiceError, not a crash',
    async (_what, status, body, code, message) => {
      const { client } = scripted([answer(status, body)], { retry: { attempts: 1 } });
      const e = await failure(client.get(MeSchema, '/me'));
      expect([e.status, e.code]).toEqual([status, code]);
      expect(e.message).toMatch(message);
      expect(e.retryable).toBe(status >= 500);
    },
  );

  it('an error body with issues that do not fit still carries the server’s own words', async () => {
    const { client } = scripted([
      answer(422, { error: { code: 'ledger-invalid', message: '台账有错误', issues: 'many' } }),
    ]);
    const e = await failure(client.get(MeSchema, '/me'));
    expect([e.code, e.message, e.issues]).toEqual(['ledger-invalid', '台账有错误', []]);
  });

  it('a success body that is not JSON, or not the contract → bad-response', async () => {
    const { client } = scripted([answer(200, '<html>'), answer(200, { role: 'admin' })]);
    expect((await failure(client.get(MeSchema, '/me'))).message).toBe(
      '服务器返回的内容无法识别：请确认服务器地址指向本系统。',
    );
    expect((await failure(client.get(MeSchema, '/me'))).code).toBe('bad-response');
  });

  it('a server address that is not http(s) is refused before anything is sent', async () => {
    const { client, seen } = scripted([], { connection: () => ({ server: 'ftp://x.org', token: 'T' }) });
    expect((await failure(client.get(z.unknown(), '/me'))).code).toBe('bad-url');
    expect(seen).toHaveLength(0);
  });
});
