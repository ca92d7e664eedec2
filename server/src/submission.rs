//! The submission domain: what a reporter sends (form or JSON), how it is validated, scrubbed
//! and turned into the only thing ever stored, the redacted report.
//!
//! The raw text lives only inside the request that carries it: nothing in this module writes,
//! logs or keeps it.

use std::collections::HashSet;

use scrubber::vocabulary::Vocabulary;
use scrubber::{Finding, Scrubbed, Scrubber};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::db::reports::{Coding, NewReport, STATUS_PENDING};
use crate::taxonomy::{self, CONTRIBUTING_FACTORS, INDUSTRIES, SEVERITIES};
use crate::util;

const MAX_TITLE: usize = 300;
const MAX_NARRATIVE: usize = 60_000;
const MAX_FIELD: usize = 30_000;
const MAX_TECHNOLOGIES: usize = 40;
const MAX_TERMS: usize = 200;
const MAX_TERM_LEN: usize = 200;

/// A submission as the reporter wrote it, from the form or the API, before validation.
#[derive(Debug, Clone, Default)]
pub struct SubmissionInput {
    pub title: String,
    pub industry: String,
    pub occurred_month: String,
    pub severity: String,
    pub duration_minutes: String,
    pub narrative: String,
    pub impact: String,
    pub detection: String,
    /// What went well: what held up, what helped.
    pub went_well: String,
    pub lessons: String,
    pub action_items: String,
    pub contributing_factors: Vec<String>,
    pub technologies: Vec<String>,
    /// Names the reporter asks to redact: their company, products, colleagues.
    pub declared_terms: Vec<String>,
    /// Redactions the reporter marked as false positives, restored on the next preview.
    pub restored_terms: Vec<String>,
}

/// The JSON body of `POST /api/v1/submissions[/preview]`. Unknown fields are refused so a
/// typo in an integration cannot silently drop a field.
#[derive(Debug, Clone, Default, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields, default)]
pub struct SubmissionJson {
    pub title: String,
    pub industry: String,
    pub occurred_month: String,
    pub severity: String,
    pub duration_minutes: Option<u32>,
    pub narrative: String,
    pub impact: String,
    pub detection: String,
    pub went_well: String,
    pub lessons: String,
    pub action_items: String,
    pub contributing_factors: Vec<String>,
    pub technologies: Vec<String>,
    pub declared_terms: Vec<String>,
    pub restored_terms: Vec<String>,
}

impl From<SubmissionJson> for SubmissionInput {
    fn from(json: SubmissionJson) -> Self {
        SubmissionInput {
            title: json.title,
            industry: json.industry,
            occurred_month: json.occurred_month,
            severity: json.severity,
            duration_minutes: json
                .duration_minutes
                .map(|d| d.to_string())
                .unwrap_or_default(),
            narrative: json.narrative,
            impact: json.impact,
            detection: json.detection,
            went_well: json.went_well,
            lessons: json.lessons,
            action_items: json.action_items,
            contributing_factors: json.contributing_factors,
            technologies: json.technologies,
            declared_terms: json.declared_terms,
            restored_terms: json.restored_terms,
        }
    }
}

/// One problem with one field, worded for the reporter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    #[schema(value_type = String)]
    pub field: &'static str,
    #[schema(value_type = String)]
    pub label: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &'static str, message: impl Into<String>) -> FieldError {
        FieldError {
            field,
            label: field_label(field),
            message: message.into(),
        }
    }
}

/// The name a reporter sees for a field.
pub fn field_label(field: &str) -> &'static str {
    match field {
        "title" => "Title",
        "industry" => "Industry",
        "occurred_month" => "Month it occurred",
        "severity" => "Severity",
        "duration_minutes" => "Duration",
        "narrative" => "What happened",
        "impact" => "Impact",
        "detection" => "How it was detected",
        "lessons" => "Lessons learned",
        "action_items" => "Action items",
        "went_well" => "What went well",
        "contributing_factors" => "Contributing factors",
        "technologies" => "Technologies",
        "declared_terms" => "Names to redact",
        "restored_terms" => "Restored redactions",
        _ => "Field",
    }
}

/// A submission whose fields passed validation.
#[derive(Debug, Clone)]
pub struct ValidSubmission {
    input: SubmissionInput,
    duration_minutes: Option<i32>,
}

impl ValidSubmission {
    pub fn input(&self) -> &SubmissionInput {
        &self.input
    }
}

/// Splits a free-text list (commas, semicolons or new lines) into trimmed, distinct items.
pub fn split_list(text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    text.split([',', ';', '\n'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .filter(|item| seen.insert(item.to_lowercase()))
        .map(str::to_string)
        .collect()
}

fn clean_terms(terms: &[String]) -> Vec<String> {
    let mut seen = HashSet::new();
    terms
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
        .filter(|t| seen.insert(t.to_lowercase()))
        .map(str::to_string)
        .collect()
}

fn check_len(errors: &mut Vec<FieldError>, field: &'static str, value: &str, max: usize) {
    if value.chars().count() > max {
        errors.push(FieldError::new(
            field,
            format!("is too long (at most {max} characters)"),
        ));
    }
}

/// Validates a submission; every problem is reported at once.
pub fn validate(
    mut input: SubmissionInput,
    current_month: &str,
) -> Result<ValidSubmission, Vec<FieldError>> {
    let mut errors = Vec::new();
    input.title = input.title.trim().to_string();
    if input.title.is_empty() {
        errors.push(FieldError::new(
            "title",
            "is required: a one-line summary of what happened",
        ));
    }
    check_len(&mut errors, "title", &input.title, MAX_TITLE);
    if input.industry.is_empty() {
        errors.push(FieldError::new(
            "industry",
            "is required: choose the closest industry",
        ));
    } else if taxonomy::find(INDUSTRIES, &input.industry).is_none() {
        errors.push(FieldError::new(
            "industry",
            format!("{:?} is not one of the listed industries", input.industry),
        ));
    }
    input.occurred_month = input.occurred_month.trim().to_string();
    match util::parse_month(&input.occurred_month) {
        None if input.occurred_month.is_empty() => errors.push(FieldError::new(
            "occurred_month",
            "is required: the month it happened, as YYYY-MM",
        )),
        None => errors.push(FieldError::new(
            "occurred_month",
            "must be a month written YYYY-MM, such as 2024-03",
        )),
        Some((year, _)) if year < 1950 => {
            errors.push(FieldError::new("occurred_month", "must be 1950 or later"))
        }
        Some(_) if input.occurred_month.as_str() > current_month => {
            errors.push(FieldError::new("occurred_month", "cannot be in the future"))
        }
        Some(_) => {}
    }
    if !input.severity.is_empty() && taxonomy::find(SEVERITIES, &input.severity).is_none() {
        errors.push(FieldError::new(
            "severity",
            format!("{:?} is not one of the listed severities", input.severity),
        ));
    }
    let duration = input.duration_minutes.trim();
    let duration_minutes = if duration.is_empty() {
        None
    } else {
        match duration.parse::<i32>() {
            Ok(minutes) if (0..=10 * 525_600).contains(&minutes) => Some(minutes),
            _ => {
                errors.push(FieldError::new(
                    "duration_minutes",
                    "must be a whole number of minutes (0 to ten years)",
                ));
                None
            }
        }
    };
    if input.narrative.trim().is_empty() {
        errors.push(FieldError::new(
            "narrative",
            "is required: tell what happened",
        ));
    }
    check_len(&mut errors, "narrative", &input.narrative, MAX_NARRATIVE);
    for (field, value) in [
        ("impact", &input.impact),
        ("detection", &input.detection),
        ("went_well", &input.went_well),
        ("lessons", &input.lessons),
        ("action_items", &input.action_items),
    ] {
        check_len(&mut errors, field, value, MAX_FIELD);
    }
    for factor in &input.contributing_factors {
        if taxonomy::find(CONTRIBUTING_FACTORS, factor).is_none() {
            errors.push(FieldError::new(
                "contributing_factors",
                format!("{factor:?} is not a known contributing factor"),
            ));
        }
    }
    input.technologies = clean_terms(&input.technologies);
    if input.technologies.len() > MAX_TECHNOLOGIES {
        errors.push(FieldError::new(
            "technologies",
            format!("at most {MAX_TECHNOLOGIES} technologies"),
        ));
    }
    if input.technologies.iter().any(|t| t.chars().count() > 100) {
        errors.push(FieldError::new(
            "technologies",
            "each technology name must be at most 100 characters",
        ));
    }
    input.declared_terms = clean_terms(&input.declared_terms);
    input.restored_terms = clean_terms(&input.restored_terms);
    for (field, terms) in [
        ("declared_terms", &input.declared_terms),
        ("restored_terms", &input.restored_terms),
    ] {
        if terms.len() > MAX_TERMS || terms.iter().any(|t| t.chars().count() > MAX_TERM_LEN) {
            errors.push(FieldError::new(
                field,
                format!("at most {MAX_TERMS} names of at most {MAX_TERM_LEN} characters"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(ValidSubmission {
            input,
            duration_minutes,
        })
    } else {
        Err(errors)
    }
}

/// The free-text fields of a report, in the order they are scrubbed and shown.
pub const TEXT_FIELDS: &[(&str, &str)] = &[
    ("title", "Title"),
    ("narrative", "What happened"),
    ("impact", "Impact"),
    ("detection", "How it was detected"),
    ("went_well", "What went well"),
    ("lessons", "Lessons learned"),
    ("action_items", "Action items"),
    ("other_technologies", "Other technologies"),
];

/// One field after scrubbing, with the raw text it came from (kept for the preview only).
#[derive(Debug, Clone)]
pub struct ScrubbedField {
    pub name: &'static str,
    pub label: &'static str,
    pub original: String,
    pub scrubbed: Scrubbed,
}

/// A recognised technology with the version mentioned, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct RecognisedTechnology {
    pub slug: String,
    pub name: String,
    pub version: Option<String>,
}

/// A validated submission after the scrubber ran over every field.
#[derive(Debug, Clone)]
pub struct ScrubbedSubmission {
    pub valid: ValidSubmission,
    pub fields: Vec<ScrubbedField>,
    pub technologies: Vec<RecognisedTechnology>,
}

impl ScrubbedSubmission {
    /// Technologies the text mentions that the reporter did not list, as "Name version" —
    /// offered on the preview so the reporter can add them with one tick. Names of two
    /// letters or fewer ("R", "Go") are too ambiguous in prose to suggest.
    pub fn suggested_technologies(&self, vocabulary: &Vocabulary) -> Vec<String> {
        let text: Vec<&str> = [
            "title",
            "narrative",
            "impact",
            "detection",
            "went_well",
            "lessons",
            "action_items",
        ]
        .iter()
        .map(|name| self.field(name))
        .collect();
        let declared: HashSet<String> = self
            .valid
            .input
            .declared_terms
            .iter()
            .map(|t| t.to_lowercase())
            .collect();
        vocabulary
            .find_in_text(&text.join("\n"))
            .into_iter()
            .filter(|(tech, _)| tech.name.chars().count() > 2)
            .filter(|(tech, _)| !self.technologies.iter().any(|t| t.slug == tech.slug))
            .filter(|(tech, _)| !declared.contains(&tech.name.to_lowercase()))
            .map(|(tech, version)| match version {
                Some(version) => format!("{} {version}", tech.name),
                None => tech.name.clone(),
            })
            .collect()
    }

    /// Contributing factors the text suggests that the reporter did not tick, as
    /// (slug, name), offered on the preview.
    pub fn suggested_factors(&self) -> Vec<(&'static str, &'static str)> {
        let text: Vec<&str> = TEXT_FIELDS
            .iter()
            .map(|(name, _)| self.field(name))
            .collect();
        taxonomy::suggest_factors(&text.join("\n"))
            .into_iter()
            .filter(|slug| {
                !self
                    .valid
                    .input
                    .contributing_factors
                    .iter()
                    .any(|f| f == slug)
            })
            .filter_map(|slug| taxonomy::find(CONTRIBUTING_FACTORS, slug))
            .map(|term| (term.slug, term.name))
            .collect()
    }

    pub fn field(&self, name: &str) -> &str {
        self.fields
            .iter()
            .find(|f| f.name == name)
            .map_or("", |f| f.scrubbed.text.as_str())
    }

    pub fn redaction_count(&self) -> usize {
        self.fields.iter().map(|f| f.scrubbed.findings.len()).sum()
    }

    /// A fingerprint of exactly what would be stored. The preview carries it, and the final
    /// POST must match it, so a reporter never stores a version they have not seen.
    pub fn digest(&self) -> String {
        let mut hasher = Sha256::new();
        for field in &self.fields {
            hasher.update(field.name.as_bytes());
            hasher.update([0]);
            hasher.update(field.scrubbed.text.as_bytes());
            hasher.update([0]);
        }
        for tech in &self.technologies {
            hasher.update(tech.slug.as_bytes());
            hasher.update(tech.version.as_deref().unwrap_or("").as_bytes());
            hasher.update([0]);
        }
        let v = &self.valid;
        for value in [
            &v.input.industry,
            &v.input.occurred_month,
            &v.input.severity,
        ] {
            hasher.update(value.as_bytes());
            hasher.update([0]);
        }
        hasher.update(v.duration_minutes.unwrap_or(-1).to_le_bytes());
        for factor in &v.input.contributing_factors {
            hasher.update(factor.as_bytes());
            hasher.update([0]);
        }
        util::hex(&hasher.finalize())
    }

    /// The distinct redactions of the whole report, for the restore checkboxes.
    pub fn distinct_findings(&self) -> Vec<DistinctFinding> {
        let declared: HashSet<String> = self
            .valid
            .input
            .declared_terms
            .iter()
            .map(|t| t.to_lowercase())
            .collect();
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for field in &self.fields {
            for finding in &field.scrubbed.findings {
                let Some(original) = field.original.get(finding.start..finding.end) else {
                    continue;
                };
                if seen.insert((original.to_lowercase(), finding.placeholder.clone())) {
                    out.push(DistinctFinding {
                        original: original.to_string(),
                        placeholder: finding.placeholder.clone(),
                        kind: finding.kind.as_str(),
                        kind_label: finding.kind.label(),
                        declared: declared.contains(&original.to_lowercase()),
                    });
                }
            }
        }
        out
    }
}

/// One redaction as listed in the preview.
#[derive(Debug, Clone)]
pub struct DistinctFinding {
    pub original: String,
    pub placeholder: String,
    pub kind: &'static str,
    pub kind_label: &'static str,
    /// The reporter asked for this one; it cannot be restored.
    pub declared: bool,
}

/// Runs the scrubber over every field with one placeholder numbering, and recognises the
/// technologies against the vocabulary (unknown ones are scrubbed like any text).
pub fn scrub(
    scrubber: &Scrubber,
    vocabulary: &Vocabulary,
    valid: ValidSubmission,
) -> ScrubbedSubmission {
    let mut technologies: Vec<RecognisedTechnology> = Vec::new();
    let mut unrecognised = Vec::new();
    for mention in &valid.input.technologies {
        match vocabulary.lookup(mention) {
            Some((tech, version)) => {
                if !technologies.iter().any(|t| t.slug == tech.slug) {
                    technologies.push(RecognisedTechnology {
                        slug: tech.slug.clone(),
                        name: tech.name.clone(),
                        version,
                    });
                }
            }
            None => unrecognised.push(mention.clone()),
        }
    }
    let input = &valid.input;
    let other_technologies = unrecognised.join(", ");
    let originals: Vec<&str> = vec![
        &input.title,
        &input.narrative,
        &input.impact,
        &input.detection,
        &input.went_well,
        &input.lessons,
        &input.action_items,
        &other_technologies,
    ];
    // A declared name can never be restored, whatever the form says.
    let restorable: Vec<String> = input
        .restored_terms
        .iter()
        .filter(|t| {
            !input
                .declared_terms
                .iter()
                .any(|d| d.eq_ignore_ascii_case(t))
        })
        .cloned()
        .collect();
    let scrubbed = scrubber.scrub_document(&originals, &input.declared_terms, &restorable);
    let fields = TEXT_FIELDS
        .iter()
        .zip(originals)
        .zip(scrubbed)
        .map(|((&(name, label), original), scrubbed)| ScrubbedField {
            name,
            label,
            original: original.to_string(),
            scrubbed,
        })
        .collect();
    ScrubbedSubmission {
        valid,
        fields,
        technologies,
    }
}

/// What gets stored for a confirmed submission: only redacted text, the month, no time.
pub fn into_new_report(
    submission: &ScrubbedSubmission,
    id: String,
    current_month: &str,
) -> (NewReport, Coding) {
    let input = &submission.valid.input;
    let new = NewReport {
        id,
        status: STATUS_PENDING.to_string(),
        published_seq: None,
        submitted_month: current_month.to_string(),
        published_month: None,
        title: submission.field("title").to_string(),
        industry: input.industry.clone(),
        occurred_month: input.occurred_month.clone(),
        severity: input.severity.clone(),
        duration_minutes: submission.valid.duration_minutes,
        narrative: submission.field("narrative").to_string(),
        impact: submission.field("impact").to_string(),
        detection: submission.field("detection").to_string(),
        lessons: submission.field("lessons").to_string(),
        action_items: submission.field("action_items").to_string(),
        other_technologies: submission.field("other_technologies").to_string(),
        redaction_count: i32::try_from(submission.redaction_count()).unwrap_or(i32::MAX),
        rules_version: scrubber::RULES_VERSION.to_string(),
        is_demo: false,
        went_well: submission.field("went_well").to_string(),
    };
    let coding = Coding {
        technologies: submission
            .technologies
            .iter()
            .map(|t| (t.slug.clone(), t.version.clone()))
            .collect(),
        factors: input.contributing_factors.clone(),
        patterns: Vec::new(),
    };
    (new, coding)
}

/// A piece of a scrubbed field: plain text, or a redaction with its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub kind: Option<&'static str>,
    pub label: &'static str,
}

/// Cuts a field into plain and redacted segments, for highlighting in the preview.
pub fn segments(original: &str, findings: &[Finding]) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut last = 0;
    for finding in findings {
        if finding.start < last || finding.end > original.len() {
            continue;
        }
        if let Some(plain) = original.get(last..finding.start) {
            if !plain.is_empty() {
                out.push(Segment {
                    text: plain.to_string(),
                    kind: None,
                    label: "",
                });
            }
        }
        out.push(Segment {
            text: finding.placeholder.clone(),
            kind: Some(finding.kind.as_str()),
            label: finding.kind.label(),
        });
        last = finding.end;
    }
    if let Some(rest) = original.get(last..) {
        if !rest.is_empty() {
            out.push(Segment {
                text: rest.to_string(),
                kind: None,
                label: "",
            });
        }
    }
    out
}
