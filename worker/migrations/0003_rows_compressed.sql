-- A submission's project rows are stored as one compressed document instead of one table row per
-- project: writing ~1 KB per project was most of the time of a submission (bench:worker), and the
-- rows are only ever read per submission (detail, change lists) or per period (drill-down).
-- `data` holds, in `part` order, slices of the encoded JSON array of LedgerRow:
--   encoding 'gzip': base64 of gzip(JSON) — what the Worker writes (≈ 7% of the JSON's size);
--   encoding 'json': the JSON itself — rows moved here from submission_rows below (SQL cannot gzip).
-- Slices keep every value under D1's 2,000,000-byte limit.
CREATE TABLE submission_data (
  submission_id TEXT NOT NULL REFERENCES submissions (id),
  part INTEGER NOT NULL,
  encoding TEXT NOT NULL CHECK (encoding IN ('gzip', 'json')),
  data TEXT NOT NULL,
  PRIMARY KEY (submission_id, part)
);

INSERT INTO submission_data (submission_id, part, encoding, data)
SELECT submission_id, 0, 'json', json_group_array(json(data) ORDER BY idx)
FROM submission_rows
GROUP BY submission_id;

DROP TABLE submission_rows;
