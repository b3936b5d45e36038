/** Bindings and variables of the Worker (wrangler.toml). */
export interface Env {
  DB: D1Database;
  ASSETS?: Fetcher;
  /** Comma-separated origins allowed by CORS. */
  CORS_ORIGINS?: string;
  /** Largest accepted request body, in bytes. */
  MAX_BODY_BYTES?: string;
  /** Largest gzip request body once inflated, in bytes (default 24 MiB). */
  MAX_INFLATED_BYTES?: string;
  /** "on" → one JSON log line per request. */
  REQUEST_LOG?: string;
}

export type Role = 'unit' | 'county';

/** Who a bearer token belongs to. */
export interface Principal {
  credentialId: string;
  role: Role;
  /** Set for role `unit`. */
  unit: { id: number; name: string; type: string } | null;
  label: string | null;
}

/**
 * Read-only statements a route runs in the same D1 round trip as the credential lookup (one
 * `batch()`); `key` says which request they were made for. Their results are handed to the route
 * only after the token has been verified, and the route still checks the role.
 */
export interface Alongside {
  key: string;
  statements: D1PreparedStatement[];
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    principal: Principal;
    requestId: string;
    errorCode: string;
    alongside: Alongside;
    /** The rows of each `Alongside` statement, in order. */
    alongsideRows: { key: string; rows: unknown[][] };
    /** The request body as received and counted by limitBody (at most MAX_BODY_BYTES). */
    body: Uint8Array;
  };
}
