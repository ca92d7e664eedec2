//! The JSON API: preview, submit, read a published report, and its errors.

use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use crate::submit_flow::NARRATIVE;

pub fn submission() -> serde_json::Value {
    json!({
        "title": "Certificate expired on the payment API",
        "industry": "finance",
        "occurred_month": "2023-11",
        "narrative": NARRATIVE,
        "impact": "Card payments failed for three hours.",
        "detection": "Synthetic checks",
        "contributing_factors": ["monitoring-gap"],
        "lessons": "Track expiry dates.",
        "action_items": "Automate renewal.",
        "went_well": "Synthetic checks caught it within minutes.",
        "technologies": ["Postgres", "nginx/1.18"],
        "declared_terms": ["Acme Widgets", "Quintessa Marrowby"]
    })
}

async fn api_submission_flow(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let res = app
        .post_json("/api/v1/submissions/preview", &submission())
        .await;
    assert_eq!(res.status().as_u16(), 200);
    let preview: serde_json::Value = res.json().await.unwrap();
    let narrative = preview["fields"]["narrative"]["text"].as_str().unwrap();
    assert!(
        !narrative.contains("Acme Widgets") && !narrative.contains("ops-lead@"),
        "{narrative}"
    );
    let findings = preview["fields"]["narrative"]["findings"]
        .as_array()
        .unwrap();
    assert!(
        findings
            .iter()
            .any(|f| f["kind"] == "org" && f["placeholder"] == "[ORG-1]"),
        "{findings:?}"
    );
    for f in findings {
        let (start, end) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= NARRATIVE.len() && NARRATIVE.is_char_boundary(start));
    }
    let techs = preview["technologies"].as_array().unwrap();
    assert!(techs.iter().any(|t| t["slug"] == "postgresql"), "{techs:?}");
    assert!(
        techs
            .iter()
            .any(|t| t["slug"] == "nginx" && t["version"] == "1.18"),
        "{techs:?}"
    );
    assert_eq!(app.submissions_with_status("pending").await, 0);

    let res = app.post_json("/api/v1/submissions", &submission()).await;
    assert_eq!(res.status().as_u16(), 201);
    let created: serde_json::Value = res.json().await.unwrap();
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["status"], "pending");
    assert_eq!(created["receipt_code"].as_str().unwrap().len(), 29);
    assert_eq!(
        app.get(&format!("/api/v1/reports/{id}"))
            .await
            .status()
            .as_u16(),
        404
    );

    app.cli_ok(&["publish", &id]);
    let res = app.get(&format!("/api/v1/reports/{id}")).await;
    assert_eq!(res.status().as_u16(), 200);
    let report: serde_json::Value = res.json().await.unwrap();
    assert_eq!(report["title"], "Certificate expired on the payment API");
    assert_eq!(report["occurred_month"], "2023-11");
    assert_eq!(report["contributing_factors"], json!(["monitoring-gap"]));
    assert_eq!(
        report["went_well"],
        "Synthetic checks caught it within minutes."
    );
    assert!(!report.to_string().contains("Acme"));
    assert!(
        report["published_month"].as_str().unwrap().len() == 7,
        "month precision only"
    );
}
both_backends!(api_submission_flow);

async fn api_errors_are_json(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let mut unknown = submission();
    unknown["colour"] = json!("blue");
    let res = app.post_json("/api/v1/submissions", &unknown).await;
    assert_eq!(res.status().as_u16(), 400);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "bad_request");
    assert!(body["error"]["message"]
        .as_str()
        .unwrap()
        .contains("colour"));

    let res = app
        .post_json("/api/v1/submissions", &json!({"title": "x"}))
        .await;
    assert_eq!(res.status().as_u16(), 422);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "invalid_fields");
    let fields: Vec<&str> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"industry")
            && fields.contains(&"narrative")
            && fields.contains(&"occurred_month")
    );

    let res = app
        .client
        .post(app.url("/api/v1/submissions"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    let res = app.get("/api/v1/reports/0000000000000000").await;
    assert_eq!(res.status().as_u16(), 404);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
    assert_eq!(app.submissions_with_status("pending").await, 0);
}
both_backends!(api_errors_are_json);

/// Every operation of the OpenAPI document is served, and the docs page renders it.
async fn openapi_document_matches_the_routes(backend: Backend) {
    let app = TestApp::spawn_with(backend, &["serve", "--demo", "--demo-count", "3"]).await;
    let (_, index) = app.get_text("/").await;
    let id = crate::helpers::capture(&index, r#"href="/reports/([0-9a-z]{16})""#).unwrap();
    let res = app.get("/api/v1/openapi.json").await;
    assert_eq!(res.status().as_u16(), 200);
    let doc: serde_json::Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();
    assert!(paths.len() >= 6);
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            let url = app.url(&path.replace("{id}", &id).replace("{slug}", "dns"));
            let res = match method.as_str() {
                "get" => app.client.get(&url).send().await.unwrap(),
                "post" => {
                    let body = if path.ends_with("/stack") {
                        serde_json::json!({ "text": "redis" })
                    } else {
                        submission()
                    };
                    app.client.post(&url).json(&body).send().await.unwrap()
                }
                other => panic!("unexpected method {other}"),
            };
            let status = res.status().as_u16();
            assert!(status < 300, "{method} {path}: {status}");
        }
    }
    let res = app.get("/api/v1/no/such/route").await;
    assert_eq!(res.status().as_u16(), 404);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "no_such_route");
    let (status, page) = app.get_text("/api/docs").await;
    assert_eq!(status, 200);
    for path in paths.keys() {
        assert!(page.contains(path.as_str()), "{path} on /api/docs");
    }
}
both_backends!(openapi_document_matches_the_routes);
