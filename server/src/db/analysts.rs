//! Analysts, their sessions and the audit log of everything they do.

use diesel::prelude::*;

use super::schema::{analyst_sessions, analysts, audit_log};
use super::{DbConnection, DbError, DbResult};

pub const ROLE_ANALYST: &str = "analyst";
pub const ROLE_ADMIN: &str = "admin";

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = analysts)]
pub struct Analyst {
    pub id: i64,
    pub name: String,
    pub password_hash: String,
    pub role: String,
    pub active: bool,
}

impl Analyst {
    pub fn is_admin(&self) -> bool {
        self.role == ROLE_ADMIN
    }
}

/// Creates an analyst; a taken name is an `Invalid` error, not a database failure.
pub fn create(
    conn: &mut DbConnection,
    name: &str,
    password_hash: &str,
    role: &str,
) -> DbResult<Analyst> {
    if find_by_name(conn, name)?.is_some() {
        return Err(DbError::Invalid(format!(
            "an analyst named {name:?} already exists"
        )));
    }
    diesel::insert_into(analysts::table)
        .values((
            analysts::name.eq(name),
            analysts::password_hash.eq(password_hash),
            analysts::role.eq(role),
            analysts::active.eq(true),
        ))
        .execute(conn)?;
    find_by_name(conn, name)?.ok_or(DbError::NotFound)
}

pub fn find_by_name(conn: &mut DbConnection, name: &str) -> DbResult<Option<Analyst>> {
    Ok(analysts::table
        .filter(analysts::name.eq(name))
        .select(Analyst::as_select())
        .first(conn)
        .optional()?)
}

pub fn list(conn: &mut DbConnection) -> DbResult<Vec<Analyst>> {
    Ok(analysts::table
        .order(analysts::name)
        .select(Analyst::as_select())
        .load(conn)?)
}

/// Enables or disables an account; disabling also ends its sessions.
pub fn set_active(conn: &mut DbConnection, name: &str, active: bool) -> DbResult<()> {
    conn.transaction(|conn| {
        let analyst = find_by_name(conn, name)?.ok_or(DbError::NotFound)?;
        diesel::update(analysts::table.filter(analysts::id.eq(analyst.id)))
            .set(analysts::active.eq(active))
            .execute(conn)?;
        if !active {
            diesel::delete(
                analyst_sessions::table.filter(analyst_sessions::analyst_id.eq(analyst.id)),
            )
            .execute(conn)?;
        }
        Ok(())
    })
}

pub fn set_password(conn: &mut DbConnection, name: &str, password_hash: &str) -> DbResult<()> {
    let updated = diesel::update(analysts::table.filter(analysts::name.eq(name)))
        .set(analysts::password_hash.eq(password_hash))
        .execute(conn)?;
    if updated == 0 {
        return Err(DbError::NotFound);
    }
    Ok(())
}

/// Stores a new session (only the token's hash) with its CSRF token and expiry.
pub fn create_session(
    conn: &mut DbConnection,
    token_hash: &str,
    analyst_id: i64,
    csrf_token: &str,
    expires_at: i64,
) -> DbResult<()> {
    diesel::insert_into(analyst_sessions::table)
        .values((
            analyst_sessions::token_hash.eq(token_hash),
            analyst_sessions::analyst_id.eq(analyst_id),
            analyst_sessions::csrf_token.eq(csrf_token),
            analyst_sessions::expires_at.eq(expires_at),
        ))
        .execute(conn)?;
    Ok(())
}

/// The active analyst and CSRF token of an unexpired session.
pub fn find_session(
    conn: &mut DbConnection,
    token_hash: &str,
    now: i64,
) -> DbResult<Option<(Analyst, String)>> {
    Ok(analyst_sessions::table
        .inner_join(analysts::table)
        .filter(analyst_sessions::token_hash.eq(token_hash))
        .filter(analyst_sessions::expires_at.gt(now))
        .filter(analysts::active.eq(true))
        .select((Analyst::as_select(), analyst_sessions::csrf_token))
        .first(conn)
        .optional()?)
}

pub fn delete_session(conn: &mut DbConnection, token_hash: &str) -> DbResult<()> {
    diesel::delete(analyst_sessions::table.filter(analyst_sessions::token_hash.eq(token_hash)))
        .execute(conn)?;
    Ok(())
}

pub fn delete_expired_sessions(conn: &mut DbConnection, now: i64) -> DbResult<usize> {
    Ok(
        diesel::delete(analyst_sessions::table.filter(analyst_sessions::expires_at.le(now)))
            .execute(conn)?,
    )
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = audit_log)]
pub struct AuditEntry {
    pub seq: i64,
    pub day: i64,
    pub analyst: String,
    pub action: String,
    pub report_id: String,
    pub detail: String,
}

/// Appends to the audit log. `detail` must never carry what was redacted.
pub fn audit(
    conn: &mut DbConnection,
    day: i64,
    analyst: &str,
    action: &str,
    report_id: &str,
    detail: &str,
) -> DbResult<()> {
    diesel::insert_into(audit_log::table)
        .values((
            audit_log::day.eq(day),
            audit_log::analyst.eq(analyst),
            audit_log::action.eq(action),
            audit_log::report_id.eq(report_id),
            audit_log::detail.eq(detail),
        ))
        .execute(conn)?;
    Ok(())
}

/// The newest entries first, optionally for one submission.
pub fn audit_entries(
    conn: &mut DbConnection,
    report_id: Option<&str>,
    limit: i64,
) -> DbResult<Vec<AuditEntry>> {
    let mut query = audit_log::table
        .order(audit_log::seq.desc())
        .limit(limit)
        .select(AuditEntry::as_select())
        .into_boxed();
    if let Some(id) = report_id {
        query = query.filter(audit_log::report_id.eq(id.to_string()));
    }
    Ok(query.load(conn)?)
}
