//! HTTP interface, grouped by audience: public pages, the submission flow, the JSON API and
//! operations. Handlers stay thin: parse, call a domain function, render.

pub mod aggregates;
pub mod api;
pub mod data;
pub mod guidance;
pub mod moderation;
pub mod openapi;
pub mod ops;
pub mod public;
pub mod receipt;
pub mod search;
pub mod stack;
pub mod submit;

use std::sync::Arc;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{guard, web, HttpResponse};
use askama::Template;
use futures_util::StreamExt;
use scrubber::Scrubber;

use crate::aggregate;
use crate::config::Config;
use crate::db::{DbPool, PooledDb};
use crate::error::AppError;
use crate::metrics::Metrics;
use crate::search::{Indexer, SearchIndex};

/// What every handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub pool: DbPool,
    pub scrubber: Scrubber,
    pub metrics: Metrics,
    pub config: Arc<Config>,
    pub search: SearchIndex,
    /// Keeps the index's writer thread alive for as long as the server runs.
    pub indexer: Arc<Indexer>,
    /// Best-practice page data, recomputed when the published reports change.
    pub aggregates: Arc<aggregate::Cache<aggregate::PageData>>,
    pub technology_list: Arc<aggregate::Cache<Vec<aggregate::TechnologyRow>>>,
    /// Signs analyst session cookies and sign-in forms.
    pub signer: crate::auth::Signer,
    /// Failed sign-ins and receipt codes, counted in memory only.
    pub limiter: Arc<crate::auth::FailureLimiter>,
    /// Keeps the periodic work (batches, receipt expiry) running with the server.
    pub maintenance: Arc<crate::maintenance::Maintenance>,
}

impl AppState {
    /// The search reader's generation: it changes whenever published reports change.
    fn data_generation(&self) -> u64 {
        self.search.reader().searcher().generation().generation_id()
    }

    /// A subject's page data, from the cache when the published reports have not changed.
    pub async fn page_data(
        &self,
        subject: aggregate::Subject,
    ) -> Result<Arc<aggregate::PageData>, AppError> {
        let (pool, cache, generation) = (
            self.pool.clone(),
            self.aggregates.clone(),
            self.data_generation(),
        );
        web::block(move || {
            cache.get_or_compute(&subject.cache_key(), generation, || {
                let mut conn = pool.get()?;
                aggregate::page_data(&mut conn, &subject)
            })
        })
        .await?
        .map_err(AppError::from)
    }

    /// Technologies with published reports (slug, name, category, count), cached likewise.
    pub async fn technology_list(&self) -> Result<Arc<Vec<aggregate::TechnologyRow>>, AppError> {
        let (pool, cache, generation) = (
            self.pool.clone(),
            self.technology_list.clone(),
            self.data_generation(),
        );
        web::block(move || {
            cache.get_or_compute("technologies", generation, || {
                let mut conn = pool.get()?;
                aggregate::technologies_with_reports(&mut conn)
            })
        })
        .await?
        .map_err(AppError::from)
    }

    /// Runs blocking database work on actix's blocking thread pool.
    pub async fn db<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut PooledDb) -> Result<T, crate::db::DbError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        web::block(move || {
            let mut conn = pool.get()?;
            work(&mut conn)
        })
        .await?
        .map_err(AppError::from)
    }
}

/// The strict headers on every response: nothing from other hosts, no framing, no referrer.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add((
            header::CONTENT_SECURITY_POLICY,
            "default-src 'self'; img-src 'self'; style-src 'self'; script-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ))
        .add((header::REFERRER_POLICY, "no-referrer"))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
}

/// Records each request by route pattern. It reads nothing of the client: no address, no
/// user agent, no path values.
pub async fn record_metrics(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().as_str().to_string();
    let metrics = req
        .app_data::<web::Data<AppState>>()
        .map(|s| s.metrics.clone());
    let res = next.call(req).await?;
    let route = res
        .request()
        .match_pattern()
        .unwrap_or_else(|| "unmatched".into());
    let status = res.status().as_u16();
    if let Some(metrics) = metrics {
        metrics.observe(&method, &route, status, started.elapsed().as_secs_f64());
    }
    Ok(res)
}

/// GET that also answers HEAD (actix sends no body for HEAD).
pub(crate) fn get() -> actix_web::Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

/// Registers every route.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/", get().to(public::index))
        .route("/about", get().to(public::about))
        .route("/reports/{id}", get().to(public::show_report))
        .route("/static/style.css", get().to(public::stylesheet))
        .route("/submit", get().to(submit::new_submission))
        .route(
            "/submit/preview",
            web::post().to(submit::preview_submission),
        )
        .route("/submit", web::post().to(submit::create_submission))
        .service(
            web::resource("/receipt")
                .route(get().to(receipt::lookup_page))
                .route(web::post().to(receipt::receipt_action)),
        )
        .route("/static/registry.js", get().to(public::script))
        .configure(moderation::routes)
        .route("/export/reports.jsonl", get().to(data::export_jsonl))
        .route("/export/reports.csv", get().to(data::export_csv))
        .route("/feeds/reports.atom", get().to(data::reports_feed))
        .route(
            "/feeds/technologies/{name}",
            get().to(data::technology_feed),
        )
        .route("/feeds/patterns/{name}", get().to(data::pattern_feed))
        .route("/feeds/industries/{name}", get().to(data::industry_feed))
        .route("/search", get().to(search::search_page))
        .route("/api/docs", get().to(openapi::api_docs))
        .service(
            web::resource("/stack")
                .route(get().to(stack::stack_form))
                .route(web::post().to(stack::stack_check)),
        )
        .route("/technologies", get().to(aggregates::technologies))
        .route("/technologies/{slug}", get().to(aggregates::technology))
        .route("/patterns/{slug}", get().to(aggregates::pattern))
        .route("/factors/{slug}", get().to(aggregates::factor))
        .service(api_scope())
        .route("/healthz", get().to(ops::healthz))
        .route("/metrics", get().to(ops::metrics))
        .default_service(web::to(public::not_found));
}

/// The JSON API: exactly the routes of `openapi::API_ROUTES`, and a JSON 404 for the rest.
fn api_scope() -> actix_web::Scope {
    let mut scope = web::scope("/api/v1");
    for (method, path) in openapi::API_ROUTES {
        let route = match (*method, *path) {
            ("post", "/api/v1/submissions/preview") => web::post().to(api::preview_submission),
            ("post", "/api/v1/submissions") => web::post().to(api::create_submission),
            ("get", "/api/v1/reports") => get().to(data::list_reports),
            ("get", "/api/v1/reports/{id}") => get().to(api::show_report),
            ("get", "/api/v1/search") => get().to(search::search_api),
            ("get", "/api/v1/openapi.json") => get().to(openapi::openapi_json),
            ("post", "/api/v1/stack") => web::post().to(stack::stack_api),
            ("get", "/api/v1/technologies") => get().to(aggregates::technologies_api),
            ("get", "/api/v1/technologies/{slug}") => get().to(aggregates::technology_api),
            ("get", "/api/v1/patterns/{slug}") => get().to(aggregates::pattern_api),
            _ => {
                tracing::error!(method, path, "API route without a handler");
                continue;
            }
        };
        scope = scope.route(path.trim_start_matches("/api/v1"), route);
    }
    scope.default_service(web::to(|| async {
        Err::<HttpResponse, _>(crate::error::ApiError::App(AppError::NoRoute))
    }))
}

/// Parses an urlencoded body strictly: invalid UTF-8, raw or percent-encoded, is refused
/// rather than silently replaced, so nothing a person wrote is altered on the way.
pub fn parse_urlencoded<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, AppError> {
    let text = std::str::from_utf8(body)
        .map_err(|_| AppError::BadRequest("The form was not valid UTF-8 text.".into()))?;
    for pair in text.split('&') {
        let plus_decoded = pair.replace('+', " ");
        percent_encoding::percent_decode_str(&plus_decoded)
            .decode_utf8()
            .map_err(|_| {
                AppError::BadRequest("The form contains text that is not valid UTF-8.".into())
            })?;
    }
    serde_html_form::from_str(text)
        .map_err(|e| AppError::BadRequest(format!("The form could not be read: {e}.")))
}

/// Reads and parses a form body within the configured size limit.
pub async fn read_form<T: serde::de::DeserializeOwned>(
    state: &AppState,
    req: &actix_web::HttpRequest,
    payload: web::Payload,
) -> Result<T, AppError> {
    let body = read_body(payload, state.config.body_limit, content_length(req)).await?;
    parse_urlencoded(&body)
}

/// Pages with unpublished material, receipts or raw text must stay out of caches.
pub fn no_store(mut response: HttpResponse) -> HttpResponse {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// A 303 to another page of the site.
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((header::LOCATION, location.to_string()))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .finish()
}

/// Renders a template as an HTML response.
pub fn render<T: Template>(template: &T) -> Result<HttpResponse, AppError> {
    render_with_status(template, actix_web::http::StatusCode::OK)
}

pub fn render_with_status<T: Template>(
    template: &T,
    status: actix_web::http::StatusCode,
) -> Result<HttpResponse, AppError> {
    let body = template.render()?;
    Ok(HttpResponse::build(status)
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/html; charset=utf-8"),
        ))
        .body(body))
}

/// Reads a request body up to the configured limit; larger bodies are refused with 413
/// before they are read, or as soon as they cross the limit.
pub async fn read_body(
    mut payload: web::Payload,
    limit: usize,
    declared_length: Option<usize>,
) -> Result<web::Bytes, AppError> {
    if declared_length.is_some_and(|len| len > limit) {
        return Err(AppError::PayloadTooLarge(limit));
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk
            .map_err(|e| AppError::BadRequest(format!("could not read the request body: {e}")))?;
        if body.len() + chunk.len() > limit {
            return Err(AppError::PayloadTooLarge(limit));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// The Content-Length header, when a client sent one.
pub fn content_length(req: &actix_web::HttpRequest) -> Option<usize> {
    req.headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
}
