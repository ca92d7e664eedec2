//! Public pages for readers: the front page, a report, what we promise.

use actix_web::http::header::{self, HeaderValue};
use actix_web::{web, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::search::HitView;
use super::{render, AppState};
use crate::db::reports::{self, Report, ReportDetail, TechnologyMention};
use crate::db::review;
use crate::error::AppError;
use crate::taxonomy::{self, CONTRIBUTING_FACTORS, FAILURE_PATTERNS, INDUSTRIES, SEVERITIES};
use crate::{markdown, util};

const PAGE_SIZE: i64 = 25;

/// One report in a list.
pub struct ReportCard {
    pub id: String,
    pub title: String,
    pub industry: String,
    pub occurred: String,
    pub severity: String,
    pub severity_slug: String,
    pub technologies: Vec<String>,
    pub is_demo: bool,
}

fn mention_text(mention: &TechnologyMention) -> String {
    technology_text(&mention.name, mention.version.as_deref())
}

/// "MySQL 5.7", or the name alone when no version was given.
pub(crate) fn technology_text(name: &str, version: Option<&str>) -> String {
    match version {
        Some(version) => format!("{name} {version}"),
        None => name.to_string(),
    }
}

impl ReportCard {
    fn new(report: &Report, technologies: &[TechnologyMention]) -> ReportCard {
        ReportCard {
            id: report.id.clone(),
            title: report.title.clone(),
            industry: taxonomy::name_of(INDUSTRIES, &report.industry),
            occurred: util::month_name(&report.occurred_month),
            severity: if report.severity.is_empty() {
                String::new()
            } else {
                taxonomy::name_of(SEVERITIES, &report.severity)
            },
            severity_slug: report.severity.clone(),
            technologies: technologies.iter().map(mention_text).collect(),
            is_demo: report.is_demo,
        }
    }
}

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage {
    reports: Vec<ReportCard>,
    published: i64,
    page: i64,
    prev_page: Option<i64>,
    next_page: Option<i64>,
}

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<i64>,
}

pub async fn index(
    state: web::Data<AppState>,
    query: web::Query<PageQuery>,
) -> Result<HttpResponse, AppError> {
    let page = query.page.unwrap_or(1).clamp(1, 100_000);
    let (rows, counts) = state
        .db(move |conn| {
            let rows = reports::recent_published(conn, PAGE_SIZE, (page - 1) * PAGE_SIZE)?;
            let counts = reports::count_by_status(conn)?;
            Ok((rows, counts))
        })
        .await?;
    let published = counts
        .iter()
        .find(|(status, _)| status == reports::STATUS_PUBLISHED)
        .map_or(0, |(_, n)| *n);
    render(&IndexPage {
        reports: rows.iter().map(|(r, t)| ReportCard::new(r, t)).collect(),
        published,
        page,
        prev_page: (page > 1).then_some(page - 1),
        next_page: (page * PAGE_SIZE < published).then_some(page + 1),
    })
}

#[derive(Template)]
#[template(path = "about.html")]
struct AboutPage;

pub async fn about() -> Result<HttpResponse, AppError> {
    render(&AboutPage)
}

/// A rendered section of a report.
pub struct Section {
    pub name: &'static str,
    pub label: &'static str,
    pub html: String,
}

/// A published report, ready for its template.
pub struct ReportPage {
    pub title: String,
    pub is_demo: bool,
    pub industry: String,
    pub occurred: String,
    pub published: String,
    pub severity: String,
    pub duration: Option<String>,
    pub technologies: Vec<String>,
    pub patterns: Vec<String>,
    pub factors: Vec<String>,
    pub sections: Vec<Section>,
    pub redaction_count: i32,
    pub rules_version: String,
}

impl ReportPage {
    fn new(detail: &ReportDetail) -> ReportPage {
        let r = &detail.report;
        let mut technologies: Vec<String> = detail.technologies.iter().map(mention_text).collect();
        if !r.other_technologies.is_empty() {
            technologies.extend(r.other_technologies.split(", ").map(str::to_string));
        }
        ReportPage {
            title: r.title.clone(),
            is_demo: r.is_demo,
            industry: taxonomy::name_of(INDUSTRIES, &r.industry),
            occurred: util::month_name(&r.occurred_month),
            published: r
                .published_month
                .as_deref()
                .map(util::month_name)
                .unwrap_or_default(),
            severity: if r.severity.is_empty() {
                String::new()
            } else {
                taxonomy::name_of(SEVERITIES, &r.severity)
            },
            duration: r.duration_minutes.map(util::duration_text),
            technologies,
            patterns: detail
                .patterns
                .iter()
                .map(|p| taxonomy::name_of(FAILURE_PATTERNS, p))
                .collect(),
            factors: detail
                .factors
                .iter()
                .map(|f| taxonomy::name_of(CONTRIBUTING_FACTORS, f))
                .collect(),
            sections: [
                ("narrative", "What happened", &r.narrative),
                ("impact", "Impact", &r.impact),
                ("detection", "How it was detected", &r.detection),
                ("went_well", "What went well", &r.went_well),
                ("lessons", "Lessons learned", &r.lessons),
                ("action_items", "Action items", &r.action_items),
            ]
            .into_iter()
            .map(|(name, label, text)| Section {
                name,
                label,
                html: markdown::render(text),
            })
            .collect(),
            redaction_count: r.redaction_count,
            rules_version: r.rules_version.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportTemplate {
    r: ReportPage,
    /// The other reports of the same event (supplemental reports), with their ids.
    supplements: Vec<(String, ReportPage)>,
    similar: Vec<HitView>,
}

const SIMILAR_REPORTS: usize = 5;

pub async fn show_report(
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    if !util::is_report_id(&id) {
        return Err(AppError::NotFound);
    }
    let (detail, primary, event) = state
        .db({
            let id = id.clone();
            move |conn| {
                let detail = reports::find_published(conn, &id)?;
                let primary = match detail.report.event_seq {
                    Some(seq) => review::published_primary_id(conn, seq)?,
                    None => None,
                };
                let event = if primary.is_none() {
                    review::event_reports(conn, detail.report.seq)?
                } else {
                    Vec::new()
                };
                Ok((detail, primary, event))
            }
        })
        .await?;
    // A supplemental report lives on its event's page; its own id stays valid and leads
    // there.
    if let Some(primary) = primary {
        return Ok(HttpResponse::MovedPermanently()
            .insert_header((header::LOCATION, format!("/reports/{primary}#report-{id}")))
            .finish());
    }
    let supplements: Vec<(String, ReportPage)> = event
        .iter()
        .filter(|d| d.report.seq != detail.report.seq)
        .map(|d| (d.report.id.clone(), ReportPage::new(d)))
        .collect();
    let index = state.search.clone();
    // Similar reports are a courtesy: a search failure must not hide the report itself.
    let similar = match web::block(move || index.similar(&id, SIMILAR_REPORTS)).await {
        Ok(Ok(hits)) => hits.iter().map(HitView::new).collect(),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "similar reports unavailable");
            Vec::new()
        }
        Err(err) => {
            tracing::warn!(error = %err, "similar reports unavailable");
            Vec::new()
        }
    };
    render(&ReportTemplate {
        r: ReportPage::new(&detail),
        supplements,
        similar,
    })
}

const STYLESHEET: &str = include_str!("../../../static/style.css");

pub async fn stylesheet() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/css; charset=utf-8"),
        ))
        .insert_header((
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        ))
        .body(STYLESHEET)
}

const SCRIPT: &str = include_str!("../../../static/registry.js");

/// The one optional script: progressive enhancement for the analysts' review screen.
pub async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/javascript; charset=utf-8"),
        ))
        .insert_header((
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=3600"),
        ))
        .body(SCRIPT)
}

pub async fn not_found() -> Result<HttpResponse, AppError> {
    Err(AppError::NotFound)
}
