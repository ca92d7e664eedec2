//! Open data: bulk export (JSON Lines, CSV), Atom feeds, and the paginated list of reports.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use futures_util::stream;
use serde::{Deserialize, Serialize};

use super::AppState;
use crate::db::reports::{self, FeedFilter};
use crate::error::{ApiError, AppError};
use crate::export::{self, Format, ReportRecord};
use crate::taxonomy::{self, FAILURE_PATTERNS, INDUSTRIES};
use crate::util;

/// Streams every published report, one database page at a time.
fn stream_export(state: web::Data<AppState>, format: Format) -> HttpResponse {
    let pages = stream::unfold(Some((0_i64, true)), move |cursor| {
        let state = state.clone();
        async move {
            let (after, first) = cursor?;
            let result = state
                .db(move |conn| {
                    export::page(conn, after, export::PAGE).map_err(|e| match e {
                        export::ExportError::Db(db) => db,
                        other => crate::db::DbError::Invalid(other.to_string()),
                    })
                })
                .await
                .and_then(|(records, next)| {
                    let bytes = export::encode(&records, format, first)
                        .map_err(|e| AppError::Internal(e.to_string()))?;
                    Ok((web::Bytes::from(bytes), next))
                });
            match result {
                Ok((bytes, Some(next))) => Some((Ok::<_, AppError>(bytes), Some((next, false)))),
                Ok((bytes, None)) => Some((Ok(bytes), None)),
                Err(err) => Some((Err(err), None)),
            }
        }
    });
    let (content_type, name) = match format {
        Format::Jsonl => ("application/x-ndjson; charset=utf-8", "reports.jsonl"),
        Format::Csv => ("text/csv; charset=utf-8", "reports.csv"),
    };
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(content_type)))
        .insert_header((
            header::CONTENT_DISPOSITION,
            format!("attachment; filename=\"{name}\""),
        ))
        .streaming(pages)
}

pub async fn export_jsonl(state: web::Data<AppState>) -> HttpResponse {
    stream_export(state, Format::Jsonl)
}

pub async fn export_csv(state: web::Data<AppState>) -> HttpResponse {
    stream_export(state, Format::Csv)
}

const FEED_ENTRIES: i64 = 50;

/// One entry of a feed.
pub struct FeedEntry {
    pub id: String,
    pub title: String,
    pub published: String,
    pub summary: String,
    pub categories: Vec<String>,
}

#[derive(Template)]
#[template(path = "feed.xml")]
struct Feed {
    title: String,
    base: String,
    self_path: String,
    html_path: String,
    updated: String,
    entries: Vec<FeedEntry>,
}

/// "2024-03" → "2024-03-01T00:00:00Z": Atom needs a timestamp, we publish months.
fn month_timestamp(month: &str) -> String {
    format!("{month}-01T00:00:00Z")
}

fn summary_of(text: &str) -> String {
    let plain: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match plain.char_indices().nth(400) {
        Some((at, _)) => format!("{}…", &plain[..at]),
        None => plain,
    }
}

async fn feed(
    state: web::Data<AppState>,
    filter: FeedFilter,
    title: String,
    self_path: String,
    html_path: String,
) -> Result<HttpResponse, AppError> {
    let details = state
        .db({
            let filter = filter.clone();
            move |conn| reports::recent_matching(conn, &filter, FEED_ENTRIES)
        })
        .await?;
    let entries: Vec<FeedEntry> = details
        .into_iter()
        .map(|d| {
            let mut categories: Vec<String> =
                d.technologies.iter().map(|t| t.slug.clone()).collect();
            categories.extend(d.patterns.iter().cloned());
            FeedEntry {
                published: month_timestamp(
                    d.report
                        .published_month
                        .as_deref()
                        .unwrap_or(&d.report.submitted_month),
                ),
                summary: summary_of(&d.report.narrative),
                title: d.report.title,
                id: d.report.id,
                categories,
            }
        })
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.published.clone())
        .max()
        .unwrap_or_else(|| month_timestamp(&util::current_month()));
    let body = Feed {
        title,
        base: state.config.public_url.trim_end_matches('/').to_string(),
        self_path,
        html_path,
        updated,
        entries,
    }
    .render()?;
    Ok(HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/atom+xml; charset=utf-8"),
        ))
        .body(body))
}

pub async fn reports_feed(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    feed(
        state,
        FeedFilter::All,
        "Incident Registry: new reports".into(),
        "/feeds/reports.atom".into(),
        "/".into(),
    )
    .await
}

/// `{slug}.atom` → the slug.
fn feed_slug(name: &str) -> Result<&str, AppError> {
    name.strip_suffix(".atom")
        .filter(|s| !s.is_empty())
        .ok_or(AppError::NotFound)
}

pub async fn technology_feed(
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = feed_slug(&name)?;
    let (tech, _) = scrubber::vocabulary::Vocabulary::builtin()
        .lookup(slug)
        .ok_or(AppError::NotFound)?;
    if tech.slug != slug {
        return Err(AppError::NotFound);
    }
    let title = format!("Incident Registry: {}", tech.name);
    let html = format!("/search?technology={slug}&sort=newest");
    feed(
        state,
        FeedFilter::Technology(slug.to_string()),
        title,
        format!("/feeds/technologies/{slug}.atom"),
        html,
    )
    .await
}

pub async fn pattern_feed(
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = feed_slug(&name)?;
    let pattern = taxonomy::find(FAILURE_PATTERNS, slug).ok_or(AppError::NotFound)?;
    let title = format!("Incident Registry: {}", pattern.name);
    let html = format!("/search?pattern={slug}&sort=newest");
    feed(
        state,
        FeedFilter::Pattern(slug.to_string()),
        title,
        format!("/feeds/patterns/{slug}.atom"),
        html,
    )
    .await
}

pub async fn industry_feed(
    state: web::Data<AppState>,
    name: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let slug = feed_slug(&name)?;
    let industry = taxonomy::find(INDUSTRIES, slug).ok_or(AppError::NotFound)?;
    let title = format!("Incident Registry: {}", industry.name);
    let html = format!("/search?industry={slug}&sort=newest");
    feed(
        state,
        FeedFilter::Industry(slug.to_string()),
        title,
        format!("/feeds/industries/{slug}.atom"),
        html,
    )
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ListParams {
    cursor: Option<String>,
    limit: Option<i64>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ReportList {
    pub reports: Vec<ReportRecord>,
    /// Pass as `cursor` for the next page; null at the end.
    pub next_cursor: Option<String>,
}

/// `GET /api/v1/reports?cursor=…&limit=…`: every published report in publication order,
/// with cursor pagination (stable while reports are being published).
#[utoipa::path(get, path = "/api/v1/reports", tag = "reports",
    params(
        ("cursor" = Option<String>, Query, description = "next_cursor of the previous page; absent for the first page"),
        ("limit" = Option<i64>, Query, description = "reports per page, 1 to 500 (default 50)"),
    ),
    responses(
        (status = 200, description = "One page of published reports, oldest publication first", body = ReportList),
        (status = 400, description = "Invalid cursor or limit", body = crate::web::openapi::ErrorBody),
    ))]
pub async fn list_reports(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let params: ListParams = serde_html_form::from_str(req.query_string())
        .map_err(|e| AppError::BadRequest(format!("The parameters could not be read: {e}.")))?;
    let after = match params.cursor.as_deref() {
        None | Some("") => 0,
        Some(cursor) => cursor
            .parse::<i64>()
            .ok()
            .filter(|c| *c >= 0)
            .ok_or_else(|| {
                AppError::BadRequest(
                    "Invalid cursor: use the next_cursor of a previous page.".into(),
                )
            })?,
    };
    let limit = params.limit.unwrap_or(50);
    if !(1..=500).contains(&limit) {
        return Err(AppError::BadRequest("limit must be between 1 and 500.".into()).into());
    }
    let (records, next) = state
        .db(move |conn| {
            export::page(conn, after, limit).map_err(|e| match e {
                export::ExportError::Db(db) => db,
                other => crate::db::DbError::Invalid(other.to_string()),
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(ReportList {
        reports: records,
        next_cursor: next.map(|n| n.to_string()),
    }))
}
