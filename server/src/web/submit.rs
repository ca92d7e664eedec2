//! The anonymous submission flow: form → preview of the redacted report → confirm → receipt.
//! Raw text travels between the reporter's browser and these handlers only; the store sees
//! nothing but the redacted version.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::search::HitView;
use super::stack::StackEntry;
use super::{content_length, read_body, render, render_with_status, AppState};
use crate::db::reports;
use crate::error::AppError;
use crate::submission::{
    self, DistinctFinding, FieldError, RecognisedTechnology, ScrubbedSubmission, Segment,
    SubmissionInput,
};
use crate::taxonomy::{Term, CONTRIBUTING_FACTORS, INDUSTRIES, SEVERITIES};
use crate::{receipt, util};

/// The urlencoded form as browsers send it. Repeated keys (checkboxes) become lists.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SubmissionForm {
    title: String,
    industry: String,
    occurred_month: String,
    severity: String,
    duration_minutes: String,
    narrative: String,
    impact: String,
    detection: String,
    went_well: String,
    lessons: String,
    action_items: String,
    contributing_factors: Vec<String>,
    technologies: String,
    declared_terms: String,
    more_terms: String,
    restore: Vec<String>,
    /// Technologies suggested on the preview that the reporter ticked.
    add_technologies: Vec<String>,
    /// Contributing factors suggested on the preview that the reporter ticked.
    add_factors: Vec<String>,
    preview_digest: String,
    action: String,
}

impl SubmissionForm {
    fn into_input(self) -> (SubmissionInput, String) {
        let mut declared: Vec<String> = self.declared_terms.lines().map(str::to_string).collect();
        declared.extend(submission::split_list(&self.more_terms));
        let input = SubmissionInput {
            title: self.title,
            industry: self.industry,
            occurred_month: self.occurred_month,
            severity: self.severity,
            duration_minutes: self.duration_minutes,
            narrative: self.narrative,
            impact: self.impact,
            detection: self.detection,
            went_well: self.went_well,
            lessons: self.lessons,
            action_items: self.action_items,
            contributing_factors: {
                let mut factors = self.contributing_factors;
                for factor in self.add_factors {
                    if !factors.contains(&factor) {
                        factors.push(factor);
                    }
                }
                factors
            },
            technologies: {
                let mut technologies = submission::split_list(&self.technologies);
                technologies.extend(self.add_technologies);
                technologies
            },
            declared_terms: declared,
            restored_terms: self.restore,
        };
        (input, self.preview_digest)
    }
}

fn parse_form(body: &[u8]) -> Result<SubmissionForm, AppError> {
    super::parse_urlencoded(body)
}

/// A choice in a select or checkbox list, with its state.
pub struct Choice {
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    pub selected: bool,
}

pub(crate) fn choices(list: &'static [Term], selected: &[String]) -> Vec<Choice> {
    list.iter()
        .map(|t| Choice {
            slug: t.slug,
            name: t.name,
            description: t.description,
            selected: selected.iter().any(|s| s == t.slug),
        })
        .collect()
}

/// The form's fields as the templates show them.
pub struct SubmitFormView {
    pub title: String,
    pub occurred_month: String,
    pub duration_minutes: String,
    pub narrative: String,
    pub impact: String,
    pub detection: String,
    pub went_well: String,
    pub lessons: String,
    pub action_items: String,
    pub technologies: String,
    pub declared_terms: String,
    pub restored_terms: Vec<String>,
    pub industries: Vec<Choice>,
    pub severities: Vec<Choice>,
    pub factors: Vec<Choice>,
    pub errors: Vec<FieldError>,
}

impl SubmitFormView {
    fn new(input: &SubmissionInput, errors: Vec<FieldError>) -> SubmitFormView {
        SubmitFormView {
            title: input.title.clone(),
            occurred_month: input.occurred_month.clone(),
            duration_minutes: input.duration_minutes.clone(),
            narrative: input.narrative.clone(),
            impact: input.impact.clone(),
            detection: input.detection.clone(),
            went_well: input.went_well.clone(),
            lessons: input.lessons.clone(),
            action_items: input.action_items.clone(),
            technologies: input.technologies.join(", "),
            declared_terms: input.declared_terms.join("\n"),
            restored_terms: input.restored_terms.clone(),
            industries: choices(INDUSTRIES, std::slice::from_ref(&input.industry)),
            severities: choices(SEVERITIES, std::slice::from_ref(&input.severity)),
            factors: choices(CONTRIBUTING_FACTORS, &input.contributing_factors),
            errors,
        }
    }

    /// The first error message for a field, for display next to it.
    pub fn error_for(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.as_str())
    }
}

#[derive(Template)]
#[template(path = "submit.html")]
struct SubmitPage {
    form: SubmitFormView,
}

/// One field of the preview, cut into plain and redacted segments.
pub struct PreviewField {
    pub name: &'static str,
    pub label: &'static str,
    pub segments: Vec<Segment>,
}

#[derive(Template)]
#[template(path = "preview.html")]
struct PreviewPage {
    form: SubmitFormView,
    fields: Vec<PreviewField>,
    findings: Vec<DistinctFinding>,
    technologies: Vec<RecognisedTechnology>,
    suggested: Vec<String>,
    /// Contributing factors the text suggests that the reporter did not tick (slug, name).
    suggested_factors: Vec<(&'static str, &'static str)>,
    digest: String,
    stale: bool,
    redaction_count: usize,
}

#[derive(Template)]
#[template(path = "receipt.html")]
struct ReceiptPage {
    code: String,
    id: String,
    /// Published reports that resemble the one just submitted.
    similar: Vec<HitView>,
    /// What the registry knows about the technologies the reporter named.
    knowledge: Vec<StackEntry>,
}

const SIMILAR_ON_RECEIPT: usize = 5;

/// Immediate value for the reporter: similar published reports and what recurs for the
/// technologies they named. Best effort: a failure here must not hide the receipt.
async fn precedents_for(
    state: &web::Data<AppState>,
    scrubbed: &ScrubbedSubmission,
) -> (Vec<HitView>, Vec<StackEntry>) {
    let slugs: Vec<String> = scrubbed
        .technologies
        .iter()
        .map(|t| t.slug.clone())
        .collect();
    let (narrative, lessons) = (
        scrubbed.field("narrative").to_string(),
        scrubbed.field("lessons").to_string(),
    );
    let index = state.search.clone();
    let similar = match web::block(move || {
        index.similar_to_text(&narrative, &lessons, &slugs, None, SIMILAR_ON_RECEIPT)
    })
    .await
    {
        Ok(Ok(hits)) => hits.iter().map(HitView::new).collect(),
        _ => Vec::new(),
    };
    let found = scrubbed
        .technologies
        .iter()
        .map(|t| crate::stack::Found {
            slug: t.slug.clone(),
            name: t.name.clone(),
            version: t.version.clone(),
        })
        .collect();
    let knowledge = super::stack::knowledge_for(state, found)
        .await
        .unwrap_or_default();
    (similar, knowledge)
}

/// Pages showing raw text or a receipt must not linger in shared caches or history.
fn private(mut response: HttpResponse) -> HttpResponse {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

pub async fn new_submission() -> Result<HttpResponse, AppError> {
    render(&SubmitPage {
        form: SubmitFormView::new(&SubmissionInput::default(), Vec::new()),
    })
}

/// Validates and scrubs a form, or answers with the form and its errors (422).
async fn scrub_form(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<Result<(ScrubbedSubmission, String), HttpResponse>, AppError> {
    let body = read_body(payload, state.config.body_limit, content_length(req)).await?;
    let (input, digest) = parse_form(&body)?.into_input();
    match submission::validate(input.clone(), &util::current_month()) {
        Err(errors) => {
            let page = SubmitPage {
                form: SubmitFormView::new(&input, errors),
            };
            Ok(Err(private(render_with_status(
                &page,
                StatusCode::UNPROCESSABLE_ENTITY,
            )?)))
        }
        Ok(valid) => {
            let scrubber = state.scrubber.clone();
            let scrubbed = web::block(move || {
                submission::scrub(
                    &scrubber,
                    scrubber::vocabulary::Vocabulary::builtin(),
                    valid,
                )
            })
            .await?;
            Ok(Ok((scrubbed, digest)))
        }
    }
}

fn preview_page(scrubbed: &ScrubbedSubmission, stale: bool) -> Result<HttpResponse, AppError> {
    let page = PreviewPage {
        form: SubmitFormView::new(scrubbed.valid.input(), Vec::new()),
        fields: scrubbed
            .fields
            .iter()
            .map(|f| PreviewField {
                name: f.name,
                label: f.label,
                segments: submission::segments(&f.original, &f.scrubbed.findings),
            })
            .collect(),
        findings: scrubbed.distinct_findings(),
        technologies: scrubbed.technologies.clone(),
        suggested: scrubbed.suggested_technologies(scrubber::vocabulary::Vocabulary::builtin()),
        suggested_factors: scrubbed.suggested_factors(),
        digest: scrubbed.digest(),
        stale,
        redaction_count: scrubbed.redaction_count(),
    };
    Ok(private(render(&page)?))
}

pub async fn preview_submission(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    match scrub_form(&state, &req, payload).await? {
        Err(form_with_errors) => Ok(form_with_errors),
        Ok((scrubbed, _)) => preview_page(&scrubbed, false),
    }
}

pub async fn create_submission(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let (scrubbed, digest) = match scrub_form(&state, &req, payload).await? {
        Err(form_with_errors) => return Ok(form_with_errors),
        Ok(ok) => ok,
    };
    // Only the exact version the reporter previewed may be stored.
    if digest != scrubbed.digest() {
        return preview_page(&scrubbed, !digest.is_empty());
    }
    let (id, code) = store(&state, &scrubbed).await?;
    let (similar, knowledge) = precedents_for(&state, &scrubbed).await;
    Ok(private(render(&ReceiptPage {
        code,
        id,
        similar,
        knowledge,
    })?))
}

/// Stores a confirmed submission with a fresh receipt; returns the report id and the code.
pub async fn store(
    state: &web::Data<AppState>,
    scrubbed: &ScrubbedSubmission,
) -> Result<(String, String), AppError> {
    let id = util::new_report_id();
    let (new, coding) = submission::into_new_report(scrubbed, id.clone(), &util::current_month());
    let issued = web::block(receipt::issue)
        .await?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let record = issued.record;
    state
        .db(move |conn| reports::insert(conn, &new, &coding, Some(&record)))
        .await?;
    Ok((id, issued.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_parsing_is_strict_about_utf8() {
        assert!(parse_form(b"title=caf%C3%A9").is_ok());
        assert!(matches!(
            parse_form(b"title=%FF%FE"),
            Err(AppError::BadRequest(_))
        ));
        assert!(matches!(
            parse_form(&[b't', b'=', 0xff]),
            Err(AppError::BadRequest(_))
        ));
        let form =
            parse_form(b"contributing_factors=fatigue&contributing_factors=training&restore=a+b")
                .unwrap_or_default();
        assert_eq!(form.contributing_factors, vec!["fatigue", "training"]);
        assert_eq!(form.restore, vec!["a b"]);
    }
}
