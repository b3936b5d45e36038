/**
 * Reading the service's answer: a success body checked against its response schema, an error
 * body against the contract's ApiErrorSchema — whatever arrives (HTML from a proxy, a truncated
 * body, an error without its fields) becomes a `ServiceError` with a Chinese message, never a crash.
 */
import * as z from 'zod/mini';
import { ApiErrorSchema } from '../contract.js';
import { ServiceError } from './error.js';

/** Any zod schema (classic or mini): the contract's response schemas. */
export type Schema = z.core.$ZodType;

/** An error body whose `issues` do not fit the contract still carries the server's own words. */
const BareErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The ServiceError a non-2xx answer stands for. */
export function errorFromAnswer(status: number, text: string): ServiceError {
  const json = parseJson(text);
  if (json.ok) {
    const full = z.safeParse(ApiErrorSchema, json.value);
    if (full.success)
      return new ServiceError(status, full.data.error.code, full.data.error.message, full.data.error.issues);
    const bare = z.safeParse(BareErrorSchema, json.value);
    if (bare.success) return new ServiceError(status, bare.data.error.code, bare.data.error.message);
  }
  if (status >= 500)
    return new ServiceError(
      status,
      `http-${status}`,
      `服务器出错（代码 ${status}），这次没有保存任何数据：请稍后再试；多次不成请向县乡村振兴局反映。`,
    );
  return new ServiceError(
    status,
    `http-${status}`,
    `服务器拒绝了这次请求（代码 ${status}），且没有说明原因：请确认服务器地址指向本系统。`,
  );
}

/** The checked value of a 2xx answer. */
export function valueFromAnswer<S extends Schema>(schema: S, status: number, text: string): z.output<S> {
  const json = parseJson(text);
  if (!json.ok || json.value === null || typeof json.value !== 'object')
    throw new ServiceError(status, 'bad-response', '服务器返回的内容无法识别：请确认服务器地址指向本系统。');
  const parsed = z.safeParse(schema, json.value);
  if (!parsed.success)
    throw new ServiceError(
      status,
      'bad-response',
      '服务器的应答与本软件不相符：本软件与服务器的版本可能不一致，请更新后重试。',
    );
  return parsed.data;
}
