//! Never panic on any input; idempotence and span validity on random and real text.
#![allow(clippy::unwrap_used)]

use scrubber::Scrubber;

/// A small deterministic PRNG (xorshift) so the test needs no extra crates.
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

const PIECES: &[&str] = &[
    "Alice",
    "Smith",
    "@bob",
    " ",
    "\n",
    ":",
    "10.0.0.",
    "1",
    "2024-03-",
    "March",
    "@",
    ".",
    "://",
    "https",
    "[PERSON-1]",
    "'s",
    "é",
    "中文",
    "🚀",
    "+44",
    "-",
    "/home/",
    "password=",
    "eyJ",
    "GmbH",
    "Inc",
    "0x",
    "ff",
    "::",
    "\\",
    "\"",
    "°",
    "N",
    "G-",
    "ABCD",
];

fn check(s: &Scrubber, text: &str) {
    let out = s.scrub(text, &[]);
    let mut last = 0;
    for f in &out.findings {
        assert!(
            f.start >= last && f.start < f.end && f.end <= text.len(),
            "{text:?} {:?}",
            out.findings
        );
        assert!(text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
        last = f.end;
    }
    let again = s.scrub(&out.text, &[]);
    assert_eq!(
        again.text, out.text,
        "not idempotent for {text:?}: {:?}",
        again.findings
    );
}

#[test]
fn random_strings_never_panic() {
    let s = Scrubber::new();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3000 {
        let n = (rng.next() % 40) as usize;
        let mut text = String::new();
        for _ in 0..n {
            if rng.next().is_multiple_of(3) {
                let b = (rng.next() % 256) as u8;
                text.push_str(&String::from_utf8_lossy(&[b]));
            } else {
                text.push_str(PIECES[(rng.next() as usize) % PIECES.len()]);
            }
        }
        check(&s, &text);
    }
}

#[test]
fn corpus_lines_never_panic() {
    let dir = std::path::Path::new("/work/shared/corpus");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let s = Scrubber::new();
    for e in entries.flatten() {
        let p = e.path();
        if p.extension().and_then(|x| x.to_str()) != Some("jsonl") {
            continue;
        }
        let Ok(data) = std::fs::read_to_string(&p) else {
            continue;
        };
        for line in data.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                continue;
            };
            if let Some(obj) = v.as_object() {
                for val in obj.values() {
                    if let Some(t) = val.as_str() {
                        check(&s, t);
                    }
                }
            }
        }
    }
}

#[test]
fn scrubber_shared_across_threads() {
    let s = Scrubber::new();
    std::thread::scope(|scope| {
        for i in 0..4 {
            let s = s.clone();
            scope.spawn(move || {
                let out = s.scrub(&format!("Alice Smith on 10.0.0.{i}"), &[]);
                assert_eq!(out.text, "[PERSON-1] on [IP-1]");
            });
        }
    });
}

/// Words whose last two characters are the same multi-byte character (their last two bytes
/// are equal too): a byte-wise "doubled last letter" once sliced inside the character.
#[test]
fn doubled_multibyte_letters_before_verb_endings_never_panic() {
    let s = Scrubber::new();
    for text in [
        "Alice Smith met Bob Testꪪꪪing",
        "Alice Smith met Bob Stopꪪꪪed today",
        "Alice Smith met Bob Éléééing and Carol Ꙩꙩꙩed",
        "Alice Smith met Bob Aaaings",
    ] {
        check(&s, text);
    }
}
