-- Idempotency claims hold a short lease instead of a fixed 120 s stale limit: the request that
-- holds a claim renews `lease_until` while it works; once the lease has run out (the request died),
-- a retry with the same key and body takes the claim over within seconds. `owner` names the request
-- holding the lease, so a request whose claim was taken over cannot renew or complete it.
ALTER TABLE idempotency_keys ADD COLUMN lease_until TEXT;
ALTER TABLE idempotency_keys ADD COLUMN owner TEXT;
-- Claims pending while this migration runs: their lease ends 10 s after they were taken.
UPDATE idempotency_keys SET lease_until = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+10 seconds')
WHERE state = 'pending';
