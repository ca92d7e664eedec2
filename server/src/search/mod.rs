//! Full-text search over published reports with tantivy. The index lives in the data
//! directory, is derived from the database and can be rebuilt from it at any time: it
//! follows the database by the publication sequence number (`published_seq`), and the last
//! indexed number is stored in the payload of each commit.

pub mod common_grams;
pub mod indexer;
pub mod query;
pub mod schema;
pub mod snippets;
pub mod stem_cache;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::{Index, IndexReader, ReloadPolicy};

pub use indexer::Indexer;
pub use query::{FacetKind, SearchError, SearchRequest, SearchResults, Sort};
use schema::Fields;

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    #[error("could not prepare the index directory {path}: {source}")]
    Directory {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Db(#[from] crate::db::DbError),
    #[error("the search index is in use by another process (is a server running on this data directory?)")]
    Locked,
}

/// The shared, read-side handle of the index. Cheap to clone.
#[derive(Clone)]
pub struct SearchIndex {
    inner: Arc<Inner>,
}

struct Inner {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Analyzers of the query parser (common grams in query mode).
    query_tokenizers: tantivy::tokenizer::TokenizerManager,
    /// Snippet analyzers: without grams, and with them (for queries holding grams).
    snippet_analyzers: [tantivy::tokenizer::TextAnalyzer; 2],
    /// Recent results, valid for one reader generation: a query repeated before the next
    /// commit (the front page's empty search, a popular term) is answered from memory.
    results: GenerationCache<Arc<SearchResults>>,
    /// Total and facet counts per query and filters (not page or sort), for one reader
    /// generation: the next page, or the same results by date, only needs the top hits.
    counts: GenerationCache<Arc<query::Counts>>,
}

/// Values per request key for one reader generation, least recently used evicted first.
/// A new generation (a commit) empties it, so nothing stale is ever served.
pub(crate) struct GenerationCache<V> {
    state: std::sync::Mutex<(u64, lru::LruCache<String, V>)>,
}

impl<V: Clone> GenerationCache<V> {
    fn new(entries: usize) -> GenerationCache<V> {
        let capacity = std::num::NonZeroUsize::new(entries).unwrap_or(std::num::NonZeroUsize::MIN);
        GenerationCache {
            state: std::sync::Mutex::new((0, lru::LruCache::new(capacity))),
        }
    }

    pub(crate) fn get(&self, generation: u64, key: &str) -> Option<V> {
        let mut state = self.state.lock().ok()?;
        if state.0 != generation {
            state.0 = generation;
            state.1.clear();
        }
        state.1.get(key).cloned()
    }

    pub(crate) fn put(&self, generation: u64, key: String, value: V) {
        if let Ok(mut state) = self.state.lock() {
            if state.0 == generation {
                state.1.put(key, value);
            }
        }
    }
}

/// How many distinct requests the result cache keeps, and distinct queries the counts cache.
const RESULT_CACHE_ENTRIES: usize = 1024;
const COUNTS_CACHE_ENTRIES: usize = 4096;

impl SearchIndex {
    /// Opens the index under `data_dir/index`, creating it when missing. An index that
    /// cannot be opened (corrupt, or from an incompatible schema) is moved aside and
    /// recreated empty; the indexer then rebuilds it from the database.
    pub fn open(data_dir: &Path) -> Result<SearchIndex, IndexError> {
        let dir = index_dir(data_dir);
        std::fs::create_dir_all(&dir).map_err(|source| IndexError::Directory {
            path: dir.display().to_string(),
            source,
        })?;
        let (schema, fields) = schema::build();
        let exists =
            Index::exists(&tantivy::directory::MmapDirectory::open(&dir).map_err(|e| {
                IndexError::Directory {
                    path: dir.display().to_string(),
                    source: std::io::Error::other(e.to_string()),
                }
            })?)
            .unwrap_or(false);
        let index = match open_existing(&dir, &schema) {
            Ok(index) => index,
            Err(_) if !exists => Index::create_in_dir(&dir, schema.clone())?,
            Err(err) => {
                tracing::warn!(error = %err, "search index unusable; rebuilding it from the database");
                recreate_dir(&dir)?;
                Index::create_in_dir(&dir, schema.clone())?
            }
        };
        schema::register_tokenizers(&index);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(SearchIndex {
            inner: Arc::new(Inner {
                index,
                reader,
                fields,
                query_tokenizers: schema::query_tokenizers(),
                snippet_analyzers: [
                    schema::stemmed_analyzer(None),
                    schema::stemmed_analyzer(Some(common_grams::Mode::Index)),
                ],
                results: GenerationCache::new(RESULT_CACHE_ENTRIES),
                counts: GenerationCache::new(COUNTS_CACHE_ENTRIES),
            }),
        })
    }

    pub fn index(&self) -> &Index {
        &self.inner.index
    }

    pub fn reader(&self) -> &IndexReader {
        &self.inner.reader
    }

    pub(crate) fn query_tokenizers(&self) -> &tantivy::tokenizer::TokenizerManager {
        &self.inner.query_tokenizers
    }

    pub(crate) fn snippet_analyzers(&self) -> &[tantivy::tokenizer::TextAnalyzer; 2] {
        &self.inner.snippet_analyzers
    }

    pub(crate) fn result_cache(&self) -> &GenerationCache<Arc<SearchResults>> {
        &self.inner.results
    }

    pub(crate) fn counts_cache(&self) -> &GenerationCache<Arc<query::Counts>> {
        &self.inner.counts
    }

    pub fn fields(&self) -> &Fields {
        &self.inner.fields
    }

    /// The publication sequence number of the last committed report (0 for a new index).
    pub fn indexed_seq(&self) -> i64 {
        self.inner
            .index
            .load_metas()
            .ok()
            .and_then(|metas| metas.payload)
            .and_then(|payload| payload.parse().ok())
            .unwrap_or(0)
    }

    /// Reloads the reader when the searchable segments on disk are not the ones it serves.
    /// Background merges replace segments without a commit of ours; until a reload the reader
    /// keeps searching the many small segments they replaced, and every query pays per
    /// segment (measured: half the throughput with 12 segments instead of 1 at 100,000).
    pub fn reload_if_segments_changed(&self) -> Result<bool, IndexError> {
        let on_disk: std::collections::HashSet<tantivy::index::SegmentId> = self
            .inner
            .index
            .searchable_segment_ids()?
            .into_iter()
            .collect();
        let searcher = self.inner.reader.searcher();
        let served: std::collections::HashSet<tantivy::index::SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|segment| segment.segment_id())
            .collect();
        if on_disk == served {
            return Ok(false);
        }
        self.inner.reader.reload()?;
        Ok(true)
    }

    /// Documents visible to searches now.
    pub fn num_docs(&self) -> u64 {
        self.inner.reader.searcher().num_docs()
    }
}

pub fn index_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("index")
}

fn open_existing(dir: &Path, expected: &tantivy::schema::Schema) -> Result<Index, IndexError> {
    let index = Index::open_in_dir(dir)?;
    if index.schema() != *expected {
        return Err(IndexError::Tantivy(tantivy::TantivyError::SchemaError(
            "the index was built with another schema".into(),
        )));
    }
    // Opening a searcher reads every segment's metadata: a truncated segment fails here.
    let reader: IndexReader = index.reader()?;
    reader.searcher().num_docs();
    Ok(index)
}

fn recreate_dir(dir: &Path) -> Result<(), IndexError> {
    let io = |source| IndexError::Directory {
        path: dir.display().to_string(),
        source,
    };
    std::fs::remove_dir_all(dir).map_err(io)?;
    std::fs::create_dir_all(dir).map_err(io)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use tantivy::doc;

    #[test]
    fn the_reader_follows_merges_it_did_not_commit() {
        let dir = std::env::temp_dir().join(format!("search-merge-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let index = SearchIndex::open(&dir).unwrap();
        let mut writer = indexer::open_writer(&index).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let title = index.fields().title;
        for word in ["alpha", "beta", "gamma"] {
            writer.add_document(doc!(title => word)).unwrap();
            writer.commit().unwrap();
        }
        index.reader().reload().unwrap();
        assert_eq!(index.reader().searcher().segment_readers().len(), 3);
        assert!(
            !index.reload_if_segments_changed().unwrap(),
            "nothing changed yet"
        );

        let segments = index.index().searchable_segment_ids().unwrap();
        writer.merge(&segments).wait().unwrap();
        assert_eq!(
            index.reader().searcher().segment_readers().len(),
            3,
            "stale until reloaded"
        );
        assert!(index.reload_if_segments_changed().unwrap());
        let searcher = index.reader().searcher();
        assert_eq!(searcher.segment_readers().len(), 1);
        assert_eq!(searcher.num_docs(), 3);
        drop(writer);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
