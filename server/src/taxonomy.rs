//! Controlled vocabularies of the registry: industries, severities, failure patterns and
//! contributing factors. Technologies live in the scrubber crate's vocabulary file, which
//! the scrubber also uses to protect technical terms from redaction.

/// One entry of a controlled list: a stable slug used in URLs and the API, a display name
/// and a one-line description shown next to checkboxes and on aggregate pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
}

const fn term(slug: &'static str, name: &'static str, description: &'static str) -> Term {
    Term {
        slug,
        name,
        description,
    }
}

pub const INDUSTRIES: &[Term] = &[
    term(
        "software",
        "Software and internet services",
        "SaaS, web platforms, developer tools",
    ),
    term(
        "finance",
        "Finance and payments",
        "Banks, payment processors, trading, insurance",
    ),
    term(
        "healthcare",
        "Healthcare",
        "Hospitals, clinics, pharmacies, medical devices",
    ),
    term(
        "aviation",
        "Aviation",
        "Airlines, airports, air traffic, maintenance",
    ),
    term(
        "telecom",
        "Telecommunications",
        "Carriers, ISPs, network operators",
    ),
    term(
        "retail",
        "Retail and e-commerce",
        "Online and physical retail, marketplaces",
    ),
    term(
        "energy",
        "Energy and utilities",
        "Power, water, oil and gas, industrial control",
    ),
    term(
        "manufacturing",
        "Manufacturing",
        "Factories, supply chain, industrial automation",
    ),
    term(
        "government",
        "Government and public sector",
        "Public services, agencies, education",
    ),
    term(
        "media",
        "Media and gaming",
        "Streaming, publishing, online games",
    ),
    term(
        "transport",
        "Transport and logistics",
        "Rail, shipping, delivery, ride-hailing",
    ),
    term("other", "Other", "Anything that fits none of the above"),
];

pub const SEVERITIES: &[Term] = &[
    term(
        "near-miss",
        "Near miss",
        "Caught before anyone was affected",
    ),
    term(
        "minor",
        "Minor",
        "Limited impact, few people affected, quick recovery",
    ),
    term(
        "major",
        "Major",
        "Significant impact on many people or a core function",
    ),
    term(
        "critical",
        "Critical",
        "Complete outage, data loss, safety or security consequences",
    ),
];

pub const FAILURE_PATTERNS: &[Term] = &[
    term(
        "config-change",
        "Configuration change",
        "A configuration change introduced the failure",
    ),
    term(
        "bad-deploy",
        "Bad deploy",
        "A software release introduced a defect",
    ),
    term(
        "capacity-overload",
        "Capacity and overload",
        "Demand exceeded capacity or limits",
    ),
    term(
        "dependency-failure",
        "Dependency failure",
        "A service or vendor that the system depends on failed",
    ),
    term(
        "certificate-expiry",
        "Certificate expiry",
        "An expired or misissued certificate broke trust",
    ),
    term(
        "dns",
        "DNS",
        "Name resolution failed or returned wrong answers",
    ),
    term(
        "disk-full",
        "Disk full",
        "Storage ran out of space or inodes",
    ),
    term(
        "replication-failover",
        "Replication and failover",
        "Replication lag, split brain or a failover that misbehaved",
    ),
    term(
        "cache-stampede",
        "Cache stampede",
        "A cache flush or expiry sent the full load to the backend",
    ),
    term(
        "data-corruption",
        "Data corruption",
        "Data was lost, corrupted or silently wrong",
    ),
    term(
        "destructive-command",
        "Destructive command on the wrong target",
        "A command ran against the wrong host, database or environment",
    ),
    term(
        "clock-time",
        "Clock and time",
        "Clock skew, leap seconds, time zones or date arithmetic",
    ),
    term(
        "network-partition",
        "Network partition",
        "Parts of the system could not reach each other",
    ),
    term(
        "retry-storm",
        "Retry storm",
        "Retries amplified a small failure into a large one",
    ),
    term(
        "security-incident",
        "Security incident",
        "Unauthorised access, leaked credentials or an exploited flaw",
    ),
    term(
        "resource-leak",
        "Resource leak",
        "Memory, connections, file handles or threads leaked until exhaustion",
    ),
    term(
        "human-procedure",
        "Procedure deviation",
        "A manual step was skipped, reordered or misread",
    ),
];

pub const CONTRIBUTING_FACTORS: &[Term] = &[
    term(
        "communication-breakdown",
        "Communication breakdown",
        "Information did not reach the people who needed it",
    ),
    term(
        "unacknowledged-warning",
        "Unacknowledged warning",
        "A warning sign was present but not acted upon",
    ),
    term(
        "missing-procedure",
        "Missing or unfollowed procedure",
        "No checklist or runbook, or one that was not followed",
    ),
    term(
        "monitoring-gap",
        "Monitoring or alerting gap",
        "The failure was not detected by monitoring",
    ),
    term(
        "alert-fatigue",
        "Alert fatigue",
        "Too many alerts hid the one that mattered",
    ),
    term(
        "time-pressure",
        "Time pressure",
        "Deadlines or urgency pushed for shortcuts",
    ),
    term(
        "fatigue",
        "Fatigue",
        "People were tired, overworked or on call for too long",
    ),
    term(
        "change-management",
        "Change management",
        "The change was not reviewed, staged or announced",
    ),
    term(
        "documentation",
        "Documentation",
        "Documentation was missing, outdated or wrong",
    ),
    term(
        "training",
        "Training",
        "People lacked training for the situation",
    ),
    term(
        "error-prone-tooling",
        "Tooling that made the error easy",
        "The tool allowed or invited a dangerous action",
    ),
    term(
        "organisational-pressure",
        "Organisational pressure",
        "Incentives or culture discouraged caution",
    ),
];

/// Finds an entry of a controlled list by its slug.
pub fn find(list: &'static [Term], slug: &str) -> Option<&'static Term> {
    list.iter().find(|t| t.slug == slug)
}

/// The display name of a slug, or the slug itself when the list does not know it.
pub fn name_of(list: &'static [Term], slug: &str) -> String {
    find(list, slug).map_or_else(|| slug.to_string(), |t| t.name.to_string())
}

/// Cue phrases per failure pattern: a first, rule-based suggester (lower-case substrings).
/// A pattern is suggested when any of its cues occurs in the text.
const PATTERN_CUES: &[(&str, &[&str])] = &[
    (
        "config-change",
        &[
            "configuration change",
            "config change",
            "misconfigur",
            "bad config",
            "configuration error",
            "config push",
            "config error",
            "configuration update",
            "incorrect configuration",
            "invalid configuration",
            "configuration setting",
            "config update",
            "configuration was",
            "faulty configuration",
            "configuration deployment",
        ],
    ),
    (
        "bad-deploy",
        &[
            "bad deploy",
            "faulty deploy",
            "deployment introduced",
            "rolled back the release",
            "rollback of the release",
            "new release",
            "code change",
            "software update",
            "bug in the new",
            "regression",
            "rolled back",
            "roll back",
            "rollback",
            "new version",
            "software release",
            "code defect",
            "code deployment",
            "deployment of a",
        ],
    ),
    (
        "capacity-overload",
        &[
            "overload",
            "capacity",
            "traffic spike",
            "surge in traffic",
            "exhausted",
            "saturat",
            "too many connections",
            "thundering herd",
            "high load",
            "increase in traffic",
            "increased load",
            "spike in",
            "throttl",
            "resource exhaustion",
            "high cpu",
            "cpu utilization",
            "memory pressure",
            "heavy load",
            "unexpected load",
            "surge",
            "increase in requests",
            "higher than expected",
        ],
    ),
    (
        "dependency-failure",
        &[
            "third-party",
            "third party",
            "upstream provider",
            "vendor outage",
            "dependency failed",
            "provider outage",
            "downstream dependency",
            "upstream",
            "external dependency",
            "isp",
            "partner",
        ],
    ),
    (
        "certificate-expiry",
        &[
            "certificate expir",
            "expired certificate",
            "cert expir",
            "expired cert",
        ],
    ),
    ("dns", &["dns", "name resolution", "resolver"]),
    (
        "disk-full",
        &[
            "disk full",
            "out of disk",
            "no space left",
            "disk space",
            "filled the disk",
            "inode",
            "storage capacity",
            "ran out of space",
            "disk usage",
            "out of space",
        ],
    ),
    (
        "replication-failover",
        &[
            "failover",
            "fail over",
            "replication",
            "replica lag",
            "split brain",
            "split-brain",
            "promoted the replica",
        ],
    ),
    (
        "cache-stampede",
        &[
            "cache stampede",
            "cache flush",
            "cold cache",
            "cache was flushed",
            "cache miss storm",
            "thundering herd",
        ],
    ),
    (
        "data-corruption",
        &["corrupt", "data loss", "lost data", "inconsistent data"],
    ),
    (
        "destructive-command",
        &[
            "wrong database",
            "wrong server",
            "wrong cluster",
            "wrong environment",
            "rm -rf",
            "dropped the table",
            "deleted the production",
            "accidentally deleted",
            "truncated the table",
        ],
    ),
    (
        "clock-time",
        &[
            "leap second",
            "clock skew",
            "time zone",
            "timezone",
            "ntp",
            "daylight saving",
            "leap year",
        ],
    ),
    (
        "network-partition",
        &[
            "network partition",
            "partitioned",
            "fibre cut",
            "fiber cut",
            "network split",
            "lost connectivity",
            "network connectivity",
            "connectivity loss",
            "loss of connectivity",
            "network device",
            "router",
            "packet loss",
            "fiber",
            "fibre",
            "network infrastructure",
        ],
    ),
    (
        "retry-storm",
        &[
            "retry storm",
            "retries",
            "retry logic",
            "retrying clients",
            "exponential backoff",
        ],
    ),
    (
        "security-incident",
        &[
            "security incident",
            "unauthori",
            "breach",
            "leaked credential",
            "compromised",
            "ddos",
            "malicious",
            "vulnerability",
        ],
    ),
    (
        "resource-leak",
        &[
            "memory leak",
            "connection leak",
            "file descriptor",
            "leaked connections",
            "out of memory",
            "oom",
        ],
    ),
    (
        "human-procedure",
        &[
            "manual step",
            "skipped a step",
            "procedure was not followed",
            "checklist",
            "human error",
            "typo",
        ],
    ),
];

/// Cue phrases per contributing factor, written from the factor definitions (not fitted to
/// the labelled set in server/eval/). Same matching as the pattern cues.
const FACTOR_CUES: &[(&str, &[&str])] = &[
    (
        "communication-breakdown",
        &[
            "miscommunicat",
            "was not communicated",
            "were not communicated",
            "not informed",
            "were not aware",
            "was not aware",
            "did not know that",
            "didn't know that",
            "lack of communication",
            "communication gap",
            "communication breakdown",
            "not notified",
            "without notifying",
            "without informing",
            "handoff",
            "hand-off",
            "unaware that",
        ],
    ),
    (
        "unacknowledged-warning",
        &[
            "warning was ignored",
            "ignored the warning",
            "alert was ignored",
            "alerts were ignored",
            "was dismissed",
            "were dismissed",
            "earlier warning",
            "warning signs",
            "had been firing",
            "had fired",
            "was acknowledged but",
            "known issue",
            "previously reported",
            "early signs",
            "went unnoticed",
        ],
    ),
    (
        "missing-procedure",
        &[
            "no runbook",
            "runbook was",
            "missing runbook",
            "no playbook",
            "no documented procedure",
            "procedure was not followed",
            "did not follow the procedure",
            "not follow the process",
            "skipped a step",
            "checklist",
            "standard operating procedure",
            "manual process",
            "manual step",
            "no procedure",
        ],
    ),
    (
        "monitoring-gap",
        &[
            "no alert",
            "no alerting",
            "did not alert",
            "didn't alert",
            "did not trigger an alert",
            "lack of monitoring",
            "lack of alerting",
            "missing monitoring",
            "missing alert",
            "insufficient monitoring",
            "monitoring gap",
            "not monitored",
            "was not detected",
            "were not detected",
            "reported by customers",
            "customers reported",
            "customer reports",
            "users reported",
            "detected by a customer",
            "improve monitoring",
            "improve our monitoring",
            "add monitoring",
            "additional monitoring",
            "add alerting",
            "additional alerting",
            "improve alerting",
            "better alerting",
            "new alert",
            "visibility into",
        ],
    ),
    (
        "alert-fatigue",
        &[
            "alert fatigue",
            "noisy alert",
            "too many alerts",
            "flood of alerts",
            "alert noise",
            "false positive alerts",
            "alert storm",
            "alerts were noisy",
        ],
    ),
    (
        "time-pressure",
        &[
            "time pressure",
            "under pressure",
            "deadline",
            "rushed",
            "in a hurry",
            "urgent fix",
            "hotfix",
            "quick fix",
        ],
    ),
    (
        "fatigue",
        &[
            "fatigue",
            "exhausted engineer",
            "tired",
            "overworked",
            "burnout",
            "long shift",
            "middle of the night",
            "late at night",
            "sleep",
        ],
    ),
    (
        "change-management",
        &[
            "change management",
            "change review",
            "without review",
            "not reviewed",
            "peer review",
            "code review",
            "staged rollout",
            "staged deployment",
            "gradual rollout",
            "canary",
            "rolled out to all",
            "deployed to all",
            "all regions at once",
            "simultaneously to",
            "insufficient testing",
            "not tested",
            "wasn't tested",
            "was not caught in testing",
            "testing did not",
            "test coverage",
            "staging environment",
            "pre-production",
            "safe deployment",
            "deployment process",
            "rollout process",
        ],
    ),
    (
        "documentation",
        &[
            "documentation",
            "undocumented",
            "not documented",
            "outdated docs",
            "out-of-date docs",
            "out of date documentation",
            "runbook was outdated",
        ],
    ),
    (
        "training",
        &[
            "training",
            "unfamiliar with",
            "lack of knowledge",
            "lack of familiarity",
            "new to the team",
            "knowledge gap",
            "not trained",
            "inexperience",
        ],
    ),
    (
        "error-prone-tooling",
        &[
            "without confirmation",
            "no confirmation",
            "no safeguard",
            "lack of safeguards",
            "safeguards",
            "guardrail",
            "guard rail",
            "typo",
            "wrong command",
            "automation removed",
            "automation deleted",
            "automated process removed",
            "the tool allowed",
            "the script deleted",
            "mistakenly",
            "accidentally",
            "inadvertently",
            "unintentionally",
            "human error",
        ],
    ),
    (
        "organisational-pressure",
        &[
            "organisational pressure",
            "organizational pressure",
            "business pressure",
            "pressure to ship",
            "pressure to deliver",
            "management pressure",
            "cost cutting",
            "cost-cutting",
            "understaffed",
            "prioritised features",
            "prioritized features",
        ],
    ),
];

/// Suggests contributing factors from a report's text.
pub fn suggest_factors(text: &str) -> Vec<&'static str> {
    cued(FACTOR_CUES, text)
}

/// Suggests failure patterns from a report's text, most specific lists first.
pub fn suggest_patterns(text: &str) -> Vec<&'static str> {
    cued(PATTERN_CUES, text)
}

/// The slugs, in list order, of which at least one cue occurs in the text.
fn cued(cues: &[(&'static str, &[&str])], text: &str) -> Vec<&'static str> {
    let lower = text.to_lowercase();
    cues.iter()
        .filter(|(_, cues)| cues.iter().any(|cue| contains_word_prefix(&lower, cue)))
        .map(|(slug, _)| *slug)
        .collect()
}

/// Whether `cue` occurs starting at a word boundary (so "dns" does not match "fdnsx").
fn contains_word_prefix(haystack: &str, cue: &str) -> bool {
    haystack.match_indices(cue).any(|(at, _)| {
        haystack[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_suggested_from_cues() {
        let found = suggest_patterns(
            "The TLS certificate expired; DNS resolvers cached the failure. Failover did not help.",
        );
        assert!(found.contains(&"certificate-expiry"));
        assert!(found.contains(&"dns"));
        assert!(found.contains(&"replication-failover"));
        assert!(suggest_patterns("nothing relevant here, fdnsx").is_empty());
    }

    #[test]
    fn factors_are_suggested_from_cues_and_exist() {
        let found = suggest_factors(
            "Customers reported errors before any alert fired; the change was rolled out to all \
             regions at once and the runbook was outdated.",
        );
        for factor in ["monitoring-gap", "change-management", "documentation"] {
            assert!(found.contains(&factor), "{factor}: {found:?}");
        }
        assert!(suggest_factors("The disk failed.").is_empty());
        for (slug, _) in FACTOR_CUES {
            assert!(find(CONTRIBUTING_FACTORS, slug).is_some(), "{slug}");
        }
    }
}
