-- The county's own working-day calendar (spec §6): a year's holidays and adjusted working days as
-- the State Council published them (preferred over the calendar library for that year), and
-- deadlines the county set for single periods (they win over every computed deadline).

CREATE TABLE holiday_years (
  year INTEGER PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
  -- JSON arrays of YYYY-MM-DD (days off; 调休上班 days), at most 366 each.
  holidays TEXT NOT NULL,
  workdays TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE period_deadlines (
  period TEXT PRIMARY KEY,
  -- ISO-8601 UTC instant.
  due_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
