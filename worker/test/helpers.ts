/** Test helpers: units and tokens straight into D1, requests through the Worker's own fetch. */
import { env, exports } from 'cloudflare:workers';
import { expect } from 'vitest';
import { demoSubmission } from '../../scripts/demo-ledger.js';
import { ApiErrorSchema, type Submission } from '../../shared/contract.js';
import { type D1Watch, watchedD1 } from '../cpu-timing.js';
import { issueCredential } from '../db/credentials.js';
import { submissionRows } from '../db/submissions.js';
import { insertUnit } from '../db/units.js';
import app from '../index.js';

export const BASE = 'https://county.example.org/api/v1';

let counter = 0;
/** A fresh unit name for each call, so tests do not see each other's data. */
export function uniqueName(base = '测试镇'): string {
  counter++;
  return `${base}${Date.now().toString(36)}${counter}`;
}

export async function makeUnit(
  name = uniqueName(),
  type = '乡镇',
): Promise<{ name: string; token: string; tokenId: string }> {
  const unit = await insertUnit(env.DB, name, type);
  const cred = await issueCredential(env.DB, 'unit', unit.id, `${name} 测试`);
  return { name, token: cred.token, tokenId: cred.id };
}

export async function makeCounty(): Promise<string> {
  return (await issueCredential(env.DB, 'county', null, '县乡村振兴局 测试')).token;
}

export interface Call {
  method?: string;
  token?: string | null;
  body?: unknown;
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

function request(path: string, call: Call): Request {
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  let body: string | Uint8Array | undefined = call.rawBody;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers['content-type'] ??= 'application/json';
  }
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  return new Request(`${BASE}${path}`, { method: call.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body });
}

export async function api(path: string, call: Call = {}): Promise<Response> {
  return exports.default.fetch(request(path, call));
}

/** The same request, answered by the Worker with its D1 watched: the answer and its D1 round trips. */
export async function apiTrips(path: string, call: Call = {}): Promise<{ res: Response; trips: number }> {
  const watch: D1Watch = { trips: 0, ms: 0 };
  const ctx = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
  const res = await app.fetch(request(path, call), { ...env, DB: watchedD1(env.DB, watch) }, ctx);
  return { res, trips: watch.trips };
}

export function submit(token: string, submission: Submission, key: string = crypto.randomUUID(), query = '') {
  return api(`/submissions${query}`, { token, body: submission, headers: { 'idempotency-key': key } });
}

/** gzip of a text (a JSON body), as a browser's CompressionStream writes it. */
export async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export function ledger(unit: string, rows = 5, period = '2026-W47', seed = 0): Submission {
  return demoSubmission(unit, { period, rows, seed });
}

export async function count(table: string): Promise<number> {
  const r = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>();
  return r?.n ?? 0;
}

/** Project rows actually stored: every submission's rows decoded and counted. */
async function storedRows(): Promise<number> {
  const { results } = await env.DB.prepare('SELECT id FROM submissions').all<{ id: string }>();
  let n = 0;
  for (const { id } of results) n += (await submissionRows(env.DB, id)).length;
  return n;
}

export async function storedCounts() {
  return {
    submissions: await count('submissions'),
    parts: await count('submission_data'),
    rows: await storedRows(),
    keys: await count('idempotency_keys'),
  };
}

/** A refusal: the status, the error code, a Chinese message and no stack trace; returns the error. */
export async function refused(res: Response, status: number, code: string) {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = ApiErrorSchema.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/[\u4e00-\u9fff]/u);
  expect(text).not.toMatch(/at .*\.(ts|js):\d+/u);
  return body.error;
}
