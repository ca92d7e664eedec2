//! The reporter's path through the form: form → preview → confirm → pending → publish →
//! public page, plus restoring a false positive and refusing a stale preview.

use crate::both_backends;
use crate::helpers::{capture, form, unescape, Backend, TestApp};

pub const NARRATIVE: &str = "At 02:00 the primary PostgreSQL 14 database at Acme Widgets ran out of disk. \
Quintessa Marrowby paged the on-call engineer, who wrote to ops-lead@acme-widgets.example for help. \
We failed over to the replica after 45 minutes; nginx kept serving cached pages with HTTP 502 for the rest.";

pub fn base_fields() -> Vec<(&'static str, &'static str)> {
    vec![
        (
            "title",
            "Disk full on the primary database during a batch import",
        ),
        ("industry", "software"),
        ("occurred_month", "2024-03"),
        ("severity", "major"),
        ("duration_minutes", "95"),
        ("narrative", NARRATIVE),
        ("impact", "Checkout was down for most customers."),
        ("detection", "A customer complaint, then the disk alert."),
        (
            "went_well",
            "The replica was current; the rehearsed failover worked.",
        ),
        ("contributing_factors", "monitoring-gap"),
        ("contributing_factors", "change-management"),
        ("lessons", "- Alert on disk growth rate, not only on level."),
        (
            "action_items",
            "- Add a growth-rate alert\n- Rehearse failover",
        ),
        (
            "technologies",
            "PostgreSQL 14, nginx, k8s 1.27, FrobnicatorDB",
        ),
        ("declared_terms", "Acme Widgets\nQuintessa Marrowby"),
    ]
}

/// Submits through preview and confirmation; returns (report id, receipt code, preview html).
pub async fn submit_via_form(app: &TestApp, fields: &[(&str, &str)]) -> (String, String, String) {
    let res = app.post_form("/submit/preview", form(fields)).await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        res.headers()
            .get("cache-control")
            .map(|v| v.to_str().unwrap_or("")),
        Some("no-store")
    );
    let preview = res.text().await.expect("preview body");
    let digest = capture(&preview, r#"name="preview_digest" value="([0-9a-f]{64})""#)
        .expect("digest in the preview");
    let mut confirm = fields.to_vec();
    confirm.push(("preview_digest", &digest));
    confirm.push(("action", "confirm"));
    let res = app.post_form("/submit", form(&confirm)).await;
    assert_eq!(res.status().as_u16(), 200);
    let receipt = res.text().await.expect("receipt body");
    let code =
        capture(&receipt, r#"id="receipt-code"[^>]*>([0-9A-Z-]+)<"#).expect("receipt code shown");
    let id = capture(&receipt, r#"href="/reports/([0-9a-z]{16})""#).expect("report id shown");
    (id, code, preview)
}

async fn form_to_public_report(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let (status, page) = app.get_text("/submit").await;
    assert_eq!(status, 200);
    assert!(page.contains(r#"name="narrative""#) && page.contains(r#"value="monitoring-gap""#));

    let (id, code, preview) = submit_via_form(&app, &base_fields()).await;
    // The preview highlights every redaction with its kind and never shows declared names
    // in the redacted text.
    assert!(preview.contains(r#"class="redaction k-org""#), "{preview}");
    assert!(
        preview.contains(r#"class="redaction k-email""#),
        "{preview}"
    );
    assert!(preview.contains("[ORG-1]"));
    let redacted_part = preview.split("<form").next().unwrap_or("");
    assert!(
        !redacted_part.contains("Acme Widgets"),
        "declared org visible in the redacted preview"
    );
    assert!(
        !redacted_part.contains("ops-lead@"),
        "email visible in the redacted preview"
    );
    assert!(
        redacted_part.contains("PostgreSQL 14"),
        "technology facts must survive"
    );
    assert!(
        regex::Regex::new(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$")
            .unwrap()
            .is_match(&code),
        "{code}"
    );

    // Pending: not public yet.
    assert_eq!(
        app.get(&format!("/reports/{id}")).await.status().as_u16(),
        404
    );
    assert_eq!(app.submissions_with_status("pending").await, 1);

    let out = app.cli_ok(&["publish", &id]);
    assert!(out.contains(&id));
    let (status, report) = app.get_text(&format!("/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(report.contains("Disk full on the primary database"));
    assert!(
        report.contains("PostgreSQL 14") && report.contains("Kubernetes 1.27"),
        "{report}"
    );
    assert!(report.contains("Monitoring or alerting gap"));
    assert!(
        report.contains("<li>Alert on disk growth rate"),
        "Markdown rendered"
    );
    assert!(
        !report.contains("Acme") && !report.contains("Quintessa") && !report.contains("ops-lead")
    );
    assert!(report.contains("1 h 35 min"));
    assert!(
        report.contains(r#"<section id="went_well">"#)
            && report.contains("The replica was current; the rehearsed failover worked."),
        "what went well is its own section"
    );
    let (_, index) = app.get_text("/").await;
    assert!(index.contains(&format!("/reports/{id}")));
    assert_eq!(app.submissions_with_status("published").await, 1);

    // Publishing twice is refused.
    assert!(!app.cli(&["publish", &id]).status.success());
}
both_backends!(form_to_public_report);

async fn restore_and_more_terms(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut fields = base_fields();
    fields.push(("more_terms", "batch import"));
    let res = app.post_form("/submit/preview", form(&fields)).await;
    let preview = unescape(&res.text().await.unwrap());
    let body = preview.split("<form").next().unwrap_or("");
    assert!(
        !body.contains("batch import"),
        "a term added on the preview is redacted"
    );

    // Restoring a false positive keeps it as written on the next preview.
    fields.push(("restore", "ops-lead@acme-widgets.example"));
    let res = app.post_form("/submit/preview", form(&fields)).await;
    let preview = unescape(&res.text().await.unwrap());
    let body = preview.split("<form").next().unwrap_or("");
    // The restored email is kept as written, except the declared organisation inside it:
    // a declared name always wins over a restore.
    assert!(body.contains("ops-lead@"), "{body}");
    assert!(!body.contains("[EMAIL-1]"), "{body}");
    assert!(!body.to_lowercase().contains("acme-widgets"), "{body}");
    assert!(preview.contains("kept as written"));
    // Declared names cannot be restored.
    fields.push(("restore", "Acme Widgets"));
    let res = app.post_form("/submit/preview", form(&fields)).await;
    let preview = res.text().await.unwrap();
    assert!(!preview
        .split("<form")
        .next()
        .unwrap_or("")
        .contains("Acme Widgets"));
    assert_eq!(
        app.submissions_with_status("pending").await,
        0,
        "previews store nothing"
    );
}
both_backends!(restore_and_more_terms);

async fn stale_or_missing_preview_is_not_stored(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    // Confirming without a preview shows the preview instead of storing.
    let mut fields = base_fields();
    fields.push(("action", "confirm"));
    let res = app.post_form("/submit", form(&fields)).await;
    assert_eq!(res.status().as_u16(), 200);
    let page = res.text().await.unwrap();
    assert!(page.contains("Check what will be published"));
    // A digest from another text is stale.
    fields.push((
        "preview_digest",
        "0000000000000000000000000000000000000000000000000000000000000000",
    ));
    let page = app
        .post_form("/submit", form(&fields))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("The text changed since the last preview"));
    assert_eq!(app.submissions_with_status("pending").await, 0);
}
both_backends!(stale_or_missing_preview_is_not_stored);

async fn missing_required_fields_show_the_form_again(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let res = app
        .post_form(
            "/submit/preview",
            form(&[
                ("title", ""),
                ("narrative", "Something <b>broke</b>"),
                ("occurred_month", "2099-01"),
            ]),
        )
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let page = res.text().await.unwrap();
    assert!(page.contains("Title is required"));
    assert!(page.contains("Industry is required"));
    assert!(page.contains("cannot be in the future"));
    assert!(
        page.contains("Something &#60;b&#62;broke&#60;/b&#62;"),
        "what was typed comes back, escaped"
    );
    assert_eq!(app.submissions_with_status("pending").await, 0);
}
both_backends!(missing_required_fields_show_the_form_again);

async fn technologies_mentioned_in_the_text_are_suggested(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut fields = base_fields();
    fields.retain(|(k, _)| *k != "technologies");
    let preview = app
        .post_form("/submit/preview", form(&fields))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        preview.contains(r#"name="add_technologies" value="PostgreSQL""#),
        "{preview}"
    );
    assert!(preview.contains(r#"name="add_technologies" value="nginx""#));
    fields.push(("add_technologies", "PostgreSQL"));
    let preview = app
        .post_form("/submit/preview", form(&fields))
        .await
        .text()
        .await
        .unwrap();
    let recognised = preview
        .split("Recognised technologies")
        .nth(1)
        .unwrap_or("");
    assert!(
        recognised.contains("PostgreSQL"),
        "a ticked suggestion is added: {preview}"
    );
    assert!(
        !preview.contains(r#"name="add_technologies" value="PostgreSQL""#),
        "and no longer suggested"
    );

    let mut json = crate::api::submission();
    json["technologies"] = serde_json::json!([]);
    let body: serde_json::Value = app
        .post_json("/api/v1/submissions/preview", &json)
        .await
        .json()
        .await
        .unwrap();
    let suggested: Vec<&str> = body["suggested_technologies"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        suggested.contains(&"PostgreSQL") && suggested.contains(&"nginx"),
        "{suggested:?}"
    );
}
both_backends!(technologies_mentioned_in_the_text_are_suggested);

async fn preview_suggests_contributing_factors(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut fields: Vec<(&str, &str)> = base_fields()
        .into_iter()
        .filter(|(k, _)| *k != "contributing_factors" && *k != "detection")
        .collect();
    fields.push(("detection", "Customers reported errors; no alert fired."));
    let res = app.post_form("/submit/preview", form(&fields)).await;
    let preview = res.text().await.expect("preview");
    let suggested = capture(&preview, r#"(?s)id="suggested-factors">(.*?)</p>"#)
        .expect("suggested factors offered");
    assert!(suggested.contains(r#"name="add_factors" value="monitoring-gap""#));
    // Ticking a suggestion adds the factor on the next preview, and it is no longer offered.
    fields.push(("add_factors", "monitoring-gap"));
    let res = app.post_form("/submit/preview", form(&fields)).await;
    let preview = res.text().await.expect("preview");
    assert!(
        preview.contains(r#"value="monitoring-gap" checked"#),
        "ticked in the form"
    );
    assert!(!preview.contains(r#"name="add_factors" value="monitoring-gap""#));
}
both_backends!(preview_suggests_contributing_factors);
