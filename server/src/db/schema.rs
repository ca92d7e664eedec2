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
        event_seq -> Nullable<BigInt>,
        reject_reason -> Nullable<Text>,
        went_well -> Text,
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
        released_day -> Nullable<BigInt>,
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

diesel::table! {
    analysts (id) {
        id -> BigInt,
        name -> Text,
        password_hash -> Text,
        role -> Text,
        active -> Bool,
    }
}

diesel::table! {
    analyst_sessions (token_hash) {
        token_hash -> Text,
        analyst_id -> BigInt,
        csrf_token -> Text,
        expires_at -> BigInt,
    }
}

diesel::table! {
    audit_log (seq) {
        seq -> BigInt,
        day -> BigInt,
        analyst -> Text,
        action -> Text,
        report_id -> Text,
        detail -> Text,
    }
}

diesel::table! {
    report_messages (seq) {
        seq -> BigInt,
        report_seq -> BigInt,
        author -> Text,
        body -> Text,
    }
}

diesel::table! {
    publication_batches (seq) {
        seq -> BigInt,
        day -> BigInt,
        published -> Integer,
    }
}

diesel::joinable!(analyst_sessions -> analysts (analyst_id));
diesel::joinable!(report_messages -> reports (report_seq));
diesel::allow_tables_to_appear_in_same_query!(analysts, analyst_sessions);
diesel::allow_tables_to_appear_in_same_query!(report_messages, reports);
diesel::allow_tables_to_appear_in_same_query!(receipts, report_messages);

diesel::table! {
    guidance (subject_kind, subject_slug) {
        subject_kind -> Text,
        subject_slug -> Text,
        markdown -> Text,
        edited_by -> Text,
        edited_day -> BigInt,
    }
}
