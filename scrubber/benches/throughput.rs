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
//! one `scrub` call, as the server does per report field. This corpus is dense: about one
//! identifier every 65 bytes.
//!
//! When `../shared/corpus` (the real public postmortem collections) is beside the repository,
//! their prose fields are measured too (`SCRUB_REAL_CORPUS` points elsewhere).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use scrubber::Scrubber;

mod corpus;

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

    let docs = corpus::generated(5 << 20);
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

    // The real public postmortems beside the repository, when present: sparse identifiers in
    // long prose, the product's everyday input. Three rounds, so the figure is not one pass.
    let real = corpus::real(&corpus::real_dir());
    if let Some(real) = &real {
        let bytes: usize = real.iter().map(String::len).sum();
        for d in real.iter().take(50) {
            let _ = s.scrub(d, &[]);
        }
        let t = Instant::now();
        let mut findings = 0usize;
        for _ in 0..3 {
            for d in real {
                findings += s.scrub(d, &[]).findings.len();
            }
        }
        let el = t.elapsed().as_secs_f64();
        eprintln!(
            "three passes over {} real postmortem fields, {:.2} MB each: {:.3} s = {:.1} MB/s ({} findings per pass)",
            real.len(),
            bytes as f64 / 1e6,
            el,
            3.0 * bytes as f64 / 1e6 / el,
            findings / 3
        );
    } else {
        eprintln!(
            "no real corpus at {} (set SCRUB_REAL_CORPUS)",
            corpus::real_dir().display()
        );
    }

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
    if let Some(real) = &real {
        let bytes: usize = real.iter().map(String::len).sum();
        g.throughput(Throughput::Bytes(bytes as u64));
        g.bench_function("real_postmortems", |b| {
            b.iter(|| {
                let mut n = 0;
                for d in real {
                    n += s.scrub(d, &[]).findings.len();
                }
                n
            })
        });
    }
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
