//! The editorial workflow on submissions: the queue, edits and coding, approval, rejection,
//! questions to the reporter, events, withdrawal, batch publication and receipt expiry.

use std::collections::{HashMap, HashSet};

use diesel::prelude::*;

use super::reports::{
    self, Coding, Report, ReportDetail, STATUS_APPROVED, STATUS_PENDING, STATUS_PUBLISHED,
    STATUS_REJECTED,
};
use super::schema::{
    publication_batches, receipts, report_factors, report_messages, report_patterns,
    report_technologies, reports as reports_table,
};
use super::{DbConnection, DbError, DbResult};

pub const AUTHOR_ANALYST: &str = "analyst";
pub const AUTHOR_REPORTER: &str = "reporter";

/// One line of the analysts' queue.
#[derive(Debug, Clone)]
pub struct QueueRow {
    pub report: Report,
    /// The last message is an analyst's question the reporter has not answered yet.
    pub awaiting_reporter: bool,
    pub messages: usize,
}

/// A page of the submissions still under review: pending first, then approved ones waiting
/// for the next batch, oldest first within each.
pub fn queue(conn: &mut DbConnection, limit: i64, offset: i64) -> DbResult<Vec<QueueRow>> {
    // 'pending' sorts after 'approved', so descending status puts pending first.
    let rows: Vec<Report> = reports_table::table
        .filter(reports_table::status.eq_any([STATUS_PENDING, STATUS_APPROVED]))
        .order((reports_table::status.desc(), reports_table::seq.asc()))
        .limit(limit)
        .offset(offset)
        .select(Report::as_select())
        .load(conn)?;
    let seqs: Vec<i64> = rows.iter().map(|r| r.seq).collect();
    let mut threads: HashMap<i64, Vec<String>> = HashMap::new();
    for (seq, author) in report_messages::table
        .filter(report_messages::report_seq.eq_any(&seqs))
        .order(report_messages::seq.asc())
        .select((report_messages::report_seq, report_messages::author))
        .load::<(i64, String)>(conn)?
    {
        threads.entry(seq).or_default().push(author);
    }
    Ok(rows
        .into_iter()
        .map(|report| {
            let thread = threads.remove(&report.seq).unwrap_or_default();
            QueueRow {
                awaiting_reporter: thread.last().is_some_and(|a| a == AUTHOR_ANALYST),
                messages: thread.len(),
                report,
            }
        })
        .collect())
}

/// A submission in any state but withdrawn, with its coding.
pub fn find_for_review(conn: &mut DbConnection, id: &str) -> DbResult<ReportDetail> {
    let report = reports::find_any(conn, id)?;
    reports::details_of(conn, vec![report])?
        .pop()
        .ok_or(DbError::NotFound)
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = report_messages)]
pub struct Message {
    pub seq: i64,
    pub report_seq: i64,
    pub author: String,
    pub body: String,
}

pub fn messages(conn: &mut DbConnection, report_seq: i64) -> DbResult<Vec<Message>> {
    Ok(report_messages::table
        .filter(report_messages::report_seq.eq(report_seq))
        .order(report_messages::seq.asc())
        .select(Message::as_select())
        .load(conn)?)
}

/// Refuses to go on unless the submission is pending or approved; `consequence` says why.
fn ensure_under_review(conn: &mut DbConnection, seq: i64, consequence: &str) -> DbResult<()> {
    let status: String = reports_table::table
        .find(seq)
        .select(reports_table::status)
        .first(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    if status != STATUS_PENDING && status != STATUS_APPROVED {
        return Err(DbError::Invalid(format!(
            "this submission is {status}; {consequence}"
        )));
    }
    Ok(())
}

/// Adds a question (analyst) or an answer (reporter, already scrubbed) to the thread of a
/// submission that is still under review.
pub fn add_message(
    conn: &mut DbConnection,
    report_seq: i64,
    author: &str,
    body: &str,
) -> DbResult<()> {
    conn.transaction(|conn| {
        ensure_under_review(conn, report_seq, "messages are closed")?;
        diesel::insert_into(report_messages::table)
            .values((
                report_messages::report_seq.eq(report_seq),
                report_messages::author.eq(author),
                report_messages::body.eq(body),
            ))
            .execute(conn)?;
        Ok(())
    })
}

/// The fields an analyst may edit, all already redacted.
#[derive(Debug, Clone, Default, AsChangeset)]
#[diesel(table_name = reports_table)]
pub struct ReviewedFields {
    pub title: String,
    pub industry: String,
    pub severity: String,
    pub narrative: String,
    pub impact: String,
    pub detection: String,
    pub went_well: String,
    pub lessons: String,
    pub action_items: String,
}

fn under_review(conn: &mut DbConnection, id: &str) -> DbResult<Report> {
    let report = reports::find_any(conn, id)?;
    if report.status != STATUS_PENDING && report.status != STATUS_APPROVED {
        return Err(DbError::Invalid(format!(
            "report {id} is {}; only submissions under review can change",
            report.status
        )));
    }
    Ok(report)
}

/// Saves an analyst's edits and coding of a submission under review.
pub fn save_review(
    conn: &mut DbConnection,
    id: &str,
    fields: &ReviewedFields,
    redaction_count: i32,
    coding: &Coding,
) -> DbResult<()> {
    conn.transaction(|conn| {
        let report = under_review(conn, id)?;
        diesel::update(reports_table::table.find(report.seq))
            .set((fields, reports_table::redaction_count.eq(redaction_count)))
            .execute(conn)?;
        replace_coding(conn, report.seq, coding)
    })
}

fn replace_coding(conn: &mut DbConnection, seq: i64, coding: &Coding) -> DbResult<()> {
    diesel::delete(report_technologies::table.filter(report_technologies::report_seq.eq(seq)))
        .execute(conn)?;
    diesel::delete(report_factors::table.filter(report_factors::report_seq.eq(seq)))
        .execute(conn)?;
    diesel::delete(report_patterns::table.filter(report_patterns::report_seq.eq(seq)))
        .execute(conn)?;
    reports::insert_coding(conn, seq, coding)
}

/// Marks a submission approved: it goes public with the next batch.
pub fn approve(conn: &mut DbConnection, id: &str) -> DbResult<()> {
    conn.transaction(|conn| {
        let report = under_review(conn, id)?;
        diesel::update(reports_table::table.find(report.seq))
            .set(reports_table::status.eq(STATUS_APPROVED))
            .execute(conn)?;
        Ok(())
    })
}

/// Rejects a submission. Its content is erased at once; only the reason stays, for the
/// reporter to read with their receipt until it expires. Without a receipt (imports) the
/// row goes entirely.
pub fn reject(conn: &mut DbConnection, id: &str, reason: &str, today: i64) -> DbResult<()> {
    conn.transaction(|conn| {
        let report = under_review(conn, id)?;
        let receipt_rows = diesel::update(receipts::table.find(report.seq))
            .set(receipts::released_day.eq(today))
            .execute(conn)?;
        if receipt_rows == 0 {
            diesel::delete(reports_table::table.find(report.seq)).execute(conn)?;
            return Ok(());
        }
        replace_coding(conn, report.seq, &Coding::default())?;
        diesel::update(reports_table::table.find(report.seq))
            .set((
                reports_table::status.eq(STATUS_REJECTED),
                reports_table::reject_reason.eq(reason),
                reports_table::title.eq(""),
                reports_table::narrative.eq(""),
                reports_table::impact.eq(""),
                reports_table::detection.eq(""),
                reports_table::lessons.eq(""),
                reports_table::action_items.eq(""),
                reports_table::other_technologies.eq(""),
                reports_table::event_seq.eq(None::<i64>),
            ))
            .execute(conn)?;
        diesel::update(reports_table::table.filter(reports_table::event_seq.eq(report.seq)))
            .set(reports_table::event_seq.eq(None::<i64>))
            .execute(conn)?;
        Ok(())
    })
}

/// Deletes a submission under review at its reporter's request (coding, messages and
/// receipt go with it).
pub fn withdraw(conn: &mut DbConnection, seq: i64) -> DbResult<()> {
    conn.transaction(|conn| {
        ensure_under_review(conn, seq, "it can no longer be withdrawn")?;
        diesel::delete(reports_table::table.find(seq)).execute(conn)?;
        Ok(())
    })
}

/// Makes `id` a supplemental report of the event `target_id` belongs to. Its own
/// supplements follow it; the merged id keeps working (it redirects to the event).
/// Returns the primary report's id.
pub fn attach_to_event(conn: &mut DbConnection, id: &str, target_id: &str) -> DbResult<String> {
    conn.transaction(|conn| {
        let report = reports::find_any(conn, id)?;
        if report.status == STATUS_REJECTED {
            return Err(DbError::Invalid(format!("report {id} was rejected")));
        }
        let target = reports::find_any(conn, target_id).map_err(|e| match e {
            DbError::NotFound => DbError::Invalid(format!("there is no report {target_id:?}")),
            other => other,
        })?;
        if target.status == STATUS_REJECTED {
            return Err(DbError::Invalid(format!(
                "report {target_id} was rejected; attach to another"
            )));
        }
        let primary_seq = target.event_seq.unwrap_or(target.seq);
        if primary_seq == report.seq || report.event_seq == Some(primary_seq) {
            return Err(DbError::Invalid(format!(
                "report {id} already belongs to that event"
            )));
        }
        let primary_id: String = reports_table::table
            .find(primary_seq)
            .select(reports_table::id)
            .first(conn)?;
        diesel::update(reports_table::table.filter(reports_table::event_seq.eq(report.seq)))
            .set(reports_table::event_seq.eq(primary_seq))
            .execute(conn)?;
        diesel::update(reports_table::table.find(report.seq))
            .set(reports_table::event_seq.eq(primary_seq))
            .execute(conn)?;
        Ok(primary_id)
    })
}

/// The public id of a report, when it is published.
pub fn report_id_of(conn: &mut DbConnection, seq: i64) -> DbResult<Option<String>> {
    Ok(reports_table::table
        .find(seq)
        .select(reports_table::id)
        .first(conn)
        .optional()?)
}

/// The id of a published primary report, for the redirect of its supplements.
pub fn published_primary_id(conn: &mut DbConnection, seq: i64) -> DbResult<Option<String>> {
    Ok(reports_table::table
        .find(seq)
        .filter(reports_table::status.eq(STATUS_PUBLISHED))
        .select(reports_table::id)
        .first(conn)
        .optional()?)
}

/// The published reports of an event: the primary first, then supplements in order.
pub fn event_reports(conn: &mut DbConnection, primary_seq: i64) -> DbResult<Vec<ReportDetail>> {
    let page: Vec<Report> = reports_table::table
        .filter(reports_table::status.eq(STATUS_PUBLISHED))
        .filter(
            reports_table::seq
                .eq(primary_seq)
                .or(reports_table::event_seq.eq(primary_seq)),
        )
        .order(reports_table::seq.asc())
        .select(Report::as_select())
        .load(conn)?;
    let mut details = reports::details_of(conn, page)?;
    details.sort_by_key(|d| (d.report.seq != primary_seq, d.report.seq));
    Ok(details)
}

/// Publishes the given approved (or, for the operator's `publish`, pending) submissions
/// now, in order, and starts their receipts' retention clock.
fn publish_seqs(conn: &mut DbConnection, seqs: &[i64], today: i64) -> DbResult<usize> {
    let month = crate::util::day_month(today);
    let mut published_seq = reports::next_published_seq(conn)?;
    let mut published = 0;
    for seq in seqs {
        // Another node may have published it in the meantime: only unpublished rows move.
        let updated = diesel::update(
            reports_table::table
                .find(seq)
                .filter(reports_table::status.eq_any([STATUS_PENDING, STATUS_APPROVED])),
        )
        .set((
            reports_table::status.eq(STATUS_PUBLISHED),
            reports_table::published_seq.eq(published_seq),
            reports_table::published_month.eq(&month),
        ))
        .execute(conn)?;
        if updated == 0 {
            continue;
        }
        diesel::update(receipts::table.find(seq))
            .set(receipts::released_day.eq(today))
            .execute(conn)?;
        published_seq += 1;
        published += 1;
    }
    Ok(published)
}

/// Publishes one submission at once, bypassing the batch (the operator's `registry
/// publish`, for material that is public already).
pub fn publish_now(conn: &mut DbConnection, id: &str, today: i64) -> DbResult<Report> {
    conn.transaction(|conn| {
        let report = under_review(conn, id).map_err(|e| match e {
            DbError::Invalid(_) => DbError::Invalid(format!("report {id} is already published")),
            other => other,
        })?;
        publish_seqs(conn, &[report.seq], today)?;
        reports::find_any(conn, id)
    })
}

/// Publishes every approved submission together and records the batch. Returns how many.
pub fn publish_batch(conn: &mut DbConnection, today: i64) -> DbResult<usize> {
    conn.transaction(|conn| {
        let approved: Vec<i64> = reports_table::table
            .filter(reports_table::status.eq(STATUS_APPROVED))
            .order(reports_table::seq.asc())
            .select(reports_table::seq)
            .load(conn)?;
        let count = publish_seqs(conn, &approved, today)?;
        diesel::insert_into(publication_batches::table)
            .values((
                publication_batches::day.eq(today),
                publication_batches::published.eq(count as i32),
            ))
            .execute(conn)?;
        Ok(count)
    })
}

/// The day of the last batch, if any has run.
pub fn last_batch_day(conn: &mut DbConnection) -> DbResult<Option<i64>> {
    Ok(publication_batches::table
        .select(diesel::dsl::max(publication_batches::day))
        .first(conn)?)
}

/// Records an empty batch today: on a new registry the schedule starts from the first
/// start-up rather than publishing the first approved report at once.
pub fn anchor_batches(conn: &mut DbConnection, today: i64) -> DbResult<()> {
    diesel::insert_into(publication_batches::table)
        .values((
            publication_batches::day.eq(today),
            publication_batches::published.eq(0),
        ))
        .execute(conn)?;
    Ok(())
}

/// Destroys receipts released (published or rejected) `retention_days` or more ago, with
/// the reporter's message thread and whatever is left of rejected submissions. Returns how
/// many receipts went.
pub fn destroy_expired_receipts(
    conn: &mut DbConnection,
    today: i64,
    retention_days: i64,
) -> DbResult<usize> {
    conn.transaction(|conn| {
        let expired: Vec<i64> = receipts::table
            .filter(receipts::released_day.le(today - retention_days))
            .select(receipts::report_seq)
            .load(conn)?;
        if expired.is_empty() {
            return Ok(0);
        }
        diesel::delete(report_messages::table.filter(report_messages::report_seq.eq_any(&expired)))
            .execute(conn)?;
        diesel::delete(receipts::table.filter(receipts::report_seq.eq_any(&expired)))
            .execute(conn)?;
        diesel::delete(
            reports_table::table
                .filter(reports_table::seq.eq_any(&expired))
                .filter(reports_table::status.eq(STATUS_REJECTED)),
        )
        .execute(conn)?;
        Ok(expired.len())
    })
}

/// What a reporter's receipt opens: their submission's state, the thread, and when the
/// receipt goes.
#[derive(Debug, Clone)]
pub struct ReceiptStatus {
    pub report: Report,
    pub messages: Vec<Message>,
    /// The day the report was published or rejected; the receipt goes a retention later.
    pub released_day: Option<i64>,
    /// The public address of the report (its event's page for a supplement).
    pub public_id: Option<String>,
}

pub fn receipt_status(conn: &mut DbConnection, seq: i64) -> DbResult<ReceiptStatus> {
    let report: Report = reports_table::table
        .find(seq)
        .select(Report::as_select())
        .first(conn)
        .optional()?
        .ok_or(DbError::NotFound)?;
    let released_day: Option<i64> = receipts::table
        .find(seq)
        .select(receipts::released_day)
        .first(conn)
        .optional()?
        .flatten();
    let public_id = if report.status == STATUS_PUBLISHED {
        Some(report.id.clone())
    } else {
        None
    };
    Ok(ReceiptStatus {
        messages: messages(conn, seq)?,
        report,
        released_day,
        public_id,
    })
}

/// Words long enough to say something, for a rough likeness between two texts.
fn word_set(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3)
        .map(str::to_lowercase)
        .collect()
}

/// Submissions under review that resemble `report`: shared technologies, the same month
/// and overlapping words. Best first, with a score in 0..1.
pub fn similar_under_review(
    conn: &mut DbConnection,
    report: &ReportDetail,
    limit: usize,
) -> DbResult<Vec<(Report, f64)>> {
    let candidates: Vec<Report> = reports_table::table
        .filter(reports_table::status.eq_any([STATUS_PENDING, STATUS_APPROVED]))
        .filter(reports_table::seq.ne(report.report.seq))
        .order(reports_table::seq.desc())
        .limit(500)
        .select(Report::as_select())
        .load(conn)?;
    let own_slugs: HashSet<&str> = report
        .technologies
        .iter()
        .map(|t| t.slug.as_str())
        .collect();
    let own_words = word_set(&format!(
        "{} {}",
        report.report.title, report.report.narrative
    ));
    let details = reports::details_of(conn, candidates)?;
    let mut scored: Vec<(Report, f64)> = details
        .into_iter()
        .filter_map(|candidate| {
            let shared = candidate
                .technologies
                .iter()
                .filter(|t| own_slugs.contains(t.slug.as_str()))
                .count();
            let words = word_set(&format!(
                "{} {}",
                candidate.report.title, candidate.report.narrative
            ));
            let union = own_words.union(&words).count().max(1);
            let overlap = own_words.intersection(&words).count() as f64 / union as f64;
            let same_month = candidate.report.occurred_month == report.report.occurred_month;
            let tech_score = if own_slugs.is_empty() {
                0.0
            } else {
                shared as f64 / own_slugs.len() as f64
            };
            // Near-duplicates rarely share more than half their words, hence the doubling.
            let score = 0.5 * (overlap * 2.0).min(1.0)
                + 0.3 * tech_score
                + if same_month { 0.2 } else { 0.0 };
            (score >= 0.3).then_some((candidate.report, score))
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    scored.truncate(limit);
    Ok(scored)
}
