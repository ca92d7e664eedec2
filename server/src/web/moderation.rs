//! `/mod/…`: the analysts' side. Sign-in with rate limits, the queue, the review screen
//! (residual-risk highlighting, manual redaction, coding, likely duplicates), the actions
//! (approve for the next batch, reject, ask the reporter, attach to an event), the audit
//! log and the management of analysts. Every page is behind a session; every form that
//! changes something carries the session's CSRF token.

use std::future::Future;
use std::pin::Pin;

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use askama::Template;
use diesel::Connection;
use serde::Deserialize;

use super::search::HitView;
use super::submit::{choices, Choice};
use super::{no_store, read_form, render, render_with_status, see_other, AppState};
use crate::auth::{self, SESSION_COOKIE};
use crate::db::analysts::{self, Analyst, AuditEntry, ROLE_ADMIN, ROLE_ANALYST};
use crate::db::reports::{self, Coding, ReportDetail, STATUS_APPROVED, STATUS_PENDING};
use crate::db::review::{self, Message, QueueRow, ReviewedFields, AUTHOR_ANALYST};
use crate::db::{DbConnection, DbResult};
use crate::error::AppError;
use crate::review::{self as review_text, ReviewSegment, MANUAL_KINDS};
use crate::submission::{self, TEXT_FIELDS};
use crate::taxonomy::{self, Term, CONTRIBUTING_FACTORS, FAILURE_PATTERNS, INDUSTRIES, SEVERITIES};
use crate::util;
use scrubber::vocabulary::Vocabulary;

/// Failed sign-ins allowed per account, and per source address, in the window.
const MAX_FAILURES_PER_ACCOUNT: usize = 5;
const MAX_FAILURES_PER_SOURCE: usize = 20;
const SIMILAR_IN_REVIEW: usize = 5;

/// A signed-in analyst, from the session cookie. Without a valid session every `/mod`
/// route answers with a redirect to the sign-in page and shows nothing.
pub struct AnalystSession {
    pub analyst: Analyst,
    pub csrf: String,
    token_hash: String,
}

impl AnalystSession {
    /// Refuses a state-changing form whose CSRF token is not this session's.
    fn check_csrf(&self, token: &str) -> Result<(), AppError> {
        if auth::secrets_match(token, &self.csrf) {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "The form's security token is missing or wrong. Reload the page and try again."
                    .into(),
            ))
        }
    }

    /// Reads a state-changing form and refuses it unless it carries this session's token.
    pub(crate) async fn read_form<T: CsrfProtected>(
        &self,
        state: &AppState,
        req: &HttpRequest,
        payload: web::Payload,
    ) -> Result<T, AppError> {
        let form: T = read_form(state, req, payload).await?;
        self.check_csrf(form.csrf())?;
        Ok(form)
    }

    pub(crate) fn require_admin(&self) -> Result<(), AppError> {
        if self.analyst.is_admin() {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "Only administrators can do this.".into(),
            ))
        }
    }

    /// Does an analyst's action and writes its audit row in one transaction: an action is
    /// never stored without its audit entry, nor audited without having happened.
    pub(crate) async fn act<T, F>(
        &self,
        state: &AppState,
        action: &'static str,
        report_id: &str,
        detail: String,
        work: F,
    ) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> DbResult<T> + Send + 'static,
    {
        self.act_described(state, action, report_id, work, move |_| detail)
            .await
    }

    /// Like `act`, with an audit detail that depends on the outcome (a batch's count).
    pub(crate) async fn act_described<T, F, D>(
        &self,
        state: &AppState,
        action: &'static str,
        report_id: &str,
        work: F,
        describe: D,
    ) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut DbConnection) -> DbResult<T> + Send + 'static,
        D: FnOnce(&T) -> String + Send + 'static,
    {
        let (name, report_id) = (self.analyst.name.clone(), report_id.to_string());
        state
            .db(move |conn| {
                let conn: &mut DbConnection = conn;
                conn.transaction(|conn| {
                    let done = work(conn)?;
                    let detail = describe(&done);
                    analysts::audit(conn, util::today(), &name, action, &report_id, &detail)?;
                    Ok(done)
                })
            })
            .await
    }
}

impl FromRequest for AnalystSession {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let cookie = req.cookie(SESSION_COOKIE).map(|c| c.value().to_string());
        Box::pin(async move {
            let state =
                state.ok_or_else(|| AppError::Internal("application state missing".into()))?;
            let token = cookie
                .as_deref()
                .and_then(|signed| state.signer.unsign("session", signed))
                .map(str::to_string)
                .ok_or(AppError::LoginRequired)?;
            let token_hash = auth::token_hash(&token);
            let lookup = token_hash.clone();
            let now = util::unix_now();
            let (analyst, csrf) = state
                .db(move |conn| analysts::find_session(conn, &lookup, now))
                .await?
                .ok_or(AppError::LoginRequired)?;
            Ok(AnalystSession {
                analyst,
                csrf,
                token_hash,
            })
        })
    }
}

/// A form that changes something: it carries the session's CSRF token.
pub(crate) trait CsrfProtected: serde::de::DeserializeOwned {
    fn csrf(&self) -> &str;
}

macro_rules! csrf_protected {
    ($($form:ty),*) => {
        $(impl CsrfProtected for $form {
            fn csrf(&self) -> &str {
                &self.csrf
            }
        })*
    };
}

pub(crate) use csrf_protected;

csrf_protected!(
    CsrfForm,
    ReviewForm,
    TextForm,
    AttachForm,
    NewAnalystForm,
    ActiveForm
);

/// The source address, only as a rate-limit key (hashed with a daily secret, in memory).
pub(crate) fn source_of(req: &HttpRequest) -> String {
    req.peer_addr()
        .map(|addr| addr.ip().to_string())
        .unwrap_or_default()
}

fn session_cookie(value: String, max_age_hours: i64, secure: bool) -> Cookie<'static> {
    Cookie::build(SESSION_COOKIE, value)
        .path("/mod")
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Strict)
        .max_age(CookieDuration::hours(max_age_hours))
        .finish()
}

#[derive(Template)]
#[template(path = "mod_login.html")]
struct LoginPage {
    form_token: String,
    name: String,
    error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    name: String,
    password: String,
    form_token: String,
}

pub async fn login_page(state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    Ok(no_store(render(&LoginPage {
        form_token: state.signer.login_form_token(),
        name: String::new(),
        error: None,
    })?))
}

pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form: LoginForm = read_form(&state, &req, payload).await?;
    if !state.signer.check_login_form_token(&form.form_token) {
        return Err(AppError::Forbidden(
            "The sign-in form has expired or was not ours. Reload it and try again.".into(),
        ));
    }
    let source = source_of(&req);
    let name = form.name.trim().to_string();
    if !state
        .limiter
        .allows("login-source", &source, MAX_FAILURES_PER_SOURCE)
        || !state
            .limiter
            .allows("login-account", &name, MAX_FAILURES_PER_ACCOUNT)
    {
        return Err(AppError::TooManyRequests(
            "Too many failed sign-ins. Wait a quarter of an hour and try again.".into(),
        ));
    }
    let lookup = name.clone();
    let account = state
        .db(move |conn| analysts::find_by_name(conn, &lookup))
        .await?;
    let password = form.password;
    let verified = web::block(move || match account {
        Some(analyst) if analyst.active => {
            auth::verify_password(&password, &analyst.password_hash).then_some(analyst)
        }
        _ => {
            // Same work for a missing or disabled account as for a wrong password.
            auth::verify_password(&password, &auth::DUMMY_HASH);
            None
        }
    })
    .await?;
    let Some(analyst) = verified else {
        state.limiter.record_failure("login-source", &source);
        state.limiter.record_failure("login-account", &name);
        return Ok(no_store(render_with_status(
            &LoginPage {
                form_token: state.signer.login_form_token(),
                name,
                error: Some("That name and password do not match an active analyst.".into()),
            },
            actix_web::http::StatusCode::UNAUTHORIZED,
        )?));
    };
    state.limiter.clear("login-account", &name);
    let token = auth::random_token();
    let (hash, csrf) = (auth::token_hash(&token), auth::random_token());
    let hours = state.config.session_hours.max(1);
    let expires_at = util::unix_now() + hours * 3600;
    let (analyst_id, analyst_name) = (analyst.id, analyst.name.clone());
    // Expired sessions are swept by the maintenance thread, not here.
    state
        .db(move |conn| {
            let conn: &mut DbConnection = conn;
            conn.transaction(|conn| {
                analysts::create_session(conn, &hash, analyst_id, &csrf, expires_at)?;
                analysts::audit(conn, util::today(), &analyst_name, "sign-in", "", "")
            })
        })
        .await?;
    let secure = state.config.public_url.starts_with("https://");
    let mut response = see_other("/mod/queue");
    response
        .add_cookie(&session_cookie(
            state.signer.sign("session", &token),
            hours,
            secure,
        ))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(response)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CsrfForm {
    csrf: String,
}

pub async fn logout(
    state: web::Data<AppState>,
    session: AnalystSession,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    session.read_form::<CsrfForm>(&state, &req, payload).await?;
    let hash = session.token_hash.clone();
    session
        .act(&state, "sign-out", "", String::new(), move |conn| {
            analysts::delete_session(conn, &hash)
        })
        .await?;
    let mut response = see_other("/mod/login");
    let mut expired = session_cookie(String::new(), 0, false);
    expired.make_removal();
    response
        .add_cookie(&expired)
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(response)
}

pub async fn home(_session: AnalystSession) -> HttpResponse {
    see_other("/mod/queue")
}

/// One submission in the queue, as listed.
pub struct QueueItem {
    pub id: String,
    pub title: String,
    pub status: String,
    pub submitted: String,
    pub awaiting_reporter: bool,
    pub messages: usize,
    pub risks: usize,
    pub supplemental: bool,
}

#[derive(Template)]
#[template(path = "mod_queue.html")]
struct QueuePage {
    analyst: Analyst,
    csrf: String,
    items: Vec<QueueItem>,
    counts: Vec<(String, i64)>,
    next_batch: String,
    notice: String,
    page: i64,
    prev_page: Option<i64>,
    next_page: Option<i64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NoticeQuery {
    notice: String,
    page: Option<i64>,
}

const QUEUE_PAGE: i64 = 50;

pub async fn queue(
    state: web::Data<AppState>,
    session: AnalystSession,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let page = query.page.unwrap_or(1).clamp(1, 1_000_000);
    let (rows, counts, last_batch) = state
        .db(move |conn| {
            Ok((
                review::queue(conn, QUEUE_PAGE, (page - 1) * QUEUE_PAGE)?,
                reports::count_by_status(conn)?,
                review::last_batch_day(conn)?,
            ))
        })
        .await?;
    let under_review: i64 = counts
        .iter()
        .filter(|(status, _)| status == STATUS_PENDING || status == STATUS_APPROVED)
        .map(|(_, n)| n)
        .sum();
    let vocabulary = Vocabulary::builtin();
    let items = rows
        .into_iter()
        .map(
            |QueueRow {
                 report,
                 awaiting_reporter,
                 messages,
             }| QueueItem {
                risks: [&report.title, &report.narrative, &report.lessons]
                    .iter()
                    .map(|text| review_text::risk_count(text, vocabulary))
                    .sum(),
                id: report.id,
                title: report.title,
                status: report.status,
                submitted: util::month_name(&report.submitted_month),
                awaiting_reporter,
                messages,
                supplemental: report.event_seq.is_some(),
            },
        )
        .collect();
    Ok(no_store(render(&QueuePage {
        analyst: session.analyst,
        csrf: session.csrf,
        items,
        counts,
        // Before the first maintenance round the schedule starts today.
        next_batch: util::day_text(
            last_batch.unwrap_or_else(util::today) + state.config.batch_interval_days.max(1),
        ),
        notice: query.notice,
        page,
        prev_page: (page > 1).then_some(page - 1),
        next_page: (page * QUEUE_PAGE < under_review).then_some(page + 1),
    })?))
}

/// Publishes every approved report now (administrators; `registry publish-batch` does the
/// same from the command line).
pub async fn publish_batch_now(
    state: web::Data<AppState>,
    session: AnalystSession,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    session.read_form::<CsrfForm>(&state, &req, payload).await?;
    session.require_admin()?;
    let count = session
        .act_described(
            &state,
            "publish-batch",
            "",
            crate::maintenance::publish_batch,
            |count| format!("published {count}"),
        )
        .await?;
    Ok(see_other(&format!("/mod/queue?notice=published-{count}")))
}

/// A field of the review screen: highlighted segments and the editable text.
pub struct ReviewField {
    pub name: &'static str,
    pub label: &'static str,
    pub text: String,
    pub segments: Vec<ReviewSegment>,
}

/// A likely duplicate shown on the review screen.
pub struct Duplicate {
    pub id: String,
    pub title: String,
    pub status: String,
    pub score: String,
    pub public: bool,
}

#[derive(Template)]
#[template(path = "mod_review.html")]
struct ReviewPage {
    analyst: Analyst,
    csrf: String,
    id: String,
    status: String,
    submitted: String,
    occurred: String,
    duration: String,
    event_primary: Option<String>,
    fields: Vec<ReviewField>,
    risks: usize,
    industries: Vec<Choice>,
    severities: Vec<Choice>,
    technologies: String,
    suggested_technologies: Vec<String>,
    patterns: Vec<Choice>,
    suggested_patterns: Vec<&'static str>,
    factors: Vec<Choice>,
    suggested_factors: Vec<&'static str>,
    manual_kinds: Vec<(&'static str, &'static str)>,
    messages: Vec<Message>,
    awaiting_reporter: bool,
    published_similar: Vec<HitView>,
    pending_similar: Vec<Duplicate>,
    audit: Vec<AuditEntry>,
    notice: String,
}

/// What a list of checkboxes starts with: the coding, or with nothing coded yet the
/// suggestions, ticked for the analyst to confirm.
fn coded_or_suggested(coded: &[String], suggested: &[&str]) -> Vec<String> {
    if coded.is_empty() {
        suggested.iter().map(|s| s.to_string()).collect()
    } else {
        coded.to_vec()
    }
}

fn field_text<'a>(detail: &'a ReportDetail, name: &str) -> &'a str {
    let r = &detail.report;
    match name {
        "title" => &r.title,
        "narrative" => &r.narrative,
        "impact" => &r.impact,
        "detection" => &r.detection,
        "lessons" => &r.lessons,
        "action_items" => &r.action_items,
        "went_well" => &r.went_well,
        "other_technologies" => &r.other_technologies,
        _ => "",
    }
}

fn valid_id(id: &str) -> Result<(), AppError> {
    if util::is_report_id(id) {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

pub async fn review_page(
    state: web::Data<AppState>,
    session: AnalystSession,
    id: web::Path<String>,
    query: web::Query<NoticeQuery>,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    valid_id(&id)?;
    let is_admin = session.analyst.is_admin();
    let (detail, messages, pending_similar, audit, event_primary) = state
        .db({
            let id = id.clone();
            move |conn| {
                let detail = review::find_for_review(conn, &id)?;
                let messages = review::messages(conn, detail.report.seq)?;
                let similar = review::similar_under_review(conn, &detail, SIMILAR_IN_REVIEW)?;
                let audit = if is_admin {
                    analysts::audit_entries(conn, Some(&id), 100)?
                } else {
                    Vec::new()
                };
                let primary = match detail.report.event_seq {
                    Some(seq) => review::report_id_of(conn, seq)?,
                    None => None,
                };
                Ok((detail, messages, similar, audit, primary))
            }
        })
        .await?;
    if detail.report.status != STATUS_PENDING && detail.report.status != STATUS_APPROVED {
        // Published reports are public; rejected ones keep nothing worth reviewing.
        return Ok(see_other(&format!(
            "/mod/queue?notice={}",
            detail.report.status
        )));
    }
    session
        .act(&state, "open", &id, String::new(), |_| Ok(()))
        .await?;
    let vocabulary = Vocabulary::builtin();
    let fields: Vec<ReviewField> = TEXT_FIELDS
        .iter()
        .filter(|(name, _)| *name != "other_technologies")
        .map(|&(name, label)| {
            let text = field_text(&detail, name).to_string();
            ReviewField {
                name,
                label,
                segments: review_text::segments(&text, vocabulary),
                text,
            }
        })
        .collect();
    let risks = fields
        .iter()
        .flat_map(|f| &f.segments)
        .filter(|s| s.class == "risk")
        .count();
    let all_text: String = fields
        .iter()
        .map(|f| f.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let suggested_technologies: Vec<String> = vocabulary
        .find_in_text(&all_text)
        .into_iter()
        .filter(|(tech, _)| tech.name.chars().count() > 2)
        .filter(|(tech, _)| !detail.technologies.iter().any(|t| t.slug == tech.slug))
        .map(|(tech, version)| super::public::technology_text(&tech.name, version.as_deref()))
        .collect();
    let suggested_patterns = taxonomy::suggest_patterns(&all_text);
    let coded_patterns = coded_or_suggested(&detail.patterns, &suggested_patterns);
    let suggested_factors = taxonomy::suggest_factors(&all_text);
    let coded_factors = coded_or_suggested(&detail.factors, &suggested_factors);
    let awaiting_reporter = messages.last().is_some_and(|m| m.author == AUTHOR_ANALYST);
    let index = state.search.clone();
    let slugs: Vec<String> = detail.technologies.iter().map(|t| t.slug.clone()).collect();
    let (narrative, lessons) = (
        detail.report.narrative.clone(),
        detail.report.lessons.clone(),
    );
    let published_similar = match web::block(move || {
        index.similar_to_text(&narrative, &lessons, &slugs, None, 5)
    })
    .await
    {
        Ok(Ok(hits)) => hits.iter().map(HitView::new).collect(),
        _ => Vec::new(),
    };
    let r = &detail.report;
    Ok(no_store(render(&ReviewPage {
        csrf: session.csrf.clone(),
        analyst: session.analyst,
        id: r.id.clone(),
        status: r.status.clone(),
        submitted: util::month_name(&r.submitted_month),
        occurred: util::month_name(&r.occurred_month),
        duration: r
            .duration_minutes
            .map(util::duration_text)
            .unwrap_or_default(),
        event_primary,
        fields,
        risks,
        industries: choices(INDUSTRIES, std::slice::from_ref(&r.industry)),
        severities: choices(SEVERITIES, std::slice::from_ref(&r.severity)),
        technologies: detail
            .technologies
            .iter()
            .map(|t| super::public::technology_text(&t.name, t.version.as_deref()))
            .collect::<Vec<_>>()
            .join(", "),
        suggested_technologies,
        patterns: choices(FAILURE_PATTERNS, &coded_patterns),
        suggested_patterns,
        factors: choices(CONTRIBUTING_FACTORS, &coded_factors),
        suggested_factors,
        manual_kinds: MANUAL_KINDS
            .iter()
            .map(|k| (k.as_str(), k.label()))
            .collect(),
        messages,
        awaiting_reporter,
        published_similar,
        pending_similar: pending_similar
            .into_iter()
            .map(|(report, score)| Duplicate {
                public: false,
                id: report.id,
                title: report.title,
                status: report.status,
                score: format!("{:.0}%", score * 100.0),
            })
            .collect(),
        audit,
        notice: query.into_inner().notice,
    })?))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    csrf: String,
    title: String,
    industry: String,
    severity: String,
    narrative: String,
    impact: String,
    detection: String,
    went_well: String,
    lessons: String,
    action_items: String,
    technologies: String,
    add_technologies: Vec<String>,
    patterns: Vec<String>,
    factors: Vec<String>,
    redact_terms: String,
    redact_kind: String,
}

fn check_choice(list: &'static [Term], slug: &str, what: &str) -> Result<(), AppError> {
    if slug.is_empty() || taxonomy::find(list, slug).is_some() {
        Ok(())
    } else {
        Err(AppError::BadRequest(format!("Unknown {what} {slug:?}.")))
    }
}

/// Saves edits, manual redactions and coding.
pub async fn save_review(
    state: web::Data<AppState>,
    session: AnalystSession,
    id: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    valid_id(&id)?;
    let form: ReviewForm = session.read_form(&state, &req, payload).await?;
    if form.title.trim().is_empty() {
        return Err(AppError::BadRequest("A report needs a title.".into()));
    }
    if taxonomy::find(INDUSTRIES, &form.industry).is_none() {
        return Err(AppError::BadRequest(format!(
            "Unknown industry {:?}.",
            form.industry
        )));
    }
    check_choice(SEVERITIES, &form.severity, "severity")?;
    for slug in &form.patterns {
        check_choice(FAILURE_PATTERNS, slug, "failure pattern")?;
    }
    for slug in &form.factors {
        check_choice(CONTRIBUTING_FACTORS, slug, "contributing factor")?;
    }
    let vocabulary = Vocabulary::builtin();
    let mut mentions = submission::split_list(&form.technologies);
    mentions.extend(form.add_technologies.iter().cloned());
    let mut technologies: Vec<(String, Option<String>)> = Vec::new();
    for mention in &mentions {
        let (tech, version) = vocabulary.lookup(mention).ok_or_else(|| {
            AppError::BadRequest(format!(
                "{mention:?} is not in the technology vocabulary (see /technologies for names)."
            ))
        })?;
        if !technologies.iter().any(|(slug, _)| *slug == tech.slug) {
            technologies.push((tech.slug.clone(), version));
        }
    }
    let kind = match form.redact_kind.as_str() {
        "" => scrubber::Kind::Person,
        other => MANUAL_KINDS
            .iter()
            .copied()
            .find(|k| k.as_str() == other)
            .ok_or_else(|| AppError::BadRequest(format!("Unknown redaction kind {other:?}.")))?,
    };
    let mut fields = ReviewedFields {
        title: form.title,
        industry: form.industry,
        severity: form.severity,
        narrative: form.narrative,
        impact: form.impact,
        detection: form.detection,
        went_well: form.went_well,
        lessons: form.lessons,
        action_items: form.action_items,
    };
    let terms = submission::split_list(&form.redact_terms);
    let redacted = review_text::redact_terms(
        &mut [
            &mut fields.title,
            &mut fields.narrative,
            &mut fields.impact,
            &mut fields.detection,
            &mut fields.went_well,
            &mut fields.lessons,
            &mut fields.action_items,
        ],
        &terms,
        kind,
    );
    let coding = Coding {
        technologies,
        factors: form.factors,
        patterns: form.patterns,
    };
    let detail = format!(
        "saved; {} technologies, {} patterns, {} factors; {redacted} spans redacted as {}",
        coding.technologies.len(),
        coding.patterns.len(),
        coding.factors.len(),
        kind.as_str()
    );
    session
        .act(&state, "save", &id, detail, {
            let id = id.clone();
            move |conn| {
                let current = reports::find_any(conn, &id)?;
                let count = current
                    .redaction_count
                    .saturating_add(i32::try_from(redacted).unwrap_or(i32::MAX));
                review::save_review(conn, &id, &fields, count, &coding)
            }
        })
        .await?;
    Ok(see_other(&format!("/mod/reports/{id}?notice=saved")))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TextForm {
    csrf: String,
    text: String,
}

const MAX_MESSAGE_CHARS: usize = 5_000;

fn required_text(text: &str, what: &str) -> Result<String, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::BadRequest(format!("The {what} is empty.")));
    }
    if text.chars().count() > MAX_MESSAGE_CHARS {
        return Err(AppError::BadRequest(format!(
            "The {what} is too long (at most {MAX_MESSAGE_CHARS} characters)."
        )));
    }
    Ok(text.to_string())
}

/// Asks the reporter a question; they read it with their receipt.
pub async fn ask_question(
    state: web::Data<AppState>,
    session: AnalystSession,
    id: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    valid_id(&id)?;
    let form: TextForm = session.read_form(&state, &req, payload).await?;
    let question = required_text(&form.text, "question")?;
    session
        .act(&state, "question", &id, String::new(), {
            let id = id.clone();
            move |conn| {
                let report = reports::find_any(conn, &id)?;
                review::add_message(conn, report.seq, AUTHOR_ANALYST, &question)
            }
        })
        .await?;
    Ok(see_other(&format!("/mod/reports/{id}?notice=asked")))
}

pub async fn approve(
    state: web::Data<AppState>,
    session: AnalystSession,
    id: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    valid_id(&id)?;
    session.read_form::<CsrfForm>(&state, &req, payload).await?;
    session
        .act(&state, "approve", &id, String::new(), {
            let id = id.clone();
            move |conn| review::approve(conn, &id)
        })
        .await?;
    Ok(see_other("/mod/queue?notice=approved"))
}

pub async fn reject(
    state: web::Data<AppState>,
    session: AnalystSession,
    id: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    valid_id(&id)?;
    let form: TextForm = session.read_form(&state, &req, payload).await?;
    let reason = required_text(&form.text, "reason")?;
    session
        .act(&state, "reject", &id, reason.clone(), {
            let id = id.clone();
            move |conn| review::reject(conn, &id, &reason, util::today())
        })
        .await?;
    Ok(see_other("/mod/queue?notice=rejected"))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AttachForm {
    csrf: String,
    target: String,
}

/// Makes a submission a supplemental report of another report's event.
pub async fn attach(
    state: web::Data<AppState>,
    session: AnalystSession,
    id: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let id = id.into_inner();
    valid_id(&id)?;
    let form: AttachForm = session.read_form(&state, &req, payload).await?;
    let target = form.target.trim().to_lowercase();
    if !util::is_report_id(&target) {
        return Err(AppError::BadRequest(format!(
            "{target:?} is not a report id (16 letters and digits)."
        )));
    }
    session
        .act(
            &state,
            "attach",
            &id,
            format!("to the event of {target}"),
            {
                let (id, target) = (id.clone(), target.clone());
                move |conn| review::attach_to_event(conn, &id, &target)
            },
        )
        .await?;
    Ok(see_other(&format!("/mod/reports/{id}?notice=attached")))
}

#[derive(Template)]
#[template(path = "mod_audit.html")]
struct AuditPage {
    analyst: Analyst,
    csrf: String,
    entries: Vec<(String, AuditEntry)>,
    report: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    report: String,
}

pub async fn audit_log(
    state: web::Data<AppState>,
    session: AnalystSession,
    query: web::Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    session.require_admin()?;
    let report = query.into_inner().report;
    let filter = (!report.is_empty()).then(|| report.clone());
    let entries = state
        .db(move |conn| analysts::audit_entries(conn, filter.as_deref(), 1000))
        .await?;
    Ok(no_store(render(&AuditPage {
        analyst: session.analyst,
        csrf: session.csrf,
        entries: entries
            .into_iter()
            .map(|e| (util::day_text(e.day), e))
            .collect(),
        report,
    })?))
}

#[derive(Template)]
#[template(path = "mod_analysts.html")]
struct AnalystsPage {
    analyst: Analyst,
    csrf: String,
    analysts: Vec<Analyst>,
    error: Option<String>,
}

async fn analysts_page(
    state: &AppState,
    session: AnalystSession,
    error: Option<String>,
) -> Result<HttpResponse, AppError> {
    let list = state.db(|conn| analysts::list(conn)).await?;
    let status = if error.is_some() {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    } else {
        actix_web::http::StatusCode::OK
    };
    Ok(no_store(render_with_status(
        &AnalystsPage {
            analyst: session.analyst,
            csrf: session.csrf,
            analysts: list,
            error,
        },
        status,
    )?))
}

pub async fn list_analysts(
    state: web::Data<AppState>,
    session: AnalystSession,
) -> Result<HttpResponse, AppError> {
    session.require_admin()?;
    analysts_page(&state, session, None).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewAnalystForm {
    csrf: String,
    name: String,
    password: String,
    role: String,
}

pub async fn create_analyst(
    state: web::Data<AppState>,
    session: AnalystSession,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form: NewAnalystForm = session.read_form(&state, &req, payload).await?;
    session.require_admin()?;
    let role = match form.role.as_str() {
        ROLE_ADMIN => ROLE_ADMIN,
        ROLE_ANALYST | "" => ROLE_ANALYST,
        other => return Err(AppError::BadRequest(format!("Unknown role {other:?}."))),
    };
    if let Err(message) =
        auth::check_name(&form.name).and_then(|_| auth::check_new_password(&form.password))
    {
        return analysts_page(&state, session, Some(message)).await;
    }
    let password = form.password;
    let hash = web::block(move || auth::hash_password(&password))
        .await?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let name = form.name.clone();
    let detail = format!("{} ({role})", form.name);
    let created = session
        .act(&state, "create-analyst", "", detail, move |conn| {
            analysts::create(conn, &name, &hash, role)
        })
        .await;
    match created {
        Err(AppError::BadRequest(message)) => analysts_page(&state, session, Some(message)).await,
        Err(other) => Err(other),
        Ok(_) => Ok(see_other("/mod/analysts")),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ActiveForm {
    csrf: String,
    active: String,
}

pub async fn set_analyst_active(
    state: web::Data<AppState>,
    session: AnalystSession,
    name: web::Path<String>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form: ActiveForm = session.read_form(&state, &req, payload).await?;
    session.require_admin()?;
    let name = name.into_inner();
    if name == session.analyst.name {
        return Err(AppError::BadRequest(
            "You cannot disable your own account.".into(),
        ));
    }
    let active = form.active == "true";
    let action = if active {
        "enable-analyst"
    } else {
        "disable-analyst"
    };
    session
        .act(&state, action, "", name.clone(), move |conn| {
            analysts::set_active(conn, &name, active)
        })
        .await?;
    Ok(see_other("/mod/analysts"))
}

/// Every `/mod` route.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::scope("/mod")
            .wrap(
                actix_web::middleware::DefaultHeaders::new()
                    .add((actix_web::http::header::CACHE_CONTROL, "no-store")),
            )
            .route("", super::get().to(home))
            .route("/", super::get().to(home))
            .service(
                web::resource("/login")
                    .route(super::get().to(login_page))
                    .route(web::post().to(login)),
            )
            .route("/logout", web::post().to(logout))
            .route("/queue", super::get().to(queue))
            .route("/batch", web::post().to(publish_batch_now))
            .route("/reports/{id}", super::get().to(review_page))
            .route("/reports/{id}/save", web::post().to(save_review))
            .route("/reports/{id}/question", web::post().to(ask_question))
            .route("/reports/{id}/approve", web::post().to(approve))
            .route("/reports/{id}/reject", web::post().to(reject))
            .route("/reports/{id}/attach", web::post().to(attach))
            .route("/audit", super::get().to(audit_log))
            .service(
                web::resource("/analysts")
                    .route(super::get().to(list_analysts))
                    .route(web::post().to(create_analyst)),
            )
            .route(
                "/analysts/{name}/active",
                web::post().to(set_analyst_active),
            )
            .route("/guidance", super::get().to(super::guidance::list))
            .service(
                web::resource("/guidance/{kind}/{slug}")
                    .route(super::get().to(super::guidance::edit))
                    .route(web::post().to(super::guidance::save)),
            )
            .default_service(web::to(|_session: AnalystSession| async {
                Err::<HttpResponse, _>(AppError::NotFound)
            })),
    );
}
