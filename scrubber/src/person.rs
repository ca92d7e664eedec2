//! Person-name detection: name lists plus context cues.

use std::collections::HashMap;

use regex::Regex;

use crate::detect::{Detectors, COMMON_VERBS};
use crate::names::{is_common_word, LISTS};
use crate::{normalise_key, Cand, DocFacts, Kind};

#[derive(Debug, Clone, Copy, Default)]
struct Tok {
    s: usize,
    e: usize,
    cap: bool,
    allcaps: bool,
    lowercase: bool,
    given: bool,
    surname: bool,
    common: bool,
    vocab: bool,
    particle: bool,
    title: bool,
    strong_cue: bool,
    post_cue: bool,
    role: bool,
    single_letter: bool,
    lower_cue: bool,
}

const LOWER_CUES: &[&str] = &[
    "pinged", "ping", "paged", "cc", "cc'd", "ccd", "cced", "dmed", "dm'd", "dm", "messaged",
    "thanks", "thx", "ty", "hi", "hey",
];

/// Suffixes of ordinary English words; a capitalised unknown word ending so is a heading
/// word ("Engineers", "Monitoring", "Authentication"), not a name.
pub(crate) fn looks_english(l: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "tion", "sion", "ment", "ness", "ity", "ing", "ings", "ers", "ors", "ies", "ics", "ance",
        "ence", "able", "ible", "ous", "ive", "ful", "less", "ship", "ware", "ism", "ized", "ised",
        "ize", "ise", "ated", "ting", "ally", "ency", "ancy", "ists", "ents", "ants", "ures",
        "ages", "ables", "ations", "ology", "graphy", "meter", "scope", "ward", "wards", "wise",
        "like", "ment", "ered", "ened",
    ];
    let n = l.chars().count();
    if n < 4 {
        return false;
    }
    if SUFFIXES.iter().any(|s| l.ends_with(s) && n > s.len() + 2) {
        return true;
    }
    // plurals: "runners", "mixers", "quirks", "services"
    if l.ends_with('s')
        && !l.ends_with("ss")
        && !l.ends_with("us")
        && !l.ends_with("is")
        && !l.ends_with("os")
        && !l.ends_with("as")
        && !l.ends_with("es")
    {
        return true;
    }
    l.ends_with("ces")
        || l.ends_with("ses")
        || l.ends_with("tes")
        || l.ends_with("res")
        || l.ends_with("les")
        || l.ends_with("nes")
        || l.ends_with("ges")
}

const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "von", "da", "di", "du", "del", "della", "la", "le", "bin", "binti",
    "ibn", "al", "el", "dos", "das", "do", "ter", "ten", "zu", "y", "st", "mac", "mc", "o'",
];

const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "capt",
    "captain",
    "nurse",
    "sister",
    "officer",
    "sgt",
    "sergeant",
    "lt",
    "lieutenant",
    "cmdr",
    "commander",
    "col",
    "colonel",
    "judge",
    "rev",
    "reverend",
    "herr",
    "frau",
    "mme",
    "mlle",
    "monsieur",
    "madame",
    "señor",
    "señora",
    "senhor",
    "senhora",
    "signor",
    "signora",
    "dott",
    "ing",
    "sir",
    "dame",
    "lord",
    "lady",
    "fo",
    "surgeon",
    "consultant",
    "paramedic",
    "pharmacist",
    "controller",
    "inspector",
    "agent",
    "detective",
    "technician",
    "engineer",
    "midwife",
    "doctor",
];

const STRONG_CUES: &[&str] = &[
    "pinged",
    "ping",
    "paged",
    "page",
    "cc",
    "cc'd",
    "ccd",
    "cced",
    "messaged",
    "dmed",
    "dm'd",
    "dm",
    "emailed",
    "texted",
    "thanks",
    "thx",
    "ty",
    "hi",
    "hey",
    "hello",
    "dear",
    "called",
    "phoned",
    "asked",
    "told",
    "thanked",
    "escalated",
    "woke",
    "looped",
    "tagged",
    "mentioned",
];

const POST_CUES: &[&str] = &[
    "said",
    "says",
    "wrote",
    "mentioned",
    "noted",
    "replied",
    "acked",
    "acknowledged",
    "suggested",
    "confirmed",
    "asked",
    "thinks",
    "thought",
    "noticed",
    "paged",
    "pinged",
    "joined",
    "left",
    "responded",
    "escalated",
    "approved",
    "reviewed",
    "merged",
    "pushed",
    "deployed",
    "ran",
    "restarted",
    "declared",
];

const POSSESSIVE_NOUNS: &[&str] = &[
    "deploy",
    "deployment",
    "change",
    "changes",
    "pr",
    "commit",
    "commits",
    "laptop",
    "script",
    "branch",
    "team",
    "query",
    "migration",
    "config",
    "patch",
    "shift",
    "account",
    "machine",
    "terminal",
    "access",
    "credentials",
    "key",
    "keys",
    "code",
    "fix",
    "rollout",
    "review",
    "approval",
    "desk",
    "phone",
    "manager",
    "message",
    "email",
    "comment",
    "ticket",
    "pager",
    "handoff",
    "notes",
    "idea",
    "suggestion",
    "analysis",
    "session",
    "login",
    "token",
    "password",
    "workstation",
    "car",
    "house",
    "home",
    "wife",
    "husband",
    "son",
    "daughter",
    "kid",
    "kids",
    "family",
];

const ROLE_WORDS: &[&str] = &[
    "oncall",
    "on-call",
    "sre",
    "sres",
    "devops",
    "ops",
    "infra",
    "folks",
    "ic",
    "everyone",
    "everybody",
    "someone",
    "somebody",
    "anyone",
    "nobody",
    "them",
    "him",
    "her",
    "us",
    "me",
    "you",
    "myself",
    "again",
    "back",
    "channel",
    "here",
    "netops",
    "secops",
    "dba",
    "dbas",
    "noc",
    "soc",
];

const LABEL_STOP: &[&str] = &[
    "note",
    "notes",
    "summary",
    "impact",
    "cause",
    "root",
    "resolution",
    "detection",
    "mitigation",
    "todo",
    "fixme",
    "warn",
    "warning",
    "info",
    "debug",
    "trace",
    "fatal",
    "critical",
    "error",
    "http",
    "https",
    "ftp",
    "ssh",
    "q",
    "a",
    "re",
    "fwd",
    "subject",
    "from",
    "to",
    "cc",
    "bcc",
    "date",
    "status",
    "severity",
    "timeline",
    "lesson",
    "lessons",
    "owner",
    "owners",
    "action",
    "actions",
    "step",
    "steps",
    "example",
    "e.g",
    "i.e",
    "tl;dr",
    "tldr",
    "update",
    "edit",
    "answer",
    "question",
    "problem",
    "solution",
    "result",
    "results",
    "outcome",
    "background",
    "context",
    "description",
    "details",
    "duration",
    "trigger",
    "symptoms",
    "workaround",
    "followup",
    "follow-up",
    "ps",
    "nb",
    "caveat",
    "disclaimer",
    "important",
    "tip",
    "hint",
    "reason",
    "why",
    "what",
    "when",
    "where",
    "how",
    "who",
    "response",
    "recovery",
    "postmortem",
    "post-mortem",
    "incident",
    "environment",
    "env",
    "version",
    "image",
    "name",
    "kind",
    "spec",
    "metadata",
    "apiversion",
    "replicas",
    "labels",
    "annotations",
    "containers",
    "ports",
    "command",
    "args",
    "volumes",
    "resources",
    "limits",
    "requests",
    "data",
    "type",
    "value",
    "key",
    "host",
    "port",
    "user",
    "password",
    "database",
    "url",
    "uri",
    "path",
    "file",
    "line",
    "column",
    "level",
    "message",
    "msg",
    "code",
    "reason",
    "method",
    "query",
    "body",
    "headers",
    "response",
    "request",
    "body",
    "score",
    "total",
    "count",
    "size",
    "time",
    "timestamp",
    "ts",
    "id",
    "uuid",
    "node",
    "pod",
    "namespace",
    "service",
    "region",
    "zone",
    "cluster",
    "datacenter",
    "dc",
    "customer",
    "customers",
    "users",
    "detected",
    "resolved",
    "began",
    "started",
    "ended",
    "impacted",
    "affected",
    "services",
    "systems",
    "components",
    "author",
    "authors",
    "reviewer",
    "reviewers",
    "approver",
    "team",
    "participants",
    "attendees",
    "people",
    "roles",
    "ic",
    "scribe",
    "commander",
    "responders",
    "links",
    "references",
    "tags",
    "labels",
    "category",
    "categories",
    "priority",
    "sev",
    "p1",
    "p2",
    "output",
    "input",
    "stdout",
    "stderr",
    "expected",
    "actual",
    "before",
    "after",
    "pros",
    "cons",
    "yes",
    "no",
    "true",
    "false",
    "tl",
    "dr",
    "edit",
    "update",
    "updated",
    "created",
    "modified",
    "source",
    "target",
    "origin",
    "destination",
    "caused",
    "fixed",
    "mttr",
    "mttd",
    "slo",
    "sla",
    "sli",
    "rca",
    "tbd",
    "faq",
    "eta",
    "cpu",
    "memory",
    "disk",
    "network",
    "latency",
    "errors",
    "throughput",
    "load",
    "usage",
    "alerts",
    "alert",
    "monitoring",
    "metrics",
    "logs",
    "traces",
    "dashboard",
    "runbook",
    "playbook",
    "procedure",
    "checklist",
    "chapter",
    "section",
    "part",
    "appendix",
    "figure",
    "table",
    "listing",
    "source code",
    "caption",
    "phase",
    "stage",
    "day",
    "week",
    "month",
    "year",
    "morning",
    "evening",
    "afternoon",
    "night",
    "today",
    "yesterday",
    "tomorrow",
    "now",
    "later",
    "then",
    "first",
    "second",
    "third",
    "finally",
    "next",
    "last",
    "also",
    "however",
    "therefore",
    "thus",
    "meanwhile",
    "step",
    "goal",
    "goals",
    "objective",
    "scope",
    "assumptions",
    "risks",
    "risk",
    "decision",
    "decisions",
    "status quo",
    "pilot",
    "captain",
    "copilot",
    "atc",
    "tower",
    "ground",
    "approach",
    "departure",
    "center",
    "centre",
    "clearance",
    "nurse",
    "doctor",
    "patient",
    "physician",
    "pharmacist",
    "operator",
    "supervisor",
    "technician",
    "engineer",
    "manager",
    "lead",
    "analyst",
    "reporter",
    "narrative",
    "synopsis",
    "abstract",
    "keywords",
    "conclusion",
    "conclusions",
    "recommendation",
    "recommendations",
    "finding",
    "findings",
    "observation",
    "observations",
];

const HANDLE_STOP: &[&str] = &[
    "here",
    "channel",
    "everyone",
    "all",
    "oncall",
    "on-call",
    "team",
    "sre",
    "ops",
    "devops",
    "security",
    "infra",
    "platform",
    "admins",
    "admin",
    "param",
    "return",
    "returns",
    "throws",
    "throw",
    "see",
    "since",
    "override",
    "deprecated",
    "author",
    "version",
    "types",
    "test",
    "before",
    "after",
    "beforeeach",
    "aftereach",
    "inject",
    "injectable",
    "autowired",
    "component",
    "service",
    "entity",
    "bean",
    "media",
    "import",
    "charset",
    "font-face",
    "keyframes",
    "apply",
    "tailwind",
    "layer",
    "use",
    "mixin",
    "include",
    "extend",
    "latest",
    "next",
    "beta",
    "canary",
    "stable",
    "staging",
    "prod",
    "interface",
    "end",
    "property",
    "synthesize",
    "implementation",
    "protocol",
    "objc",
    "available",
    "escaping",
    "mainactor",
    "published",
    "state",
    "binding",
    "observable",
    "input",
    "output",
    "viewchild",
    "hostlistener",
    "ngmodule",
    "controller",
    "get",
    "post",
    "put",
    "delete",
    "patch",
    "route",
    "app",
    "api",
    "dataclass",
    "staticmethod",
    "classmethod",
    "pytest",
    "fixture",
    "mock",
    "patch",
    "lru_cache",
    "cache",
    "functools",
    "property",
    "abstractmethod",
    "override",
    "suppresswarnings",
    "functionalinterface",
    "nonnull",
    "nullable",
    "transactional",
    "value",
    "data",
    "configuration",
    "springbootapplication",
    "restcontroller",
    "requestmapping",
    "getmapping",
    "postmapping",
    "pathvariable",
    "requestbody",
    "mock",
    "spy",
    "test",
    "given",
    "when",
    "then",
    "ignore",
    "disabled",
    "tag",
    "displayname",
    "mention",
    "mentions",
    "someone",
    "somebody",
    "user",
    "users",
    "owner",
    "owners",
    "reviewer",
    "reviewers",
    "support",
    "help",
    "bot",
    "dependabot",
    "renovate",
    "github-actions",
    "copilot",
    "home",
    "media",
];

/// "maría" -> "maria" when the folded form is what the lists hold.
fn fold_accents(buf: &mut String) {
    if LISTS.given.contains(buf.as_str()) || LISTS.surnames.contains(buf.as_str()) {
        return;
    }
    let folded: String = buf
        .chars()
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' => 'u',
            'ñ' | 'ń' => 'n',
            'ç' | 'ć' | 'č' => 'c',
            'ś' | 'š' | 'ş' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            'ğ' => 'g',
            'ı' => 'i',
            other => other,
        })
        .collect();
    if LISTS.given.contains(&folded) || LISTS.surnames.contains(&folded) {
        *buf = folded;
    }
}

fn lower_into(buf: &mut String, s: &str) {
    buf.clear();
    for c in s.chars() {
        for l in c.to_lowercase() {
            buf.push(l);
        }
    }
}

/// Split text into word tokens: letters (with inner apostrophes or hyphens); "'s" is not part
/// of a token.
fn tokenize(text: &str, det: &Detectors) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 6);
    let mut buf = String::with_capacity(32);
    let mut it = text.char_indices().peekable();
    while let Some((s, c)) = it.next() {
        if !c.is_alphabetic() {
            continue;
        }
        let mut e = s + c.len_utf8();
        let mut has_digit = false;
        while let Some(&(i, ch)) = it.peek() {
            if ch.is_alphanumeric() {
                has_digit |= ch.is_numeric();
                e = i + ch.len_utf8();
                it.next();
                continue;
            }
            if matches!(ch, '\'' | '’' | '-') {
                // join only when a letter follows; never swallow a possessive "'s"
                let rest = &text[i + ch.len_utf8()..];
                let mut rc = rest.chars();
                let next = rc.next();
                if next.is_some_and(char::is_alphabetic) {
                    let possessive = ch != '-'
                        && matches!(next, Some('s') | Some('S'))
                        && !rc.next().is_some_and(char::is_alphanumeric);
                    if !possessive {
                        e = i + ch.len_utf8();
                        it.next();
                        continue;
                    }
                }
            }
            break;
        }
        let word = &text[s..e];
        let mut t = Tok {
            s,
            e,
            ..Tok::default()
        };
        let first_upper = c.is_uppercase();
        let rest_has_lower = word.chars().skip(1).any(char::is_lowercase);
        let rest_has_upper = word.chars().skip(1).any(char::is_uppercase);
        t.cap = first_upper && (rest_has_lower || word.chars().count() == 1);
        t.allcaps = first_upper && !rest_has_lower && word.chars().count() > 1;
        t.lowercase = !first_upper && !rest_has_upper;
        t.single_letter = word.chars().count() == 1 && first_upper;
        if has_digit {
            t.cap = false;
            t.lowercase = false;
            t.allcaps = false;
            toks.push(t);
            continue;
        }
        lower_into(&mut buf, word);
        if !buf.is_ascii() {
            fold_accents(&mut buf);
        }
        let l = buf.as_str();
        t.common = is_common_word(l);
        t.given = LISTS.given.contains(l)
            || (l.contains('-') && l.split('-').all(|p| LISTS.given.contains(p)));
        t.surname = LISTS.surnames.contains(l)
            || (l.contains('-') && l.split('-').all(|p| LISTS.surnames.contains(p)));
        t.vocab = det.vocab.contains_term(l) || det.is_protected_term(l);
        t.particle = PARTICLES.contains(&l);
        t.title = TITLES.contains(&l);
        t.strong_cue = STRONG_CUES.contains(&l);
        t.post_cue = POST_CUES.contains(&l);
        t.role = ROLE_WORDS.contains(&l) || COMMON_VERBS.contains(&l);
        t.lower_cue = LOWER_CUES.contains(&l);
        // unknown words that look like ordinary English are treated as common words
        if !t.given && !t.surname && !t.common && looks_english(l) {
            t.common = true;
        }
        // camelCase identifiers are code, not names
        if first_upper && rest_has_upper && rest_has_lower {
            t.cap = false;
            t.given = false;
            t.surname = false;
        }
        toks.push(t);
    }
    toks
}

/// Gap between two tokens is a plain space (or a few), on the same line.
fn space_gap(text: &str, a: &Tok, b: &Tok) -> bool {
    let g = text.get(a.e..b.s).unwrap_or("\n");
    !g.is_empty() && g.len() <= 2 && g.bytes().all(|c| c == b' ' || c == b'\t')
}

/// Gap for an initial or title: "J. Smith", "Dr. Patel", "Dr Patel".
fn dot_gap(text: &str, a: &Tok, b: &Tok) -> bool {
    let g = text.get(a.e..b.s).unwrap_or("\n");
    let g = g.strip_prefix('.').unwrap_or(g);
    !g.is_empty() && g.len() <= 2 && g.bytes().all(|c| c == b' ' || c == b'\t')
}

/// Gap after a cue word: "pinged Alice", "Thanks, Alice", "cc: Alice".
fn cue_gap(text: &str, a: &Tok, b: &Tok) -> bool {
    let g = text.get(a.e..b.s).unwrap_or("\n");
    let g = g.trim_start_matches([',', ':', '!']);
    !g.is_empty() && g.len() <= 2 && g.bytes().all(|c| c == b' ' || c == b'\t')
}

pub(crate) fn push_person(
    text: &str,
    s: usize,
    e: usize,
    facts: &mut DocFacts,
    out: &mut Vec<Cand>,
) {
    let Some(name) = text.get(s..e) else { return };
    let key = normalise_key(Kind::Person, name);
    let words: Vec<&str> = key.split_whitespace().collect();
    if words.len() >= 2 {
        let mut register = |w: &str| {
            let w = w.trim_end_matches('.');
            if w.chars().count() >= 2 && !is_common_word(w) && !PARTICLES.contains(&w) {
                facts.person_tokens.push((w.to_string(), key.clone()));
            }
        };
        if let Some(f) = words.first() {
            register(f);
        }
        if let Some(l) = words.last() {
            register(l);
        }
    } else if let Some(w) = words.first() {
        facts.person_singles.push((*w).to_string());
        if name.chars().next().is_some_and(char::is_lowercase) {
            facts.lowercase_ok.insert((*w).to_string());
        }
    }
    out.push(Cand::new(s, e, Kind::Person).key(key));
}

/// Extend a person span with a following surname-like token: "Alice" + " Smith".
fn extend_surname(text: &str, toks: &[Tok], j: usize) -> usize {
    let mut last = j;
    let mut k = j + 1;
    while let (Some(a), Some(b)) = (toks.get(k - 1), toks.get(k)) {
        if !space_gap(text, a, b) {
            break;
        }
        if b.particle && b.e - b.s <= 4 {
            k += 1;
            continue;
        }
        if b.cap && !b.allcaps && (b.surname || (!b.common && !b.vocab && !b.title)) && !b.role {
            last = k;
            if b.surname
                && k == last
                && toks
                    .get(k + 1)
                    .is_some_and(|n| n.cap && n.surname && space_gap(text, b, n))
            {
                last = k + 1;
            }
        }
        break;
    }
    last
}

pub(crate) fn detect_tokens(
    det: &Detectors,
    text: &str,
    facts: &mut DocFacts,
    out: &mut Vec<Cand>,
) {
    let toks = tokenize(text, det);
    let n = toks.len();
    let mut i = 0;
    while i < n {
        let t = toks[i];
        let next = toks.get(i + 1);

        // Title + name: "Dr. Patel", "Capt. Sullenberger", "Nurse Jackie Smith"
        if t.title && t.cap {
            if let Some(nx) = next {
                if dot_gap(text, &t, nx)
                    && nx.cap
                    && !nx.allcaps
                    && !nx.common
                    && !nx.vocab
                    && !nx.title
                    && !nx.role
                {
                    let last = extend_surname(text, &toks, i + 1);
                    let end = toks[last].e;
                    push_person(text, nx.s, end, facts, out);
                    i = last + 1;
                    continue;
                }
            }
        }

        if t.cap && !t.allcaps && !t.title {
            // Full name: given (+ initial / middle) (+ particles) + surname
            let mut j = i + 1;
            let mut prev = t;
            // middle initial "J." or a middle given name
            if let Some(m) = toks.get(j) {
                let g = text.get(prev.e..m.s).unwrap_or("");
                if m.single_letter
                    && g.trim().is_empty()
                    && text.get(m.e..m.e + 1) == Some(".")
                    && !g.is_empty()
                    && g.len() <= 2
                {
                    if let Some(after) = toks.get(j + 1) {
                        if dot_gap(text, m, after) {
                            prev = *m;
                            j += 1;
                        }
                    }
                } else if m.given
                    && m.cap
                    && !m.vocab
                    && space_gap(text, &prev, m)
                    && toks
                        .get(j + 1)
                        .is_some_and(|x| x.cap && x.surname && space_gap(text, m, x))
                {
                    prev = *m;
                    j += 1;
                }
            }
            while let Some(p) = toks.get(j) {
                if p.particle
                    && (space_gap(text, &prev, p) || dot_gap(text, &prev, p))
                    && toks.get(j + 1).is_some_and(|x| x.cap)
                {
                    prev = *p;
                    j += 1;
                } else {
                    break;
                }
            }
            if let Some(sn) = toks.get(j) {
                let gap_ok =
                    space_gap(text, &prev, sn) || (prev.single_letter && dot_gap(text, &prev, sn));
                if gap_ok && sn.cap && !sn.allcaps && !sn.title && !sn.role {
                    let first_given = t.given && !t.vocab;
                    let accept = if first_given {
                        sn.surname || (!sn.common && !sn.vocab)
                    } else if t.given && t.vocab {
                        sn.surname && !sn.vocab
                    } else {
                        !t.common
                            && !t.vocab
                            && !t.role
                            && sn.surname
                            && !sn.common
                            && !sn.vocab
                            && !t.single_letter
                    };
                    if accept {
                        let mut last = j;
                        if let Some(s2) = toks.get(j + 1) {
                            if s2.cap
                                && s2.surname
                                && !s2.common
                                && !s2.vocab
                                && space_gap(text, sn, s2)
                            {
                                last = j + 1;
                            }
                        }
                        let phrase = &text[t.s..toks[last].e];
                        if !det.is_protected_term(phrase) {
                            push_person(text, t.s, toks[last].e, facts, out);
                            i = last + 1;
                            continue;
                        }
                    }
                }
            }
        }

        // Cue before: "pinged Alice", "Thanks, bob", "cc: Priya"
        let cued = i > 0 && {
            let p = toks[i - 1];
            p.strong_cue
                && cue_gap(text, &p, &t)
                && !(p.e - p.s == 4 && text[p.s..p.e].eq_ignore_ascii_case("page") && !t.given)
        };
        if cued && !t.role && !t.title {
            let ok = if t.cap && !t.allcaps {
                t.given || (!t.common && !t.vocab)
            } else if t.lowercase && toks[i - 1].lower_cue {
                (t.given || (!t.common && !t.vocab && t.e - t.s >= 3)) && !t.vocab
            } else {
                false
            };
            if ok {
                let last = if t.cap {
                    extend_surname(text, &toks, i)
                } else {
                    i
                };
                push_person(text, t.s, toks[last].e, facts, out);
                i = last + 1;
                continue;
            }
        }

        if t.cap && !t.allcaps && !t.common && !t.title && !t.role {
            // standalone given name
            if t.given && !t.vocab {
                push_person(text, t.s, t.e, facts, out);
                i += 1;
                continue;
            }
            if !t.vocab {
                // "Xyla said", "Xyla's deploy"
                let post = next.is_some_and(|nx| nx.post_cue && space_gap(text, &t, nx));
                let rest = text.get(t.e..).unwrap_or("");
                let poss = (rest.starts_with("'s ") || rest.starts_with("’s ")) && {
                    let after = rest.get(3..).unwrap_or("").trim_start();
                    let word: String = after
                        .chars()
                        .take_while(|c| c.is_alphanumeric())
                        .flat_map(char::to_lowercase)
                        .collect();
                    POSSESSIVE_NOUNS.contains(&word.as_str())
                };
                if post || poss {
                    push_person(text, t.s, t.e, facts, out);
                    i += 1;
                    continue;
                }
            }
        }
        i += 1;
    }
}

/// Chat speaker labels at line start: "alice: …", "[10:32] bob: …", "<carol> …".
pub(crate) fn chat_labels(
    det: &Detectors,
    re: &Regex,
    text: &str,
    facts: &mut DocFacts,
    out: &mut Vec<Cand>,
) {
    let mut labels: Vec<(usize, usize, bool)> = Vec::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for c in re.captures_iter(text) {
        let Some(name) = c.name("name") else { continue };
        let strong =
            c.name("ts").is_some() || (c.name("open").is_some() && c.name("close").is_some());
        labels.push((name.start(), name.end(), strong));
        *counts.entry(name.as_str().to_lowercase()).or_insert(0) += 1;
    }
    for (s, e, strong) in labels {
        let name = &text[s..e];
        let lower = name.to_lowercase();
        if name.contains(' ') {
            // "Alice Smith: ..."
            let mut parts = name.split(' ');
            let (Some(a), Some(b)) = (parts.next(), parts.next()) else {
                continue;
            };
            let (al, bl) = (a.to_lowercase(), b.to_lowercase());
            let a_cap = a.chars().next().is_some_and(char::is_uppercase);
            if a_cap
                && LISTS.given.contains(&al)
                && (LISTS.surnames.contains(&bl) || !is_common_word(&bl))
                && !det.is_protected_term(name)
            {
                push_person(text, s, e, facts, out);
            } else if strong || a_cap && LISTS.given.contains(&al) {
                // "Alice Ops:" -> just the name
                if LISTS.given.contains(&al) && !det.is_protected_term(a) {
                    push_person(text, s, s + a.len(), facts, out);
                }
            }
            continue;
        }
        if lower.chars().count() < 2
            || (is_common_word(&lower) && !strong)
            || LABEL_STOP.contains(&lower.as_str())
            || COMMON_VERBS.contains(&lower.as_str())
            || ROLE_WORDS.contains(&lower.as_str())
            || det.is_protected_term(name)
            || lower.bytes().all(|b| b.is_ascii_digit())
        {
            continue;
        }
        let allcaps = name.chars().count() > 1 && !name.chars().any(char::is_lowercase);
        if allcaps {
            continue;
        }
        let camel =
            name.chars().skip(1).any(char::is_uppercase) && name.chars().any(char::is_lowercase);
        let given = LISTS.given.contains(&lower);
        let dotted = name.matches('.').count() == 1
            && name
                .split('.')
                .all(|p| p.len() >= 2 && p.chars().all(char::is_alphabetic));
        let symbols = name.contains(['_', '-']) || name.chars().any(char::is_numeric);
        let repeated = counts.get(&lower).copied().unwrap_or(0) >= 2 && !looks_english(&lower);
        let accept = given
            || (strong && !camel)
            || (dotted && !camel)
            || (repeated && !camel && !symbols && !name.contains('.'));
        if accept {
            push_person(text, s, e, facts, out);
        }
    }
}

/// "@alice", "@bob.smith" (but not "@here", npm scopes or decorators).
pub(crate) fn handles(
    det: &Detectors,
    re: &Regex,
    text: &str,
    facts: &mut DocFacts,
    out: &mut Vec<Cand>,
) {
    for c in re.captures_iter(text) {
        let Some(h) = c.name("h") else { continue };
        let rest = &text[h.end()..];
        if rest.starts_with(['/', '(', '@'])
            || (rest.starts_with('.') && rest[1..].starts_with(|ch: char| ch.is_alphanumeric()))
        {
            continue;
        }
        let name = h.as_str();
        let lower = name.to_lowercase();
        if HANDLE_STOP.contains(&lower.as_str())
            || ROLE_WORDS.contains(&lower.as_str())
            || det.is_protected_term(name)
            || lower.contains("team")
            || lower.ends_with("-oncall")
            || lower.ends_with("-sre")
            || lower.ends_with("-ops")
            || lower.ends_with("bot")
            || lower.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        {
            continue;
        }
        // version tags like @v2 or @1.2
        if lower.starts_with('v') && lower[1..].starts_with(|ch: char| ch.is_ascii_digit()) {
            continue;
        }
        facts.lowercase_ok.insert(lower.clone());
        push_person(text, h.start(), h.end(), facts, out);
    }
}

/// "Thanks,\nAlice" and "-- Alice Smith" at the end of a message.
pub(crate) fn sign_offs(
    det: &Detectors,
    re: &Regex,
    text: &str,
    facts: &mut DocFacts,
    out: &mut Vec<Cand>,
) {
    for c in re.captures_iter(text) {
        let Some(g) = c.name("name") else { continue };
        let name = g.as_str();
        let words: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        let ok = words.iter().enumerate().all(|(i, w)| {
            (i > 0 && LISTS.surnames.contains(w))
                || LISTS.given.contains(w)
                || (!is_common_word(w)
                    && !ROLE_WORDS.contains(&w.as_str())
                    && !COMMON_VERBS.contains(&w.as_str()))
        }) && !det.is_protected_term(name)
            && !words
                .iter()
                .any(|w| det.is_protected_term(w) && !LISTS.given.contains(w));
        if ok && !words.is_empty() {
            push_person(text, g.start(), g.end(), facts, out);
        }
    }
}
