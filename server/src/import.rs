//! `registry import FILE.jsonl`: brings existing retrospectives in. Two record shapes are
//! understood: public postmortem collections (`source`, `id`, `title`, `organization`,
//! `summary`, `body`, `date`, `technologies`, `impact`…, as in ../shared/corpus/) and this
//! registry's own export (which therefore re-imports losslessly). Every text field passes
//! through the scrubber, the record's organisation and product becoming declared terms;
//! technologies and failure patterns are suggested from the text.

use std::collections::HashSet;
use std::io::BufRead;

use scrubber::vocabulary::Vocabulary;
use scrubber::Scrubber;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::db::imports;
use crate::db::reports::{Coding, NewReport, STATUS_PENDING};
use crate::db::{DbConnection, DbError};
use crate::taxonomy::{self, CONTRIBUTING_FACTORS, FAILURE_PATTERNS, INDUSTRIES, SEVERITIES};
use crate::util;

/// Longest text kept per field of an imported record.
const MAX_IMPORTED_FIELD: usize = 200_000;

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("could not read the import file: {0}")]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Db(#[from] DbError),
}

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub imported: usize,
    pub duplicates: usize,
    /// (line number, reason) of every line that could not be imported.
    pub malformed: Vec<(usize, String)>,
}

/// A record ready to store: redacted report, coding and its deduplication key.
struct Prepared {
    key: String,
    report: NewReport,
    coding: Coding,
}

fn text<'a>(record: &'a Value, field: &str) -> &'a str {
    record
        .get(field)
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
}

fn strings(record: &Value, field: &str) -> Vec<String> {
    match record.get(field) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| match v {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Object(o) => o.get("slug").and_then(Value::as_str).map(str::to_string),
                _ => None,
            })
            .filter(|s| !s.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}

fn cap(text: &str) -> String {
    match text.char_indices().nth(MAX_IMPORTED_FIELD) {
        Some((at, _)) => text[..at].to_string(),
        None => text.to_string(),
    }
}

fn source_key(source: &str, id: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(source.as_bytes());
    hasher.update([0]);
    hasher.update(id.as_bytes());
    util::hex(&hasher.finalize())
}

/// The first sentence of a summary, as a title for records that have none.
fn title_from(summary: &str) -> String {
    let first = summary
        .split(['\n', '.'])
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or("Imported report");
    let mut title: String = first.chars().take(140).collect();
    if first.chars().count() > 140 {
        title.push('…');
    }
    title
}

pub struct Importer<'a> {
    scrubber: &'a Scrubber,
    vocabulary: &'static Vocabulary,
    current_month: String,
}

impl<'a> Importer<'a> {
    pub fn new(scrubber: &'a Scrubber) -> Importer<'a> {
        Importer {
            scrubber,
            vocabulary: Vocabulary::builtin(),
            current_month: util::current_month(),
        }
    }

    /// Imports every line of a JSON Lines stream; malformed lines are reported and skipped.
    pub fn import(
        &self,
        conn: &mut DbConnection,
        input: impl BufRead,
        publish: bool,
        progress: &mut dyn FnMut(u64),
    ) -> Result<ImportSummary, ImportError> {
        let mut summary = ImportSummary::default();
        for (index, line) in input.split(b'\n').enumerate() {
            let line = line?;
            progress(line.len() as u64 + 1);
            let number = index + 1;
            let Ok(line) = std::str::from_utf8(&line) else {
                summary.malformed.push((number, "not valid UTF-8".into()));
                continue;
            };
            if line.trim().is_empty() {
                continue;
            }
            let mut prepared = match serde_json::from_str::<Value>(line) {
                Ok(record @ Value::Object(_)) => match self.prepare(&record) {
                    Ok(prepared) => prepared,
                    Err(reason) => {
                        summary.malformed.push((number, reason));
                        continue;
                    }
                },
                Ok(_) => {
                    summary.malformed.push((number, "not a JSON object".into()));
                    continue;
                }
                Err(err) => {
                    summary
                        .malformed
                        .push((number, format!("invalid JSON: {err}")));
                    continue;
                }
            };
            match imports::insert_once(
                conn,
                &prepared.key,
                &mut prepared.report,
                &prepared.coding,
                publish,
                &self.current_month,
            )? {
                Some(_) => summary.imported += 1,
                None => summary.duplicates += 1,
            }
        }
        Ok(summary)
    }

    fn prepare(&self, record: &Value) -> Result<Prepared, String> {
        if record.get("rules_version").is_some() && record.get("narrative").is_some() {
            self.prepare_export(record)
        } else {
            self.prepare_collection(record)
        }
    }

    /// A record of this registry's export: already redacted, coded and dated.
    fn prepare_export(&self, record: &Value) -> Result<Prepared, String> {
        let id = text(record, "id");
        if !util::is_report_id(id) {
            return Err(format!("export record with an invalid id {id:?}"));
        }
        let occurred_month = text(record, "occurred_month");
        if !occurred_month.is_empty() && util::parse_month(occurred_month).is_none() {
            return Err(format!("invalid occurred_month {occurred_month:?}"));
        }
        let industry = text(record, "industry");
        let industry = if taxonomy::find(INDUSTRIES, industry).is_some() {
            industry
        } else {
            "other"
        };
        let severity = text(record, "severity");
        let severity = if taxonomy::find(SEVERITIES, severity).is_some() {
            severity
        } else {
            ""
        };
        let fields: Vec<String> = [
            "title",
            "narrative",
            "impact",
            "detection",
            "went_well",
            "lessons",
            "action_items",
        ]
        .iter()
        .map(|f| cap(text(record, f)))
        .collect();
        let other = strings(record, "other_technologies").join(", ");
        let mut all: Vec<&str> = fields.iter().map(String::as_str).collect();
        all.push(&other);
        // Re-scrubbing redacted text changes nothing (the scrubber is idempotent) unless the
        // rules have grown since; then the record carries today's rules version.
        let scrubbed = self.scrubber.scrub_document(&all, &[], &[]);
        let changed = scrubbed
            .iter()
            .zip(&all)
            .any(|(s, original)| s.text != *original);
        let rules_version = if changed || text(record, "rules_version").is_empty() {
            scrubber::RULES_VERSION.to_string()
        } else {
            text(record, "rules_version").to_string()
        };
        let technologies = match record.get("technologies") {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(|t| {
                    let slug = t.get("slug").and_then(Value::as_str)?;
                    self.vocabulary.lookup(slug).map(|(tech, _)| {
                        (
                            tech.slug.clone(),
                            t.get("version").and_then(Value::as_str).map(str::to_string),
                        )
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        let known = |list: &'static [taxonomy::Term], values: Vec<String>| -> Vec<String> {
            values
                .into_iter()
                .filter(|v| taxonomy::find(list, v).is_some())
                .collect()
        };
        let count = scrubbed.iter().map(|s| s.findings.len()).sum::<usize>();
        let redaction_count = record
            .get("redaction_count")
            .and_then(Value::as_i64)
            .and_then(|n| i32::try_from(n).ok())
            .unwrap_or(0)
            .saturating_add(i32::try_from(count).unwrap_or(i32::MAX));
        let mut texts = scrubbed.into_iter().map(|s| s.text);
        let mut next = || texts.next().unwrap_or_default();
        let report = NewReport {
            id: id.to_string(),
            status: STATUS_PENDING.to_string(),
            published_seq: None,
            submitted_month: self.current_month.clone(),
            published_month: Some(text(record, "published_month"))
                .filter(|m| util::parse_month(m).is_some())
                .map(str::to_string),
            title: next(),
            industry: industry.to_string(),
            occurred_month: occurred_month.to_string(),
            severity: severity.to_string(),
            duration_minutes: record
                .get("duration_minutes")
                .and_then(Value::as_i64)
                .and_then(|d| i32::try_from(d).ok()),
            narrative: next(),
            impact: next(),
            detection: next(),
            went_well: next(),
            lessons: next(),
            action_items: next(),
            other_technologies: next(),
            redaction_count,
            rules_version,
            is_demo: record.get("demo").and_then(Value::as_bool).unwrap_or(false),
        };
        if report.title.is_empty() || report.narrative.is_empty() {
            return Err("export record without title or narrative".into());
        }
        let coding = Coding {
            technologies,
            factors: known(
                CONTRIBUTING_FACTORS,
                strings(record, "contributing_factors"),
            ),
            patterns: known(FAILURE_PATTERNS, strings(record, "failure_patterns")),
        };
        Ok(Prepared {
            key: source_key("registry", id),
            report,
            coding,
        })
    }

    /// A record of a public postmortem collection: scrubbed, with suggestions.
    fn prepare_collection(&self, record: &Value) -> Result<Prepared, String> {
        let source = text(record, "source");
        let id = text(record, "id");
        if id.is_empty() {
            return Err("record without an id".into());
        }
        let summary = text(record, "summary");
        let body = text(record, "body");
        let narrative = match (summary.is_empty(), body.is_empty()) {
            (_, true) => summary.to_string(),
            (true, false) => body.to_string(),
            (false, false) if body.contains(summary) => body.to_string(),
            (false, false) => format!("{summary}\n\n{body}"),
        };
        let title = match text(record, "title") {
            "" => title_from(if summary.is_empty() { body } else { summary }),
            title => title.to_string(),
        };
        if narrative.is_empty() && title.is_empty() {
            return Err("record without title, summary or body".into());
        }
        let declared: Vec<String> = ["organization", "product"]
            .iter()
            .map(|f| text(record, f))
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect();
        let declared_lower: HashSet<String> = declared.iter().map(|d| d.to_lowercase()).collect();
        let names_a_declared = |tech: &scrubber::vocabulary::Technology| {
            declared_lower.contains(&tech.name.to_lowercase())
                || tech
                    .aliases
                    .iter()
                    .any(|a| declared_lower.contains(&a.to_lowercase()))
        };
        let narrative = cap(&narrative);
        let impact = cap(text(record, "impact"));
        let mut technologies: Vec<(String, Option<String>)> = Vec::new();
        let mentioned = strings(record, "technologies");
        let mut unknown = Vec::new();
        for name in &mentioned {
            match self.vocabulary.lookup(name) {
                Some((tech, version)) if !names_a_declared(tech) => {
                    technologies.push((tech.slug.clone(), version))
                }
                Some(_) => {}
                None => unknown.push(name.clone()),
            }
        }
        for (tech, version) in self
            .vocabulary
            .find_in_text(&format!("{title}\n{narrative}"))
        {
            if !names_a_declared(tech) && !technologies.iter().any(|(slug, _)| *slug == tech.slug) {
                technologies.push((tech.slug.clone(), version));
            }
        }
        let other = unknown.join(", ");
        let scrubbed =
            self.scrubber
                .scrub_document(&[&title, &narrative, &impact, &other], &declared, &[]);
        let redaction_count =
            i32::try_from(scrubbed.iter().map(|s| s.findings.len()).sum::<usize>())
                .unwrap_or(i32::MAX);
        let mut texts = scrubbed.into_iter().map(|s| s.text);
        let mut next = || texts.next().unwrap_or_default();
        let date = text(record, "date");
        let occurred_month = date
            .get(..7)
            .filter(|m| util::parse_month(m).is_some())
            .unwrap_or("");
        let report = NewReport {
            id: util::new_report_id(),
            status: STATUS_PENDING.to_string(),
            published_seq: None,
            submitted_month: self.current_month.clone(),
            published_month: None,
            title: next(),
            industry: "software".into(),
            occurred_month: occurred_month.to_string(),
            severity: String::new(),
            duration_minutes: None,
            narrative: next(),
            impact: next(),
            detection: String::new(),
            lessons: String::new(),
            action_items: String::new(),
            other_technologies: next(),
            redaction_count,
            rules_version: scrubber::RULES_VERSION.to_string(),
            is_demo: false,
            went_well: String::new(),
        };
        let patterns =
            taxonomy::suggest_patterns(&format!("{}\n{}", report.title, report.narrative));
        let coding = Coding {
            technologies,
            factors: Vec::new(),
            patterns: patterns.into_iter().map(str::to_string).collect(),
        };
        Ok(Prepared {
            key: source_key(source, id),
            report,
            coding,
        })
    }
}
