//! Storage: one diesel connection type over SQLite and PostgreSQL, its pool, the embedded
//! migrations, and one module per aggregate (reports, taxonomy, receipts).

pub mod analysts;
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
