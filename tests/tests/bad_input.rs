//! Bad input gets a clear 4xx and stores nothing; the server keeps answering.

use crate::both_backends;
use crate::helpers::{form, Backend, TestApp};
use crate::submit_flow::base_fields;

async fn bad_input_is_refused_cleanly(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let huge = "x".repeat(300 * 1024);
    let mut fields = base_fields();
    fields.push(("impact", &huge));
    for path in ["/submit/preview", "/submit"] {
        let res = app.post_form(path, form(&fields)).await;
        assert_eq!(res.status().as_u16(), 413, "{path}");
        assert!(res.text().await.unwrap().contains("larger than the limit"));
    }
    let big_json = serde_json::json!({ "title": "t", "narrative": huge });
    assert_eq!(
        app.post_json("/api/v1/submissions", &big_json)
            .await
            .status()
            .as_u16(),
        413
    );

    // Invalid UTF-8, raw and percent-encoded.
    let res = app
        .client
        .post(app.url("/submit/preview"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![b't', b'i', b't', b'l', b'e', b'=', 0xff, 0xfe])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 400);
    assert_eq!(
        app.post_form("/submit", "title=%C3%28&narrative=x")
            .await
            .status()
            .as_u16(),
        400
    );
    // A malformed form: a list where one value is expected.
    assert_eq!(
        app.post_form("/submit/preview", "title=a&title=b")
            .await
            .status()
            .as_u16(),
        400
    );
    // Unknown ids and paths.
    for path in [
        "/reports/zzzzzzzzzzzzzzzz",
        "/reports/..%2f..%2fetc",
        "/nope",
        "/reports/",
    ] {
        let res = app.get(path).await;
        assert_eq!(res.status().as_u16(), 404, "{path}");
        assert!(res.text().await.unwrap().contains("Not found"));
    }
    assert_eq!(app.get("/?page=abc").await.status().as_u16(), 400);
    assert_eq!(app.submissions_with_status("pending").await, 0);
    assert_eq!(app.get("/healthz").await.status().as_u16(), 200);
    assert!(!app.log().contains("panicked"), "{}", app.log());
}
both_backends!(bad_input_is_refused_cleanly);
