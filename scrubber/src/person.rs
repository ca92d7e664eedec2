//! Person-name detection: name lists plus context cues.

use std::collections::{HashMap, HashSet};

use regex::Regex;

use crate::detect::{Detectors, COMMON_VERBS};
use crate::names::{is_common_word, FxMap, LISTS};
use crate::{normalise_key, Cand, DocFacts, Kind};

#[derive(Debug, Clone, Copy, Default)]
struct Tok {
    s: usize,
    e: usize,
    cap: bool,
    allcaps: bool,
    lowercase: bool,
    given: bool,
    /// a given name that is also an ordinary word ("Grace", "Jordan"); not a month
    given_common: bool,
    surname: bool,
    common: bool,
    /// `common` only because the word looks English ("Desrosiers" ends like "carriers")
    guessed_common: bool,
    vocab: bool,
    particle: bool,
    title: bool,
    strong_cue: bool,
    post_cue: bool,
    role: bool,
    single_letter: bool,
    lower_cue: bool,
    /// an English word, or a compound of English words ("higher-level")
    english: bool,
    /// a role noun written before a name ("technician", "RN")
    appos_role: bool,
    /// first word of a two-word place ("San", "Hong")
    place_first: bool,
}

/// Capitalised like a name: one capital, then lowercase, except after a hyphen, an
/// apostrophe or a Mc/Mac prefix ("Soo-ah", "O'Brien", "McAllister"; not "USGov", "Multi-AZ").
pub(crate) fn name_shaped(word: &str) -> bool {
    let mut prev: Option<char> = None;
    for (i, c) in word.char_indices() {
        if c.is_uppercase() && i > 0 {
            let after_joiner = matches!(prev, Some('-' | '\'' | '’'));
            let after_prefix = matches!(&word[..i], "Mc" | "Mac" | "Fitz");
            let next_lower = word[i + c.len_utf8()..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            if !(after_joiner || after_prefix) || !next_lower {
                return false;
            }
        }
        prev = Some(c);
    }
    true
}

/// Requests after "Name, " that make the name an addressee.
const VOCATIVE_REQUESTS: &[&str] = &[
    "can you",
    "could you",
    "can u",
    "would you",
    "will you",
    "please",
    "pls",
    "plz",
    "mind ",
    "are you",
    "did you",
    "have you",
    "any chance",
    "thoughts",
    "fyi",
    "thanks",
    "thank you",
    "do you",
    "does ",
    "is ",
];

/// First words of two-word place names ("San Jose", "Los Angeles", "Hong Kong").
const PLACE_FIRST_WORDS: &[&str] = &[
    "san",
    "santa",
    "santo",
    "são",
    "sao",
    "los",
    "las",
    "el",
    "la",
    "le",
    "les",
    "rio",
    "río",
    "porto",
    "puerto",
    "costa",
    "buenos",
    "tel",
    "kuala",
    "abu",
    "sri",
    "addis",
    "ho",
    "phnom",
    "dar",
    "nizhny",
    "cabo",
    "sierra",
    "burkina",
    "saint",
    "st",
    "hong",
    "baton",
    "belo",
    "ciudad",
    "nuevo",
    "nueva",
    "viet",
    "ras",
    "al",
    "bandar",
    "petaling",
    "shah",
    "kota",
    "johor",
    "frankfurt",
    "bad",
    "sankt",
    "den",
    "het",
    "port",
    "fort",
    "mount",
    "lake",
    "new",
    "north",
    "south",
    "east",
    "west",
    "upper",
    "lower",
    "greater",
    "central",
    "tbilisi",
    "baden",
    "kyiv",
    "nur",
    "ulan",
    "ulaan",
    "chiang",
    "tegucigalpa",
    "jeddah",
];

/// Two-word place names whose words are both unknown to the dictionary.
const TWO_WORD_PLACES: &[&str] = &[
    "Hong Kong",
    "Los Angeles",
    "San Francisco",
    "San Diego",
    "San Jose",
    "Las Vegas",
    "New York",
    "New Delhi",
    "Rio de Janeiro",
    "Sao Paulo",
    "São Paulo",
    "Tel Aviv",
    "Kuala Lumpur",
    "Abu Dhabi",
    "Sri Lanka",
    "Costa Rica",
    "Puerto Rico",
    "Addis Ababa",
    "Phnom Penh",
    "Buenos Aires",
    "Dar es Salaam",
    "Ho Chi Minh",
    "Sao Paulo",
    "São Paulo",
    "Porto Alegre",
    "Belo Horizonte",
    "Nizhny Novgorod",
    "Cabo Verde",
    "Sierra Leone",
    "Burkina Faso",
    "Viet Nam",
    "Tbilisi Georgia",
    "Rio Grande",
    "Baden Baden",
    "Kyiv Oblast",
    "Nur Sultan",
    "Ulan Bator",
    "Ulaan Baatar",
    "Chiang Mai",
    "Ciudad Juarez",
    "Tegucigalpa Honduras",
    "Jeddah Saudi",
];

/// Words before a lowercase given name in informal chat ("covering for olumide").
const LOWER_NAME_CUES: &[&str] = &[
    "for", "ask", "asked", "tell", "told", "with", "ping", "pinged", "thank", "thanks", "thx",
    "and", "or", "by", "to", "from", "cc", "call", "called", "page", "paged", "dm", "via", "sorry",
];

const LOWER_CUES: &[&str] = &[
    "pinged", "ping", "pinging", "paged", "paging", "cc", "cc'd", "ccd", "cced", "dmed", "dm'd",
    "dm", "messaged", "thanks", "thx", "ty", "hi", "hey", "ask", "asking", "asked", "tell",
    "telling", "told", "remind", "thank",
];

/// Suffixes of ordinary English words; a capitalised unknown word ending so is a heading
/// word ("Engineers", "Monitoring", "Authentication"), not a name.
/// Syllables of Hanyu Pinyin without tones (a few non-syllables too: they only make more
/// unknown words read as names).
fn pinyin_syllable(s: &str) -> bool {
    const INITIALS: &[&str] = &[
        "zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x",
        "r", "z", "c", "s", "y", "w", "",
    ];
    const FINALS: &[&str] = &[
        "iang", "iong", "uang", "ueng", "ang", "eng", "ing", "ong", "iao", "ian", "uai", "uan",
        "ai", "ei", "ao", "ou", "an", "en", "in", "un", "er", "ia", "ie", "iu", "ua", "uo", "ui",
        "ve", "a", "o", "e", "i", "u",
    ];
    INITIALS.iter().any(|i| {
        s.strip_prefix(i)
            .is_some_and(|f| !f.is_empty() && FINALS.contains(&f))
    })
}

/// Syllables of romanised Korean and Cantonese given names ("Ji-hoon", "Seo-yeon",
/// "Ka-wing", "Hye-jin"), beside those of Pinyin.
fn korean_or_cantonese_syllable(s: &str) -> bool {
    const SYLLABLES: &[&str] = &[
        // Korean (Revised Romanization and common older spellings)
        "ji", "hoon", "hun", "seo", "yeon", "yun", "hye", "jin", "min", "jun", "joon", "woo",
        "young", "yeong", "soo", "su", "hyun", "hyeon", "eun", "ha", "na", "hee", "hui", "sung",
        "seong", "sang", "seung", "kyung", "gyeong", "jae", "jeong", "jung", "dong", "won", "ho",
        "hyuk", "hwan", "kwon", "tae", "yoon", "yeong", "bin", "bo", "ra", "rin", "mi", "ae",
        "kyu", "gyu", "chul", "cheol", "il", "in", "yong", "seok", "suk", "hwa", "ok", "sun", "ye",
        "da", "yu", "ah", "yeol", "gi", "ki", "nam", "uk", "oh",
        // Cantonese (Hong Kong Government romanisation)
        "ka", "man", "wing", "wai", "chi", "kit", "yan", "lok", "ming", "fai", "kin", "ching",
        "chun", "kwok", "kwan", "siu", "mei", "yee", "hoi", "tsz", "shing", "hin", "pui", "sze",
        "yiu", "lai", "keung", "kei", "fung", "hang", "tak", "wah", "yin", "hung", "kuen", "cheuk",
        "ngai", "tsun", "yuen", "lun", "choi",
    ];
    SYLLABLES.contains(&s) || pinyin_syllable(s)
}

/// A hyphenated East Asian given name: two syllables, the first capitalised in the text
/// ("Ji-hoon", "Ka-wing"); `l` is lowercase.
pub(crate) fn hyphenated_east_asian_given(l: &str) -> bool {
    let Some((a, b)) = l.split_once('-') else {
        return false;
    };
    (2..=5).contains(&a.len())
        && (2..=6).contains(&b.len())
        && l.is_ascii()
        && a != b
        && korean_or_cantonese_syllable(a)
        && korean_or_cantonese_syllable(b)
        && !(is_english_word(a) && is_english_word(b))
        && !is_english_word(l)
        && !matches!(
            l,
            "wi-fi" | "hi-fi" | "yin-yang" | "ping-pong" | "ha-ha" | "hi-hat"
        )
        && !matches!(
            a,
            "re" | "co"
                | "de"
                | "un"
                | "in"
                | "ex"
                | "bi"
                | "on"
                | "up"
                | "no"
                | "go"
                | "so"
                | "to"
                | "do"
                | "me"
        )
}

/// Two or three Pinyin syllables in one word ("xiaoling", "jianming"): a Chinese given name,
/// whatever English suffix it ends with.
pub(crate) fn pinyin_name(l: &str) -> bool {
    fn split(s: &str, parts: usize) -> bool {
        if s.is_empty() {
            return parts >= 2;
        }
        if parts == 3 {
            return false;
        }
        (1..=s.len().min(6))
            .rev()
            .any(|k| s.is_char_boundary(k) && pinyin_syllable(&s[..k]) && split(&s[k..], parts + 1))
    }
    l.len() >= 5 && l.is_ascii() && split(l, 0)
}

pub(crate) fn looks_english(l: &str) -> bool {
    const SUFFIXES: &[&str] = &[
        "tion", "sion", "ment", "ness", "ity", "ing", "ings", "ers", "ors", "ies", "ics", "ance",
        "ence", "able", "ible", "ous", "ive", "ful", "less", "ship", "ware", "ism", "ized", "ised",
        "ize", "ise", "ated", "ting", "ally", "ency", "ancy", "ists", "ents", "ants", "ures",
        "ages", "ables", "ations", "ology", "graphy", "meter", "scope", "ward", "wards", "wise",
        "like", "ment", "ered", "ened",
    ];
    let n = if l.is_ascii() {
        l.len()
    } else {
        l.chars().count()
    };
    if n < 4 {
        return false;
    }
    // every suffix ends in one of these letters: most names are out at one comparison
    let suffix_end = l.as_bytes().last().is_some_and(|b| {
        matches!(
            b,
            b'n' | b't' | b's' | b'y' | b'g' | b'e' | b'l' | b'p' | b'm' | b'd' | b'r'
        )
    });
    if suffix_end && SUFFIXES.iter().any(|s| l.ends_with(s) && n > s.len() + 2) {
        // "Xiaoling" and "Jianming" end like "routing"
        return !(l.ends_with("ing") && !is_english_word(l) && pinyin_name(l));
    }
    // plurals: "runners", "mixers", "quirks" (of a word: "Frans", "Kristaps" are names)
    if l.ends_with('s')
        && !l.ends_with("ss")
        && !l.ends_with("us")
        && !l.ends_with("is")
        && !l.ends_with("os")
        && !l.ends_with("as")
        && !l.ends_with("es")
    {
        let stem = &l[..l.len() - 1];
        // short stems are acronyms more often than names: "VIPs", "ISPs"
        return stem.len() <= 3
            || word_class(stem) & (W_ENGLISH | W_COMMON) != 0
            || looks_english(stem);
    }
    l.ends_with("ces")
        || l.ends_with("ses")
        || l.ends_with("tes")
        || l.ends_with("res")
        || l.ends_with("les")
        || l.ends_with("nes")
        || l.ends_with("ges")
}

pub(crate) const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "von", "da", "di", "du", "del", "della", "la", "le", "bin", "binti",
    "ibn", "al", "el", "dos", "das", "do", "ter", "ten", "zu", "y", "st", "mac", "mc", "o'", "ní",
    "nic", "ó", "ua", "bint", "binte", "ben", "ap", "dei", "degli", "e",
];

pub(crate) const TITLES: &[&str] = &[
    // counter and desk trades written before a name: "Teller Agnieszka Wójcik"
    "teller",
    "cashier",
    "clerk",
    "dispatcher",
    "dra",
    "sra",
    "srta",
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
    "hr",
    "heer",
    "mevrouw",
    "mevr",
    "dhr",
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
    "pinging",
    "paging",
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
    "thanked",
    "escalated",
    "woke",
    "looped",
    "tagged",
    "mentioned",
    "thank",
    "looping",
    "loop",
    "emailing",
    "messaging",
];

/// Cues that also precede ordinary capitalised words ("tell Legal"): strong cues too (the word
/// table holds both lists), but after them an unknown word must be no English word.
const WEAK_STRONG_CUES: &[&str] = &[
    "tell",
    "telling",
    "ask",
    "asked",
    "told",
    "remind",
    "reminded",
    "call",
    "notify",
    "notified",
    "notifying",
    "asking",
    "contacted",
    "contacting",
    "calling",
];

/// Verbs of "<verb> to <Name>": "escalated to Debashish Roy", "handed over to Mele".
const TO_VERBS: &[&str] = &[
    "escalated",
    "escalate",
    "escalating",
    "escalation",
    "handed",
    "over",
    "assigned",
    "reassigned",
    "forwarded",
    "passed",
    "transferred",
    "went",
    "routed",
    "sent",
    "talked",
    "spoke",
    "spoken",
    "speaking",
    "talking",
    "replied",
    "reply",
    "wrote",
    "writing",
    "handover",
];

/// Verbs after a name that also follow product names ("Storage rolled over", "Lambdas
/// checked"): they make a person only of a listed given name.
const WEAK_POST_CUES: &[&str] = &[
    "fixed",
    "reverted",
    "found",
    "checked",
    "investigated",
    "updated",
    "rolled",
    "looked",
    "evaluated",
    "reviewed",
    "restarted",
    "deployed",
    "merged",
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
    "wants",
    "needs",
    "reckons",
    "agreed",
    "signed",
    "owns",
    "knows",
    "rotated",
    "promised",
    "tested",
    "traced",
    "spotted",
    "discovered",
    "realised",
    "realized",
    "volunteered",
    "explained",
    "recommended",
    "decided",
    "apologised",
    "apologized",
    "emailed",
    "messaged",
    "texted",
    "phoned",
];

const POSSESSIVE_NOUNS: &[&str] = &[
    "algo",
    "hotfix",
    "flag",
    "cron",
    "dashboard",
    "runbook",
    "workstation",
    "rotation",
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
    "alert",
    "alerts",
    "rule",
    "rules",
    "design",
    "test",
    "tests",
    "load",
    "job",
    "jobs",
    "pipeline",
    "report",
    "plan",
    "doc",
    "docs",
    "draft",
    "proposal",
    "notebook",
    "model",
    "spreadsheet",
    "calendar",
    "schedule",
    "leave",
    "badge",
    "profile",
    "sandbox",
    "fork",
    "repo",
    "mailbox",
    "inbox",
    "pr's",
    "hunch",
    "theory",
    "question",
    "request",
    "shell",
    "cert",
    "certificate",
    "experiment",
    "benchmark",
    "tooling",
    "setup",
    "work",
    "name",
    "original",
    "initial",
    "earlier",
    "latest",
    "last",
    "first",
    "new",
    "old",
    "own",
];

pub(crate) const ROLE_WORDS: &[&str] = &[
    // German job titles after a name ("Dr. Sabine Krüger, Leiterin Betrieb")
    "leiter",
    "leiterin",
    "schichtleiter",
    "schichtleiterin",
    "sachbearbeiter",
    "sachbearbeiterin",
    "geschäftsführer",
    "geschäftsführerin",
    "oberarzt",
    "oberärztin",
    "chefarzt",
    "chefärztin",
    "stationsleitung",
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

/// Mail headers in other languages ("Betreff:", "Onderwerp:", "Asunto:"): a one-word label
/// only, since "van", "an" and "do" are also parts of names ("nguyen van an:").
const FOREIGN_MAIL_HEADERS: &[&str] = &[
    "von",
    "an",
    "betreff",
    "datum",
    "gesendet",
    "kopie",
    "van",
    "aan",
    "onderwerp",
    "verzonden",
    "objet",
    "envoyé",
    "para",
    "asunto",
    "fecha",
    "enviado",
    "assunto",
    "enviada",
    "oggetto",
    "inviato",
    "od",
    "do",
    "temat",
    "wysłano",
    "från",
    "till",
    "ämne",
    "skickat",
    "fra",
    "til",
    "emne",
    "sendt",
    "dato",
    "lähettäjä",
    "vastaanottaja",
    "aihe",
    "kimden",
    "kime",
    "konu",
    "tarih",
    "komu",
    "předmět",
];

const LABEL_STOP: &[&str] = &[
    // form labels of other languages after a time ("07:15  Ursache: …", "16:25  Przyczyna: …")
    "ursache",
    "ursachen",
    "maßnahme",
    "maßnahmen",
    "massnahme",
    "massnahmen",
    "befund",
    "ergebnis",
    "ablauf",
    "auswirkung",
    "auswirkungen",
    "beschreibung",
    "zusammenfassung",
    "hinweis",
    "meldung",
    "störung",
    "fehler",
    "nacharbeit",
    "sofortmaßnahme",
    "lösung",
    "bemerkung",
    "przyczyna",
    "przyczyny",
    "skutek",
    "skutki",
    "działanie",
    "działania",
    "opis",
    "wnioski",
    "uwagi",
    "zalecenia",
    "causa",
    "causas",
    "acción",
    "acciones",
    "medida",
    "medidas",
    "descripción",
    "resumen",
    "conclusión",
    "impacto",
    "solución",
    "observación",
    "ação",
    "ações",
    "correção",
    "correções",
    "resumo",
    "descrição",
    "conclusão",
    "solução",
    "observação",
    "cause",
    "causes",
    "mesure",
    "mesures",
    "conséquence",
    "conséquences",
    "résumé",
    "constat",
    "solution",
    "remarque",
    "azione",
    "azioni",
    "descrizione",
    "riepilogo",
    "conclusione",
    "soluzione",
    "osservazione",
    "oorzaak",
    "oorzaken",
    "maatregel",
    "maatregelen",
    "gevolg",
    "gevolgen",
    "oplossing",
    "actie",
    "acties",
    "samenvatting",
    "beschrijving",
    "opmerking",
    "orsak",
    "åtgärd",
    "åtgärder",
    "konsekvens",
    "sammanfattning",
    "beskrivning",
    "lösning",
    "sebep",
    "neden",
    "etki",
    "çözüm",
    "aksiyon",
    "sonuç",
    "açıklama",
    "özet",
    "příčina",
    "opatření",
    "popis",
    "závěr",
    "řešení",
    "dopad",
    "penyebab",
    "tindakan",
    "dampak",
    "kesimpulan",
    "ringkasan",
    "solusi",
    "catatan",
    // "08:12 Uhr: Jira reagiert nicht": the clock's word after a time
    "uhr",
    "hrs",
    "utc",
    // ticket and form fields
    "assignee",
    "assignees",
    "assigned",
    "requester",
    "requestor",
    "requested",
    "approvers",
    "approved",
    "watcher",
    "watchers",
    "creator",
    "resolver",
    "escalated",
    "closed",
    "opened",
    "submitter",
    "submitted",
    "sprint",
    "component",
    "components",
    "resolved by",
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

/// A letter without its accent ("č" -> "c"); other characters as they are.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'ạ' | 'ả' | 'ă' | 'ắ' | 'ằ' | 'ẳ' | 'ẵ' | 'ặ'
        | 'ấ' | 'ầ' | 'ẩ' | 'ẫ' | 'ậ' | 'ą' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ę' | 'ẹ' | 'ẻ' | 'ẽ' | 'ế' | 'ề' | 'ể' | 'ễ' | 'ệ' | 'ě' => {
            'e'
        }
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ị' | 'ỉ' | 'ĩ' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'ọ' | 'ỏ' | 'ố' | 'ồ' | 'ổ' | 'ỗ' | 'ộ' | 'ơ'
        | 'ớ' | 'ờ' | 'ở' | 'ỡ' | 'ợ' | 'ő' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ụ' | 'ủ' | 'ũ' | 'ư' | 'ứ' | 'ừ' | 'ử' | 'ữ' | 'ự' | 'ů'
        | 'ű' => 'u',
        'ý' | 'ỳ' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
        'đ' | 'ď' => 'd',
        'ř' => 'r',
        'ť' => 't',
        'ñ' | 'ń' => 'n',
        'ç' | 'ć' | 'č' => 'c',
        'ś' | 'š' | 'ş' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ğ' => 'g',
        'ı' => 'i',
        other => other,
    }
}

/// `s` with the accents of its letters taken off ("kovač" -> "kovac").
pub(crate) fn fold_ascii(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

/// "maría" -> "maria" when the folded form is what the lists hold.
pub(crate) fn fold_accents(buf: &mut String) {
    if LISTS.given.contains(buf.as_str()) || LISTS.surnames.contains(buf.as_str()) {
        return;
    }
    let folded: String = buf.chars().map(fold_char).collect();
    if LISTS.given.contains(&folded) || LISTS.surnames.contains(&folded) {
        *buf = folded;
    }
}

fn lower_into(buf: &mut String, s: &str) {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
        return;
    }
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
        let (mut rest_has_lower, mut rest_has_upper) = (false, false);
        let rest = &word[c.len_utf8()..];
        if rest.is_ascii() {
            for b in rest.bytes() {
                rest_has_lower |= b.is_ascii_lowercase();
                rest_has_upper |= b.is_ascii_uppercase();
            }
        } else {
            for ch in rest.chars() {
                rest_has_lower |= ch.is_lowercase();
                rest_has_upper |= ch.is_uppercase();
            }
        }
        let one_char = rest.is_empty();
        // "HMIs", "PLCs": the plural of an acronym is no capitalised name
        let acronym_plural = word.len() >= 3
            && word.ends_with('s')
            && word[..word.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_uppercase());
        t.cap = first_upper && (rest_has_lower || one_char) && !acronym_plural;
        t.allcaps = first_upper && (!rest_has_lower || acronym_plural) && !one_char;
        t.lowercase = !first_upper && !rest_has_upper;
        t.single_letter = one_char && first_upper;
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
        let f = word_class(l);
        let _ = det;
        t.common = f & W_COMMON != 0;
        t.given = f & W_GIVEN != 0
            || (l.contains('-')
                && (l.split('-').all(|p| LISTS.given.contains(p))
                    || (first_upper
                        && rest_has_lower
                        && !rest_has_upper
                        && hyphenated_east_asian_given(l))));
        t.given_common = !t.given && f & W_GIVEN_COMMON != 0 && f & W_MONTH == 0;
        t.surname = f & W_SURNAME != 0
            || (l.contains('-') && l.split('-').all(|p| LISTS.surnames.contains(p)));
        t.vocab = f & W_VOCAB != 0;
        t.particle = f & W_PARTICLE != 0;
        t.title = f & W_TITLE != 0;
        t.strong_cue = f & W_STRONG_CUE != 0;
        t.post_cue = f & W_POST_CUE != 0;
        t.role = f & W_ROLE != 0;
        t.lower_cue = f & W_LOWER_CUE != 0;
        t.appos_role = f & W_APPOS_ROLE != 0;
        t.place_first = f & W_PLACE_FIRST != 0;
        t.english = f & W_ENGLISH != 0
            || (l.contains('-')
                && l.split('-')
                    .all(|p| p.is_empty() || word_class(p) & (W_ENGLISH | W_COMMON) != 0));
        // unknown words that look like ordinary English are treated as common words (only
        // capitalised words and words after a cue are ever judged on it)
        let judged = first_upper
            || toks
                .last()
                .is_some_and(|p: &Tok| p.strong_cue || p.lower_cue || p.e + 2 >= s && p.title);
        if judged && !t.given && !t.surname && !t.common && looks_english(l) {
            t.common = true;
            t.guessed_common = true;
        }
        // camelCase identifiers are code, not names ("McDonald", "O'Brien", "Laurent-Duval" are names)
        if first_upper && rest_has_upper && rest_has_lower && is_camel(word) {
            t.cap = false;
            t.given = false;
            t.surname = false;
        }
        toks.push(t);
    }
    toks
}

const W_COMMON: u16 = 1;
const W_GIVEN: u16 = 1 << 1;
const W_GIVEN_COMMON: u16 = 1 << 2;
const W_SURNAME: u16 = 1 << 3;
const W_VOCAB: u16 = 1 << 4;
const W_PARTICLE: u16 = 1 << 5;
const W_TITLE: u16 = 1 << 6;
const W_STRONG_CUE: u16 = 1 << 7;
const W_POST_CUE: u16 = 1 << 8;
const W_ROLE: u16 = 1 << 9;
const W_LOWER_CUE: u16 = 1 << 10;
const W_MONTH: u16 = 1 << 11;
const W_ENGLISH: u16 = 1 << 12;
const W_APPOS_ROLE: u16 = 1 << 13;
const W_PLACE_FIRST: u16 = 1 << 14;

/// A word's key in [`WORD_CLASS`]: a 64-bit hash (FNV-1a, then the SplitMix64 finaliser), so
/// that a lookup reads one small bucket and no string (the table has ~70,000 words; two of
/// them, or a token and a word, share a key with odds of about 1 in 10^14).
fn word_key(word: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h ^= h >> 30;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^= h >> 27;
    h = h.wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

/// Every word list the token pass consults, merged into one table: one hash lookup per token.
static WORD_CLASS: once_cell::sync::Lazy<FxMap<u64, u16>> = once_cell::sync::Lazy::new(|| {
    let mut m: FxMap<u64, u16> = FxMap::default();
    let mut add = |w: &str, f: u16| {
        *m.entry(word_key(w)).or_insert(0) |= f;
    };
    for w in crate::names::english_words() {
        add(w, W_ENGLISH);
    }
    for w in &LISTS.common {
        add(w, W_COMMON);
    }
    // "I've asked Mia", "We'll page Joy": a contraction is no name
    for pronoun in [
        "i", "we", "you", "they", "he", "she", "it", "that", "there", "let",
    ] {
        for tail in ["'ve", "'ll", "'re", "'d", "'m", "'s"] {
            let word = format!("{pronoun}{tail}");
            add(&word, W_ENGLISH | W_COMMON);
            add(&word.replace('\'', "\u{2019}"), W_ENGLISH | W_COMMON);
        }
    }
    for w in &LISTS.given {
        add(w, W_GIVEN);
    }
    for w in &LISTS.given_common {
        add(w, W_GIVEN_COMMON);
    }
    for w in &LISTS.surnames {
        add(w, W_SURNAME);
    }
    for w in crate::vocabulary::Vocabulary::builtin().lowercase_terms() {
        add(w, W_VOCAB);
    }
    for w in crate::detect::PUBLIC_VENDORS {
        add(w, W_VOCAB);
    }
    for (list, f) in [
        (PARTICLES, W_PARTICLE),
        (TITLES, W_TITLE),
        (STRONG_CUES, W_STRONG_CUE),
        (WEAK_STRONG_CUES, W_STRONG_CUE),
        (POST_CUES, W_POST_CUE),
        (ROLE_WORDS, W_ROLE),
        (COMMON_VERBS, W_ROLE),
        (LOWER_CUES, W_LOWER_CUE),
        (MONTH_WORDS, W_MONTH),
        (APPOSITION_ROLES, W_APPOS_ROLE),
        (ROLE_ABBREVIATIONS, W_APPOS_ROLE),
        (PLACE_FIRST_WORDS, W_PLACE_FIRST),
    ] {
        for w in list {
            add(w, f);
            // tokens are looked up without accents ("Ní" as "ni")
            if !w.is_ascii() {
                let mut folded = w.to_string();
                fold_accents(&mut folded);
                add(&folded, f);
            }
        }
    }
    m
});

/// `word` (lowercase) right after a name makes the name its subject ("Joy was paged",
/// "Mark fixed it"): the post-cue verbs of the token pass, their weak kin and auxiliaries.
pub(crate) fn verb_after_name(word: &str) -> bool {
    word_class(word) & W_POST_CUE != 0
        || WEAK_POST_CUES.contains(&word)
        || matches!(
            word,
            "was"
                | "is"
                | "has"
                | "had"
                | "did"
                | "will"
                | "would"
                | "could"
                | "can"
                | "to"
                | "and"
                | "who"
                | "also"
                | "then"
                | "got"
                | "took"
                | "made"
                | "found"
        )
}

/// `rest`, the text after a name that is also a word ("Rose", "Bill", "Summer") at a
/// sentence start, makes it a person acting: a verb of the name's subject ("Rose moved the
/// constraint", "Bill first noticed"), or a possessive ("Summer's change").
pub(crate) fn acts_after_name(rest: &str) -> bool {
    if rest.starts_with("'s ") || rest.starts_with("’s ") {
        return true;
    }
    let mut words = rest.split([' ', '\t']).filter(|w| !w.is_empty()).map(|w| {
        w.chars()
            .take_while(|c| c.is_alphabetic())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    });
    let Some(mut word) = words.next() else {
        return false;
    };
    if matches!(
        word.as_str(),
        "first"
            | "then"
            | "also"
            | "quickly"
            | "later"
            | "immediately"
            | "finally"
            | "already"
            | "just"
            | "never"
            | "manually"
            | "eventually"
    ) {
        match words.next() {
            Some(w) => word = w,
            None => return false,
        }
    }
    // a verb in the past tense: "moved", "noticed", "rolled" (not "red", "bed")
    let past = word.len() >= 5 && word.ends_with("ed") && is_english_word(&word);
    verb_after_name(&word) || past
}

/// `word` (lowercase) after a name is a verb only people do ("said", "approved", "paged"),
/// never one that products take too ("was", "restarted").
pub(crate) fn speech_verb_after_name(word: &str) -> bool {
    word_class(word) & W_POST_CUE != 0 && !WEAK_POST_CUES.contains(&word)
}

/// Flags of a lowercase word (0 when in no list).
fn word_class(lower: &str) -> u16 {
    WORD_CLASS.get(&word_key(lower)).copied().unwrap_or(0)
}

/// `lower` (lowercase) is an ordinary English word or a regular inflection of one.
pub(crate) fn is_english_word(lower: &str) -> bool {
    word_class(lower) & W_ENGLISH != 0
}

/// Build the token table ahead of the first request.
pub(crate) fn warm_up() {
    let _ = WORD_CLASS.len();
}

pub(crate) const MONTH_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// An inner capital that follows a lowercase letter, except after name prefixes
/// (Mc, Mac, De, Di, La, Le, Van, Von) or across a hyphen or apostrophe.
fn is_camel(word: &str) -> bool {
    let mut prev: Option<char> = None;
    for (i, c) in word.char_indices() {
        if c.is_uppercase() && prev.is_some_and(char::is_lowercase) {
            let prefix = &word[..i];
            if !matches!(
                prefix,
                "Mc" | "Mac" | "De" | "Di" | "Da" | "La" | "Le" | "Van" | "Von" | "Fitz"
            ) {
                return true;
            }
        }
        prev = Some(c);
    }
    false
}

/// Verbs of "<verb> by <Name>": "owned by Quilla Ashgrove", "reviewed by Tavish".
const BY_VERBS: &[&str] = &[
    "owned",
    "reported",
    "approved",
    "written",
    "authored",
    "reviewed",
    "led",
    "handled",
    "fixed",
    "signed",
    "merged",
    "raised",
    "opened",
    "filed",
    "acknowledged",
    "triaged",
    "caught",
    "noticed",
    "investigated",
    "coordinated",
    "run",
    "ran",
    "performed",
    "done",
    "made",
    "submitted",
    "created",
    "prepared",
    "reverted",
    "discovered",
    "spotted",
    "found",
    "escalated",
    "paged",
    "interviewed",
    "trained",
    "supervised",
    "relieved",
    "pushed",
    "changed",
    "modified",
    "edited",
    "added",
    "removed",
    "deleted",
    "committed",
    "assigned",
    "covered",
    "taken",
    "entered",
];

/// Verbs of "<verb> by <Name>" that systems do too ("triggered by Conditional Access",
/// "disabled by Group Policy"): the name must not be made of English words.
const SYSTEM_BY_VERBS: &[&str] = &[
    "disabled",
    "enabled",
    "configured",
    "restarted",
    "closed",
    "resolved",
    "cancelled",
    "canceled",
    "initiated",
    "triggered",
    "authorised",
    "authorized",
    "installed",
    "patched",
    "loaded",
    "requested",
    "confirmed",
    "verified",
    "checked",
    "tested",
    "drafted",
    "compiled",
    "flagged",
    "updated",
    "deployed",
    "rebooted",
    "replaced",
    "rotated",
];

/// Role nouns that introduce a name as an apposition: "the student pilot, Tavish Ormsby,".
/// Short role titles written before a name ("RN Kowalczyk", "FO Haidari").
const ROLE_ABBREVIATIONS: &[&str] = &["rn", "lpn", "np", "fo", "cpt", "capt", "sgt", "insp"];

const APPOSITION_ROLES: &[&str] = &[
    "secondary",
    "primary",
    "radiographer",
    "sonographer",
    "phlebotomist",
    "adjuster",
    "auditor",
    "locum",
    "registrar",
    "porter",
    "clerk",
    "teller",
    "cashier",
    "purser",
    "dispatcher",
    "fitter",
    "welder",
    "electrician",
    "machinist",
    "planner",
    "scheduler",
    "pilot",
    "captain",
    "officer",
    "nurse",
    "doctor",
    "physician",
    "surgeon",
    "pharmacist",
    "engineer",
    "technician",
    "operator",
    "supervisor",
    "manager",
    "controller",
    "dispatcher",
    "mechanic",
    "inspector",
    "analyst",
    "developer",
    "administrator",
    "admin",
    "lead",
    "agent",
    "driver",
    "worker",
    "resident",
    "intern",
    "therapist",
    "paramedic",
    "midwife",
    "attendant",
    "steward",
    "stewardess",
    "planner",
    "electrician",
    "welder",
    "foreman",
    "contractor",
    "consultant",
    "director",
    "architect",
    "owner",
    "reporter",
    "commander",
    "student",
];

fn looks_english_tok(text: &str, t: &Tok) -> bool {
    looks_english(&text[t.s..t.e].to_lowercase())
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
        register_name_tokens(&key, facts);
    } else if let Some(w) = words.first() {
        facts.person_singles.push((*w).to_string());
        if name.chars().next().is_some_and(char::is_lowercase) {
            facts.lowercase_ok.insert((*w).to_string());
        }
    }
    out.push(Cand::new(s, e, Kind::Person).key(key));
}

/// The first and last words of a person's name of several words (`key`, normalised) stand
/// for that person wherever they appear alone later in the document.
pub(crate) fn register_name_tokens(key: &str, facts: &mut DocFacts) {
    let words: Vec<&str> = key.split_whitespace().collect();
    if words.len() < 2 {
        return;
    }
    // "Alejandro Gutiérrez Sanz": the middle words of a longer name are surnames (or middle
    // names) that stand for the person alone too
    let middle = if words.len() >= 3 {
        &words[1..words.len() - 1]
    } else {
        &[][..]
    };
    for w in [words.first(), words.last()]
        .into_iter()
        .flatten()
        .chain(middle.iter())
    {
        let w = w.trim_end_matches(['.', ',']);
        // a given name that is also a word ("Joy", "Mark") is registered too: the dictionary
        // takes it only capitalised, and not to open a sentence unless a verb follows
        let word_name = is_common_word(w) && LISTS.given_common.contains(w);
        // (not "banco" of a firm's "Banco Serrano" read as a person)
        let org_prefix = crate::detect::ORG_PREFIX_WORDS.contains(w);
        if w.chars().count() >= 2
            && (!is_common_word(w) || word_name)
            && !org_prefix
            && !PARTICLES.contains(&w)
            && crate::detect::month_index(w).is_none()
        {
            facts.person_tokens.push((w.to_string(), key.to_string()));
        }
    }
    // The whole name wherever it recurs, even when a word of it is no name alone ("Victoria
    // Adebayo" in the signature after the "From:" line); "TAYLOR, GRACE" with its comma. Not a
    // company's name read as a person's: the dots of a legal form ("polmedica s.a.") or a
    // letter cut off from one ("aeroandes s" of "Aeroandes S.A.").
    let cut_company = key.contains('.') || words.iter().any(|w| w.chars().count() < 2);
    if key.contains(", ") || !cut_company {
        facts.person_tokens.push((key.to_string(), key.to_string()));
    }
    // "Yannick Le Gall" … "Le Gall a déclaré": the surname with its particles
    let particles = words[1..words.len() - 1]
        .iter()
        .rev()
        .take_while(|w| PARTICLES.contains(w))
        .count();
    if particles > 0 {
        let surname = words[words.len() - 1 - particles..].join(" ");
        facts.person_tokens.push((surname, key.to_string()));
    }
}

/// Words of kinship a Vietnamese speaker puts before a given name ("anh Huy", "chị Lan").
const VIETNAMESE_KINSHIP: &[&str] = &[
    "anh", "chị", "em", "cô", "chú", "bác", "ông", "bà", "bạn", "cháu", "thầy", "cậu", "dì",
];

/// Text in Vietnamese: a dozen of the letters only Vietnamese writes (ơ, ư, đ, ă and the
/// stacked tone marks of Latin Extended Additional).
fn vietnamese_text(text: &str) -> bool {
    text.chars()
        .filter(|&c| {
            matches!(
                c as u32,
                0x1EA0
                    ..=0x1EF9
                        | 0x01A0
                        | 0x01A1
                        | 0x01AF
                        | 0x01B0
                        | 0x0110
                        | 0x0111
                        | 0x0102
                        | 0x0103
            )
        })
        .take(12)
        .count()
        >= 12
}

/// Text in German: three or more of its everyday function words.
fn german_text(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "und", "der", "die", "das", "nicht", "mit", "ist", "wurde", "wir", "auf", "für", "ein",
        "eine", "den", "dem", "im", "am", "zu", "bei", "sich", "auch", "wird", "nach",
    ];
    let mut seen = 0u32;
    for w in text.split(|c: char| !c.is_alphabetic()) {
        if let Some(k) = WORDS.iter().position(|x| *x == w) {
            seen |= 1 << k;
            if seen.count_ones() >= 3 {
                return true;
            }
        }
    }
    false
}

/// Extend a person span with a following surname-like token: "Alice" + " Smith".
fn extend_surname(text: &str, toks: &[Tok], j: usize) -> usize {
    // up to three more name words, across particles: "Gustavo Henrique dos Santos",
    // "Itzel Ramírez Cuevas", "Siobhán Ní Bhriain"
    let mut last = j;
    let mut k = j + 1;
    let mut extra = 0;
    // "Aoife Ní" + "Bhriain": the name may already end in a particle
    let mut after_particle = toks.get(j).is_some_and(|t| t.particle);
    while extra < 3 {
        let (Some(a), Some(b)) = (toks.get(k - 1), toks.get(k)) else {
            break;
        };
        if !space_gap(text, a, b) {
            break;
        }
        if b.particle && b.e - b.s <= 4 {
            after_particle = true;
            k += 1;
            continue;
        }
        // Catalan and Spanish join two surnames: "Jaume Ferrer i Puig", "Ortega y Gasset"
        let joiner = matches!(&text[b.s..b.e], "i" | "y")
            && k > j
            && toks.get(k + 1).is_some_and(|c| {
                space_gap(text, b, c) && c.cap && !c.allcaps && !c.vocab && !c.role && !c.title
            });
        if joiner {
            after_particle = true;
            k += 1;
            continue;
        }
        // after "dos", "van der", "Ní" any capitalised word is the surname
        // right after a first name, a word that only looks English is a surname too
        // ("Valérie Desrosiers")
        let unknown = !b.vocab
            && (after_particle
                || (!b.common || (extra == 0 && b.guessed_common && !b.english))
                    && (extra == 0 || !b.english));
        after_particle = false;
        // "Shevchenko Hb 133": two letters are a name only when listed ("Lee Ng")
        let short_unlisted = b.e - b.s <= 2 && !b.surname && !b.given;
        if !(b.cap && !b.allcaps && !b.role && !b.title && (b.surname || b.given || unknown))
            || short_unlisted
        {
            break;
        }
        last = k;
        k += 1;
        extra += 1;
    }
    last
}

/// Verbs of "<verb> in <Name>": "looping in Aviaja".
const LOOP_IN_VERBS: &[&str] = &[
    "looping", "loop", "looped", "bringing", "bring", "brought", "roping", "roped", "pulling",
    "pulled",
];

/// Verbs of action items: "(3) Iñaki to schedule a game day".
const ACTION_VERBS: &[&str] = &[
    "add",
    "schedule",
    "review",
    "update",
    "write",
    "fix",
    "investigate",
    "follow",
    "check",
    "confirm",
    "document",
    "own",
    "create",
    "draft",
    "send",
    "contact",
    "share",
    "present",
    "run",
    "lead",
    "coordinate",
    "look",
    "verify",
    "test",
    "raise",
    "file",
    "open",
    "prepare",
    "organise",
    "organize",
    "book",
    "arrange",
    "set",
    "rotate",
    "audit",
    "retrain",
    "train",
    "escalate",
    "chase",
    "ping",
    "email",
    "call",
    "brief",
    "implement",
    "evaluate",
    "assess",
    "propose",
    "monitor",
    "migrate",
    "remove",
    "revoke",
    "replace",
    "order",
    "inspect",
    "recheck",
];

/// Token `i` owns an action item: at the start of an item (line start, bullet, "(3)", "1.",
/// after ";") and followed by "to" and an action verb.
fn action_item_owner(text: &str, toks: &[Tok], i: usize) -> bool {
    let (Some(t), Some(to), Some(v)) = (toks.get(i), toks.get(i + 1), toks.get(i + 2)) else {
        return false;
    };
    if !space_gap(text, t, to)
        || !space_gap(text, to, v)
        || !text[to.s..to.e].eq_ignore_ascii_case("to")
        || !ACTION_VERBS.contains(&text[v.s..v.e].to_lowercase().as_str())
    {
        return false;
    }
    let line_start = text[..t.s].rfind('\n').map_or(0, |p| p + 1);
    let before = text[line_start..t.s].trim_end();
    before.is_empty()
        || before.ends_with([';', ')', '-', '*', '•', ':'])
        || before.ends_with(|c: char| c == '.' && before.len() <= 4)
}

/// Auxiliaries that, followed by a verb of a person's doing, make the word before them a
/// person: "Dinuka has tested it", "Max will remain secondary".
const AUX_VERBS: &[&str] = &[
    "has", "had", "will", "would", "can", "could", "should", "might", "is", "was",
];

/// Verbs after an auxiliary that people do (besides the post cues).
const AUX_FOLLOWERS: &[&str] = &[
    "tested",
    "remain",
    "take",
    "look",
    "check",
    "handle",
    "review",
    "confirm",
    "approve",
    "investigate",
    "follow",
    "lead",
    "cover",
    "own",
    "join",
    "pair",
    "help",
    "coordinate",
    "write",
    "send",
    "call",
    "contact",
    "escalate",
    "sign",
    "verify",
    "already",
    "just",
    "agreed",
    "offered",
    "volunteered",
    "been",
    "on",
    "off",
    "out",
];

/// Token `i` is followed by an auxiliary and a verb of a person's doing.
fn aux_then_verb(text: &str, toks: &[Tok], i: usize) -> bool {
    let (Some(t), Some(aux), Some(v)) = (toks.get(i), toks.get(i + 1), toks.get(i + 2)) else {
        return false;
    };
    if !space_gap(text, t, aux) || !space_gap(text, aux, v) {
        return false;
    }
    let a = text[aux.s..aux.e].to_lowercase();
    let w = text[v.s..v.e].to_lowercase();
    if !AUX_VERBS.contains(&a.as_str()) {
        return false;
    }
    // "was on" / "is out" say where a person is only before "call", "leave", "shift"…
    if matches!(w.as_str(), "on" | "off" | "out" | "been") {
        let Some(x) = toks.get(i + 3) else {
            return false;
        };
        let x = text[x.s..x.e].to_lowercase();
        return matches!(
            x.as_str(),
            "call"
                | "leave"
                | "shift"
                | "holiday"
                | "vacation"
                | "site"
                | "duty"
                | "pto"
                | "sick"
                | "paged"
                | "asked"
                | "told"
                | "notified"
                | "informed"
        );
    }
    // "was updated" is done to it: only an active verb makes a doer
    !matches!(a.as_str(), "is" | "was")
        && (v.post_cue
            || AUX_FOLLOWERS.contains(&w.as_str())
            || WEAK_POST_CUES.contains(&w.as_str()))
}

pub(crate) fn detect_tokens(
    det: &Detectors,
    text: &str,
    facts: &mut DocFacts,
    out: &mut Vec<Cand>,
) {
    let toks = tokenize(text, det);
    let n = toks.len();
    let first_new = out.len();
    let mut german: Option<bool> = None;
    let mut vietnamese: Option<bool> = None;
    let mut i = 0;
    while i < n {
        let t = toks[i];
        let next = toks.get(i + 1);

        // "Hong Kong", "Costa Rica": two-word places are never read as names
        if let Some(nx) = next {
            if t.place_first
                && t.cap
                && space_gap(text, &t, nx)
                && TWO_WORD_PLACES.contains(&&text[t.s..nx.e])
            {
                i += 2;
                continue;
            }
        }

        // East Asian order, family name first: "Park Ji-hoon", "Ho Ka-wing", "Lee Seo-yeon"
        if t.cap && !t.allcaps && (2..=8).contains(&(t.e - t.s)) {
            if let Some(nx) = next {
                let family = &text[t.s..t.e];
                if space_gap(text, &t, nx)
                    && nx.cap
                    && family.is_ascii()
                    && (t.surname || korean_or_cantonese_syllable(&family.to_lowercase()))
                    && hyphenated_east_asian_given(&text[nx.s..nx.e].to_lowercase())
                {
                    push_person(text, t.s, nx.e, facts, out);
                    i += 2;
                    continue;
                }
            }
        }

        // a login made of an initial and a name: "ohassan", "jbautista", "hbrandt"
        if t.lowercase
            && !t.common
            && !t.english
            && !t.vocab
            && !t.given
            && !t.surname
            && (6..=20).contains(&(t.e - t.s))
        {
            let w = &text[t.s..t.e];
            let rest = w.get(1..).unwrap_or("");
            // a word of its own, not a piece of "RN_jmcgrath" or "a.b.jdoe"
            let joined = |c: Option<char>| {
                c.is_some_and(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '-' | '\\'))
            };
            let after = &text[t.e..];
            let continued = after.starts_with(|c: char| c.is_alphanumeric() || c == '_')
                || (after.starts_with('.') && after[1..].starts_with(char::is_alphanumeric));
            // between words of another language's prose it is one more word of it: "te melden
            // bij" (Dutch), "zu melden"
            let foreign = |x: Option<&Tok>, before: bool| {
                x.is_some_and(|x| {
                    let gap = if before {
                        space_gap(text, x, &t)
                    } else {
                        space_gap(text, &t, x)
                    };
                    gap && x.lowercase && !x.english && !x.vocab && x.e - x.s <= 4
                })
            };
            let prose =
                foreign(i.checked_sub(1).and_then(|k| toks.get(k)), true) && foreign(next, false);
            if !joined(text[..t.s].chars().next_back())
                && !continued
                && !prose
                && w.bytes().all(|b| b.is_ascii_lowercase())
                && !looks_english(w)
                && (LISTS.surnames.contains(rest) || LISTS.given.contains(rest))
                && !LISTS.extended.contains(rest)
                && word_class(rest) & (W_ENGLISH | W_COMMON | W_VOCAB) == 0
                && !det.is_protected_term(w)
            {
                out.push(Cand::new(t.s, t.e, Kind::Username));
                i += 1;
                continue;
            }
        }

        // chat in lowercase: "the underwriting lead (mr okafor)"
        if t.lowercase
            && matches!(&text[t.s..t.e], "mr" | "mrs" | "ms" | "dr" | "miss")
            && !text[..t.s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '.')
        {
            if let Some(nx) = next {
                if dot_gap(text, &t, nx)
                    && nx.lowercase
                    && nx.e - nx.s >= 3
                    && (nx.surname || nx.given || (!nx.common && !nx.english))
                    && !nx.vocab
                    && !nx.title
                    && !nx.role
                {
                    push_person(text, nx.s, nx.e, facts, out);
                    facts.lowercase_ok.insert(text[nx.s..nx.e].to_string());
                    i += 2;
                    continue;
                }
            }
        }

        // a name in capitals: "LAUREN KIM", "ZEYNEP ARSLAN", "CAPT TAN WEI MING": two to four
        // words, each a listed given name or surname and no abbreviation of the trades, with
        // a given name and a surname among them and at most one English word
        if t.allcaps {
            let first = if t.title { i + 1 } else { i };
            let mut last = first;
            while last + 1 < n && last + 1 - first < 4 {
                let (a, b) = (toks[last], toks[last + 1]);
                if !(space_gap(text, &a, &b) && b.allcaps) {
                    break;
                }
                last += 1;
            }
            let plain = |x: &Tok| {
                let w = &text[x.s..x.e];
                x.e - x.s >= 2
                    && (x.given || x.surname)
                    && !x.vocab
                    && !x.title
                    && !x.role
                    && !crate::lexicon::AVIATION_ABBREVIATIONS.contains(&w)
                    && !crate::lexicon::CAPS_NOT_NAMES.contains(&w.to_lowercase().as_str())
            };
            // the name ends before a word that is none ("ADEBAYO TOLULOPE F 1994")
            let words: &[Tok] = if first < n {
                let run = &toks[first..=last];
                let k = run.iter().take_while(|x| plain(x)).count();
                &run[..k]
            } else {
                &[]
            };
            if words.len() >= 2
                && words.iter().any(|x| x.given)
                && words.iter().any(|x| x.surname)
                && words.iter().filter(|x| x.english || x.common).count() <= 1
                && !det.is_protected_term(&text[words[0].s..words[words.len() - 1].e])
            {
                push_person(text, words[0].s, words[words.len() - 1].e, facts, out);
                i = first + words.len();
                continue;
            }
        }

        // a roster's "KHUMALO, Lindiwe", "SCHNEIDER, Holger": a surname in capitals, a comma,
        // a listed given name
        if t.allcaps
            && t.e - t.s >= 3
            && (!t.vocab || t.surname)
            && !t.title
            && !t.role
            && !t.english
        {
            if let Some(gn) = next {
                let w = &text[t.s..t.e];
                if text.get(t.e..gn.s) == Some(", ")
                    && gn.cap
                    && !gn.allcaps
                    && gn.given
                    && !gn.english
                    && !gn.vocab
                    && !crate::lexicon::AVIATION_ABBREVIATIONS.contains(&w)
                    && w.chars().all(char::is_alphabetic)
                    // no acronym: "our CEO, Ernesto", "open an NCR, Jonas will"
                    && (t.surname || w.chars().count() >= 5)
                    && w.contains(['A', 'E', 'I', 'O', 'U', 'Y'])
                {
                    push_person(text, t.s, gn.e, facts, out);
                    i += 2;
                    continue;
                }
            }
        }

        // Title + name: "Dr. Patel", "Capt. Sullenberger", "Nurse Jackie Smith" (not the "M" of
        // "1.2M. Tariq")
        if t.title
            && (t.cap || matches!(&text[t.s..t.e], "heer" | "mevrouw" | "mevr" | "dhr"))
            && !text[..t.s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '.')
        {
            // "Dr. med. Katrin Vogelsang": German degrees between the title and the name
            let mut k = i + 1;
            while toks.get(k).is_some_and(|d| {
                matches!(
                    &text[d.s..d.e],
                    "med" | "rer" | "nat" | "phil" | "jur" | "dent" | "vet" | "habil" | "oec"
                ) && text.get(d.e..d.e + 1) == Some(".")
            }) {
                k += 1;
            }
            if let Some(nx) = toks.get(k) {
                let ti = k - 1;
                let t = toks[ti];
                // "Dr. Sun Jiahui": a word after a title is a name when a name word follows
                // ("heer Van den Broek": a particle opens a surname)
                let named_after = toks.get(ti + 2).is_some_and(|x| {
                    space_gap(text, nx, x)
                        && x.cap
                        && !x.allcaps
                        && !x.common
                        && !x.english
                        && !x.vocab
                        && !x.role
                        && name_shaped(&text[x.s..x.e])
                });
                let particle_surname = nx.particle && extend_surname(text, &toks, ti + 1) > i + 1;
                // "(Nurse Educator)": a title before an English word that is no listed name
                // names a job
                let job = nx.english
                    && !(nx.given || nx.given_common || nx.surname || nx.particle || named_after);
                if dot_gap(text, &t, nx)
                    && nx.cap
                    && !nx.allcaps
                    && !job
                    && (!nx.common || nx.given_common || named_after || particle_surname)
                    && !nx.vocab
                    && !nx.title
                    && !nx.role
                {
                    // "Controller D. Ochieng": an initial, then the surname
                    let mut first = ti + 1;
                    if nx.single_letter && text.get(nx.e..nx.e + 1) == Some(".") {
                        if let Some(sn) = toks.get(ti + 2) {
                            if dot_gap(text, nx, sn) && sn.cap && !sn.vocab && !sn.role {
                                first = ti + 2;
                            }
                        }
                    }
                    let last = extend_surname(text, &toks, first);
                    let end = toks[last].e;
                    push_person(text, nx.s, end, facts, out);
                    i = last + 1;
                    continue;
                }
            }
        }

        // "owned by Quilla Ashgrove", "the student pilot, Tavish Ormsby"
        if t.cap && !t.allcaps && !t.title && !t.role && !t.vocab && (!t.common || t.given_common) {
            let by_verb = (i >= 2)
                .then(|| {
                    let (p, pp) = (toks[i - 1], toks[i - 2]);
                    (text[p.s..p.e].eq_ignore_ascii_case("by")
                        && space_gap(text, &p, &t)
                        && space_gap(text, &pp, &p))
                    .then(|| text[pp.s..pp.e].to_lowercase())
                })
                .flatten();
            let system_verb = by_verb
                .as_deref()
                .is_some_and(|v| SYSTEM_BY_VERBS.contains(&v));
            let by_cue = by_verb.as_deref().is_some_and(|v| BY_VERBS.contains(&v))
                || (system_verb && (t.given || !t.english));
            let appos = i >= 1 && {
                let p = toks[i - 1];
                let g = text.get(p.e..t.s).unwrap_or("");
                (g == ", " || g == ",\t") && p.appos_role
            };
            if by_cue || appos {
                let two = next.is_some_and(|nx| {
                    space_gap(text, &t, nx)
                        && nx.cap
                        && !nx.allcaps
                        && !nx.common
                        && !nx.vocab
                        && !nx.role
                        && !nx.title
                        && (!system_verb || nx.surname || !nx.english)
                });
                // a lone unknown word needs a name list, or both words must look like a name, or
                // (after "<verb> by") the word must look like no English word
                let set_off = appos && text[t.e..].starts_with([',', '.', ';']);
                let lone_name = (by_cue || set_off)
                    && !t.english
                    && !t.common
                    && t.e - t.s >= 3
                    && name_shaped(&text[t.s..t.e]);
                if two || t.given || t.given_common || lone_name {
                    let last = if two {
                        extend_surname(text, &toks, i)
                    } else {
                        i
                    };
                    let phrase = &text[t.s..toks[last].e];
                    if !det.is_protected_term(phrase) {
                        push_person(text, t.s, toks[last].e, facts, out);
                        i = last + 1;
                        continue;
                    }
                }
            }
        }

        // "K. Verhoeven", "J. Tremayne": an initial and a surname
        if t.single_letter
            && text.get(t.e..t.e + 1) == Some(".")
            && (i == 0 || {
                let p = toks[i - 1];
                !(p.single_letter && text.get(p.e..p.e + 1) == Some("."))
            })
            && !text[..t.s]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '°')
        {
            if let Some(sn) = next {
                if dot_gap(text, &t, sn)
                    && sn.cap
                    && !sn.allcaps
                    && !sn.single_letter
                    && !sn.common
                    && !sn.vocab
                    && !sn.role
                    && !sn.title
                    && (sn.surname
                        || (!looks_english_tok(text, sn)
                            && !text[sn.e..].starts_with(|c: char| {
                                c.is_alphanumeric() || c == '\'' || c == '’'
                            })))
                    && !text[..t.s].trim_end().ends_with(['+', '-', '=', '&'])
                    && !toks
                        .get(i + 2)
                        .is_some_and(|x| x.single_letter && dot_gap(text, sn, x))
                {
                    push_person(text, t.s, sn.e, facts, out);
                    i += 2;
                    continue;
                }
            }
        }

        // "Julia Schneider", "Ruby Okafor": a given name that is also a technology, before a
        // listed surname that is no English word (a surname may be a vendor's too: Schneider
        // Electric; "Ruby Sinatra" stays, Sinatra is no listed surname)
        if t.cap && !t.allcaps && t.vocab && (t.given || t.given_common) {
            if let Some(sn) = next {
                if space_gap(text, &t, sn)
                    && sn.cap
                    && !sn.allcaps
                    && sn.surname
                    && !sn.common
                    && !sn.english
                    && !sn.role
                    && !sn.title
                {
                    let last = extend_surname(text, &toks, i);
                    push_person(text, t.s, toks[last].e, facts, out);
                    i = last + 1;
                    continue;
                }
            }
        }

        // "Grace Koch", "Jordan Okafor": a given name that is also a word, before a surname
        if t.cap && !t.allcaps && t.given_common && !t.vocab {
            if let Some(sn) = next {
                if space_gap(text, &t, sn)
                    && sn.cap
                    && !sn.allcaps
                    && !sn.common
                    && !sn.vocab
                    && !sn.role
                    && !sn.title
                    && (sn.surname || !looks_english_tok(text, sn))
                {
                    let last = extend_surname(text, &toks, i);
                    let last = last.max(i + 1);
                    push_person(text, t.s, toks[last].e, facts, out);
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
            // a nickname in quotes before the surname: Fernando "Nando" Alcântara
            let mut nickname = false;
            if let (Some(nick), Some(after)) = (toks.get(j), toks.get(j + 1)) {
                if matches!(text.get(prev.e..nick.s), Some(" \"" | " “" | " ("))
                    && matches!(text.get(nick.e..after.s), Some("\" " | "” " | ") "))
                    && nick.cap
                    && !nick.allcaps
                    && after.cap
                {
                    prev = *nick;
                    j += 1;
                    nickname = true;
                }
            }
            if let Some(sn) = toks.get(j) {
                let gap_ok = space_gap(text, &prev, sn)
                    || nickname
                    || (prev.single_letter && dot_gap(text, &prev, sn));
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
                            // the nickname alone is that person too ("Nando said")
                            if nickname {
                                let nick = toks[j - 1];
                                let key = normalise_key(Kind::Person, phrase);
                                facts
                                    .person_tokens
                                    .push((text[nick.s..nick.e].to_lowercase(), key));
                            }
                            i = last + 1;
                            continue;
                        }
                    }
                }
            }
        }

        // Cue before: "pinged Alice", "Thanks, bob", "cc: Priya", "looping in Aviaja"
        let cued = i > 0 && {
            let p = toks[i - 1];
            (p.strong_cue
                && cue_gap(text, &p, &t)
                && !(p.e - p.s == 4 && text[p.s..p.e].eq_ignore_ascii_case("page") && !t.given))
                || (i >= 2
                    && text[p.s..p.e].eq_ignore_ascii_case("in")
                    && space_gap(text, &p, &t)
                    && {
                        let pp = toks[i - 2];
                        space_gap(text, &pp, &p)
                            && LOOP_IN_VERBS.contains(&text[pp.s..pp.e].to_lowercase().as_str())
                    })
                // "escalated to Debashish Roy", "handed over to Mele" (a word shaped like a
                // name: not "sent to GFEs", "to S&O")
                || (i >= 2
                    && text[p.s..p.e].eq_ignore_ascii_case("to")
                    && space_gap(text, &p, &t)
                    && !t.single_letter
                    && name_shaped(&text[t.s..t.e])
                    && !text[t.e..].starts_with(['&', '-', '/'])
                    && {
                        let pp = toks[i - 2];
                        space_gap(text, &pp, &p)
                            && TO_VERBS.contains(&text[pp.s..pp.e].to_lowercase().as_str())
                    })
                // "ask for Ray"
                || (i >= 2
                    && text[p.s..p.e].eq_ignore_ascii_case("for")
                    && space_gap(text, &p, &t)
                    && {
                        let pp = toks[i - 2];
                        space_gap(text, &pp, &p)
                            && matches!(
                                text[pp.s..pp.e].to_lowercase().as_str(),
                                "ask" | "asked" | "asking"
                            )
                    })
        };
        if cued && !t.role && !t.title {
            // "escalated to <Name>" is weak too: "escalated to Legal"
            let weak_cue = i > 0 && {
                let p = toks[i - 1];
                let w = text[p.s..p.e].to_lowercase();
                w == "to" || WEAK_STRONG_CUES.contains(&w.as_str())
            };
            // "a feature called Global Secondary Indexes": after a noun, "called" names a
            // thing; only a listed name is someone called ("the nurse called Maria")
            let naming = i >= 2 && {
                let p = toks[i - 1];
                let pp = toks[i - 2];
                text[p.s..p.e].eq_ignore_ascii_case("called")
                    && space_gap(text, &pp, &p)
                    && pp.lowercase
                    && !matches!(
                        text[pp.s..pp.e].to_lowercase().as_str(),
                        "i" | "we"
                            | "they"
                            | "he"
                            | "she"
                            | "you"
                            | "someone"
                            | "somebody"
                            | "who"
                            | "then"
                            | "also"
                            | "just"
                            | "finally"
                            | "immediately"
                            | "already"
                            | "never"
                            | "and"
                            | "had"
                            | "have"
                            | "has"
                    )
            };
            let ok = if t.cap && !t.allcaps {
                t.given
                    || t.given_common
                    || (!t.common
                        && !t.vocab
                        && (!naming || t.surname)
                        && (!weak_cue || !t.english || t.surname))
            } else if t.lowercase && toks[i - 1].lower_cue {
                // "paging cath lab", "ask infra team": a place or a team, not a person
                let place_next = next.is_some_and(|nx| {
                    space_gap(text, &t, nx)
                        && matches!(
                            text[nx.s..nx.e].to_lowercase().as_str(),
                            "lab"
                                | "team"
                                | "desk"
                                | "room"
                                | "unit"
                                | "ward"
                                | "bay"
                                | "crew"
                                | "channel"
                                | "group"
                                | "line"
                                | "rota"
                                | "queue"
                                | "squad"
                                | "office"
                                | "shift"
                                | "oncall"
                                | "support"
                        )
                });
                (t.given || (!t.common && !t.english && !t.vocab && t.e - t.s >= 3))
                    && !t.vocab
                    && !place_next
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

        // "Jordan said", "Jordan from the data team", "freya fixed the cron"
        if !t.title
            && !t.role
            && !t.vocab
            && ((t.cap && t.given_common) || (t.lowercase && t.given && t.e - t.s >= 4))
        {
            let post = next.is_some_and(|nx| {
                let w = text[nx.s..nx.e].to_lowercase();
                space_gap(text, &t, nx)
                    && (nx.post_cue
                        || WEAK_POST_CUES.contains(&w.as_str())
                        || (t.cap && w == "from"))
            }) || (t.cap && aux_then_verb(text, &toks, i));
            if post {
                push_person(text, t.s, t.e, facts, out);
                if t.lowercase {
                    facts.lowercase_ok.insert(text[t.s..t.e].to_lowercase());
                }
                i += 1;
                continue;
            }
        }

        // chat in lowercase: "covering for olumide", "ask fatima", "siobhan's flag"
        if t.lowercase && t.given && !t.vocab && t.e - t.s >= 3 {
            let lower = text[t.s..t.e].to_lowercase();
            let before = i > 0 && {
                let p = toks[i - 1];
                let w = text[p.s..p.e].to_lowercase();
                cue_gap(text, &p, &t) && LOWER_NAME_CUES.contains(&w.as_str())
            };
            let rest = text.get(t.e..).unwrap_or("");
            let possessive = rest.starts_with("'s ") || rest.starts_with("’s ");
            if (before || possessive) && !t.english {
                push_person(text, t.s, t.e, facts, out);
                facts.lowercase_ok.insert(lower);
                i += 1;
                continue;
            }
        }

        // "technician Sunday Okoro", "First Officer Lee Soo-ah", "RN Kowalczyk": a role noun
        // right before capitalised name words
        if t.cap && !t.allcaps && !t.vocab && !t.title && !t.role && i >= 1 {
            let p = toks[i - 1];
            if space_gap(text, &p, &t) && p.appos_role {
                let name_word = |x: &Tok| {
                    x.cap
                        && !x.allcaps
                        && !x.vocab
                        && !x.role
                        && !x.title
                        && (x.surname || x.given || !x.english)
                };
                let two = next.is_some_and(|nx| space_gap(text, &t, nx) && name_word(nx));
                if two || (name_word(&t) && !t.common) {
                    let last = if two {
                        extend_surname(text, &toks, i)
                    } else {
                        i
                    };
                    if !det.is_protected_term(&text[t.s..toks[last].e]) {
                        push_person(text, t.s, toks[last].e, facts, out);
                        i = last + 1;
                        continue;
                    }
                }
            }
        }

        // surname first: "Chen Xiaoling", "Nguyen Thi Lan" (not "West Europe", "Post Mortem")
        if t.cap && !t.allcaps && t.surname && !t.vocab && !t.title && !t.role && !t.english {
            let unknown_after = next.is_some_and(|nx| {
                space_gap(text, &t, nx)
                    && nx.cap
                    && !nx.allcaps
                    && !nx.common
                    && !nx.vocab
                    && !nx.role
                    && !nx.title
                    && !nx.english
            });
            if unknown_after && !t.place_first {
                let last = extend_surname(text, &toks, i + 1);
                let phrase = &text[t.s..toks[last].e];
                if !det.is_protected_term(phrase) && !TWO_WORD_PLACES.contains(&phrase) {
                    push_person(text, t.s, toks[last].e, facts, out);
                    i = last + 1;
                    continue;
                }
            }
        }

        // two name-shaped words that are no English: "Wayra Quispe", "Keoni Kahananui"
        if t.cap
            && !t.allcaps
            && !t.common
            && !t.vocab
            && !t.title
            && !t.role
            && t.e - t.s >= 3
            && name_shaped(&text[t.s..t.e])
        {
            let name_after = next.is_some_and(|nx| {
                space_gap(text, &t, nx)
                    && nx.cap
                    && !nx.allcaps
                    && !nx.common
                    && !nx.vocab
                    && !nx.role
                    && !nx.title
                    && name_shaped(&text[nx.s..nx.e])
                    && (nx.surname || !nx.english)
            });
            // German capitalises its nouns ("Nachbetrachtung Ausfall Ticketsystem"): there,
            // two unknown capitalised words need a listed name among them
            let listed = t.given || t.surname || next.is_some_and(|nx| nx.given || nx.surname);
            if name_after
                && !t.english
                && !t.place_first
                && (listed || !*german.get_or_insert_with(|| german_text(text)))
            {
                let last = extend_surname(text, &toks, i + 1);
                let phrase = &text[t.s..toks[last].e];
                if !det.is_protected_term(phrase) && !TWO_WORD_PLACES.contains(&phrase) {
                    push_person(text, t.s, toks[last].e, facts, out);
                    i = last + 1;
                    continue;
                }
            }
        }

        // "Dawn, the release manager that week": a name set off by its role
        if t.cap && !t.allcaps && !t.vocab && !t.title && !t.role && name_shaped(&text[t.s..t.e]) {
            let rest = text.get(t.e..).unwrap_or("");
            let appositive = rest.strip_prefix(", ").is_some_and(|r| {
                let mut words = r.split_whitespace();
                let det = words.next().map(str::to_lowercase);
                matches!(
                    det.as_deref(),
                    Some("the" | "our" | "their" | "a" | "an" | "my")
                ) && words.take(3).any(|w| {
                    let w = w.trim_end_matches([',', '.', ';', ':']).to_lowercase();
                    APPOSITION_ROLES.contains(&w.as_str())
                })
            });
            if appositive
                && (t.given || t.given_common || (!t.english && !t.common))
                && !det.is_protected_term(&text[t.s..t.e])
            {
                let last = extend_surname(text, &toks, i);
                push_person(text, t.s, toks[last].e, facts, out);
                i = last + 1;
                continue;
            }
        }

        // "Joy, can you hold the push": a capitalised word addressed with a request; ordinary
        // words only when they are given names
        if t.cap && !t.allcaps && !t.vocab && !t.title && !t.role && name_shaped(&text[t.s..t.e]) {
            let rest = text.get(t.e..).unwrap_or("");
            // "Oğuzhan can you check WS-ED-019": no comma, a request right after an unknown
            // word that opens the sentence
            let opens_sentence = {
                let before = text[..t.s].trim_end_matches([' ', '\t']);
                before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':'])
            };
            let bare_request = opens_sentence
                && !t.english
                && !t.common
                && [
                    " can you ",
                    " could you ",
                    " can u ",
                    " would you ",
                    " pls ",
                    " please ",
                ]
                .iter()
                .any(|r| rest.starts_with(r));
            let vocative = bare_request
                || rest.starts_with(", ") && {
                    // the next few words only: lower-casing the rest of the text would make this
                    // quadratic in the number of "Word, " in a report
                    let mut cut = rest.len().min(2 + 24);
                    while !rest.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    let after = rest[2..cut].to_lowercase();
                    VOCATIVE_REQUESTS.iter().any(|r| after.starts_with(r))
                };
            let plausible = t.given || t.given_common || (!t.english && !t.common);
            if vocative && plausible && !det.is_protected_term(&text[t.s..t.e]) {
                push_person(text, t.s, t.e, facts, out);
                i += 1;
                continue;
            }
        }

        if t.cap && !t.allcaps && !t.common && !t.title && !t.role {
            // standalone given name (not "San Jose", "Santa Clara", "São Paulo")
            let after_place_word = i >= 1 && {
                let p = toks[i - 1];
                p.cap && space_gap(text, &p, &t) && p.place_first
            };
            if t.given && !t.vocab && !after_place_word {
                // Vietnamese calls a person by the given name after a kinship word ("anh Huy",
                // "chị Lan"); a syllable alone is mostly a word ("Anh kiểm tra", "Liên hệ")
                let vietnamese_lone = *vietnamese.get_or_insert_with(|| vietnamese_text(text))
                    && !(i >= 1 && {
                        let p = toks[i - 1];
                        space_gap(text, &p, &t)
                            && VIETNAMESE_KINSHIP.contains(&text[p.s..p.e].to_lowercase().as_str())
                    });
                // "zum 1. Mai", "am 8. Juli": a month after the day's number
                let month_after_day = text[..t.s]
                    .strip_suffix(' ')
                    .and_then(|b| b.strip_suffix('.'))
                    .is_some_and(|b| b.ends_with(|c: char| c.is_ascii_digit()))
                    && crate::detect::month_of_any_language(&text[t.s..t.e]).is_some();
                if !vietnamese_lone && !month_after_day {
                    push_person(text, t.s, t.e, facts, out);
                    i += 1;
                    continue;
                }
            }
            if !t.vocab {
                // "Xyla said", "Xyla has tested it", "Xyla's deploy", "Xyla's original design"
                let word = &text[t.s..t.e];
                // "Wasn't", "Didn't" are no names
                let contraction = word.ends_with("n't") || word.ends_with("n’t");
                // "mmol/L should follow": a unit or a lone letter is no name
                let after_slash = text[..t.s].ends_with('/');
                let name_like = (!t.english || t.given || t.surname)
                    && !contraction
                    && !after_slash
                    && (t.e - t.s >= 2 || t.given);
                let post = (name_like
                    && next.is_some_and(|nx| nx.post_cue && space_gap(text, &t, nx)))
                    || (name_like
                        && !t.english
                        && t.e - t.s >= 3
                        && name_shaped(&text[t.s..t.e])
                        && aux_then_verb(text, &toks, i))
                    // "Kadri from Baltica Ledger"
                    || (!t.english
                        && name_shaped(&text[t.s..t.e])
                        && t.e - t.s >= 3
                        && next.is_some_and(|nx| {
                            space_gap(text, &t, nx)
                                && text[nx.s..nx.e].eq_ignore_ascii_case("from")
                                && toks.get(i + 2).is_some_and(|x| {
                                    space_gap(text, nx, x) && x.cap && !x.vocab
                                })
                        }));
                let rest = text.get(t.e..).unwrap_or("");
                let poss = rest
                    .strip_prefix("'s ")
                    .or_else(|| rest.strip_prefix("’s "))
                    .is_some_and(|after| {
                        let word: String = after
                            .trim_start()
                            .chars()
                            .take_while(|c| c.is_alphanumeric())
                            .flat_map(char::to_lowercase)
                            .collect();
                        POSSESSIVE_NOUNS.contains(&word.as_str())
                    });
                // "note from Zhanar:", "message from Zhanar,"
                let from_colon = !t.english
                    && name_shaped(&text[t.s..t.e])
                    && i >= 1
                    && {
                        let p = toks[i - 1];
                        space_gap(text, &p, &t) && text[p.s..p.e].eq_ignore_ascii_case("from")
                    }
                    && rest.starts_with([':', ','])
                    && !rest.starts_with("::");
                // "Nodira please don't merge", "(3) Iñaki to schedule a game day"
                let request = name_like
                    && name_shaped(word)
                    && (rest.starts_with(" please ") || rest.starts_with(" pls "));
                let action_item =
                    name_like && name_shaped(word) && action_item_owner(text, &toks, i);
                let poss = (poss && name_like) || from_colon || request || action_item;
                if post || poss {
                    push_person(text, t.s, t.e, facts, out);
                    i += 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    widen_people(det, text, &toks, facts, out, first_new);
    conjoined_people(det, text, &toks, facts, out, first_new);
}

/// "Thanks to Oluwaseun and Mateus", "Mateus and Oluwaseun fixed it": a capitalised word
/// joined by "and" or "&" to a person found in this text is a person too, when it looks like
/// a name and is no English word, technology or role.
fn conjoined_people(
    det: &Detectors,
    text: &str,
    toks: &[Tok],
    facts: &mut DocFacts,
    out: &mut Vec<Cand>,
    from: usize,
) {
    let mut found: Vec<(usize, usize)> = Vec::new();
    for c in out.iter().skip(from).filter(|c| c.kind == Kind::Person) {
        let (Ok(first), Ok(last)) = (
            toks.binary_search_by_key(&c.start, |t| t.s),
            toks.binary_search_by_key(&c.end, |t| t.e),
        ) else {
            continue;
        };
        let joined = |a: &Tok, b: &Tok| {
            matches!(
                text.get(a.e..b.s),
                Some(" and " | " & " | " und " | " y " | " et " | " e ")
            )
        };
        let candidate = |t: &Tok| {
            t.cap
                && !t.allcaps
                && !t.vocab
                && !t.role
                && !t.title
                && !t.single_letter
                && !t.common
                && !t.english
                && !looks_english(&text[t.s..t.e].to_lowercase())
                && t.e - t.s >= 3
                && name_shaped(&text[t.s..t.e])
                && !det.is_protected_term(&text[t.s..t.e])
        };
        // the word beside the conjunction ("and" may be a token of its own)
        let beside = |k: usize, step: isize| -> Option<usize> {
            let near = k.checked_add_signed(step)?;
            let far = k.checked_add_signed(2 * step)?;
            let (x, y) = if step > 0 { (k, near) } else { (near, k) };
            if toks
                .get(x)
                .zip(toks.get(y))
                .is_some_and(|(a, b)| joined(a, b))
            {
                return Some(near);
            }
            let (x, y) = if step > 0 { (k, far) } else { (far, k) };
            let conj = toks.get(near)?;
            let word = text.get(conj.s..conj.e).unwrap_or("");
            (matches!(word, "and" | "und" | "y" | "et" | "e")
                && toks
                    .get(x)
                    .zip(toks.get(y))
                    .is_some_and(|(a, b)| joined(a, b)))
            .then_some(far)
        };
        // after: "<person> and Mateus", not "<person> and Mateus Silva" (the name pass's)
        if let Some(bk) = beside(last, 1) {
            if let Some(b) = toks.get(bk) {
                let more = toks
                    .get(bk + 1)
                    .is_some_and(|x| x.cap && space_gap(text, b, x));
                if candidate(b) && !more {
                    found.push((b.s, b.e));
                }
            }
        }
        // before: "Mateus and <person>"
        if let Some(bk) = beside(first, -1) {
            if let Some(b) = toks.get(bk) {
                if candidate(b) {
                    found.push((b.s, b.e));
                }
            }
        }
    }
    for (s, e) in found {
        if !out.iter().any(|c| c.start < e && s < c.end) {
            push_person(text, s, e, facts, out);
        }
    }
}

/// A word that can stand beside a name as more of it: capitalised like a name and a listed
/// name or no English word ("Luz" + "Marina Condori", "Chen" + "Xiaoling").
fn name_word(text: &str, t: &Tok) -> bool {
    t.cap
        && !t.allcaps
        && !t.vocab
        && !t.role
        && !t.title
        && !t.single_letter
        && (!t.common || t.given || t.given_common || t.surname)
        && (t.given || t.given_common || t.surname || !t.english)
        && name_shaped(&text[t.s..t.e])
}

/// Widen the people found in this text over the name words right before and after them
/// ("Luz Marina" + "Condori", "Chen" + "Xiaoling", "Ahmad Faizal" + "bin Rosli"): a rule that
/// found part of a name must not leave the rest of it.
fn widen_people(
    det: &Detectors,
    text: &str,
    toks: &[Tok],
    facts: &mut DocFacts,
    out: &mut [Cand],
    from: usize,
) {
    for c in out.iter_mut().skip(from).filter(|c| c.kind == Kind::Person) {
        let (Ok(first), Ok(last)) = (
            toks.binary_search_by_key(&c.start, |t| t.s),
            toks.binary_search_by_key(&c.end, |t| t.e),
        ) else {
            continue;
        };
        // after: particles and name words, as a surname is taken
        let mut end_tok = last;
        let mut k = last + 1;
        let mut extra = 0;
        while extra < 2 {
            let (Some(a), Some(mut b)) = (toks.get(k - 1), toks.get(k)) else {
                break;
            };
            if !space_gap(text, a, b) {
                break;
            }
            let mut kk = k;
            // "van den" + "Berg", "bin" + "Rosli"
            while b.particle && b.e - b.s <= 5 {
                let Some(nb) = toks.get(kk + 1) else { break };
                if !space_gap(text, b, nb) {
                    break;
                }
                kk += 1;
                b = nb;
            }
            let after_particle = kk > k;
            // right after the name, a word that only looks English is a surname ("Valérie
            // Desrosiers")
            let guessed_surname = extra == 0
                && b.guessed_common
                && !b.english
                && b.cap
                && !b.allcaps
                && !b.vocab
                && name_shaped(&text[b.s..b.e])
                && {
                    let l = text[b.s..b.e].to_lowercase();
                    // "Testing", "Deployed" are words; "Castaing" is a surname: an ending
                    // only inflects a stem that is a word
                    let inflects = |x: &str| {
                        l.strip_suffix(x).is_some_and(|stem| {
                            // "stopped" -> "stop": the doubled last letter, by characters
                            let mut rev = stem.char_indices().rev();
                            let undoubled = match (rev.next(), rev.next()) {
                                (Some((i, a)), Some((_, b))) if a == b => &stem[..i],
                                _ => stem,
                            };
                            is_english_word(stem)
                                || is_english_word(&format!("{stem}e"))
                                || is_english_word(undoubled)
                        })
                    };
                    let inflected = ["ing", "ings", "ed"].iter().any(|x| inflects(x))
                        || ["tion", "tions", "ment", "ments", "ness"]
                            .iter()
                            .any(|x| l.ends_with(x))
                        || l.strip_suffix('s')
                            .is_some_and(|stem| is_english_word(stem) || looks_english(stem));
                    !inflected
                };
            if !(name_word(text, b)
                || guessed_surname
                || (after_particle && b.cap && !b.vocab && !b.allcaps))
            {
                break;
            }
            end_tok = kk;
            k = kk + 1;
            extra += 1;
        }
        // before: "(Dlamini, Thabo)", "holder=Nakamura, Aiko": a surname and a comma
        let mut start_tok = first;
        let mut comma_form = false;
        if let Some(a) = first.checked_sub(1).and_then(|k| toks.get(k)) {
            let gap = text.get(a.e..c.start).unwrap_or("");
            let before = text[..a.s].chars().next_back();
            if gap == ", "
                && name_word(text, a)
                && (a.surname || !a.english)
                && (before.is_none_or(|ch| matches!(ch, '(' | '"' | '=' | '\n' | '[' | '\''))
                    // "Patient: Nakamura, Kenji"
                    || (before == Some(' ')
                        && a.surname
                        && text[..a.s].trim_end_matches(' ').ends_with(':')))
            {
                start_tok = first - 1;
                comma_form = true;
            }
        }
        // before: name words only ("Luz Marina" before "Condori"), not a sentence's first word
        while !comma_form && start_tok > 0 && first - start_tok < 3 {
            let (Some(a), Some(b)) = (toks.get(start_tok - 1), toks.get(start_tok)) else {
                break;
            };
            // "Tran Van" + "Binh": a particle, then a name word before it
            if a.particle && a.e - a.s <= 5 && start_tok >= 2 {
                if let Some(aa) = toks.get(start_tok - 2) {
                    if space_gap(text, a, b) && space_gap(text, aa, a) && name_word(text, aa) {
                        start_tok -= 2;
                        continue;
                    }
                }
            }
            let sentence_start = text[..a.s]
                .trim_end_matches([' ', '\t'])
                .chars()
                .next_back()
                .is_none_or(|ch| matches!(ch, '.' | '!' | '?' | '\n' | ':' | '"' | '('));
            if !space_gap(text, a, b)
                || !name_word(text, a)
                || (sentence_start && !a.given && a.english)
            {
                break;
            }
            start_tok -= 1;
        }
        if start_tok == first && end_tok == last {
            continue;
        }
        let (Some(st), Some(en)) = (toks.get(start_tok), toks.get(end_tok)) else {
            continue;
        };
        let name = &text[st.s..en.e];
        if det.is_protected_term(name) {
            continue;
        }
        c.start = st.s;
        c.end = en.e;
        c.key = normalise_key(Kind::Person, name);
        register_name_tokens(&c.key, facts);
    }
}

/// Speaker headers of copied chats: a name alone on a line with the message's time ("Jasur
/// 11:47 PM", "caoimhin_os — Today at 21:07"). Without the "—" or day of Discord-style
/// headers a name must look like one, and the text must have two such lines (a timeline line
/// "Nairobi 10:32" alone is no chat).
pub(crate) fn chat_headers(
    det: &Detectors,
    re: &Regex,
    text: &str,
    within: Option<&[(usize, usize)]>,
    facts: &mut DocFacts,
    out: &mut Vec<Cand>,
) {
    let mut found: Vec<(usize, usize, bool)> = Vec::new();
    let mut headers = 0usize;
    for c in crate::detect::captures(re, text, within) {
        let Some(name) = c.name("name") else { continue };
        let marked = c.name("sep").is_some() || c.name("day").is_some();
        let words: Vec<&str> = name.as_str().split(' ').collect();
        let word_ok = |w: &str| {
            let l = w.to_lowercase();
            let mut folded = l.clone();
            if !folded.is_ascii() {
                fold_accents(&mut folded);
            }
            let f = word_class(&folded);
            let listed = f & (W_GIVEN | W_SURNAME) != 0;
            let ordinary = f & (W_COMMON | W_ENGLISH | W_MONTH | W_ROLE | W_TITLE) != 0
                || is_common_word(&l)
                || (l.chars().all(char::is_alphabetic) && looks_english(&l));
            if f & W_VOCAB != 0 || det.is_protected_term(w) || (ordinary && !listed) {
                return false;
            }
            if w.starts_with(|ch: char| ch.is_uppercase()) {
                name_shaped(w)
            } else {
                // a lowercase handle only in a marked header
                marked && w.chars().any(char::is_alphabetic)
            }
        };
        if words.iter().all(|w| word_ok(w)) && !det.is_protected_term(name.as_str()) {
            found.push((name.start(), name.end(), marked));
            headers += 1;
        }
    }
    for (s, e, marked) in found {
        if !marked && headers < 2 {
            continue;
        }
        let lower = text[s..e].to_lowercase();
        if text[s..e].starts_with(|ch: char| ch.is_lowercase()) {
            facts.lowercase_ok.insert(lower);
        }
        push_person(text, s, e, facts, out);
    }
}

/// Chat speaker labels at line start: "alice: …", "[10:32] bob: …", "<carol> …".
pub(crate) fn chat_labels(
    det: &Detectors,
    re: &Regex,
    text: &str,
    within: Option<&[(usize, usize)]>,
    facts: &mut DocFacts,
    out: &mut Vec<Cand>,
) {
    let mut labels: Vec<(usize, usize, bool)> = Vec::new();
    // speaker-like lines: not indented (YAML keys are), and a message of several words
    let mut speaker_lines = 0usize;
    let mut counts: HashMap<String, usize> = HashMap::new();
    for c in crate::detect::captures(re, text, within) {
        let Some(name) = c.name("name") else { continue };
        // the pattern leaves the first word's length open, a bounded repeat of letter classes
        // compiles to thousands of states: at most 31 characters
        if name
            .as_str()
            .split(' ')
            .next()
            .map_or(0, |w| w.chars().count())
            > 31
        {
            continue;
        }
        let irc = c.name("open").is_some_and(|o| o.as_str() == "<");
        if irc && HTML_TAGS.contains(&name.as_str().to_lowercase().as_str()) {
            continue;
        }
        // "[kiam-pr]: https://github.com/…": a Markdown link reference, no speaker
        if c.name("close").is_some_and(|b| b.as_str() == "]") && c.name("ts").is_none() {
            let said = text[c.get(0).map_or(name.end(), |m| m.end())..].trim_start();
            // (or its placeholder, when the output is scrubbed again)
            if said.starts_with("http://")
                || said.starts_with("https://")
                || said.starts_with("[URL-")
                || said.starts_with('<')
            {
                continue;
            }
        }
        // "**Name** (09:07):" (Teams, Markdown): the line's leading "**" is eaten by the prefix
        let bold = text[..name.start()].ends_with("**")
            && text[name.end()..].starts_with("**")
            && name.as_str().split(' ').all(|w| {
                let l = w.to_lowercase();
                !is_common_word(&l)
                    && !is_english_word(&l)
                    && crate::detect::month_index(&l).is_none()
            });
        let strong = c.name("ts").is_some()
            || (c.name("open").is_some() && c.name("close").is_some())
            || bold;
        labels.push((name.start(), name.end(), strong));
        let line_start = text[..name.start()].rfind('\n').map_or(0, |p| p + 1);
        let indented = text[line_start..].starts_with([' ', '\t']);
        let rest = &text[name.end()..];
        let line_end = rest.find('\n').unwrap_or(rest.len());
        let msg = rest[..line_end].trim_start_matches(['>', ']', '*', ' ', '\t', ':']);
        if !indented && msg.split_whitespace().count() >= 2 {
            speaker_lines += 1;
        }
        *counts.entry(name.as_str().to_lowercase()).or_insert(0) += 1;
    }
    // several speaker lines: a chat transcript, where an unknown word before ':' is a speaker
    let chat_like = speaker_lines >= 2;
    let someone_speaks_twice = counts.values().any(|&n| n >= 2);
    // labels in a script without capitals ("田中 美咲:", "王伟:", "김민준:"): two different
    // ones that each speak twice make a transcript of their own (CJK messages have no spaces)
    let native_speakers = counts
        .iter()
        .filter(|(l, n)| **n >= 2 && native_label(l))
        .count();
    for (s, e, strong) in labels {
        let name = &text[s..e];
        let lower = name.to_lowercase();
        if native_label(&lower) {
            let line_start = text[..s].rfind('\n').map_or(0, |p| p + 1);
            let repeated = counts.get(&lower).copied().unwrap_or(0) >= 2 && native_speakers >= 2;
            let said = text[e..]
                .trim_start_matches([']', '>', '*', ' ', '\t', ':'])
                .chars()
                .next()
                .is_some_and(|c| c != '\n' && c != '\r');
            if (strong || repeated)
                && said
                && !text[line_start..].starts_with([' ', '\t'])
                && !det.is_protected_term(name)
            {
                push_person(text, s, e, facts, out);
            }
            continue;
        }
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
            } else if (strong || chat_like)
                && name.split(' ').all(|w| {
                    let l = w.to_lowercase();
                    PARTICLES.contains(&l.as_str())
                        || (w.starts_with(|ch: char| ch.is_uppercase())
                            && name_shaped(w)
                            && !is_common_word(&l)
                            && !is_english_word(&l)
                            && !ROLE_WORDS.contains(&l.as_str()))
                })
                && !det.is_protected_term(name)
            {
                // "Maiwenn Le Bihan:" in a transcript; "Dr. Adeyemi:" without the title
                let first_word = name.split(' ').next().unwrap_or("");
                let title =
                    TITLES.contains(&first_word.trim_end_matches('.').to_lowercase().as_str());
                let s = if title { s + first_word.len() + 1 } else { s };
                push_person(text, s, e, facts, out);
            } else if chat_like
                && !a_cap
                && name.split(' ').count() <= 3
                && name.split(' ').all(|w| {
                    let l = w.to_lowercase();
                    w.chars().all(char::is_lowercase)
                        && !COMMON_VERBS.contains(&l.as_str())
                        && !ROLE_WORDS.contains(&l.as_str())
                        && !LABEL_STOP.contains(&l.as_str())
                        && !det.is_protected_term(w)
                })
                && name.split(' ').any(|w| {
                    let l = w.to_lowercase();
                    !is_english_word(&l) && !is_common_word(&l) && !looks_english(&l)
                })
                && !det.is_protected_term(name)
            {
                // "park jihoon:", "nguyen thi lan:" in a lowercase transcript
                facts.lowercase_ok.insert(lower.clone());
                push_person(text, s, e, facts, out);
            } else if strong || a_cap && LISTS.given.contains(&al) {
                // "Alice Ops:" -> just the name
                if LISTS.given.contains(&al) && !det.is_protected_term(a) {
                    push_person(text, s, s + a.len(), facts, out);
                }
            }
            continue;
        }
        let common_name = LISTS.given_common.contains(&lower) && chat_like;
        if lower.chars().count() < 2
            || (is_common_word(&lower) && !strong && !common_name)
            || LABEL_STOP.contains(&lower.as_str())
            || FOREIGN_MAIL_HEADERS.contains(&lower.as_str())
            || COMMON_VERBS.contains(&lower.as_str())
            || ROLE_WORDS.contains(&lower.as_str())
            || (SPEAKER_ROLES.contains(&lower.as_str()) && !LISTS.given.contains(&lower))
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
            && name.split('.').next().is_some_and(|p| p.len() >= 2)
            && name
                .split('.')
                .all(|p| !p.is_empty() && p.chars().all(char::is_alphabetic));
        let symbols = name.contains(['_', '-']) || name.chars().any(char::is_numeric);
        let line_start = text[..s].rfind('\n').map_or(0, |p| p + 1);
        // a repeated label speaks when a message follows it on an unindented line; YAML keys
        // repeat too ("    nominal: 2.40", "  enabled: true")
        let message_follows = {
            let rest = &text[e..];
            let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
            line.trim_start_matches(['>', ']', '*', ' ', '\t', ':'])
                .split_whitespace()
                .count()
                >= 2
        };
        let repeated = counts.get(&lower).copied().unwrap_or(0) >= 2
            && !looks_english(&lower)
            && message_follows
            && !text[line_start..].starts_with([' ', '\t']);
        let speaker = chat_like
            && !text[line_start..].starts_with([' ', '\t'])
            && !SPEAKER_ROLES.contains(&lower.as_str())
            && !camel
            && !symbols
            && !name.contains('.')
            && lower.chars().count() >= 3
            && (common_name
                || (!is_common_word(&lower) && !looks_english(&lower) && !is_english_word(&lower)))
            // a label of a form ("Aeronave:", "Poszkodowany:", "Déclarant:") is there once; a
            // speaker of a transcript speaks again, or has a listed name
            // (form labels are capitalised: "sisa:" in a lowercase transcript speaks; and
            // "Dacre: confirmed, …" answers in lowercase where someone else speaks twice)
            && (common_name
                || LISTS.given.contains(&lower)
                || LISTS.surnames.contains(&lower)
                || name.starts_with(char::is_lowercase)
                || counts.get(&lower).copied().unwrap_or(0) >= 2
                || (someone_speaks_twice && says_in_lowercase(&text[e..])));
        // "ramp-ops:", "mx_control:": a team speaks, not a person
        let team_label = (symbols || name.contains('.'))
            && lower.split(['-', '_', '.']).all(|p| {
                SPEAKER_ROLES.contains(&p)
                    || ROLE_WORDS.contains(&p)
                    || matches!(
                        p,
                        "ops"
                            | "team"
                            | "desk"
                            | "oncall"
                            | "control"
                            | "centre"
                            | "center"
                            | "bot"
                    )
            });
        if team_label {
            continue;
        }
        let accept = given
            || speaker
            || (strong && !camel)
            || (dotted && !camel)
            || (repeated && !camel && !symbols && !name.contains('.'));
        if accept {
            push_person(text, s, e, facts, out);
            continue;
        }
        // "kwame_a:", "charge.rn.mcgrath:", "ahmed_line_mx:" in a transcript: a login speaks
        // when a part of it is no word ("log_level:" in a config is all words)
        let login_speaker = (chat_like || strong)
            && (symbols || name.contains('.'))
            && !camel
            && !text[line_start..].starts_with([' ', '\t'])
            && name
                .chars()
                .all(|c| c.is_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'))
            && name.chars().next().is_some_and(char::is_alphabetic)
            && lower.chars().count() >= 3
            && !det.is_protected_term(name)
            && {
                // a part is a listed name ("kwame_a", "ahmed_line_mx"), or an initial stands
                // beside a part that is no word ("somchai.k")
                let parts: Vec<&str> = lower.split(['.', '_', '-']).collect();
                let unknown = |p: &&str| {
                    p.chars().count() >= 3
                        && p.chars().all(char::is_alphabetic)
                        && !is_english_word(p)
                        && !is_common_word(p)
                        && !det.is_protected_term(p)
                };
                parts.iter().any(|p| {
                    unknown(p) && (LISTS.given.contains(*p) || LISTS.surnames.contains(*p))
                }) || (parts.iter().any(|p| p.chars().count() == 1) && parts.iter().any(unknown))
            }
            && {
                // a message follows, not a value
                let rest = &text[e..];
                let line = rest[..rest.find('\n').unwrap_or(rest.len())]
                    .trim_start_matches([':', ' ', '\t']);
                line.split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphabetic))
                    .count()
                    >= 2
            };
        if login_speaker {
            out.push(Cand::new(s, e, Kind::Username).key(lower));
        }
    }
}

/// The message after a label (`rest` starts at the label's end) opens with a lowercase word,
/// as chat does ("Dacre: confirmed, …"); a form's value opens with a capital or a number.
fn says_in_lowercase(rest: &str) -> bool {
    rest.trim_start_matches([']', '>', '*', ':', ' ', '\t'])
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

/// A chat label written in a script without capitals that may be a name: letters and marks
/// of another script only, at most three spaces, two to twelve letters, and no label of a
/// field or a role ("原因", "担当者", "고객").
fn native_label(label: &str) -> bool {
    let letters = label.chars().filter(|c| !c.is_whitespace()).count();
    let uncased = label.chars().all(|c| {
        // letters and combining marks (Devanagari vowel signs are no letters)
        c == ' '
            || (is_other_script(c) && !c.is_uppercase() && !c.is_lowercase() && !c.is_numeric())
    });
    let bare: String = label.chars().filter(|c| !c.is_whitespace()).collect();
    uncased
        && (2..=12).contains(&letters)
        && label.matches(' ').count() <= 3
        && label.chars().next().is_some_and(char::is_alphabetic)
        && !crate::detect::CJK_FIELD_LABELS.contains(&bare.as_str())
        && !crate::detect::CJK_ROLE_LABELS.contains(&bare.as_str())
        && !crate::detect::HONORIFIC_ROLES.contains(&bare.as_str())
}

/// Team or role names used as chat speakers ("dispatch: …", "biomed: …").
const SPEAKER_ROLES: &[&str] = &[
    // departments that speak in a channel
    "treasury",
    "payroll",
    "billing",
    "compliance",
    "fraud",
    "risk",
    "audit",
    "procurement",
    "logistics",
    "warehouse",
    "quality",
    "production",
    "planning",
    "engineering",
    "infosec",
    "it",
    "primary",
    "secondary",
    "tertiary",
    "shadow",
    "backup",
    "responder",
    "commander",
    "ic",
    "noc",
    "soc",
    "sre",
    "oncall",
    "dispatch",
    "mx",
    "maint",
    "maintenance",
    "biomed",
    "pharmacy",
    "security",
    "facilities",
    "tower",
    "ground",
    "crew",
    "ramp",
    "fo",
    "capt",
    "comms",
    "scribe",
    "bot",
    "system",
    "server",
    "client",
    "support",
    "helpdesk",
    "frontdesk",
    "triage",
    "lab",
    "radiology",
    "network",
    "netops",
    "dba",
    "dev",
    "devs",
    "qa",
    "legal",
    "hr",
    "finance",
    "sales",
    "shift",
    "nurse",
    "doctor",
    "pilot",
    "atc",
    "approach",
    "centre",
    "center",
    "ops",
    "sre",
    "oncall",
    "provider",
    "endpoint",
    "username",
    "token",
    "host",
    "port",
];

/// Markup tags that look like IRC speaker labels ("<div> …").
const HTML_TAGS: &[&str] = &[
    "a",
    "b",
    "i",
    "p",
    "u",
    "s",
    "em",
    "br",
    "hr",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "td",
    "tr",
    "th",
    "div",
    "span",
    "pre",
    "code",
    "html",
    "head",
    "body",
    "title",
    "meta",
    "link",
    "script",
    "style",
    "table",
    "thead",
    "tbody",
    "form",
    "input",
    "button",
    "label",
    "select",
    "option",
    "img",
    "svg",
    "path",
    "strong",
    "small",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "nav",
    "header",
    "footer",
    "main",
    "template",
    "slot",
    "xml",
    "root",
    "item",
    "entry",
    "value",
    "key",
    "string",
    "dict",
    "array",
    "config",
    "configuration",
    "dependency",
    "dependencies",
    "project",
    "version",
    "name",
    "property",
    "properties",
    "bean",
    "beans",
    "module",
    "plugin",
    "plugins",
    "build",
    "target",
    "source",
    "resource",
    "none",
    "stdin",
    "stdout",
    "stderr",
    "eof",
    "empty",
    "null",
    "nil",
    "redacted",
    "snip",
    "truncated",
    "omitted",
    "url",
    "host",
    "user",
    "id",
    "token",
    "password",
    "secret",
];

/// "@alice", "@bob.smith" (but not "@here", npm scopes or decorators).
pub(crate) fn handles(
    det: &Detectors,
    re: &Regex,
    text: &str,
    within: Option<&[(usize, usize)]>,
    facts: &mut DocFacts,
    out: &mut Vec<Cand>,
) {
    for c in crate::detect::captures(re, text, within) {
        let Some(h) = c.name("h") else { continue };
        let rest = &text[h.end()..];
        // a team in CODEOWNERS ("/infra/ @kestrel-analytics/platform") names the company; an
        // npm scope ("@babel/core") does not
        if rest.starts_with('/') && codeowners_line(text, h.start()) {
            let lower = h.as_str().to_lowercase();
            if !det.is_protected_term(h.as_str())
                && !crate::lexicon::PUBLIC_CODE_OWNERS.contains(&lower.as_str())
            {
                facts.orgs.push(lower.clone());
                out.push(Cand::new(h.start(), h.end(), Kind::Org).key(lower));
            }
            continue;
        }
        if rest.starts_with(['/', '(', '@'])
            || (rest.starts_with('.') && rest[1..].starts_with(|ch: char| ch.is_alphanumeric()))
        {
            continue;
        }
        // a JSON key ("@timestamp": …, "@version") or an annotation's, not a handle
        let quoted_key = text[..h.start()].ends_with("\"@") && rest.starts_with('"');
        if quoted_key {
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

/// The line holding `at` reads like CODEOWNERS: a path, then only owners.
fn codeowners_line(text: &str, at: usize) -> bool {
    let start = text[..at].rfind('\n').map_or(0, |p| p + 1);
    let end = text[at..].find('\n').map_or(text.len(), |p| at + p);
    let mut words = text[start..end].split_whitespace();
    let path = words.next().unwrap_or("");
    (path.starts_with('/') || path.starts_with('*') || path.contains('/'))
        && !path.starts_with('@')
        && words.all(|w| w.starts_with('@') || w.starts_with('#'))
}

/// "Thanks,\nAlice" and "-- Alice Smith" at the end of a message.
pub(crate) fn sign_offs(
    det: &Detectors,
    re: &Regex,
    text: &str,
    within: Option<&[(usize, usize)]>,
    facts: &mut DocFacts,
    out: &mut Vec<Cand>,
) {
    for c in crate::detect::captures(re, text, within) {
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

/// Words of two or three capitals that open lines of notes without naming anyone ("QA:",
/// "FYI —", "ETA: Friday").
const NOT_INITIALS: &[&str] = &[
    "QA", "DB", "IT", "HR", "PR", "OK", "NB", "FYI", "TBD", "TBC", "ETA", "RCA", "SRE", "OPS",
    "DEV", "UAT", "PRD", "API", "UI", "UX", "CI", "CD", "AWS", "GCP", "SLA", "SLO", "KPI", "MTTR",
    "PIR", "CAB", "MX", "ATC", "ED", "ICU", "OR", "ER", "RN", "MD", "PM", "AM", "PS", "RE", "FW",
    "CC", "BCC", "TO", "CEO", "CTO", "CFO", "CIO", "CISO", "COO", "VP", "IC", "OC", "SME", "POC",
    "WIP", "TODO", "NOTE", "INFO", "WARN", "ERR", "LOG", "SQL", "DNS", "CDN", "VPN", "MFA", "SSO",
    "TLS", "SSL", "CPU", "GPU", "RAM", "SSD", "OS", "VM", "LB", "GW", "DC", "US", "UK", "EU",
    "EMEA", "APAC", "LATAM", "NA", "AOB", "AI", "ML", "QC", "QE", "MES", "ERP", "CRM", "EHR",
    "EMR", "PACS", "RIS", "LIS", "ADT", "MAR", "PO", "SO", "WO", "NCR", "CAPA", "FMEA", "OEE",
    "KYC", "AML", "P1", "P2", "SEV", "DR", "BCP", "ISO", "SOC", "PCI", "GDPR", "HIPAA", "MEL",
    "AOG", "OCC", "MCC", "FO", "CA", "PIC", "SIC", "CRS", "DCS", "SCADA", "PLC", "HMI", "IOT",
    "TWR", "APP", "GND", "CTR", "DEP", "DEL", "ACC", "ATIS", "RA", "TA", "ACK", "NAK", "RX", "TX",
];

/// Two or three capitals that abbreviate a thing, not a person ("QA", "SRE", "ETA").
pub(crate) fn is_everyday_abbreviation(letters: &str) -> bool {
    NOT_INITIALS.contains(&letters)
}

/// Owners of action items written as initials: "JS: ownership matrix", "- PW: runbook entry",
/// "TW — induction check", "GN (Grzegorz Nowicki) — DOE report", "K.S. to add a runbook".
/// Initials that match a person named in the report take that person's key (and so the same
/// placeholder); other initials count only where the report lists actions: a line or heading
/// with "action", or two such owners or more.
/// Initials that close an action line after a dash, or come before "- due …":
/// (start, end, letters) within `line`.
fn trailing_owner(line: &str) -> Option<(usize, usize, String)> {
    let body = line.trim_end();
    let body = match body.rfind(" - due ").or_else(|| body.rfind(" – due ")) {
        Some(k) => &body[..k],
        None => body,
    };
    let k = body.rfind([' ', '\t'])?;
    let word = &body[k + 1..];
    let before = body[..k].trim_end();
    if !(before.ends_with(" -") || before.ends_with(" –") || before.ends_with(" —")) {
        return None;
    }
    let n = word.chars().count();
    if !(2..=3).contains(&n) || !word.chars().all(|c| c.is_uppercase() && c.is_alphabetic()) {
        return None;
    }
    Some((k + 1, k + 1 + word.len(), word.to_string()))
}

pub(crate) fn action_initials(
    text: &str,
    within: Option<&[(usize, usize)]>,
    people: &HashMap<String, String>,
    out: &mut Vec<Cand>,
) {
    // (start, end, initials) of every owner-shaped segment
    let mut owners: Vec<(usize, usize, String)> = Vec::new();
    let mut pos = 0;
    let mut actions_seen = false;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        actions_seen |= line
            .as_bytes()
            .windows(6)
            .any(|w| w.eq_ignore_ascii_case(b"action"))
            || line.trim_start().starts_with("AIs:");
        // a rescan reads only the lines its regions touch (the rest was read before)
        if outside_regions(within, line_start, pos) {
            continue;
        }
        // the owner after the task: "- [ ] expand synthetic queries - CL", "… - MO - due 11/12"
        if actions_seen {
            if let Some((a, z, letters)) = trailing_owner(line) {
                if people.contains_key(&letters) {
                    owners.push((line_start + a, line_start + z, letters));
                    continue;
                }
            }
        }
        // an owner's line starts with a capital after bullets and numbering, or holds ';'
        if !line.contains(';')
            && !line
                .trim_start_matches(|c: char| !c.is_alphabetic())
                .starts_with(char::is_uppercase)
        {
            continue;
        }
        let mut seg_start = line_start;
        for seg in line.split_inclusive(';') {
            let s0 = seg_start;
            seg_start += seg.len();
            // skip bullets, numbering and an "Actions:" lead
            let mut rest = seg;
            let mut off = 0;
            loop {
                let t = rest.trim_start_matches([' ', '\t', '-', '*', '•', '·', '–', '—', '>']);
                let t = t.trim_start_matches(|c: char| {
                    c.is_ascii_digit() || matches!(c, '.' | ')' | '(')
                });
                let t = t.trim_start_matches([' ', '\t']);
                let t = match t.find(':') {
                    Some(k)
                        if t[..k]
                            .get(..6)
                            .is_some_and(|w| w.eq_ignore_ascii_case("action"))
                            || matches!(t[..k].trim(), "AIs" | "AI" | "ToDo" | "TODO" | "Todo") =>
                    {
                        t[k + 1..].trim_start()
                    }
                    _ => t,
                };
                if t.len() == rest.len() {
                    break;
                }
                off += rest.len() - t.len();
                rest = t;
            }
            // the initials: two or three capitals, or "K.S."
            let mut chars = rest.char_indices();
            let mut end = 0;
            let mut letters = String::new();
            for (i, c) in chars.by_ref() {
                if c.is_uppercase() && c.is_alphabetic() {
                    letters.push(c);
                    end = i + c.len_utf8();
                } else if c == '.' && !letters.is_empty() {
                    end = i + 1;
                } else {
                    break;
                }
            }
            let token = &rest[..end];
            let dotted = token.contains('.');
            let n = letters.chars().count();
            // an abbreviation ("LB", "AM") owns an action only where a person named in the
            // report has those initials and the notes list actions
            let named = actions_seen && people.contains_key(&letters);
            if !(2..=3).contains(&n)
                || (dotted && token.matches('.').count() != n)
                || (NOT_INITIALS.contains(&letters.as_str()) && !named)
            {
                continue;
            }
            let after = &rest[end..];
            // "(Grzegorz Nowicki)" may follow the initials
            let after_paren = after
                .strip_prefix(" (")
                .and_then(|a| a.find(')').map(|k| &a[k + 1..]))
                .unwrap_or(after);
            let message = [":", " —", " –", " -", "—"]
                .iter()
                .find_map(|sep| after_paren.strip_prefix(sep))
                .map(|m| m.trim_start());
            // initials of a person named in the report own whatever follows
            if message.is_some() && people.contains_key(&letters) {
                let start = s0 + off;
                owners.push((start, start + end, letters));
                continue;
            }
            let owner = message.is_some_and(|m| {
                // a message in words: "ownership matrix", "Review the runbook"; not a
                // callsign or a code ("TWR: N8507")
                let word: &str = m.split([' ', ',', '.', ';']).next().unwrap_or("");
                let mut cs = word.chars();
                match cs.next() {
                    Some(c) if c.is_lowercase() => true,
                    Some(c) if c.is_uppercase() => {
                        let rest: Vec<char> = cs.collect();
                        !rest.is_empty() && rest.iter().all(|c| c.is_lowercase())
                    }
                    _ => false,
                }
            }) || after_paren
                .strip_prefix(" to ")
                .is_some_and(|m| m.starts_with(char::is_lowercase));
            if !owner {
                continue;
            }
            let start = s0 + off;
            owners.push((start, start + end, letters));
        }
    }
    named_initials(text, within, people, &mut owners);
    let distinct: std::collections::HashSet<&str> =
        owners.iter().map(|(_, _, l)| l.as_str()).collect();
    let listed_actions = actions_seen || distinct.len() >= 2;
    for (s, e, letters) in owners {
        let matched = people.get(&letters).cloned();
        if matched.is_none() && !listed_actions {
            continue;
        }
        let key = matched.unwrap_or_else(|| letters.to_lowercase());
        out.push(Cand::new(s, e, Kind::Person).key(key));
    }
}

/// A rescan reads only its regions (whole lines): `a..z` lies outside all of them. (`None`:
/// the whole text is read.)
pub(crate) fn outside_regions(within: Option<&[(usize, usize)]>, a: usize, z: usize) -> bool {
    within.is_some_and(|w| !w.iter().any(|&(ra, rz)| ra < z && a < rz))
}

/// Initials of a person named in the report, where notes credit or assign someone: "(HV)",
/// "(HV, due 15.04.)", "[WZ] Split …", "(vendor ticket, FQ)", "OB/SND:", "D.O. to update",
/// "thanks to MP", "Sign-off: V.M.", signed "X.V.". Only initials that match a person found
/// in the report count, and never the everyday abbreviations of [`NOT_INITIALS`].
fn named_initials(
    text: &str,
    within: Option<&[(usize, usize)]>,
    people: &HashMap<String, String>,
    owners: &mut Vec<(usize, usize, String)>,
) {
    if people.is_empty() {
        return;
    }
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += line.len();
        if outside_regions(within, line_start, pos) {
            continue;
        }
        for (s, e, letters) in initials_tokens(line) {
            if !people.contains_key(&letters) || NOT_INITIALS.contains(&letters.as_str()) {
                continue;
            }
            let before = &line[..s];
            let after = &line[e..];
            let prev = before.chars().next_back();
            let next = after.chars().next();
            let bracketed =
                matches!(prev, Some('(' | '[')) && matches!(next, Some(')' | ']' | ',' | ';'));
            // the last item of a parenthesis: "(vendor ticket, FQ)"
            let closing_item = before.ends_with(", ")
                && next == Some(')')
                && before
                    .rfind('(')
                    .is_some_and(|o| !before[o..].contains(')'));
            let is_initials = |t: &str| {
                initials_tokens(t)
                    .first()
                    .is_some_and(|(a, z, _)| *a == 0 && *z == t.len())
            };
            let paired = before
                .strip_suffix('/')
                .is_some_and(|b| is_initials(b.rsplit([' ', '\t', '-', '(']).next().unwrap_or("")))
                || after.strip_prefix('/').is_some_and(|a| {
                    is_initials(a.split([' ', '\t', ':', ')', ',']).next().unwrap_or(""))
                });
            let assigned = after
                .strip_prefix(" to ")
                .is_some_and(|m| m.starts_with(|c: char| c.is_lowercase()));
            let lead = before.trim_end_matches(['"', '“', '\'']).to_lowercase();
            let credited = [
                "thanks to ",
                "thanks ",
                "thank you ",
                "signed ",
                "sign-off: ",
                "signoff: ",
                "signed off by ",
                "signed-off-by: ",
                "initials ",
                "initialled ",
            ]
            .iter()
            .any(|cue| lead.ends_with(cue))
                || before
                    .strip_suffix(" and ")
                    .is_some_and(|head| is_initials(head.rsplit(' ').next().unwrap_or("")));
            if bracketed || closing_item || paired || assigned || credited {
                owners.push((line_start + s, line_start + e, letters));
            }
        }
    }
}

/// Tokens of two or three capitals ("HV", "ATV") or dotted initials ("D.O.", "V.M."), as
/// (start, end, letters), standing alone: no letter or digit touches them.
fn initials_tokens(line: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut it = line.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = it.next() {
        if !(c.is_uppercase() && c.is_alphabetic()) || prev.is_some_and(char::is_alphanumeric) {
            prev = Some(c);
            continue;
        }
        let mut letters = String::from(c);
        let mut end = i + c.len_utf8();
        let mut dots = 0;
        let mut last = c;
        while let Some(&(j, d)) = it.peek() {
            if d.is_uppercase() && d.is_alphabetic() && (dots == 0 || last == '.') {
                letters.push(d);
            } else if d == '.' && last != '.' && (dots > 0 || letters.chars().count() == 1) {
                dots += 1;
            } else {
                break;
            }
            last = d;
            end = j + d.len_utf8();
            it.next();
        }
        prev = Some(last);
        let n = letters.chars().count();
        let touching = line[end..]
            .chars()
            .next()
            .is_some_and(char::is_alphanumeric);
        let well_dotted = dots == 0 || dots == n;
        if (2..=3).contains(&n) && !touching && well_dotted {
            out.push((i, end, letters));
        }
    }
    out
}

/// Logins built from the name of a person found in the report: "Ntombi Zulu (nzulu)",
/// "Ilse Kortenhoeven / ikortenhoeven", "actor: d.morgan-ellis" after "Dylan Morgan-Ellis",
/// "grace.obi", "sindre_h", "haugland.s", with an optional number or short suffix
/// ("galbuquerque-orv"). `people` holds the keys (lowercase) of people of two words or more.
pub(crate) fn derived_logins(
    text: &str,
    within: Option<&[(usize, usize)]>,
    people: &[String],
    out: &mut Vec<Cand>,
) {
    // (first, last, last without its hyphen or apostrophe) of every name of plain letters,
    // accents folded as logins fold them: "Gärtner" is "gartner" or "gaertner", "Benítez"
    // "benitez"
    let names: Vec<(String, String, String)> = people
        .iter()
        .flat_map(|key| {
            let plain: String = key.chars().map(fold_char).collect();
            let german: String = key
                .replace('ä', "ae")
                .replace('ö', "oe")
                .replace('ü', "ue")
                .replace('ß', "ss")
                .chars()
                .map(fold_char)
                .collect();
            let mut variants = vec![plain];
            if german != variants[0] {
                variants.push(german);
            }
            variants
        })
        .filter_map(|folded| {
            let words: Vec<&str> = folded
                .split_whitespace()
                .filter(|w| !PARTICLES.contains(w))
                .collect();
            let (first, last) = (*words.first()?, *words.last()?);
            let plain = |w: &str| {
                w.len() >= 2
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'\'')
            };
            (words.len() >= 2 && plain(first) && plain(last)).then(|| {
                let joined = last.replace(['-', '\''], "");
                (first.to_string(), last.to_string(), joined)
            })
        })
        .collect();
    if names.is_empty() {
        return;
    }
    // A login starts with a whole first or last name or ends with the last name: the first and
    // last two letters of those names rule out most tokens before any name is compared (dense
    // reports name dozens of people, and every token was compared with each).
    let pair = |w: &[u8]| -> Option<[u8; 2]> { Some([*w.first()?, *w.get(1)?]) };
    let tail = |w: &str| {
        w.len()
            .checked_sub(2)
            .and_then(|i| pair(&w.as_bytes()[i..]))
    };
    let heads: Option<HashSet<[u8; 2]>> = names
        .iter()
        .flat_map(|(f, l, j)| [f, l, j])
        .map(|w| pair(w.as_bytes()))
        .collect();
    let tails: Option<HashSet<[u8; 2]>> = names
        .iter()
        .flat_map(|(_, l, j)| [l, j])
        .map(|w| tail(w))
        .collect();
    let bytes = text.as_bytes();
    let login_byte = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-');
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && login_byte(bytes[i]) {
            i += 1;
        }
        // a trailing full stop or hyphen ends the sentence, not the login
        let mut end = i;
        while end > start && matches!(bytes[end - 1], b'.' | b'-' | b'_') {
            end -= 1;
        }
        // short forms collide with words and codes
        if end - start < 5 {
            continue;
        }
        let glued_before = start > 0
            && (matches!(bytes[start - 1], b'@' | b'/' | b'\\' | b'$' | b'#')
                || bytes[start - 1] >= 0x80);
        let glued_after = bytes.get(end).is_some_and(|&b| b == b'@' || b >= 0x80)
            || (bytes.get(i) == Some(&b'(') && i == end);
        if glued_before || glued_after {
            continue;
        }
        if outside_regions(within, start, end) {
            continue;
        }
        let Some(token) = text.get(start..end) else {
            continue;
        };
        let lower = token.to_ascii_lowercase();
        // the login, or the login and a number or short suffix: "nzulu2", "galbuquerque-orv"
        let base = lower.trim_end_matches(|c: char| c.is_ascii_digit());
        let stem = base
            .rsplit_once(['-', '_'])
            .filter(|(_, suffix)| (1..=6).contains(&suffix.len()))
            .map(|(head, _)| head);
        let forms = [Some(lower.as_str()), Some(base), stem];
        if let (Some(heads), Some(tails)) = (&heads, &tails) {
            let head_known = pair(lower.as_bytes()).is_some_and(|p| heads.contains(&p));
            if !head_known
                && !forms
                    .iter()
                    .flatten()
                    .any(|t| tail(t).is_some_and(|p| tails.contains(&p)))
            {
                continue;
            }
        }
        let is_login_of = |first: &str, last: &str| {
            forms
                .iter()
                .flatten()
                .any(|t| t.len() >= 5 && login_form(t, first, last))
        };
        // every form starts with the whole first or last name or ends with the last name, and
        // every form tested is a prefix of `lower`: most tokens are out at these cheap tests
        let may_hold = |first: &str, last: &str| {
            lower.starts_with(first)
                || lower.starts_with(last)
                || forms.iter().flatten().any(|t| t.ends_with(last))
        };
        if names.iter().any(|(first, last, joined)| {
            (may_hold(first, last) || may_hold(first, joined))
                && (is_login_of(first, last) || is_login_of(first, joined))
        }) {
            out.push(Cand::new(start, end, Kind::Username).key(lower));
        }
    }
}

/// Logins shaped like a name with a dot, whoever they are: "amelie.roux", "kang.minjae"
/// (a given name and a surname, either order, the surname no English word), "planif.mgarcia",
/// "aruiz.cpt" (an initial and a surname, and a prefix or suffix).
pub(crate) fn name_logins(text: &str, within: Option<&[(usize, usize)]>, out: &mut Vec<Cand>) {
    let bytes = text.as_bytes();
    let login_byte = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-';
    let name = |p: &str| !is_english_word(p) && !is_common_word(p);
    let given = |p: &str| LISTS.given.contains(p);
    let surname = |p: &str| LISTS.surnames.contains(p) && name(p);
    let initial_surname = |p: &str| p.len() >= 5 && initial_and_surname(p);
    let mut last_end = 0;
    for (dot, _) in text.match_indices('.') {
        if dot < last_end
            || !bytes.get(dot + 1).is_some_and(u8::is_ascii_lowercase)
            || !dot
                .checked_sub(1)
                .and_then(|i| bytes.get(i))
                .is_some_and(u8::is_ascii_lowercase)
        {
            continue;
        }
        let mut start = dot;
        while start > 0 && login_byte(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = dot + 1;
        while end < bytes.len() && login_byte(bytes[end]) {
            end += 1;
        }
        last_end = end;
        // one dot, the token standing alone: no path, address, domain, call or accent
        let glued = |b: Option<&u8>| {
            b.is_some_and(|&b| {
                b >= 0x80
                    || b.is_ascii_alphanumeric()
                    || matches!(b, b'@' | b'/' | b'\\' | b'.' | b'$' | b'#' | b'(')
            })
        };
        // a full stop that ends the sentence is no domain's
        let full_stop = bytes.get(end) == Some(&b'.')
            && !bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric);
        if glued(start.checked_sub(1).and_then(|i| bytes.get(i)))
            || (glued(bytes.get(end)) && !full_stop)
            || outside_regions(within, start, end)
        {
            continue;
        }
        let (a, b) = (&text[start..dot], &text[dot + 1..end]);
        if !a.bytes().chain(b.bytes()).all(|c| c.is_ascii_lowercase()) || a.len() < 2 || b.len() < 2
        {
            continue;
        }
        let named = (given(a) && surname(b))
            || (surname(a) && given(b) && name(b))
            || (initial_surname(b) && a.len() >= 3)
            || (initial_surname(a) && (2..=4).contains(&b.len()));
        if named {
            out.push(Cand::new(start, end, Kind::Username).key(text[start..end].to_string()));
        }
    }
}

/// An initial and a surname written together, as logins are: "mgarcia", "rkoh" (the surname
/// of three letters or more and no English or common word).
pub(crate) fn initial_and_surname(p: &str) -> bool {
    p.get(1..).is_some_and(|r| {
        r.len() >= 3 && LISTS.surnames.contains(r) && !is_english_word(r) && !is_common_word(r)
    })
}

/// `t` is a login made of `first` and `last`: "nzulu", "ntombi.zulu", "ntombi_z", "zulu.n"…
fn login_form(t: &str, first: &str, last: &str) -> bool {
    let (Some(f0), Some(l0)) = (first.get(..1), last.get(..1)) else {
        return false;
    };
    let joined = |a: &str, sep: &str, b: &str| {
        t.len() == a.len() + sep.len() + b.len()
            && t.starts_with(a)
            && t[a.len()..].starts_with(sep)
            && t.ends_with(b)
    };
    ["", ".", "_", "-"]
        .iter()
        .any(|sep| joined(first, sep, last))
        || ["", ".", "_"]
            .iter()
            .any(|sep| joined(f0, sep, last) || joined(first, sep, l0))
        || ["", "."]
            .iter()
            .any(|sep| joined(last, sep, f0) || joined(last, sep, first))
}

/// Initials of a person's key ("julia schneider" -> "JS", "maria de la cruz" -> "MC" and
/// "MDC"): first and last word, and every word for names of three.
pub(crate) fn initials_of(key: &str) -> Vec<String> {
    let words: Vec<&str> = key
        .split_whitespace()
        .filter(|w| !PARTICLES.contains(w))
        .collect();
    let first = |w: &str| {
        w.chars()
            .next()
            .map(|c| c.to_uppercase().collect::<String>())
    };
    let mut out = Vec::new();
    if let (Some(a), Some(z)) = (words.first(), words.last()) {
        if words.len() >= 2 {
            if let (Some(a), Some(z)) = (first(a), first(z)) {
                out.push(format!("{a}{z}"));
            }
        }
    }
    if words.len() == 3 {
        let all: Option<String> = words.iter().map(|w| first(w)).collect();
        out.extend(all);
    }
    // every part, particles and hyphenated parts included: "Siobhán Ní Dhomhnaill" -> "SND",
    // "Lior Ben-Ami" -> "LBA"
    let parts: Vec<&str> = key.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    if (2..=3).contains(&parts.len()) {
        let all: Option<String> = parts.iter().map(|w| first(w)).collect();
        out.extend(all.filter(|a| !out.contains(a)));
    }
    out
}

/// A CJK letter: Han, kana or Hangul.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF       // hiragana, katakana
        | 0x3400..=0x4DBF     // Han extension A
        | 0x4E00..=0x9FFF     // Han
        | 0xAC00..=0xD7AF     // Hangul syllables
        | 0xF900..=0xFAFF) // Han compatibility
}

/// A letter or mark of a script other than Latin: Arabic, Hebrew, Greek, Cyrillic, Bengali,
/// Devanagari, Thai, CJK… (vowel signs and viramas included, brackets and commas not).
fn is_other_script(c: char) -> bool {
    !c.is_ascii()
        && !matches!(c as u32, 0x00A0..=0x024F | 0x0300..=0x036F | 0x1E00..=0x1EFF | 0x2000..=0x2BFF | 0x3000..=0x303F | 0xFF00..=0xFF65)
        && !c.is_whitespace()
}

/// Length of a name in another script at the start of `s`: two to forty letters, with at most
/// three spaces, middle dots or hyphens between its parts ("渡辺 健二", "张文杰", "محمد الهاشمي",
/// "נועה בן-דוד", "দেবশ্রী মুখার্জি").
fn native_name_len(s: &str) -> usize {
    let mut len = 0;
    let mut letters = 0;
    let mut gaps = 0;
    let mut last_gap = true;
    for c in s.chars() {
        if is_other_script(c) && !matches!(c, '・' | '·') {
            letters += 1;
            last_gap = false;
        } else if matches!(c, ' ' | '\u{3000}' | '・' | '·' | '-') && !last_gap && gaps < 3 {
            gaps += 1;
            last_gap = true;
        } else {
            break;
        }
        len += c.len_utf8();
    }
    let trimmed = s[..len]
        .trim_end_matches([' ', '\u{3000}', '・', '·', '-'])
        .len();
    if (2..=40).contains(&letters) {
        trimmed
    } else {
        0
    }
}

/// "Kenji Watanabe (渡辺 健二)", "Mohammed Al-Hashimi (محمد الهاشمي)", "张文杰 (Zhang Wenjie)":
/// a name in another script in brackets right after a person's name, or the name in brackets
/// after it, is the same person.
pub(crate) fn native_script_names(text: &str, cands: &mut Vec<Cand>) {
    let mut more = Vec::new();
    for c in cands.iter().filter(|c| c.kind == Kind::Person) {
        // a name in Latin script, and a space before the bracket: in CJK text a bracket right
        // after a name holds a role ("田中 健一(ライン長)", "Nguyen Van Hoa(実習生リーダー)")
        if text[c.start..c.end].chars().any(is_cjk) {
            continue;
        }
        let key = c.identity(text);
        // after: "Kenji Watanabe (渡辺 健二)"
        let rest = &text[c.end..];
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if gap == 0 {
            // only the "before" form below
        } else if let Some(inner) = rest[gap..]
            .strip_prefix('(')
            .or_else(|| rest[gap..].strip_prefix('（'))
        {
            let n = native_name_len(inner);
            let open = rest[gap..].len() - inner.len();
            if n > 0 && inner[n..].starts_with([')', '）', ',']) {
                let s = c.end + gap + open;
                more.push(Cand::new(s, s + n, Kind::Person).key(key.clone()));
            }
        }
        // before: "张文杰 (Zhang Wenjie)"
        let before = &text[..c.start];
        if let Some(b) = before
            .strip_suffix('(')
            .or_else(|| before.strip_suffix('（'))
        {
            let spaced = b.ends_with([' ', '\t']);
            let b = b.trim_end_matches([' ', '\t']);
            let start = b
                .char_indices()
                .rev()
                .take_while(|&(_, ch)| {
                    is_other_script(ch) || matches!(ch, ' ' | '\u{3000}' | '・' | '·' | '-')
                })
                .last()
                .map_or(b.len(), |(i, _)| i);
            let start = start + (b[start..].len() - b[start..].trim_start().len());
            let n = native_name_len(&b[start..]);
            if spaced && n > 0 && start + n == b.len() && text[c.end..].starts_with([')', '）']) {
                more.push(Cand::new(start, start + n, Kind::Person).key(key.clone()));
            }
        }
    }
    cands.extend(more);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_listed_words_share_a_key() {
        let mut words: std::collections::HashSet<String> = std::collections::HashSet::new();
        words.extend(crate::names::english_words().map(str::to_string));
        for list in [
            &LISTS.common,
            &LISTS.given,
            &LISTS.given_common,
            &LISTS.surnames,
        ] {
            words.extend(list.iter().cloned());
        }
        words.extend(
            crate::vocabulary::Vocabulary::builtin()
                .lowercase_terms()
                .map(|w| w.to_string()),
        );
        let keys: std::collections::HashSet<u64> = words.iter().map(|w| word_key(w)).collect();
        assert_eq!(keys.len(), words.len());
        assert!(WORD_CLASS.len() >= words.len(), "{}", WORD_CLASS.len());
    }
}
