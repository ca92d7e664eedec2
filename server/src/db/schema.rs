//! Diesel table definitions shared by both backends; every column type exists in SQLite and
//! PostgreSQL alike (see migrations/sqlite and migrations/postgres).

diesel::table! {
    reports (seq) {
        seq -> BigInt,
        id -> Text,
        status -> Text,
        published_seq -> Nullable<BigInt>,
        submitted_month -> Text,
        published_month -> Nullable<Text>,
        title -> Text,
        industry -> Text,
        occurred_month -> Text,
        severity -> Text,
        duration_minutes -> Nullable<Integer>,
        narrative -> Text,
        impact -> Text,
        detection -> Text,
        lessons -> Text,
        action_items -> Text,
        other_technologies -> Text,
        redaction_count -> Integer,
        rules_version -> Text,
        is_demo -> Bool,
    }
}

diesel::table! {
    technologies (slug) {
        slug -> Text,
        name -> Text,
        category -> Text,
    }
}

diesel::table! {
    technology_aliases (alias) {
        alias -> Text,
        technology_slug -> Text,
    }
}

diesel::table! {
    report_technologies (report_seq, technology_slug) {
        report_seq -> BigInt,
        technology_slug -> Text,
        version -> Nullable<Text>,
    }
}

diesel::table! {
    report_factors (report_seq, factor_slug) {
        report_seq -> BigInt,
        factor_slug -> Text,
    }
}

diesel::table! {
    report_patterns (report_seq, pattern_slug) {
        report_seq -> BigInt,
        pattern_slug -> Text,
    }
}

diesel::table! {
    receipts (report_seq) {
        report_seq -> BigInt,
        lookup_prefix -> Text,
        code_hash -> Text,
    }
}

diesel::joinable!(report_technologies -> reports (report_seq));
diesel::joinable!(report_technologies -> technologies (technology_slug));
diesel::joinable!(report_factors -> reports (report_seq));
diesel::joinable!(report_patterns -> reports (report_seq));
diesel::joinable!(receipts -> reports (report_seq));
diesel::joinable!(technology_aliases -> technologies (technology_slug));

diesel::allow_tables_to_appear_in_same_query!(
    reports,
    technologies,
    technology_aliases,
    report_technologies,
    report_factors,
    report_patterns,
    receipts,
);

diesel::table! {
    imported_records (source_key) {
        source_key -> Text,
        report_seq -> BigInt,
    }
}

diesel::joinable!(imported_records -> reports (report_seq));
diesel::allow_tables_to_appear_in_same_query!(imported_records, reports);
