-- The Thursday routine (spec §10): unit contacts for the 催报名单, the county's acceptance of a
-- unit's submission (locks the period for that unit until reopened), a period's closing time with
-- per-unit exceptions, and an append-only audit of every accept / reopen / close / exception.

ALTER TABLE units ADD COLUMN contact_name TEXT;
ALTER TABLE units ADD COLUMN contact_phone TEXT;

-- At most one standing acceptance per (unit, period); reopening deletes it (the audit keeps it).
CREATE TABLE acceptances (
  unit_id INTEGER NOT NULL REFERENCES units (id),
  period TEXT NOT NULL,
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  accepted_at TEXT NOT NULL,
  credential_id TEXT NOT NULL,
  label TEXT,
  PRIMARY KEY (unit_id, period)
) WITHOUT ROWID;

-- After closes_at no unit may submit for the period, except units with a closure_exceptions row.
CREATE TABLE period_closures (
  period TEXT PRIMARY KEY,
  closes_at TEXT NOT NULL,
  credential_id TEXT NOT NULL,
  label TEXT,
  set_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE closure_exceptions (
  period TEXT NOT NULL,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  credential_id TEXT NOT NULL,
  label TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (period, unit_id)
) WITHOUT ROWID;

CREATE TABLE period_audit (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('accept', 'reopen', 'close', 'exception', 'exception-removed')),
  period TEXT NOT NULL,
  unit_id INTEGER REFERENCES units (id),
  submission_id TEXT,
  credential_id TEXT NOT NULL,
  label TEXT,
  -- closing time for 'close'
  detail TEXT
);
CREATE INDEX period_audit_period ON period_audit (period, id);
