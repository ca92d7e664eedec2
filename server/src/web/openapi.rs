//! The OpenAPI 3 description of `/api/v1/`, generated from the handlers' annotations
//! (utoipa), served as JSON and as a browsable page that loads nothing from other hosts.

use std::collections::BTreeMap;

use actix_web::HttpResponse;
use askama::Template;
use serde::Serialize;
use utoipa::OpenApi;

use super::render;
use crate::error::AppError;
use crate::export::{ReportRecord, TechnologyJson};
use crate::search::query::{FacetGroup, FacetKind, FacetValue, Hit, Snippet};
use crate::submission::{FieldError, RecognisedTechnology, SubmissionJson};

/// Every route under `/api/v1/`, as (method, path). The router registers exactly these, and a
/// test checks that the OpenAPI document describes exactly these.
pub const API_ROUTES: &[(&str, &str)] = &[
    ("post", "/api/v1/submissions/preview"),
    ("post", "/api/v1/submissions"),
    ("get", "/api/v1/reports"),
    ("get", "/api/v1/reports/{id}"),
    ("get", "/api/v1/search"),
    ("get", "/api/v1/openapi.json"),
    ("post", "/api/v1/stack"),
    ("get", "/api/v1/technologies"),
    ("get", "/api/v1/technologies/{slug}"),
    ("get", "/api/v1/patterns/{slug}"),
];

/// An error answer: a stable `code` and a readable `message`.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// bad_request, not_found, no_such_route, payload_too_large, invalid_fields, unavailable or internal.
    pub code: String,
    pub message: String,
    /// For invalid_fields: each field and what is wrong with it.
    pub fields: Option<Vec<FieldError>>,
}

/// A redaction: byte span in the submitted field, kind, placeholder.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FindingDoc {
    pub start: usize,
    pub end: usize,
    /// person, org, email, phone, ip, host, url, secret, date…
    pub kind: String,
    pub placeholder: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PreviewField {
    pub text: String,
    pub findings: Vec<FindingDoc>,
}

/// The redacted fields (title, narrative, impact, detection, went_well, lessons, action_items,
/// other_technologies) and what was recognised.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Preview {
    pub fields: BTreeMap<String, PreviewField>,
    pub technologies: Vec<RecognisedTechnology>,
    /// Technologies the text mentions that the submission does not list ("Name version").
    pub suggested_technologies: Vec<String>,
    pub redaction_count: usize,
    pub rules_version: String,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SearchResponse {
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
    pub hits: Vec<Hit>,
    pub facets: Vec<FacetGroup>,
}

/// `GET /api/v1/openapi.json`: this document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3 document of this API", body = Object)))]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Incident Registry API",
        description = "Anonymous incident retrospectives: submit (redacted before storage), read and search published reports.",
    ),
    paths(
        super::api::preview_submission,
        super::api::create_submission,
        super::data::list_reports,
        super::api::show_report,
        super::search::search_api,
        super::stack::stack_api,
        super::aggregates::technologies_api,
        super::aggregates::technology_api,
        super::aggregates::pattern_api,
        openapi_json,
    ),
    components(schemas(
        SubmissionJson, FieldError, RecognisedTechnology, ReportRecord, TechnologyJson, Hit, Snippet,
        FacetGroup, FacetValue, FacetKind, ErrorBody, ErrorDetail, FindingDoc, PreviewField, Preview,
        SearchResponse, super::api::CreatedResponse, super::data::ReportList,
        super::stack::StackRequest, super::stack::StackReport, super::stack::StackEntry,
        super::stack::PatternShare, super::stack::Precedent,
        super::aggregates::AggregateJson, super::aggregates::CountJson, super::aggregates::QuarterJson,
        super::aggregates::DurationsJson, super::aggregates::TaxonomyJson, super::aggregates::TechnologyCount,
        super::aggregates::PatternJson,
    )),
    tags(
        (name = "submissions", description = "Anonymous submission: preview the redaction, then submit"),
        (name = "reports", description = "Published reports"),
        (name = "search", description = "Full-text search with facets"),
        (name = "aggregates", description = "What the reports say per technology and failure pattern"),
        (name = "stack", description = "Check a dependency list against the registry"),
        (name = "meta", description = "This description"),
    )
)]
pub struct ApiDoc;

/// One operation as the docs page lists it.
pub struct OperationView {
    pub method: String,
    pub path: String,
    pub summary: String,
    pub parameters: Vec<(String, String, String)>,
    pub responses: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiDocsPage {
    operations: Vec<OperationView>,
    document: String,
}

/// `/api/docs`: the document rendered on the server, no script and no other host.
pub async fn api_docs() -> Result<HttpResponse, AppError> {
    let doc = ApiDoc::openapi();
    let value = serde_json::to_value(&doc).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut operations = Vec::new();
    if let Some(paths) = value["paths"].as_object() {
        for (path, item) in paths {
            for (method, op) in item.as_object().into_iter().flatten() {
                let text = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
                operations.push(OperationView {
                    method: method.to_uppercase(),
                    path: path.clone(),
                    summary: text(&op["description"])
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_string(),
                    parameters: op["parameters"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|p| (text(&p["name"]), text(&p["in"]), text(&p["description"])))
                        .collect(),
                    responses: op["responses"]
                        .as_object()
                        .into_iter()
                        .flatten()
                        .map(|(status, r)| (status.clone(), text(&r["description"])))
                        .collect(),
                });
            }
        }
    }
    let document =
        serde_json::to_string_pretty(&value).map_err(|e| AppError::Internal(e.to_string()))?;
    render(&ApiDocsPage {
        operations,
        document,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_document_describes_exactly_the_api_routes() {
        let value = serde_json::to_value(ApiDoc::openapi()).unwrap_or_default();
        let mut documented: Vec<(String, String)> = value["paths"]
            .as_object()
            .into_iter()
            .flatten()
            .flat_map(|(path, item)| {
                item.as_object()
                    .into_iter()
                    .flatten()
                    .map(move |(method, _)| (method.clone(), path.clone()))
            })
            .collect();
        documented.sort();
        let mut registered: Vec<(String, String)> = API_ROUTES
            .iter()
            .map(|(m, p)| (m.to_string(), p.to_string()))
            .collect();
        registered.sort();
        assert_eq!(documented, registered);
        assert_eq!(
            value["openapi"].as_str().map(|v| v.starts_with("3.")),
            Some(true)
        );
    }
}
