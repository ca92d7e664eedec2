//! `registry bench-search`: a small run of the real binary prints its table and a summary
//! line scripts can parse, and both engines find the reports it generated.

use std::process::Command;

use crate::helpers::BINARY;

#[test]
fn bench_search_prints_a_parsable_summary_with_results_from_both_engines() {
    let work = tempfile::tempdir().expect("temporary directory");
    let output = Command::new(BINARY)
        .args([
            "bench-search",
            "--reports",
            "2000",
            "--queries",
            "20",
            "--work-dir",
        ])
        .arg(work.path())
        .env("REGISTRY_DATA_DIR", work.path().join("data"))
        .output()
        .expect("run registry bench-search");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "bench-search failed\nstdout:\n{stdout}\nstderr:\n{stderr}"
    );

    let last = stdout.lines().last().expect("some output");
    let summary = regex::Regex::new(
        r"^bench-search: reports=2000 index_per_s=(\d+) tantivy_p99_ms=(\d+\.\d+) fts5_p99_ms=(\d+\.\d+) worst_ratio=(\d+\.\d+)$",
    )
    .expect("valid pattern");
    let captures = summary
        .captures(last)
        .unwrap_or_else(|| panic!("unexpected summary line {last:?}\n{stdout}"));
    let number = |i: usize| -> f64 { captures[i].parse().expect("a number") };
    assert!(number(1) > 0.0, "indexing throughput: {last}");
    assert!(number(2) > 0.0 && number(3) > 0.0, "latencies: {last}");
    assert!(number(4) > 0.0, "ratio: {last}");

    for kind in [
        "single term",
        "phrase",
        "2 terms + facet",
        "rare term",
        "common term",
    ] {
        assert!(
            stdout.lines().any(|l| l.starts_with(kind)),
            "no row for {kind}:\n{stdout}"
        );
    }

    // Both engines returned results: every query was drawn from the generated text.
    let matches = regex::Regex::new(
        r"matches: tantivy=(\d+) fts5=(\d+); queries with hits: tantivy=(\d+)/(\d+) fts5=(\d+)/(\d+)",
    )
    .expect("valid pattern");
    let m = matches
        .captures(&stdout)
        .unwrap_or_else(|| panic!("no matches line:\n{stdout}"));
    let count = |i: usize| -> u64 { m[i].parse().expect("a number") };
    assert!(count(1) > 0 && count(2) > 0, "matches:\n{stdout}");
    assert_eq!(count(4), 100, "5 query types x 20 queries");
    assert!(
        count(3) == count(4) && count(5) == count(6),
        "every query should find at least one report in both engines:\n{stdout}"
    );

    // The tantivy index is laid out as the registry's own and the FTS5 database exists.
    assert!(work.path().join("index").join("meta.json").exists());
    assert!(work.path().join("fts5.db").exists());
}
