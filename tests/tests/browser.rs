//! The submission flow in a real headless Chromium, driven over WebDriver: once with
//! JavaScript enabled and once with it disabled (the registry needs none).

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use fantoccini::{Client, ClientBuilder, Locator};

use crate::helpers::{Backend, TestApp};
use crate::submit_flow::NARRATIVE;

struct Driver {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn find_binary(names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("command -v {name}"))
            .output()
            .ok()?;
        let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
        (out.status.success() && !path.is_empty()).then_some(path)
    })
}

/// Starts chromedriver, or returns None outside CI when the browser is not installed. In CI
/// a missing browser fails the test.
fn start_driver() -> Option<(Driver, String)> {
    let driver = find_binary(&["chromedriver"]);
    let browser = find_binary(&["chromium", "chromium-browser", "google-chrome"]);
    let (Some(driver), Some(browser)) = (driver, browser) else {
        if std::env::var_os("CI").is_some() {
            panic!("chromium and chromedriver must be installed in CI (Debian packages chromium, chromium-driver)");
        }
        eprintln!("chromium or chromedriver not installed: skipping the browser test");
        return None;
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new(driver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let profile = tempfile::tempdir().unwrap();
    Some((
        Driver {
            child,
            port,
            _profile: profile,
        },
        browser,
    ))
}

async fn connect(driver: &Driver, browser: &str, javascript: bool) -> Client {
    let mut caps = serde_json::Map::new();
    let profile = driver._profile.path().display().to_string();
    let mut options = serde_json::json!({
        "binary": browser,
        "args": [
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--window-size=1200,2000",
            format!("--user-data-dir={profile}"),
        ],
    });
    if !javascript {
        options["prefs"] =
            serde_json::json!({ "profile.managed_default_content_settings.javascript": 2 });
    }
    caps.insert("goog:chromeOptions".into(), options);
    let url = format!("http://127.0.0.1:{}", driver.port);
    for attempt in 0..50 {
        match ClientBuilder::native()
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => return client,
            Err(err) if attempt == 49 => {
                panic!("could not start Chromium through chromedriver: {err}")
            }
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    unreachable!()
}

async fn click(client: &Client, css: &str) {
    let element = client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"));
    element.click().await.unwrap();
}

/// Waits for an element and returns its text.
async fn wait_text(client: &Client, locator: Locator<'_>) -> String {
    client
        .wait()
        .for_element(locator)
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

async fn fill(client: &Client, id: &str, text: &str) {
    let field = client
        .find(Locator::Id(id))
        .await
        .unwrap_or_else(|e| panic!("field {id}: {e}"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn submit_in_browser(app: &TestApp, driver: &Driver, browser: &str, javascript: bool) {
    let client = connect(driver, browser, javascript).await;
    client.goto(&app.url("/submit")).await.unwrap();
    let title = format!(
        "Browser test with javascript {}",
        if javascript { "on" } else { "off" }
    );
    fill(&client, "title", &title).await;
    client
        .find(Locator::Id("industry"))
        .await
        .unwrap()
        .select_by_value("healthcare")
        .await
        .unwrap();
    fill(&client, "occurred_month", "2024-02").await;
    fill(&client, "narrative", NARRATIVE).await;
    fill(&client, "technologies", "Postgres 14, nginx").await;
    fill(&client, "declared_terms", "Acme Widgets").await;
    click(&client, r#"input[value="fatigue"]"#).await;
    click(&client, "form.submission button[type=submit]").await;

    client
        .wait()
        .for_element(Locator::Css("article.preview"))
        .await
        .unwrap();
    let kinds: Vec<String> = {
        let marks = client
            .find_all(Locator::Css("article.preview mark.redaction"))
            .await
            .unwrap();
        let mut kinds = Vec::new();
        for mark in marks {
            kinds.push(mark.attr("data-kind").await.unwrap().unwrap_or_default());
        }
        kinds
    };
    assert!(
        kinds.iter().any(|k| k == "org"),
        "declared org highlighted: {kinds:?}"
    );
    assert!(
        kinds.iter().any(|k| k == "email"),
        "email highlighted: {kinds:?}"
    );
    let preview_text = client
        .find(Locator::Css("article.preview"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!preview_text.contains("Acme Widgets"));

    click(&client, r#"button[value="confirm"]"#).await;
    let code = wait_text(&client, Locator::Id("receipt-code")).await;
    assert!(
        regex::Regex::new(r"^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$")
            .unwrap()
            .is_match(&code),
        "{code}"
    );
    let href = client
        .find(Locator::Css("main a[href^='/reports/']"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let id = href.trim_start_matches("/reports/").to_string();

    app.cli_ok(&["publish", &id]);
    client.goto(&app.url(&href)).await.unwrap();
    let heading = client
        .find(Locator::Css("article.report h1"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(heading, title);
    let body = client
        .find(Locator::Css("article.report"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        body.contains("Fatigue") && body.contains("PostgreSQL 14"),
        "{body}"
    );
    assert!(!body.contains("Acme Widgets"));
    client.close().await.unwrap();
}

/// A reader's pages work without JavaScript: search with a facet click, a best-practice page,
/// and the stack check's form.
async fn reader_pages_without_javascript(app: &TestApp, driver: &Driver, browser: &str) {
    let client = connect(driver, browser, false).await;
    client.goto(&app.url("/search?q=")).await.unwrap();
    let total: u64 = wait_text(&client, Locator::Id("total"))
        .await
        .parse()
        .unwrap();
    assert!(total >= 2, "published reports are searchable");
    click(&client, "aside.facets section.facet a").await;
    client
        .wait()
        .for_element(Locator::Css("section.active-filters"))
        .await
        .unwrap();
    let narrowed: u64 = wait_text(&client, Locator::Id("total"))
        .await
        .parse()
        .unwrap();
    assert!(narrowed >= 1 && narrowed <= total);

    client.goto(&app.url("/technologies")).await.unwrap();
    click(&client, "a[href='/technologies/postgresql']").await;
    let heading = wait_text(&client, Locator::Css("main h1")).await;
    assert_eq!(heading, "PostgreSQL");
    assert!(
        client.find(Locator::Css("svg.trend rect")).await.is_ok(),
        "the trend chart is server-rendered"
    );

    client.goto(&app.url("/stack")).await.unwrap();
    fill(&client, "text", "postgres:14\nnginx").await;
    click(&client, "form.submission button[type=submit]").await;
    let result = wait_text(&client, Locator::Id("stack-result")).await;
    assert!(result.starts_with("2 technologies recognised"), "{result}");
    client.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reporter_submits_in_a_real_browser_with_and_without_javascript() {
    let Some((driver, browser)) = start_driver() else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    submit_in_browser(&app, &driver, &browser, true).await;
    submit_in_browser(&app, &driver, &browser, false).await;
    // Both submissions are published now and name PostgreSQL.
    app.wait_for_total("q=", 2, Duration::from_secs(10)).await;
    reader_pages_without_javascript(&app, &driver, &browser).await;
}

/// Waits until the browser's address contains `part` (after a click that navigates), so the
/// next lookup cannot find an element of the page being left.
async fn wait_for_url(client: &Client, part: &str) {
    for _ in 0..100 {
        if client.current_url().await.unwrap().as_str().contains(part) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the browser never reached {part}");
}

/// An analyst's review in the browser: sign in, open the submission, redact one more term
/// (selected with the mouse: the optional script copies it into the form), code a
/// technology, approve, publish the batch, and read the public page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn analyst_reviews_and_publishes_in_a_real_browser() {
    let Some((driver, browser)) = start_driver() else {
        return;
    };
    let app = TestApp::spawn(Backend::Sqlite).await;
    crate::moderation::create_analyst(&app, "chief", true);
    let mut fields = crate::submit_flow::base_fields();
    fields.retain(|(k, _)| *k != "narrative");
    fields.push((
        "narrative",
        "The primary PostgreSQL 14 ran out of disk while the Zorblax importer ran. We failed over.",
    ));
    let (id, _, _) = crate::submit_flow::submit_via_form(&app, &fields).await;

    let client = connect(&driver, &browser, true).await;
    client.goto(&app.url("/mod/queue")).await.unwrap();
    // Without a session the queue sends the browser to sign in.
    wait_for_url(&client, "/mod/login").await;
    fill(&client, "name", "chief").await;
    fill(&client, "password", crate::moderation::PASSWORD).await;
    click(&client, "form.narrow button[type=submit]").await;
    wait_for_url(&client, "/mod/queue").await;
    assert_eq!(
        wait_text(&client, Locator::Css("main h1")).await,
        "Review queue"
    );

    click(&client, &format!("a[href='/mod/reports/{id}']")).await;
    wait_for_url(&client, &format!("/mod/reports/{id}")).await;
    let risk = wait_text(&client, Locator::Css("#text-narrative mark.risk")).await;
    assert_eq!(risk, "Zorblax");
    // Select the word with the mouse (a DOM selection plus mouseup).
    client
        .execute(
            "const mark = document.querySelector('#text-narrative mark.risk');
             const range = document.createRange();
             range.selectNodeContents(mark);
             const selection = window.getSelection();
             selection.removeAllRanges();
             selection.addRange(range);
             mark.parentElement.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));",
            vec![],
        )
        .await
        .unwrap();
    let terms = client
        .find(Locator::Id("redact_terms"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(terms, "Zorblax", "the script copied the selection");
    client
        .find(Locator::Id("redact_kind"))
        .await
        .unwrap()
        .select_by_value("org")
        .await
        .unwrap();
    fill(&client, "technologies", "PostgreSQL 14, Redis").await;
    click(&client, "#save").await;
    wait_for_url(&client, "notice=saved").await;
    let narrative = wait_text(&client, Locator::Id("text-narrative")).await;
    assert!(
        narrative.contains("[ORG-1] importer") && !narrative.contains("Zorblax"),
        "{narrative}"
    );

    click(&client, "#approve").await;
    wait_for_url(&client, "notice=approved").await;
    click(&client, "#publish-batch").await;
    wait_for_url(&client, "notice=published").await;
    let notice = wait_text(&client, Locator::Css("p.notice")).await;
    assert!(notice.contains("published-1"), "{notice}");

    client
        .goto(&app.url(&format!("/reports/{id}")))
        .await
        .unwrap();
    let body = wait_text(&client, Locator::Css("article.report")).await;
    assert!(
        body.contains("Redis") && body.contains("[ORG-1] importer"),
        "{body}"
    );
    assert!(!body.contains("Zorblax"));
    client.close().await.unwrap();
}
