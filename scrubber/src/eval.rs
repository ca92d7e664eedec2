//! Evaluation against a labelled set (`eval/cases.jsonl`): recall per kind, keep rate,
//! over-redaction and the worst misses. Used by the `scrub-eval` binary and by the
//! regression test `tests/eval.rs`; not part of the stable API.

use std::collections::BTreeMap;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::{Finding, Scrubber};

/// One labelled case.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Case {
    pub id: String,
    #[serde(default)]
    pub domain: String,
    #[serde(default)]
    pub format: String,
    pub text: String,
    #[serde(default)]
    pub declared_terms: Vec<String>,
    #[serde(default)]
    pub remove: Vec<Remove>,
    #[serde(default)]
    pub keep: Vec<String>,
}

/// A string that must not survive, with its expected kind.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Remove {
    pub text: String,
    pub kind: String,
}

/// Parse JSON Lines; blank lines are skipped, a bad line is an error with its number.
pub fn load_cases(src: &str) -> Result<Vec<Case>, String> {
    let mut out = Vec::new();
    for (i, line) in src.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let c: Case = serde_json::from_str(line).map_err(|e| format!("line {}: {e}", i + 1))?;
        out.push(c);
    }
    Ok(out)
}

/// Recall of one kind (or bucket such as "person (declared)").
#[derive(Debug, Clone, Default, Serialize)]
pub struct KindStat {
    pub total: usize,
    /// every occurrence covered by some finding
    pub removed: usize,
    /// covered by findings of the expected kind
    pub typed: usize,
}

impl KindStat {
    pub fn recall(&self) -> f64 {
        ratio(self.removed, self.total)
    }
}

/// A labelled string that survived.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub case: String,
    pub kind: String,
    pub text: String,
    /// the redacted text around the miss
    pub context: String,
}

/// A finding that covers no labelled string (over-redaction when it hits a keep term or a
/// clean case; otherwise possibly an unlabelled true positive).
#[derive(Debug, Clone, Serialize)]
pub struct Extra {
    pub case: String,
    pub kind: String,
    pub text: String,
    pub hits_keep: bool,
}

/// Full evaluation result.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub cases: usize,
    pub bytes: usize,
    pub seconds: f64,
    pub kinds: BTreeMap<String, KindStat>,
    pub keep_total: usize,
    pub keep_kept: usize,
    pub clean_cases: usize,
    pub clean_untouched: usize,
    pub misses: Vec<Miss>,
    pub dropped_keeps: Vec<Miss>,
    pub extras: Vec<Extra>,
}

/// Kinds whose target recall is 0.99.
pub const STRUCTURED: &[&str] = &[
    "email",
    "phone",
    "ip",
    "mac",
    "credit_card",
    "iban",
    "secret",
    "url",
    "host",
];

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

impl Report {
    pub fn keep_rate(&self) -> f64 {
        ratio(self.keep_kept, self.keep_total)
    }

    /// Recall over several buckets together.
    pub fn recall_of(&self, names: &[&str]) -> f64 {
        let (mut r, mut t) = (0, 0);
        for n in names {
            if let Some(k) = self.kinds.get(*n) {
                r += k.removed;
                t += k.total;
            }
        }
        ratio(r, t)
    }

    /// Human-readable summary.
    pub fn render(&self, examples: usize) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        let mb = self.bytes as f64 / 1e6;
        let _ = writeln!(
            s,
            "scrub-eval: {} cases, {:.1} KB, {:.3} s ({:.2} MB/s incl. per-call overhead)\n",
            self.cases,
            self.bytes as f64 / 1e3,
            self.seconds,
            if self.seconds > 0.0 {
                mb / self.seconds
            } else {
                0.0
            }
        );
        let _ = writeln!(
            s,
            "{:<22} {:>6} {:>8} {:>8} {:>8}",
            "kind", "total", "removed", "recall", "typed"
        );
        for (k, v) in &self.kinds {
            let target = if STRUCTURED.contains(&k.as_str()) {
                " (target 0.99)"
            } else if k.ends_with("(declared)") {
                " (target 1.00)"
            } else if k == "person" || k == "org" {
                " (target 0.95)"
            } else {
                ""
            };
            let _ = writeln!(
                s,
                "{:<22} {:>6} {:>8} {:>8.3} {:>8.3}{}",
                k,
                v.total,
                v.removed,
                v.recall(),
                ratio(v.typed, v.total),
                target
            );
        }
        let _ = writeln!(
            s,
            "\nstructured kinds together: {:.4}",
            self.recall_of(STRUCTURED)
        );
        let _ = writeln!(
            s,
            "keep rate: {}/{} = {:.4} (target 0.99)",
            self.keep_kept,
            self.keep_total,
            self.keep_rate()
        );
        let _ = writeln!(
            s,
            "clean cases untouched: {}/{}",
            self.clean_untouched, self.clean_cases
        );
        let _ = writeln!(
            s,
            "findings covering no labelled string: {} ({} hit a keep term)",
            self.extras.len(),
            self.extras.iter().filter(|e| e.hits_keep).count()
        );
        if !self.misses.is_empty() {
            let _ = writeln!(s, "\nworst misses (first {examples}):");
            // structured misses first: they are the costliest
            let mut m: Vec<&Miss> = self.misses.iter().collect();
            m.sort_by_key(|x| !STRUCTURED.contains(&x.kind.as_str()));
            for x in m.iter().take(examples) {
                let _ = writeln!(s, "  [{}] {} {:?}  … {}", x.case, x.kind, x.text, x.context);
            }
        }
        if !self.dropped_keeps.is_empty() {
            let _ = writeln!(s, "\nmust-keep terms redacted (first {examples}):");
            for x in self.dropped_keeps.iter().take(examples) {
                let _ = writeln!(s, "  [{}] {:?}  … {}", x.case, x.text, x.context);
            }
        }
        let over: Vec<&Extra> = self.extras.iter().collect();
        if !over.is_empty() {
            let _ = writeln!(
                s,
                "\nover-redaction examples (unlabelled findings, first {examples}):"
            );
            for x in over.iter().take(examples) {
                let _ = writeln!(s, "  [{}] {} {:?}", x.case, x.kind, x.text);
            }
        }
        s
    }
}

fn is_alnum_at(text: &str, i: usize, before: bool) -> bool {
    if before {
        text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    } else {
        text[i..].chars().next().is_some_and(char::is_alphanumeric)
    }
}

/// Occurrences of `needle` in `text` on word boundaries (falls back to all occurrences).
fn occurrences(text: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() {
        return Vec::new();
    }
    let all: Vec<(usize, usize)> = text
        .match_indices(needle)
        .map(|(s, m)| (s, s + m.len()))
        .collect();
    let first_alnum = needle.chars().next().is_some_and(char::is_alphanumeric);
    let last_alnum = needle.chars().last().is_some_and(char::is_alphanumeric);
    let bounded: Vec<(usize, usize)> = all
        .iter()
        .copied()
        .filter(|&(s, e)| {
            let glued_before = first_alnum && is_alnum_at(text, s, true);
            let glued_after = last_alnum && is_alnum_at(text, e, false);
            !glued_before && !glued_after
        })
        .collect();
    if bounded.is_empty() {
        all
    } else {
        bounded
    }
}

/// Is every byte of `s..e` inside some finding?
fn covered(findings: &[Finding], s: usize, e: usize) -> bool {
    let mut pos = s;
    for f in findings {
        if f.end <= pos {
            continue;
        }
        if f.start > pos {
            return false;
        }
        pos = f.end;
        if pos >= e {
            return true;
        }
    }
    pos >= e
}

fn covered_typed(findings: &[Finding], s: usize, e: usize, kind: &str) -> bool {
    let typed: Vec<Finding> = findings
        .iter()
        .filter(|f| f.kind.as_str() == kind)
        .cloned()
        .collect();
    covered(&typed, s, e)
}

fn overlaps(findings: &[Finding], s: usize, e: usize) -> bool {
    findings.iter().any(|f| f.start < e && s < f.end)
}

fn context(out: &str, max: usize) -> String {
    let one: String = out
        .chars()
        .map(|c| if c == '\n' { '⏎' } else { c })
        .collect();
    if one.chars().count() > max {
        let mut t: String = one.chars().take(max).collect();
        t.push('…');
        t
    } else {
        one
    }
}

/// Run the scrubber over every case and score it.
pub fn evaluate(scrubber: &Scrubber, cases: &[Case]) -> Report {
    let mut rep = Report {
        cases: cases.len(),
        ..Report::default()
    };
    let started = Instant::now();
    let outs: Vec<_> = cases
        .iter()
        .map(|c| scrubber.scrub(&c.text, &c.declared_terms))
        .collect();
    rep.seconds = started.elapsed().as_secs_f64();
    for (c, out) in cases.iter().zip(&outs) {
        rep.bytes += c.text.len();
        let mut labelled: Vec<(usize, usize)> = Vec::new();
        for r in &c.remove {
            let declared = c.declared_terms.iter().any(|d| {
                let (d, t) = (d.to_lowercase(), r.text.to_lowercase());
                !d.is_empty() && (d.contains(&t) || t.contains(&d))
            });
            let bucket = if declared && (r.kind == "person" || r.kind == "org") {
                format!("{} (declared)", r.kind)
            } else {
                r.kind.clone()
            };
            let stat = rep.kinds.entry(bucket).or_default();
            stat.total += 1;
            let occ = occurrences(&c.text, &r.text);
            labelled.extend(occ.iter().copied());
            let ok = !occ.is_empty() && occ.iter().all(|&(s, e)| covered(&out.findings, s, e));
            if ok {
                stat.removed += 1;
                if occ
                    .iter()
                    .all(|&(s, e)| covered_typed(&out.findings, s, e, &r.kind))
                {
                    stat.typed += 1;
                }
            } else {
                rep.misses.push(Miss {
                    case: c.id.clone(),
                    kind: r.kind.clone(),
                    text: r.text.clone(),
                    context: context(&out.text, 160),
                });
            }
        }
        let mut keep_spans: Vec<(usize, usize)> = Vec::new();
        for k in &c.keep {
            rep.keep_total += 1;
            let occ = occurrences(&c.text, k);
            keep_spans.extend(occ.iter().copied());
            if occ.iter().any(|&(s, e)| overlaps(&out.findings, s, e)) {
                rep.dropped_keeps.push(Miss {
                    case: c.id.clone(),
                    kind: "keep".into(),
                    text: k.clone(),
                    context: context(&out.text, 160),
                });
            } else {
                rep.keep_kept += 1;
            }
        }
        if c.remove.is_empty() {
            rep.clean_cases += 1;
            if out.findings.is_empty() {
                rep.clean_untouched += 1;
            }
        }
        for f in &out.findings {
            if labelled.iter().any(|&(s, e)| f.start < e && s < f.end) {
                continue;
            }
            rep.extras.push(Extra {
                case: c.id.clone(),
                kind: f.kind.as_str().to_string(),
                text: c.text.get(f.start..f.end).unwrap_or("").to_string(),
                hits_keep: keep_spans.iter().any(|&(s, e)| f.start < e && s < f.end),
            });
        }
    }
    // keep-term hits first among the extras: they are certain over-redaction
    rep.extras.sort_by_key(|e| !e.hits_keep);
    rep
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Kind;

    fn f(start: usize, end: usize) -> Finding {
        Finding {
            start,
            end,
            kind: Kind::Person,
            placeholder: String::new(),
        }
    }

    #[test]
    fn coverage() {
        let fs = vec![f(0, 3), f(3, 6), f(8, 10)];
        assert!(covered(&fs, 0, 6));
        assert!(covered(&fs, 1, 5));
        assert!(!covered(&fs, 5, 9));
        assert!(covered(&fs, 8, 10));
        assert!(!covered(&[], 0, 1));
    }

    #[test]
    fn word_bounded_occurrences() {
        assert_eq!(occurrences("Sam Sample Sam", "Sam"), vec![(0, 3), (11, 14)]);
        assert_eq!(occurrences("xSamx", "Sam"), vec![(1, 4)]);
    }
}
