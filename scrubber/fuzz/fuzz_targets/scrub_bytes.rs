//! Arbitrary bytes (lossily decoded) through `scrub` and `scrub_document`: never panics,
//! findings are ordered and on char boundaries, scrubbing is idempotent.
#![no_main]

use libfuzzer_sys::fuzz_target;
use scrubber::Scrubber;
use std::sync::OnceLock;

fn s() -> &'static Scrubber {
    static S: OnceLock<Scrubber> = OnceLock::new();
    S.get_or_init(Scrubber::new)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let out = s().scrub(&text, &[]);
    let mut last = 0;
    for f in &out.findings {
        assert!(f.start >= last && f.start < f.end && f.end <= text.len());
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        last = f.end;
    }
    let again = s().scrub(&out.text, &[]);
    assert_eq!(again.text, out.text, "not idempotent");
    // the same text split into two fields of one document
    let mid = text.len() / 2;
    let mid = (0..=mid)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let _ = s().scrub_document(&[&text[..mid], &text[mid..]], &[], &[]);
});
