-- The county's decisions per project (spec §8): an append-only history of events. Every step
-- (申请, 意见, 审定, 批复, 公示, 公示异议, 处置完毕, 重新分类) is a new row; nothing is ever updated
-- or deleted (enforced below); the current state is derived from the rows (shared/decisions.ts).
CREATE TABLE decision_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  -- 项目编号 as in the unit's ledger
  code TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (
    kind IN ('application', 'opinion', 'approval', 'reply', 'publicity', 'objection', 'disposal', 'reclassification')
  ),
  -- JSON: the step's fields as validated by shared/decisions.ts (a 公示 with its computed end)
  data TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  -- credential id of who recorded it
  recorded_by TEXT NOT NULL,
  -- set for rows of one 审定结果 import (all or nothing)
  import_id TEXT
);
CREATE INDEX decision_events_project ON decision_events (unit_id, code, id);

CREATE TRIGGER decision_events_no_update BEFORE UPDATE ON decision_events
BEGIN
  SELECT RAISE(ABORT, 'decision_events is append-only');
END;

CREATE TRIGGER decision_events_no_delete BEFORE DELETE ON decision_events
BEGIN
  SELECT RAISE(ABORT, 'decision_events is append-only');
END;

-- 归档目录 (附件6): the county ticks a line as received; a later row for the same line replaces
-- the earlier one in the current view (received = 0 un-ticks it), the history stays.
CREATE TABLE archive_receipts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  unit_id INTEGER NOT NULL REFERENCES units (id),
  line INTEGER NOT NULL CHECK (line BETWEEN 1 AND 18),
  received INTEGER NOT NULL CHECK (received IN (0, 1)),
  received_on TEXT,
  note TEXT,
  recorded_at TEXT NOT NULL,
  recorded_by TEXT NOT NULL
);
CREATE INDEX archive_receipts_unit ON archive_receipts (unit_id, line, id);

CREATE TRIGGER archive_receipts_no_update BEFORE UPDATE ON archive_receipts
BEGIN
  SELECT RAISE(ABORT, 'archive_receipts is append-only');
END;

CREATE TRIGGER archive_receipts_no_delete BEFORE DELETE ON archive_receipts
BEGIN
  SELECT RAISE(ABORT, 'archive_receipts is append-only');
END;
