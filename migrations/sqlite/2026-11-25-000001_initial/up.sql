-- Submissions and published reports share one table: a report is a submission whose status
-- became 'published'. No timestamps anywhere: months only, ordering by sequence numbers.
CREATE TABLE reports (
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
CREATE INDEX reports_status_published_seq ON reports (status, published_seq);

CREATE TABLE technologies (
    slug TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    category TEXT NOT NULL
);

CREATE TABLE technology_aliases (
    alias TEXT PRIMARY KEY NOT NULL,
    technology_slug TEXT NOT NULL REFERENCES technologies (slug) ON DELETE CASCADE
);

CREATE TABLE report_technologies (
    report_seq BIGINT NOT NULL REFERENCES reports (seq) ON DELETE CASCADE,
    technology_slug TEXT NOT NULL REFERENCES technologies (slug),
    version TEXT,
    PRIMARY KEY (report_seq, technology_slug)
);
CREATE INDEX report_technologies_slug ON report_technologies (technology_slug);

CREATE TABLE report_factors (
    report_seq BIGINT NOT NULL REFERENCES reports (seq) ON DELETE CASCADE,
    factor_slug TEXT NOT NULL,
    PRIMARY KEY (report_seq, factor_slug)
);

CREATE TABLE report_patterns (
    report_seq BIGINT NOT NULL REFERENCES reports (seq) ON DELETE CASCADE,
    pattern_slug TEXT NOT NULL,
    PRIMARY KEY (report_seq, pattern_slug)
);

-- The receipt: an argon2id hash of the code and a short, non-secret lookup prefix.
CREATE TABLE receipts (
    report_seq BIGINT PRIMARY KEY NOT NULL REFERENCES reports (seq) ON DELETE CASCADE,
    lookup_prefix TEXT NOT NULL,
    code_hash TEXT NOT NULL
);
CREATE INDEX receipts_lookup_prefix ON receipts (lookup_prefix);
