/** api.ts: URLs, headers, gzip bodies, settings storage and Chinese errors (fetch replaced by a recorder). */
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { demoSubmission } from '../../scripts/demo-ledger.js';
import {
  ServiceError as ApiError,
  apiUrl,
  GZIP_FROM_BYTES,
  type ServiceRequest,
  withRetry,
} from '../../shared/api/index.js';
import { wireSubmission } from '../../shared/contract.js';
import { emptyStats } from '../../shared/index.js';
import { createApi, loadSettings, saveSettings } from '../api.js';

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

/** A receipt as the Worker answers (the client checks it against the contract). */
const receiptBody = JSON.stringify({
  id: 'r1',
  unit: '保家镇',
  period: '2026-W47',
  receivedAt: '2026-11-19T07:00:00.000Z',
  status: 'on-time',
  rows: 0,
  contentHash: 'f'.repeat(64),
  warnings: 0,
  summary: emptyStats('保家镇'),
});
const dryBody = JSON.stringify({
  ...JSON.parse(receiptBody),
  id: 'dry-run',
  dryRun: true,
  diff: { previous: null, added: [], removed: [], reclassified: [] },
});

const payload = {
  period: '2026-W47',
  meta: { unit: '保家镇', reviewer: null, filler: null, updatedAt: null },
  rows: [],
};

describe('api.ts on the shared client', () => {
  it('uses relative /api/v1 by default and a configured server otherwise', () => {
    expect(apiUrl('', '/me')).toBe('/api/v1/me');
    expect(apiUrl('https://x.gov.cn/ ', '/me')).toBe('https://x.gov.cn/api/v1/me');
  });

  it('keeps settings in the given storage, trimmed', () => {
    const store = memoryStorage();
    expect(loadSettings(store)).toEqual({ server: '', token: '' });
    saveSettings({ server: ' https://a ', token: ' t ' }, store);
    expect(loadSettings(store)).toEqual({ server: 'https://a', token: 't' });
    store.setItem('sige-yipi.api', '{broken');
    expect(loadSettings(store)).toEqual({ server: '', token: '' });
  });

  it('sends the token, the idempotency key and dryRun', async () => {
    const calls: { url: string; init?: ServiceRequest }[] = [];
    const api = createApi(
      () => ({ server: '', token: 'T' }),
      async (url, init) => {
        calls.push({ url, init });
        return new Response(dryBody, { status: 200 });
      },
    );
    await api.dryRun(payload, 'K');
    expect(calls[0]?.url).toBe('/api/v1/submissions?dryRun=1');
    const headers = calls[0]?.init?.headers as Record<string, string>;
    expect(headers.authorization).toBe('Bearer T');
    expect(headers['idempotency-key']).toBe('K');
    // A body this small goes plain.
    expect(headers['content-encoding']).toBeUndefined();
    expect(headers['content-type']).toBe('application/json');
    expect(JSON.parse(String(calls[0]?.init?.body))).toEqual(wireSubmission(payload));
  });

  describe('request bodies', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });
    const ledger = demoSubmission('保家镇', { period: '2026-W47', rows: 40 });
    function recorder() {
      const calls: ServiceRequest[] = [];
      const api = createApi(
        () => ({ server: '', token: 'T' }),
        async (url, init) => {
          calls.push(init);
          return new Response(url.includes('dryRun') ? dryBody : receiptBody, { status: 201 });
        },
      );
      return { api, calls };
    }

    it('a ledger goes gzipped (Content-Encoding: gzip) and inflates to the same JSON', async () => {
      expect(JSON.stringify(ledger).length).toBeGreaterThan(GZIP_FROM_BYTES);
      const { api, calls } = recorder();
      await api.submit(ledger, 'K');
      const headers = calls[0]?.headers as Record<string, string>;
      expect(headers['content-encoding']).toBe('gzip');
      expect(headers['content-type']).toBe('application/json');
      const body = calls[0]?.body as Uint8Array;
      expect(body).toBeInstanceOf(Uint8Array);
      expect(body.byteLength).toBeLessThan(JSON.stringify(ledger).length / 3);
      expect(JSON.parse(gunzipSync(body).toString('utf8'))).toEqual(wireSubmission(ledger));
    });

    it('without CompressionStream the ledger goes as plain JSON, no Content-Encoding', async () => {
      vi.stubGlobal('CompressionStream', undefined);
      const { api, calls } = recorder();
      await api.dryRun(ledger, 'K');
      const headers = calls[0]?.headers as Record<string, string>;
      expect(headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(String(calls[0]?.body))).toEqual(wireSubmission(ledger));
    });
  });

  it('turns failures into Chinese ApiErrors: network (retryable), 422 with issues, non-JSON', async () => {
    const offline = createApi(
      () => ({ server: '', token: 'T' }),
      async () => {
        throw new TypeError('Failed to fetch');
      },
    );
    const e1 = await offline.me().catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(ApiError);
    expect((e1 as ApiError).retryable).toBe(true);
    expect((e1 as ApiError).message).toContain('无法连接服务器');

    const issue = {
      row: 5,
      field: 'contact',
      cell: 'G5',
      ruleId: 'contact.phone',
      severity: 'error',
      message: '第5行…',
    };
    const refused = createApi(
      () => ({ server: '', token: 'T' }),
      async () =>
        new Response(JSON.stringify({ error: { code: 'ledger-invalid', message: '台账有错误', issues: [issue] } }), {
          status: 422,
        }),
    );
    const e2 = (await refused.submit(payload, 'K').catch((e: unknown) => e)) as ApiError;
    expect([e2.status, e2.code, e2.message, e2.retryable]).toEqual([422, 'ledger-invalid', '台账有错误', false]);
    expect(e2.issues).toEqual([issue]);

    const html = createApi(
      () => ({ server: '', token: 'T' }),
      async () => new Response('<html>', { status: 200 }),
    );
    const e3 = (await html.me().catch((e: unknown) => e)) as ApiError;
    expect(e3.code).toBe('bad-response');

    const noToken = createApi(
      () => ({ server: '', token: '' }),
      async () => new Response('{}'),
    );
    expect(((await noToken.me().catch((e: unknown) => e)) as ApiError).message).toContain('令牌');
  });
});

describe('withRetry and request timeouts', () => {
  it('retries retryable failures with growing waits for about a minute, telling each wait', async () => {
    const waits: number[] = [];
    const told: string[] = [];
    let calls = 0;
    const result = await withRetry(
      async () => {
        calls++;
        if (calls < 4)
          throw calls === 2
            ? new ApiError(409, 'in-flight', '正在处理中')
            : new ApiError(0, 'network', '无法连接服务器');
        return 'ok';
      },
      { sleep: async (ms: number) => void waits.push(ms), onRetry: (n: number, ms: number) => told.push(`${n}:${ms}`) },
    );
    expect(result).toBe('ok');
    expect(waits).toEqual([1000, 2000, 4000]);
    expect(told).toEqual(['1:1000', '2:2000', '3:4000']);
  });

  it('gives up after about a minute with the last error', async () => {
    const waits: number[] = [];
    const failing = withRetry(
      async () => {
        throw new ApiError(503, 'internal', '服务器内部错误');
      },
      { sleep: async (ms: number) => void waits.push(ms) },
    );
    await expect(failing).rejects.toMatchObject({ status: 503 });
    const total = waits.reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(45_000);
    expect(total).toBeLessThanOrEqual(60_000);
  });

  it('near miss: a refusal (422) is not retried', async () => {
    let calls = 0;
    const refused = withRetry(
      async () => {
        calls++;
        throw new ApiError(422, 'ledger-invalid', '台账有错误');
      },
      { sleep: async () => {} },
    );
    await expect(refused).rejects.toMatchObject({ status: 422 });
    expect(calls).toBe(1);
  });

  it('a server that does not answer in time → retryable timeout ApiError in Chinese', async () => {
    const api = createApi(
      () => ({ server: 'http://h', token: 't' }),
      (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
        }),
      50,
    );
    const e = await api.me().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).code).toBe('timeout');
    expect((e as ApiError).message).toContain('秒内没有应答');
    expect((e as ApiError).retryable).toBe(true);
  });
});
