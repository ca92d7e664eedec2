//! Residual risk: spans of already-redacted text that the scrubber did not classify but that
//! may still identify someone (unknown capitalised words, long numbers, domain names), for
//! the analyst review screen to highlight.

use once_cell::sync::Lazy;
use regex::Regex;

use crate::names::is_common_word;
use crate::vocabulary::Vocabulary;

/// What kind of residual risk a span is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskKind {
    CapitalisedWord,
    Number,
    Domain,
}

impl RiskKind {
    /// Short machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskKind::CapitalisedWord => "capitalised",
            RiskKind::Number => "number",
            RiskKind::Domain => "domain",
        }
    }

    /// Human label.
    pub fn label(self) -> &'static str {
        match self {
            RiskKind::CapitalisedWord => "Unknown capitalised word",
            RiskKind::Number => "Unexplained number",
            RiskKind::Domain => "Domain name",
        }
    }
}

/// A byte span of the text (on char boundaries); spans are sorted and never overlap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Risk {
    pub start: usize,
    pub end: usize,
    pub kind: RiskKind,
}

static PLACEHOLDER: Lazy<Option<Regex>> =
    Lazy::new(|| Regex::new(r"\[[A-Z][A-Z_]*(?:-[A-Z][A-Z_]*)*(?:-[0-9]+)?\]").ok());
/// Grouped numbers ("12,000") or words joined by `.`, `-` and apostrophes.
static TOKEN: Lazy<Option<Regex>> = Lazy::new(|| {
    Regex::new(r"[0-9]{1,3}(?:,[0-9]{3})+\b|[\p{L}\p{M}\p{N}_]+(?:[.'’-][\p{L}\p{M}\p{N}_]+)*").ok()
});
static CVE: Lazy<Option<Regex>> = Lazy::new(|| Regex::new(r"(?i)^cve-[0-9]{4}-[0-9]{4,}$").ok());

const FILE_EXTS: &str =
    "rs py yaml yml json toml conf log sh js ts go sql md txt lock cfg ini xml html css java \
     rb tf csv env";
const UNITS: &str =
    "ms s sec secs second seconds min mins minute minutes h hr hrs hour hours day days week \
     weeks percent kb mb gb tb kib mib gib tib rps qps req/s x ns us µs utc";
/// Words next to a 100–599 number that make it an HTTP status.
const STATUS_WORDS: &str =
    "http https status error errors response responses code codes returned returning bad \
     gateway internal service not too forbidden unauthorized";
/// Words before a number that make it technical ("port 8443", "RFC 7231").
const NUMBER_PREV: &str = "port ports rfc iso";
const OPS_ACRONYMS: &str =
    "SRE DNS API CPU GPU RAM SLA SLO SLI TLS SSL HTTP HTTPS UTC DB OS VM CI CD PR QA UI UX \
     AWS GCP OK ETA RCA TTL IO OOM SEV TCP UDP IP SSH SQL CDN LB VPN VPC IAM SSO MFA CLI SDK \
     JSON YAML XML CSV URL URI ID IDS TODO FYI ASAP EOD NB PS AM PM GMT CEST CET PST EST EU \
     US UK IT HR PII GDPR MTTR MTTD KPI WARN INFO DEBUG FATAL ERROR NOC SOC DDOS DOS WAF ACL \
     RBAC JWT CORS CSRF XSS RPC GRPC REST NFS SAN NAS SSD HDD NIC BGP NTP SMTP LDAP DHCP ARP \
     MTU QPS RPS P0 P1 P2 P3 P4 SEV1 SEV2 SEV3 RFC CVE";
/// Ops words missing from the common-word list ("502 Bad Gateway", "Failover").
const ORDINARY: &str =
    "gateway timeout unavailable forbidden unauthorized requests rollback failover hotfix \
     runbook postmortem dashboard alerting paging";
const CALENDAR: &str =
    "january february march april may june july august september october november december \
     monday tuesday wednesday thursday friday saturday sunday";

fn risk(start: usize, end: usize, kind: RiskKind) -> Risk {
    Risk { start, end, kind }
}

/// Whether `w` is one of the whitespace-separated words of `list`.
fn listed(list: &str, w: &str) -> bool {
    list.split_whitespace().any(|x| x == w)
}

/// Spans of `text` (already redacted) that the scrubber did not classify and that may still
/// identify someone. Never inside a placeholder; sorted, non-overlapping.
pub fn residual_risks(text: &str, vocabulary: &Vocabulary) -> Vec<Risk> {
    let (Some(ph_re), Some(tok_re)) = (PLACEHOLDER.as_ref(), TOKEN.as_ref()) else {
        return Vec::new();
    };
    let placeholders: Vec<(usize, usize)> = ph_re
        .find_iter(text)
        .map(|m| (m.start(), m.end()))
        .collect();
    let mut ph = placeholders.iter().peekable();
    let mut toks: Vec<(usize, usize)> = Vec::new();
    for m in tok_re.find_iter(text) {
        while ph.peek().is_some_and(|p| p.1 <= m.start()) {
            ph.next();
        }
        if ph.peek().is_some_and(|p| p.0 <= m.start()) {
            continue; // inside a placeholder
        }
        let w = m.as_str();
        let cut = ["'s", "’s"]
            .iter()
            .find(|p| w.len() > p.len() && w.ends_with(*p));
        toks.push((m.start(), m.end() - cut.map_or(0, |p| p.len())));
    }

    let ctx = Ctx {
        text,
        vocab: vocabulary,
        toks: &toks,
    };
    // (risk, weak): a weak capitalised word only extends a preceding flagged one ("Zürich Bank")
    let mut cands: Vec<(Risk, bool)> = Vec::new();
    let mut line_start = 0;
    let mut scanned = 0;
    for (i, &(s, e)) in toks.iter().enumerate() {
        if let Some(nl) = text[scanned..s].rfind('\n') {
            line_start = scanned + nl + 1;
        }
        scanned = s;
        let tok = &text[s..e];
        if CVE.as_ref().is_some_and(|re| re.is_match(tok)) {
            continue;
        }
        if tok.contains('.') {
            if ctx.is_domain(tok) {
                cands.push((risk(s, e, RiskKind::Domain), false));
            }
            continue; // versions, decimals, abbreviations
        }
        let mut ps = s;
        for (pi, part) in tok.split('-').enumerate() {
            let pe = ps + part.len();
            if part.starts_with(|c: char| c.is_ascii_digit()) {
                if let Some(r) = ctx.number(i, ps, pe, pi == 0) {
                    cands.push((r, false));
                }
            } else if let Some(flag) = ctx.capitalised(i, ps, pe, pi == 0, line_start) {
                cands.push((risk(ps, pe, RiskKind::CapitalisedWord), !flag));
            }
            ps = pe + 1;
        }
    }

    let mut out: Vec<Risk> = Vec::new();
    for (r, weak) in cands {
        if r.kind == RiskKind::CapitalisedWord {
            if let Some(last) = out.last_mut() {
                let gap = text.get(last.end..r.start);
                if last.kind == r.kind && matches!(gap, Some(" " | "-")) {
                    last.end = r.end;
                    continue;
                }
            }
            if weak {
                continue;
            }
        }
        if out.last().is_none_or(|l| l.end <= r.start) {
            out.push(r);
        }
    }
    out
}

struct Ctx<'a> {
    text: &'a str,
    vocab: &'a Vocabulary,
    toks: &'a [(usize, usize)],
}

impl Ctx<'_> {
    /// Text of tokens `a..=b` if they are separated by single spaces only.
    fn phrase(&self, a: usize, b: usize) -> Option<&str> {
        let (first, last) = (self.toks.get(a)?, self.toks.get(b)?);
        let joined = (a..b).all(|k| {
            matches!((self.toks.get(k), self.toks.get(k + 1)), (Some(x), Some(y))
                if self.text.get(x.1..y.0) == Some(" "))
        });
        joined.then(|| &self.text[first.0..last.1])
    }

    /// The word `i - back` before token `i` (lowercase), if only a short gap separates them.
    fn prev_word(&self, i: usize, back: usize) -> Option<String> {
        let j = i.checked_sub(back)?;
        let (s, e) = *self.toks.get(j)?;
        let next = self.toks.get(j + 1)?.0;
        let gap = self.text.get(e..next)?;
        (gap.len() <= 3 && !gap.contains('\n')).then(|| self.text[s..e].to_lowercase())
    }

    fn is_tech_word(&self, i: usize, part: &str) -> bool {
        let known = |t: &str| self.vocab.contains_term(t) || self.vocab.lookup(t).is_some();
        let (s, e) = self.toks.get(i).copied().unwrap_or_default();
        if known(part) || known(&self.text[s..e]) {
            return true;
        }
        let windows = [(2, 0), (1, 0), (0, 1), (0, 2), (1, 1)];
        windows.iter().any(|&(before, after)| {
            i.checked_sub(before)
                .and_then(|a| self.phrase(a, i + after))
                .is_some_and(|p| self.vocab.contains_term(p))
        })
    }

    fn is_domain(&self, tok: &str) -> bool {
        let labels: Vec<&str> = tok.split('.').collect();
        let label_ok = |l: &&str| l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        let Some(tld) = labels.last() else {
            return false;
        };
        if labels.len() < 2
            || !labels.iter().all(label_ok)
            || tld.len() < 2
            || !tld.bytes().all(|b| b.is_ascii_lowercase())
            || listed(FILE_EXTS, tld)
            || self.vocab.contains_term(tok)
        {
            return false;
        }
        // "github.com", "redis.internal": a known technology's own domain
        !(labels.len() == 2 && labels.first().is_some_and(|l| self.vocab.contains_term(l)))
    }

    /// A number part `s..e` of token `i` (starting with a digit): a risk unless explained.
    fn number(&self, i: usize, s: usize, e: usize, first_part: bool) -> Option<Risk> {
        let t = self.text;
        let part = &t[s..e];
        let num_end = part
            .find(|c: char| !(c.is_ascii_digit() || c == ','))
            .map_or(e, |k| s + k);
        let digits = &t[s..num_end];
        if digits.bytes().filter(u8::is_ascii_digit).count() < 3 {
            return None;
        }
        let glued = &t[num_end..e];
        let after = t[e..].strip_prefix(' ').unwrap_or(&t[e..]);
        let next: String = after
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '/')
            .take(16)
            .collect::<String>()
            .to_lowercase();
        let unit = if glued.is_empty() { &next[..] } else { glued };
        if listed(UNITS, &unit.to_lowercase()) || (glued.is_empty() && after.starts_with('%')) {
            return None;
        }
        if t[..s].ends_with(':') {
            return None; // port
        }
        let value: Option<u32> = digits.parse().ok();
        let prev: Vec<String> = if first_part {
            (1..=2).map_while(|b| self.prev_word(i, b)).collect()
        } else {
            Vec::new()
        };
        let is_status = value.is_some_and(|v| (100..=599).contains(&v) && digits.len() == 3)
            && (listed(STATUS_WORDS, &next) || prev.iter().any(|w| listed(STATUS_WORDS, w)));
        let is_year = value.is_some_and(|v| (1990..=2100).contains(&v) && digits.len() == 4);
        // "Kubernetes 1270", "nginx/1180", "Amazon Aurora 3000"
        let after_tech = first_part
            && i.checked_sub(1).is_some_and(|p| {
                let sep = self.toks.get(p).and_then(|&(_, pe)| t.get(pe..s));
                matches!(sep, Some(" " | "/" | "@"))
                    && (1..=2).any(|n| {
                        p.checked_sub(n - 1)
                            .and_then(|a| self.phrase(a, p))
                            .is_some_and(|w| self.vocab.lookup(w).is_some())
                    })
            });
        if is_status
            || is_year
            || after_tech
            || prev.first().is_some_and(|w| listed(NUMBER_PREV, w))
        {
            return None;
        }
        Some(risk(s, num_end, RiskKind::Number))
    }

    /// A capitalised word `s..e` of token `i`: `Some(true)` flagged, `Some(false)` capitalised
    /// but ordinary (may extend a flagged neighbour), `None` not a candidate.
    fn capitalised(
        &self,
        i: usize,
        s: usize,
        e: usize,
        first_part: bool,
        line_start: usize,
    ) -> Option<bool> {
        let w = &self.text[s..e];
        let mut chars = w.chars();
        let (upper, rest) = (chars.next().is_some_and(char::is_uppercase), chars.as_str());
        // lowercase, a single letter ("I", "Plan B") or one letter and digits ("P1", "Q3", "S3")
        if !upper || rest.is_empty() || rest.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if (first_part && sentence_start(&self.text[line_start..s])) || self.is_tech_word(i, w) {
            return None;
        }
        let stem = w.strip_suffix('s').filter(|x| x.len() >= 2).unwrap_or(w);
        let all_caps = |x: &str| x.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
        if (all_caps(w) && listed(OPS_ACRONYMS, w))
            || (all_caps(stem) && listed(OPS_ACRONYMS, stem))
        {
            return None;
        }
        let lower = w.to_lowercase();
        if listed(UNITS, &lower) {
            return None; // "MB", "GiB"
        }
        Some(!(is_common_word(&lower) || listed(CALENDAR, &lower) || listed(ORDINARY, &lower)))
    }
}

/// Whether a word preceded by `before` (the text of its line so far) starts a sentence.
fn sentence_start(before: &str) -> bool {
    let trimmed = before.trim_end_matches([
        ' ', '\t', '\r', '"', '\'', '“', '‘', '(', '«', '*', '_', '`',
    ]);
    let Some(c) = trimmed.chars().next_back() else {
        return true;
    };
    if matches!(c, '.' | '!' | '?' | ':' | '…') {
        return true;
    }
    // list bullets and headings: "- ", "• ", "> ", "## ", "1) "
    matches!(c, '-' | '•' | '+' | '>' | '#' | ')')
        && trimmed.len() <= 8
        && trimmed.chars().all(|c| {
            c.is_whitespace()
                || c.is_ascii_digit()
                || matches!(c, '-' | '•' | '+' | '>' | '#' | ')')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risks(text: &str) -> Vec<(&str, &'static str)> {
        let found = residual_risks(text, Vocabulary::builtin());
        for w in found.windows(2) {
            if let [a, b] = w {
                assert!(a.end <= b.start, "overlap or unsorted: {found:?}");
            }
        }
        found
            .iter()
            .map(|r| match text.get(r.start..r.end) {
                Some(s) => (s, r.kind.as_str()),
                None => panic!("span not on char boundaries: {r:?}"),
            })
            .collect()
    }

    #[test]
    fn flags_unknown_name_domain_and_number_outside_placeholders() {
        let text = "[PERSON-1] paged [PERSON-2] about the Zorblax cluster at \
                    db7.acme-internal.net; 41235 customers were affected.";
        assert_eq!(
            risks(text),
            vec![
                ("Zorblax", "capitalised"),
                ("db7.acme-internal.net", "domain"),
                ("41235", "number"),
            ]
        );
        assert!(risks("[NATIONAL-ID-1] and [ACCOUNT-ID-12] and [SECRET] [DATE].").is_empty());
    }

    #[test]
    fn technical_facts_are_not_risks() {
        let text = "We upgraded MySQL 5.7 to 8.0 on Kubernetes 1.27 and saw 502 errors for 45 \
                    minutes in 2023.";
        assert_eq!(risks(text), vec![]);
        assert_eq!(risks("then 502 Bad Gateway after Kubernetes 1270"), vec![]);
        let text = "Latency hit 1200 ms and 1500ms, CPU at 100%, 12,000 rps, HTTP 503 and \
                    status 404, a 500 error, nginx/1.18.0 on port 8080 and Redis 7.2.4 with 4096 MB.";
        assert_eq!(risks(text), vec![]);
    }

    #[test]
    fn sentence_starts_and_bullets_are_not_risks() {
        assert_eq!(risks("The deploy failed. Rollback took 20 min."), vec![]);
        assert_eq!(
            risks("Summary:\n- Rollback started\n* Paging worked\n2) Zorblax\n1. Quorum lost"),
            vec![]
        );
        assert_eq!(
            risks("We paged the SRE on call; the APIs and DNS were fine in January, I think."),
            vec![]
        );
    }

    #[test]
    fn known_dotted_technologies_are_not_domains() {
        assert_eq!(
            risks("we run the nats.io client, a crates.io mirror and github.com runners"),
            vec![]
        );
        assert_eq!(
            risks("see config.yaml, main.rs and the deploy.sh script"),
            vec![]
        );
        assert_eq!(risks("then acme.io went down"), vec![("acme.io", "domain")]);
    }

    #[test]
    fn multi_word_technologies_pass() {
        assert_eq!(
            risks("we moved from Amazon Web Services to Google Cloud last year"),
            vec![]
        );
    }

    #[test]
    fn cve_and_ports_are_not_numbers() {
        assert_eq!(
            risks("patched CVE-2021-44228 and closed port :8443 and [HOST-1]:9200"),
            vec![]
        );
        assert_eq!(
            risks("ticket INC-48213 was filed"),
            vec![("INC", "capitalised"), ("48213", "number")]
        );
    }

    #[test]
    fn non_ascii_spans_merge_and_stay_on_boundaries() {
        assert_eq!(
            risks("Then Müller fixed it at Zürich Bank’s branch, ça va."),
            vec![("Müller", "capitalised"), ("Zürich Bank", "capitalised")]
        );
        assert_eq!(
            risks("the Acme Dynamics team"),
            vec![("Acme Dynamics", "capitalised")]
        );
        assert_eq!(risks("Müller"), vec![]);
        assert_eq!(
            risks("at Ölberg and Ü12 and É"),
            vec![("Ölberg", "capitalised")]
        );
        assert_eq!(risks(""), vec![]);
    }

    #[test]
    fn kinds_have_names_and_labels() {
        for k in [
            RiskKind::CapitalisedWord,
            RiskKind::Number,
            RiskKind::Domain,
        ] {
            assert!(!k.as_str().is_empty() && !k.label().is_empty());
        }
        assert_eq!(
            RiskKind::CapitalisedWord.label(),
            "Unknown capitalised word"
        );
    }

    #[test]
    fn repeated_paragraphs_give_proportional_findings() {
        let para = "[PERSON-1] paged the Zorblax team at db7.acme-internal.net; 41235 customers \
                    saw 502 errors on MySQL 5.7 for 45 minutes. Rollback took 20 min at Zürich \
                    Bank, ça va. ";
        let copies = 20_000 / para.len() + 1;
        let one_line = para.repeat(copies);
        let vocab = Vocabulary::builtin();
        let once = residual_risks(para, vocab);
        assert!(!once.is_empty());
        // Speed is measured in the scrubber's benches, not asserted here.
        let found = residual_risks(&one_line, vocab);
        assert_eq!(found.len(), once.len() * copies);
    }
}
