//! `scrub`: redact identity from an incident write-up before publishing it anywhere.
//!
//! ```text
//! scrub < postmortem.md > postmortem.redacted.md
//! scrub --declare "Acme Corp" --declare "Jane Doe" --json < in.txt
//! scrub --jsonl < reports.jsonl > scrubbed.jsonl
//! ```

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use scrubber::{Finding, Scrubber};
use serde::{Deserialize, Serialize};

const HELP: &str = "\
scrub: remove people, organisations, contact details, hosts, secrets and exact dates
from incident write-ups while keeping the technical facts.

USAGE:
    scrub [OPTIONS] < input > output

OPTIONS:
    --declare TERM   a name to redact everywhere (company, product, colleague); repeatable
    --allow TERM     a term to keep even if it looks identifying; repeatable
    --json           print {\"scrubbed\": ..., \"findings\": [{start,end,kind,placeholder}]}
    --jsonl          read JSON Lines {\"id\":..,\"text\":..,\"declared_terms\":[..]} and write
                     {\"id\":..,\"scrubbed\":..,\"findings\":[..]} per line (streaming)
    --version        print the version of the redaction rules
    -h, --help       print this help

A malformed JSON line is reported on stderr with its line number and skipped.
The exit code is 0 unless reading or writing fails.";

#[derive(Deserialize)]
struct InLine {
    #[serde(default)]
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    declared_terms: Vec<String>,
    #[serde(default)]
    allowed_terms: Vec<String>,
}

#[derive(Serialize)]
struct OutLine<'a> {
    id: &'a serde_json::Value,
    scrubbed: &'a str,
    findings: &'a [Finding],
}

#[derive(Serialize)]
struct OutDoc<'a> {
    scrubbed: &'a str,
    findings: &'a [Finding],
    rules_version: &'a str,
}

enum Mode {
    Text,
    Json,
    Jsonl,
}

fn main() -> ExitCode {
    let mut declared = Vec::new();
    let mut allowed = Vec::new();
    let mut mode = Mode::Text;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-h" | "--help" => {
                println!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--version" | "-V" => {
                println!(
                    "scrub {} (rules {})",
                    env!("CARGO_PKG_VERSION"),
                    scrubber::RULES_VERSION
                );
                return ExitCode::SUCCESS;
            }
            "--json" => mode = Mode::Json,
            "--jsonl" => mode = Mode::Jsonl,
            "--declare" | "--allow" => {
                let Some(v) = args.next() else {
                    eprintln!("scrub: {a} needs a value (see --help)");
                    return ExitCode::from(2);
                };
                if a == "--declare" {
                    declared.push(v);
                } else {
                    allowed.push(v);
                }
            }
            other => {
                if let Some(v) = other.strip_prefix("--declare=") {
                    declared.push(v.to_string());
                } else if let Some(v) = other.strip_prefix("--allow=") {
                    allowed.push(v.to_string());
                } else {
                    eprintln!("scrub: unknown argument {other:?} (see --help)");
                    return ExitCode::from(2);
                }
            }
        }
    }
    let scrubber = Scrubber::new();
    let result = match mode {
        Mode::Jsonl => run_jsonl(&scrubber, &declared, &allowed),
        Mode::Text | Mode::Json => {
            run_whole(&scrubber, &declared, &allowed, matches!(mode, Mode::Json))
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("scrub: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_whole(s: &Scrubber, declared: &[String], allowed: &[String], json: bool) -> io::Result<()> {
    let mut raw = Vec::new();
    io::stdin().lock().read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw);
    let out = s
        .scrub_document(&[&text], declared, allowed)
        .pop()
        .unwrap_or(scrubber::Scrubbed {
            text: String::new(),
            findings: Vec::new(),
        });
    let stdout = io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    if json {
        let doc = OutDoc {
            scrubbed: &out.text,
            findings: &out.findings,
            rules_version: scrubber::RULES_VERSION,
        };
        serde_json::to_writer(&mut w, &doc).map_err(io::Error::other)?;
        writeln!(w)?;
    } else {
        w.write_all(out.text.as_bytes())?;
    }
    w.flush()
}

fn run_jsonl(s: &Scrubber, declared: &[String], allowed: &[String]) -> io::Result<()> {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut w = BufWriter::new(stdout.lock());
    let mut reader = stdin.lock();
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        line_no += 1;
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let input: InLine = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("scrub: line {line_no}: {e}");
                continue;
            }
        };
        let mut terms = input.declared_terms;
        terms.extend(declared.iter().cloned());
        let mut allow = input.allowed_terms;
        allow.extend(allowed.iter().cloned());
        let out = s
            .scrub_document(&[&input.text], &terms, &allow)
            .pop()
            .unwrap_or(scrubber::Scrubbed {
                text: String::new(),
                findings: Vec::new(),
            });
        let o = OutLine {
            id: &input.id,
            scrubbed: &out.text,
            findings: &out.findings,
        };
        serde_json::to_writer(&mut w, &o).map_err(io::Error::other)?;
        writeln!(w)?;
    }
    w.flush()
}
