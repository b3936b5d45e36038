/**
 * One error model for the county service (/api/v1), on both sides of the wire, in the style of
 * hono's HTTPException: the Worker throws a `ServiceError` and its error handler answers with
 * `toJSON()`; the pane and the CLI get the same class back from the client (errors.ts parses the
 * body with the contract's ApiErrorSchema). The message is Chinese, for the clerk. No zod here:
 * the CLI tells a ServiceError apart without loading the schemas.
 */
import type { Issue } from '../ledger/types.js';

/** The service's code for “the first attempt with this Idempotency-Key is still being processed”. */
export const IN_FLIGHT = 'in-flight';

/** The error body on the wire (spec §7, contract ApiErrorSchema). */
export interface ErrorBody {
  error: { code: string; message: string; issues?: Issue[] };
}

/** The body for a code and message (and the rule findings of a refused submission, if any). */
export function errorBody(code: string, message: string, issues?: readonly Issue[]): ErrorBody {
  return { error: issues ? { code, message, issues: [...issues] } : { code, message } };
}

export class ServiceError extends Error {
  override name = 'ServiceError';
  /** Details: the rule findings a refused submission carries (empty for other errors). */
  readonly issues: Issue[];
  /** Whether the body lists `issues` (even none): the Worker says so for a refused ledger. */
  readonly #listsIssues: boolean;

  constructor(
    /** HTTP status; 0 when no answer came back (network, deadline, a URL that cannot be used). */
    readonly status: number,
    readonly code: string,
    /** Chinese, for the clerk. */
    message: string,
    issues?: readonly Issue[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.issues = issues ? [...issues] : [];
    this.#listsIssues = issues !== undefined;
  }

  /**
   * Nothing reached the server, it failed (5xx) or an earlier attempt is still in flight (409
   * `in-flight`): the same request may be sent again — if it is idempotent or carries its
   * Idempotency-Key. Other refusals (422, a period the county accepted or closed: 409 too) stand.
   */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || (this.status === 409 && this.code === IN_FLIGHT);
  }

  /** The JSON body the Worker answers with. */
  toJSON(): ErrorBody {
    return errorBody(this.code, this.message, this.#listsIssues ? this.issues : undefined);
  }
}
