//! Benchmark corpora, shared by the criterion bench and the `snapshot` example.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

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
pub fn generated(total: usize) -> Vec<String> {
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

/// Text fields a report is scrubbed by, in the corpus records.
const REAL_FIELDS: [&str; 5] = ["title", "summary", "body", "impact", "involved"];

/// `../shared/corpus` beside the repository (override with `SCRUB_REAL_CORPUS`).
pub fn real_dir() -> PathBuf {
    std::env::var_os("SCRUB_REAL_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus"),
        PathBuf::from,
    )
}

/// The prose fields (title, summary, body, impact, involved) of every record of the real
/// public postmortem collections, one string per field; `None` when the directory is absent.
pub fn real(dir: &Path) -> Option<Vec<String>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).ok()?;
        for line in text.lines() {
            let Ok(record) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            for field in REAL_FIELDS {
                if let Some(s) = record.get(field).and_then(|v| v.as_str()) {
                    if !s.trim().is_empty() {
                        out.push(s.to_string());
                    }
                }
            }
        }
    }
    (!out.is_empty()).then_some(out)
}
