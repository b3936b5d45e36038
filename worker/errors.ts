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

export const unauthorized = () => new ApiFailure(401, 'unauthorized', '令牌不对或已停用，请向县乡村振兴局核对');
export const forbidden = (message: string) => new ApiFailure(403, 'forbidden', message);
export const notFound = (message: string) => new ApiFailure(404, 'not-found', message);
