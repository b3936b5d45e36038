/**
 * API errors: `{ error: { code, message (Chinese), issues? } }` (spec §7, contract ApiErrorSchema).
 * Handlers throw the shared `ServiceError` (shared/api/error.ts) — the very class the pane and the
 * CLI get back from the client; the app's error handler (index.ts) answers with its `toJSON()`.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { errorBody, ServiceError } from '../shared/api/error.js';

export { errorBody, ServiceError };

/** The status to answer a ServiceError with (500 for one that does not name an error status). */
export function errorStatus(error: ServiceError): ContentfulStatusCode {
  return (error.status >= 400 && error.status <= 599 ? error.status : 500) as ContentfulStatusCode;
}

export const unauthorized = () => new ServiceError(401, 'unauthorized', '令牌不对或已停用，请向县乡村振兴局核对');
export const forbidden = (message: string) => new ServiceError(403, 'forbidden', message);
export const notFound = (message: string) => new ServiceError(404, 'not-found', message);
