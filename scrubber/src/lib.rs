//! Identity redaction for incident retrospectives (temporary minimal stub; the full
//! detector suite replaces it).
use serde::{Deserialize, Serialize};

mod names;
pub mod vocabulary;

pub const RULES_VERSION: &str = "0.0.0-stub";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Person,
    Org,
    Email,
}

impl Kind {
    pub fn label(self) -> &'static str {
        self.as_str()
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Org => "org",
            Kind::Email => "email",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub placeholder: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scrubbed {
    pub text: String,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, Default)]
pub struct Scrubber {}

impl Scrubber {
    pub fn new() -> Self {
        Scrubber {}
    }

    pub fn scrub(&self, text: &str, declared_terms: &[String]) -> Scrubbed {
        self.scrub_document(&[text], declared_terms, &[])
            .pop()
            .unwrap_or(Scrubbed {
                text: String::new(),
                findings: vec![],
            })
    }

    pub fn scrub_document(
        &self,
        fields: &[&str],
        declared_terms: &[String],
        allowed_terms: &[String],
    ) -> Vec<Scrubbed> {
        let mut map: Vec<(String, String)> = Vec::new();
        fields
            .iter()
            .map(|text| {
                let mut findings = Vec::new();
                let mut out = String::new();
                let mut last = 0;
                let mut spans: Vec<(usize, usize, Kind)> = Vec::new();
                for term in declared_terms.iter().filter(|t| !t.trim().is_empty()) {
                    for (i, _) in text.match_indices(term.as_str()) {
                        spans.push((i, i + term.len(), Kind::Org));
                    }
                }
                for (i, w) in text
                    .split_whitespace()
                    .map(|w| (w.as_ptr() as usize - text.as_ptr() as usize, w))
                {
                    if w.contains('@') && w.contains('.') {
                        spans.push((i, i + w.len(), Kind::Email));
                    }
                }
                spans.sort_by_key(|s| (s.0, s.1));
                for (s, e, k) in spans {
                    if s < last || allowed_terms.iter().any(|a| a == &text[s..e]) {
                        continue;
                    }
                    let orig = text[s..e].to_string();
                    let ph = match map.iter().find(|(o, _)| o == &orig) {
                        Some((_, p)) => p.clone(),
                        None => {
                            let n = map
                                .iter()
                                .filter(|(_, p)| {
                                    p.starts_with(&format!("[{}", k.as_str().to_uppercase()))
                                })
                                .count()
                                + 1;
                            let p = format!("[{}-{}]", k.as_str().to_uppercase(), n);
                            map.push((orig, p.clone()));
                            p
                        }
                    };
                    out.push_str(&text[last..s]);
                    out.push_str(&ph);
                    findings.push(Finding {
                        start: s,
                        end: e,
                        kind: k,
                        placeholder: ph,
                    });
                    last = e;
                }
                out.push_str(&text[last..]);
                Scrubbed {
                    text: out,
                    findings,
                }
            })
            .collect()
    }
}
