//! Structured input: a sequence of detector-triggering pieces, free text and declared/allowed
//! terms, assembled into one or more fields. Checks the same invariants as the property tests.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use scrubber::Scrubber;
use std::sync::OnceLock;

fn s() -> &'static Scrubber {
    static S: OnceLock<Scrubber> = OnceLock::new();
    S.get_or_init(Scrubber::new)
}

include!("../../tests/common/pieces.rs");

#[derive(Arbitrary, Debug)]
enum Part {
    Piece(u8),
    Free(String),
    Split,
}

#[derive(Arbitrary, Debug)]
struct Input {
    parts: Vec<Part>,
    declared: Vec<String>,
    allowed: Vec<String>,
}

fuzz_target!(|inp: Input| {
    let mut fields = vec![String::new()];
    for p in inp.parts.iter().take(64) {
        match p {
            Part::Piece(i) => {
                if let (Some(f), Some(piece)) =
                    (fields.last_mut(), PIECES.get(*i as usize % PIECES.len()))
                {
                    f.push_str(piece);
                }
            }
            Part::Free(t) => {
                if let Some(f) = fields.last_mut() {
                    f.push_str(t);
                }
            }
            Part::Split => fields.push(String::new()),
        }
    }
    let declared: Vec<String> = inp.declared.into_iter().take(4).collect();
    let allowed: Vec<String> = inp.allowed.into_iter().take(4).collect();
    let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
    let outs = s().scrub_document(&refs, &declared, &allowed);
    assert_eq!(outs.len(), refs.len());
    for (text, out) in refs.iter().zip(&outs) {
        let mut last = 0;
        for f in &out.findings {
            assert!(f.start >= last && f.start < f.end && f.end <= text.len());
            assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
            last = f.end;
        }
    }
    let again_in: Vec<&str> = outs.iter().map(|o| o.text.as_str()).collect();
    let again = s().scrub_document(&again_in, &declared, &allowed);
    for (a, b) in again.iter().zip(&outs) {
        assert_eq!(a.text, b.text, "not idempotent");
    }
});
