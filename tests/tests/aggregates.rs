//! Best-practice pages checked against counts computed by hand on a small fixture.

use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, TestApp};

fn fixture() -> String {
    let report = |id: &str,
                  month: &str,
                  techs: serde_json::Value,
                  patterns: &[&str],
                  factors: &[&str],
                  minutes: Option<i32>| {
        json!({
            "id": id, "title": format!("Fixture report {id}"), "industry": "software",
            "occurred_month": month, "published_month": "2024-06", "severity": "major",
            "duration_minutes": minutes, "narrative": "A fixture narrative about a database.",
            "impact": "", "detection": "", "lessons": "", "action_items": "",
            "technologies": techs, "other_technologies": [], "contributing_factors": factors,
            "failure_patterns": patterns, "redaction_count": 0, "rules_version": "fixture", "demo": false
        })
        .to_string()
    };
    let pg = |version: Option<&str>| json!({"slug": "postgresql", "name": "PostgreSQL", "version": version});
    let redis = json!({"slug": "redis", "name": "Redis", "version": null});
    [
        report(
            "a000000000000001",
            "2023-02",
            json!([pg(Some("14")), redis.clone()]),
            &["disk-full"],
            &["monitoring-gap"],
            Some(30),
        ),
        report(
            "a000000000000002",
            "2023-05",
            json!([pg(Some("14"))]),
            &["disk-full", "replication-failover"],
            &["monitoring-gap", "fatigue"],
            Some(90),
        ),
        report(
            "a000000000000003",
            "2024-01",
            json!([pg(None)]),
            &["config-change"],
            &[],
            None,
        ),
        report(
            "a000000000000004",
            "2024-03",
            json!([redis]),
            &["cache-stampede"],
            &["fatigue"],
            Some(10),
        ),
    ]
    .join("\n")
}

async fn aggregate_pages_match_hand_computed_counts(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fixture.jsonl");
    std::fs::write(&file, fixture()).unwrap();
    app.cli_ok(&["import", "--publish", file.to_str().unwrap()]);

    let (status, page) = app.get_text("/technologies/postgresql").await;
    assert_eq!(status, 200);
    let has = |needle: &str| assert!(page.contains(needle), "missing {needle:?} in\n{page}");
    has(r#"href="/search?technology=postgresql"><strong>3</strong> published reports"#);
    has(r#"technology=postgresql&#38;pattern=disk-full">2</a></td><td class="num muted">67%"#);
    has(
        r#"technology=postgresql&#38;pattern=replication-failover">1</a></td><td class="num muted">33%"#,
    );
    has(r#"technology=postgresql&#38;pattern=config-change">1</a>"#);
    has(r#"technology=postgresql&#38;factor=monitoring-gap">2</a>"#);
    has(r#"technology=postgresql&#38;factor=fatigue">1</a>"#);
    has(r#"technology=postgresql&#38;technology=redis">1</a></td><td class="num muted">33%"#);
    has("<td>14</td>");
    has("<td>version not stated</td>");
    has("median <strong>30 min</strong>");
    has("90th percentile <strong>1 h 30 min</strong>");
    has("Of the <a href=\"/search?technology=postgresql\">2 reports</a>");
    // Five quarters from 2023-Q1 to 2024-Q1, two of them empty.
    assert_eq!(page.matches("<rect ").count(), 5, "{page}");
    assert_eq!(page.matches(r#"height="0""#).count(), 2);
    has("<title>2023-Q2: 1</title>");

    let (_, page) = app.get_text("/factors/fatigue").await;
    assert!(
        page.contains(r#"<strong>2</strong> published reports"#),
        "{page}"
    );
    assert!(
        page.contains(r#"factor=fatigue&#38;technology=redis">1</a>"#),
        "{page}"
    );
    assert!(page.contains(r#"factor=fatigue&#38;technology=postgresql">1</a>"#));
    let (_, page) = app.get_text("/patterns/disk-full").await;
    assert!(page.contains(r#"<strong>2</strong> published reports"#));
    assert!(
        page.contains(
            r#"pattern=disk-full&#38;factor=monitoring-gap">2</a></td><td class="num muted">100%"#
        ),
        "{page}"
    );

    let (_, index) = app.get_text("/technologies").await;
    assert!(
        index.contains(
            r#"<a href="/technologies/postgresql">PostgreSQL</a> <span class="count">3</span>"#
        ),
        "{index}"
    );
    assert!(
        index.contains(r#"<a href="/technologies/redis">Redis</a> <span class="count">2</span>"#)
    );

    // The same figures as JSON.
    let json: serde_json::Value = app
        .get("/api/v1/technologies/postgres")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["slug"], "postgresql");
    assert_eq!(json["reports"], 3);
    assert_eq!(
        json["failure_patterns"][0],
        json!({"slug": "disk-full", "reports": 2, "share": 2.0 / 3.0})
    );
    assert_eq!(json["durations"]["median_minutes"], 30);
    assert_eq!(json["durations"]["p90_minutes"], 90);
    assert_eq!(json["quarters"].as_array().unwrap().len(), 5);
    let json: serde_json::Value = app
        .get("/api/v1/patterns/disk-full")
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(json["reports"], 2);
    let json: serde_json::Value = app.get("/api/v1/technologies").await.json().await.unwrap();
    assert!(json["technologies"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["slug"] == "redis" && t["reports"] == 2));
    assert_eq!(
        app.get("/api/v1/patterns/nope").await.status().as_u16(),
        404
    );

    // The numbers' links find the same reports.
    app.wait_for_total(
        "technology=postgresql&pattern=disk-full",
        2,
        std::time::Duration::from_secs(10),
    )
    .await;
    let alias = app.get("/technologies/Postgres").await;
    assert_eq!(alias.status().as_u16(), 308);
    assert_eq!(alias.headers()["location"], "/technologies/postgresql");
    for missing in ["/technologies/no-such", "/patterns/nope", "/factors/nope"] {
        assert_eq!(app.get(missing).await.status().as_u16(), 404, "{missing}");
    }
}
both_backends!(aggregate_pages_match_hand_computed_counts);

async fn check_my_stack_recognises_formats_and_stores_nothing(backend: Backend) {
    let mut app = TestApp::spawn(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fixture.jsonl");
    std::fs::write(&file, fixture()).unwrap();
    app.cli_ok(&["import", "--publish", file.to_str().unwrap()]);
    let marker = "zzmarkerpackage-8841";
    let compose = format!("services:\n  db:\n    image: postgres:14\n  cache:\n    image: redis:7.2\n  app:\n    image: {marker}:1.0\n");

    let res = app
        .post_json("/api/v1/stack", &json!({ "text": compose }))
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["format"], "docker-compose / Helm values");
    let techs = body["technologies"].as_array().unwrap();
    assert_eq!(techs.len(), 2, "{body}");
    let pg = techs.iter().find(|t| t["slug"] == "postgresql").unwrap();
    assert_eq!(pg["version"], "14");
    assert_eq!(pg["reports"], 3);
    assert_eq!(pg["patterns"][0]["slug"], "disk-full");
    assert_eq!(pg["patterns"][0]["reports"], 2);
    assert_eq!(pg["precedents"].as_array().unwrap().len(), 3);

    for (text, slug) in [
        ("[[package]]\nname = \"redis\"\nversion = \"0.25.4\"\n", "redis"),
        (r#"{"dependencies": {"pg": "^8.11.0"}}"#, "postgresql"),
        ("redis==5.0.1\n", "redis"),
        ("module x\n\nrequire github.com/lib/pq v1.10.9\nrequire github.com/redis/go-redis/v9 v9.5.1\n", "redis"),
        ("PostgreSQL\n", "postgresql"),
    ] {
        let body: serde_json::Value = app.post_json("/api/v1/stack", &json!({ "text": text })).await.json().await.unwrap();
        assert!(body["technologies"].as_array().unwrap().iter().any(|t| t["slug"] == slug), "{text}: {body}");
    }

    let page = app
        .post_form("/stack", crate::helpers::form(&[("text", &compose)]))
        .await;
    assert_eq!(page.status().as_u16(), 200);
    assert_eq!(page.headers()["cache-control"], "no-store");
    let html = page.text().await.unwrap();
    assert!(
        html.contains(r#"<a href="/technologies/postgresql">PostgreSQL</a>"#),
        "{html}"
    );
    assert!(html.contains("Disk full</a> (2)"));
    assert_eq!(app.get("/stack").await.status().as_u16(), 200);
    assert_eq!(
        app.post_json("/api/v1/stack", &json!({"txt": "x"}))
            .await
            .status()
            .as_u16(),
        400
    );

    app.stop_and_check_absent(marker);
}
both_backends!(check_my_stack_recognises_formats_and_stores_nothing);

async fn the_receipt_shows_precedents_for_the_reporters_technologies(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("fixture.jsonl");
    std::fs::write(&file, fixture()).unwrap();
    app.cli_ok(&["import", "--publish", file.to_str().unwrap()]);
    app.wait_for_total("q=", 4, std::time::Duration::from_secs(10))
        .await;
    let mut fields = crate::submit_flow::base_fields();
    fields.retain(|(k, _)| *k != "technologies");
    fields.push(("technologies", "Postgres 14"));
    let res = app
        .post_form("/submit/preview", crate::helpers::form(&fields))
        .await;
    let preview = res.text().await.unwrap();
    let digest =
        crate::helpers::capture(&preview, r#"name="preview_digest" value="([0-9a-f]{64})""#)
            .unwrap();
    fields.push(("preview_digest", &digest));
    let receipt = app
        .post_form("/submit", crate::helpers::form(&fields))
        .await
        .text()
        .await
        .unwrap();
    assert!(receipt.contains("Reports like yours"), "{receipt}");
    assert!(
        receipt.contains("/reports/a00000000000000"),
        "a fixture report is suggested: {receipt}"
    );
    assert!(receipt.contains(
        r#"What others learned about <a href="/technologies/postgresql">PostgreSQL</a>"#
    ));
    assert!(receipt.contains("Disk full</a> (2)"));
}
both_backends!(the_receipt_shows_precedents_for_the_reporters_technologies);
