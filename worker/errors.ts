/**
 * API errors: `{ error: { code, message (Chinese), issues? } }` (spec §7, contract ApiErrorSchema).
 * Handlers throw `ApiFailure`; the app's error handler turns it (and anything else) into JSON.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Issue } from '../shared/index.js';

export class ApiFailure extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

export function errorBody(code: string, message: string, issues?: Issue[]) {
  return { error: issues ? { code, message, issues } : { code, message } };
}

export const unauthorized = () =>
  new ApiFailure(
    401,
    'unauthorized',
    '身份验证失败：请在 Authorization 头中提供有效的令牌（Bearer …），令牌可能已被吊销',
  );
export const forbidden = (message: string) => new ApiFailure(403, 'forbidden', message);
export const notFound = (message: string) => new ApiFailure(404, 'not-found', message);
