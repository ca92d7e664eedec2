//! Submissions and published reports (one table; a report is a published submission).

use diesel::prelude::*;

use super::schema::{
    receipts, report_factors, report_patterns, report_technologies, reports, technologies,
};
use super::{DbConnection, DbError, DbResult};

pub const STATUS_PENDING: &str = "pending";
pub const STATUS_APPROVED: &str = "approved";
pub const STATUS_PUBLISHED: &str = "published";
pub const STATUS_REJECTED: &str = "rejected";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = reports)]
pub struct Report {
    pub seq: i64,
    pub id: String,
    pub status: String,
    pub published_seq: Option<i64>,
    pub submitted_month: String,
    pub published_month: Option<String>,
    pub title: String,
    pub industry: String,
    pub occurred_month: String,
    pub severity: String,
    pub duration_minutes: Option<i32>,
    pub narrative: String,
    pub impact: String,
    pub detection: String,
    pub lessons: String,
    pub action_items: String,
    pub other_technologies: String,
    pub redaction_count: i32,
    pub rules_version: String,
    pub is_demo: bool,
    /// The primary report of this one's event, when it is a supplemental report.
    pub event_seq: Option<i64>,
    /// Why analysts rejected it, for the reporter's eyes (receipt page).
    pub reject_reason: Option<String>,
    pub went_well: String,
}

/// What a new submission (or a demo report) stores. Every text field is already redacted.
#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = reports)]
pub struct NewReport {
    pub id: String,
    pub status: String,
    pub published_seq: Option<i64>,
    pub submitted_month: String,
    pub published_month: Option<String>,
    pub title: String,
    pub industry: String,
    pub occurred_month: String,
    pub severity: String,
    pub duration_minutes: Option<i32>,
    pub narrative: String,
    pub impact: String,
    pub detection: String,
    pub lessons: String,
    pub action_items: String,
    pub other_technologies: String,
    pub redaction_count: i32,
    pub rules_version: String,
    pub is_demo: bool,
    pub went_well: String,
}

/// The taxonomy coding of a report, stored in link tables.
#[derive(Debug, Clone, Default)]
pub struct Coding {
    /// Technology slugs with the version mentioned, if any.
    pub technologies: Vec<(String, Option<String>)>,
    pub factors: Vec<String>,
    pub patterns: Vec<String>,
}

/// The argon2id hash of a receipt code and its non-secret lookup prefix.
#[derive(Debug, Clone)]
pub struct ReceiptRecord {
    pub lookup_prefix: String,
    pub code_hash: String,
}

/// A technology as shown next to a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TechnologyMention {
    pub slug: String,
    pub name: String,
    pub version: Option<String>,
}

/// A report with its coding, ready to render.
#[derive(Debug, Clone)]
pub struct ReportDetail {
    pub report: Report,
    pub technologies: Vec<TechnologyMention>,
    pub factors: Vec<String>,
    pub patterns: Vec<String>,
}

/// Stores a new report, its coding and (for real submissions) its receipt, atomically.
/// Returns the internal sequence number.
pub fn insert(
    conn: &mut DbConnection,
    new: &NewReport,
    coding: &Coding,
    receipt: Option<&ReceiptRecord>,
) -> DbResult<i64> {
    conn.transaction(|conn| {
        let seq: i64 = diesel::insert_into(reports::table)
            .values(new)
            .returning(reports::seq)
            .get_result(conn)?;
        insert_coding(conn, seq, coding)?;
        if let Some(receipt) = receipt {
            diesel::insert_into(receipts::table)
                .values((
                    receipts::report_seq.eq(seq),
                    receipts::lookup_prefix.eq(&receipt.lookup_prefix),
                    receipts::code_hash.eq(&receipt.code_hash),
                ))
                .execute(conn)?;
        }
        Ok(seq)
    })
}

pub(crate) fn insert_coding(conn: &mut DbConnection, seq: i64, coding: &Coding) -> DbResult<()> {
    let mut seen = std::collections::HashSet::new();
    for (slug, version) in &coding.technologies {
        if !seen.insert(slug.as_str()) {
            continue;
        }
        diesel::insert_into(report_technologies::table)
            .values((
                report_technologies::report_seq.eq(seq),
                report_technologies::technology_slug.eq(slug),
                report_technologies::version.eq(version),
            ))
            .execute(conn)?;
    }
    let mut factors: Vec<&String> = coding.factors.iter().collect();
    factors.sort();
    factors.dedup();
    for slug in factors {
        diesel::insert_into(report_factors::table)
            .values((
                report_factors::report_seq.eq(seq),
                report_factors::factor_slug.eq(slug),
            ))
            .execute(conn)?;
    }
    let mut patterns: Vec<&String> = coding.patterns.iter().collect();
    patterns.sort();
    patterns.dedup();
    for slug in patterns {
        diesel::insert_into(report_patterns::table)
            .values((
                report_patterns::report_seq.eq(seq),
                report_patterns::pattern_slug.eq(slug),
            ))
            .execute(conn)?;
    }
    Ok(())
}

/// The next publication sequence number: followers (search indexes) track it.
pub(crate) fn next_published_seq(conn: &mut DbConnection) -> DbResult<i64> {
    let max: Option<i64> = reports::table
        .select(diesel::dsl::max(reports::published_seq))
        .first(conn)?;
    Ok(max.unwrap_or(0) + 1)
}

/// Publishes a pending submission. Publishing twice is an error, so a typo cannot
/// re-order the public sequence.
pub fn publish(conn: &mut DbConnection, id: &str, month: &str) -> DbResult<Report> {
    conn.transaction(|conn| {
        let report: Report = reports::table
            .filter(reports::id.eq(id))
            .select(Report::as_select())
            .first(conn)
            .optional()?
            .ok_or(DbError::NotFound)?;
        if report.status != STATUS_PENDING {
            return Err(DbError::Invalid(format!(
                "report {id} is already {}",
                report.status
            )));
        }
        let published_seq = next_published_seq(conn)?;
        diesel::update(reports::table.filter(reports::seq.eq(report.seq)))
            .set((
                reports::status.eq(STATUS_PUBLISHED),
                reports::published_seq.eq(published_seq),
                reports::published_month.eq(month),
            ))
            .execute(conn)?;
        Ok(Report {
            status: STATUS_PUBLISHED.to_string(),
            published_seq: Some(published_seq),
            published_month: Some(month.to_string()),
            ..report
        })
    })
}

/// Inserts reports that are published at once (demo data), keeping the publication
/// sequence gap-free. All of them or none.
pub fn insert_published_batch(
    conn: &mut DbConnection,
    batch: &mut [(NewReport, Coding)],
) -> DbResult<usize> {
    conn.transaction(|conn| {
        let first = next_published_seq(conn)?;
        for (published_seq, (new, coding)) in (first..).zip(batch.iter_mut()) {
            new.status = STATUS_PUBLISHED.to_string();
            new.published_seq = Some(published_seq);
            insert(conn, new, coding, None)?;
        }
        Ok(batch.len())
    })
}

/// A published report with its coding, or NotFound (pending reports are not public).
pub fn find_published(conn: &mut DbConnection, id: &str) -> DbResult<ReportDetail> {
    let report: Report = reports::table
        .filter(reports::id.eq(id))
        .filter(reports::status.eq(STATUS_PUBLISHED))
        .select(Report::as_select())
        .first(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    detail(conn, report)
}

/// Any report by id, whatever its status (for the operator's CLI).
pub fn find_any(conn: &mut DbConnection, id: &str) -> DbResult<Report> {
    reports::table
        .filter(reports::id.eq(id))
        .select(Report::as_select())
        .first(conn)
        .optional()?
        .ok_or(DbError::NotFound)
}

fn detail(conn: &mut DbConnection, report: Report) -> DbResult<ReportDetail> {
    let technologies = technologies_of(conn, &[report.seq])?
        .into_iter()
        .map(|(_, mention)| mention)
        .collect();
    let factors = report_factors::table
        .filter(report_factors::report_seq.eq(report.seq))
        .select(report_factors::factor_slug)
        .order(report_factors::factor_slug)
        .load(conn)?;
    let patterns = report_patterns::table
        .filter(report_patterns::report_seq.eq(report.seq))
        .select(report_patterns::pattern_slug)
        .order(report_patterns::pattern_slug)
        .load(conn)?;
    Ok(ReportDetail {
        report,
        technologies,
        factors,
        patterns,
    })
}

fn technologies_of(
    conn: &mut DbConnection,
    seqs: &[i64],
) -> DbResult<Vec<(i64, TechnologyMention)>> {
    let rows: Vec<(i64, String, String, Option<String>)> = report_technologies::table
        .inner_join(technologies::table)
        .filter(report_technologies::report_seq.eq_any(seqs))
        .select((
            report_technologies::report_seq,
            technologies::slug,
            technologies::name,
            report_technologies::version,
        ))
        .order((report_technologies::report_seq, technologies::name))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(seq, slug, name, version)| {
            (
                seq,
                TechnologyMention {
                    slug,
                    name,
                    version,
                },
            )
        })
        .collect())
}

/// The most recently published reports, newest first, with their technologies.
pub fn recent_published(
    conn: &mut DbConnection,
    limit: i64,
    offset: i64,
) -> DbResult<Vec<(Report, Vec<TechnologyMention>)>> {
    let page: Vec<Report> = reports::table
        .filter(reports::status.eq(STATUS_PUBLISHED))
        .order(reports::published_seq.desc())
        .limit(limit)
        .offset(offset)
        .select(Report::as_select())
        .load(conn)?;
    let seqs: Vec<i64> = page.iter().map(|r| r.seq).collect();
    let mut mentions = technologies_of(conn, &seqs)?;
    Ok(page
        .into_iter()
        .map(|report| {
            let mut own = Vec::new();
            mentions.retain(|(seq, m)| {
                if *seq == report.seq {
                    own.push(m.clone());
                    false
                } else {
                    true
                }
            });
            (report, own)
        })
        .collect())
}

/// How many reports there are in each status (for `/metrics` and the front page).
pub fn count_by_status(conn: &mut DbConnection) -> DbResult<Vec<(String, i64)>> {
    Ok(reports::table
        .group_by(reports::status)
        .select((reports::status, diesel::dsl::count_star()))
        .order(reports::status)
        .load(conn)?)
}

/// Deletes every demo report (coding and receipts go with them by cascade).
pub fn delete_demo(conn: &mut DbConnection) -> DbResult<usize> {
    Ok(diesel::delete(reports::table.filter(reports::is_demo.eq(true))).execute(conn)?)
}

pub fn count_all(conn: &mut DbConnection) -> DbResult<i64> {
    Ok(reports::table.count().get_result(conn)?)
}

/// Published reports after a publication sequence number, in order, with their coding: what
/// a search index follows. `limit` bounds one batch.
pub fn published_after(
    conn: &mut DbConnection,
    after_seq: i64,
    limit: i64,
) -> DbResult<Vec<ReportDetail>> {
    let page: Vec<Report> = reports::table
        .filter(reports::status.eq(STATUS_PUBLISHED))
        .filter(reports::published_seq.gt(after_seq))
        .order(reports::published_seq.asc())
        .limit(limit)
        .select(Report::as_select())
        .load(conn)?;
    details_of(conn, page)
}

/// Attaches technologies, factors and patterns to a page of reports with three queries.
pub fn details_of(conn: &mut DbConnection, page: Vec<Report>) -> DbResult<Vec<ReportDetail>> {
    use std::collections::HashMap;
    let seqs: Vec<i64> = page.iter().map(|r| r.seq).collect();
    let mut technologies: HashMap<i64, Vec<TechnologyMention>> = HashMap::new();
    for (seq, mention) in technologies_of(conn, &seqs)? {
        technologies.entry(seq).or_default().push(mention);
    }
    let mut factors: HashMap<i64, Vec<String>> = HashMap::new();
    for (seq, slug) in report_factors::table
        .filter(report_factors::report_seq.eq_any(&seqs))
        .select((report_factors::report_seq, report_factors::factor_slug))
        .order((report_factors::report_seq, report_factors::factor_slug))
        .load::<(i64, String)>(conn)?
    {
        factors.entry(seq).or_default().push(slug);
    }
    let mut patterns: HashMap<i64, Vec<String>> = HashMap::new();
    for (seq, slug) in report_patterns::table
        .filter(report_patterns::report_seq.eq_any(&seqs))
        .select((report_patterns::report_seq, report_patterns::pattern_slug))
        .order((report_patterns::report_seq, report_patterns::pattern_slug))
        .load::<(i64, String)>(conn)?
    {
        patterns.entry(seq).or_default().push(slug);
    }
    Ok(page
        .into_iter()
        .map(|report| ReportDetail {
            technologies: technologies.remove(&report.seq).unwrap_or_default(),
            factors: factors.remove(&report.seq).unwrap_or_default(),
            patterns: patterns.remove(&report.seq).unwrap_or_default(),
            report,
        })
        .collect())
}

/// How many reports are published, and the highest publication sequence number.
pub fn published_extent(conn: &mut DbConnection) -> DbResult<(i64, i64)> {
    let (count, max): (i64, Option<i64>) = reports::table
        .filter(reports::status.eq(STATUS_PUBLISHED))
        .select((
            diesel::dsl::count_star(),
            diesel::dsl::max(reports::published_seq),
        ))
        .first(conn)?;
    Ok((count, max.unwrap_or(0)))
}

/// Which published reports a feed follows.
#[derive(Debug, Clone)]
pub enum FeedFilter {
    All,
    Technology(String),
    Pattern(String),
    Industry(String),
}

/// The most recently published reports matching `filter`, newest first, with their coding.
pub fn recent_matching(
    conn: &mut DbConnection,
    filter: &FeedFilter,
    limit: i64,
) -> DbResult<Vec<ReportDetail>> {
    let mut query = reports::table
        .filter(reports::status.eq(STATUS_PUBLISHED))
        .order(reports::published_seq.desc())
        .limit(limit)
        .select(Report::as_select())
        .into_boxed();
    query = match filter {
        FeedFilter::All => query,
        FeedFilter::Technology(slug) => query.filter(
            reports::seq.eq_any(
                report_technologies::table
                    .filter(report_technologies::technology_slug.eq(slug.clone()))
                    .select(report_technologies::report_seq),
            ),
        ),
        FeedFilter::Pattern(slug) => query.filter(
            reports::seq.eq_any(
                report_patterns::table
                    .filter(report_patterns::pattern_slug.eq(slug.clone()))
                    .select(report_patterns::report_seq),
            ),
        ),
        FeedFilter::Industry(slug) => query.filter(reports::industry.eq(slug.clone())),
    };
    let page = query.load(conn)?;
    details_of(conn, page)
}
