//! "Check my stack": paste a dependency list, see what the registry knows about each
//! technology in it. The pasted text lives only in the request; nothing is stored or logged.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::{Deserialize, Serialize};

use super::{content_length, read_body, render, AppState};
use crate::aggregate::Subject;
use crate::error::{ApiError, AppError};
use crate::stack;
use crate::taxonomy::{self, FAILURE_PATTERNS};
use crate::util;

/// A lock file can be large: the stack check accepts up to 1 MiB.
const STACK_BODY_LIMIT: usize = 1024 * 1024;
const PRECEDENTS: usize = 3;
const TOP_PATTERNS: usize = 3;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PatternShare {
    pub slug: String,
    pub name: String,
    pub reports: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Precedent {
    pub id: String,
    pub title: String,
    pub occurred_month: String,
    pub lessons: String,
}

/// What the registry knows about one technology of the stack.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StackEntry {
    pub slug: String,
    pub name: String,
    pub version: Option<String>,
    pub reports: i64,
    pub patterns: Vec<PatternShare>,
    pub precedents: Vec<Precedent>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StackReport {
    /// The format the text was read as.
    pub format: String,
    pub technologies: Vec<StackEntry>,
}

/// The first list item or line of a lessons field, as a one-line teaser.
fn first_lesson(lessons: &str) -> String {
    lessons
        .lines()
        .map(|l| l.trim().trim_start_matches(['-', '*', ' ']).trim())
        .find(|l| !l.is_empty())
        .unwrap_or("")
        .to_string()
}

async fn check(state: &web::Data<AppState>, text: String) -> Result<StackReport, AppError> {
    let (format, found) = stack::recognise_stack(&text);
    drop(text);
    let technologies = knowledge_for(state, found).await?;
    Ok(StackReport {
        format: format.label().to_string(),
        technologies,
    })
}

/// What the published reports say about each technology: its count, recurring failure
/// patterns and the latest precedents with their first lesson.
pub async fn knowledge_for(
    state: &web::Data<AppState>,
    found: Vec<stack::Found>,
) -> Result<Vec<StackEntry>, AppError> {
    let mut entries = Vec::with_capacity(found.len());
    for f in found {
        let page = state.page_data(Subject::Technology(f.slug.clone())).await?;
        let data = &page.aggregate;
        entries.push(StackEntry {
            reports: data.reports,
            patterns: data
                .patterns
                .iter()
                .take(TOP_PATTERNS)
                .map(|c| PatternShare {
                    name: taxonomy::name_of(FAILURE_PATTERNS, &c.key),
                    slug: c.key.clone(),
                    reports: c.count,
                })
                .collect(),
            precedents: data
                .recent
                .iter()
                .take(PRECEDENTS)
                .map(|d| Precedent {
                    id: d.report.id.clone(),
                    title: d.report.title.clone(),
                    occurred_month: d.report.occurred_month.clone(),
                    lessons: first_lesson(&d.report.lessons),
                })
                .collect(),
            slug: f.slug,
            name: f.name,
            version: f.version,
        });
    }
    Ok(entries)
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct StackForm {
    text: String,
}

#[derive(Template)]
#[template(path = "stack.html")]
struct StackPage {
    text: String,
    result: Option<StackReport>,
}

pub async fn stack_form() -> Result<HttpResponse, AppError> {
    render(&StackPage {
        text: String::new(),
        result: None,
    })
}

pub async fn stack_check(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let body = read_body(payload, STACK_BODY_LIMIT, content_length(&req)).await?;
    let text = std::str::from_utf8(&body)
        .map_err(|_| AppError::BadRequest("The form was not valid UTF-8 text.".into()))?;
    let form: StackForm = serde_html_form::from_str(text)
        .map_err(|e| AppError::BadRequest(format!("The form could not be read: {e}.")))?;
    let result = check(&state, form.text.clone()).await?;
    let mut response = render(&StackPage {
        text: form.text,
        result: Some(result),
    })?;
    response.headers_mut().insert(
        actix_web::http::header::CACHE_CONTROL,
        actix_web::http::header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StackRequest {
    /// The dependency list: Cargo.lock, package.json, requirements.txt, go.mod,
    /// docker-compose.yml, Helm values, or one name per line.
    pub text: String,
}

/// `POST /api/v1/stack`: the technologies recognised in a dependency list, with their
/// recurring failure patterns and precedent reports. Nothing sent is stored.
#[utoipa::path(post, path = "/api/v1/stack", tag = "stack",
    request_body = StackRequest,
    responses(
        (status = 200, description = "What the registry knows about each recognised technology", body = StackReport),
        (status = 400, description = "Not a JSON object with a text field", body = crate::web::openapi::ErrorBody),
        (status = 413, description = "Over 1 MiB", body = crate::web::openapi::ErrorBody),
    ))]
pub async fn stack_api(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let body = read_body(payload, STACK_BODY_LIMIT, content_length(&req)).await?;
    let request: StackRequest = serde_json::from_slice(&body)
        .map_err(|e| AppError::BadRequest(format!("The body must be {{\"text\": \"…\"}}: {e}.")))?;
    let result = check(&state, request.text).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(result))
}

/// Month names for templates.
pub fn month(text: &str) -> String {
    util::month_name(text)
}
