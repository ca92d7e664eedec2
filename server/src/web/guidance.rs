//! `/mod/guidance`: administrators write the curated guidance of a best-practice page in
//! Markdown, cite published reports by id, preview, save or remove it. Every change is
//! audited; a citation of a report that is not published is refused and nothing changes.

use actix_web::{web, HttpRequest, HttpResponse};
use askama::Template;
use serde::Deserialize;

use super::moderation::{csrf_protected, AnalystSession, CsrfProtected};
use super::{no_store, render, render_with_status, see_other, AppState};
use crate::db::analysts::Analyst;
use crate::db::guidance::{self as store, Guidance};
use crate::error::AppError;
use crate::guidance;
use crate::taxonomy::{self, CONTRIBUTING_FACTORS, FAILURE_PATTERNS};
use crate::util;

/// The display name of a subject, or NotFound when it does not exist.
fn subject_name(kind: &str, slug: &str) -> Result<String, AppError> {
    let name = match kind {
        "technology" => scrubber::vocabulary::Vocabulary::builtin()
            .entries()
            .iter()
            .find(|t| t.slug == slug)
            .map(|t| t.name.clone()),
        "pattern" => taxonomy::find(FAILURE_PATTERNS, slug).map(|t| t.name.to_string()),
        "factor" => taxonomy::find(CONTRIBUTING_FACTORS, slug).map(|t| t.name.to_string()),
        _ => None,
    };
    name.ok_or(AppError::NotFound)
}

pub struct GuidanceRow {
    pub kind: String,
    pub slug: String,
    pub name: String,
    pub edited_by: String,
    pub edited: String,
    pub public_path: String,
}

#[derive(Template)]
#[template(path = "mod_guidance_list.html")]
struct ListPage {
    analyst: Analyst,
    csrf: String,
    rows: Vec<GuidanceRow>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OpenQuery {
    kind: String,
    subject: String,
}

/// The slug of a subject named in the "open" form: technologies by any name or alias.
fn subject_slug(kind: &str, subject: &str) -> Option<String> {
    let subject = subject.trim();
    match kind {
        "technology" => scrubber::vocabulary::Vocabulary::builtin()
            .lookup(subject)
            .map(|(t, _)| t.slug.clone()),
        "pattern" | "factor" => {
            let list = if kind == "pattern" {
                FAILURE_PATTERNS
            } else {
                CONTRIBUTING_FACTORS
            };
            list.iter()
                .find(|t| t.slug == subject || t.name.eq_ignore_ascii_case(subject))
                .map(|t| t.slug.to_string())
        }
        _ => None,
    }
}

pub async fn list(
    state: web::Data<AppState>,
    session: AnalystSession,
    query: web::Query<OpenQuery>,
) -> Result<HttpResponse, AppError> {
    session.require_admin()?;
    let query = query.into_inner();
    if !query.subject.is_empty() {
        let slug = subject_slug(&query.kind, &query.subject).ok_or_else(|| {
            AppError::BadRequest(format!(
                "There is no {} called {:?}.",
                query.kind, query.subject
            ))
        })?;
        return Ok(see_other(&format!("/mod/guidance/{}/{slug}", query.kind)));
    }
    let entries = state.db(|conn| store::list(conn)).await?;
    let rows = entries
        .into_iter()
        .map(|g| GuidanceRow {
            name: subject_name(&g.subject_kind, &g.subject_slug)
                .unwrap_or_else(|_| g.subject_slug.clone()),
            public_path: guidance::public_path(&g.subject_kind, &g.subject_slug)
                .unwrap_or_default(),
            edited: util::day_text(g.edited_day),
            kind: g.subject_kind,
            slug: g.subject_slug,
            edited_by: g.edited_by,
        })
        .collect();
    Ok(no_store(render(&ListPage {
        csrf: session.csrf.clone(),
        analyst: session.analyst,
        rows,
    })?))
}

#[derive(Template)]
#[template(path = "mod_guidance_edit.html")]
struct EditPage {
    analyst: Analyst,
    csrf: String,
    kind: String,
    slug: String,
    name: String,
    public_path: String,
    markdown: String,
    preview_html: String,
    cited: Vec<(String, String)>,
    errors: Vec<String>,
    exists: bool,
}

async fn edit_page(
    state: &AppState,
    session: AnalystSession,
    kind: String,
    slug: String,
    markdown: Option<String>,
    errors: Vec<String>,
) -> Result<HttpResponse, AppError> {
    let name = subject_name(&kind, &slug)?;
    let (k, s) = (kind.clone(), slug.clone());
    // One round trip: the stored text (unless a draft is shown) and the titles it cites.
    let (exists, markdown, cited) = state
        .db(move |conn| {
            let stored = store::find(conn, &k, &s)?;
            let exists = stored.is_some();
            let markdown = markdown
                .or_else(|| stored.map(|g| g.markdown))
                .unwrap_or_default();
            let cited = store::published_titles(conn, &guidance::cited_ids(&markdown))?;
            Ok((exists, markdown, cited))
        })
        .await?;
    let status = if errors.is_empty() {
        actix_web::http::StatusCode::OK
    } else {
        actix_web::http::StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok(no_store(render_with_status(
        &EditPage {
            csrf: session.csrf.clone(),
            analyst: session.analyst,
            public_path: guidance::public_path(&kind, &slug).unwrap_or_default(),
            preview_html: guidance::render(&markdown),
            kind,
            slug,
            name,
            markdown,
            cited,
            errors,
            exists,
        },
        status,
    )?))
}

pub async fn edit(
    state: web::Data<AppState>,
    session: AnalystSession,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, AppError> {
    session.require_admin()?;
    let (kind, slug) = path.into_inner();
    edit_page(&state, session, kind, slug, None, Vec::new()).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GuidanceForm {
    csrf: String,
    markdown: String,
    /// preview, save or delete.
    action: String,
}

csrf_protected!(GuidanceForm);

pub async fn save(
    state: web::Data<AppState>,
    session: AnalystSession,
    path: web::Path<(String, String)>,
    req: HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, AppError> {
    let form: GuidanceForm = session.read_form(&state, &req, payload).await?;
    session.require_admin()?;
    let (kind, slug) = path.into_inner();
    subject_name(&kind, &slug)?;
    let public_path = guidance::public_path(&kind, &slug).unwrap_or_default();
    match form.action.as_str() {
        "preview" => edit_page(&state, session, kind, slug, Some(form.markdown), Vec::new()).await,
        "delete" => {
            let (k, s) = (kind.clone(), slug.clone());
            session
                .act(
                    &state,
                    "delete-guidance",
                    "",
                    format!("{kind}/{slug}"),
                    move |conn| store::delete(conn, &k, &s),
                )
                .await?;
            Ok(see_other(&public_path))
        }
        "save" => {
            let markdown = form.markdown.trim().to_string();
            let mut errors = Vec::new();
            if markdown.is_empty() {
                errors.push("The guidance is empty; use Remove to take it down.".to_string());
            }
            if markdown.chars().count() > guidance::MAX_CHARS {
                errors.push(format!(
                    "The guidance is too long (at most {} characters).",
                    guidance::MAX_CHARS
                ));
            }
            let ids = guidance::cited_ids(&markdown);
            let lookup = ids.clone();
            let published = state
                .db(move |conn| store::published_titles(conn, &lookup))
                .await?;
            for id in ids
                .iter()
                .filter(|id| !published.iter().any(|(p, _)| p == *id))
            {
                errors.push(format!("Report {id} is not a published report."));
            }
            if !errors.is_empty() {
                return edit_page(&state, session, kind, slug, Some(form.markdown), errors).await;
            }
            let entry = Guidance {
                subject_kind: kind.clone(),
                subject_slug: slug.clone(),
                markdown,
                edited_by: session.analyst.name.clone(),
                edited_day: util::today(),
            };
            let detail = format!("{kind}/{slug}, {} citations", ids.len());
            session
                .act(&state, "guidance", "", detail, move |conn| {
                    store::save(conn, &entry)
                })
                .await?;
            Ok(see_other(&public_path))
        }
        other => Err(AppError::BadRequest(format!("Unknown action {other:?}."))),
    }
}
