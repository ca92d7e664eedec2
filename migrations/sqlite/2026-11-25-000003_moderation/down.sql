PRAGMA foreign_keys = OFF;
BEGIN;
DROP TABLE publication_batches;
DROP TABLE report_messages;
DROP TABLE audit_log;
DROP TABLE analyst_sessions;
DROP TABLE analysts;
ALTER TABLE receipts DROP COLUMN released_day;
DELETE FROM reports WHERE status IN ('approved', 'rejected');
CREATE TABLE reports_rebuilt (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL CHECK (status IN ('pending', 'published')),
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
    is_demo BOOLEAN NOT NULL DEFAULT 0
);
INSERT INTO reports_rebuilt SELECT seq, id, status, published_seq, submitted_month,
    published_month, title, industry, occurred_month, severity, duration_minutes, narrative,
    impact, detection, lessons, action_items, other_technologies, redaction_count,
    rules_version, is_demo FROM reports;
DROP TABLE reports;
ALTER TABLE reports_rebuilt RENAME TO reports;
CREATE INDEX reports_status_published_seq ON reports (status, published_seq);
COMMIT;
PRAGMA foreign_keys = ON;
