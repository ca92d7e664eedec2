//! Open data: importing public postmortem collections and our own export, bulk export in
//! JSON Lines and CSV, Atom feeds, and the paginated report list.

use std::path::PathBuf;

use serde_json::Value;

use crate::both_backends;
use crate::helpers::{Backend, TestApp};

fn corpus_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")
}

fn count_in(output: &str, pattern: &str) -> usize {
    crate::helpers::capture(output, pattern)
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

async fn imports_every_corpus_file_once(backend: Backend) {
    let dir = corpus_dir();
    if !dir.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have ../shared/corpus"
        );
        eprintln!("{} absent: skipping", dir.display());
        return;
    }
    let app = TestApp::spawn(backend).await;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    let mut total = 0;
    for file in &files {
        let lines = std::fs::read_to_string(file)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .count();
        let path = file.to_str().unwrap();
        let out = app.cli_ok(&["import", "--publish", path]);
        assert_eq!(
            count_in(&out, r"imported (\d+) reports"),
            lines,
            "{path}: {out}"
        );
        assert_eq!(count_in(&out, r"(\d+) malformed"), 0, "{path}: {out}");
        let again = app.cli_ok(&["import", "--publish", path]);
        assert_eq!(
            count_in(&again, r"imported (\d+) reports"),
            0,
            "a second run imports nothing: {again}"
        );
        assert_eq!(count_in(&again, r"(\d+) already imported"), lines);
        total += lines;
    }
    assert_eq!(app.submissions_with_status("published").await, total as i64);
    app.wait_for_total("q=", total as u64, std::time::Duration::from_secs(20))
        .await;
}
both_backends!(imports_every_corpus_file_once);

async fn malformed_lines_are_reported_and_skipped(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mixed.jsonl");
    let good = |id: &str| {
        serde_json::json!({
            "source": "test/collection", "id": id, "title": "Quuxcorp outage from a bad DNS change",
            "organization": "Quuxcorp", "summary": "Quuxcorp pushed a DNS change. Write to ops@quuxcorp.example for details.",
            "date": "2021-04-02", "technologies": ["Route 53"]
        })
        .to_string()
    };
    let body = [
        good("a"),
        "{not json".into(),
        "[1, 2]".into(),
        r#"{"source": "x", "title": "no id"}"#.into(),
        String::new(),
        good("b"),
    ]
    .join("\n");
    std::fs::write(&file, body).unwrap();
    let out = app.cli(&["import", file.to_str().unwrap()]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(count_in(&stdout, r"imported (\d+) reports"), 2, "{stdout}");
    assert!(stdout.contains("pending review"));
    for line in [
        "line 2: skipped: invalid JSON",
        "line 3: skipped: not a JSON object",
        "line 4: skipped: record without an id",
    ] {
        assert!(stderr.contains(line), "{line} in {stderr}");
    }
    assert_eq!(
        app.submissions_with_status("pending").await,
        2,
        "imported records wait for review"
    );
    let again = app.cli_ok(&["import", file.to_str().unwrap()]);
    assert_eq!(count_in(&again, r"(\d+) already imported"), 2);

    // The organisation is a declared term: redacted everywhere, with the email.
    let published = app.cli_ok(&["import", "--publish", file.to_str().unwrap()]);
    assert_eq!(
        count_in(&published, r"imported (\d+) reports"),
        0,
        "already imported, even as pending"
    );
    let (_, feed_or_export) = app.get_text("/export/reports.jsonl").await;
    assert!(
        feed_or_export.is_empty(),
        "pending imports are not exported"
    );
    assert!(!std::fs::read_dir(app.data_path())
        .unwrap()
        .flatten()
        .any(|e| {
            std::fs::read(e.path())
                .is_ok_and(|b| crate::helpers::contains_bytes(&b, "ops@quuxcorp"))
        }));
}
both_backends!(malformed_lines_are_reported_and_skipped);

async fn export_reimports_losslessly(backend: Backend) {
    let source =
        TestApp::spawn_with(backend.clone(), &["serve", "--demo", "--demo-count", "40"]).await;
    let corpus = corpus_dir().join("k8s-failure-stories.jsonl");
    if corpus.is_file() {
        source.cli_ok(&["import", "--publish", corpus.to_str().unwrap()]);
    }
    let res = source.get("/export/reports.jsonl").await;
    assert_eq!(res.status().as_u16(), 200);
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/x-ndjson"));
    let exported = res.text().await.unwrap();
    let records: Vec<Value> = exported
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let published = source.submissions_with_status("published").await as usize;
    assert_eq!(records.len(), published);
    assert!(records
        .iter()
        .all(|r| !r["rules_version"].as_str().unwrap().is_empty()));
    // The CLI export is the same data.
    assert_eq!(source.cli_ok(&["export"]), exported);

    let csv_body = source
        .get("/export/reports.csv")
        .await
        .text()
        .await
        .unwrap();
    let mut reader = csv::Reader::from_reader(csv_body.as_bytes());
    assert_eq!(reader.headers().unwrap().get(0), Some("id"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), published);
    assert_eq!(rows[0].get(0), records[0]["id"].as_str());

    let target = TestApp::spawn(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("export.jsonl");
    std::fs::write(&file, &exported).unwrap();
    let out = target.cli_ok(&["import", "--publish", file.to_str().unwrap()]);
    assert_eq!(
        count_in(&out, r"imported (\d+) reports"),
        published,
        "{out}"
    );
    let reexported = target
        .get("/export/reports.jsonl")
        .await
        .text()
        .await
        .unwrap();
    let again: Vec<Value> = reexported
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(again.len(), records.len());
    for (before, after) in records.iter().zip(&again) {
        assert_eq!(before, after, "round trip changed a record");
    }
}
both_backends!(export_reimports_losslessly);

async fn feeds_are_valid_atom_with_month_dates(backend: Backend) {
    let app = TestApp::spawn_with(backend, &["serve", "--demo", "--demo-count", "70"]).await;
    let (_, index) = app.get_text("/").await;
    assert!(
        index.contains(r#"type="application/atom+xml""#) && index.contains("/feeds/reports.atom")
    );
    let read =
        |body: String| atom_syndication::Feed::read_from(body.as_bytes()).expect("valid Atom");
    let res = app.get("/feeds/reports.atom").await;
    assert!(res.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("application/atom+xml"));
    let feed = read(res.text().await.unwrap());
    assert_eq!(feed.entries().len(), 50);
    for entry in feed.entries() {
        assert!(entry.links().iter().any(|l| l.href().contains("/reports/")));
        assert!(entry.summary().is_some_and(|s| !s.as_str().is_empty()));
        let updated = entry.updated().to_rfc3339();
        assert!(
            updated.contains("-01T00:00:00"),
            "month precision: {updated}"
        );
    }
    let all = app
        .wait_for_total("q=&per_page=1", 70, std::time::Duration::from_secs(10))
        .await;
    let tech = all["facets"][0]["values"][0]["value"]
        .as_str()
        .unwrap()
        .to_string();
    let tech_count = all["facets"][0]["values"][0]["count"].as_u64().unwrap() as usize;
    let feed = read(
        app.get(&format!("/feeds/technologies/{tech}.atom"))
            .await
            .text()
            .await
            .unwrap(),
    );
    assert_eq!(feed.entries().len(), tech_count.min(50), "{tech}");
    for path in [
        "/feeds/patterns/dns.atom",
        "/feeds/industries/aviation.atom",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status().as_u16(), 200, "{path}");
        read(res.text().await.unwrap());
    }
    for path in [
        "/feeds/technologies/no-such-tech.atom",
        "/feeds/patterns/nope.atom",
        "/feeds/industries/x.atom",
        "/feeds/patterns/dns",
    ] {
        assert_eq!(app.get(path).await.status().as_u16(), 404, "{path}");
    }
}
both_backends!(feeds_are_valid_atom_with_month_dates);

async fn report_list_pages_with_a_cursor(backend: Backend) {
    let app = TestApp::spawn_with(backend, &["serve", "--demo", "--demo-count", "7"]).await;
    let mut cursor = String::new();
    let mut ids = Vec::new();
    let mut pages = 0;
    loop {
        let body: Value = app
            .get(&format!("/api/v1/reports?limit=3&cursor={cursor}"))
            .await
            .json()
            .await
            .unwrap();
        pages += 1;
        ids.extend(
            body["reports"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["id"].as_str().unwrap().to_string()),
        );
        match body["next_cursor"].as_str() {
            Some(next) => cursor = next.to_string(),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(ids.len(), 7);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 7);
    for bad in ["cursor=abc", "limit=0", "limit=100000", "colour=blue"] {
        let res = app.get(&format!("/api/v1/reports?{bad}")).await;
        assert_eq!(res.status().as_u16(), 400, "{bad}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "bad_request");
    }
}
both_backends!(report_list_pages_with_a_cursor);

#[test]
fn classify_eval_prints_per_pattern_figures() {
    let file = corpus_dir().join("issre22-cloud-postmortems.jsonl");
    if !file.is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have ../shared/corpus"
        );
        return;
    }
    let out = std::process::Command::new(crate::helpers::BINARY)
        .args(["classify-eval", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let summary = stdout.lines().last().unwrap_or("");
    let re = regex::Regex::new(
        r"^classify-eval: records=(\d+) precision=([0-9.]+) recall=([0-9.]+) f1=([0-9.]+)$",
    )
    .unwrap();
    let caps = re
        .captures(summary)
        .unwrap_or_else(|| panic!("summary line: {stdout}"));
    assert!(
        caps[1].parse::<usize>().unwrap() >= 150,
        "at least 150 labelled reports"
    );
    // A floor well under today's figures (docs/BENCHMARKS.md), so a regression fails.
    assert!(caps[4].parse::<f64>().unwrap() >= 0.45, "{stdout}");
    for pattern in [
        "config-change",
        "bad-deploy",
        "capacity-overload",
        "network-partition",
    ] {
        assert!(stdout.contains(pattern));
    }
}

#[test]
fn classify_eval_measures_the_technology_suggester() {
    let file = corpus_dir().join("issre22-cloud-postmortems.jsonl");
    if !file.is_file() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have ../shared/corpus"
        );
        return;
    }
    let out = std::process::Command::new(crate::helpers::BINARY)
        .args(["classify-eval", "--technologies", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    let re = regex::Regex::new(
        r"(?m)^classify-eval technologies: records=(\d+) precision=([0-9.]+) recall=([0-9.]+) f1=([0-9.]+)$",
    )
    .unwrap();
    let caps = re
        .captures(&stdout)
        .unwrap_or_else(|| panic!("summary line: {stdout}"));
    assert!(caps[1].parse::<usize>().unwrap() >= 80, "{stdout}");
    // Floors under today's figures (docs/BENCHMARKS.md: 0.72 / 0.91 / 0.80).
    assert!(caps[2].parse::<f64>().unwrap() >= 0.6, "{stdout}");
    assert!(caps[4].parse::<f64>().unwrap() >= 0.7, "{stdout}");
    assert!(stdout.contains("azure-ad") && stdout.contains("gce"));
}

#[test]
fn classify_eval_measures_the_factor_suggester() {
    let corpus = corpus_dir();
    if !corpus.is_dir() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must have ../shared/corpus"
        );
        return;
    }
    let labels = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../server/eval/contributing-factors.jsonl");
    let out = std::process::Command::new(crate::helpers::BINARY)
        .args(["classify-eval", "--factors", "--corpus"])
        .arg(&corpus)
        .arg(&labels)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let re = regex::Regex::new(
        r"(?m)^classify-eval factors: records=(\d+) precision=([0-9.]+) recall=([0-9.]+) f1=([0-9.]+)$",
    )
    .unwrap();
    let caps = re
        .captures(&stdout)
        .unwrap_or_else(|| panic!("summary line: {stdout}"));
    assert!(
        caps[1].parse::<usize>().unwrap() >= 150,
        "at least 150 labelled reports"
    );
    // Floors under the first, blind measurement (docs/BENCHMARKS.md: 0.49 / 0.23 / 0.31).
    assert!(caps[2].parse::<f64>().unwrap() >= 0.4, "{stdout}");
    assert!(caps[4].parse::<f64>().unwrap() >= 0.25, "{stdout}");
}
