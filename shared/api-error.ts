/**
 * A failed call to the county service (/api/v1), as the add-in and the CLI report it. Kept apart
 * from api.ts (zod schemas) so the add-in can use it without bundling zod.
 */
import type { Issue } from './ledger/types.js';

/** The service's code for “the first attempt with this Idempotency-Key is still being processed”. */
export const IN_FLIGHT = 'in-flight';

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
   * Nothing reached the server, it failed (5xx) or an earlier attempt is still in flight (409
   * `in-flight`): the same request (same Idempotency-Key) may be retried. Other refusals — a
   * period the county accepted or closed (409 too) — stand: retrying cannot change them.
   */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || (this.status === 409 && this.code === IN_FLIGHT);
  }
}
