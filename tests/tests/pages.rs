//! Every page renders; demo data fills an empty registry and can be removed; operations
//! endpoints answer; SIGTERM stops the server cleanly.

use crate::both_backends;
use crate::helpers::{capture, Backend, TestApp};

async fn demo_registry_renders_every_page(backend: Backend) {
    let mut app = TestApp::spawn_with(backend, &["serve", "--demo", "--demo-count", "60"]).await;
    let (status, index) = app.get_text("/").await;
    assert_eq!(status, 200);
    assert!(index.contains("60 published"), "{index}");
    assert!(
        index.contains(r#"class="badge demo""#),
        "demo reports are marked"
    );
    assert!(index.contains(r#"rel="next" href="/?page=2""#));
    let (status, page2) = app.get_text("/?page=3").await;
    assert_eq!(status, 200);
    assert!(page2.contains("Page 3") && page2.contains("← Newer"));

    let id = capture(&index, r#"href="/reports/([0-9a-z]{16})""#).expect("a report link");
    let (status, report) = app.get_text(&format!("/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(report.contains("Demo report"), "marked on its page");
    assert!(report.contains("What happened") && report.contains("Failure patterns"));
    let res = app.get(&format!("/api/v1/reports/{id}")).await;
    let json: serde_json::Value = res.json().await.unwrap();
    assert_eq!(json["demo"], true);

    for (path, needle) in [
        ("/about", "What we promise"),
        ("/submit", "Submit a retrospective"),
        ("/static/style.css", "--accent"),
        ("/healthz", "ok"),
        ("/metrics", "registry_http_requests_total"),
    ] {
        let (status, body) = app.get_text(path).await;
        assert_eq!(status, 200, "{path}");
        assert!(body.contains(needle), "{path}: {body}");
    }
    let (_, metrics) = app.get_text("/metrics").await;
    assert!(
        metrics.contains(r#"registry_submissions{status="published"} 60"#),
        "{metrics}"
    );
    assert!(
        metrics.contains(r#"route="/reports/{id}""#),
        "routes by pattern, not by concrete path"
    );
    assert!(!metrics.contains(&id), "no ids in metrics");

    // A second start with --demo does not add more to a registry that has reports.
    assert!(app.stop(), "SIGTERM exits cleanly");
    let out = app.cli_ok(&["seed-demo", "--count", "5"]);
    assert!(out.contains("added 5"));
    let out = app.cli_ok(&["seed-demo", "--remove"]);
    assert!(out.contains("removed 65"), "{out}");
}
both_backends!(demo_registry_renders_every_page);

#[test]
fn a_mistyped_database_url_is_an_error_not_a_new_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(crate::helpers::BINARY)
        .arg("migrate")
        .env("REGISTRY_DATA_DIR", dir.path())
        .env("DATABASE_URL", "postgress://user:secretpw@localhost/db")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unsupported DATABASE_URL"), "{stderr}");
    assert!(!stderr.contains("secretpw"), "passwords are not echoed");
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no file created"
    );
}
