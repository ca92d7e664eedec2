//! `registry bench-search`: tantivy against SQLite FTS5 over the same synthetic reports.
//!
//! The reports come from the demo generator ([`crate::demo::generate`]), in chunks so that a
//! million of them never sit in memory at once. Each engine indexes them in its own phase
//! (the chunks are generated again, identically, for the second engine), so that neither
//! engine's background work overlaps the other's timing:
//!
//! * tantivy: the registry's own schema and tokenizers, documents built by the live
//!   indexer's [`indexer::document`], an index under `work_dir/index` that
//!   [`SearchIndex::open`] opens, one commit per chunk, then the merges are waited for;
//! * FTS5: one virtual table over the same text fields (porter tokenizer) plus a `facets`
//!   column holding one token per technology and industry, `bm25` weights equal to the
//!   live query parser's field boosts, one transaction per chunk, then `optimize`.
//!
//! Then five query types run on both engines with the same query strings, drawn from the
//! generated text: each query returns the keys of the top 20 reports by relevance and the
//! total number of matching reports.

use std::collections::{HashMap, HashSet};
use std::fmt::Display;
use std::path::Path;
use std::time::{Duration, Instant};

use diesel::connection::SimpleConnection;
use diesel::sql_types::{BigInt, Text};
use diesel::{Connection, QueryableByName, RunQueryDsl, SqliteConnection};
use indicatif::{ProgressBar, ProgressStyle};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use scrubber::vocabulary::Vocabulary;
use tantivy::collector::Collector;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{IndexWriter, Term};

use crate::db::reports::{Report, ReportDetail, TechnologyMention};
use crate::demo::{self, DemoReport};
use crate::search::{indexer, SearchIndex};

#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("benchmark failed: {0}")]
    Failed(String),
}

/// Options of one benchmark run.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    pub reports: usize,
    pub queries_per_type: usize,
    pub seed: u64,
}

/// Reports generated (and indexed) at a time.
const CHUNK: usize = 50_000;
/// Hits per query, as on a search page.
const TOP: usize = 20;
/// Memory budget of the bulk tantivy writer, shared by its threads.
const WRITER_MEMORY: usize = 1024 * 1024 * 1024;
/// Queries per type run on both engines before the timed runs.
const WARM_UP: usize = 50;
/// Reports of the first chunk kept to draw query terms and phrases from.
const SAMPLE: usize = 5_000;
/// FTS5 column weights for `bm25`, in column order: the live parser's boosts (title 2.0,
/// lessons 1.2, the rest 1.0) and 0 for the facet column, which only filters.
const FTS5_RANK: &str = "bm25(2.0, 1.0, 1.0, 1.0, 1.2, 1.0, 1.0, 0.0)";

fn failed<E: Display>(context: &'static str) -> impl FnOnce(E) -> BenchError {
    move |err| BenchError::Failed(format!("{context}: {err}"))
}

/// Runs the benchmark in `work_dir` (a scratch directory), printing the table and the
/// closing `bench-search:` summary line to stdout.
pub fn bench_search(options: &BenchOptions, work_dir: &Path) -> Result<(), BenchError> {
    if options.reports == 0 || options.queries_per_type == 0 {
        return Err(BenchError::Failed(
            "--reports and --queries must be at least 1".into(),
        ));
    }
    prepare_dir(work_dir)?;
    let corpus = Corpus::new(options);

    let tantivy = index_tantivy(&corpus, work_dir)?;
    let mut fts5 = index_fts5(&corpus, work_dir)?;
    let engine = TantivyEngine::new(&tantivy.index);
    let mut bands = Bands::of(&tantivy.sample);
    // The engines stem differently (Snowball against Porter: "news" stays "news" in one and
    // becomes "new" in the other); a rare word the stemmers disagree on is not rare in both.
    let mut agreed = Vec::new();
    for word in &bands.rare {
        let query = BenchQuery::term(word);
        let (t, f) = (engine.run(&query)?.total, fts5.run(&query)?.total);
        if t.min(f) as f64 >= 0.8 * t.max(f) as f64 {
            agreed.push(word.clone());
        }
    }
    if !agreed.is_empty() {
        bands.rare = agreed;
    }
    let queries = QueryMix::draw(&tantivy.sample, bands, options);

    let mut measured = Vec::new();
    let warm_up = progress(
        (QueryType::ALL.len() * options.queries_per_type.min(WARM_UP) * 2) as u64,
        "warming up",
    );
    for kind in QueryType::ALL {
        for query in queries.of(kind).iter().take(WARM_UP) {
            engine.run(query)?;
            fts5.run(query)?;
            warm_up.inc(2);
        }
    }
    warm_up.finish_and_clear();
    let timing = progress(
        (QueryType::ALL.len() * options.queries_per_type * 2) as u64,
        "timed queries",
    );
    for kind in QueryType::ALL {
        let mut tantivy_times = Vec::new();
        let mut tantivy_counts = Vec::new();
        for query in queries.of(kind) {
            let started = Instant::now();
            let outcome = engine.run(query)?;
            tantivy_times.push(started.elapsed());
            tantivy_counts.push(outcome);
            timing.inc(1);
        }
        let mut fts5_times = Vec::new();
        let mut fts5_counts = Vec::new();
        for query in queries.of(kind) {
            let started = Instant::now();
            let outcome = fts5.run(query)?;
            fts5_times.push(started.elapsed());
            fts5_counts.push(outcome);
            timing.inc(1);
        }
        let slowest = |times: &[Duration]| -> (Duration, String) {
            times
                .iter()
                .zip(queries.of(kind))
                .max_by_key(|(t, _)| **t)
                .map(|(t, q)| (*t, q.tantivy.clone()))
                .unwrap_or_default()
        };
        let slowest_tantivy = slowest(&tantivy_times);
        let slowest_fts5 = slowest(&fts5_times);
        measured.push(Measured {
            kind,
            tantivy: Latency::of(tantivy_times),
            fts5: Latency::of(fts5_times),
            tantivy_counts,
            fts5_counts,
            slowest_tantivy,
            slowest_fts5,
        });
    }
    timing.finish_and_clear();

    print_report(
        options,
        &tantivy.stats,
        &fts5.stats,
        &queries,
        &measured,
        tantivy.segments,
    );
    Ok(())
}

fn prepare_dir(work_dir: &Path) -> Result<(), BenchError> {
    std::fs::create_dir_all(work_dir).map_err(failed("creating the work directory"))?;
    let index_dir = crate::search::index_dir(work_dir);
    if index_dir.exists() {
        std::fs::remove_dir_all(&index_dir).map_err(failed("removing an old index"))?;
    }
    for name in ["fts5.db", "fts5.db-journal", "fts5.db-wal", "fts5.db-shm"] {
        let path = work_dir.join(name);
        if path.exists() {
            std::fs::remove_file(&path).map_err(failed("removing an old FTS5 database"))?;
        }
    }
    Ok(())
}

fn progress(len: u64, message: &'static str) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template(
        "{msg:>22} [{elapsed_precise}] {wide_bar} {pos}/{len} ({per_sec}, eta {eta})",
    ) {
        bar.set_style(style);
    }
    bar.set_message(message);
    bar
}

// ---------------------------------------------------------------------------------------
// The synthetic reports
// ---------------------------------------------------------------------------------------

/// The generated reports, chunk by chunk; the same options always yield the same chunks.
struct Corpus {
    reports: usize,
    seed: u64,
    vocabulary: &'static Vocabulary,
}

/// A generated report, numbered from 1 (the FTS5 rowid and the tantivy `seq`).
struct BenchReport {
    number: i64,
    detail: ReportDetail,
}

impl Corpus {
    fn new(options: &BenchOptions) -> Corpus {
        Corpus {
            reports: options.reports,
            seed: options.seed,
            vocabulary: Vocabulary::builtin(),
        }
    }

    fn chunks(&self) -> usize {
        self.reports.div_ceil(CHUNK)
    }

    /// Chunk `i` (0-based), generated again on every call; returns it with the time spent
    /// generating.
    fn chunk(&self, i: usize) -> (Vec<BenchReport>, Duration) {
        let started = Instant::now();
        let first = i * CHUNK;
        let count = CHUNK.min(self.reports.saturating_sub(first));
        let generated = demo::generate(count, self.seed.wrapping_add(i as u64));
        let reports = generated
            .into_iter()
            .enumerate()
            .map(|(j, d)| self.convert((first + j + 1) as i64, d))
            .collect();
        (reports, started.elapsed())
    }

    /// A generated report as the registry would hold it once published (the technology
    /// names mapped to the vocabulary's slugs, as `seed-demo` does).
    fn convert(&self, number: i64, d: DemoReport) -> BenchReport {
        // Unknown names are left out: the benchmark indexes the vocabulary's technologies.
        let technologies = crate::seed::demo_technologies(self.vocabulary, &d.technologies)
            .0
            .into_iter()
            .map(|(tech, version)| TechnologyMention {
                slug: tech.slug.clone(),
                name: tech.name.clone(),
                version,
            })
            .collect();
        let report = Report {
            seq: number,
            id: format!("bench{number:07}"),
            status: crate::db::reports::STATUS_PUBLISHED.to_string(),
            published_seq: Some(number),
            submitted_month: d.published_month.clone(),
            published_month: Some(d.published_month),
            title: d.title,
            industry: d.industry.to_string(),
            occurred_month: d.occurred_month,
            severity: d.severity.to_string(),
            duration_minutes: d.duration_minutes,
            narrative: d.narrative,
            impact: d.impact,
            detection: d.detection,
            lessons: d.lessons,
            action_items: d.action_items,
            other_technologies: String::new(),
            redaction_count: 0,
            rules_version: scrubber::RULES_VERSION.to_string(),
            is_demo: true,
            event_seq: None,
            reject_reason: None,
            went_well: String::new(),
        };
        BenchReport {
            number,
            detail: ReportDetail {
                report,
                technologies,
                factors: d.factors.iter().map(|s| s.to_string()).collect(),
                patterns: d.patterns.iter().map(|s| s.to_string()).collect(),
            },
        }
    }
}

/// Indexing figures of one engine.
struct IndexStats {
    /// Time spent indexing (documents built and added, commits, final merges or optimize);
    /// generating the reports is not included.
    indexing: Duration,
    /// Time of the final merge wait (tantivy) or `optimize` (FTS5), included above.
    compaction: Duration,
    /// Wall time of the phase, generation included.
    wall: Duration,
    reports: usize,
}

impl IndexStats {
    fn per_second(&self) -> f64 {
        self.reports as f64 / self.indexing.as_secs_f64().max(1e-9)
    }
}

// ---------------------------------------------------------------------------------------
// tantivy
// ---------------------------------------------------------------------------------------

struct TantivyIndexed {
    index: SearchIndex,
    stats: IndexStats,
    segments: usize,
    /// Text of the first reports, to draw queries from.
    sample: Sample,
}

fn index_tantivy(corpus: &Corpus, work_dir: &Path) -> Result<TantivyIndexed, BenchError> {
    let phase = Instant::now();
    let index = SearchIndex::open(work_dir).map_err(failed("opening the tantivy index"))?;
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .clamp(1, 8);
    let mut writer: IndexWriter = index
        .index()
        .writer_with_num_threads(threads, WRITER_MEMORY)
        .map_err(failed("opening the tantivy writer"))?;
    let fields = *index.fields();
    let aliases = indexer::technology_aliases();
    let bar = progress(corpus.reports as u64, "tantivy indexing");
    let mut indexing = Duration::ZERO;
    let mut sample = None;
    for i in 0..corpus.chunks() {
        let (chunk, _) = corpus.chunk(i);
        if sample.is_none() {
            let mut stemmer = index
                .index()
                .tokenizers()
                .get("en_stem")
                .ok_or_else(|| BenchError::Failed("no en_stem tokenizer".into()))?;
            sample = Some(Sample::of(&chunk, &mut stemmer));
        }
        let started = Instant::now();
        let mut last = 0;
        for report in &chunk {
            writer
                .add_document(indexer::document(
                    &fields,
                    &aliases,
                    &report.detail,
                    report.number,
                ))
                .map_err(failed("adding a document"))?;
            last = report.number;
        }
        let mut prepared = writer
            .prepare_commit()
            .map_err(failed("committing the tantivy index"))?;
        prepared.set_payload(&last.to_string());
        prepared
            .commit()
            .map_err(failed("committing the tantivy index"))?;
        indexing += started.elapsed();
        bar.inc(chunk.len() as u64);
    }
    bar.set_message("tantivy merging");
    let started = Instant::now();
    writer
        .wait_merging_threads()
        .map_err(failed("waiting for tantivy merges"))?;
    let compaction = started.elapsed();
    indexing += compaction;
    bar.finish_and_clear();
    index
        .reader()
        .reload()
        .map_err(failed("reloading the tantivy reader"))?;
    let searcher = index.reader().searcher();
    let segments = searcher.segment_readers().len();
    if searcher.num_docs() != corpus.reports as u64 {
        return Err(BenchError::Failed(format!(
            "tantivy holds {} documents, expected {}",
            searcher.num_docs(),
            corpus.reports
        )));
    }
    Ok(TantivyIndexed {
        index,
        stats: IndexStats {
            indexing,
            compaction,
            wall: phase.elapsed(),
            reports: corpus.reports,
        },
        segments,
        sample: sample.unwrap_or_default(),
    })
}

/// The tantivy side of a query: the live server's query parser (same fields, boosts,
/// conjunction by default), facet filters as the live search adds them, one reader reused.
struct TantivyEngine<'a> {
    index: &'a SearchIndex,
}

impl<'a> TantivyEngine<'a> {
    fn new(index: &'a SearchIndex) -> TantivyEngine<'a> {
        TantivyEngine { index }
    }

    /// Returns the number of matching reports; computes the keys (`seq`) of the top 20.
    fn run(&self, query: &BenchQuery) -> Result<Outcome, BenchError> {
        let f = self.index.fields();
        let single_word = query.filter.is_none()
            && !query
                .tantivy
                .contains(|c: char| c.is_whitespace() || c == '"');
        let text = self
            .index
            .parse(&query.tantivy)
            .map_err(failed("parsing a tantivy query"))?;
        let query: Box<dyn Query> = match &query.filter {
            None => text,
            Some((kind, value)) => {
                let facet = Facet::from_path([kind.as_str(), value.as_str()]);
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, text),
                    (
                        Occur::Must,
                        Box::new(TermQuery::new(
                            Term::from_facet(f.facets, &facet),
                            IndexRecordOption::Basic,
                        )),
                    ),
                ]))
            }
        };
        let searcher = self.index.reader().searcher();
        let (total, top) = if single_word {
            // Top 20 with block-max WAND, then the count, from one weight.
            let weight = query
                .weight(EnableScoring::enabled_from_searcher(&searcher))
                .map_err(failed("tantivy weight"))?;
            let collector = TopDocs::with_limit(TOP);
            let mut fruits = Vec::new();
            let mut total = 0;
            for (ord, reader) in searcher.segment_readers().iter().enumerate() {
                fruits.push(
                    collector
                        .collect_segment(weight.as_ref(), ord as u32, reader)
                        .map_err(failed("tantivy search"))?,
                );
                total += weight.count(reader).map_err(failed("tantivy count"))? as usize;
            }
            let top = collector
                .merge_fruits(fruits)
                .map_err(failed("tantivy search"))?;
            (total, top)
        } else {
            // Phrases and conjunctions: one pass that scores and counts every match.
            searcher
                .search(&*query, &(Count, TopDocs::with_limit(TOP)))
                .map_err(failed("tantivy search"))?
        };
        let mut keys = Vec::with_capacity(top.len());
        for (_, address) in &top {
            let column = searcher
                .segment_reader(address.segment_ord)
                .fast_fields()
                .i64("seq")
                .map_err(failed("reading the seq fast field"))?;
            keys.push(column.first(address.doc_id).unwrap_or(0));
        }
        Ok(Outcome {
            total: total as u64,
            top: keys,
        })
    }
}

// ---------------------------------------------------------------------------------------
// SQLite FTS5
// ---------------------------------------------------------------------------------------

struct Fts5 {
    conn: SqliteConnection,
    stats: IndexStats,
}

#[derive(QueryableByName)]
struct KeyCountRow {
    #[diesel(sql_type = BigInt)]
    key: i64,
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct CountRow {
    #[diesel(sql_type = BigInt)]
    n: i64,
}

#[derive(QueryableByName)]
struct TextRow {
    #[diesel(sql_type = Text)]
    value: String,
}

const FTS5_INSERT: &str = "INSERT INTO reports (rowid, title, narrative, impact, detection, \
     lessons, action_items, technology, facets) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
/// Top 20 by `bm25` (the configured `rank`) and the number of matches, in one statement:
/// measured faster than a second `SELECT count(*)` statement.
const FTS5_SEARCH: &str = "SELECT rowid AS key, count(*) OVER () AS n FROM reports \
     WHERE reports MATCH ? ORDER BY rank LIMIT 20";

/// The FTS5 token that stands for a facet value: `f`, the kind and the value, letters and
/// digits only (`technology/sql-server` → `ftechnologysqlserver`).
fn fts5_facet_token(kind: &str, value: &str) -> String {
    let mut token = String::from("f");
    token.extend(
        kind.chars()
            .chain(value.chars())
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase()),
    );
    token
}

fn index_fts5(corpus: &Corpus, work_dir: &Path) -> Result<Fts5, BenchError> {
    let phase = Instant::now();
    let path = work_dir.join("fts5.db");
    let mut conn = SqliteConnection::establish(&path.display().to_string())
        .map_err(failed("opening the FTS5 database"))?;
    let fts5_compiled =
        diesel::sql_query("SELECT CAST(sqlite_compileoption_used('ENABLE_FTS5') AS TEXT) AS value")
            .load::<TextRow>(&mut conn)
            .map_err(failed("checking SQLite's compile options"))?;
    if fts5_compiled.first().map(|r| r.value.as_str()) != Some("1") {
        return Err(BenchError::Failed(
            "this SQLite was built without FTS5".into(),
        ));
    }
    conn.batch_execute(&format!(
        "PRAGMA journal_mode = OFF;
         PRAGMA synchronous = OFF;
         PRAGMA temp_store = MEMORY;
         PRAGMA cache_size = -262144;
         PRAGMA mmap_size = 34359738368;
         CREATE VIRTUAL TABLE reports USING fts5(
             title, narrative, impact, detection, lessons, action_items, technology, facets,
             tokenize = 'porter unicode61'
         );
         INSERT INTO reports (reports, rank) VALUES ('rank', '{FTS5_RANK}');
         INSERT INTO reports (reports, rank) VALUES ('hashsize', 67108864);"
    ))
    .map_err(failed("creating the FTS5 table"))?;
    let aliases = indexer::technology_aliases();
    let bar = progress(corpus.reports as u64, "FTS5 indexing");
    let mut indexing = Duration::ZERO;
    for i in 0..corpus.chunks() {
        let (chunk, _) = corpus.chunk(i);
        let started = Instant::now();
        conn.transaction::<_, diesel::result::Error, _>(|conn| {
            for report in &chunk {
                let d = &report.detail;
                let r = &d.report;
                let mut technology = Vec::new();
                let mut facets = vec![fts5_facet_token("industry", &r.industry)];
                for mention in &d.technologies {
                    technology.push(mention.slug.clone());
                    technology.extend(aliases.get(&mention.slug).into_iter().flatten().cloned());
                    facets.push(fts5_facet_token("technology", &mention.slug));
                }
                diesel::sql_query(FTS5_INSERT)
                    .bind::<BigInt, _>(report.number)
                    .bind::<Text, _>(&r.title)
                    .bind::<Text, _>(&r.narrative)
                    .bind::<Text, _>(&r.impact)
                    .bind::<Text, _>(&r.detection)
                    .bind::<Text, _>(&r.lessons)
                    .bind::<Text, _>(&r.action_items)
                    .bind::<Text, _>(technology.join(" "))
                    .bind::<Text, _>(facets.join(" "))
                    .execute(conn)?;
            }
            Ok(())
        })
        .map_err(failed("inserting into FTS5"))?;
        indexing += started.elapsed();
        bar.inc(chunk.len() as u64);
    }
    bar.set_message("FTS5 optimize");
    let started = Instant::now();
    conn.batch_execute("INSERT INTO reports (reports) VALUES ('optimize');")
        .map_err(failed("optimizing the FTS5 index"))?;
    let compaction = started.elapsed();
    indexing += compaction;
    bar.finish_and_clear();
    let count = diesel::sql_query("SELECT count(*) AS n FROM reports")
        .load::<CountRow>(&mut conn)
        .map_err(failed("counting FTS5 rows"))?;
    let rows = count.first().map(|r| r.n).unwrap_or(0);
    if rows != corpus.reports as i64 {
        return Err(BenchError::Failed(format!(
            "FTS5 holds {rows} rows, expected {}",
            corpus.reports
        )));
    }
    Ok(Fts5 {
        conn,
        stats: IndexStats {
            indexing,
            compaction,
            wall: phase.elapsed(),
            reports: corpus.reports,
        },
    })
}

impl Fts5 {
    /// Returns the number of matching reports; computes the keys (rowids) of the top 20 by
    /// `bm25`.
    fn run(&mut self, query: &BenchQuery) -> Result<Outcome, BenchError> {
        let rows = diesel::sql_query(FTS5_SEARCH)
            .bind::<Text, _>(&query.fts5)
            .load::<KeyCountRow>(&mut self.conn)
            .map_err(failed("FTS5 search"))?;
        let total = rows.first().map(|r| r.n).unwrap_or(0).max(0) as u64;
        Ok(Outcome {
            total,
            top: rows.into_iter().map(|r| r.key).collect(),
        })
    }
}

// ---------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QueryType {
    Single,
    Phrase,
    Filtered,
    Rare,
    Common,
}

impl QueryType {
    const ALL: [QueryType; 5] = [
        QueryType::Single,
        QueryType::Phrase,
        QueryType::Filtered,
        QueryType::Rare,
        QueryType::Common,
    ];

    fn name(self) -> &'static str {
        match self {
            QueryType::Single => "single term",
            QueryType::Phrase => "phrase",
            QueryType::Filtered => "2 terms + facet",
            QueryType::Rare => "rare term",
            QueryType::Common => "common term",
        }
    }
}

/// One query, written for each engine.
#[derive(Debug, Clone)]
struct BenchQuery {
    /// In the registry's query syntax, as a reader types it.
    tantivy: String,
    /// The same in FTS5's syntax (every term quoted, so that no word reads as an operator).
    fts5: String,
    /// A facet filter: kind (`technology`, `industry`) and value (slug).
    filter: Option<(String, String)>,
}

impl BenchQuery {
    /// A one-word query.
    fn term(word: &str) -> BenchQuery {
        BenchQuery {
            tantivy: word.to_string(),
            fts5: format!("\"{word}\""),
            filter: None,
        }
    }
}

/// What a query computed: the total number of matches and the keys of the top hits.
#[derive(Debug, Clone)]
struct Outcome {
    total: u64,
    top: Vec<i64>,
}

/// Text and coding of the first reports, with the document frequency of every word in the
/// whole first chunk.
#[derive(Default)]
struct Sample {
    /// Per report: its text fields as token lists (letters and digits, lower-cased, the way
    /// both engines split words), its industry and technology slugs.
    reports: Vec<SampleReport>,
    /// Document frequency (share of reports, 0..1) of every alphabetic word's stem.
    /// Two-letter words included (they are counted to keep phrases of them out).
    df: HashMap<String, f64>,
}

struct SampleReport {
    fields: Vec<Vec<String>>,
    industry: String,
    technologies: Vec<String>,
}

fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn stem(stemmer: &mut TextAnalyzer, word: &str) -> String {
    let mut stem = String::new();
    stemmer.token_stream(word).process(&mut |token| {
        if stem.is_empty() {
            stem = token.text.clone();
        }
    });
    stem
}

/// A word worth querying: letters only, at least three of them.
fn is_word(token: &str) -> bool {
    token.chars().count() >= 3 && token.chars().all(char::is_alphabetic)
}

impl Sample {
    /// `stemmer` is the index's English analyzer: frequencies are counted per stem, since
    /// a query for a word matches every word of the same stem.
    fn of(chunk: &[BenchReport], stemmer: &mut TextAnalyzer) -> Sample {
        let mut stems: HashMap<String, String> = HashMap::new();
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut reports = Vec::new();
        for (i, report) in chunk.iter().enumerate() {
            let r = &report.detail.report;
            let fields: Vec<Vec<String>> = [
                &r.title,
                &r.narrative,
                &r.impact,
                &r.detection,
                &r.lessons,
                &r.action_items,
            ]
            .into_iter()
            .map(|text| tokens(text))
            .collect();
            let mut distinct: HashSet<String> = HashSet::new();
            for word in fields
                .iter()
                .flatten()
                .filter(|t| t.chars().all(char::is_alphabetic))
            {
                let stemmed = match stems.get(word) {
                    Some(stemmed) => stemmed.clone(),
                    None => {
                        let stemmed = stem(stemmer, word);
                        stems.insert(word.clone(), stemmed.clone());
                        stemmed
                    }
                };
                distinct.insert(stemmed);
            }
            for stemmed in distinct {
                *counts.entry(stemmed).or_insert(0) += 1;
            }
            if i < SAMPLE {
                reports.push(SampleReport {
                    fields,
                    industry: r.industry.clone(),
                    technologies: report
                        .detail
                        .technologies
                        .iter()
                        .map(|t| t.slug.clone())
                        .collect(),
                });
            }
        }
        let total = chunk.len().max(1) as f64;
        Sample {
            reports,
            df: stems
                .into_iter()
                .map(|(word, stem)| {
                    let n = counts.get(&stem).copied().unwrap_or(0);
                    (word, n as f64 / total)
                })
                .collect(),
        }
    }
}

/// The words of the sample in three bands of document frequency.
struct Bands {
    rare: Vec<String>,
    medium: Vec<String>,
    common: Vec<String>,
}

/// Rare: in at most 0.1% of reports; common: in at least 25%; medium: 0.5% to 20%. A band
/// left empty by a small sample takes the lowest, middle or highest words by frequency.
const RARE_MAX: f64 = 0.001;
const MEDIUM: (f64, f64) = (0.005, 0.20);
const COMMON_MIN: f64 = 0.25;
/// The rare band holds at least this many words (the lowest by frequency).
const RARE_WORDS: usize = 20;

impl Bands {
    fn of(sample: &Sample) -> Bands {
        // A technology's name or alias also matches the keyword field `technology`, which
        // the frequencies above do not count: such words are left out.
        let vocabulary = Vocabulary::builtin();
        let mut words: Vec<(&String, f64)> = sample
            .df
            .iter()
            .filter(|(w, _)| is_word(w) && !vocabulary.contains_term(w))
            .map(|(w, &f)| (w, f))
            .collect();
        words.sort_by(|a, b| a.1.total_cmp(&b.1).then_with(|| a.0.cmp(b.0)));
        let pick = |keep: &dyn Fn(f64) -> bool| -> Vec<String> {
            words
                .iter()
                .filter(|(_, f)| keep(*f))
                .map(|(w, _)| (*w).clone())
                .collect()
        };
        let n = words.len();
        let slice = |from: usize, to: usize| -> Vec<String> {
            words
                .get(from.min(n)..to.min(n))
                .unwrap_or(&[])
                .iter()
                .map(|(w, _)| (*w).clone())
                .collect()
        };
        let mut rare = pick(&|f| f <= RARE_MAX);
        if rare.len() < RARE_WORDS {
            rare = slice(0, RARE_WORDS);
        }
        let mut medium = pick(&|f| (MEDIUM.0..=MEDIUM.1).contains(&f));
        if medium.len() < 10 {
            medium = slice(n / 4, 3 * n / 4);
        }
        let mut common = pick(&|f| f >= COMMON_MIN);
        if common.is_empty() {
            common = slice(n.saturating_sub(20), n);
        }
        Bands {
            rare,
            medium,
            common,
        }
    }
}

struct QueryMix {
    queries: Vec<(QueryType, Vec<BenchQuery>)>,
    bands: Bands,
}

impl QueryMix {
    fn of(&self, kind: QueryType) -> &[BenchQuery] {
        self.queries
            .iter()
            .find(|(k, _)| *k == kind)
            .map(|(_, q)| q.as_slice())
            .unwrap_or(&[])
    }

    fn draw(sample: &Sample, bands: Bands, options: &BenchOptions) -> QueryMix {
        let mut rng = StdRng::seed_from_u64(options.seed ^ 0x5eed_be4c);
        let n = options.queries_per_type;
        let draw_terms = |rng: &mut StdRng, band: &[String]| -> Vec<BenchQuery> {
            (0..n)
                .map(|_| {
                    band.choose(rng)
                        .map(|w| BenchQuery::term(w))
                        .unwrap_or_else(|| BenchQuery::term("the"))
                })
                .collect()
        };
        let single = draw_terms(&mut rng, &bands.medium);
        let rare = draw_terms(&mut rng, &bands.rare);
        let common = draw_terms(&mut rng, &bands.common);
        let phrase = (0..n).map(|_| draw_phrase(&mut rng, sample)).collect();
        let filtered = (0..n)
            .map(|i| draw_filtered(&mut rng, sample, &bands, i % 2 == 0))
            .collect();
        QueryMix {
            queries: vec![
                (QueryType::Single, single),
                (QueryType::Phrase, phrase),
                (QueryType::Filtered, filtered),
                (QueryType::Rare, rare),
                (QueryType::Common, common),
            ],
            bands,
        }
    }
}

/// Two or three consecutive words of a sample report, at least one of them not common.
fn draw_phrase(rng: &mut StdRng, sample: &Sample) -> BenchQuery {
    let is_common = |w: &str| sample.df.get(w).is_none_or(|&f| f >= COMMON_MIN);
    for _ in 0..1_000 {
        let Some(report) = sample.reports.choose(rng) else {
            break;
        };
        let Some(field) = report.fields.choose(rng) else {
            continue;
        };
        let len = rng.gen_range(2..=3);
        if field.len() < len {
            continue;
        }
        let start = rng.gen_range(0..=field.len() - len);
        let Some(words) = field.get(start..start + len) else {
            continue;
        };
        if words
            .iter()
            .all(|w| w.chars().count() >= 2 && w.chars().all(char::is_alphabetic))
            && words.iter().any(|w| !is_common(w))
        {
            let phrase = words.join(" ");
            return BenchQuery {
                tantivy: format!("\"{phrase}\""),
                fts5: format!("\"{phrase}\""),
                filter: None,
            };
        }
    }
    BenchQuery {
        tantivy: "\"root cause\"".into(),
        fts5: "\"root cause\"".into(),
        filter: None,
    }
}

/// Two medium-frequency words of one sample report, filtered by one of its technologies
/// (`by_technology`, when it has one) or by its industry.
fn draw_filtered(
    rng: &mut StdRng,
    sample: &Sample,
    bands: &Bands,
    by_technology: bool,
) -> BenchQuery {
    let medium: HashSet<&str> = bands.medium.iter().map(String::as_str).collect();
    for _ in 0..1_000 {
        let Some(report) = sample.reports.choose(rng) else {
            break;
        };
        let mut words: Vec<&str> = report
            .fields
            .iter()
            .flatten()
            .map(String::as_str)
            .filter(|w| medium.contains(w))
            .collect();
        words.sort_unstable();
        words.dedup();
        if words.len() < 2 {
            continue;
        }
        let chosen: Vec<&str> = words.choose_multiple(rng, 2).copied().collect();
        let filter = match report.technologies.choose(rng) {
            Some(slug) if by_technology => ("technology".to_string(), slug.clone()),
            _ => ("industry".to_string(), report.industry.clone()),
        };
        let facet = fts5_facet_token(&filter.0, &filter.1);
        return BenchQuery {
            tantivy: chosen.join(" "),
            fts5: format!(
                "\"{}\" \"{}\" facets : \"{facet}\"",
                chosen.first().unwrap_or(&""),
                chosen.get(1).unwrap_or(&"")
            ),
            filter: Some(filter),
        };
    }
    BenchQuery {
        tantivy: "cache timeout".into(),
        fts5: format!(
            "\"cache\" \"timeout\" facets : \"{}\"",
            fts5_facet_token("industry", "software")
        ),
        filter: Some(("industry".into(), "software".into())),
    }
}

// ---------------------------------------------------------------------------------------
// Results
// ---------------------------------------------------------------------------------------

struct Latency {
    p50: Duration,
    p95: Duration,
    p99: Duration,
}

impl Latency {
    fn of(mut times: Vec<Duration>) -> Latency {
        times.sort_unstable();
        let at = |q: f64| -> Duration {
            if times.is_empty() {
                return Duration::ZERO;
            }
            // Nearest rank.
            let rank = ((q * times.len() as f64).ceil() as usize).clamp(1, times.len());
            times.get(rank - 1).copied().unwrap_or_default()
        };
        Latency {
            p50: at(0.50),
            p95: at(0.95),
            p99: at(0.99),
        }
    }
}

struct Measured {
    kind: QueryType,
    tantivy: Latency,
    fts5: Latency,
    tantivy_counts: Vec<Outcome>,
    fts5_counts: Vec<Outcome>,
    /// The slowest query of the type on each engine, with its time.
    slowest_tantivy: (Duration, String),
    slowest_fts5: (Duration, String),
}

impl Measured {
    fn ratio(&self) -> f64 {
        self.fts5.p99.as_secs_f64() / self.tantivy.p99.as_secs_f64().max(1e-9)
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn print_report(
    options: &BenchOptions,
    tantivy: &IndexStats,
    fts5: &IndexStats,
    queries: &QueryMix,
    measured: &[Measured],
    segments: usize,
) {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    println!(
        "bench-search over {} synthetic reports (seed {}), {} timed queries per type, {} cores",
        options.reports, options.seed, options.queries_per_type, threads
    );
    println!();
    println!(
        "{:<8} {:>11} {:>11} {:>13} {:>11}",
        "indexing", "reports/s", "indexing s", "of it merge s", "phase s"
    );
    for (name, stats) in [("tantivy", tantivy), ("FTS5", fts5)] {
        println!(
            "{:<8} {:>11.0} {:>11.1} {:>13.1} {:>11.1}",
            name,
            stats.per_second(),
            stats.indexing.as_secs_f64(),
            stats.compaction.as_secs_f64(),
            stats.wall.as_secs_f64()
        );
    }
    println!(
        "(tantivy: {segments} segments after merging; phase = wall time including generation)"
    );
    println!();
    println!(
        "{:<16} | {:>31} | {:>31} | {:>9} | {:>23}",
        "latency, ms",
        "tantivy p50 / p95 / p99",
        "FTS5 p50 / p95 / p99",
        "FTS5/tan",
        "mean matches tan / FTS5"
    );
    for m in measured {
        let mean = |outcomes: &[Outcome]| -> f64 {
            outcomes.iter().map(|o| o.total as f64).sum::<f64>() / outcomes.len().max(1) as f64
        };
        println!(
            "{:<16} | {:>9.3} {:>10.3} {:>10.3} | {:>9.3} {:>10.3} {:>10.3} | {:>8.1}x | {:>11.0} {:>11.0}",
            m.kind.name(),
            ms(m.tantivy.p50),
            ms(m.tantivy.p95),
            ms(m.tantivy.p99),
            ms(m.fts5.p50),
            ms(m.fts5.p95),
            ms(m.fts5.p99),
            m.ratio(),
            mean(&m.tantivy_counts),
            mean(&m.fts5_counts),
        );
    }
    println!();
    println!("slowest query of each type (tantivy | FTS5):");
    for m in measured {
        println!(
            "  {:<16} {:>8.3} ms {:<28} | {:>8.3} ms {}",
            m.kind.name(),
            ms(m.slowest_tantivy.0),
            m.slowest_tantivy.1,
            ms(m.slowest_fts5.0),
            m.slowest_fts5.1
        );
    }
    println!();
    let all = |side: fn(&Measured) -> &[Outcome]| -> (u64, usize) {
        let outcomes: Vec<&Outcome> = measured.iter().flat_map(side).collect();
        (
            outcomes.iter().map(|o| o.total).sum(),
            outcomes.iter().filter(|o| !o.top.is_empty()).count(),
        )
    };
    let (tantivy_matches, tantivy_nonempty) = all(|m| &m.tantivy_counts);
    let (fts5_matches, fts5_nonempty) = all(|m| &m.fts5_counts);
    let total_queries: usize = measured.iter().map(|m| m.tantivy_counts.len()).sum();
    let same_total = measured
        .iter()
        .flat_map(|m| m.tantivy_counts.iter().zip(&m.fts5_counts))
        .filter(|(t, f)| t.total == f.total)
        .count();
    println!(
        "matches: tantivy={tantivy_matches} fts5={fts5_matches}; queries with hits: \
         tantivy={tantivy_nonempty}/{total_queries} fts5={fts5_nonempty}/{total_queries}; \
         equal totals on {same_total}/{total_queries}"
    );
    println!(
        "query words: {} rare (<= {:.1}% of reports), {} medium ({:.1}%..{:.0}%), {} common (>= {:.0}%)",
        queries.bands.rare.len(),
        RARE_MAX * 100.0,
        queries.bands.medium.len(),
        MEDIUM.0 * 100.0,
        MEDIUM.1 * 100.0,
        queries.bands.common.len(),
        COMMON_MIN * 100.0
    );
    let worst = |side: fn(&Measured) -> Duration| {
        measured.iter().map(side).max().map(ms).unwrap_or_default()
    };
    let worst_ratio = measured
        .iter()
        .map(Measured::ratio)
        .fold(f64::INFINITY, f64::min);
    println!(
        "bench-search: reports={} index_per_s={:.0} tantivy_p99_ms={:.3} fts5_p99_ms={:.3} worst_ratio={:.2}",
        options.reports,
        tantivy.per_second(),
        worst(|m| m.tantivy.p99),
        worst(|m| m.fts5.p99),
        if worst_ratio.is_finite() { worst_ratio } else { 0.0 }
    );
}
