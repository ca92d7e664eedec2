//! `registry bench-search`: tantivy against SQLite FTS5 over the same synthetic reports.
//! (Being written: see the search issue.)

use std::path::Path;

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

/// Runs the benchmark in `work_dir` (a scratch directory), printing the table and the
/// closing `bench-search:` summary line to stdout.
pub fn bench_search(_options: &BenchOptions, _work_dir: &Path) -> Result<(), BenchError> {
    Err(BenchError::Failed("not implemented yet".into()))
}
