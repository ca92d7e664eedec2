//! Curated guidance on best-practice pages, written by administrators.

use diesel::prelude::*;

use super::reports::STATUS_PUBLISHED;
use super::schema::{guidance, reports};
use super::{DbConnection, DbResult};

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = guidance)]
pub struct Guidance {
    pub subject_kind: String,
    pub subject_slug: String,
    pub markdown: String,
    pub edited_by: String,
    pub edited_day: i64,
}

pub fn find(conn: &mut DbConnection, kind: &str, slug: &str) -> DbResult<Option<Guidance>> {
    Ok(guidance::table
        .find((kind, slug))
        .select(Guidance::as_select())
        .first(conn)
        .optional()?)
}

pub fn list(conn: &mut DbConnection) -> DbResult<Vec<Guidance>> {
    Ok(guidance::table
        .order((guidance::subject_kind, guidance::subject_slug))
        .select(Guidance::as_select())
        .load(conn)?)
}

/// Creates or replaces the guidance of a subject.
pub fn save(conn: &mut DbConnection, entry: &Guidance) -> DbResult<()> {
    conn.transaction(|conn| {
        diesel::delete(guidance::table.find((&entry.subject_kind, &entry.subject_slug)))
            .execute(conn)?;
        diesel::insert_into(guidance::table)
            .values((
                guidance::subject_kind.eq(&entry.subject_kind),
                guidance::subject_slug.eq(&entry.subject_slug),
                guidance::markdown.eq(&entry.markdown),
                guidance::edited_by.eq(&entry.edited_by),
                guidance::edited_day.eq(entry.edited_day),
            ))
            .execute(conn)?;
        Ok(())
    })
}

pub fn delete(conn: &mut DbConnection, kind: &str, slug: &str) -> DbResult<usize> {
    Ok(diesel::delete(guidance::table.find((kind, slug))).execute(conn)?)
}

/// The titles of the published reports among `ids`, in the order given; unknown or
/// unpublished ids are left out.
pub fn published_titles(
    conn: &mut DbConnection,
    ids: &[String],
) -> DbResult<Vec<(String, String)>> {
    let found: Vec<(String, String)> = reports::table
        .filter(reports::id.eq_any(ids))
        .filter(reports::status.eq(STATUS_PUBLISHED))
        .select((reports::id, reports::title))
        .load(conn)?;
    Ok(ids
        .iter()
        .filter_map(|id| found.iter().find(|(found_id, _)| found_id == id).cloned())
        .collect())
}
