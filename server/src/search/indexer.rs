//! The index's single writer: a background thread that follows the database. It catches up
//! from the last committed publication sequence number on start, polls for new publications
//! (so a report published by another node or by the CLI is found within about a second), and
//! rebuilds the index when it no longer matches the database (reports removed, a gap).
//!
//! Commits are batched: every publication found in one pass goes into one commit, and passes
//! are at least `MIN_COMMIT_GAP` apart, so a stream of publications costs a few commits per
//! second however fast it flows.

use std::collections::HashMap;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use scrubber::vocabulary::Vocabulary;
use tantivy::schema::Facet;
use tantivy::{IndexWriter, TantivyDocument, Term};

use super::schema::{month_number, Fields};
use super::{IndexError, SearchIndex};
use crate::db::reports::{self, ReportDetail};
use crate::db::{DbConnection, DbPool};

const WRITER_MEMORY: usize = 64 * 1024 * 1024;
const BATCH: i64 = 2_000;
/// Reports per intermediate commit while catching up with a large backlog.
const COMMIT_EVERY: usize = 50_000;
const MIN_COMMIT_GAP: Duration = Duration::from_millis(500);

/// Handle of the writer thread; dropping it stops the thread after its current pass.
pub struct Indexer {
    wake: mpsc::Sender<()>,
}

impl Indexer {
    /// Takes the index's writer lock and starts following the database.
    pub fn start(index: SearchIndex, pool: DbPool, poll: Duration) -> Result<Indexer, IndexError> {
        let writer = open_writer(&index)?;
        let (wake, wakes) = mpsc::channel();
        std::thread::Builder::new()
            .name("search-indexer".into())
            .spawn(move || follow(index, writer, pool, wakes, poll))
            .map_err(|source| IndexError::Directory {
                path: "search-indexer thread".into(),
                source,
            })?;
        Ok(Indexer { wake })
    }

    /// Asks for a pass now (after a publication in this process).
    pub fn wake(&self) {
        let _ = self.wake.send(());
    }
}

pub fn open_writer(index: &SearchIndex) -> Result<IndexWriter, IndexError> {
    index
        .index()
        .writer(WRITER_MEMORY)
        .map_err(|err| match err {
            tantivy::TantivyError::LockFailure(..) => IndexError::Locked,
            other => IndexError::Tantivy(other),
        })
}

fn follow(
    index: SearchIndex,
    mut writer: IndexWriter,
    pool: DbPool,
    wakes: mpsc::Receiver<()>,
    poll: Duration,
) {
    let mut sync = Sync::new(index);
    loop {
        let started = Instant::now();
        let result = pool
            .get()
            .map_err(|e| IndexError::Db(e.into()))
            .and_then(|mut conn| sync.run(&mut conn, &mut writer, &mut |_| {}));
        match result {
            Ok(0) => {}
            Ok(added) => tracing::debug!(added, "search index updated"),
            Err(err) => tracing::warn!(error = %err, "search index update failed; retrying"),
        }
        match sync.index.reload_if_segments_changed() {
            Ok(true) => tracing::debug!("search reader reloaded after a merge"),
            Ok(false) => {}
            Err(err) => tracing::warn!(error = %err, "search reader reload failed; retrying"),
        }
        match wakes.recv_timeout(poll) {
            Ok(()) | Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        while wakes.try_recv().is_ok() {}
        if let Some(rest) = MIN_COMMIT_GAP.checked_sub(started.elapsed()) {
            std::thread::sleep(rest);
        }
    }
}

/// One catch-up pass, shared by the writer thread and `registry reindex`.
pub struct Sync {
    index: SearchIndex,
    aliases: HashMap<String, Vec<String>>,
}

impl Sync {
    pub fn new(index: SearchIndex) -> Sync {
        Sync {
            index,
            aliases: technology_aliases(),
        }
    }

    /// Indexes every publication the index has not seen; rebuilds from scratch when the
    /// index holds reports the database no longer has. Returns how many were indexed.
    pub fn run(
        &mut self,
        conn: &mut DbConnection,
        writer: &mut IndexWriter,
        progress: &mut dyn FnMut(usize),
    ) -> Result<usize, IndexError> {
        let (published, max_seq) = reports::published_extent(conn)?;
        let mut indexed = self.index.indexed_seq();
        let docs = self.index.num_docs();
        let stale = max_seq < indexed
            || (published as u64) < docs
            || (max_seq == indexed && published as u64 != docs);
        if stale {
            tracing::info!(
                published,
                docs,
                "search index out of step with the database; rebuilding"
            );
            writer.delete_all_documents()?;
            indexed = 0;
        }
        let mut added = 0;
        let mut uncommitted = 0;
        loop {
            let batch = reports::published_after(conn, indexed, BATCH)?;
            if batch.is_empty() {
                break;
            }
            for detail in &batch {
                let seq = detail.report.published_seq.unwrap_or(indexed);
                writer.delete_term(Term::from_field_text(
                    self.index.fields().id,
                    &detail.report.id,
                ));
                writer.add_document(self.document(detail, seq))?;
                indexed = seq;
            }
            added += batch.len();
            uncommitted += batch.len();
            progress(added);
            if uncommitted >= COMMIT_EVERY {
                self.commit(writer, indexed)?;
                uncommitted = 0;
            }
        }
        if uncommitted > 0 || stale {
            self.commit(writer, indexed)?;
        }
        Ok(added)
    }

    fn commit(&self, writer: &mut IndexWriter, indexed: i64) -> Result<(), IndexError> {
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&indexed.to_string());
        prepared.commit()?;
        self.index.reader().reload()?;
        Ok(())
    }

    fn document(&self, detail: &ReportDetail, seq: i64) -> TantivyDocument {
        document(self.index.fields(), &self.aliases, detail, seq)
    }
}

/// The lower-cased aliases of every technology of the built-in vocabulary, by slug: the
/// `aliases` argument of [`document`].
pub fn technology_aliases() -> HashMap<String, Vec<String>> {
    Vocabulary::builtin()
        .entries()
        .iter()
        .map(|t| {
            (
                t.slug.clone(),
                t.aliases.iter().map(|a| a.to_lowercase()).collect(),
            )
        })
        .collect()
}

/// The index document of one published report (used by the writer thread, `registry
/// reindex` and `registry bench-search`).
pub fn document(
    f: &Fields,
    aliases: &HashMap<String, Vec<String>>,
    detail: &ReportDetail,
    seq: i64,
) -> TantivyDocument {
    let r = &detail.report;
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &r.id);
    doc.add_i64(f.seq, seq);
    doc.add_text(f.title, &r.title);
    doc.add_text(f.narrative, &r.narrative);
    doc.add_text(f.impact, &r.impact);
    doc.add_text(f.detection, &r.detection);
    doc.add_text(f.lessons, &r.lessons);
    doc.add_text(f.action_items, &r.action_items);
    // What went well is searched with the lessons: both say what to keep doing.
    doc.add_text(f.lessons, &r.went_well);
    for mention in &detail.technologies {
        doc.add_text(f.technology, &mention.slug);
        for alias in aliases.get(&mention.slug).into_iter().flatten() {
            doc.add_text(f.technology, alias);
        }
        doc.add_facet(
            f.facets,
            Facet::from_path(["technology", mention.slug.as_str()]),
        );
        let name = match &mention.version {
            Some(version) => format!("{} {version}", mention.name),
            None => mention.name.clone(),
        };
        doc.add_text(f.technology_names, name);
    }
    for pattern in &detail.patterns {
        doc.add_text(f.pattern, pattern);
        doc.add_facet(f.facets, Facet::from_path(["pattern", pattern.as_str()]));
    }
    for factor in &detail.factors {
        doc.add_text(f.factor, factor);
        doc.add_facet(f.facets, Facet::from_path(["factor", factor.as_str()]));
    }
    doc.add_text(f.industry, &r.industry);
    doc.add_facet(
        f.facets,
        Facet::from_path(["industry", r.industry.as_str()]),
    );
    if !r.severity.is_empty() {
        doc.add_text(f.severity, &r.severity);
        doc.add_facet(
            f.facets,
            Facet::from_path(["severity", r.severity.as_str()]),
        );
    }
    let occurred = month_number(&r.occurred_month);
    doc.add_u64(f.occurred, occurred);
    doc.add_u64(f.year, occurred / 100);
    doc.add_facet(
        f.facets,
        Facet::from_path(["year", (occurred / 100).to_string().as_str()]),
    );
    doc.add_bool(f.demo, r.is_demo);
    doc
}
