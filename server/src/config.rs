//! Configuration: read once from the environment (or the matching flags) into one struct
//! that is passed in, so tests can build a server with their own settings.

use std::path::PathBuf;

use clap::Args;

use crate::db::{Backend, DbResult};

/// Every setting of a running registry. Each field is an environment variable with a
/// documented default (README.md, "Configuration").
#[derive(Debug, Clone, Args)]
pub struct Config {
    /// Address and port to listen on; port 0 picks a free port (printed at start).
    #[arg(
        long,
        env = "REGISTRY_ADDR",
        default_value = "127.0.0.1:8080",
        global = true
    )]
    pub addr: String,

    /// Directory for the SQLite database and (later) the search index.
    #[arg(
        long,
        env = "REGISTRY_DATA_DIR",
        default_value = "./data",
        global = true
    )]
    pub data_dir: PathBuf,

    /// `postgres://…` for PostgreSQL, `sqlite://PATH` for another SQLite file; unset means
    /// `registry.db` in the data directory.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database_url: Option<String>,

    /// The registry's public address, used for absolute links in Atom feeds.
    #[arg(
        long,
        env = "REGISTRY_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080",
        global = true
    )]
    pub public_url: String,

    /// Database connections in the pool.
    #[arg(
        long,
        env = "REGISTRY_DB_POOL_SIZE",
        default_value_t = 8,
        global = true
    )]
    pub db_pool_size: u32,

    /// HTTP worker threads; 0 means one per CPU core.
    #[arg(long, env = "REGISTRY_WORKERS", default_value_t = 0, global = true)]
    pub workers: usize,

    /// Largest request body accepted, in bytes.
    #[arg(long, env = "REGISTRY_BODY_LIMIT", default_value_t = 256 * 1024, global = true)]
    pub body_limit: usize,

    /// Seconds that in-flight requests get to finish after SIGTERM.
    #[arg(
        long,
        env = "REGISTRY_SHUTDOWN_TIMEOUT",
        default_value_t = 30,
        global = true
    )]
    pub shutdown_timeout: u64,

    /// How often, in milliseconds, the search index looks for newly published reports in
    /// the database (reports published by other nodes or the CLI appear within this delay).
    #[arg(
        long,
        env = "REGISTRY_INDEX_POLL_MS",
        default_value_t = 1000,
        global = true
    )]
    pub index_poll_ms: u64,

    /// Days between publication batches: approved reports go public together, so none can
    /// be matched to an outage by the moment it appeared.
    #[arg(
        long,
        env = "REGISTRY_BATCH_INTERVAL_DAYS",
        default_value_t = 7,
        global = true
    )]
    pub batch_interval_days: i64,

    /// Days a receipt lives after its report is published (or rejected); then it is
    /// destroyed, cutting the last link to the reporter.
    #[arg(
        long,
        env = "REGISTRY_RECEIPT_RETENTION_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub receipt_retention_days: i64,

    /// Seconds between runs of the server's periodic work (due batches, receipt expiry,
    /// expired sessions).
    #[arg(
        long,
        env = "REGISTRY_MAINTENANCE_INTERVAL_SECS",
        default_value_t = 3600,
        global = true
    )]
    pub maintenance_interval_secs: u64,

    /// Hours an analyst session lasts.
    #[arg(
        long,
        env = "REGISTRY_SESSION_HOURS",
        default_value_t = 12,
        global = true
    )]
    pub session_hours: i64,

    /// Key that signs analyst session cookies (at least 32 characters). Unset, each process
    /// draws a random one: set it when several nodes serve the same analysts.
    #[arg(
        long,
        env = "REGISTRY_SESSION_SECRET",
        global = true,
        hide_env_values = true
    )]
    pub session_secret: Option<String>,

    /// Log filter (tracing's EnvFilter syntax).
    #[arg(
        long,
        env = "REGISTRY_LOG",
        default_value = "info,tantivy=warn",
        global = true
    )]
    pub log: String,
}

impl Config {
    pub fn backend(&self) -> DbResult<Backend> {
        Backend::from_url(self.database_url.as_deref(), &self.data_dir)
    }

    /// The settings with every default, for tests and embedding.
    pub fn with_defaults() -> Config {
        Config {
            addr: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            database_url: None,
            public_url: "http://127.0.0.1:8080".into(),
            db_pool_size: 8,
            workers: 0,
            body_limit: 256 * 1024,
            shutdown_timeout: 30,
            index_poll_ms: 1000,
            batch_interval_days: 7,
            receipt_retention_days: 30,
            maintenance_interval_secs: 3600,
            session_hours: 12,
            session_secret: None,
            log: "info,tantivy=warn".into(),
        }
    }
}
