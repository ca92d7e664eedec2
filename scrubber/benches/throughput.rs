//! Throughput of `Scrubber::scrub` on one core over ≥ 5 MB of generated mixed incident
//! narratives, and the cost of building a `Scrubber`.
//!
//! ```text
//! cargo bench -p scrubber --bench throughput
//! ```
//!
//! The corpus is assembled deterministically from the texts of the evaluation set
//! (`eval/cases.jsonl`: chat logs, log lines, stack traces, configs, prose in five domains),
//! with digits re-drawn so that documents differ, into documents of 2–6 KB. Each document is
//! one `scrub` call, as the server does per report field.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use scrubber::Scrubber;

const CASES: &str = include_str!("../eval/cases.jsonl");

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// Documents of 2–6 KB, at least `total` bytes together.
pub fn corpus(total: usize) -> Vec<String> {
    let texts: Vec<String> = CASES
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    let mut rng = Rng(0x5EED_1234_ABCD_0001);
    let mut docs = Vec::new();
    let mut size = 0;
    while size < total {
        let target = 2000 + (rng.next() % 4000) as usize;
        let mut doc = String::with_capacity(target + 1024);
        while doc.len() < target {
            let t = &texts[(rng.next() as usize) % texts.len()];
            // re-draw digits so repeated snippets differ (keeps the text's shape)
            for c in t.chars() {
                if c.is_ascii_digit() && rng.next().is_multiple_of(3) {
                    doc.push(char::from(b'0' + (rng.next() % 10) as u8));
                } else {
                    doc.push(c);
                }
            }
            doc.push_str("\n\n");
        }
        size += doc.len();
        docs.push(doc);
    }
    docs
}

fn bench(c: &mut Criterion) {
    // cold build: first Scrubber in the process (also parses name lists and vocabulary)
    let t0 = Instant::now();
    let s = Scrubber::new();
    let cold = t0.elapsed();
    let t1 = Instant::now();
    let _warm = Scrubber::new();
    let warm = t1.elapsed();
    eprintln!(
        "Scrubber::new(): cold {:.1} ms, warm {:.1} ms",
        cold.as_secs_f64() * 1e3,
        warm.as_secs_f64() * 1e3
    );

    let docs = corpus(5 << 20);
    let bytes: usize = docs.iter().map(String::len).sum();
    // one untimed pass warms the lazy DFAs
    for d in docs.iter().take(50) {
        let _ = s.scrub(d, &[]);
    }
    let t = Instant::now();
    let mut findings = 0usize;
    for d in &docs {
        findings += s.scrub(d, &[]).findings.len();
    }
    let el = t.elapsed().as_secs_f64();
    eprintln!(
        "one pass over {} docs, {:.2} MB: {:.3} s = {:.1} MB/s ({} findings)",
        docs.len(),
        bytes as f64 / 1e6,
        el,
        bytes as f64 / 1e6 / el,
        findings
    );

    let mut g = c.benchmark_group("scrub");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("mixed_5MB", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                n += s.scrub(d, &[]).findings.len();
            }
            n
        })
    });
    g.finish();

    // Residual-risk highlighting runs on redacted text, on every review screen and queue row.
    let scrubbed: Vec<String> = docs.iter().map(|d| s.scrub(d, &[]).text).collect();
    let scrubbed_bytes: usize = scrubbed.iter().map(String::len).sum();
    let vocabulary = scrubber::vocabulary::Vocabulary::builtin();
    let t = Instant::now();
    let risks: usize = scrubbed
        .iter()
        .map(|d| scrubber::residual::residual_risks(d, vocabulary).len())
        .sum();
    let el = t.elapsed().as_secs_f64();
    eprintln!(
        "residual risks over {} redacted docs, {:.2} MB: {:.3} s = {:.1} MB/s, {:.0} µs per doc ({} risks)",
        scrubbed.len(),
        scrubbed_bytes as f64 / 1e6,
        el,
        scrubbed_bytes as f64 / 1e6 / el,
        el * 1e6 / scrubbed.len() as f64,
        risks
    );
    let mut g = c.benchmark_group("residual");
    g.throughput(Throughput::Bytes(scrubbed_bytes as u64));
    g.sample_size(10);
    g.bench_function("redacted_5MB", |b| {
        b.iter(|| {
            scrubbed
                .iter()
                .map(|d| scrubber::residual::residual_risks(d, vocabulary).len())
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("Scrubber::new", |b| b.iter(Scrubber::new));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
