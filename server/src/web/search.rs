//! The search page and its JSON twin: the same parameters, the same results.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

use super::{render, render_with_status, AppState};
use crate::error::{ApiError, AppError};
use crate::search::query::{FacetGroup, Hit};
use crate::search::{FacetKind, SearchError, SearchRequest, SearchResults, Sort};
use crate::taxonomy::{self, CONTRIBUTING_FACTORS, FAILURE_PATTERNS, INDUSTRIES, SEVERITIES};
use crate::util;

const PAGE_SIZE: usize = 20;

/// Query-string parameters; facet filters may repeat.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SearchParams {
    q: String,
    sort: String,
    page: Option<usize>,
    per_page: Option<usize>,
    technology: Vec<String>,
    pattern: Vec<String>,
    factor: Vec<String>,
    industry: Vec<String>,
    year: Vec<String>,
    severity: Vec<String>,
}

fn parse_request(req: &HttpRequest) -> Result<SearchRequest, AppError> {
    let params: SearchParams = serde_html_form::from_str(req.query_string()).map_err(|e| {
        AppError::BadRequest(format!("The search parameters could not be read: {e}."))
    })?;
    if params.q.chars().count() > 1_000 {
        return Err(AppError::BadRequest(
            "The search is too long (at most 1000 characters).".into(),
        ));
    }
    let sort = Sort::from_param(&params.sort).ok_or_else(|| {
        AppError::BadRequest(format!(
            "Unknown sort {:?}: use relevance, newest or oldest.",
            params.sort
        ))
    })?;
    let mut filters = Vec::new();
    for (kind, values) in [
        (FacetKind::Technology, &params.technology),
        (FacetKind::Pattern, &params.pattern),
        (FacetKind::Factor, &params.factor),
        (FacetKind::Industry, &params.industry),
        (FacetKind::Year, &params.year),
        (FacetKind::Severity, &params.severity),
    ] {
        for value in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
            if value.len() > 100 || value.contains('/') {
                return Err(AppError::BadRequest(format!(
                    "Invalid {} filter.",
                    kind.param()
                )));
            }
            // Technologies are accepted by any name or alias and kept as their slug.
            let value = match kind {
                FacetKind::Technology => scrubber::vocabulary::Vocabulary::builtin()
                    .lookup(value)
                    .map_or_else(|| value.to_lowercase(), |(t, _)| t.slug.clone()),
                _ => value.to_string(),
            };
            filters.push((kind, value));
        }
    }
    Ok(SearchRequest {
        q: params.q,
        filters,
        sort,
        page: params.page.unwrap_or(1).max(1),
        per_page: params.per_page.unwrap_or(PAGE_SIZE),
    })
}

async fn run_search(
    state: &web::Data<AppState>,
    request: SearchRequest,
) -> Result<Result<std::sync::Arc<SearchResults>, String>, AppError> {
    let index = state.search.clone();
    match web::block(move || index.search(&request)).await? {
        Ok(results) => Ok(Ok(results)),
        Err(SearchError::Query(message)) => Ok(Err(message)),
        Err(SearchError::Index(err)) => Err(AppError::Internal(err.to_string())),
    }
}

/// The display name of a facet value.
pub fn facet_label(kind: FacetKind, value: &str) -> String {
    match kind {
        FacetKind::Technology => scrubber::vocabulary::Vocabulary::builtin()
            .lookup(value)
            .map_or_else(|| value.to_string(), |(t, _)| t.name.clone()),
        FacetKind::Pattern => taxonomy::name_of(FAILURE_PATTERNS, value),
        FacetKind::Factor => taxonomy::name_of(CONTRIBUTING_FACTORS, value),
        FacetKind::Industry => taxonomy::name_of(INDUSTRIES, value),
        FacetKind::Severity => taxonomy::name_of(SEVERITIES, value),
        FacetKind::Year => value.to_string(),
    }
}

/// Everything but RFC 3986's unreserved characters is escaped in query values.
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

fn encode(text: &str) -> String {
    utf8_percent_encode(text, QUERY_VALUE).to_string()
}

/// Builds `/search?…` links that keep the current search and change one thing.
struct Links<'a> {
    request: &'a SearchRequest,
}

impl Links<'_> {
    fn url(&self, filters: &[(FacetKind, String)], sort: Sort, page: usize) -> String {
        let mut parts = Vec::new();
        if !self.request.q.is_empty() {
            parts.push(format!("q={}", encode(&self.request.q)));
        }
        for (kind, value) in filters {
            parts.push(format!("{}={}", kind.param(), encode(value)));
        }
        if sort != Sort::Relevance {
            parts.push(format!("sort={}", sort.param()));
        }
        if page > 1 {
            parts.push(format!("page={page}"));
        }
        if parts.is_empty() {
            "/search".into()
        } else {
            format!("/search?{}", parts.join("&"))
        }
    }

    fn with_filter(&self, kind: FacetKind, value: &str) -> String {
        let mut filters = self.request.filters.clone();
        filters.push((kind, value.to_string()));
        self.url(&filters, self.request.sort, 1)
    }

    fn without_filter(&self, index: usize) -> String {
        let mut filters = self.request.filters.clone();
        filters.remove(index);
        self.url(&filters, self.request.sort, 1)
    }

    fn sorted(&self, sort: Sort) -> String {
        self.url(&self.request.filters, sort, 1)
    }

    fn page(&self, page: usize) -> String {
        self.url(&self.request.filters, self.request.sort, page)
    }
}

pub struct FacetLink {
    pub label: String,
    pub count: u64,
    pub href: String,
}

pub struct FacetView {
    pub label: &'static str,
    pub values: Vec<FacetLink>,
}

pub struct ActiveFilter {
    pub kind: &'static str,
    pub label: String,
    pub remove_href: String,
}

pub struct HitView {
    pub id: String,
    pub title: String,
    pub occurred: String,
    pub industry: String,
    pub technologies: Vec<String>,
    pub snippet: Vec<(String, bool)>,
    pub demo: bool,
}

impl HitView {
    pub fn new(hit: &Hit) -> HitView {
        HitView {
            id: hit.id.clone(),
            title: hit.title.clone(),
            occurred: util::month_name(&hit.occurred_month),
            industry: taxonomy::name_of(INDUSTRIES, &hit.industry),
            technologies: hit.technologies.clone(),
            snippet: hit.snippet.as_ref().map(|s| s.pieces()).unwrap_or_default(),
            demo: hit.demo,
        }
    }
}

pub struct SortLink {
    pub label: &'static str,
    pub href: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "search.html")]
struct SearchPage {
    q: String,
    error: Option<String>,
    total: usize,
    hits: Vec<HitView>,
    facets: Vec<FacetView>,
    active: Vec<ActiveFilter>,
    sorts: Vec<SortLink>,
    page: usize,
    prev_href: Option<String>,
    next_href: Option<String>,
    filters_hidden: Vec<(&'static str, String)>,
    sort_param: &'static str,
}

fn facet_views(links: &Links, groups: &[FacetGroup]) -> Vec<FacetView> {
    groups
        .iter()
        .filter(|g| !g.values.is_empty())
        .map(|group| FacetView {
            label: group.kind.label(),
            values: {
                let mut values: Vec<&crate::search::query::FacetValue> =
                    group.values.iter().collect();
                if group.kind == FacetKind::Year {
                    values.sort_by(|a, b| b.value.cmp(&a.value));
                }
                values
            }
            .into_iter()
            .filter(|v| {
                !links
                    .request
                    .filters
                    .iter()
                    .any(|(k, val)| *k == group.kind && *val == v.value)
            })
            .map(|v| FacetLink {
                label: facet_label(group.kind, &v.value),
                count: v.count,
                href: links.with_filter(group.kind, &v.value),
            })
            .collect(),
        })
        .collect()
}

pub async fn search_page(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, AppError> {
    let request = parse_request(&req)?;
    let outcome = run_search(&state, request.clone()).await?;
    let links = Links { request: &request };
    let (results, error) = match outcome {
        Ok(results) => (Some(results), None),
        Err(message) => (None, Some(message)),
    };
    let per_page = request
        .per_page
        .clamp(1, crate::search::query::MAX_PER_PAGE);
    let total = results.as_ref().map_or(0, |r| r.total);
    let page = SearchPage {
        q: request.q.clone(),
        total,
        hits: results
            .as_ref()
            .map(|r| r.hits.iter().map(HitView::new).collect())
            .unwrap_or_default(),
        facets: results
            .as_ref()
            .map(|r| facet_views(&links, &r.facets))
            .unwrap_or_default(),
        active: request
            .filters
            .iter()
            .enumerate()
            .map(|(i, (kind, value))| ActiveFilter {
                kind: kind.label(),
                label: facet_label(*kind, value),
                remove_href: links.without_filter(i),
            })
            .collect(),
        sorts: [
            (Sort::Relevance, "Relevance"),
            (Sort::Newest, "Newest"),
            (Sort::Oldest, "Oldest"),
        ]
        .into_iter()
        .map(|(sort, label)| SortLink {
            label,
            href: links.sorted(sort),
            active: sort == request.sort,
        })
        .collect(),
        page: request.page,
        prev_href: (request.page > 1).then(|| links.page(request.page - 1)),
        next_href: (request.page * per_page < total).then(|| links.page(request.page + 1)),
        filters_hidden: request
            .filters
            .iter()
            .map(|(k, v)| (k.param(), v.clone()))
            .collect(),
        sort_param: request.sort.param(),
        error: error.clone(),
    };
    if error.is_some() {
        render_with_status(&page, actix_web::http::StatusCode::BAD_REQUEST)
    } else {
        render(&page)
    }
}

#[derive(Serialize)]
struct SearchJson<'a> {
    total: usize,
    page: usize,
    per_page: usize,
    hits: &'a [Hit],
    facets: &'a [FacetGroup],
}

/// `GET /api/v1/search`: the page's parameters, answered as JSON.
#[utoipa::path(get, path = "/api/v1/search", tag = "search",
    params(
        ("q" = Option<String>, Query, description = "Query: terms (all must match), \"phrases\", OR, NOT or -term, field:term"),
        ("sort" = Option<String>, Query, description = "relevance (default), newest or oldest"),
        ("page" = Option<usize>, Query, description = "1-based page"),
        ("per_page" = Option<usize>, Query, description = "hits per page, up to 100 (default 20)"),
        ("technology" = Option<Vec<String>>, Query, description = "technology slug, name or alias (repeatable)"),
        ("pattern" = Option<Vec<String>>, Query, description = "failure pattern slug (repeatable)"),
        ("factor" = Option<Vec<String>>, Query, description = "contributing factor slug (repeatable)"),
        ("industry" = Option<Vec<String>>, Query, description = "industry slug (repeatable)"),
        ("year" = Option<Vec<String>>, Query, description = "year the incident occurred (repeatable)"),
        ("severity" = Option<Vec<String>>, Query, description = "severity slug (repeatable)"),
    ),
    responses(
        (status = 200, description = "Matching published reports with facet counts", body = crate::web::openapi::SearchResponse),
        (status = 400, description = "Malformed query or parameters", body = crate::web::openapi::ErrorBody),
    ))]
pub async fn search_api(
    state: web::Data<AppState>,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let request = parse_request(&req)?;
    match run_search(&state, request.clone()).await? {
        Ok(results) => Ok(HttpResponse::Ok().json(SearchJson {
            total: results.total,
            page: request.page,
            per_page: request
                .per_page
                .clamp(1, crate::search::query::MAX_PER_PAGE),
            hits: &results.hits,
            facets: &results.facets,
        })),
        Err(message) => Err(AppError::BadRequest(message).into()),
    }
}
