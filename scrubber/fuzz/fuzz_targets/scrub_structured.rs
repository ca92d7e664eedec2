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

const PIECES: &[&str] = &[
    "Alice Smith",
    "alice",
    "Smith's",
    "@jdoe42",
    "[10:32] bob: ",
    "\n",
    " ",
    ", ",
    ". ",
    "pinged Priya",
    "Dr. Okonkwo",
    "Thanks,\nMarta",
    "<zorvan> ",
    "K. Verhoeven",
    "10.0.0.1",
    "192.168.1.20/24",
    "fe80::1",
    "00:1a:2b:3c:4d:5e",
    "ip-10-0-1-2",
    "db-prod-03",
    "web01",
    "kafka-03.internal",
    "acme-corp.io",
    "jane@acme-corp.io",
    "jane at acme dot io",
    "https://wiki.acme-corp.io/x?y=1",
    "postgres://u:p%40ss@db:5432/x",
    "password=Hunter2!x",
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
    "flight ",
    "37.6188, -122.3754",
    "on 14 March 2024 at 03:12 UTC",
    "2024-03-01T10:00:00Z",
    "Acme Inc",
    "Project Bluefin",
    "/home/jdoe/",
    "PID|1||12345^^^MRN||DOE^JANE||19800101|F",
    "[PERSON-1]",
    "[SECRET]",
    "'s",
    "é",
    "中文",
    "🚀",
    "\u{200b}",
    "İ",
    "\r\n",
    "Kubernetes",
    "us-east-1",
    // rules 2026.11.5
    "Kilbride Savings Bank",
    "Vistek Automation",
    "MSH|^~\\&|LAB|HOLLOWAY|EHR|CEDAR|",
    "OYELARAN^FOLAKE",
    "FO SHARMA",
    "cust_id=CUS-5521907",
    "com.quendrix.core.Poster",
    "ghcr.io/velmora-labs/app",
    "<password>Zq7!vR2#</password>",
    "routing_key: c93b1f0c47d24a6b9a1f2c7d8e0b5a44",
    "iban: NL27 RABO 0312 5584 19",
    "oncall: \"Eilidh Macaulay\"",
    "To: Hodan Warsame",
    "anna.kowalska",
    "Maelle,\n",
    "Iolo, can you ",
    "Tahu Rangipuna",
    "Monte Carlo",
    "ssl://mqtt.kettuvaara.fi:8883",
    "TODO(mbaptiste)",
    "StudyDate=20250410",
    "DZR781",
    " from Ardent Forge",
    "[14/09/24, 10:07] Rukmini: ",
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
