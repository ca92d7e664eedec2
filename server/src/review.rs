//! The analyst's view of a redacted submission: what the scrubber already replaced, what
//! might still identify someone (residual risk), and redacting more with placeholders that
//! stay consistent with the scrubber's.

use std::collections::HashMap;

use once_cell::sync::Lazy;
use regex::Regex;
use scrubber::residual::{residual_risks, Risk};
use scrubber::vocabulary::Vocabulary;
use scrubber::Kind;

/// `[PERSON-1]`, `[ACCOUNT-ID-2]`, `[SECRET]`…
static PLACEHOLDER: Lazy<Regex> = Lazy::new(|| {
    Regex::new(r"\[([A-Z]+(?:-[A-Z]+)?)(?:-(\d+))?\]").unwrap_or_else(|_| unreachable!())
});

/// A piece of a field as the review screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSegment {
    pub text: String,
    /// "redacted" (a placeholder), "risk" (unclassified, might identify) or "" (plain).
    pub class: &'static str,
    /// The kind: a scrubber kind for placeholders, a risk kind for risks.
    pub kind: &'static str,
    pub label: &'static str,
}

/// Cuts a stored (redacted) field into plain text, placeholders and residual risks.
pub fn segments(text: &str, vocabulary: &Vocabulary) -> Vec<ReviewSegment> {
    let mut marks: Vec<(usize, usize, ReviewSegment)> = Vec::new();
    for caps in PLACEHOLDER.captures_iter(text) {
        let (Some(all), Some(tag)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let kind = Kind::from_tag(tag.as_str());
        marks.push((
            all.start(),
            all.end(),
            ReviewSegment {
                text: all.as_str().to_string(),
                class: "redacted",
                kind: kind.map_or("other", Kind::as_str),
                label: kind.map_or("redacted by an analyst", Kind::label),
            },
        ));
    }
    for Risk { start, end, kind } in residual_risks(text, vocabulary) {
        if marks.iter().any(|(s, e, _)| start < *e && *s < end) {
            continue;
        }
        marks.push((
            start,
            end,
            ReviewSegment {
                text: text.get(start..end).unwrap_or_default().to_string(),
                class: "risk",
                kind: kind.as_str(),
                label: kind.label(),
            },
        ));
    }
    marks.sort_by_key(|(start, _, _)| *start);
    let mut out = Vec::new();
    let mut last = 0;
    for (start, end, segment) in marks {
        if start < last {
            continue;
        }
        if let Some(plain) = text.get(last..start).filter(|p| !p.is_empty()) {
            out.push(plain_segment(plain));
        }
        out.push(segment);
        last = end;
    }
    if let Some(rest) = text.get(last..).filter(|r| !r.is_empty()) {
        out.push(plain_segment(rest));
    }
    out
}

fn plain_segment(text: &str) -> ReviewSegment {
    ReviewSegment {
        text: text.to_string(),
        class: "",
        kind: "",
        label: "",
    }
}

/// How many residual risks a text has (for the queue).
pub fn risk_count(text: &str, vocabulary: &Vocabulary) -> usize {
    residual_risks(text, vocabulary).len()
}

/// The kinds an analyst can redact by hand.
pub const MANUAL_KINDS: &[Kind] = &[
    Kind::Person,
    Kind::Org,
    Kind::Host,
    Kind::AccountId,
    Kind::Address,
    Kind::Date,
];

/// Replaces every occurrence of each term (case-insensitive, whole words) in all fields by
/// a placeholder of `kind`, numbered after the highest one the report already uses, and
/// the same placeholder for the same term everywhere. Returns how many spans it replaced.
pub fn redact_terms(fields: &mut [&mut String], terms: &[String], kind: Kind) -> usize {
    let mut next = fields
        .iter()
        .flat_map(|field| PLACEHOLDER.captures_iter(field.as_str()))
        .filter(|caps| caps.get(1).is_some_and(|t| t.as_str() == kind.tag()))
        .filter_map(|caps| caps.get(2)?.as_str().parse::<u32>().ok())
        .max()
        .unwrap_or(0);
    let mut assigned: HashMap<String, String> = HashMap::new();
    let mut replaced = 0;
    let mut terms: Vec<&String> = terms.iter().filter(|t| !t.trim().is_empty()).collect();
    // Longest first, so "Acme Cloud" is replaced before "Acme".
    terms.sort_by_key(|t| std::cmp::Reverse(t.len()));
    for term in terms {
        let term = term.trim();
        let Some(pattern) = term_pattern(term) else {
            continue;
        };
        let placeholder = assigned
            .entry(term.to_lowercase())
            .or_insert_with(|| {
                if kind == Kind::Date {
                    "[DATE]".to_string()
                } else {
                    next += 1;
                    format!("[{}-{next}]", kind.tag())
                }
            })
            .clone();
        for field in fields.iter_mut() {
            let count = pattern.find_iter(field.as_str()).count();
            if count > 0 {
                replaced += count;
                **field = pattern
                    .replace_all(field.as_str(), regex::NoExpand(&placeholder))
                    .into_owned();
            }
        }
    }
    replaced
}

/// A case-insensitive whole-word pattern for a term; word boundaries only where the term
/// starts or ends with a word character.
fn term_pattern(term: &str) -> Option<Regex> {
    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
    let start = if is_word(term.chars().next()) {
        r"\b"
    } else {
        ""
    };
    let end = if is_word(term.chars().last()) {
        r"\b"
    } else {
        ""
    };
    Regex::new(&format!("(?i){start}{}{end}", regex::escape(term))).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_risks_are_segmented() {
        let text = "[PERSON-1] restarted the Zorblax cluster for [ORG-1].";
        let segments = segments(text, Vocabulary::builtin());
        let marked: Vec<(&str, &str)> = segments
            .iter()
            .filter(|s| !s.class.is_empty())
            .map(|s| (s.text.as_str(), s.class))
            .collect();
        assert_eq!(
            marked,
            vec![
                ("[PERSON-1]", "redacted"),
                ("Zorblax", "risk"),
                ("[ORG-1]", "redacted")
            ]
        );
        assert_eq!(segments[0].kind, "person");
        let joined: String = segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn manual_redaction_continues_the_numbering() {
        let mut title = String::from("Julia paged [PERSON-2]");
        let mut narrative = String::from("[PERSON-1] and julia met Bob. Bobby stayed.");
        let replaced = redact_terms(
            &mut [&mut title, &mut narrative],
            &["Julia".into(), "Bob".into(), " ".into()],
            Kind::Person,
        );
        assert_eq!(replaced, 3);
        assert_eq!(title, "[PERSON-3] paged [PERSON-2]");
        assert_eq!(
            narrative,
            "[PERSON-1] and [PERSON-3] met [PERSON-4]. Bobby stayed."
        );
    }

    #[test]
    fn terms_with_symbols_and_dollar_signs_are_literal() {
        let mut text = String::from("Paid $5 to acme.io (acme.io) and c++ team");
        let replaced = redact_terms(
            &mut [&mut text],
            &["acme.io".into(), "c++".into()],
            Kind::Org,
        );
        assert_eq!(replaced, 3);
        assert_eq!(text, "Paid $5 to [ORG-1] ([ORG-1]) and [ORG-2] team");
    }
}
