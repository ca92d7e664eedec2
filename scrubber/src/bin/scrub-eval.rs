//! `scrub-eval`: score the scrubber on a labelled evaluation set.
//!
//! ```text
//! cargo run -p scrubber --release --bin scrub-eval                 # eval/cases.jsonl
//! cargo run -p scrubber --release --bin scrub-eval -- path.jsonl   # another set
//! cargo run -p scrubber --release --bin scrub-eval -- --json       # machine-readable report
//! ```
//!
//! Prints recall per kind, keep rate, over-redaction examples and the worst misses.
//! Exits 0 unless the set cannot be read or parsed.

use std::process::ExitCode;

use scrubber::eval::{evaluate, load_cases};
use scrubber::Scrubber;

fn main() -> ExitCode {
    let mut path = concat!(env!("CARGO_MANIFEST_DIR"), "/eval/cases.jsonl").to_string();
    let mut json = false;
    let mut examples = 25;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => json = true,
            "--examples" => {
                examples = args.next().and_then(|n| n.parse().ok()).unwrap_or(25);
            }
            "-h" | "--help" => {
                println!("usage: scrub-eval [--json] [--examples N] [cases.jsonl]");
                return ExitCode::SUCCESS;
            }
            _ => path = a,
        }
    }
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("scrub-eval: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let cases = match load_cases(&src) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("scrub-eval: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let s = Scrubber::new();
    // a first untimed run compiles the detectors (lazily, on first use) and warms the lazy
    // DFAs, so the reported time is the steady state
    let _ = evaluate(&s, &cases);
    let rep = evaluate(&s, &cases);
    if json {
        match serde_json::to_string_pretty(&rep) {
            Ok(j) => println!("{j}"),
            Err(e) => {
                eprintln!("scrub-eval: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        print!("{}", rep.render(examples));
    }
    ExitCode::SUCCESS
}
