#![allow(clippy::unwrap_used, clippy::expect_used)]
#[path = "../benches/corpus.rs"]
mod corpus;
fn main() {
    let which = std::env::args().nth(1).unwrap_or("real".into());
    let rounds: usize = std::env::args()
        .nth(2)
        .map(|s| s.parse().unwrap())
        .unwrap_or(5);
    let s = scrubber::Scrubber::new();
    let docs = if which == "real" {
        corpus::real(&corpus::real_dir()).unwrap()
    } else {
        corpus::generated(5 << 20)
    };
    let bytes: usize = docs.iter().map(String::len).sum();
    for d in &docs {
        let _ = s.scrub(d, &[]);
    }
    let t = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for d in &docs {
            n += s.scrub(d, &[]).findings.len();
        }
    }
    let el = t.elapsed().as_secs_f64();
    eprintln!(
        "{which}: {:.1} MB/s ({n})",
        (bytes * rounds) as f64 / 1e6 / el
    );
}
