//! The JSON API for integrations: the same submission flow as the form, and published reports.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use scrubber::Finding;
use serde::Serialize;

use super::{content_length, read_body, AppState};
use crate::db::reports::{self, ReportDetail};
use crate::error::{ApiError, AppError};
use crate::submission::{self, RecognisedTechnology, ScrubbedSubmission, SubmissionJson};
use crate::util;

async fn scrub_json(
    state: &web::Data<AppState>,
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<ScrubbedSubmission, ApiError> {
    let body = read_body(payload, state.config.body_limit, content_length(req)).await?;
    let json: SubmissionJson = serde_json::from_slice(&body).map_err(|e| {
        AppError::BadRequest(format!("The body is not a valid submission object: {e}."))
    })?;
    let valid =
        submission::validate(json.into(), &util::current_month()).map_err(ApiError::Validation)?;
    let scrubber = state.scrubber.clone();
    Ok(web::block(move || {
        submission::scrub(
            &scrubber,
            scrubber::vocabulary::Vocabulary::builtin(),
            valid,
        )
    })
    .await?)
}

#[derive(Serialize)]
struct PreviewField<'a> {
    text: &'a str,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct PreviewResponse<'a> {
    fields: serde_json::Map<String, serde_json::Value>,
    technologies: &'a [RecognisedTechnology],
    redaction_count: usize,
    rules_version: &'static str,
}

/// `POST /api/v1/submissions/preview`: what would be stored, and every redaction with its
/// byte span in the submitted field. Stores nothing.
pub async fn preview_submission(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let scrubbed = scrub_json(&state, &req, payload).await?;
    let mut fields = serde_json::Map::new();
    for field in &scrubbed.fields {
        let value = serde_json::to_value(PreviewField {
            text: &field.scrubbed.text,
            findings: &field.scrubbed.findings,
        })
        .map_err(|e| AppError::Internal(e.to_string()))?;
        fields.insert(field.name.to_string(), value);
    }
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(PreviewResponse {
            fields,
            technologies: &scrubbed.technologies,
            redaction_count: scrubbed.redaction_count(),
            rules_version: scrubber::RULES_VERSION,
        }))
}

#[derive(Serialize)]
struct CreatedResponse {
    id: String,
    receipt_code: String,
    status: &'static str,
}

/// `POST /api/v1/submissions`: stores the redacted submission as pending and returns the
/// receipt code, once.
pub async fn create_submission(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let scrubbed = scrub_json(&state, &req, payload).await?;
    let (id, receipt_code) = super::submit::store(&state, &scrubbed).await?;
    Ok(HttpResponse::build(StatusCode::CREATED)
        .insert_header(("Cache-Control", "no-store"))
        .json(CreatedResponse {
            id,
            receipt_code,
            status: reports::STATUS_PENDING,
        }))
}

#[derive(Serialize)]
struct TechnologyJson {
    slug: String,
    name: String,
    version: Option<String>,
}

#[derive(Serialize)]
struct ReportJson {
    id: String,
    title: String,
    industry: String,
    occurred_month: String,
    published_month: Option<String>,
    severity: Option<String>,
    duration_minutes: Option<i32>,
    narrative: String,
    impact: String,
    detection: String,
    lessons: String,
    action_items: String,
    technologies: Vec<TechnologyJson>,
    other_technologies: Vec<String>,
    contributing_factors: Vec<String>,
    failure_patterns: Vec<String>,
    redaction_count: i32,
    rules_version: String,
    demo: bool,
}

impl From<ReportDetail> for ReportJson {
    fn from(detail: ReportDetail) -> Self {
        let r = detail.report;
        ReportJson {
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

/// `GET /api/v1/reports/{id}`: a published report (pending ones are 404, like unknown ids).
pub async fn show_report(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id = id.into_inner();
    if !util::is_report_id(&id) {
        return Err(AppError::NotFound.into());
    }
    let detail = state
        .db(move |conn| reports::find_published(conn, &id))
        .await?;
    Ok(HttpResponse::Ok().json(ReportJson::from(detail)))
}
