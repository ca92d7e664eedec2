//! The technology vocabulary: canonical names, categories and aliases.
//!
//! It is shared with the registry's taxonomy and protects technology names from
//! being redacted as people or organisations.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use once_cell::sync::Lazy;
use serde::{Deserialize, Serialize};

const BUILTIN_TOML: &str = include_str!("../data/technologies.toml");

/// One technology of the vocabulary.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Technology {
    pub slug: String,
    pub name: String,
    pub category: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Deserialize)]
struct File {
    #[serde(default)]
    technology: Vec<Technology>,
}

/// A parsed vocabulary with a case-insensitive index over names, slugs and aliases.
pub struct Vocabulary {
    entries: Vec<Technology>,
    /// lowercase term -> entry index
    index: HashMap<String, usize>,
    /// terms in the order of `matcher` patterns: (entry index, term as written, needs exact case)
    terms: Vec<(usize, String, bool)>,
    matcher: Option<AhoCorasick>,
}

impl std::fmt::Debug for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vocabulary")
            .field("entries", &self.entries.len())
            .finish()
    }
}

static BUILTIN: Lazy<Vocabulary> = Lazy::new(|| match Vocabulary::from_toml(BUILTIN_TOML) {
    Ok(v) => v,
    Err(e) => {
        eprintln!(
            "scrubber: built-in technology vocabulary is malformed ({e}); using an empty one"
        );
        Vocabulary::from_entries(Vec::new())
    }
});

/// Aliases that are ordinary words (or too short) to be recognised in free text unless
/// written exactly as in the vocabulary.
fn is_ambiguous_term(term: &str) -> bool {
    let lower = term.to_ascii_lowercase();
    lower.chars().count() <= 3
        || crate::names::is_common_word(&lower)
        || AMBIGUOUS.contains(&lower.as_str())
}

const AMBIGUOUS: &[&str] = &[
    "spring",
    "swift",
    "spark",
    "epic",
    "lambda",
    "hive",
    "bind",
    "salt",
    "flux",
    "drone",
    "swarm",
    "zoom",
    "vault",
    "neon",
    "harbor",
    "rook",
    "nexus",
    "historian",
    "consul",
    "tempo",
    "teams",
    "node",
    "chef",
    "puppet",
    "packer",
    "ruby",
    "rust",
    "julia",
    "go",
    "celery",
    "marathon",
    "presto",
    "druid",
    "pinot",
    "caddy",
    "kong",
    "envoy",
    "squid",
    "flannel",
    "calico",
    "unbound",
    "falco",
    "cargo",
    "yarn",
    "pip",
    "duo",
    "aurora",
    "athena",
    "rails",
    "react",
    "angular",
    "flask",
    "graphite",
    "sentry",
    "honeycomb",
    "git",
    "windows",
    "teams",
    "autopilot",
    "transponder",
    "ventilator",
    "pacemaker",
    "defibrillator",
    "pitot",
    "sis",
    "ads",
    "mri",
    "longhorn",
    "bamboo",
    "tomcat",
    "jetty",
    "glacier",
    "snowflake",
    "redshift",
    "scala",
    "dash",
    "dex",
    "loki",
    "thanos",
    "jaeger",
    "rancher",
    "helm",
    "argo",
    "tekton",
    "nomad",
    "packer",
];

impl Vocabulary {
    /// The vocabulary shipped with the crate, parsed once.
    pub fn builtin() -> &'static Vocabulary {
        &BUILTIN
    }

    /// Parse a vocabulary from TOML (`[[technology]]` tables).
    pub fn from_toml(src: &str) -> Result<Vocabulary, toml::de::Error> {
        let file: File = toml::from_str(src)?;
        Ok(Vocabulary::from_entries(file.technology))
    }

    /// Build a vocabulary from entries.
    pub fn from_entries(entries: Vec<Technology>) -> Vocabulary {
        let mut index = HashMap::new();
        let mut terms: Vec<(usize, String, bool)> = Vec::new();
        for (i, t) in entries.iter().enumerate() {
            let mut push = |term: &str| {
                let term = term.trim();
                if term.is_empty() {
                    return;
                }
                let lower = term.to_lowercase();
                index.entry(lower).or_insert(i);
                terms.push((i, term.to_string(), is_ambiguous_term(term)));
            };
            push(&t.name);
            push(&t.slug);
            for a in &t.aliases {
                push(a);
            }
        }
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(terms.iter().map(|(_, t, _)| t.as_str()))
            .ok();
        Vocabulary {
            entries,
            index,
            terms,
            matcher,
        }
    }

    /// All technologies, in file order.
    pub fn entries(&self) -> &[Technology] {
        &self.entries
    }

    /// Every lowercase name, slug and alias.
    pub(crate) fn lowercase_terms(&self) -> impl Iterator<Item = &str> {
        self.index.keys().map(String::as_str)
    }

    /// Whether `term` (any case) is a name, slug or alias of a technology.
    pub fn contains_term(&self, term: &str) -> bool {
        let t = term.trim();
        if t.is_empty() {
            return false;
        }
        if t.bytes().all(|b| !b.is_ascii_uppercase()) {
            return self.index.contains_key(t);
        }
        self.index.contains_key(&t.to_lowercase())
    }

    /// Resolve a mention such as "MySQL 5.7", "nginx/1.18", "k8s 1.27" or "Postgres".
    pub fn lookup(&self, mention: &str) -> Option<(&Technology, Option<String>)> {
        let m = mention.trim();
        if m.is_empty() {
            return None;
        }
        if let Some(&i) = self.index.get(&m.to_lowercase()) {
            return self.entries.get(i).map(|t| (t, None));
        }
        let (base, version) = split_version(m)?;
        let &i = self.index.get(&base.to_lowercase())?;
        self.entries.get(i).map(|t| (t, Some(version.to_string())))
    }

    /// Mentions of terms in `text` on word boundaries, with the case an ambiguous term needs:
    /// (start, end, entry index, term as written).
    fn mentions<'a>(
        &'a self,
        text: &'a str,
    ) -> impl Iterator<Item = (usize, usize, usize, &'a str)> {
        let bytes = text.as_bytes();
        self.matcher.iter().flat_map(move |matcher| {
            matcher.find_iter(text).filter_map(move |m| {
                let (s, e) = (m.start(), m.end());
                let (idx, term, exact) = self.terms.get(m.pattern().as_usize())?;
                let first_word = term.bytes().next().is_some_and(is_word_byte);
                let last_word = term.bytes().last().is_some_and(is_word_byte);
                let glued = (first_word && s > 0 && is_word_byte(bytes[s - 1]))
                    || (last_word && e < bytes.len() && is_word_byte(bytes[e]));
                let wrong_case = *exact && &text[s..e] != term.as_str();
                (!glued && !wrong_case).then_some((s, e, *idx, term.as_str()))
            })
        })
    }

    /// Byte spans of the technologies of several words mentioned in `text` ("Elastic Load
    /// Balancer", "Global Secondary Index"), in text order: no word inside one is a name.
    pub(crate) fn phrase_spans(&self, text: &str) -> Vec<(usize, usize)> {
        self.mentions(text)
            .filter(|(_, _, _, term)| term.contains(' '))
            .map(|(s, e, _, _)| (s, e))
            .collect()
    }

    /// Every technology mentioned in free text, deduplicated by slug, in order of first mention.
    pub fn find_in_text(&self, text: &str) -> Vec<(&Technology, Option<String>)> {
        let mut out: Vec<(&Technology, Option<String>)> = Vec::new();
        for (_, e, idx, _) in self.mentions(text) {
            let Some(tech) = self.entries.get(idx) else {
                continue;
            };
            let version = version_after(&text[e..]);
            if let Some(existing) = out.iter_mut().find(|(t, _)| t.slug == tech.slug) {
                if existing.1.is_none() && version.is_some() {
                    existing.1 = version;
                }
                continue;
            }
            out.push((tech, version));
        }
        out
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80
}

/// Split "MySQL 5.7" / "nginx/1.18" / "postgres:15" / "python3.11" into base and version.
fn split_version(m: &str) -> Option<(&str, &str)> {
    let bytes = m.as_bytes();
    // the version is the longest suffix made of digits, dots and letters after a digit
    let mut start = bytes.len();
    while start > 0 {
        let b = bytes[start - 1];
        if b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+' || b.is_ascii_alphabetic() {
            start -= 1;
        } else {
            break;
        }
    }
    // move start forward to the first digit (allowing a leading v)
    let tail = &m[start..];
    let digit_pos = tail.find(|c: char| c.is_ascii_digit())?;
    let vstart = start + digit_pos;
    let before = &m[..vstart];
    let mut base = before;
    if let Some(stripped) = base.strip_suffix(['v', 'V']) {
        if stripped.ends_with([' ', '/', '@', ':', '-', '_']) {
            base = stripped;
        }
    }
    let base = base.trim_end_matches([' ', '/', '@', ':', '-', '_', '=']);
    if base.is_empty() {
        return None;
    }
    // a base made only of letters glued to the version ("python3.11") is fine
    let version = &m[vstart..];
    if version.is_empty() || !version.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some((base, version))
}

/// A version right after a technology mention: " 5.7", "/1.18", " v2.4.1", ":15", "@3".
fn version_after(rest: &str) -> Option<String> {
    let b = rest.as_bytes();
    let mut i = 0;
    let mut sep = 0u8;
    if i < b.len() && matches!(b[i], b' ' | b'/' | b'@' | b':' | b'-') {
        sep = b[i];
        i += 1;
    }
    let mut had_v = false;
    if i < b.len() && (b[i] == b'v' || b[i] == b'V') {
        had_v = true;
        i += 1;
    }
    let start = i;
    while i < b.len()
        && (b[i].is_ascii_digit() || (b[i] == b'.' && i + 1 < b.len() && b[i + 1].is_ascii_digit()))
    {
        i += 1;
    }
    if i == start {
        return None;
    }
    if i < b.len() && (b[i].is_ascii_alphabetic() || b[i] == b'_') {
        // "Postgres 14days"
        return None;
    }
    let v = &rest[start..i];
    let ok = match sep {
        b'/' | b'@' | b':' => true,
        _ => v.contains('.') || had_v,
    };
    ok.then(|| v.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_is_large() {
        let v = Vocabulary::from_toml(BUILTIN_TOML).unwrap();
        assert!(v.entries().len() >= 250, "{}", v.entries().len());
        let mut slugs = std::collections::HashSet::new();
        for t in v.entries() {
            assert!(slugs.insert(t.slug.clone()), "duplicate slug {}", t.slug);
            assert_eq!(t.category, t.category.to_lowercase());
        }
        assert_eq!(Vocabulary::builtin().entries().len(), v.entries().len());
    }

    #[test]
    fn lookup_examples() {
        let v = Vocabulary::builtin();
        let (t, ver) = v.lookup("MySQL 5.7").unwrap();
        assert_eq!((t.slug.as_str(), ver.as_deref()), ("mysql", Some("5.7")));
        let (t, ver) = v.lookup("nginx/1.18").unwrap();
        assert_eq!((t.slug.as_str(), ver.as_deref()), ("nginx", Some("1.18")));
        let (t, ver) = v.lookup("k8s 1.27").unwrap();
        assert_eq!(
            (t.slug.as_str(), ver.as_deref()),
            ("kubernetes", Some("1.27"))
        );
        let (t, ver) = v.lookup("  Postgres ").unwrap();
        assert_eq!((t.slug.as_str(), ver), ("postgresql", None));
        let (t, ver) = v.lookup("postgres:15").unwrap();
        assert_eq!(
            (t.slug.as_str(), ver.as_deref()),
            ("postgresql", Some("15"))
        );
        let (t, ver) = v.lookup("Redis v7.2.4").unwrap();
        assert_eq!((t.slug.as_str(), ver.as_deref()), ("redis", Some("7.2.4")));
        assert!(v.lookup("definitely not a tech").is_none());
        assert!(v.lookup("").is_none());
    }

    #[test]
    fn find_in_text_examples() {
        let v = Vocabulary::builtin();
        let found = v.find_in_text(
            "After upgrading k8s 1.27 the Postgres primary and nginx/1.18 fell over; postgres again. We go home.",
        );
        let slugs: Vec<(&str, Option<&str>)> = found
            .iter()
            .map(|(t, ver)| (t.slug.as_str(), ver.as_deref()))
            .collect();
        assert_eq!(
            slugs,
            vec![
                ("kubernetes", Some("1.27")),
                ("postgresql", None),
                ("nginx", Some("1.18"))
            ]
        );
        assert!(v.find_in_text("TCAS issued an RA; ADS-B out failed").len() >= 2);
        assert!(v.find_in_text("").is_empty());
    }
}
