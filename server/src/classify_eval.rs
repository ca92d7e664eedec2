//! `registry classify-eval`: measures the failure-pattern suggester against labelled
//! postmortems. The labels come from the ISSRE'22 cloud postmortem study (root-cause
//! categories such as `internal causes/software bugs/config`), mapped onto this registry's
//! failure patterns where a mapping is unambiguous; only mapped labels are scored.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufRead;

use serde_json::Value;

use crate::taxonomy;

/// Root-cause category (suffix match on the `/`-joined path) → failure pattern.
const LABEL_MAP: &[(&str, &str)] = &[
    ("software bugs/config", "config-change"),
    ("software failures/config", "config-change"),
    ("config/DNS", "dns"),
    ("code change", "bad-deploy"),
    ("payload flood", "capacity-overload"),
    ("excessive flow", "capacity-overload"),
    ("insufficient resource", "capacity-overload"),
    (
        "insufficient resource/service capacity",
        "capacity-overload",
    ),
    ("insufficient resource/CPU", "capacity-overload"),
    ("insufficient resource/cpu", "capacity-overload"),
    ("insufficient resource/memory", "capacity-overload"),
    ("insufficient resource/network", "capacity-overload"),
    ("insufficient resource/disk", "disk-full"),
    ("software bugs/space", "disk-full"),
    ("third-party failures", "dependency-failure"),
    ("hardware failures/network", "network-partition"),
    ("hardware failures/fiber cut", "network-partition"),
    ("hardware failures/network device", "network-partition"),
    ("hardware failures/cable set", "network-partition"),
];

/// The patterns a record is labelled with, under the mapping.
pub fn gold_patterns(categories: &[String]) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    for category in categories {
        for (suffix, pattern) in LABEL_MAP {
            if category.ends_with(suffix) {
                out.insert(*pattern);
            }
        }
        if category.ends_with("/config/DNS") {
            out.insert("config-change");
        }
    }
    out
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Score {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Score {
    pub fn precision(self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

pub struct Evaluation {
    pub records: usize,
    pub scored: usize,
    /// Every label of the label space, scored.
    pub per_label: BTreeMap<String, Score>,
}

impl Evaluation {
    fn new<'a>(labels: impl IntoIterator<Item = &'a str>) -> Evaluation {
        Evaluation {
            records: 0,
            scored: 0,
            per_label: labels
                .into_iter()
                .map(|l| (l.to_string(), Score::default()))
                .collect(),
        }
    }

    /// Scores one record: every label of the space is a true or false positive, a false
    /// negative, or neither. Predictions outside the space are ignored.
    fn tally(&mut self, gold: &BTreeSet<String>, predicted: &BTreeSet<String>) {
        self.scored += 1;
        for (label, score) in self.per_label.iter_mut() {
            match (gold.contains(label), predicted.contains(label)) {
                (true, true) => score.tp += 1,
                (false, true) => score.fp += 1,
                (true, false) => score.fn_ += 1,
                (false, false) => {}
            }
        }
    }
}

/// The text a suggester reads from a corpus record: title, summary and body.
fn record_text(record: &Value) -> String {
    ["title", "summary", "body"]
        .iter()
        .filter_map(|f| record[f].as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn strings(record: &Value, field: &str) -> Vec<String> {
    record[field]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn owned(labels: Vec<&'static str>) -> BTreeSet<String> {
    labels.into_iter().map(str::to_string).collect()
}

/// Scores `taxonomy::suggest_patterns` on every record with at least one mapped label.
pub fn evaluate(input: impl BufRead) -> std::io::Result<Evaluation> {
    let labels: BTreeSet<&'static str> = LABEL_MAP.iter().map(|(_, p)| *p).collect();
    let mut evaluation = Evaluation::new(labels.iter().copied());
    for line in input.lines() {
        let line = line?;
        let Ok(record) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        evaluation.records += 1;
        let gold = owned(
            gold_patterns(&strings(&record, "categories"))
                .into_iter()
                .collect(),
        );
        if !gold.is_empty() {
            let predicted = owned(taxonomy::suggest_patterns(&record_text(&record)));
            evaluation.tally(&gold, &predicted);
        }
    }
    Ok(evaluation)
}

/// The table `registry classify-eval` prints.
pub fn report(evaluation: &Evaluation) -> String {
    table(evaluation, "failure-pattern", "classify-eval", 1)
}

/// The table `registry classify-eval --factors` prints.
pub fn factor_report(evaluation: &Evaluation) -> String {
    table(
        evaluation,
        "contributing-factor",
        "classify-eval factors",
        1,
    )
}

/// The table `registry classify-eval --technologies` prints: technologies with at least
/// three labelled reports, then the micro average over all.
pub fn technology_report(evaluation: &Evaluation) -> String {
    table(evaluation, "technology", "classify-eval technologies", 3)
}

/// Per-label rows (those with at least `min_support` gold labels), the micro average over
/// every label, and a one-line summary that tests and scripts read.
fn table(evaluation: &Evaluation, what: &str, summary: &str, min_support: usize) -> String {
    let mut out = format!(
        "{what} suggester on {} labelled records (of {} read)\n\n{:<26} {:>7} {:>9} {:>7} {:>6}\n",
        evaluation.scored, evaluation.records, "label", "support", "precision", "recall", "f1"
    );
    let row = |label: &str, score: Score| {
        format!(
            "{:<26} {:>7} {:>9.2} {:>7.2} {:>6.2}\n",
            label,
            score.tp + score.fn_,
            score.precision(),
            score.recall(),
            score.f1()
        )
    };
    let mut total = Score::default();
    for (label, score) in &evaluation.per_label {
        if score.tp + score.fn_ >= min_support {
            out.push_str(&row(label, *score));
        }
        total.tp += score.tp;
        total.fp += score.fp;
        total.fn_ += score.fn_;
    }
    out.push_str(&row("micro average (all)", total));
    out.push_str(&format!(
        "{summary}: records={} precision={:.3} recall={:.3} f1={:.3}\n",
        evaluation.scored,
        total.precision(),
        total.recall(),
        total.f1()
    ));
    out
}

/// The technology suggester measured on records whose technologies are labelled: the
/// `technologies` of the Kubernetes failure stories, the `services` of the ISSRE'22 cloud
/// postmortems, the `categories` of the DFDS postmortems. A label counts when the vocabulary
/// recognises it; the suggester (vocabulary mentions in title, summary and body, names of
/// more than two letters, as on the preview page) is scored within the technologies that
/// occur as labels in the file, since a file's labels name only part of what its texts
/// mention.
pub fn evaluate_technologies(input: impl BufRead) -> std::io::Result<Evaluation> {
    let vocabulary = scrubber::vocabulary::Vocabulary::builtin();
    let mut labelled: Vec<(BTreeSet<String>, String)> = Vec::new();
    let mut records = 0;
    for line in input.lines() {
        let line = line?;
        let Ok(record) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        records += 1;
        let gold: BTreeSet<String> = ["technologies", "services", "categories"]
            .iter()
            .flat_map(|field| strings(&record, field))
            .filter_map(|label| vocabulary.lookup(&label).map(|(tech, _)| tech.slug.clone()))
            .collect();
        labelled.push((gold, record_text(&record)));
    }
    let label_space: BTreeSet<String> = labelled
        .iter()
        .flat_map(|(gold, _)| gold.iter().cloned())
        .collect();
    let mut evaluation = Evaluation::new(label_space.iter().map(String::as_str));
    evaluation.records = records;
    for (gold, text) in labelled.iter().filter(|(gold, _)| !gold.is_empty()) {
        let predicted: BTreeSet<String> = vocabulary
            .find_in_text(text)
            .into_iter()
            .filter(|(tech, _)| tech.name.chars().count() > 2)
            .map(|(tech, _)| tech.slug.clone())
            .collect();
        evaluation.tally(gold, &predicted);
    }
    Ok(evaluation)
}

/// The contributing-factor suggester measured on records labelled by reading (the file
/// server/eval/contributing-factors.jsonl: `file`, `id`, `factors`), whose texts are looked up
/// in the corpus directory. Records labelled with no factor count too: every factor
/// suggested for them is a false positive.
pub fn evaluate_factors(
    labels: impl BufRead,
    corpus_dir: &std::path::Path,
) -> std::io::Result<Evaluation> {
    use std::collections::HashMap;
    let mut wanted: Vec<(String, String, BTreeSet<String>)> = Vec::new();
    for line in labels.lines() {
        let line = line?;
        let Ok(record) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let (Some(file), Some(id)) = (record["file"].as_str(), record["id"].as_str()) else {
            continue;
        };
        let factors = strings(&record, "factors").into_iter().collect();
        wanted.push((file.to_string(), id.to_string(), factors));
    }
    let mut texts: HashMap<(String, String), String> = HashMap::new();
    let files: BTreeSet<&String> = wanted.iter().map(|(file, _, _)| file).collect();
    for file in files {
        let reader = std::io::BufReader::new(std::fs::File::open(corpus_dir.join(file))?);
        for line in reader.lines() {
            let line = line?;
            let Ok(record) = serde_json::from_str::<Value>(&line) else {
                continue;
            };
            let id = match &record["id"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            texts.insert((file.clone(), id), record_text(&record));
        }
    }
    let mut evaluation = Evaluation::new(taxonomy::CONTRIBUTING_FACTORS.iter().map(|t| t.slug));
    evaluation.records = wanted.len();
    for (file, id, gold) in &wanted {
        if let Some(text) = texts.get(&(file.clone(), id.clone())) {
            evaluation.tally(gold, &owned(taxonomy::suggest_factors(text)));
        }
    }
    Ok(evaluation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn factor_labels_join_the_corpus_by_file_and_id() -> std::io::Result<()> {
        let dir = std::env::temp_dir().join(format!("factor-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        std::fs::write(
            dir.join("c.jsonl"),
            "{\"id\":\"a\",\"title\":\"Customers reported errors; no alert fired\"}\n\
             {\"id\":\"b\",\"body\":\"The disk failed. The runbook was outdated.\"}\n",
        )?;
        let labels = "{\"file\":\"c.jsonl\",\"id\":\"a\",\"factors\":[\"monitoring-gap\"]}\n\
                      {\"file\":\"c.jsonl\",\"id\":\"b\",\"factors\":[]}\n\
                      {\"file\":\"c.jsonl\",\"id\":\"missing\",\"factors\":[]}";
        let evaluation = evaluate_factors(labels.as_bytes(), &dir)?;
        std::fs::remove_dir_all(&dir)?;
        assert_eq!((evaluation.records, evaluation.scored), (3, 2));
        let monitoring = evaluation.per_label["monitoring-gap"];
        assert_eq!((monitoring.tp, monitoring.fp, monitoring.fn_), (1, 0, 0));
        let documentation = evaluation.per_label["documentation"];
        assert_eq!(documentation.fp, 1, "suggested without a label");
        assert!(factor_report(&evaluation).contains("classify-eval factors: records=2"));
        Ok(())
    }

    #[test]
    fn technology_labels_are_scored_within_the_label_space() -> std::io::Result<()> {
        let input = r#"{"title":"etcd quorum lost on Kubernetes","summary":"We ran PostgreSQL too.","technologies":["Kubernetes","etcd"]}
{"title":"Redis eviction storm","body":"etcd was fine","technologies":["Redis"]}
{"title":"no labels","technologies":["Something unknown"]}"#;
        let evaluation = evaluate_technologies(input.as_bytes())?;
        assert_eq!((evaluation.records, evaluation.scored), (3, 2));
        let etcd = evaluation.per_label["etcd"];
        assert_eq!((etcd.tp, etcd.fp, etcd.fn_), (1, 1, 0));
        assert!(
            !evaluation.per_label.contains_key("postgresql"),
            "outside the labels"
        );
        let report = technology_report(&evaluation);
        assert!(report.contains("records=2"), "{report}");
        Ok(())
    }

    #[test]
    fn labels_map_onto_patterns() {
        let gold = gold_patterns(&[
            "internal causes/software bugs/config/DNS".into(),
            "external causes/insufficient resource/disk".into(),
        ]);
        assert!(
            gold.contains("dns") && gold.contains("config-change") && gold.contains("disk-full")
        );
        assert!(
            !gold.contains("capacity-overload"),
            "disk is not capacity: {gold:?}"
        );
        assert!(gold_patterns(&["unknown".into()]).is_empty());
    }
}
