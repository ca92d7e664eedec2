//! The server's periodic work: publish the batch of approved reports when one is due,
//! destroy receipts whose retention has run out, and forget expired analyst sessions.
//! It runs on its own thread, so a slow database never holds up a request worker.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::config::Config;
use crate::db::{analysts, review, DbConnection, DbPool, DbResult};
use crate::util;

/// What one round of maintenance did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub published: usize,
    pub receipts_destroyed: usize,
    pub sessions_expired: usize,
}

/// Publishes every approved report now; returns how many went public.
pub fn publish_batch(conn: &mut DbConnection) -> DbResult<usize> {
    review::publish_batch(conn, util::today())
}

/// One round: the batch if its day has come, then the expiries.
pub fn run_once(conn: &mut DbConnection, config: &Config) -> DbResult<Round> {
    let today = util::today();
    let last = review::last_batch_day(conn, today)?;
    let published = if today >= last + config.batch_interval_days.max(1) {
        publish_batch(conn)?
    } else {
        0
    };
    Ok(Round {
        published,
        receipts_destroyed: review::destroy_expired_receipts(
            conn,
            today,
            config.receipt_retention_days.max(0),
        )?,
        sessions_expired: analysts::delete_expired_sessions(conn, util::unix_now())?,
    })
}

/// The maintenance thread; it stops when this is dropped.
pub struct Maintenance {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Maintenance {
    pub fn start(pool: DbPool, config: Config) -> std::io::Result<Maintenance> {
        let stop = Arc::new(AtomicBool::new(false));
        let interval = Duration::from_secs(config.maintenance_interval_secs.max(1));
        let thread = std::thread::Builder::new()
            .name("maintenance".into())
            .spawn({
                let stop = stop.clone();
                move || {
                    let mut next = Instant::now();
                    while !stop.load(Ordering::Relaxed) {
                        if Instant::now() >= next {
                            next = Instant::now() + interval;
                            let round = pool
                                .get()
                                .map_err(crate::db::DbError::from)
                                .and_then(|mut conn| run_once(&mut conn, &config));
                            match round {
                                Ok(round) if round != Round::default() => tracing::info!(
                                    published = round.published,
                                    receipts_destroyed = round.receipts_destroyed,
                                    sessions_expired = round.sessions_expired,
                                    "maintenance"
                                ),
                                Ok(_) => {}
                                Err(err) => tracing::warn!(error = %err, "maintenance failed"),
                            }
                        }
                        std::thread::sleep(Duration::from_millis(200));
                    }
                }
            })?;
        Ok(Maintenance {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Maintenance {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
