//! Receipts: the only link between a reporter and their submission. Stored as an argon2id
//! hash plus a short non-secret prefix to find the row without hashing every receipt.

use diesel::prelude::*;

use super::schema::receipts;
use super::{DbConnection, DbResult};

/// The hashes stored under a lookup prefix (usually one), with their report's sequence.
pub fn find_by_prefix(conn: &mut DbConnection, prefix: &str) -> DbResult<Vec<(i64, String)>> {
    Ok(receipts::table
        .filter(receipts::lookup_prefix.eq(prefix))
        .select((receipts::report_seq, receipts::code_hash))
        .load(conn)?)
}
