/**
 * Input parsing with zod (Chinese messages): request bodies and query strings. Schema problems
 * become issues the clerk can read (row and column named where the path allows).
 */
import type { Context } from 'hono';
import * as z from 'zod/mini';
import zhCN from 'zod/v4/locales/zh-CN.js';
import { MAX_SCHEMA_ISSUES } from '../shared/contract.js';
import { COLUMN_KEYS, type ColumnKey, columnLabel, type Issue } from '../shared/index.js';
import type { AppEnv } from './env.js';
import { ServiceError } from './errors.js';
import { gunzipLimited } from './gzip.js';
import { maxInflatedBytes } from './middleware.js';

// Only the one locale the clerks read (the namespace's `locales` would carry every language).
z.config(zhCN());

const labels = new Map<string, string>(COLUMN_KEYS.map((k) => [k, columnLabel(k)]));

/**
 * One zod issue as a ledger issue, naming the record and column where the path allows: records
 * `rows.3.cells.year` → the row of rows[3], column 实施年度; by column `rows.cells.year.3` → the
 * row of rows.row[3], the same column.
 */
export function schemaIssue(issue: z.core.$ZodIssue, body: unknown): Issue {
  const path = issue.path.map(String);
  const where = recordOf(path, body);
  // Records by column: an issue of a whole column (`rows.cells.name`) names the column.
  const column = where === null && path[0] === 'rows' && path[1] === 'cells' && path.length === 3 ? path[2] : undefined;
  const field = where?.field ?? (column !== undefined && labels.has(column) ? (column as ColumnKey) : null);
  const text = where
    ? `${where.row !== null ? `第${where.row}行` : `第${where.index + 1}条记录`}${
        where.field ? `“${labels.get(where.field)}”` : `（${where.rest || '整行'}）`
      }`
    : field
      ? `“${labels.get(field)}”列`
      : path.length > 0
        ? `字段 ${path.join('.')}`
        : '请求体';
  return {
    row: where?.row ?? null,
    field,
    cell: null,
    ruleId: 'schema',
    severity: 'error',
    message: `${text}：${issue.message}`,
  };
}

/** The record (index, worksheet row when sent well) and column a schema issue's path points at. */
function recordOf(
  path: readonly string[],
  body: unknown,
): { index: number; row: number | null; field: ColumnKey | null; rest: string } | null {
  const part = path[0];
  if (part !== 'rows' && part !== 'totals') return null;
  const list = (body as Record<string, unknown>)[part];
  const byColumn = part === 'rows' && !Array.isArray(list) && (path[1] === 'cells' || path[1] === 'row');
  if (byColumn) {
    const index = path[1] === 'cells' ? path[3] : path[2];
    if (index === undefined) return null;
    // A bad row number is itself the problem: the record is named by its place instead.
    const row = path[1] === 'cells' ? ((list as { row?: unknown[] } | undefined)?.row ?? [])[Number(index)] : null;
    const key = path[1] === 'cells' ? path[2] : undefined;
    return {
      index: Number(index),
      row: wholeRow(row),
      field: key !== undefined && labels.has(key) ? (key as ColumnKey) : null,
      rest: path[1] === 'row' ? '行号' : path.slice(4).join('.'),
    };
  }
  if (path[1] === undefined || !Array.isArray(list)) return null;
  const record = list[Number(path[1])] as { row?: unknown } | undefined;
  const key = path[2] === 'cells' ? path[3] : undefined;
  return {
    index: Number(path[1]),
    row: wholeRow(record?.row),
    field: key !== undefined && labels.has(key) ? (key as ColumnKey) : null,
    rest: path.slice(2).join('.'),
  };
}

function wholeRow(row: unknown): number | null {
  return typeof row === 'number' && Number.isInteger(row) ? row : null;
}

const MAX_LISTED = 200;

export function schemaFailure(error: z.core.$ZodError, body: unknown, what: string): ServiceError {
  const issues = error.issues.slice(0, MAX_LISTED).map((i) => schemaIssue(i, body));
  const total = error.issues.length >= MAX_SCHEMA_ISSUES ? `${MAX_SCHEMA_ISSUES} 条以上` : `${error.issues.length} 条`;
  const more = error.issues.length > MAX_LISTED ? `（仅列出前 ${MAX_LISTED} 条，共 ${total}）` : '';
  return new ServiceError(422, 'invalid-body', `${what}格式不符合接口约定：${issues[0]?.message ?? ''}${more}`, issues);
}

/**
 * The body's bytes as the client wrote them: as sent, or inflated when `Content-Encoding: gzip`
 * (limitBody has capped the bytes on the wire; the inflated ones are capped here, at MAX_INFLATED_BYTES).
 */
async function bodyBytes(c: Context<AppEnv>): Promise<ArrayBuffer> {
  const encoding = (c.req.header('content-encoding') ?? '').trim().toLowerCase();
  // limitBody has read the bytes already: take them as they are instead of through a second stream.
  const received = c.get('body');
  const wire = async () => (received ? received : new Uint8Array(await c.req.arrayBuffer()));
  if (encoding === '' || encoding === 'identity') {
    const bytes = await wire();
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? (bytes.buffer as ArrayBuffer)
      : (bytes.slice().buffer as ArrayBuffer);
  }
  if (encoding !== 'gzip') {
    throw new ServiceError(
      415,
      'unsupported-encoding',
      `不支持请求体压缩方式“${encoding}”：只接受 gzip 压缩或不压缩的报送数据，未保存任何数据`,
    );
  }
  return gunzipLimited(await wire(), maxInflatedBytes(c.env));
}

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The body's text; 400 when its bytes are not valid UTF-8 (nothing is guessed or replaced). The
 * replacing decoder is about twice as fast as the fatal one on a ledger (mostly Chinese); invalid
 * bytes always leave a U+FFFD in its output, so only a text containing one (rare: the character
 * itself may have been sent) is decoded again strictly to tell the two apart.
 */
export function utf8Text(bytes: ArrayBuffer): string {
  const text = utf8.decode(bytes);
  if (!text.includes('\uFFFD')) return text;
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ServiceError(400, 'invalid-utf8', '发送的数据含无法识别的字节（不是 UTF-8 文本），未保存任何数据');
  }
}

/** Body text → JSON → schema; 400 for non-JSON, 422 for schema problems. Also the bytes and the text. */
export async function readBody<T>(
  c: Context<AppEnv>,
  schema: z.core.$ZodType<T>,
  what: string,
): Promise<{ value: T; bytes: ArrayBuffer; text: string }> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/iu.test(type)) {
    throw new ServiceError(415, 'unsupported-media-type', '发送的数据格式不对（应为本系统的报送数据），未保存任何数据');
  }
  // The bytes as written (hashed by the caller: plain or gzip, one ledger has one hash).
  const bytes = await bodyBytes(c);
  const text = utf8Text(bytes);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new ServiceError(400, 'invalid-json', '发送的数据不完整或已损坏，无法读取，未保存任何数据');
  }
  const parsed = z.safeParse(schema, raw);
  if (!parsed.success) throw schemaFailure(parsed.error, raw, what);
  return { value: parsed.data, bytes, text };
}

/** Query string → schema; 400 naming the parameter. */
export function readQuery<T>(c: Context, schema: z.core.$ZodType<T>): T {
  const parsed = z.safeParse(schema, c.req.query());
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const name = first?.path.map(String).join('.') || '查询参数';
  throw new ServiceError(400, 'invalid-query', `查询参数 ${name} 无效：${first?.message ?? ''}`);
}
