//! Aggregates over published reports: the numbers behind the best-practice pages per
//! technology, failure pattern and contributing factor. Computed by grouped queries over the
//! link tables (no stored aggregate to drift from the reports).

use std::collections::BTreeMap;

use diesel::dsl::count_star;
use diesel::prelude::*;

use crate::db::reports::{self as report_queries, ReportDetail, STATUS_PUBLISHED};
use crate::db::schema::{
    report_factors, report_patterns, report_technologies, reports, technologies,
};
use crate::db::{DbConnection, DbResult};

/// Which reports an aggregate page is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Technology(String),
    Pattern(String),
    Factor(String),
}

/// A value with how many reports have it and its share of the subject's reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    pub key: String,
    pub count: i64,
    pub share: f64,
}

/// Durations as a distribution, never as a mean.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Durations {
    pub reported: usize,
    pub median: i32,
    pub p90: i32,
    pub max: i32,
}

#[derive(Debug, Clone)]
pub struct Aggregate {
    pub reports: i64,
    /// ("2024-Q1", count), oldest first, every quarter between the first and the last.
    pub quarters: Vec<(String, i64)>,
    pub patterns: Vec<Count>,
    pub factors: Vec<Count>,
    pub technologies: Vec<Count>,
    pub versions: Vec<Count>,
    pub durations: Option<Durations>,
    pub recent: Vec<ReportDetail>,
}

/// Bind parameters per query: well under SQLite's and PostgreSQL's limits.
const CHUNK: usize = 10_000;

/// The sequence numbers of the subject's published reports, newest publication first.
fn subject_seqs(conn: &mut DbConnection, subject: &Subject) -> DbResult<Vec<i64>> {
    let published = reports::table.filter(reports::status.eq(STATUS_PUBLISHED));
    let seqs = match subject {
        Subject::Technology(slug) => published
            .filter(
                reports::seq.eq_any(
                    report_technologies::table
                        .filter(report_technologies::technology_slug.eq(slug))
                        .select(report_technologies::report_seq),
                ),
            )
            .order(reports::published_seq.desc())
            .select(reports::seq)
            .load(conn)?,
        Subject::Pattern(slug) => published
            .filter(
                reports::seq.eq_any(
                    report_patterns::table
                        .filter(report_patterns::pattern_slug.eq(slug))
                        .select(report_patterns::report_seq),
                ),
            )
            .order(reports::published_seq.desc())
            .select(reports::seq)
            .load(conn)?,
        Subject::Factor(slug) => published
            .filter(
                reports::seq.eq_any(
                    report_factors::table
                        .filter(report_factors::factor_slug.eq(slug))
                        .select(report_factors::report_seq),
                ),
            )
            .order(reports::published_seq.desc())
            .select(reports::seq)
            .load(conn)?,
    };
    Ok(seqs)
}

fn add_counts(into: &mut BTreeMap<String, i64>, rows: Vec<(String, i64)>) {
    for (key, count) in rows {
        *into.entry(key).or_default() += count;
    }
}

fn with_shares(rows: Vec<(String, i64)>, total: i64) -> Vec<Count> {
    let mut counts: Vec<Count> = rows
        .into_iter()
        .map(|(key, count)| Count {
            share: if total > 0 {
                count as f64 / total as f64
            } else {
                0.0
            },
            key,
            count,
        })
        .collect();
    counts.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    counts
}

/// "2024-05" → (2024, 2).
fn quarter_of(month: &str) -> Option<(i32, u32)> {
    crate::util::parse_month(month).map(|(year, month)| (year, (month - 1) / 3 + 1))
}

fn percentile(sorted: &[i32], p: f64) -> i32 {
    if sorted.is_empty() {
        return 0;
    }
    // Nearest-rank percentile: the smallest value with at least p of the data at or below it.
    let rank = (p * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub fn durations(mut minutes: Vec<i32>) -> Option<Durations> {
    if minutes.is_empty() {
        return None;
    }
    minutes.sort_unstable();
    Some(Durations {
        reported: minutes.len(),
        median: percentile(&minutes, 0.5),
        p90: percentile(&minutes, 0.9),
        max: minutes.last().copied().unwrap_or(0),
    })
}

/// The aggregates over `seqs`, the subject's published reports newest first.
fn aggregate(
    conn: &mut DbConnection,
    subject: &Subject,
    seqs: &[i64],
    recent: i64,
) -> DbResult<Aggregate> {
    let total = seqs.len() as i64;
    let mut months = BTreeMap::new();
    let mut patterns = BTreeMap::new();
    let mut factors = BTreeMap::new();
    let mut technologies = BTreeMap::new();
    let mut versions = BTreeMap::new();
    let mut minutes: Vec<i32> = Vec::new();
    // Counts are additive, so the subject's reports are aggregated a chunk at a time.
    for chunk in seqs.chunks(CHUNK) {
        add_counts(
            &mut months,
            reports::table
                .filter(reports::seq.eq_any(chunk))
                .group_by(reports::occurred_month)
                .select((reports::occurred_month, count_star()))
                .load(conn)?,
        );
        add_counts(
            &mut patterns,
            report_patterns::table
                .filter(report_patterns::report_seq.eq_any(chunk))
                .group_by(report_patterns::pattern_slug)
                .select((report_patterns::pattern_slug, count_star()))
                .load(conn)?,
        );
        add_counts(
            &mut factors,
            report_factors::table
                .filter(report_factors::report_seq.eq_any(chunk))
                .group_by(report_factors::factor_slug)
                .select((report_factors::factor_slug, count_star()))
                .load(conn)?,
        );
        add_counts(
            &mut technologies,
            report_technologies::table
                .filter(report_technologies::report_seq.eq_any(chunk))
                .group_by(report_technologies::technology_slug)
                .select((report_technologies::technology_slug, count_star()))
                .load(conn)?,
        );
        if let Subject::Technology(slug) = subject {
            let rows: Vec<(Option<String>, i64)> = report_technologies::table
                .filter(report_technologies::technology_slug.eq(slug))
                .filter(report_technologies::report_seq.eq_any(chunk))
                .group_by(report_technologies::version)
                .select((report_technologies::version, count_star()))
                .load(conn)?;
            add_counts(
                &mut versions,
                rows.into_iter()
                    .map(|(v, n)| (v.unwrap_or_default(), n))
                    .collect(),
            );
        }
        minutes.extend(
            reports::table
                .filter(reports::seq.eq_any(chunk))
                .filter(reports::duration_minutes.is_not_null())
                .select(reports::duration_minutes)
                .load::<Option<i32>>(conn)?
                .into_iter()
                .flatten(),
        );
    }

    let mut by_quarter: BTreeMap<(i32, u32), i64> = BTreeMap::new();
    for (month, count) in months {
        if let Some(quarter) = quarter_of(&month) {
            *by_quarter.entry(quarter).or_default() += count;
        }
    }
    let mut quarters = Vec::new();
    if let (Some(&first), Some(&last)) = (by_quarter.keys().next(), by_quarter.keys().next_back()) {
        let (mut year, mut q) = first;
        while (year, q) <= last {
            quarters.push((
                format!("{year}-Q{q}"),
                by_quarter.get(&(year, q)).copied().unwrap_or(0),
            ));
            (year, q) = if q == 4 { (year + 1, 1) } else { (year, q + 1) };
        }
    }

    let newest: Vec<i64> = seqs
        .iter()
        .take(usize::try_from(recent).unwrap_or(0))
        .copied()
        .collect();
    let mut recent_reports: Vec<report_queries::Report> = reports::table
        .filter(reports::seq.eq_any(&newest))
        .select(report_queries::Report::as_select())
        .load(conn)?;
    recent_reports.sort_by_key(|r| std::cmp::Reverse(r.published_seq));

    let mut technologies = with_shares(technologies.into_iter().collect(), total);
    if let Subject::Technology(slug) = subject {
        technologies.retain(|c| c.key != *slug);
    }
    Ok(Aggregate {
        reports: total,
        quarters,
        patterns: with_shares(patterns.into_iter().collect(), total),
        factors: with_shares(factors.into_iter().collect(), total),
        technologies,
        versions: with_shares(versions.into_iter().collect(), total),
        durations: durations(minutes),
        recent: report_queries::details_of(conn, recent_reports)?,
    })
}

/// (slug, name, category, published reports) of a technology.
pub type TechnologyRow = (String, String, String, i64);

/// Every technology that has published reports, with its category and report count.
pub fn technologies_with_reports(conn: &mut DbConnection) -> DbResult<Vec<TechnologyRow>> {
    Ok(report_technologies::table
        .inner_join(reports::table)
        .inner_join(technologies::table)
        .filter(reports::status.eq(STATUS_PUBLISHED))
        .group_by((
            technologies::slug,
            technologies::name,
            technologies::category,
        ))
        .select((
            technologies::slug,
            technologies::name,
            technologies::category,
            count_star(),
        ))
        .order((technologies::category, technologies::name))
        .load(conn)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_nearest_rank_percentiles() {
        let d = durations(vec![10, 50, 20, 40, 30, 60, 70, 80, 90, 100]).unwrap_or(Durations {
            reported: 0,
            median: 0,
            p90: 0,
            max: 0,
        });
        assert_eq!((d.reported, d.median, d.p90, d.max), (10, 50, 90, 100));
        assert_eq!(durations(vec![]), None);
        assert_eq!(durations(vec![7]).map(|d| (d.median, d.p90)), Some((7, 7)));
        assert_eq!(quarter_of("2024-05"), Some((2024, 2)));
        assert_eq!(quarter_of(""), None);
    }
}

/// A lesson or action item that recurs across reports, with the reports that state it.
#[derive(Debug, Clone)]
pub struct RecurringItem {
    /// The wording of the first report that stated it.
    pub text: String,
    /// (report id, title) of every report in the group.
    pub reports: Vec<(String, String)>,
}

/// Reports read for recurring lessons: the latest ones, enough to see what recurs.
const LESSON_SAMPLE: usize = 2_000;
const MIN_SIMILARITY: f64 = 0.5;

const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "is", "are", "be", "was", "were",
    "it", "its", "that", "this", "with", "as", "by", "at", "from", "not", "we", "our", "us",
    "should", "must", "can", "every", "all", "any", "before", "after", "when", "than", "into",
    "only", "need", "needs",
];

/// The content words of an item, crudely stemmed, for similarity.
fn words(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() > 2 && !STOP_WORDS.contains(&w.as_str()))
        .map(|w| {
            w.trim_end_matches("ing")
                .trim_end_matches("ed")
                .trim_end_matches('s')
                .to_string()
        })
        .collect()
}

fn jaccard(a: &std::collections::BTreeSet<String>, b: &std::collections::BTreeSet<String>) -> f64 {
    let shared = a.intersection(b).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// The list items (or lines) of a Markdown field.
fn items(markdown: &str) -> impl Iterator<Item = &str> {
    markdown
        .lines()
        .map(|l| l.trim().trim_start_matches(['-', '*', '+']).trim())
        .map(|l| {
            l.trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start_matches(['.', ')'])
                .trim()
        })
        .filter(|l| l.len() >= 12)
}

/// Groups similar lessons (or action items) of the given reports; groups stated by at least
/// two reports, the most widespread first.
pub fn recurring<'a>(
    reports: impl IntoIterator<Item = (&'a str, &'a str, &'a str)>,
    limit: usize,
) -> Vec<RecurringItem> {
    let mut groups: Vec<(std::collections::BTreeSet<String>, RecurringItem)> = Vec::new();
    for (id, title, field) in reports.into_iter().take(LESSON_SAMPLE) {
        for item in items(field) {
            let item_words = words(item);
            if item_words.len() < 2 {
                continue;
            }
            match groups
                .iter_mut()
                .find(|(w, _)| jaccard(w, &item_words) >= MIN_SIMILARITY)
            {
                Some((_, group)) => {
                    if !group.reports.iter().any(|(r, _)| r == id) {
                        group.reports.push((id.to_string(), title.to_string()));
                    }
                }
                None => groups.push((
                    item_words,
                    RecurringItem {
                        text: item.to_string(),
                        reports: vec![(id.to_string(), title.to_string())],
                    },
                )),
            }
        }
    }
    let mut recurring: Vec<RecurringItem> = groups
        .into_iter()
        .map(|(_, g)| g)
        .filter(|g| g.reports.len() >= 2)
        .collect();
    recurring.sort_by_key(|g| std::cmp::Reverse(g.reports.len()));
    recurring.truncate(limit);
    recurring
}

/// (id, title, lessons, action items) of the subject's latest published reports.
fn lessons_of(
    conn: &mut DbConnection,
    seqs: &[i64],
) -> DbResult<Vec<(String, String, String, String)>> {
    let mut out = Vec::new();
    for chunk in seqs[..seqs.len().min(LESSON_SAMPLE)].chunks(CHUNK) {
        let mut rows: Vec<(i64, Option<i64>, String, String, String, String)> = reports::table
            .filter(reports::seq.eq_any(chunk))
            .select((
                reports::seq,
                reports::published_seq,
                reports::id,
                reports::title,
                reports::lessons,
                reports::action_items,
            ))
            .load(conn)?;
        rows.sort_by_key(|r| std::cmp::Reverse(r.1));
        out.extend(
            rows.into_iter()
                .map(|(_, _, id, title, lessons, actions)| (id, title, lessons, actions)),
        );
    }
    Ok(out)
}

#[cfg(test)]
mod recurring_tests {
    use super::*;

    #[test]
    fn similar_items_group_and_cite_their_reports() {
        let reports = [
            (
                "r1",
                "One",
                "- Alert on disk growth rate, not only on the level\n- Rehearse failover",
            ),
            (
                "r2",
                "Two",
                "- alert on the disk growth rate not just the level",
            ),
            (
                "r3",
                "Three",
                "1. Rehearse failover every quarter\n2. Something unrelated entirely here",
            ),
        ];
        let groups = recurring(reports, 10);
        assert_eq!(groups.len(), 2, "{groups:?}");
        assert_eq!(
            groups[0].text,
            "Alert on disk growth rate, not only on the level"
        );
        assert_eq!(
            groups[0]
                .reports
                .iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>(),
            vec!["r1", "r2"]
        );
        assert_eq!(groups[1].text, "Rehearse failover");
        assert_eq!(
            groups[1]
                .reports
                .iter()
                .map(|(id, _)| id.as_str())
                .collect::<Vec<_>>(),
            vec!["r1", "r3"]
        );
        assert!(
            !groups.iter().any(|g| g.text.contains("unrelated")),
            "a lesson stated once is not recurring"
        );
    }
}

/// Everything a best-practice page shows about one subject.
#[derive(Debug, Clone)]
pub struct PageData {
    pub aggregate: Aggregate,
    pub lessons: Vec<RecurringItem>,
    pub actions: Vec<RecurringItem>,
}

/// Reports listed as the latest on a page (and the precedents of the stack check).
pub const RECENT_REPORTS: i64 = 8;
const RECURRING_ITEMS: usize = 6;

/// Computes a subject's page data from the database.
pub fn page_data(conn: &mut DbConnection, subject: &Subject) -> DbResult<PageData> {
    let seqs = subject_seqs(conn, subject)?;
    let aggregate = aggregate(conn, subject, &seqs, RECENT_REPORTS)?;
    let texts = lessons_of(conn, &seqs)?;
    let lessons = texts
        .iter()
        .map(|(id, title, lessons, _)| (id.as_str(), title.as_str(), lessons.as_str()));
    let actions = texts
        .iter()
        .map(|(id, title, _, actions)| (id.as_str(), title.as_str(), actions.as_str()));
    Ok(PageData {
        lessons: recurring(lessons, RECURRING_ITEMS),
        actions: recurring(actions, RECURRING_ITEMS),
        aggregate,
    })
}

/// Computed aggregates, kept until the published reports change. The key of freshness is the
/// search index's reader generation, which changes whenever the index (which follows every
/// publication and removal) commits; so a page is computed once per change, not per request.
pub struct Cache<V> {
    entries: std::sync::Mutex<std::collections::HashMap<String, (u64, std::sync::Arc<V>)>>,
    /// One computation at a time: when a popular page goes stale, the first request computes
    /// it and the others wait for that result instead of all computing it at once.
    computing: std::sync::Mutex<()>,
}

impl<V> Default for Cache<V> {
    fn default() -> Self {
        Cache {
            entries: std::sync::Mutex::new(std::collections::HashMap::new()),
            computing: std::sync::Mutex::new(()),
        }
    }
}

impl<V> Cache<V> {
    fn cached(&self, key: &str, generation: u64) -> Option<std::sync::Arc<V>> {
        let entries = self.entries.lock().ok()?;
        entries
            .get(key)
            .filter(|(g, _)| *g == generation)
            .map(|(_, v)| v.clone())
    }

    /// The cached value for `key` if it was computed at `generation`, else a fresh one.
    pub fn get_or_compute(
        &self,
        key: &str,
        generation: u64,
        compute: impl FnOnce() -> DbResult<V>,
    ) -> DbResult<std::sync::Arc<V>> {
        if let Some(value) = self.cached(key, generation) {
            return Ok(value);
        }
        let _computing = self
            .computing
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Another request may have computed it while this one waited.
        if let Some(value) = self.cached(key, generation) {
            return Ok(value);
        }
        let value = std::sync::Arc::new(compute()?);
        if let Ok(mut entries) = self.entries.lock() {
            // Entries of older generations are dead weight: drop them as the data moves on.
            entries.retain(|_, (g, _)| *g == generation);
            entries.insert(key.to_string(), (generation, value.clone()));
        }
        Ok(value)
    }
}

impl Subject {
    /// "technology", "pattern" or "factor": the search filter and the guidance kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Subject::Technology(_) => "technology",
            Subject::Pattern(_) => "pattern",
            Subject::Factor(_) => "factor",
        }
    }

    pub fn slug(&self) -> &str {
        match self {
            Subject::Technology(slug) | Subject::Pattern(slug) | Subject::Factor(slug) => slug,
        }
    }

    pub fn cache_key(&self) -> String {
        format!("{}/{}", self.kind(), self.slug())
    }
}

#[cfg(test)]
mod cache_tests {
    use super::*;

    #[test]
    fn computes_once_per_generation() {
        let cache: Cache<usize> = Cache::default();
        let mut calls = 0;
        let get = |generation, calls: &mut usize| {
            cache
                .get_or_compute("k", generation, || {
                    *calls += 1;
                    Ok(*calls)
                })
                .map(|v| *v)
                .unwrap_or(0)
        };
        assert_eq!(get(1, &mut calls), 1);
        assert_eq!(get(1, &mut calls), 1, "cached");
        assert_eq!(get(2, &mut calls), 2, "recomputed after the data changed");
        assert_eq!(calls, 2);
    }
}
