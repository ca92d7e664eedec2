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
    let last = match review::last_batch_day(conn)? {
        Some(day) => day,
        None => {
            review::anchor_batches(conn, today)?;
            today
        }
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::reports::{self, Coding, NewReport};
    use crate::db::Backend;

    fn pending(id: &str) -> NewReport {
        NewReport {
            id: id.into(),
            status: reports::STATUS_PENDING.into(),
            published_seq: None,
            submitted_month: "2026-11".into(),
            published_month: None,
            title: "t".into(),
            industry: "software".into(),
            occurred_month: "2026-11".into(),
            severity: String::new(),
            duration_minutes: None,
            narrative: "n".into(),
            impact: String::new(),
            detection: String::new(),
            lessons: String::new(),
            action_items: String::new(),
            other_technologies: String::new(),
            redaction_count: 0,
            rules_version: "r".into(),
            is_demo: false,
            went_well: String::new(),
        }
    }

    fn scratch_pool(name: &str) -> Result<(DbPool, std::path::PathBuf), crate::db::DbError> {
        let dir = std::env::temp_dir().join(format!("maintenance-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let pool = crate::db::connect(&Backend::Sqlite(dir.join("r.db").display().to_string()), 1)?;
        Ok((pool, dir))
    }

    /// On a new registry the first round anchors the schedule and publishes nothing.
    #[test]
    fn the_first_round_anchors_the_schedule() -> Result<(), Box<dyn std::error::Error + Send + Sync>>
    {
        let (pool, dir) = scratch_pool("anchor")?;
        let mut conn = pool.get()?;
        reports::insert(
            &mut conn,
            &pending("aaaaaaaaaaaaaaaa"),
            &Coding::default(),
            None,
        )?;
        review::approve(&mut conn, "aaaaaaaaaaaaaaaa")?;
        let config = Config::with_defaults();
        assert_eq!(run_once(&mut conn, &config)?.published, 0);
        assert_eq!(review::last_batch_day(&mut conn)?, Some(util::today()));
        drop((conn, pool));
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }

    /// Once the interval has passed since the last batch, a round publishes every approved
    /// report (and only those) as one batch; the next batch waits again.
    #[test]
    fn a_due_batch_publishes_the_approved_reports(
    ) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        let (pool, dir) = scratch_pool("due")?;
        let mut conn = pool.get()?;
        let config = Config::with_defaults();
        review::anchor_batches(&mut conn, util::today() - config.batch_interval_days)?;
        for id in ["aaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbb"] {
            reports::insert(&mut conn, &pending(id), &Coding::default(), None)?;
        }
        review::approve(&mut conn, "aaaaaaaaaaaaaaaa")?;
        assert_eq!(run_once(&mut conn, &config)?.published, 1);
        assert!(reports::find_published(&mut conn, "aaaaaaaaaaaaaaaa").is_ok());
        assert!(reports::find_published(&mut conn, "bbbbbbbbbbbbbbbb").is_err());
        review::approve(&mut conn, "bbbbbbbbbbbbbbbb")?;
        assert_eq!(
            run_once(&mut conn, &config)?.published,
            0,
            "the next batch waits"
        );
        drop((conn, pool));
        std::fs::remove_dir_all(&dir)?;
        Ok(())
    }
}
