-- Guidance that administrators write in Markdown for a best-practice page (one per
-- technology, failure pattern or contributing factor), citing published reports by id.
CREATE TABLE guidance (
    subject_kind TEXT NOT NULL CHECK (subject_kind IN ('technology', 'pattern', 'factor')),
    subject_slug TEXT NOT NULL,
    markdown TEXT NOT NULL,
    edited_by TEXT NOT NULL,
    edited_day BIGINT NOT NULL,
    PRIMARY KEY (subject_kind, subject_slug)
);
