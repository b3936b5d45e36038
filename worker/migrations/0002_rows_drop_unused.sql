-- submission_rows.idle and .difficult were extracted for filters that read the row JSON instead
-- (the drill-down filters by cause through data.causes): nothing reads them, and extracting them
-- cost two JSON look-ups per row on every submission.
ALTER TABLE submission_rows DROP COLUMN idle;
ALTER TABLE submission_rows DROP COLUMN difficult;
