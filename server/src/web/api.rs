//! The JSON API for integrations: the same submission flow as the form, and published reports.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use scrubber::Finding;
use serde::Serialize;

use super::{content_length, read_body, AppState};
use crate::db::reports;
use crate::error::{ApiError, AppError};
use crate::export::ReportRecord;
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
    suggested_technologies: Vec<String>,
    redaction_count: usize,
    rules_version: &'static str,
}

/// `POST /api/v1/submissions/preview`: what would be stored, and every redaction with its
/// byte span in the submitted field. Stores nothing.
#[utoipa::path(post, path = "/api/v1/submissions/preview", tag = "submissions",
    request_body = SubmissionJson,
    responses(
        (status = 200, description = "The redacted fields and every redaction; nothing is stored", body = crate::web::openapi::Preview),
        (status = 400, description = "Not a submission object (malformed JSON, unknown field)", body = crate::web::openapi::ErrorBody),
        (status = 413, description = "Body over the size limit", body = crate::web::openapi::ErrorBody),
        (status = 422, description = "Invalid or missing fields", body = crate::web::openapi::ErrorBody),
    ))]
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
            suggested_technologies: scrubbed
                .suggested_technologies(scrubber::vocabulary::Vocabulary::builtin()),
            redaction_count: scrubbed.redaction_count(),
            rules_version: scrubber::RULES_VERSION,
        }))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CreatedResponse {
    pub id: String,
    /// Shown once: keep it to follow the submission.
    pub receipt_code: String,
    #[schema(value_type = String)]
    pub status: &'static str,
}

/// `POST /api/v1/submissions`: stores the redacted submission as pending and returns the
/// receipt code, once.
#[utoipa::path(post, path = "/api/v1/submissions", tag = "submissions",
    request_body = SubmissionJson,
    responses(
        (status = 201, description = "Stored (redacted) as pending; the receipt code is shown this once", body = CreatedResponse),
        (status = 400, description = "Not a submission object (malformed JSON, unknown field)", body = crate::web::openapi::ErrorBody),
        (status = 413, description = "Body over the size limit", body = crate::web::openapi::ErrorBody),
        (status = 422, description = "Invalid or missing fields", body = crate::web::openapi::ErrorBody),
    ))]
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

/// `GET /api/v1/reports/{id}`: a published report (pending ones are 404, like unknown ids).
#[utoipa::path(get, path = "/api/v1/reports/{id}", tag = "reports",
    params(("id" = String, Path, description = "Report id (16 characters)")),
    responses(
        (status = 200, description = "A published report", body = ReportRecord),
        (status = 404, description = "No published report with this id", body = crate::web::openapi::ErrorBody),
    ))]
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
    Ok(HttpResponse::Ok().json(ReportRecord::from(detail)))
}
