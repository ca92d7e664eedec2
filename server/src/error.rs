//! The web layer's errors, mapped to HTTP in this one place: pages render through the
//! layout, the API answers JSON. Internal causes are logged, never shown.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use askama::Template;
use serde::Serialize;

use crate::db::DbError;
use crate::submission::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("no such API route")]
    NoRoute,
    #[error("{0}")]
    BadRequest(String),
    #[error("the request body is larger than the limit of {0} bytes")]
    PayloadTooLarge(usize),
    #[error("sign in required")]
    LoginRequired,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    TooManyRequests(String),
    #[error("database error: {0}")]
    Db(DbError),
    #[error("internal error: {0}")]
    Internal(String),
}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::NotFound => AppError::NotFound,
            DbError::Invalid(msg) => AppError::BadRequest(msg),
            other => AppError::Db(other),
        }
    }
}

impl From<actix_web::error::BlockingError> for AppError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        AppError::Internal(err.to_string())
    }
}

impl From<askama::Error> for AppError {
    fn from(err: askama::Error) -> Self {
        AppError::Internal(format!("template: {err}"))
    }
}

impl AppError {
    fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound | AppError::NoRoute => StatusCode::NOT_FOUND,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::LoginRequired => StatusCode::SEE_OTHER,
            AppError::Forbidden(_) => StatusCode::FORBIDDEN,
            AppError::TooManyRequests(_) => StatusCode::TOO_MANY_REQUESTS,
            AppError::Db(DbError::Pool(_) | DbError::Connection(_)) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            AppError::Db(_) | AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable machine-readable code for API clients.
    fn code(&self) -> &'static str {
        match self {
            AppError::NotFound => "not_found",
            AppError::NoRoute => "no_such_route",
            AppError::BadRequest(_) => "bad_request",
            AppError::PayloadTooLarge(_) => "payload_too_large",
            AppError::LoginRequired => "login_required",
            AppError::Forbidden(_) => "forbidden",
            AppError::TooManyRequests(_) => "too_many_requests",
            AppError::Db(DbError::Pool(_) | DbError::Connection(_)) => "unavailable",
            AppError::Db(_) | AppError::Internal(_) => "internal",
        }
    }

    /// What the client may read: never an internal cause.
    fn public_message(&self) -> String {
        match self {
            AppError::NotFound => "There is no published report or page at this address.".into(),
            AppError::NoRoute => "There is no such API route: see /api/v1/openapi.json.".into(),
            AppError::BadRequest(msg)
            | AppError::Forbidden(msg)
            | AppError::TooManyRequests(msg) => msg.clone(),
            AppError::LoginRequired => "Analysts must sign in first: /mod/login.".into(),
            AppError::PayloadTooLarge(_) => self.to_string(),
            AppError::Db(DbError::Pool(_) | DbError::Connection(_)) => {
                "The registry cannot reach its database right now. Nothing was stored; please try again shortly.".into()
            }
            AppError::Db(_) | AppError::Internal(_) => {
                "Something went wrong on our side. Nothing was stored; please try again.".into()
            }
        }
    }

    fn log(&self) {
        if self.status().is_server_error() {
            // Causes come from the database or templates, never from request content.
            tracing::error!(error = %self, "request failed");
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    status: u16,
    heading: &'static str,
    message: String,
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        self.status()
    }

    fn error_response(&self) -> HttpResponse {
        self.log();
        if let AppError::LoginRequired = self {
            return HttpResponse::SeeOther()
                .insert_header((header::LOCATION, "/mod/login"))
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .finish();
        }
        let status = self.status();
        let heading = match status {
            StatusCode::NOT_FOUND => "Not found",
            StatusCode::BAD_REQUEST => "Bad request",
            StatusCode::PAYLOAD_TOO_LARGE => "Too large",
            StatusCode::FORBIDDEN => "Forbidden",
            StatusCode::TOO_MANY_REQUESTS => "Too many attempts",
            StatusCode::SERVICE_UNAVAILABLE => "Temporarily unavailable",
            _ => "Server error",
        };
        let page = ErrorPage {
            status: status.as_u16(),
            heading,
            message: self.public_message(),
        };
        match page.render() {
            Ok(body) => HttpResponse::build(status)
                .insert_header((
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/html; charset=utf-8"),
                ))
                .body(body),
            Err(_) => HttpResponse::build(status).body(self.public_message()),
        }
    }
}

/// Errors of the JSON API: the same causes, answered as `{"error": {"code", "message"}}`.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    #[error(transparent)]
    App(#[from] AppError),
    #[error("the submission has invalid fields")]
    Validation(Vec<FieldError>),
}

impl From<DbError> for ApiError {
    fn from(err: DbError) -> Self {
        ApiError::App(err.into())
    }
}

impl From<actix_web::error::BlockingError> for ApiError {
    fn from(err: actix_web::error::BlockingError) -> Self {
        ApiError::App(err.into())
    }
}

#[derive(Serialize)]
struct ApiErrorBody<'a> {
    error: ApiErrorDetail<'a>,
}

#[derive(Serialize)]
struct ApiErrorDetail<'a> {
    code: &'a str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<&'a [FieldError]>,
}

impl ResponseError for ApiError {
    fn status_code(&self) -> StatusCode {
        match self {
            ApiError::App(err) => err.status(),
            ApiError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    fn error_response(&self) -> HttpResponse {
        let detail = match self {
            ApiError::App(err) => {
                err.log();
                ApiErrorDetail {
                    code: err.code(),
                    message: err.public_message(),
                    fields: None,
                }
            }
            ApiError::Validation(fields) => ApiErrorDetail {
                code: "invalid_fields",
                message: fields
                    .iter()
                    .map(|f| format!("{} {}", f.field, f.message))
                    .collect::<Vec<_>>()
                    .join("; "),
                fields: Some(fields),
            },
        };
        HttpResponse::build(self.status_code()).json(ApiErrorBody { error: detail })
    }
}
