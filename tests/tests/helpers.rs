//! `TestApp`: spawns the real registry binary on port 0 with a temporary data directory (and,
//! for PostgreSQL, a fresh database of its own), captures its log, and stops it cleanly.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use diesel::{Connection, PgConnection, RunQueryDsl};
use rand::Rng;
use tempfile::TempDir;

pub const BINARY: &str = env!("CARGO_BIN_EXE_registry-under-test");

/// Which database a test runs against.
#[derive(Debug, Clone)]
pub enum Backend {
    Sqlite,
    /// The admin URL of a PostgreSQL server; each test creates its own database there.
    Postgres(String),
}

impl Backend {
    /// PostgreSQL when `REGISTRY_TEST_DATABASE_URL` is set. In CI it must be: a missing
    /// variable fails the test instead of skipping the backend.
    pub fn postgres() -> Option<Backend> {
        match std::env::var("REGISTRY_TEST_DATABASE_URL") {
            Ok(url) if !url.is_empty() => Some(Backend::Postgres(url)),
            _ if std::env::var_os("CI").is_some() => {
                panic!("CI must set REGISTRY_TEST_DATABASE_URL so that PostgreSQL is tested")
            }
            _ => {
                eprintln!("REGISTRY_TEST_DATABASE_URL is not set: skipping the PostgreSQL run");
                None
            }
        }
    }
}

/// Runs a test body once per backend: `both_backends!(name)` expects an
/// `async fn name(backend: Backend)` beside it.
#[macro_export]
macro_rules! both_backends {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(backend) = $crate::helpers::Backend::postgres() {
                    super::$name(backend).await;
                }
            }
        }
    };
}

/// A database of its own on the test PostgreSQL server, dropped afterwards.
struct PgDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl PgDatabase {
    fn create(admin_url: &str) -> PgDatabase {
        let name = format!("registry_test_{:016x}", rand::thread_rng().gen::<u64>());
        let mut conn = PgConnection::establish(admin_url).expect("connect to the test PostgreSQL");
        diesel::sql_query(format!("CREATE DATABASE {name}"))
            .execute(&mut conn)
            .expect("create a test database");
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url, |(base, _)| base);
        PgDatabase {
            admin_url: admin_url.to_string(),
            url: format!("{base}/{name}"),
            name,
        }
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        if let Ok(mut conn) = PgConnection::establish(&self.admin_url) {
            let _ = diesel::sql_query(format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ))
            .execute(&mut conn);
        }
    }
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub data_dir: TempDir,
    pg: Option<Arc<PgDatabase>>,
    child: Option<Child>,
    log: Arc<Mutex<String>>,
}

impl TestApp {
    pub async fn spawn(backend: Backend) -> TestApp {
        Self::spawn_with(backend, &["serve"]).await
    }

    /// Starts `registry ARGS…` and waits until it listens.
    pub async fn spawn_with(backend: Backend, args: &[&str]) -> TestApp {
        let data_dir = tempfile::Builder::new()
            .prefix("registry-test")
            .tempdir()
            .expect("temp dir");
        let pg = match &backend {
            Backend::Postgres(admin) => Some(Arc::new(PgDatabase::create(admin))),
            Backend::Sqlite => None,
        };
        let mut app = TestApp {
            base: String::new(),
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("http client"),
            data_dir,
            pg,
            child: None,
            log: Arc::new(Mutex::new(String::new())),
        };
        app.start(args).await;
        app
    }

    /// The `registry` command with this app's data directory and database.
    pub fn command(&self) -> Command {
        let mut cmd = Command::new(BINARY);
        cmd.env("REGISTRY_ADDR", "127.0.0.1:0")
            .env("REGISTRY_DATA_DIR", self.data_dir.path())
            .env("REGISTRY_LOG", "debug,tantivy=info")
            .env("REGISTRY_WORKERS", "2")
            .env("REGISTRY_DB_POOL_SIZE", "4")
            .env_remove("DATABASE_URL");
        if let Some(pg) = &self.pg {
            cmd.env("DATABASE_URL", &pg.url);
        }
        cmd
    }

    async fn start(&mut self, args: &[&str]) {
        let mut child = self
            .command()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the registry");
        let (tx, rx) = mpsc::channel::<String>();
        for stream in [
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let log = Arc::clone(&self.log);
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if let Some(at) = line.find("listening on http://") {
                        let _ = tx.send(line[at + "listening on ".len()..].trim().to_string());
                    }
                    let mut log = log.lock().unwrap_or_else(|e| e.into_inner());
                    log.push_str(&line);
                    log.push('\n');
                }
            });
        }
        let base = tokio::task::spawn_blocking(move || rx.recv_timeout(Duration::from_secs(120)))
            .await
            .expect("join");
        self.child = Some(child);
        match base {
            Ok(base) => self.base = base,
            Err(_) => panic!("the registry did not start; log:\n{}", self.log()),
        }
    }

    /// A second node: its own data directory and search index, the same database.
    pub async fn peer(&self) -> TestApp {
        let mut peer = TestApp {
            base: String::new(),
            client: self.client.clone(),
            data_dir: tempfile::Builder::new()
                .prefix("registry-peer")
                .tempdir()
                .expect("temp dir"),
            pg: self.pg.clone(),
            child: None,
            log: Arc::new(Mutex::new(String::new())),
        };
        peer.start(&["serve"]).await;
        peer
    }

    /// Kills the server with SIGKILL, as a crash would.
    pub fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts the server again on the same data directory and database.
    pub async fn restart(&mut self) {
        self.stop();
        self.start(&["serve"]).await;
    }

    /// Polls the search API until `query` has `total` hits; panics after `within`.
    pub async fn wait_for_total(
        &self,
        query: &str,
        total: u64,
        within: Duration,
    ) -> serde_json::Value {
        let deadline = std::time::Instant::now() + within;
        loop {
            let res = self.get(&format!("/api/v1/search?{query}")).await;
            let body: serde_json::Value = res.json().await.expect("search json");
            if body["total"].as_u64() == Some(total) {
                return body;
            }
            if std::time::Instant::now() > deadline {
                panic!(
                    "search {query:?} has {} hits, expected {total} within {within:?}",
                    body["total"]
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn log(&self) -> String {
        self.log.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Runs another `registry` command against the same data directory and database.
    pub fn cli(&self, args: &[&str]) -> Output {
        self.command()
            .args(args)
            .output()
            .expect("run the registry CLI")
    }

    pub fn cli_ok(&self, args: &[&str]) -> String {
        let out = self.cli(args);
        assert!(
            out.status.success(),
            "registry {args:?} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_text(&self, path: &str) -> (u16, String) {
        let res = self.get(path).await;
        let status = res.status().as_u16();
        (status, res.text().await.expect("body"))
    }

    pub async fn post_form(&self, path: &str, body: impl Into<String>) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.into())
            .send()
            .await
            .expect("POST")
    }

    pub async fn post_json(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("POST")
    }

    /// The value of `registry_submissions{status="…"}` in /metrics.
    pub async fn submissions_with_status(&self, status: &str) -> i64 {
        let (_, metrics) = self.get_text("/metrics").await;
        let needle = format!("registry_submissions{{status=\"{status}\"}} ");
        metrics
            .lines()
            .find_map(|l| l.strip_prefix(&needle))
            .map_or(0, |n| n.trim().parse().expect("a number"))
    }

    /// Sends SIGTERM and waits for a clean exit; returns whether it exited successfully.
    pub fn stop(&mut self) -> bool {
        let Some(mut child) = self.child.take() else {
            return true;
        };
        let pid = child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        for _ in 0..200 {
            if let Ok(Some(status)) = child.try_wait() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        false
    }

    /// Stops the server and asserts that `marker` is nowhere in the data directory, the
    /// PostgreSQL tables or the log.
    pub fn stop_and_check_absent(&mut self, marker: &str) {
        assert!(self.stop(), "clean exit");
        for (path, bytes) in files_under(&self.data_path()) {
            assert!(
                !contains_bytes(&bytes, marker),
                "{marker} in {}",
                path.display()
            );
        }
        if let Some(dump) = self.postgres_dump() {
            assert!(!dump.contains(marker), "{marker} in PostgreSQL");
        }
        assert!(!self.log().contains(marker), "{marker} in the log");
    }

    pub fn data_path(&self) -> PathBuf {
        self.data_dir.path().to_path_buf()
    }

    /// Every row of every table as text (PostgreSQL keeps its files elsewhere).
    pub fn postgres_dump(&self) -> Option<String> {
        let pg = self.pg.as_ref()?;
        #[derive(diesel::QueryableByName)]
        struct Row {
            #[diesel(sql_type = diesel::sql_types::Text)]
            line: String,
        }
        let mut conn = PgConnection::establish(&pg.url).expect("connect");
        let tables: Vec<Row> = diesel::sql_query(
            "SELECT tablename AS line FROM pg_tables WHERE schemaname = 'public'",
        )
        .load(&mut conn)
        .expect("list tables");
        let mut dump = String::new();
        for table in tables {
            let rows: Vec<Row> =
                diesel::sql_query(format!("SELECT t::text AS line FROM \"{}\" t", table.line))
                    .load(&mut conn)
                    .expect("dump table");
            for row in rows {
                dump.push_str(&row.line);
                dump.push('\n');
            }
        }
        Some(dump)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// All bytes of every file under `dir`, with their paths, for marker searches.
pub fn files_under(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).expect("read dir").flatten() {
                stack.push(entry.path());
            }
        } else if let Ok(bytes) = std::fs::read(&path) {
            out.push((path, bytes));
        }
    }
    out
}

pub fn contains_bytes(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle))
}

/// Percent-encodes form pairs (repeated keys allowed).
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// The first capture of `pattern` in `text`.
pub fn capture(text: &str, pattern: &str) -> Option<String> {
    regex::Regex::new(pattern)
        .ok()?
        .captures(text)?
        .get(1)
        .map(|m| m.as_str().to_string())
}

/// Unescapes the few entities askama writes, enough to read values back from HTML.
pub fn unescape(text: &str) -> String {
    text.replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&#60;", "<")
        .replace("&#62;", ">")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&#38;", "&")
}
