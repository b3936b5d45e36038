/**
 * Sending again after a retryable failure (ServiceError.retryable), with doubling waits, for about
 * a minute: past a dead request's 10 s claim lease on the server, so a submission whose first
 * attempt died is taken over instead of refused as in flight.
 */
import { ServiceError } from './error.js';
import { sleep as platformSleep } from './platform.js';

export interface RetryOptions {
  /** How long to keep retrying (default 60 s). */
  forMs?: number;
  /** First wait (default 1 s), doubled each time, at most 15 s. */
  backoffMs?: number;
  /** Most attempts (default: as many as fit in `forMs`). */
  attempts?: number;
  /** Told before each wait: the attempt that failed, the wait and why. */
  onRetry?: (attempt: number, waitMs: number, error: ServiceError) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export const RETRY_FOR_MS = 60_000;
const MAX_BACKOFF_MS = 15_000;

/** Runs `send` until it succeeds, fails for good (not retryable), runs out of attempts or of time. */
export async function withRetry<T>(send: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retryFor = options.forMs ?? RETRY_FOR_MS;
  const backoff = options.backoffMs ?? 1000;
  const attempts = options.attempts ?? Number.POSITIVE_INFINITY;
  const sleep = options.sleep ?? platformSleep;
  const now = options.now ?? Date.now;
  const started = now();
  let waited = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      if (!(error instanceof ServiceError) || !error.retryable || attempt >= attempts) throw error;
      const wait = Math.min(MAX_BACKOFF_MS, backoff * 2 ** (attempt - 1));
      // Time spent waiting, or on the clock when the attempts themselves took long (deadlines).
      if (Math.max(waited, now() - started) + wait > retryFor) throw error;
      options.onRetry?.(attempt, wait, error);
      await sleep(wait);
      waited += wait;
    }
  }
}
