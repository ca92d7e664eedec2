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

/// Pieces that trigger detectors, glue and awkward characters.
const PIECES: &[&str] = &[
    "Alice Smith",
    "alice",
    "Smith's",
    "@jdoe42",
    "[10:32] bob: ",
    "\n",
    " ",
    " ",
    ", ",
    ". ",
    "pinged Priya",
    "Dr. Okonkwo",
    "Capt. ",
    "Thanks,\nMarta",
    "<zorvan> ",
    "K. Verhoeven",
    "10.0.0.1",
    "192.168.1.20/24",
    "fe80::1",
    "2001:db8::7",
    "00:1a:2b:3c:4d:5e",
    "ip-10-0-1-2",
    "db-prod-03",
    "web01",
    "kafka-03.internal",
    "acme-corp.io",
    "jane@acme-corp.io",
    "jane at acme dot io",
    "https://wiki.acme-corp.io/x?y=1",
    "http://10.1.2.3:8080/",
    "postgres://u:p%40ss@db:5432/x",
    "password=Hunter2!x",
    "DB_PASSWORD=abc&def",
    "token: ",
    "+44 20 7946 0958",
    "(415) 555-0100",
    "4111 1111 1111 1111",
    "GB82 WEST 1234 5698 7654 32",
    "123-45-6789",
    "MRN 1234567",
    "employee id 48213",
    "N12345",
    "G-ABCD",
    "BA123",
    "UAL1549",
    "flight ",
    "37.6188, -122.3754",
    "51°28′N 0°27′W",
    "on 14 March 2024 at 03:12 UTC",
    "2024-03-01T10:00:00Z",
    "12/Mar/2024:06:25:24 +0000",
    "Acme Inc",
    "Globex GmbH",
    "Project Bluefin",
    "/home/jdoe/",
    "C:\\Users\\jdoe\\",
    "\\\\fs01\\share",
    "PID|1||12345^^^MRN||DOE^JANE||19800101|F",
    "[PERSON-1]",
    "[HOST-2]",
    "[SECRET]",
    "[DATE]",
    "'s",
    "’s",
    "é",
    "ß",
    "中文",
    "🚀",
    "\u{200b}",
    "\u{0301}",
    "İ",
    "ﬁ",
    "\r\n",
    "\t",
    ":",
    "-",
    "/",
    "@",
    ".",
    "_",
    "=",
    "\"",
    "'",
    "(",
    ")",
    "Kubernetes",
    "PostgreSQL 14.2",
    "us-east-1",
    "HTTP 502",
    "CVE-2021-44228",
    "v1.2.3",
    // rules 2026.11.5
    "Kilbride Savings Bank",
    "Pacific Crest Airways",
    "Vistek Automation",
    "MSH|^~\\&|LAB|HOLLOWAY|EHR|CEDAR|",
    "OYELARAN^FOLAKE",
    "FO SHARMA",
    "CAPT T PARATA",
    "cust_id=CUS-5521907",
    "pt_id=H5528190 ",
    "com.quendrix.core.Poster",
    "ghcr.io/velmora-labs/app",
    "<password>Zq7!vR2#</password>",
    "routing_key: c93b1f0c47d24a6b9a1f2c7d8e0b5a44",
    "iban: NL27 RABO 0312 5584 19",
    "oncall: \"Eilidh Macaulay\"",
    "To: Hodan Warsame",
    "anna.kowalska",
    "Maelle,\n",
    "Salamat,\nMakisig",
    "Iolo, can you ",
    "tell Gwydion ",
    "Tahu Rangipuna",
    "Monte Carlo",
    "Dijkstra",
    "LAPTOP-QWERTY12",
    "ssl://mqtt.kettuvaara.fi:8883",
    "jump.sarvenaz-games.ir",
    "TODO(mbaptiste)",
    "StudyDate=20250410",
    "DZR781",
    "Takahashi-san",
    " from Ardent Forge",
    "operator=RMALIK",
    "[14/09/24, 10:07] Rukmini: ",
    "Ngaire, the release manager",
    "Hong Kong",
    "Jasur 11:47 PM\n",
    "caoimhin_os — Today at 21:07\n",
    "**Maiwenn Le Bihan** (09:07): ",
    "park jihoon: ",
    "vendor: Quillpay",
    " operated by Borealis Air Link",
    "Pemberton & Hale",
    "Air Vélliane",
    "윤서진 (ysj): ",
    "高橋美咲 (Takahashi)",
    "WS-FIN-0231",
    "SRV-DHCP02",
    "Mar 14 02:17:44 edge-lon-3 haproxy[2211]: ",
    "Host bastion-sao\n",
    "db-prod-03.corp.example",
    "pg-replica-2",
    "Dinuka has tested",
    "looping in Aviaja",
    "(3) Iñaki to schedule",
    "[PERSON-2], Pham Van Long, [PERSON-3]",
    "holder=\"Nakamura, Aiko\"",
    "CEDARBROOK\\mvunivalu",
    "   at Cedarbrook.Scheduling.Api.Repo.Get(",
    "at io.tidewater.cu.loans.ScoringClient.score(",
    "https://a91c0e7f3b2d4e56@o448812.ingest.sentry.io/5512309",
    " pin 882190",
    "2025-03-31 23:58:02 BATCH",
    "Controller D. Ochieng",
    "Account Name:   DC-LON-02$",
    "Nodira please ",
    "Tran Van Binh",
    "EUR 1.2M. Tariq",
    "kadri.tamm%40mosslands.org",
    "server 10.8.14.21",
    "crew for BLU 902",
    "mmol/L should",
];

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
