//! The editorial workflow over HTTP, on both backends: analysts sign in, review, ask the
//! reporter (who answers with the receipt), approve, reject, attach to events; batches
//! publish; receipts expire. And the guards: sessions, CSRF, rate limits, escaping.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::both_backends;
use crate::helpers::{capture, form, unescape, Backend, TestApp};
use crate::submit_flow::{base_fields, submit_via_form};

pub const PASSWORD: &str = "correct horse battery staple";

/// `registry create-analyst NAME [--admin]` with the password on standard input.
pub fn create_analyst(app: &TestApp, name: &str, admin: bool) {
    let mut args = vec!["create-analyst", name];
    if admin {
        args.push("--admin");
    }
    let mut cmd: Command = app.command();
    let mut child = cmd
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run create-analyst");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(format!("{PASSWORD}\n").as_bytes())
        .expect("write the password");
    let out = child.wait_with_output().expect("create-analyst output");
    assert!(
        out.status.success(),
        "create-analyst failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A signed-in analyst: the session cookie and the CSRF token of its pages.
pub struct Session {
    pub cookie: String,
    pub csrf: String,
}

impl Session {
    pub async fn get(&self, app: &TestApp, path: &str) -> (u16, String) {
        let res = app
            .client
            .get(app.url(path))
            .header("cookie", &self.cookie)
            .send()
            .await
            .expect("GET");
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    }

    /// POSTs a form with this session's CSRF token added.
    pub async fn post(&self, app: &TestApp, path: &str, pairs: &[(&str, &str)]) -> u16 {
        let mut pairs = pairs.to_vec();
        pairs.push(("csrf", &self.csrf));
        self.post_raw(app, path, &pairs).await.0
    }

    pub async fn post_raw(
        &self,
        app: &TestApp,
        path: &str,
        pairs: &[(&str, &str)],
    ) -> (u16, String) {
        let res = app
            .client
            .post(app.url(path))
            .header("cookie", &self.cookie)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(pairs))
            .send()
            .await
            .expect("POST");
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    }
}

/// POSTs the sign-in form; returns the response.
async fn post_login(app: &TestApp, name: &str, password: &str) -> reqwest::Response {
    let (_, page) = app.get_text("/mod/login").await;
    let token = capture(&page, r#"name="form_token" value="([^"]+)""#).expect("form token");
    app.post_form(
        "/mod/login",
        form(&[
            ("name", name),
            ("password", password),
            ("form_token", &token),
        ]),
    )
    .await
}

pub async fn login(app: &TestApp, name: &str) -> Session {
    let res = post_login(app, name, PASSWORD).await;
    assert_eq!(res.status().as_u16(), 303, "sign-in should redirect");
    let set_cookie = res
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .expect("a session cookie")
        .to_string();
    let cookie = set_cookie.split(';').next().unwrap_or("").to_string();
    let mut session = Session {
        cookie,
        csrf: String::new(),
    };
    let (status, queue) = session.get(app, "/mod/queue").await;
    assert_eq!(status, 200, "{queue}");
    session.csrf = capture(&queue, r#"name="csrf" value="([0-9a-f]{64})""#).expect("csrf token");
    session
}

/// Opens a receipt: (status, page).
pub async fn open_receipt(app: &TestApp, code: &str, extra: &[(&str, &str)]) -> (u16, String) {
    let mut pairs = vec![("code", code)];
    pairs.extend_from_slice(extra);
    let res = app.post_form("/receipt", form(&pairs)).await;
    assert!(
        res.headers().get("set-cookie").is_none(),
        "the receipt page sets no cookie"
    );
    let status = res.status().as_u16();
    (status, res.text().await.expect("receipt page"))
}

fn receipt_status(page: &str) -> String {
    capture(page, r#"id="receipt-status" data-status="([a-z]+)""#).unwrap_or_default()
}

async fn wait_for_search_hit(app: &TestApp, query: &str, id: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let (_, body) = app.get_text(&format!("/api/v1/search?q={query}")).await;
        if body.contains(id) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{id} not found by search: {body}"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

const QUESTION: &str = "Which replication mode did the replica use?";

both_backends!(question_answer_approve_batch_publish);
async fn question_answer_approve_batch_publish(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    create_analyst(&app, "ana", false);
    let mut fields = base_fields();
    fields.retain(|(k, _)| *k != "narrative");
    fields.push((
        "narrative",
        "The primary PostgreSQL 14 at Acme Widgets ran out of disk while the Zorblax importer \
         ran. We failed over after 45 minutes.",
    ));
    let (id, code, _) = submit_via_form(&app, &fields).await;
    let analyst = login(&app, "ana").await;

    // The queue lists it; the review screen highlights redactions and residual risks.
    let (_, queue) = analyst.get(&app, "/mod/queue").await;
    assert!(queue.contains(&format!("/mod/reports/{id}")), "{queue}");
    assert!(queue.contains("pending: <strong>1</strong>"), "{queue}");
    let (status, review) = analyst.get(&app, &format!("/mod/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(review.contains(r#"class="redaction k-org""#), "{review}");
    assert!(
        review.contains(
            r#"<mark class="risk r-capitalised" title="Unknown capitalised word">Zorblax</mark>"#
        ),
        "residual risk highlighted: {review}"
    );

    // Question → the reporter reads it with the receipt and answers through a preview.
    let path = format!("/mod/reports/{id}/question");
    assert_eq!(analyst.post(&app, &path, &[("text", QUESTION)]).await, 303);
    let (status, page) = open_receipt(&app, &code, &[]).await;
    assert_eq!(status, 200);
    assert_eq!(receipt_status(&page), "pending");
    assert!(page.contains(QUESTION), "{page}");
    assert!(page.contains("An analyst is waiting for your answer"));
    let answer = "Semi-synchronous. Ask Yolanda Quarrington at Acme Widgets, she set it up.";
    let (status, preview) = open_receipt(
        &app,
        &code,
        &[
            ("action", "preview"),
            ("text", answer),
            ("more_terms", "Acme Widgets"),
        ],
    )
    .await;
    assert_eq!(status, 200);
    assert!(preview.contains(r#"id="answer-preview""#), "{preview}");
    let digest = capture(&preview, r#"name="digest" value="([0-9a-f]{64})""#).expect("digest");
    // A changed text is previewed again rather than sent.
    let (_, stale) = open_receipt(
        &app,
        &code,
        &[
            ("action", "send"),
            ("text", "something else"),
            ("digest", &digest),
        ],
    )
    .await;
    assert!(stale.contains("The answer changed since the last preview"));
    let (_, sent) = open_receipt(
        &app,
        &code,
        &[
            ("action", "send"),
            ("text", answer),
            ("more_terms", "Acme Widgets"),
            ("digest", &digest),
        ],
    )
    .await;
    assert!(sent.contains("Your answer was sent"), "{sent}");
    let (_, review) = analyst.get(&app, &format!("/mod/reports/{id}")).await;
    assert!(
        review.contains("Semi-synchronous. Ask [PERSON-1] at [ORG-1]"),
        "{review}"
    );
    assert!(!review.contains("Quarrington") && !review.contains("Acme Widgets"));

    // Redact one more term, code a technology and a pattern, then approve.
    let title = "Disk full on the primary database during a batch import";
    let narrative = capture(&review, r#"(?s)name="narrative" rows="6">(.*?)</textarea>"#)
        .map(|t| unescape(&t))
        .expect("editable narrative");
    let save = format!("/mod/reports/{id}/save");
    let status = analyst
        .post(
            &app,
            &save,
            &[
                ("title", title),
                ("industry", "software"),
                ("severity", "major"),
                ("narrative", &narrative),
                ("impact", "Checkout was down for most customers."),
                ("detection", "A customer complaint, then the disk alert."),
                ("lessons", "- Alert on disk growth rate, not only on level."),
                ("action_items", "- Add a growth-rate alert"),
                ("technologies", "PostgreSQL 14, Redis"),
                ("patterns", "disk-full"),
                ("factors", "monitoring-gap"),
                ("redact_terms", "Zorblax"),
                ("redact_kind", "org"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let (_, review) = analyst.get(&app, &format!("/mod/reports/{id}")).await;
    assert!(!review.contains("Zorblax"), "redacted everywhere: {review}");
    assert!(review.contains("[ORG-2] importer"), "{review}");
    assert_eq!(
        analyst
            .post(&app, &format!("/mod/reports/{id}/approve"), &[])
            .await,
        303
    );
    // Approved is not public: it waits for the batch.
    assert_eq!(app.get_text(&format!("/reports/{id}")).await.0, 404);
    let (_, page) = open_receipt(&app, &code, &[]).await;
    assert_eq!(receipt_status(&page), "approved");

    let out = app.cli_ok(&["publish-batch"]);
    assert!(out.contains("published 1"), "{out}");
    let (status, public) = app.get_text(&format!("/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(public.contains("[ORG-2] importer") && !public.contains("Zorblax"));
    assert!(
        public.contains("Redis") && public.contains("Disk full"),
        "{public}"
    );
    wait_for_search_hit(&app, "importer", &id).await;

    // The receipt now says when it will be destroyed (today + 30 days by default).
    let (_, page) = open_receipt(&app, &code, &[]).await;
    assert_eq!(receipt_status(&page), "published");
    assert!(page.contains(r#"id="destroy-notice""#) && page.contains("destroyed on or after"));
    assert!(
        !page.contains("answer-form"),
        "no answers after publication"
    );

    // Every action is in the audit log, which only admins read.
    assert_eq!(analyst.get(&app, "/mod/audit").await.0, 403);
    create_analyst(&app, "root", true);
    let admin = login(&app, "root").await;
    let (status, audit) = admin.get(&app, &format!("/mod/audit?report={id}")).await;
    assert_eq!(status, 200);
    for action in ["open", "question", "save", "approve"] {
        assert!(
            audit.contains(&format!("<td>{action}</td>")),
            "{action} missing: {audit}"
        );
    }
    assert!(
        !audit.contains("Zorblax"),
        "the log never holds what was redacted"
    );
}

both_backends!(reject_path);
async fn reject_path(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    create_analyst(&app, "ana", false);
    let (id, code, _) = submit_via_form(&app, &base_fields()).await;
    let analyst = login(&app, "ana").await;
    let reason = "This describes a product bug, not an incident.";
    assert_eq!(
        analyst
            .post(
                &app,
                &format!("/mod/reports/{id}/reject"),
                &[("text", reason)]
            )
            .await,
        303
    );
    let (_, page) = open_receipt(&app, &code, &[]).await;
    assert_eq!(receipt_status(&page), "rejected");
    assert!(page.contains(reason));
    assert!(page.contains("destroyed on or after"));
    assert_eq!(app.get_text(&format!("/reports/{id}")).await.0, 404);
    let (_, queue) = analyst.get(&app, "/mod/queue").await;
    assert!(!queue.contains(&id), "rejected submissions leave the queue");
    // The content itself is gone at once; only the reason waits for the receipt.
    let out = app.cli_ok(&["export"]);
    assert!(!out.contains("Disk full"));
    if let Some(dump) = app.postgres_dump() {
        assert!(!dump.contains("ran out of disk"), "content erased");
    }
    // A second decision on a rejected submission is refused.
    assert_eq!(
        analyst
            .post(&app, &format!("/mod/reports/{id}/approve"), &[])
            .await,
        400
    );
}

both_backends!(withdraw_path);
async fn withdraw_path(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    create_analyst(&app, "ana", false);
    let (id, code, _) = submit_via_form(&app, &base_fields()).await;
    // Withdrawing needs the confirmation box.
    let (status, _) = open_receipt(&app, &code, &[("action", "withdraw")]).await;
    assert_eq!(status, 400);
    let (status, page) = open_receipt(
        &app,
        &code,
        &[("action", "withdraw"), ("confirm_withdraw", "yes")],
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("withdrawn"), "{page}");
    let (status, _) = open_receipt(&app, &code, &[]).await;
    assert_eq!(status, 404, "the receipt opens nothing any more");
    let analyst = login(&app, "ana").await;
    assert_eq!(
        analyst.get(&app, &format!("/mod/reports/{id}")).await.0,
        404
    );
    assert_eq!(app.submissions_with_status("pending").await, 0);
}

both_backends!(merge_into_event_and_redirect);
async fn merge_into_event_and_redirect(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    create_analyst(&app, "ana", false);
    let (first, _, _) = submit_via_form(&app, &base_fields()).await;
    app.cli_ok(&["publish", &first]);
    let mut fields = base_fields();
    fields.retain(|(k, _)| *k != "title");
    fields.push(("title", "Second view of the disk-full outage"));
    let (second, _, _) = submit_via_form(&app, &fields).await;
    wait_for_search_hit(&app, "disk", &first).await;
    let analyst = login(&app, "ana").await;

    // The published report and the other pending one are offered as likely duplicates.
    let (_, review) = analyst.get(&app, &format!("/mod/reports/{second}")).await;
    assert!(
        review.contains(&format!(r#"href="/reports/{first}""#)),
        "{review}"
    );
    let attach = format!("/mod/reports/{second}/attach");
    assert_eq!(
        analyst
            .post(&app, &attach, &[("target", "not-an-id")])
            .await,
        400
    );
    assert_eq!(
        analyst.post(&app, &attach, &[("target", &second)]).await,
        400
    );
    assert_eq!(
        analyst.post(&app, &attach, &[("target", &first)]).await,
        303
    );
    let (_, review) = analyst.get(&app, &format!("/mod/reports/{second}")).await;
    assert!(review.contains("supplemental report of"), "{review}");
    analyst
        .post(&app, &format!("/mod/reports/{second}/approve"), &[])
        .await;
    app.cli_ok(&["publish-batch"]);

    // The supplement's id redirects to its event; the event page shows both reports.
    let res = app.get(&format!("/reports/{second}")).await;
    assert_eq!(res.status().as_u16(), 301);
    assert_eq!(
        res.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/reports/{first}#report-{second}").as_str())
    );
    let (status, event) = app.get_text(&format!("/reports/{first}")).await;
    assert_eq!(status, 200);
    assert!(event.contains("Other reports of this event"));
    assert!(event.contains(&format!(r#"id="report-{second}""#)));
    assert!(event.contains("Second view of the disk-full outage"));

    // A report that was already public can be merged later (operator command): its URL
    // keeps working and leads to the event.
    let mut fields = base_fields();
    fields.retain(|(k, _)| *k != "title");
    fields.push(("title", "Third account, published on its own"));
    let (third, _, _) = submit_via_form(&app, &fields).await;
    app.cli_ok(&["publish", &third]);
    assert_eq!(
        app.get(&format!("/reports/{third}"))
            .await
            .status()
            .as_u16(),
        200
    );
    app.cli_ok(&["merge", &third, &second]);
    let res = app.get(&format!("/reports/{third}")).await;
    assert_eq!(res.status().as_u16(), 301);
    assert_eq!(
        res.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(format!("/reports/{first}#report-{third}").as_str())
    );
    let (_, event) = app.get_text(&format!("/reports/{first}")).await;
    assert!(event.contains("Third account, published on its own"));
    let out = app.cli(&["merge", &third, &first]);
    assert!(!out.status.success(), "merging twice is refused");
}

both_backends!(receipts_expire_after_retention);
async fn receipts_expire_after_retention(backend: Backend) {
    let app = TestApp::spawn_with(
        backend,
        &[
            "serve",
            "--receipt-retention-days",
            "0",
            "--maintenance-interval-secs",
            "1",
        ],
    )
    .await;
    let (id, code, _) = submit_via_form(&app, &base_fields()).await;
    let (_, page) = open_receipt(&app, &code, &[]).await;
    assert!(
        page.contains("destroyed 0 days after"),
        "told in advance: {page}"
    );
    app.cli_ok(&["publish", &id]);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (status, _) = open_receipt(&app, &code, &[]).await;
        if status == 404 {
            break;
        }
        assert!(Instant::now() < deadline, "the receipt was not destroyed");
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    // The report stays public; only the link to its reporter is gone.
    assert_eq!(app.get_text(&format!("/reports/{id}")).await.0, 200);
}

/// Every `/mod` route, with a method, for the access tests.
fn mod_routes(id: &str) -> Vec<(&'static str, String)> {
    let mut routes: Vec<(&'static str, String)> = [
        "/mod",
        "/mod/queue",
        "/mod/audit",
        "/mod/analysts",
        "/mod/nonexistent",
    ]
    .iter()
    .map(|p| ("GET", p.to_string()))
    .collect();
    routes.push(("GET", format!("/mod/reports/{id}")));
    for action in ["save", "question", "approve", "reject", "attach"] {
        routes.push(("POST", format!("/mod/reports/{id}/{action}")));
    }
    for path in [
        "/mod/batch",
        "/mod/logout",
        "/mod/analysts",
        "/mod/analysts/ana/active",
    ] {
        routes.push(("POST", path.to_string()));
    }
    routes
}

both_backends!(unauthenticated_and_forged_requests_change_nothing);
async fn unauthenticated_and_forged_requests_change_nothing(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    create_analyst(&app, "ana", false);
    let (id, _, _) = submit_via_form(&app, &base_fields()).await;

    // No session, or a forged one: every route redirects to sign-in and shows nothing.
    let forged = Session {
        cookie: "registry_session=0123abcd.0123456789abcdef".into(),
        csrf: "0".repeat(64),
    };
    for cookie in ["", forged.cookie.as_str()] {
        for (method, path) in mod_routes(&id) {
            let request = match method {
                "GET" => app.client.get(app.url(&path)),
                _ => app
                    .client
                    .post(app.url(&path))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .body(form(&[("csrf", "x"), ("text", "x")])),
            };
            let request = if cookie.is_empty() {
                request
            } else {
                request.header("cookie", cookie)
            };
            let res = request.send().await.expect("request");
            assert_eq!(res.status().as_u16(), 303, "{method} {path}");
            assert_eq!(
                res.headers().get("location").and_then(|v| v.to_str().ok()),
                Some("/mod/login")
            );
            let body = res.text().await.unwrap_or_default();
            assert!(
                !body.contains("Disk full"),
                "{method} {path} leaked content"
            );
        }
    }

    // With a session but a missing or wrong CSRF token: 403 and nothing changes.
    let analyst = login(&app, "ana").await;
    for token in [None, Some("f".repeat(64))] {
        for (method, path) in mod_routes(&id) {
            if method != "POST" {
                continue;
            }
            let mut pairs = vec![("text", "x"), ("target", "x")];
            if let Some(token) = &token {
                pairs.push(("csrf", token));
            }
            let (status, _) = analyst.post_raw(&app, &path, &pairs).await;
            assert_eq!(status, 403, "{path} without a valid CSRF token");
        }
    }
    let (_, review) = analyst.get(&app, &format!("/mod/reports/{id}")).await;
    assert!(review.contains(r#"id="status">pending"#), "{review}");
    assert!(!review.contains("from-analyst"), "no question was stored");
    let (status, _) = analyst.get(&app, "/mod/queue").await;
    assert_eq!(status, 200, "the session survived the forged requests");

    // A sign-in form that was not ours is refused.
    let res = app
        .post_form(
            "/mod/login",
            form(&[
                ("name", "ana"),
                ("password", PASSWORD),
                ("form_token", "1.ab"),
            ]),
        )
        .await;
    assert_eq!(res.status().as_u16(), 403);
}

both_backends!(sessions_cookies_logout_and_rate_limits);
async fn sessions_cookies_logout_and_rate_limits(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    create_analyst(&app, "ana", false);
    create_analyst(&app, "bo", false);

    // The cookie's flags.
    let res = post_login(&app, "ana", PASSWORD).await;
    assert_eq!(res.status().as_u16(), 303);
    let set_cookie = res
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/mod", "Max-Age=43200"] {
        assert!(set_cookie.contains(flag), "{flag} missing: {set_cookie}");
    }
    // Public pages never set cookies.
    for path in ["/", "/submit", "/receipt", "/mod/login"] {
        assert!(
            app.get(path).await.headers().get("set-cookie").is_none(),
            "{path}"
        );
    }

    // Logout ends the session on the server: the old cookie opens nothing.
    let analyst = login(&app, "ana").await;
    assert_eq!(analyst.post(&app, "/mod/logout", &[]).await, 303);
    assert_eq!(analyst.get(&app, "/mod/queue").await.0, 303);

    // Wrong passwords: after five, even the right one is refused for a while.
    for _ in 0..5 {
        let res = post_login(&app, "bo", "wrong password, wrong").await;
        assert_eq!(res.status().as_u16(), 401);
        assert!(res.headers().get("set-cookie").is_none());
    }
    let res = post_login(&app, "bo", PASSWORD).await;
    assert_eq!(res.status().as_u16(), 429);
    // Another account from the same source is not locked by bo's failures.
    let res = post_login(&app, "ana", PASSWORD).await;
    assert_eq!(res.status().as_u16(), 303);
    // An unknown name answers like a wrong password.
    let res = post_login(&app, "nobody", PASSWORD).await;
    assert_eq!(res.status().as_u16(), 401);

    // Wrong receipt codes reveal nothing, and are rate limited per source.
    let (_, code, _) = submit_via_form(&app, &base_fields()).await;
    let wrong = "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA";
    let (status, page) = open_receipt(&app, wrong, &[]).await;
    assert_eq!(status, 404);
    assert!(page.contains("No submission matches this receipt code"));
    assert!(!page.contains("Disk full"));
    for _ in 0..9 {
        open_receipt(&app, "not even a code", &[]).await;
    }
    let (status, _) = open_receipt(&app, &code, &[]).await;
    assert_eq!(
        status, 429,
        "the right code waits too once the limit is hit"
    );
}

const XSS: &str = "<script>alert(1)</script><img src=x onerror=alert(2)>";

both_backends!(markup_in_every_field_is_escaped);
async fn markup_in_every_field_is_escaped(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    create_analyst(&app, "root", true);
    let mut fields: Vec<(&str, String)> = base_fields()
        .into_iter()
        .map(|(k, v)| (k, v.to_string()))
        .collect();
    for (key, value) in fields.iter_mut() {
        if [
            "title",
            "narrative",
            "impact",
            "detection",
            "lessons",
            "action_items",
        ]
        .contains(key)
        {
            value.push_str(XSS);
        }
    }
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (id, code, preview) = submit_via_form(&app, &pairs).await;
    assert!(!preview.contains("<script>alert"), "preview escapes");
    let admin = login(&app, "root").await;
    let (_, queue) = admin.get(&app, "/mod/queue").await;
    assert!(!queue.contains("<script>alert") && queue.contains("&#60;script&#62;"));
    let question = format!("Why {XSS}?");
    admin
        .post(
            &app,
            &format!("/mod/reports/{id}/question"),
            &[("text", &question)],
        )
        .await;
    let (_, review) = admin.get(&app, &format!("/mod/reports/{id}")).await;
    assert!(!review.contains("<script>alert") && !review.contains("<img src=x"));
    assert!(review.contains("&#60;script&#62;"), "{review}");
    let (_, page) = open_receipt(&app, &code, &[]).await;
    assert!(!page.contains("<script>alert") && page.contains("&#60;script&#62;"));
    let (_, answer) = open_receipt(
        &app,
        &code,
        &[("action", "preview"), ("text", XSS), ("more_terms", XSS)],
    )
    .await;
    assert!(!answer.contains("<script>alert") && !answer.contains("<img src=x"));
    admin
        .post(&app, &format!("/mod/reports/{id}/approve"), &[])
        .await;
    assert_eq!(admin.post(&app, "/mod/batch", &[]).await, 303);
    let (status, public) = app.get_text(&format!("/reports/{id}")).await;
    assert_eq!(status, 200);
    assert!(!public.contains("<script>alert") && !public.contains("<img src=x"));
    // A rejection reason with markup: escaped for the reporter and in the audit log.
    let (second, second_code, _) = submit_via_form(&app, &base_fields()).await;
    let reason = format!("Not an incident {XSS}");
    admin
        .post(
            &app,
            &format!("/mod/reports/{second}/reject"),
            &[("text", &reason)],
        )
        .await;
    let (_, rejected) = open_receipt(&app, &second_code, &[]).await;
    assert!(
        rejected.contains("Not an incident &#60;script&#62;"),
        "{rejected}"
    );
    assert!(!rejected.contains("<script>alert") && !rejected.contains("<img src=x"));
    let (_, audit) = admin.get(&app, "/mod/audit").await;
    assert!(
        audit.contains("Not an incident &#60;script&#62;"),
        "{audit}"
    );
    assert!(!audit.contains("<script>alert") && !audit.contains("<img src=x"));
    // Analyst names are checked; a markup name is refused with the page's error.
    let (status, page) = admin
        .post_raw(
            &app,
            "/mod/analysts",
            &[
                ("csrf", &admin.csrf),
                ("name", XSS),
                ("password", PASSWORD),
                ("role", "analyst"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(!page.contains("<script>alert"));
}

both_backends!(queue_pages_fifty_at_a_time);
async fn queue_pages_fifty_at_a_time(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    create_analyst(&app, "ana", false);
    // Imported records without --publish wait for review like submissions.
    let corpus = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/corpus/danluu-post-mortems.jsonl");
    let lines: Vec<String> = std::fs::read_to_string(&corpus)
        .expect("the corpus beside the repository")
        .lines()
        .take(60)
        .map(str::to_string)
        .collect();
    let file = app.data_dir.path().join("sixty.jsonl");
    std::fs::write(&file, lines.join("\n")).expect("write the sample");
    app.cli_ok(&["import", file.to_str().expect("utf-8 path")]);
    let analyst = login(&app, "ana").await;
    let rows = |page: &str| page.matches(r#"<a href="/mod/reports/"#).count();
    let (_, first) = analyst.get(&app, "/mod/queue").await;
    assert!(first.contains("pending: <strong>60</strong>"), "{first}");
    assert_eq!(rows(&first), 50);
    assert!(first.contains(r#"href="/mod/queue?page=2""#));
    let (_, second) = analyst.get(&app, "/mod/queue?page=2").await;
    assert_eq!(rows(&second), 10);
    assert!(!second.contains("page=3"));
}

both_backends!(admins_curate_guidance_citing_reports);
async fn admins_curate_guidance_citing_reports(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    create_analyst(&app, "root", true);
    create_analyst(&app, "ana", false);
    let (id, _, _) = submit_via_form(&app, &base_fields()).await;
    app.cli_ok(&["publish", &id]);
    let page_path = "/technologies/postgresql";

    let analyst = login(&app, "ana").await;
    assert_eq!(analyst.get(&app, "/mod/guidance").await.0, 403);
    let edit = "/mod/guidance/technology/postgresql";
    assert_eq!(
        analyst
            .post(&app, edit, &[("action", "save"), ("markdown", "x")])
            .await,
        403
    );

    let admin = login(&app, "root").await;
    let res = app
        .client
        .get(app.url("/mod/guidance?kind=technology&subject=postgres"))
        .header("cookie", &admin.cookie)
        .send()
        .await
        .expect("open");
    assert_eq!(res.status().as_u16(), 303);
    assert_eq!(
        res.headers().get("location").and_then(|v| v.to_str().ok()),
        Some(edit)
    );
    assert_eq!(
        admin
            .get(&app, "/mod/guidance/pattern/no-such-pattern")
            .await
            .0,
        404
    );

    // Citing a report that is not published: refused, nothing changes.
    let bad = format!("Watch disk growth (#{id}, #0000000000000000).");
    let (status, page) = admin
        .post_raw(
            &app,
            edit,
            &[
                ("csrf", &admin.csrf),
                ("action", "save"),
                ("markdown", &bad),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Report 0000000000000000 is not a published report."));
    let (_, public) = app.get_text(page_path).await;
    assert!(!public.contains(r#"id="guidance""#));

    let text = format!("**Alert on growth**, not on level (#{id}). <script>alert(1)</script>");
    let (status, preview) = admin
        .post_raw(
            &app,
            edit,
            &[
                ("csrf", &admin.csrf),
                ("action", "preview"),
                ("markdown", &text),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert!(preview.contains("<strong>Alert on growth</strong>"));
    assert_eq!(
        admin
            .post(&app, edit, &[("action", "save"), ("markdown", &text)])
            .await,
        303
    );
    let (_, public) = app.get_text(page_path).await;
    assert!(public.contains(r#"id="guidance""#), "{public}");
    assert!(public.contains("<strong>Alert on growth</strong>"));
    assert!(public.contains(&format!(
        r#"<a href="/reports/{id}" rel="nofollow noopener noreferrer">#{id}</a>"#
    )));
    assert!(
        public.contains("Based on: <a href=\"/reports/"),
        "cited titles listed"
    );
    assert!(!public.contains("<script>alert"));
    let (_, list) = admin.get(&app, "/mod/guidance").await;
    assert!(list.contains(r#"href="/mod/guidance/technology/postgresql""#));
    let (_, audit) = admin.get(&app, "/mod/audit").await;
    assert!(audit.contains("<td>guidance</td>"));

    assert_eq!(admin.post(&app, edit, &[("action", "delete")]).await, 303);
    let (_, public) = app.get_text(page_path).await;
    assert!(!public.contains(r#"id="guidance""#));
}
