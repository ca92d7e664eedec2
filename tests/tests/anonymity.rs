//! The registry's core promise, checked end to end: a submission with a marker client
//! address, forwarded-for header and user agent, carrying an email and a declared name,
//! leaves none of them in the data directory, the database or the server log. Public pages
//! set no cookie, load nothing from another host and carry the strict headers.

use std::net::{IpAddr, Ipv4Addr};

use crate::both_backends;
use crate::helpers::{contains_bytes, files_under, form, Backend, TestApp};

use crate::submit_flow::{base_fields, submit_via_form};

const MARKER_CLIENT_IP: &str = "127.0.0.77";
const MARKER_FORWARDED_IP: &str = "203.0.113.77";
const MARKER_AGENT: &str = "MarkerAgent/31337-zqx";
const MARKER_EMAIL: &str = "ops-lead@acme-widgets.example";
const MARKER_NAME: &str = "Quintessa Marrowby";

async fn nothing_identifying_reaches_disk_or_logs(backend: Backend) {
    let mut app = TestApp::spawn(backend).await;
    // A client bound to a marker loopback address, with marker headers.
    let marked = reqwest::Client::builder()
        .local_address(IpAddr::V4(MARKER_CLIENT_IP.parse::<Ipv4Addr>().unwrap()))
        .user_agent(MARKER_AGENT)
        .default_headers({
            let mut h = reqwest::header::HeaderMap::new();
            h.insert("x-forwarded-for", MARKER_FORWARDED_IP.parse().unwrap());
            h.insert("x-real-ip", MARKER_FORWARDED_IP.parse().unwrap());
            h.insert(
                "forwarded",
                format!("for={MARKER_FORWARDED_IP}").parse().unwrap(),
            );
            h.insert(
                "referer",
                "https://intranet.acme-widgets.example/wiki/incident"
                    .parse()
                    .unwrap(),
            );
            h
        })
        .build()
        .unwrap();
    let plain = std::mem::replace(&mut app.client, marked);
    let app_marked = &app;
    let (id, code, _) = submit_via_form(app_marked, &base_fields()).await;
    let res = app_marked
        .post_json("/api/v1/submissions", &crate::api::submission())
        .await;
    assert_eq!(res.status().as_u16(), 201);
    // A bad request and a 404 with the markers too: error paths must not log them either.
    app_marked
        .post_form("/submit/preview", form(&[("title", "")]))
        .await;
    app_marked.get("/reports/0000000000000000").await;
    // The reporter's callback with the same markers: a wrong code, then an answer that names
    // the declared person, previewed and sent.
    crate::moderation::open_receipt(app_marked, "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ", &[]).await;
    let answer = format!("{MARKER_NAME} can tell more; mail {MARKER_EMAIL}.");
    let (_, preview) = crate::moderation::open_receipt(
        app_marked,
        &code,
        &[
            ("action", "preview"),
            ("text", &answer),
            ("more_terms", MARKER_NAME),
        ],
    )
    .await;
    let digest = crate::helpers::capture(&preview, r#"name="digest" value="([0-9a-f]{64})""#)
        .expect("answer digest");
    let (_, sent) = crate::moderation::open_receipt(
        app_marked,
        &code,
        &[
            ("action", "send"),
            ("text", &answer),
            ("more_terms", MARKER_NAME),
            ("digest", &digest),
        ],
    )
    .await;
    assert!(sent.contains("Your answer was sent"), "{sent}");
    app.cli_ok(&["publish", &id]);
    let (_, page) = app_marked.get_text(&format!("/reports/{id}")).await;
    app.client = plain;

    let markers = [
        MARKER_CLIENT_IP,
        MARKER_FORWARDED_IP,
        MARKER_AGENT,
        MARKER_EMAIL,
        MARKER_NAME,
        "Acme Widgets",
        "acme-widgets",
        &code,
        &code.replace('-', ""),
    ];
    for marker in markers {
        assert!(!page.contains(marker), "{marker} on the public page");
    }
    let data_path = app.data_path();
    let check_files = |when: &str| {
        for (path, bytes) in files_under(&data_path) {
            for marker in markers {
                assert!(
                    !contains_bytes(&bytes, marker),
                    "{marker} found in {} ({when})",
                    path.display()
                );
            }
        }
    };
    check_files("while running");
    assert!(app.stop());
    check_files("after shutdown");
    if let Some(dump) = app.postgres_dump() {
        assert!(
            dump.contains("Disk full on the primary database"),
            "the dump sees the data"
        );
        for marker in markers {
            assert!(!dump.contains(marker), "{marker} found in PostgreSQL");
        }
    }
    let log = app.log();
    assert!(log.contains("listening on"), "the log was captured");
    for marker in markers {
        assert!(!log.contains(marker), "{marker} in the server log:\n{log}");
    }
}
both_backends!(nothing_identifying_reaches_disk_or_logs);

async fn public_pages_set_no_cookies_and_load_nothing_foreign(backend: Backend) {
    let app = TestApp::spawn_with(backend, &["serve", "--demo", "--demo-count", "3"]).await;
    let (_, index) = app.get_text("/").await;
    let id = crate::helpers::capture(&index, r#"href="/reports/([0-9a-z]{16})""#).unwrap();
    let preview = app.post_form("/submit/preview", form(&base_fields())).await;
    let report_path = format!("/reports/{id}");
    let mut responses = vec![("POST /submit/preview", preview)];
    for path in [
        "/",
        "/about",
        "/submit",
        "/receipt",
        &report_path,
        "/nope",
        "/static/style.css",
        "/api/v1/reports/0000000000000000",
        "/api/docs",
        "/search?q=disk",
    ] {
        responses.push((path, app.get(path).await));
    }
    let foreign =
        regex::Regex::new(r#"(?i)(src|href|action|formaction)\s*=\s*"(https?:)?//"#).unwrap();
    for (path, res) in responses {
        let headers = res.headers().clone();
        assert!(headers.get("set-cookie").is_none(), "{path} sets a cookie");
        let csp = headers
            .get("content-security-policy")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert_eq!(
            headers.get("referrer-policy").unwrap(),
            "no-referrer",
            "{path}"
        );
        assert_eq!(
            headers.get("x-content-type-options").unwrap(),
            "nosniff",
            "{path}"
        );
        let body = res.text().await.unwrap();
        assert!(!foreign.is_match(&body), "{path} references another host");
        assert!(!body.contains("<script"), "{path} needs no script");
    }
}
both_backends!(public_pages_set_no_cookies_and_load_nothing_foreign);
