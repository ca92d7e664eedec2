//! Operations endpoints: health and Prometheus metrics. Neither reveals any client data.

use actix_web::{web, HttpResponse};

use super::AppState;
use crate::db::{self, reports};
use crate::error::AppError;

/// 200 when the database answers, 503 otherwise.
pub async fn healthz(state: web::Data<AppState>) -> HttpResponse {
    match state.db(|conn| db::ping(conn)).await {
        Ok(()) => HttpResponse::Ok()
            .content_type("text/plain; charset=utf-8")
            .body("ok\n"),
        Err(err) => {
            tracing::warn!(error = %err, "health check failed");
            HttpResponse::ServiceUnavailable()
                .content_type("text/plain; charset=utf-8")
                .body("database unreachable\n")
        }
    }
}

pub async fn metrics(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let counts = state.db(|conn| reports::count_by_status(conn)).await?;
    state.metrics.set_submissions(&counts);
    let body = state
        .metrics
        .encode()
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body))
}
