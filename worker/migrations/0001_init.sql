-- 四个一批台账 county service: reporting units, credentials, immutable submissions with their rows
-- and a precomputed 统计表 row each (spec §7). Times are ISO-8601 UTC strings with milliseconds.

CREATE TABLE units (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  -- 乡镇 / 街道 / 部门 (行业部门)
  type TEXT NOT NULL CHECK (type IN ('乡镇', '街道', '部门')),
  created_at TEXT NOT NULL
);

CREATE TABLE credentials (
  -- Public part of the token (sgyp_<id>_<secret>): lets a token be found and revoked without its secret.
  id TEXT PRIMARY KEY,
  -- SHA-256 (hex) of the whole token; the token itself is never stored.
  token_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('unit', 'county')),
  unit_id INTEGER REFERENCES units (id),
  label TEXT,
  created_at TEXT NOT NULL,
  revoked_at TEXT,
  CHECK ((role = 'unit') = (unit_id IS NOT NULL))
);
CREATE INDEX credentials_unit ON credentials (unit_id);

CREATE TABLE submissions (
  id TEXT PRIMARY KEY,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  period TEXT NOT NULL,
  received_at TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  -- SHA-256 (hex) of the request body as received (a retry resends the same bytes).
  content_hash TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  warning_count INTEGER NOT NULL,
  -- JSON: the warnings (Issue[]) found at submission, the sheet's meta line, the unit's 统计表 row (StatsRow).
  warnings TEXT NOT NULL,
  meta TEXT NOT NULL,
  stats TEXT NOT NULL,
  UNIQUE (unit_id, idempotency_key)
);
CREATE INDEX submissions_period_unit ON submissions (period, unit_id, received_at);
CREATE INDEX submissions_unit_received ON submissions (unit_id, received_at);

-- One normalised ledger row (LedgerRow JSON) per project; columns the drill-down filters on are
-- extracted so the filters use plain comparisons.
CREATE TABLE submission_rows (
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  idx INTEGER NOT NULL,
  code TEXT NOT NULL,
  category TEXT,
  idle INTEGER NOT NULL,
  difficult INTEGER NOT NULL,
  data TEXT NOT NULL,
  PRIMARY KEY (submission_id, idx)
) WITHOUT ROWID;

-- Idempotency-Key claims: inserted before the work starts (the lock), completed together with the
-- submission in one transaction, deleted when the request fails.
CREATE TABLE idempotency_keys (
  unit_id INTEGER NOT NULL REFERENCES units (id),
  key TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'done')),
  submission_id TEXT REFERENCES submissions (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (unit_id, key)
) WITHOUT ROWID;
