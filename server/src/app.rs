//! Building and running the HTTP server: binds the listener (port 0 works and the real port
//! is reported), wires the state, and drains in-flight requests on SIGTERM.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::Server;
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, HttpServer};
use scrubber::Scrubber;

use crate::config::Config;
use crate::db::{self, DbPool};
use crate::metrics::Metrics;
use crate::search::{Indexer, SearchIndex};
use crate::web::{self as routes, AppState};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Search(#[from] crate::search::IndexError),
    #[error("could not start the maintenance thread: {0}")]
    Thread(std::io::Error),
    #[error("could not set up metrics: {0}")]
    Metrics(#[from] prometheus::Error),
}

pub struct Application {
    server: Server,
    port: u16,
}

impl Application {
    /// Opens the database (creating and migrating it) and binds the listener.
    pub fn build(config: Config) -> Result<Application, StartError> {
        let backend = config.backend()?;
        let pool = db::connect(&backend, config.db_pool_size)?;
        tracing::info!(backend = backend.name(), "database ready");
        Self::build_with_pool(config, pool)
    }

    pub fn build_with_pool(config: Config, pool: DbPool) -> Result<Application, StartError> {
        let listener = TcpListener::bind(&config.addr).map_err(|source| StartError::Bind {
            addr: config.addr.clone(),
            source,
        })?;
        let port = listener
            .local_addr()
            .map_err(|source| StartError::Bind {
                addr: config.addr.clone(),
                source,
            })?
            .port();
        let search = SearchIndex::open(&config.data_dir)?;
        let indexer = Indexer::start(
            search.clone(),
            pool.clone(),
            Duration::from_millis(config.index_poll_ms.max(10)),
        )?;
        let maintenance = crate::maintenance::Maintenance::start(pool.clone(), config.clone())
            .map_err(StartError::Thread)?;
        let state = AppState {
            signer: crate::auth::Signer::new(config.session_secret.as_deref()),
            limiter: Arc::new(crate::auth::FailureLimiter::new(Duration::from_secs(
                15 * 60,
            ))),
            maintenance: Arc::new(maintenance),
            search,
            indexer: Arc::new(indexer),
            aggregates: Arc::default(),
            technology_list: Arc::default(),
            pool,
            scrubber: Scrubber::new(),
            metrics: Metrics::new()?,
            config: Arc::new(config.clone()),
        };
        let data = web::Data::new(state);
        let mut server = HttpServer::new(move || {
            App::new()
                .app_data(data.clone())
                .app_data(web::QueryConfig::default().error_handler(|err, _| {
                    crate::error::AppError::BadRequest(format!(
                        "The query string could not be read: {err}."
                    ))
                    .into()
                }))
                .app_data(
                    web::PathConfig::default()
                        .error_handler(|_, _| crate::error::AppError::NotFound.into()),
                )
                .wrap(from_fn(routes::record_metrics))
                .wrap(routes::security_headers())
                .wrap(Compress::default())
                .configure(routes::routes)
        })
        .shutdown_timeout(config.shutdown_timeout)
        .client_request_timeout(Duration::from_secs(30));
        if config.workers > 0 {
            server = server.workers(config.workers);
        }
        let server = server
            .listen(listener)
            .map_err(|source| StartError::Bind {
                addr: config.addr.clone(),
                source,
            })?
            .run();
        Ok(Application { server, port })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGTERM or SIGINT, then lets in-flight requests finish.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.server.await
    }
}
