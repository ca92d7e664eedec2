//! Search over published reports: query syntax, facets, snippets, sorting, pagination and
//! errors; the index following the database across restarts, corruption, crashes and nodes.

use std::time::Duration;

use serde_json::{json, Value};

use crate::both_backends;
use crate::helpers::{Backend, TestApp};

fn report(
    title: &str,
    industry: &str,
    month: &str,
    narrative: &str,
    technologies: &[&str],
    factors: &[&str],
) -> Value {
    json!({
        "title": title,
        "industry": industry,
        "occurred_month": month,
        "narrative": narrative,
        "lessons": "Write down what you learned.",
        "technologies": technologies,
        "contributing_factors": factors,
    })
}

async fn submit(app: &TestApp, body: &Value) -> String {
    let res = app.post_json("/api/v1/submissions", body).await;
    assert_eq!(res.status().as_u16(), 201);
    let created: Value = res.json().await.unwrap();
    created["id"].as_str().unwrap().to_string()
}

async fn submit_and_publish(app: &TestApp, body: &Value) -> String {
    let id = submit(app, body).await;
    app.cli_ok(&["publish", &id]);
    id
}

fn ids(results: &Value) -> Vec<String> {
    results["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

async fn search_json(app: &TestApp, query: &str) -> Value {
    let res = app.get(&format!("/api/v1/search?{query}")).await;
    assert_eq!(res.status().as_u16(), 200, "{query}");
    res.json().await.unwrap()
}

const WAIT: Duration = Duration::from_secs(10);

async fn query_syntax_facets_sorting_and_errors(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let cache = submit_and_publish(
        &app,
        &report(
            "Redis cache flush overloaded the database",
            "software",
            "2023-05",
            "A cache flush sent every read to PostgreSQL. The database saturated within minutes.",
            &["Redis", "PostgreSQL 15"],
            &["monitoring-gap"],
        ),
    )
    .await;
    let cert = submit_and_publish(
        &app,
        &report(
            "Expired certificate broke checkout",
            "retail",
            "2024-02",
            "The intermediate certificate expired on a Sunday and every checkout failed until renewal.",
            &["nginx"],
            &["change-management", "monitoring-gap"],
        ),
    )
    .await;
    // Never published: must never be found.
    submit(
        &app,
        &report(
            "Zebrafish pending",
            "software",
            "2024-01",
            "zebrafish zebrafish",
            &[],
            &[],
        ),
    )
    .await;

    app.wait_for_total("q=", 2, WAIT).await;
    assert_eq!(search_json(&app, "q=zebrafish").await["total"], 0);

    let found = search_json(&app, "q=certificates").await;
    assert_eq!(
        ids(&found),
        vec![cert.clone()],
        "stemming: certificates finds certificate"
    );
    let snippet = &found["hits"][0]["snippet"];
    let fragment = snippet["fragment"].as_str().unwrap();
    let (start, end) = (
        snippet["highlights"][0][0].as_u64().unwrap() as usize,
        snippet["highlights"][0][1].as_u64().unwrap() as usize,
    );
    assert_eq!(&fragment[start..end].to_lowercase(), "certificate");

    assert_eq!(
        ids(&search_json(&app, "q=%22cache+flush%22").await),
        vec![cache.clone()],
        "phrase"
    );
    assert_eq!(
        search_json(&app, "q=%22flush+cache%22").await["total"],
        0,
        "phrase order matters"
    );
    // Phrases with frequent words run on common grams; they match exactly as plain phrases.
    for (phrase, expected) in [
        ("%22expired+on+a+Sunday%22", vec![cert.clone()]),
        ("%22on+a+sunday%22", vec![cert.clone()]),
        ("%22read+to+PostgreSQL%22", vec![cache.clone()]),
        ("%22the+database%22", vec![cache.clone()]),
        ("%22The+intermediate%22", vec![cert.clone()]),
        ("%22expired+a+Sunday%22", vec![]),
        ("%22sunday+on+a%22", vec![]),
        ("%22on+the+database%22", vec![]),
        ("%22the+the%22", vec![]),
    ] {
        assert_eq!(
            ids(&search_json(&app, &format!("q={phrase}")).await),
            expected,
            "{phrase}"
        );
    }
    let found = search_json(&app, "q=%22on+a+sunday%22").await;
    let snippet = &found["hits"][0]["snippet"];
    let fragment = snippet["fragment"].as_str().unwrap();
    let highlighted: Vec<&str> = snippet["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &fragment[h[0].as_u64().unwrap() as usize..h[1].as_u64().unwrap() as usize])
        .collect();
    assert_eq!(
        highlighted,
        ["on a Sunday"],
        "the phrase is highlighted whole"
    );
    assert_eq!(
        ids(&search_json(&app, "q=technology:postgres").await),
        vec![cache.clone()],
        "alias in field:term"
    );
    assert_eq!(search_json(&app, "q=redis+OR+nginx").await["total"], 2);
    assert_eq!(
        search_json(&app, "q=redis+nginx").await["total"],
        0,
        "terms are ANDed"
    );
    assert_eq!(
        ids(&search_json(&app, "q=database+AND+NOT+certificate").await),
        vec![cache.clone()]
    );
    assert_eq!(
        ids(&search_json(&app, "q=database+-certificate").await),
        vec![cache.clone()]
    );
    assert_eq!(
        ids(&search_json(&app, "q=year:2024").await),
        vec![cert.clone()]
    );

    // Facets: counts over the matching reports, filters that narrow.
    let all = search_json(&app, "q=").await;
    let facet = |results: &Value, kind: &str, value: &str| -> u64 {
        results["facets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["kind"] == kind)
            .unwrap()["values"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["value"] == value)
            .map_or(0, |v| v["count"].as_u64().unwrap())
    };
    assert_eq!(facet(&all, "factor", "monitoring-gap"), 2);
    assert_eq!(facet(&all, "factor", "change-management"), 1);
    assert_eq!(facet(&all, "technology", "postgresql"), 1);
    assert_eq!(facet(&all, "industry", "retail"), 1);
    assert_eq!(facet(&all, "year", "2023"), 1);
    assert_eq!(
        ids(&search_json(&app, "industry=retail").await),
        vec![cert.clone()]
    );
    assert_eq!(
        ids(&search_json(&app, "technology=PostgreSQL").await),
        vec![cache.clone()],
        "filters accept names"
    );
    assert_eq!(
        search_json(&app, "factor=monitoring-gap&industry=software").await["total"],
        1
    );

    // Sorting and pagination with stable totals.
    assert_eq!(
        ids(&search_json(&app, "sort=newest").await),
        vec![cert.clone(), cache.clone()]
    );
    assert_eq!(
        ids(&search_json(&app, "sort=oldest").await),
        vec![cache.clone(), cert.clone()]
    );
    let page2 = search_json(&app, "sort=newest&per_page=1&page=2").await;
    assert_eq!(page2["total"], 2);
    assert_eq!(ids(&page2), vec![cache.clone()]);

    // The page: highlighted snippets, facet links, removable filters, no JavaScript.
    let (status, page) = app.get_text("/search?q=certificate&industry=retail").await;
    assert_eq!(status, 200);
    assert!(page.contains("<mark>certificate</mark>"), "{page}");
    assert!(
        page.contains(r#"href="/search?q=certificate""#),
        "the active filter can be removed"
    );
    assert!(page.contains(&format!("/reports/{cert}")));
    let (_, page) = app.get_text("/search?q=database").await;
    assert!(
        page.contains("href=\"/search?q=database&#38;factor=monitoring-gap\""),
        "a facet value links to the narrowed search: {page}"
    );

    // Malformed queries: 400 with a readable message, on the page and the API.
    for query in [
        "q=%22unclosed",
        "q=title:(disk",
        "q=nosuchfield:x",
        "sort=sideways",
        "q=year:abc",
    ] {
        let res = app.get(&format!("/api/v1/search?{query}")).await;
        assert_eq!(res.status().as_u16(), 400, "{query}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "bad_request");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
        let res = app.get(&format!("/search?{query}")).await;
        assert_eq!(res.status().as_u16(), 400, "{query}");
        let page = res.text().await.unwrap();
        assert!(
            page.contains(r#"class="errors""#) || page.contains(r#"class="error-message""#),
            "{page}"
        );
    }

    // Totals and facet counts are computed once per query and filters, shared by its pages
    // and sorts, and follow the next publication.
    let first = search_json(&app, "q=database+OR+certificate&per_page=1").await;
    let later = search_json(
        &app,
        "q=database+OR+certificate&per_page=1&page=2&sort=oldest",
    )
    .await;
    assert_eq!(first["total"], 2);
    assert_eq!(
        (&later["total"], &later["facets"]),
        (&first["total"], &first["facets"])
    );
    assert_eq!(ids(&later), vec![cert.clone()], "page 2, oldest first");
    let third = submit_and_publish(
        &app,
        &report(
            "Certificate pinning broke the mobile app",
            "software",
            "2024-06",
            "A rotated certificate no longer matched the pin shipped in the app.",
            &["Redis"],
            &[],
        ),
    )
    .await;
    let after = app
        .wait_for_total(
            "q=database+OR+certificate&per_page=1&page=2&sort=oldest",
            3,
            WAIT,
        )
        .await;
    assert_eq!(ids(&after), vec![cert.clone()]);
    let redis = |results: &Value| {
        results["facets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|group| group["kind"] == "technology")
            .and_then(|group| {
                group["values"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|v| v["value"] == "redis")
                    .map(|v| v["count"].clone())
            })
    };
    assert_eq!(redis(&first), Some(json!(1)));
    assert_eq!(redis(&after), Some(json!(2)), "facet counts follow too");
    let newest = search_json(&app, "q=database+OR+certificate&per_page=1&sort=newest").await;
    assert_eq!(
        (newest["total"].clone(), ids(&newest)),
        (json!(3), vec![third])
    );
    assert!(!app.log().contains("panicked"));
}
both_backends!(query_syntax_facets_sorting_and_errors);

async fn report_pages_show_similar_reports(backend: Backend) {
    let app = TestApp::spawn_with(backend, &["serve", "--demo", "--demo-count", "80"]).await;
    let all = app.wait_for_total("q=", 80, WAIT).await;
    let id = all["hits"][0]["id"].as_str().unwrap();
    let (_, page) = app.get_text(&format!("/reports/{id}")).await;
    assert!(page.contains("Similar reports"), "{page}");
    let similar: Vec<String> = regex::Regex::new(r#"<section class="similar">[\s\S]*</section>"#)
        .unwrap()
        .find(&page)
        .map(|m| m.as_str().to_string())
        .into_iter()
        .collect();
    assert!(
        !similar[0].contains(&format!("/reports/{id}\"")),
        "a report is not similar to itself"
    );
}
both_backends!(report_pages_show_similar_reports);

async fn index_follows_the_database_and_heals(backend: Backend) {
    let mut app = TestApp::spawn(backend).await;
    // Published by another process (the CLI) while the server runs.
    app.cli_ok(&["seed-demo", "--count", "30"]);
    app.wait_for_total("q=", 30, WAIT).await;

    // A corrupt index is rebuilt from the database at start.
    assert!(app.stop());
    let meta = app.data_path().join("index").join("meta.json");
    std::fs::write(&meta, b"{ this is not json").unwrap();
    app.restart().await;
    app.wait_for_total("q=", 30, WAIT).await;

    // So is a missing one.
    assert!(app.stop());
    std::fs::remove_dir_all(app.data_path().join("index")).unwrap();
    app.restart().await;
    app.wait_for_total("q=", 30, WAIT).await;

    // Reports removed from the database disappear from search.
    app.cli_ok(&["seed-demo", "--remove"]);
    app.wait_for_total("q=", 0, WAIT).await;

    // `registry reindex` rebuilds on demand, and refuses while a server holds the index.
    app.cli_ok(&["seed-demo", "--count", "12"]);
    app.wait_for_total("q=", 12, WAIT).await;
    let busy = app.cli(&["reindex"]);
    assert!(!busy.status.success());
    assert!(String::from_utf8_lossy(&busy.stderr).contains("in use by another process"));
    assert!(app.stop());
    assert!(app.cli_ok(&["reindex"]).contains("reindexed 12"));
    app.restart().await;
    app.wait_for_total("q=", 12, WAIT).await;
}
both_backends!(index_follows_the_database_and_heals);

/// `kill -9` while reports are being published: after restart every published report is
/// searchable exactly once.
async fn a_crash_loses_and_duplicates_nothing(backend: Backend) {
    let mut app = TestApp::spawn(backend).await;
    let mut pending = Vec::new();
    for i in 0..30 {
        let body = report(
            &format!("Crash test report {i}"),
            "software",
            "2024-06",
            "crashtest narrative",
            &["Redis"],
            &[],
        );
        pending.push(submit(&app, &body).await);
    }
    for (i, id) in pending.iter().enumerate() {
        app.cli_ok(&["publish", id]);
        if i == 15 {
            app.kill();
        }
    }
    app.restart().await;
    let results = app
        .wait_for_total("q=crashtest&per_page=100", 30, WAIT)
        .await;
    let mut found = ids(&results);
    found.sort();
    found.dedup();
    assert_eq!(found.len(), 30, "no duplicates");
    let mut expected = pending.clone();
    expected.sort();
    assert_eq!(found, expected);
}
both_backends!(a_crash_loses_and_duplicates_nothing);

/// Two nodes on one PostgreSQL, each with its own index: a report published through node A
/// is found on node B within 5 seconds.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scale_out_nodes_share_one_postgresql() {
    let Some(backend) = Backend::postgres() else {
        return;
    };
    let node_a = TestApp::spawn(backend).await;
    let node_b = node_a.peer().await;
    let id = submit(
        &node_a,
        &report(
            "Shared cluster report",
            "telecom",
            "2022-09",
            "scaleout narrative",
            &["BGP"],
            &[],
        ),
    )
    .await;
    node_a.cli_ok(&["publish", &id]);
    let started = std::time::Instant::now();
    let results = node_b
        .wait_for_total("q=scaleout", 1, Duration::from_secs(5))
        .await;
    assert_eq!(ids(&results), vec![id]);
    eprintln!("found on node B after {:?}", started.elapsed());
    node_a
        .wait_for_total("q=scaleout", 1, Duration::from_secs(5))
        .await;
}
