//! Imported records: remembers which (source, record id) pairs were imported, so that
//! importing the same file twice adds nothing the second time.

use diesel::prelude::*;

use super::reports::{self, Coding, NewReport, STATUS_PUBLISHED};
use super::schema::{imported_records, reports as reports_table};
use super::{DbConnection, DbResult};

/// Inserts a report for an import key unless that key (or the report id) is already there.
/// `publish` makes it public at once, in publication order, keeping a publication month the
/// record brought (a re-imported export) or else the current month. Returns None for a duplicate.
pub fn insert_once(
    conn: &mut DbConnection,
    source_key: &str,
    new: &mut NewReport,
    coding: &Coding,
    publish: bool,
    current_month: &str,
) -> DbResult<Option<i64>> {
    conn.transaction(|conn| {
        let seen: i64 = imported_records::table
            .filter(imported_records::source_key.eq(source_key))
            .count()
            .get_result(conn)?;
        let id_taken: i64 = reports_table::table
            .filter(reports_table::id.eq(&new.id))
            .count()
            .get_result(conn)?;
        if seen > 0 || id_taken > 0 {
            return Ok(None);
        }
        if publish {
            new.status = STATUS_PUBLISHED.to_string();
            new.published_seq = Some(reports::next_published_seq(conn)?);
            new.published_month = new
                .published_month
                .take()
                .or_else(|| Some(current_month.to_string()));
        } else {
            new.published_month = None;
        }
        let seq = reports::insert(conn, new, coding, None)?;
        diesel::insert_into(imported_records::table)
            .values((
                imported_records::source_key.eq(source_key),
                imported_records::report_seq.eq(seq),
            ))
            .execute(conn)?;
        Ok(Some(seq))
    })
}
