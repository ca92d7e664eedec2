//! Bulk export of every published report, as JSON Lines or CSV, streamed page by page so memory
//! stays constant at any size. Each record carries the version of the redaction rules that
//! processed it; the JSON Lines form re-imports losslessly (`registry import`).

use std::io::Write;

use serde::Serialize;

use crate::db::reports::{self, ReportDetail};
use crate::db::{DbConnection, DbError};

/// Reports read from the database per page.
pub const PAGE: i64 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("could not write the export: {0}")]
    Io(#[from] std::io::Error),
    #[error("could not encode a record: {0}")]
    Encode(String),
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct TechnologyJson {
    pub slug: String,
    pub name: String,
    pub version: Option<String>,
}

/// A published report as the API and the export give it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq, utoipa::ToSchema)]
pub struct ReportRecord {
    pub id: String,
    pub title: String,
    pub industry: String,
    pub occurred_month: String,
    pub published_month: Option<String>,
    pub severity: Option<String>,
    pub duration_minutes: Option<i32>,
    pub narrative: String,
    pub impact: String,
    pub detection: String,
    pub went_well: String,
    pub lessons: String,
    pub action_items: String,
    pub technologies: Vec<TechnologyJson>,
    pub other_technologies: Vec<String>,
    pub contributing_factors: Vec<String>,
    pub failure_patterns: Vec<String>,
    pub redaction_count: i32,
    pub rules_version: String,
    pub demo: bool,
}

impl From<ReportDetail> for ReportRecord {
    fn from(detail: ReportDetail) -> Self {
        let r = detail.report;
        ReportRecord {
            id: r.id,
            title: r.title,
            industry: r.industry,
            occurred_month: r.occurred_month,
            published_month: r.published_month,
            severity: Some(r.severity).filter(|s| !s.is_empty()),
            duration_minutes: r.duration_minutes,
            narrative: r.narrative,
            impact: r.impact,
            detection: r.detection,
            went_well: r.went_well,
            lessons: r.lessons,
            action_items: r.action_items,
            technologies: detail
                .technologies
                .into_iter()
                .map(|t| TechnologyJson {
                    slug: t.slug,
                    name: t.name,
                    version: t.version,
                })
                .collect(),
            other_technologies: r
                .other_technologies
                .split(", ")
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect(),
            contributing_factors: detail.factors,
            failure_patterns: detail.patterns,
            redaction_count: r.redaction_count,
            rules_version: r.rules_version,
            demo: r.is_demo,
        }
    }
}

/// CSV columns, in order. Lists are joined with "; ".
pub const CSV_HEADER: &[&str] = &[
    "id",
    "title",
    "industry",
    "occurred_month",
    "published_month",
    "severity",
    "duration_minutes",
    "narrative",
    "impact",
    "detection",
    "went_well",
    "lessons",
    "action_items",
    "technologies",
    "other_technologies",
    "contributing_factors",
    "failure_patterns",
    "redaction_count",
    "rules_version",
    "demo",
];

impl ReportRecord {
    fn csv_row(&self) -> Vec<String> {
        let technologies = self
            .technologies
            .iter()
            .map(|t| match &t.version {
                Some(v) => format!("{} {v}", t.slug),
                None => t.slug.clone(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        vec![
            self.id.clone(),
            self.title.clone(),
            self.industry.clone(),
            self.occurred_month.clone(),
            self.published_month.clone().unwrap_or_default(),
            self.severity.clone().unwrap_or_default(),
            self.duration_minutes
                .map(|d| d.to_string())
                .unwrap_or_default(),
            self.narrative.clone(),
            self.impact.clone(),
            self.detection.clone(),
            self.went_well.clone(),
            self.lessons.clone(),
            self.action_items.clone(),
            technologies,
            self.other_technologies.join("; "),
            self.contributing_factors.join("; "),
            self.failure_patterns.join("; "),
            self.redaction_count.to_string(),
            self.rules_version.clone(),
            self.demo.to_string(),
        ]
    }
}

/// Encodes one page of records (with the CSV header first when `header` is set).
pub fn encode(
    records: &[ReportRecord],
    format: Format,
    header: bool,
) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::with_capacity(records.len() * 2048);
    match format {
        Format::Jsonl => {
            for record in records {
                serde_json::to_writer(&mut out, record)
                    .map_err(|e| ExportError::Encode(e.to_string()))?;
                out.push(b'\n');
            }
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(&mut out);
            if header {
                writer
                    .write_record(CSV_HEADER)
                    .map_err(|e| ExportError::Encode(e.to_string()))?;
            }
            for record in records {
                writer
                    .write_record(record.csv_row())
                    .map_err(|e| ExportError::Encode(e.to_string()))?;
            }
            writer.flush()?;
        }
    }
    Ok(out)
}

/// One page of published reports after publication sequence `after`, with the sequence to
/// continue from (None at the end).
pub fn page(
    conn: &mut DbConnection,
    after: i64,
    limit: i64,
) -> Result<(Vec<ReportRecord>, Option<i64>), ExportError> {
    let details = reports::published_after(conn, after, limit)?;
    let next = if (details.len() as i64) < limit {
        None
    } else {
        details.last().and_then(|d| d.report.published_seq)
    };
    Ok((details.into_iter().map(ReportRecord::from).collect(), next))
}

/// Writes every published report to `out`; returns how many.
pub fn write_all(
    conn: &mut DbConnection,
    format: Format,
    out: &mut dyn Write,
) -> Result<usize, ExportError> {
    let mut after = 0;
    let mut count = 0;
    let mut header = true;
    loop {
        let details = reports::published_after(conn, after, PAGE)?;
        if details.is_empty() && !header {
            break;
        }
        after = details
            .last()
            .and_then(|d| d.report.published_seq)
            .unwrap_or(after);
        let records: Vec<ReportRecord> = details.into_iter().map(ReportRecord::from).collect();
        count += records.len();
        out.write_all(&encode(&records, format, header)?)?;
        header = false;
        if records.is_empty() {
            break;
        }
    }
    out.flush()?;
    Ok(count)
}
