-- The editorial workflow: analysts, their sessions, the audit log, questions to reporters,
-- events (one primary report, others supplemental), batches of publication, and receipts
-- that are destroyed after a retention period. Times stay coarse: days at most, never the
-- moment a reporter did something.
ALTER TABLE reports DROP CONSTRAINT reports_status_check;
ALTER TABLE reports ADD CONSTRAINT reports_status_check
    CHECK (status IN ('pending', 'approved', 'published', 'rejected'));
ALTER TABLE reports ADD COLUMN event_seq BIGINT REFERENCES reports (seq) ON DELETE SET NULL;
ALTER TABLE reports ADD COLUMN reject_reason TEXT;
CREATE INDEX reports_event_seq ON reports (event_seq);

-- The day the report was published or rejected: the receipt is destroyed a retention
-- period later (the period is the server's setting, so it can change without a migration).
ALTER TABLE receipts ADD COLUMN released_day BIGINT;

CREATE TABLE analysts (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('analyst', 'admin')),
    active BOOLEAN NOT NULL DEFAULT TRUE
);

-- Only a SHA-256 of the session token is kept, so a copy of the database opens no session.
CREATE TABLE analyst_sessions (
    token_hash TEXT PRIMARY KEY NOT NULL,
    analyst_id BIGINT NOT NULL REFERENCES analysts (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- No foreign key: the log outlives withdrawn submissions. Day precision, because an
-- analyst's first action on a fresh submission would otherwise bound when it was sent.
CREATE TABLE audit_log (
    seq BIGSERIAL PRIMARY KEY,
    day BIGINT NOT NULL,
    analyst TEXT NOT NULL,
    action TEXT NOT NULL,
    report_id TEXT NOT NULL,
    detail TEXT NOT NULL
);

-- The callback: analysts' questions and the reporter's (scrubbed) answers, in order.
CREATE TABLE report_messages (
    seq BIGSERIAL PRIMARY KEY,
    report_seq BIGINT NOT NULL REFERENCES reports (seq) ON DELETE CASCADE,
    author TEXT NOT NULL CHECK (author IN ('analyst', 'reporter')),
    body TEXT NOT NULL
);
CREATE INDEX report_messages_report ON report_messages (report_seq);

CREATE TABLE publication_batches (
    seq BIGSERIAL PRIMARY KEY,
    day BIGINT NOT NULL,
    published INTEGER NOT NULL
);
