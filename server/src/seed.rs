//! Demo data: synthetic published reports from the project's own generator, marked as demo
//! everywhere they appear and removable in one command.

use scrubber::vocabulary::Vocabulary;

use crate::db::reports::{self, Coding, NewReport, STATUS_PUBLISHED};
use crate::db::{DbConnection, DbResult};
use crate::demo;
use crate::util;

/// Inserts `count` demo reports, published at once. Returns how many were inserted.
pub fn seed_demo(conn: &mut DbConnection, count: usize, seed: u64) -> DbResult<usize> {
    let vocabulary = Vocabulary::builtin();
    let mut batch: Vec<(NewReport, Coding)> = demo::generate(count, seed)
        .into_iter()
        .map(|d| {
            let (known, unknown) = demo_technologies(vocabulary, &d.technologies);
            let technologies: Vec<(String, Option<String>)> = known
                .into_iter()
                .map(|(tech, version)| (tech.slug.clone(), version))
                .collect();
            let new = NewReport {
                id: util::new_report_id(),
                status: STATUS_PUBLISHED.to_string(),
                published_seq: None,
                submitted_month: d.published_month.clone(),
                published_month: Some(d.published_month),
                title: d.title,
                industry: d.industry.to_string(),
                occurred_month: d.occurred_month,
                severity: d.severity.to_string(),
                duration_minutes: d.duration_minutes,
                narrative: d.narrative,
                impact: d.impact,
                detection: d.detection,
                lessons: d.lessons,
                action_items: d.action_items,
                other_technologies: unknown.join(", "),
                redaction_count: 0,
                rules_version: scrubber::RULES_VERSION.to_string(),
                is_demo: true,
                went_well: String::new(),
            };
            let coding = Coding {
                technologies,
                factors: d.factors.iter().map(|s| s.to_string()).collect(),
                patterns: d.patterns.iter().map(|s| s.to_string()).collect(),
            };
            (new, coding)
        })
        .collect();
    reports::insert_published_batch(conn, &mut batch)
}

/// The generator's technology names resolved against the vocabulary (with the version
/// mentioned), and the names it does not know.
pub fn demo_technologies<'v, 'n>(
    vocabulary: &'v Vocabulary,
    names: &'n [String],
) -> (
    Vec<(&'v scrubber::vocabulary::Technology, Option<String>)>,
    Vec<&'n str>,
) {
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for name in names {
        match vocabulary.lookup(name) {
            Some(found) => known.push(found),
            None => unknown.push(name.as_str()),
        }
    }
    (known, unknown)
}

/// Deletes every demo report.
pub fn remove_demo(conn: &mut DbConnection) -> DbResult<usize> {
    reports::delete_demo(conn)
}
