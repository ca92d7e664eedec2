//! Property tests: idempotence, ordered non-overlapping findings, no original text left behind,
//! valid output, no panics — over arbitrary strings and over strings assembled from pieces that
//! trigger the detectors. Case counts are modest so the suite stays fast in debug builds.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use scrubber::Scrubber;

fn s() -> &'static Scrubber {
    static S: std::sync::OnceLock<Scrubber> = std::sync::OnceLock::new();
    S.get_or_init(Scrubber::new)
}

/// The reference: every detector searches the whole text when its trigger fires.
fn whole_text() -> &'static Scrubber {
    static S: std::sync::OnceLock<Scrubber> = std::sync::OnceLock::new();
    S.get_or_init(Scrubber::without_line_scoping)
}

include!("common/pieces.rs");

fn pieces() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..24).prop_map(|v| v.concat())
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn check_invariants(text: &str) -> Result<(), TestCaseError> {
    let out = s().scrub(text, &[]);
    // valid UTF-8 (a String always is; check the bytes anyway for the record)
    prop_assert!(std::str::from_utf8(out.text.as_bytes()).is_ok());
    // sorted, non-overlapping, in bounds, on char boundaries
    let mut last = 0;
    for f in &out.findings {
        prop_assert!(f.start >= last, "overlap or unsorted: {:?}", out.findings);
        prop_assert!(f.start < f.end && f.end <= text.len());
        prop_assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        last = f.end;
    }
    // idempotent
    let again = s().scrub(&out.text, &[]);
    prop_assert_eq!(
        &again.text,
        &out.text,
        "second pass found {:?}",
        again.findings
    );
    // no original text survives (originals of 4+ chars that are not part of a placeholder)
    for f in &out.findings {
        let orig = &text[f.start..f.end];
        if orig.chars().count() < 4 || f.placeholder.contains(orig) {
            continue;
        }
        // a name may stay inside a longer word ("Jade" in "Jaded"); anything else may not
        // survive even as a substring
        let alpha = orig
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-');
        let survives = out.text.match_indices(orig).any(|(p, m)| {
            !alpha
                || !(out.text[..p].chars().next_back().is_some_and(word_char)
                    || out.text[p + m.len()..]
                        .chars()
                        .next()
                        .is_some_and(word_char))
        });
        prop_assert!(
            !survives,
            "{orig:?} ({:?}) survives in {:?}",
            f.kind,
            out.text
        );
    }
    Ok(())
}

proptest! {
    // 160 cases by default; PROPTEST_CASES=5000 for a longer search
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(160)
    ))]

    #[test]
    fn arbitrary_strings(text in any::<String>()) {
        check_invariants(&text)?;
    }

    #[test]
    fn detector_pieces(text in pieces()) {
        check_invariants(&text)?;
    }

    #[test]
    fn line_scoping_finds_what_whole_text_search_finds(text in pieces()) {
        prop_assert_eq!(s().scrub(&text, &[]), whole_text().scrub(&text, &[]));
    }

    #[test]
    fn declared_terms_always_removed(text in pieces(), term in "[A-Z][a-z]{3,8}") {
        let full = format!("{text} {term} {text}");
        let out = s().scrub(&full, std::slice::from_ref(&term));
        // as a word: a declared "Smit" inside "Smith" is another word and stays
        let as_word = out.text.match_indices(term.as_str()).any(|(p, m)| {
            !out.text[..p].chars().next_back().is_some_and(word_char)
                && !out.text[p + m.len()..].chars().next().is_some_and(word_char)
        });
        prop_assert!(!as_word, "{term:?} survives in {:?}", out.text);
        let again = s().scrub(&out.text, std::slice::from_ref(&term));
        prop_assert_eq!(again.text, out.text);
    }
}
