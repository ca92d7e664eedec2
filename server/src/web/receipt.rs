//! `/receipt`: the reporter's side of the callback. The receipt code (always sent by POST,
//! never in a URL, never in a cookie) opens the submission's status, the analysts'
//! questions, an answer form that goes through the scrubber and a preview like the
//! submission form, and withdrawal. Wrong codes reveal nothing and are rate limited.

use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::{no_store, read_form, render, render_with_status, AppState};
use crate::db::receipts;
use crate::db::reports::{STATUS_APPROVED, STATUS_PENDING, STATUS_PUBLISHED, STATUS_REJECTED};
use crate::db::review::{self, Message, ReceiptStatus, AUTHOR_REPORTER};
use crate::error::AppError;
use crate::submission::{self, Segment};
use crate::{auth, receipt, util};

/// Failed receipt codes allowed per source address in the limiter's window.
const MAX_RECEIPT_FAILURES: usize = 10;
const MAX_ANSWER_CHARS: usize = 10_000;

#[derive(Template)]
#[template(path = "receipt_lookup.html")]
struct LookupPage {
    error: Option<String>,
}

pub async fn lookup_page() -> Result<HttpResponse, AppError> {
    Ok(no_store(render(&LookupPage { error: None })?))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReceiptForm {
    code: String,
    /// view (default), preview, send or withdraw.
    action: String,
    text: String,
    more_terms: String,
    restore: Vec<String>,
    digest: String,
    confirm_withdraw: String,
}

/// The reporter's answer after the scrubber, as previewed.
pub struct AnswerPreview {
    pub segments: Vec<Segment>,
    pub findings: Vec<(String, String, &'static str)>,
    pub text: String,
    pub more_terms: String,
    pub digest: String,
    pub stale: bool,
    /// What would be stored.
    pub scrubbed: String,
}

#[derive(Template)]
#[template(path = "receipt_status.html")]
struct StatusPage {
    code: String,
    status: &'static str,
    status_text: String,
    reject_reason: Option<String>,
    public_id: Option<String>,
    title: String,
    messages: Vec<Message>,
    awaiting_answer: bool,
    can_answer: bool,
    destroy_after: Option<String>,
    retention_days: i64,
    preview: Option<AnswerPreview>,
    notice: &'static str,
}

#[derive(Template)]
#[template(path = "receipt_withdrawn.html")]
struct WithdrawnPage;

fn status_words(status: &str) -> (&'static str, &'static str) {
    match status {
        STATUS_PENDING => ("pending", "Waiting for review by an analyst."),
        STATUS_APPROVED => (
            "approved",
            "Approved. It will be published with the next batch of reports.",
        ),
        STATUS_PUBLISHED => ("published", "Published."),
        STATUS_REJECTED => ("rejected", "Not published."),
        _ => ("unknown", ""),
    }
}

/// Finds the submission a code opens, or None. The limiter counts failures per source;
/// a code of the wrong shape costs as much as a wrong one.
async fn open(state: &AppState, req: &HttpRequest, code: &str) -> Result<Option<i64>, AppError> {
    let source = super::moderation::source_of(req);
    if !state
        .limiter
        .allows("receipt-source", &source, MAX_RECEIPT_FAILURES)
    {
        return Err(AppError::TooManyRequests(
            "Too many wrong receipt codes from here. Wait a quarter of an hour and try again."
                .into(),
        ));
    }
    let normalised = receipt::normalise(code);
    let candidates = match &normalised {
        Some(code) => {
            let prefix = receipt::lookup_prefix(code).to_string();
            state
                .db(move |conn| receipts::find_by_prefix(conn, &prefix))
                .await?
        }
        None => Vec::new(),
    };
    let code = normalised.unwrap_or_default();
    let found = web::block(move || {
        if candidates.is_empty() {
            // As much work as a real comparison, so timing says nothing about prefixes.
            receipt::verify(&code, &auth::DUMMY_HASH);
            return None;
        }
        candidates
            .into_iter()
            .find(|(_, hash)| receipt::verify(&code, hash))
            .map(|(seq, _)| seq)
    })
    .await?;
    if found.is_none() {
        state.limiter.record_failure("receipt-source", &source);
    }
    Ok(found)
}

fn wrong_code() -> Result<HttpResponse, AppError> {
    Ok(no_store(render_with_status(
        &LookupPage {
            error: Some(
                "No submission matches this receipt code. Check it for typos: it may also have \
                 been withdrawn, or destroyed after its retention period."
                    .into(),
            ),
        },
        StatusCode::NOT_FOUND,
    )?))
}

fn answer_digest(text: &str) -> String {
    util::hex(&Sha256::digest(text.as_bytes()))
}

fn preview_answer(state: &AppState, form: &ReceiptForm, stale: bool) -> AnswerPreview {
    let declared = submission::split_list(&form.more_terms);
    let scrubbed = state
        .scrubber
        .scrub_document(&[form.text.as_str()], &declared, &form.restore)
        .pop()
        .unwrap_or_else(|| scrubber::Scrubbed {
            text: String::new(),
            findings: Vec::new(),
        });
    let findings = scrubbed
        .findings
        .iter()
        .filter_map(|f| {
            Some((
                form.text.get(f.start..f.end)?.to_string(),
                f.placeholder.clone(),
                f.kind.as_str(),
            ))
        })
        .collect();
    AnswerPreview {
        segments: submission::segments(&form.text, &scrubbed.findings),
        findings,
        digest: answer_digest(&scrubbed.text),
        text: form.text.clone(),
        more_terms: form.more_terms.clone(),
        stale,
        scrubbed: scrubbed.text,
    }
}

fn status_page(
    state: &AppState,
    code: String,
    status: ReceiptStatus,
    preview: Option<AnswerPreview>,
    notice: &'static str,
) -> Result<HttpResponse, AppError> {
    let r = &status.report;
    let (slug, text) = status_words(&r.status);
    let can_answer = r.status == STATUS_PENDING || r.status == STATUS_APPROVED;
    Ok(no_store(render(&StatusPage {
        code,
        status: slug,
        status_text: text.to_string(),
        reject_reason: r.reject_reason.clone(),
        public_id: status.public_id.clone(),
        title: r.title.clone(),
        awaiting_answer: status
            .messages
            .last()
            .is_some_and(|m| m.author == review::AUTHOR_ANALYST),
        messages: status.messages,
        can_answer,
        destroy_after: status
            .released_day
            .map(|day| util::day_text(day + state.config.receipt_retention_days.max(0))),
        retention_days: state.config.receipt_retention_days,
        preview,
        notice,
    })?))
}

pub async fn receipt_action(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form: ReceiptForm = read_form(&state, &req, payload).await?;
    let Some(seq) = open(&state, &req, &form.code).await? else {
        return wrong_code();
    };
    let code = form.code.trim().to_string();
    let load = |state: &AppState| {
        let state = state.clone();
        async move {
            state
                .db(move |conn| review::receipt_status(conn, seq))
                .await
        }
    };
    match form.action.as_str() {
        "" | "view" => status_page(&state, code, load(&state).await?, None, ""),
        "preview" | "send" => {
            if form.text.trim().is_empty() {
                return Err(AppError::BadRequest("The answer is empty.".into()));
            }
            if form.text.chars().count() > MAX_ANSWER_CHARS {
                return Err(AppError::BadRequest(format!(
                    "The answer is too long (at most {MAX_ANSWER_CHARS} characters)."
                )));
            }
            let scrubber_state = state.clone();
            let (form, preview) = web::block(move || {
                let preview = preview_answer(&scrubber_state, &form, false);
                (form, preview)
            })
            .await?;
            if form.action == "send" && form.digest == preview.digest {
                let scrubbed = preview.scrubbed;
                state
                    .db(move |conn| review::add_message(conn, seq, AUTHOR_REPORTER, &scrubbed))
                    .await?;
                return status_page(&state, code, load(&state).await?, None, "sent");
            }
            // A changed text, or a first preview: show what would be sent.
            let stale = form.action == "send";
            let preview = AnswerPreview { stale, ..preview };
            status_page(&state, code, load(&state).await?, Some(preview), "")
        }
        "withdraw" => {
            if form.confirm_withdraw != "yes" {
                return Err(AppError::BadRequest(
                    "Tick the box to confirm that the submission should be deleted.".into(),
                ));
            }
            state.db(move |conn| review::withdraw(conn, seq)).await?;
            Ok(no_store(render(&WithdrawnPage)?))
        }
        other => Err(AppError::BadRequest(format!("Unknown action {other:?}."))),
    }
}
