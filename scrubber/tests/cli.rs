//! The `scrub` binary: plain text, --json, --jsonl with a malformed line.
#![allow(clippy::unwrap_used)]

use std::io::Write;
use std::process::{Command, Stdio};

fn run(args: &[&str], input: &str) -> (String, String, i32) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_scrub"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

#[test]
fn plain_text_with_declared_term() {
    let (out, _, code) = run(
        &["--declare", "Initech"],
        "Initech paged Alice Smith on 10.0.0.9\n",
    );
    assert_eq!(code, 0);
    assert_eq!(out, "[ORG-1] paged [PERSON-1] on [IP-1]\n");
}

#[test]
fn json_output() {
    let (out, _, code) = run(&["--json"], "mail jane@initech.com");
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["scrubbed"], "mail [EMAIL-1]");
    assert_eq!(v["findings"][0]["kind"], "email");
    assert_eq!(v["findings"][0]["start"], 5);
}

#[test]
fn jsonl_streams_and_reports_bad_lines() {
    let input = "{\"id\":1,\"text\":\"Alice Smith here\"}\nnot json\n{\"id\":\"b\",\"text\":\"Hooli down\",\"declared_terms\":[\"Hooli\"]}\n";
    let (out, err, code) = run(&["--jsonl"], input);
    assert_eq!(code, 0);
    assert!(err.contains("line 2"), "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["scrubbed"], "[PERSON-1] here");
    assert_eq!(lines[1]["scrubbed"], "[ORG-1] down");
}

#[test]
fn help() {
    let (out, _, code) = run(&["--help"], "");
    assert_eq!(code, 0);
    assert!(out.contains("--jsonl"));
}
