//! Storage: one diesel connection type over SQLite and PostgreSQL, its pool, the embedded
//! migrations, and one module per aggregate (reports, taxonomy, receipts).

pub mod analysts;
pub mod guidance;
pub mod imports;
pub mod receipts;
pub mod reports;
pub mod review;
pub mod schema;
pub mod taxonomy;

use std::path::Path;
use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::r2d2::{ConnectionManager, CustomizeConnection, Pool, PooledConnection};
use diesel::{Connection, PgConnection, SqliteConnection};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

const SQLITE_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/sqlite");
const POSTGRES_MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations/postgres");

/// A connection to whichever backend `DATABASE_URL` names.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

pub type DbPool = Pool<ConnectionManager<DbConnection>>;
pub type PooledDb = PooledConnection<ConnectionManager<DbConnection>>;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("unsupported DATABASE_URL {0:?}: use postgres://… or postgresql://… for PostgreSQL, sqlite://PATH for SQLite, or leave it unset for SQLite in the data directory")]
    UnsupportedUrl(String),
    #[error("could not create the data directory {path}: {source}")]
    DataDir {
        path: String,
        source: std::io::Error,
    },
    #[error("could not open the database: {0}")]
    Pool(#[from] diesel::r2d2::PoolError),
    #[error("could not connect to the database: {0}")]
    Connection(#[from] diesel::ConnectionError),
    #[error("database query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("database migration failed: {0}")]
    Migration(String),
    #[error("no published report with that id")]
    NotFound,
    #[error("{0}")]
    Invalid(String),
}

pub type DbResult<T> = Result<T, DbError>;

/// Which backend a URL names. The scheme decides; nothing is guessed, so a mistyped
/// PostgreSQL URL is an error rather than a fresh SQLite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    Sqlite(String),
    Postgres(String),
}

impl Backend {
    pub fn from_url(database_url: Option<&str>, data_dir: &Path) -> DbResult<Backend> {
        match database_url.map(str::trim).filter(|u| !u.is_empty()) {
            None => Ok(Backend::Sqlite(
                data_dir.join("registry.db").to_string_lossy().into_owned(),
            )),
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                Ok(Backend::Postgres(url.to_string()))
            }
            Some(url) => match url.strip_prefix("sqlite://") {
                Some(path) if !path.is_empty() => Ok(Backend::Sqlite(path.to_string())),
                _ => Err(DbError::UnsupportedUrl(redact_url_password(url))),
            },
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Backend::Sqlite(_) => "sqlite",
            Backend::Postgres(_) => "postgres",
        }
    }

    fn url(&self) -> &str {
        match self {
            Backend::Sqlite(path) | Backend::Postgres(path) => path,
        }
    }
}

/// Hides the password of a URL before it appears in an error message or a log line.
fn redact_url_password(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let userinfo = &url[scheme_end + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &userinfo[..colon],
                    &url[at..]
                ),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Per-connection settings: SQLite needs its pragmas on every new connection.
#[derive(Debug)]
struct ConnectionSetup;

impl CustomizeConnection<DbConnection, diesel::r2d2::Error> for ConnectionSetup {
    fn on_acquire(&self, conn: &mut DbConnection) -> Result<(), diesel::r2d2::Error> {
        if let DbConnection::Sqlite(sqlite) = conn {
            // WAL lets readers run beside the writer; FULL sync makes an acknowledged
            // submission survive a crash; secure_delete overwrites withdrawn content.
            sqlite
                .batch_execute(
                    "PRAGMA busy_timeout = 10000;
                     PRAGMA journal_mode = WAL;
                     PRAGMA synchronous = FULL;
                     PRAGMA secure_delete = ON;
                     PRAGMA foreign_keys = ON;",
                )
                .map_err(diesel::r2d2::Error::QueryError)?;
        }
        Ok(())
    }
}

/// Opens the pool for `backend` and applies the embedded migrations.
pub fn connect(backend: &Backend, pool_size: u32) -> DbResult<DbPool> {
    if let Backend::Sqlite(path) = backend {
        if let Some(parent) = Path::new(path)
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
        {
            std::fs::create_dir_all(parent).map_err(|source| DbError::DataDir {
                path: parent.display().to_string(),
                source,
            })?;
        }
    }
    let manager = ConnectionManager::<DbConnection>::new(backend.url());
    let pool = Pool::builder()
        .max_size(pool_size.max(1))
        .connection_timeout(Duration::from_secs(10))
        .connection_customizer(Box::new(ConnectionSetup))
        .build(manager)?;
    let mut conn = pool.get()?;
    run_migrations(&mut conn)?;
    taxonomy::sync_vocabulary(&mut conn)?;
    Ok(pool)
}

fn run_migrations(conn: &mut DbConnection) -> DbResult<()> {
    let result = match conn {
        DbConnection::Sqlite(c) => c.run_pending_migrations(SQLITE_MIGRATIONS).map(|_| ()),
        DbConnection::Postgres(c) => c.run_pending_migrations(POSTGRES_MIGRATIONS).map(|_| ()),
    };
    result.map_err(|e| DbError::Migration(e.to_string()))
}

/// Answers whether the database is reachable (for `/healthz`).
pub fn ping(conn: &mut DbConnection) -> DbResult<()> {
    conn.batch_execute("SELECT 1")?;
    Ok(())
}

/// Opens a single connection, for tests and one-shot commands.
pub fn establish(backend: &Backend) -> DbResult<DbConnection> {
    Ok(DbConnection::establish(backend.url())?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The moderation migration rebuilds SQLite's reports table (to change its CHECK); rows,
    /// their coding and receipts must come through untouched, foreign keys intact.
    #[test]
    fn sqlite_upgrade_keeps_existing_reports(
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let mut conn = SqliteConnection::establish(":memory:")?;
        conn.batch_execute("PRAGMA foreign_keys = ON;")?;
        for _ in 0..2 {
            conn.run_next_migration(SQLITE_MIGRATIONS)?;
        }
        conn.batch_execute(
            "INSERT INTO technologies VALUES ('redis', 'Redis', 'cache');
             INSERT INTO reports (id, status, published_seq, submitted_month, published_month,
                 title, industry, occurred_month, severity, narrative, impact, detection, lessons,
                 action_items, other_technologies, redaction_count, rules_version)
             VALUES ('aaaaaaaaaaaaaaaa', 'published', 1, '2026-10', '2026-10', 'Old report',
                 'software', '2026-09', 'major', 'n', 'i', 'd', 'l', 'a', '', 0, 'r'),
                    ('bbbbbbbbbbbbbbbb', 'pending', NULL, '2026-11', NULL, 'Waiting',
                 'software', '2026-11', '', 'n', 'i', 'd', 'l', 'a', '', 0, 'r');
             INSERT INTO report_technologies VALUES (1, 'redis', '7');
             INSERT INTO report_patterns VALUES (1, 'disk-full');
             INSERT INTO receipts VALUES (2, 'ABCD', 'hash');",
        )?;
        conn.run_pending_migrations(SQLITE_MIGRATIONS)
            .map_err(|e| e.to_string())?;
        let mut conn = DbConnection::Sqlite(conn);
        let old = reports::find_published(&mut conn, "aaaaaaaaaaaaaaaa")?;
        assert_eq!(old.report.title, "Old report");
        assert_eq!(old.technologies.len(), 1);
        assert_eq!(old.patterns, vec!["disk-full"]);
        assert_eq!(receipts::find_by_prefix(&mut conn, "ABCD")?.len(), 1);
        // The new statuses are accepted, and foreign keys still cascade.
        review::approve(&mut conn, "bbbbbbbbbbbbbbbb")?;
        review::withdraw(&mut conn, 2)?;
        assert!(receipts::find_by_prefix(&mut conn, "ABCD")?.is_empty());
        let DbConnection::Sqlite(sqlite) = &mut conn else {
            unreachable!()
        };
        let violations: Vec<ForeignKeyRow> =
            diesel::RunQueryDsl::load(diesel::sql_query("PRAGMA foreign_key_check"), sqlite)?;
        let tables: Vec<String> = violations.into_iter().map(|r| r.table).collect();
        assert!(tables.is_empty(), "{tables:?}");
        Ok(())
    }

    #[derive(diesel::QueryableByName)]
    struct ForeignKeyRow {
        #[diesel(sql_type = diesel::sql_types::Text)]
        table: String,
    }

    #[test]
    fn backend_follows_the_url_scheme() {
        let dir = Path::new("/tmp/x");
        assert_eq!(
            Backend::from_url(None, dir).ok(),
            Some(Backend::Sqlite("/tmp/x/registry.db".into()))
        );
        assert!(matches!(
            Backend::from_url(Some("postgresql://u@h/db"), dir),
            Ok(Backend::Postgres(_))
        ));
        assert!(matches!(
            Backend::from_url(Some("sqlite:///tmp/r.db"), dir),
            Ok(Backend::Sqlite(p)) if p == "/tmp/r.db"
        ));
        for bad in ["postgress://u:pw@h/db", "mysql://h/db", "registry.db"] {
            let err = Backend::from_url(Some(bad), dir)
                .err()
                .map(|e| e.to_string());
            assert!(
                err.as_deref().is_some_and(|e| e.contains("unsupported")),
                "{bad}"
            );
            assert!(!err.unwrap_or_default().contains("pw@"), "password leaked");
        }
    }
}
