-- The editorial workflow: analysts, their sessions, the audit log, questions to reporters,
-- events (one primary report, others supplemental), batches of publication, and receipts
-- that are destroyed after a retention period. Times stay coarse: days at most, never the
-- moment a reporter did something.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE reports_rebuilt (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'published', 'rejected')),
    published_seq BIGINT UNIQUE,
    submitted_month TEXT NOT NULL,
    published_month TEXT,
    title TEXT NOT NULL,
    industry TEXT NOT NULL,
    occurred_month TEXT NOT NULL,
    severity TEXT NOT NULL,
    duration_minutes INTEGER,
    narrative TEXT NOT NULL,
    impact TEXT NOT NULL,
    detection TEXT NOT NULL,
    lessons TEXT NOT NULL,
    action_items TEXT NOT NULL,
    other_technologies TEXT NOT NULL,
    redaction_count INTEGER NOT NULL,
    rules_version TEXT NOT NULL,
    is_demo BOOLEAN NOT NULL DEFAULT 0,
    event_seq BIGINT REFERENCES reports (seq) ON DELETE SET NULL,
    reject_reason TEXT
);
INSERT INTO reports_rebuilt (seq, id, status, published_seq, submitted_month, published_month,
    title, industry, occurred_month, severity, duration_minutes, narrative, impact, detection,
    lessons, action_items, other_technologies, redaction_count, rules_version, is_demo)
SELECT seq, id, status, published_seq, submitted_month, published_month,
    title, industry, occurred_month, severity, duration_minutes, narrative, impact, detection,
    lessons, action_items, other_technologies, redaction_count, rules_version, is_demo
FROM reports;
DROP TABLE reports;
ALTER TABLE reports_rebuilt RENAME TO reports;
CREATE INDEX reports_status_published_seq ON reports (status, published_seq);
CREATE INDEX reports_event_seq ON reports (event_seq);

-- The day the report was published or rejected: the receipt is destroyed a retention
-- period later (the period is the server's setting, so it can change without a migration).
ALTER TABLE receipts ADD COLUMN released_day BIGINT;

CREATE TABLE analysts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('analyst', 'admin')),
    active BOOLEAN NOT NULL DEFAULT 1
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
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    day BIGINT NOT NULL,
    analyst TEXT NOT NULL,
    action TEXT NOT NULL,
    report_id TEXT NOT NULL,
    detail TEXT NOT NULL
);

-- The callback: analysts' questions and the reporter's (scrubbed) answers, in order.
CREATE TABLE report_messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    report_seq BIGINT NOT NULL REFERENCES reports (seq) ON DELETE CASCADE,
    author TEXT NOT NULL CHECK (author IN ('analyst', 'reporter')),
    body TEXT NOT NULL
);
CREATE INDEX report_messages_report ON report_messages (report_seq);

CREATE TABLE publication_batches (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    day BIGINT NOT NULL,
    published INTEGER NOT NULL
);

COMMIT;
PRAGMA foreign_keys = ON;
