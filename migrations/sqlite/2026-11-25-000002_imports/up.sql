-- Records brought in by `registry import`: a hash of (source, record id) so that running the
-- same file twice imports nothing twice. The hash reveals nothing the record did not.
CREATE TABLE imported_records (
    source_key TEXT PRIMARY KEY NOT NULL,
    report_seq BIGINT NOT NULL REFERENCES reports (seq) ON DELETE CASCADE
);
