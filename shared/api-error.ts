/**
 * A failed call to the county service (/api/v1), as the add-in and the CLI report it. Kept apart
 * from api.ts (zod schemas) so the add-in can use it without bundling zod.
 */
import type { Issue } from './ledger/types.js';

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when no answer came back. */
    readonly status: number,
    readonly code: string,
    /** Chinese, for the clerk. */
    message: string,
    /** The rule findings a refused submission carries. */
    readonly issues: Issue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * Nothing reached the server, it failed (5xx) or an earlier attempt is still in flight (409):
   * the same request (same Idempotency-Key) may be retried.
   */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 409;
  }
}
