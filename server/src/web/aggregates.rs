//! Best-practice pages: what the published reports say about one technology, failure pattern
//! or contributing factor. Every number links to the search that lists its reports.

use actix_web::{web, HttpResponse};
use askama::Template;

use super::search::HitView;
use super::{render, AppState};
use crate::aggregate::{Count, RecurringItem, Subject};
use crate::error::AppError;
use crate::search::query::Hit;
use crate::taxonomy::{self, CONTRIBUTING_FACTORS, FAILURE_PATTERNS, INDUSTRIES};
use crate::util;

pub struct CountView {
    pub label: String,
    pub count: i64,
    pub percent: String,
    pub href: String,
}

pub struct Bar {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    pub label: String,
    pub count: i64,
    pub href: String,
    /// Year label under the first quarter of each year.
    pub year: Option<String>,
}

pub struct DurationsView {
    pub reported: usize,
    pub median: String,
    pub p90: String,
    pub max: String,
}

#[derive(Template)]
#[template(path = "aggregate.html")]
struct AggregatePage {
    kind: &'static str,
    name: String,
    description: String,
    reports: i64,
    search_href: String,
    feed_href: Option<String>,
    bars: Vec<Bar>,
    chart_width: u32,
    chart_height: u32,
    patterns: Vec<CountView>,
    factors: Vec<CountView>,
    technologies: Vec<CountView>,
    versions: Vec<CountView>,
    durations: Option<DurationsView>,
    recent: Vec<HitView>,
    lessons: Vec<RecurringItem>,
    actions: Vec<RecurringItem>,
    guidance: Option<GuidanceView>,
}

/// Curated guidance as a page shows it.
pub struct GuidanceView {
    pub html: String,
    pub cited: Vec<(String, String)>,
    pub edited: String,
}

/// The guidance of a subject, rendered, with the titles of the reports it cites. Best
/// effort: the page still renders if it cannot be read.
async fn guidance_of(state: &AppState, kind: &'static str, slug: String) -> Option<GuidanceView> {
    let found = state
        .db(move |conn| {
            let Some(entry) = crate::db::guidance::find(conn, kind, &slug)? else {
                return Ok(None);
            };
            let ids = crate::guidance::cited_ids(&entry.markdown);
            let cited = crate::db::guidance::published_titles(conn, &ids)?;
            Ok(Some((entry, cited)))
        })
        .await;
    match found {
        Ok(Some((entry, cited))) => Some(GuidanceView {
            html: crate::guidance::render(&entry.markdown),
            cited,
            edited: util::month_name(&util::day_month(entry.edited_day)),
        }),
        Ok(None) => None,
        Err(err) => {
            tracing::warn!(error = %err, "guidance unavailable");
            None
        }
    }
}

const CHART_WIDTH: u32 = 640;
const CHART_HEIGHT: u32 = 140;

fn bars(quarters: &[(String, i64)], search: &str) -> Vec<Bar> {
    let max = quarters.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let n = u32::try_from(quarters.len()).unwrap_or(1).max(1);
    let slot = (CHART_WIDTH / n).max(2);
    quarters
        .iter()
        .enumerate()
        .map(|(i, (label, count))| {
            let height = u32::try_from(count * i64::from(CHART_HEIGHT - 20) / max).unwrap_or(0);
            let year = label.split('-').next().unwrap_or("").to_string();
            Bar {
                x: u32::try_from(i).unwrap_or(0) * slot,
                y: CHART_HEIGHT - 20 - height,
                width: slot.saturating_sub(1).max(1),
                height,
                label: label.clone(),
                count: *count,
                href: format!("{search}&year={year}"),
                year: label.ends_with("Q1").then_some(year),
            }
        })
        .collect()
}

fn views(
    counts: &[Count],
    search: &str,
    param: &str,
    label: impl Fn(&str) -> String,
) -> Vec<CountView> {
    counts
        .iter()
        .map(|c| CountView {
            label: if c.key.is_empty() {
                "version not stated".into()
            } else {
                label(&c.key)
            },
            count: c.count,
            percent: format!("{:.0}%", c.share * 100.0),
            href: if param.is_empty() {
                search.to_string()
            } else {
                format!("{search}&{param}={}", c.key)
            },
        })
        .collect()
}

fn technology_name(slug: &str) -> String {
    scrubber::vocabulary::Vocabulary::builtin()
        .lookup(slug)
        .map_or_else(|| slug.to_string(), |(t, _)| t.name.clone())
}

fn hit_of(detail: &crate::db::reports::ReportDetail) -> HitView {
    HitView::new(&Hit {
        id: detail.report.id.clone(),
        title: detail.report.title.clone(),
        occurred_month: detail.report.occurred_month.clone(),
        industry: detail.report.industry.clone(),
        technologies: detail.technologies.iter().map(|t| t.name.clone()).collect(),
        snippet: None,
        demo: detail.report.is_demo,
    })
}

async fn aggregate_page(
    state: web::Data<AppState>,
    subject: Subject,
    kind: &'static str,
    name: String,
    description: String,
    feed_href: Option<String>,
) -> Result<HttpResponse, AppError> {
    let guidance = guidance_of(&state, subject.kind(), subject.slug().to_string()).await;
    let search = format!("/search?{}={}", subject.kind(), subject.slug());
    let page = state.page_data(subject).await?;
    let (data, lessons, actions) = (&page.aggregate, page.lessons.clone(), page.actions.clone());
    render(&AggregatePage {
        kind,
        name,
        description,
        reports: data.reports,
        bars: bars(&data.quarters, &search),
        chart_width: CHART_WIDTH,
        chart_height: CHART_HEIGHT,
        patterns: views(&data.patterns, &search, "pattern", |k| {
            taxonomy::name_of(FAILURE_PATTERNS, k)
        }),
        factors: views(&data.factors, &search, "factor", |k| {
            taxonomy::name_of(CONTRIBUTING_FACTORS, k)
        }),
        technologies: views(
            &data.technologies[..data.technologies.len().min(15)],
            &search,
            "technology",
            technology_name,
        ),
        versions: views(&data.versions, &search, "", str::to_string),
        durations: data.durations.clone().map(|d| DurationsView {
            reported: d.reported,
            median: util::duration_text(d.median),
            p90: util::duration_text(d.p90),
            max: util::duration_text(d.max),
        }),
        recent: data.recent.iter().map(hit_of).collect(),
        lessons,
        actions,
        search_href: search,
        feed_href,
        guidance,
    })
}

pub async fn technology(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let (tech, _) = scrubber::vocabulary::Vocabulary::builtin()
        .lookup(&slug)
        .ok_or(AppError::NotFound)?;
    if tech.slug != *slug {
        // An alias or another spelling: send readers to the one canonical page.
        return Ok(HttpResponse::PermanentRedirect()
            .insert_header((
                actix_web::http::header::LOCATION,
                format!("/technologies/{}", tech.slug),
            ))
            .finish());
    }
    let slug = tech.slug.clone();
    aggregate_page(
        state,
        Subject::Technology(slug.clone()),
        "Technology",
        tech.name.clone(),
        format!("Category: {}.", tech.category),
        Some(format!("/feeds/technologies/{slug}.atom")),
    )
    .await
}

pub async fn pattern(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let term = taxonomy::find(FAILURE_PATTERNS, &slug).ok_or(AppError::NotFound)?;
    aggregate_page(
        state,
        Subject::Pattern(term.slug.to_string()),
        "Failure pattern",
        term.name.to_string(),
        term.description.to_string(),
        Some(format!("/feeds/patterns/{}.atom", term.slug)),
    )
    .await
}

pub async fn factor(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let term = taxonomy::find(CONTRIBUTING_FACTORS, &slug).ok_or(AppError::NotFound)?;
    aggregate_page(
        state,
        Subject::Factor(term.slug.to_string()),
        "Contributing factor",
        term.name.to_string(),
        term.description.to_string(),
        None,
    )
    .await
}

pub struct TechnologyLink {
    pub slug: String,
    pub name: String,
    pub count: i64,
}

pub struct Category {
    pub name: String,
    pub technologies: Vec<TechnologyLink>,
}

#[derive(Template)]
#[template(path = "technologies.html")]
struct TechnologiesPage {
    categories: Vec<Category>,
    patterns: Vec<(&'static str, &'static str, &'static str)>,
    factors: Vec<(&'static str, &'static str, &'static str)>,
    industries: Vec<(&'static str, &'static str)>,
}

pub async fn technologies(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let rows = state.technology_list().await?;
    let mut categories: Vec<Category> = Vec::new();
    for (slug, name, category, count) in rows.iter().cloned() {
        let link = TechnologyLink { slug, name, count };
        match categories.last_mut() {
            Some(last) if last.name == category => last.technologies.push(link),
            _ => categories.push(Category {
                name: category,
                technologies: vec![link],
            }),
        }
    }
    render(&TechnologiesPage {
        categories,
        patterns: FAILURE_PATTERNS
            .iter()
            .map(|t| (t.slug, t.name, t.description))
            .collect(),
        factors: CONTRIBUTING_FACTORS
            .iter()
            .map(|t| (t.slug, t.name, t.description))
            .collect(),
        industries: INDUSTRIES.iter().map(|t| (t.slug, t.name)).collect(),
    })
}

/// A count as the API gives it.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct CountJson {
    pub slug: String,
    pub reports: i64,
    /// Share of the subject's reports, 0 to 1.
    pub share: f64,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct QuarterJson {
    /// "2024-Q1"
    pub quarter: String,
    pub reports: i64,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct DurationsJson {
    pub reported: usize,
    pub median_minutes: i32,
    pub p90_minutes: i32,
    pub max_minutes: i32,
}

/// The aggregates of a technology, failure pattern or contributing factor.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct AggregateJson {
    pub slug: String,
    pub name: String,
    pub reports: i64,
    pub quarters: Vec<QuarterJson>,
    pub failure_patterns: Vec<CountJson>,
    pub contributing_factors: Vec<CountJson>,
    pub technologies: Vec<CountJson>,
    /// Technology pages only: reports by the version mentioned ("" when none was).
    pub versions: Vec<CountJson>,
    pub durations: Option<DurationsJson>,
    /// Ids of the latest published reports.
    pub recent_reports: Vec<String>,
}

fn counts_json(counts: &[Count]) -> Vec<CountJson> {
    counts
        .iter()
        .map(|c| CountJson {
            slug: c.key.clone(),
            reports: c.count,
            share: c.share,
        })
        .collect()
}

async fn aggregate_json(
    state: web::Data<AppState>,
    subject: Subject,
    slug: String,
    name: String,
) -> Result<HttpResponse, crate::error::ApiError> {
    let page = state.page_data(subject).await?;
    let data = &page.aggregate;
    Ok(HttpResponse::Ok().json(AggregateJson {
        slug,
        name,
        reports: data.reports,
        quarters: data
            .quarters
            .iter()
            .map(|(quarter, reports)| QuarterJson {
                quarter: quarter.clone(),
                reports: *reports,
            })
            .collect(),
        failure_patterns: counts_json(&data.patterns),
        contributing_factors: counts_json(&data.factors),
        technologies: counts_json(&data.technologies),
        versions: counts_json(&data.versions),
        durations: data.durations.clone().map(|d| DurationsJson {
            reported: d.reported,
            median_minutes: d.median,
            p90_minutes: d.p90,
            max_minutes: d.max,
        }),
        recent_reports: data.recent.iter().map(|d| d.report.id.clone()).collect(),
    }))
}

/// `GET /api/v1/technologies/{slug}`: the aggregates behind a technology's page.
#[utoipa::path(get, path = "/api/v1/technologies/{slug}", tag = "aggregates",
    params(("slug" = String, Path, description = "Technology slug (names and aliases are accepted too)")),
    responses(
        (status = 200, description = "Counts, shares, trend and durations over the technology's published reports", body = AggregateJson),
        (status = 404, description = "Not a technology of the vocabulary", body = crate::web::openapi::ErrorBody),
    ))]
pub async fn technology_api(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, crate::error::ApiError> {
    let (tech, _) = scrubber::vocabulary::Vocabulary::builtin()
        .lookup(&slug)
        .ok_or(AppError::NotFound)?;
    aggregate_json(
        state,
        Subject::Technology(tech.slug.clone()),
        tech.slug.clone(),
        tech.name.clone(),
    )
    .await
}

/// `GET /api/v1/patterns/{slug}`: the aggregates behind a failure pattern's page.
#[utoipa::path(get, path = "/api/v1/patterns/{slug}", tag = "aggregates",
    params(("slug" = String, Path, description = "Failure pattern slug")),
    responses(
        (status = 200, description = "Counts, shares, trend and durations over the pattern's published reports", body = AggregateJson),
        (status = 404, description = "Not a failure pattern", body = crate::web::openapi::ErrorBody),
    ))]
pub async fn pattern_api(
    state: web::Data<AppState>,
    slug: web::Path<String>,
) -> Result<HttpResponse, crate::error::ApiError> {
    let term = taxonomy::find(FAILURE_PATTERNS, &slug).ok_or(AppError::NotFound)?;
    aggregate_json(
        state,
        Subject::Pattern(term.slug.to_string()),
        term.slug.to_string(),
        term.name.to_string(),
    )
    .await
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct TechnologyCount {
    pub slug: String,
    pub name: String,
    pub category: String,
    pub reports: i64,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct PatternJson {
    pub slug: String,
    pub name: String,
    pub description: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct TaxonomyJson {
    /// Technologies that have published reports.
    pub technologies: Vec<TechnologyCount>,
    pub failure_patterns: Vec<PatternJson>,
    pub contributing_factors: Vec<PatternJson>,
}

/// `GET /api/v1/technologies`: technologies with published reports, and the controlled lists.
#[utoipa::path(get, path = "/api/v1/technologies", tag = "aggregates",
    responses((status = 200, description = "Technologies with report counts; failure patterns and contributing factors", body = TaxonomyJson)))]
pub async fn technologies_api(
    state: web::Data<AppState>,
) -> Result<HttpResponse, crate::error::ApiError> {
    let rows = state.technology_list().await?;
    let terms = |list: &[taxonomy::Term]| {
        list.iter()
            .map(|t| PatternJson {
                slug: t.slug.into(),
                name: t.name.into(),
                description: t.description.into(),
            })
            .collect()
    };
    Ok(HttpResponse::Ok().json(TaxonomyJson {
        technologies: rows
            .iter()
            .cloned()
            .map(|(slug, name, category, reports)| TechnologyCount {
                slug,
                name,
                category,
                reports,
            })
            .collect(),
        failure_patterns: terms(FAILURE_PATTERNS),
        contributing_factors: terms(CONTRIBUTING_FACTORS),
    }))
}
