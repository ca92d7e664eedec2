//! Scrub both benchmark corpora and write every result as JSON Lines, to compare the output of
//! two versions of the rules byte for byte (a refactor must not change a single finding); also
//! prints a quick throughput figure for each corpus.
//!
//! ```text
//! cargo run -p scrubber --release --example snapshot -- /tmp/before.jsonl
//! # change the code
//! cargo run -p scrubber --release --example snapshot -- /tmp/after.jsonl
//! cmp /tmp/before.jsonl /tmp/after.jsonl
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../benches/corpus.rs"]
mod corpus;

use std::io::Write;
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: snapshot OUT.jsonl");
        std::process::exit(2);
    };
    let scrubber = scrubber::Scrubber::new();
    let real = corpus::real(&corpus::real_dir()).unwrap_or_default();
    let generated = corpus::generated(5 << 20);
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for (name, docs) in [("real", &real), ("generated", &generated)] {
        let bytes: usize = docs.iter().map(String::len).sum();
        let t = Instant::now();
        let results: Vec<scrubber::Scrubbed> =
            docs.iter().map(|d| scrubber.scrub(d, &[])).collect();
        let el = t.elapsed().as_secs_f64();
        let findings: usize = results.iter().map(|r| r.findings.len()).sum();
        eprintln!(
            "{name}: {} docs, {:.2} MB, {:.3} s = {:.1} MB/s, {findings} findings",
            docs.len(),
            bytes as f64 / 1e6,
            el,
            bytes as f64 / 1e6 / el
        );
        let mut not_idempotent = 0;
        for r in &results {
            writeln!(out, "{}", serde_json::to_string(r).unwrap()).unwrap();
            if scrubber.scrub(&r.text, &[]).text != r.text {
                not_idempotent += 1;
            }
        }
        if not_idempotent > 0 {
            eprintln!("{name}: {not_idempotent} results change when scrubbed again");
        }
    }
}
