//! The `registry` command line: `serve` (the default), `migrate`, the operator's commands
//! (analysts, batches, maintenance), import/export, `seed-demo` and the benchmarks.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::app::Application;
use crate::config::Config;
use crate::db::{self, reports};
use crate::search::{indexer, SearchIndex};
use crate::{auth, export, seed, util};
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Debug, Parser)]
#[command(
    name = "registry",
    version,
    about = "An open, anonymous incident-report registry"
)]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server (the default when no command is given).
    Serve {
        /// Fill an empty registry with demo reports before serving.
        #[arg(long)]
        demo: bool,
        /// How many demo reports `--demo` creates.
        #[arg(long, default_value_t = 300)]
        demo_count: usize,
    },
    /// Create the database if needed and apply pending migrations, then exit.
    Migrate,
    /// Publish one submission at once, bypassing review and the batch (for material that
    /// is public already; the analysts' workflow is the normal way).
    Publish {
        /// The report id shown on the receipt page.
        id: String,
    },
    /// Attach a report (published or not) to the event of another as a supplemental report;
    /// its id keeps working and redirects to the event's page once both are public.
    Merge {
        /// The report that becomes supplemental.
        id: String,
        /// A report of the event it joins.
        into: String,
    },
    /// Publish every approved report now, as one batch (the server also does this on its
    /// own every REGISTRY_BATCH_INTERVAL_DAYS).
    PublishBatch,
    /// Run the periodic work once: the batch if due, receipt expiry, expired sessions.
    Maintenance,
    /// Create an analyst account. The password is read from standard input (prompted
    /// without echo on a terminal).
    CreateAnalyst {
        name: String,
        /// Give the account the admin role (manages analysts, reads the audit log).
        #[arg(long)]
        admin: bool,
    },
    /// Set a new password for an analyst (read like create-analyst's).
    SetPassword { name: String },
    /// Disable (or with --enable, re-enable) an analyst account; disabling ends its
    /// sessions.
    DisableAnalyst {
        name: String,
        #[arg(long)]
        enable: bool,
    },
    /// Import retrospectives from a JSON Lines file (public postmortem collections, or this
    /// registry's own export). Every text field is scrubbed; re-running imports nothing twice.
    Import {
        /// The JSON Lines file ("-" reads standard input).
        file: std::path::PathBuf,
        /// Publish the imported reports at once (for material that is already public);
        /// otherwise they wait for review as pending submissions.
        #[arg(long)]
        publish: bool,
    },
    /// Export every published report (JSON Lines or CSV) to a file or standard output.
    Export {
        /// jsonl or csv.
        #[arg(long, default_value = "jsonl", value_parser = ["jsonl", "csv"])]
        format: String,
        /// Write here instead of standard output.
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
    /// Measure the failure-pattern suggester on labelled postmortems (precision and recall
    /// per pattern).
    ClassifyEval {
        /// JSON Lines with labels. Default: the ISSRE'22 cloud postmortems (patterns and
        /// technologies), server/eval/contributing-factors.jsonl (factors).
        file: Option<std::path::PathBuf>,
        /// Measure the technology suggester instead, on `technologies`, `services` or
        /// `categories` labels (e.g. ../shared/corpus/k8s-failure-stories.jsonl).
        #[arg(long, conflicts_with = "factors")]
        technologies: bool,
        /// Measure the contributing-factor suggester, on labels that name corpus records.
        #[arg(long)]
        factors: bool,
        /// Where the corpus files named by the factor labels are.
        #[arg(long, default_value = "../shared/corpus")]
        corpus: std::path::PathBuf,
    },
    /// Rebuild the search index from the database (stop the server on this data directory
    /// first: the index has one writer).
    Reindex,
    /// Benchmark search: tantivy against SQLite FTS5 over N synthetic reports, in a scratch
    /// directory (the registry's own data is not touched).
    BenchSearch {
        /// How many synthetic reports to index.
        #[arg(long, default_value_t = 100_000)]
        reports: usize,
        /// Timed queries per query type.
        #[arg(long, default_value_t = 200)]
        queries: usize,
        /// Seed of the report generator.
        #[arg(long, default_value_t = 7)]
        seed: u64,
        /// Scratch directory (default: a temporary directory, removed afterwards).
        #[arg(long)]
        work_dir: Option<std::path::PathBuf>,
    },
    /// Add synthetic demo reports, or remove all of them.
    SeedDemo {
        /// How many demo reports to generate.
        #[arg(long, default_value_t = 300)]
        count: usize,
        /// Seed of the generator, for reproducible demo data.
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        /// Delete every demo report instead.
        #[arg(long)]
        remove: bool,
    },
}

#[derive(Debug, thiserror::Error)]
enum CliError {
    #[error(transparent)]
    Db(#[from] db::DbError),
    #[error(transparent)]
    Start(#[from] crate::app::StartError),
    #[error(transparent)]
    Index(#[from] crate::search::IndexError),
    #[error(transparent)]
    Bench(#[from] crate::bench::BenchError),
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    #[error(transparent)]
    Export(#[from] export::ExportError),
    #[error("server error: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Invalid(String),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(&cli.config.log);
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("registry: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Logs go to stderr without timestamps: an operator's log must not date submissions.
fn init_logging(filter: &str) {
    let filter = tracing_subscriber::EnvFilter::try_new(filter)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_target(false)
        .try_init();
}

fn run(cli: Cli) -> Result<(), CliError> {
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve {
        demo: false,
        demo_count: 300,
    }) {
        Command::Serve { demo, demo_count } => serve(config, demo.then_some(demo_count)),
        Command::Migrate => {
            let backend = config.backend()?;
            db::connect(&backend, 1)?;
            println!("database ready ({})", backend.name());
            Ok(())
        }
        Command::Publish { id } => {
            let pool = db::connect(&config.backend()?, 1)?;
            let mut conn = pool.get().map_err(db::DbError::from)?;
            let today = util::today();
            let report = db::review::publish_now(&mut conn, id.trim(), today)?;
            db::analysts::audit(&mut conn, today, "operator", "publish", &report.id, "")?;
            println!("published {} as /reports/{}", report.title, report.id);
            Ok(())
        }
        Command::Merge { id, into } => {
            let pool = db::connect(&config.backend()?, 1)?;
            let mut conn = pool.get().map_err(db::DbError::from)?;
            let primary = db::review::attach_to_event(&mut conn, id.trim(), into.trim())?;
            db::analysts::audit(
                &mut conn,
                util::today(),
                "operator",
                "attach",
                id.trim(),
                &format!("supplemental to {primary}"),
            )?;
            println!("{} is now a supplemental report of {primary}", id.trim());
            Ok(())
        }
        Command::PublishBatch => {
            let pool = db::connect(&config.backend()?, 1)?;
            let mut conn = pool.get().map_err(db::DbError::from)?;
            let count = crate::maintenance::publish_batch(&mut conn)?;
            db::analysts::audit(
                &mut conn,
                util::today(),
                "operator",
                "publish-batch",
                "",
                &format!("published {count}"),
            )?;
            println!("published {count} approved report(s)");
            Ok(())
        }
        Command::Maintenance => {
            let pool = db::connect(&config.backend()?, 1)?;
            let mut conn = pool.get().map_err(db::DbError::from)?;
            let round = crate::maintenance::run_once(&mut conn, &config)?;
            println!(
                "published {}, receipts destroyed {}, sessions expired {}",
                round.published, round.receipts_destroyed, round.sessions_expired
            );
            Ok(())
        }
        Command::CreateAnalyst { name, admin } => {
            auth::check_name(&name).map_err(CliError::Invalid)?;
            let hash = read_new_password()?;
            let pool = db::connect(&config.backend()?, 1)?;
            let mut conn = pool.get().map_err(db::DbError::from)?;
            let role = if admin {
                db::analysts::ROLE_ADMIN
            } else {
                db::analysts::ROLE_ANALYST
            };
            db::analysts::create(&mut conn, &name, &hash, role)?;
            db::analysts::audit(
                &mut conn,
                util::today(),
                "operator",
                "create-analyst",
                "",
                &format!("{name} ({role})"),
            )?;
            println!("created {role} {name}");
            Ok(())
        }
        Command::SetPassword { name } => {
            let hash = read_new_password()?;
            let pool = db::connect(&config.backend()?, 1)?;
            let mut conn = pool.get().map_err(db::DbError::from)?;
            db::analysts::set_password(&mut conn, &name, &hash)
                .map_err(|_| CliError::Invalid(format!("there is no analyst named {name:?}")))?;
            db::analysts::audit(
                &mut conn,
                util::today(),
                "operator",
                "set-password",
                "",
                &name,
            )?;
            println!("password of {name} changed");
            Ok(())
        }
        Command::DisableAnalyst { name, enable } => {
            let pool = db::connect(&config.backend()?, 1)?;
            let mut conn = pool.get().map_err(db::DbError::from)?;
            db::analysts::set_active(&mut conn, &name, enable)
                .map_err(|_| CliError::Invalid(format!("there is no analyst named {name:?}")))?;
            let action = if enable {
                "enable-analyst"
            } else {
                "disable-analyst"
            };
            db::analysts::audit(&mut conn, util::today(), "operator", action, "", &name)?;
            println!("{name} {}", if enable { "enabled" } else { "disabled" });
            Ok(())
        }
        Command::BenchSearch {
            reports,
            queries,
            seed,
            work_dir,
        } => {
            let options = crate::bench::BenchOptions {
                reports,
                queries_per_type: queries,
                seed,
            };
            match work_dir {
                Some(dir) => crate::bench::bench_search(&options, &dir)?,
                None => {
                    let dir =
                        std::env::temp_dir().join(format!("registry-bench-{}", std::process::id()));
                    let result = crate::bench::bench_search(&options, &dir);
                    let _ = std::fs::remove_dir_all(&dir);
                    result?
                }
            }
            Ok(())
        }
        Command::Import { file, publish } => import(&config, &file, publish),
        Command::Export { format, output } => {
            let format = if format == "csv" {
                export::Format::Csv
            } else {
                export::Format::Jsonl
            };
            let pool = db::connect(&config.backend()?, 1)?;
            let mut conn = pool.get().map_err(db::DbError::from)?;
            let count = match output {
                Some(path) => {
                    let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
                    export::write_all(&mut conn, format, &mut file)?
                }
                None => export::write_all(&mut conn, format, &mut std::io::stdout().lock())?,
            };
            eprintln!("exported {count} published reports");
            Ok(())
        }
        Command::ClassifyEval {
            file,
            technologies,
            factors,
            corpus,
        } => {
            let default = if factors {
                "server/eval/contributing-factors.jsonl"
            } else {
                "../shared/corpus/issre22-cloud-postmortems.jsonl"
            };
            let file = file.unwrap_or_else(|| default.into());
            let input = std::io::BufReader::new(std::fs::File::open(&file)?);
            if factors {
                let evaluation = crate::classify_eval::evaluate_factors(input, &corpus)?;
                print!("{}", crate::classify_eval::factor_report(&evaluation));
            } else if technologies {
                let evaluation = crate::classify_eval::evaluate_technologies(input)?;
                print!("{}", crate::classify_eval::technology_report(&evaluation));
            } else {
                let evaluation = crate::classify_eval::evaluate(input)?;
                print!("{}", crate::classify_eval::report(&evaluation));
            }
            Ok(())
        }
        Command::Reindex => reindex(&config),
        Command::SeedDemo {
            count,
            seed,
            remove,
        } => {
            let pool = db::connect(&config.backend()?, 1)?;
            let mut conn = pool.get().map_err(db::DbError::from)?;
            if remove {
                let removed = seed::remove_demo(&mut conn)?;
                println!("removed {removed} demo reports");
            } else {
                let added = seed::seed_demo(&mut conn, count, seed)?;
                println!("added {added} demo reports");
            }
            Ok(())
        }
    }
}

/// Reads a new password: prompted twice without echo on a terminal, else one line of
/// standard input (for scripts). Returns its argon2id hash.
fn read_new_password() -> Result<String, CliError> {
    use std::io::IsTerminal;
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("Password: ")?;
        let second = rpassword::prompt_password("Again: ")?;
        if first != second {
            return Err(CliError::Invalid("the passwords differ".into()));
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    auth::check_new_password(&password).map_err(CliError::Invalid)?;
    auth::hash_password(&password).map_err(|e| CliError::Invalid(e.to_string()))
}

fn import(config: &Config, file: &std::path::Path, publish: bool) -> Result<(), CliError> {
    let pool = db::connect(&config.backend()?, 1)?;
    let mut conn = pool.get().map_err(db::DbError::from)?;
    let scrubber = scrubber::Scrubber::new();
    let importer = crate::import::Importer::new(&scrubber);
    let (reader, size): (Box<dyn std::io::BufRead>, u64) = if file.as_os_str() == "-" {
        (Box::new(std::io::stdin().lock()), 0)
    } else {
        let handle = std::fs::File::open(file)?;
        let size = handle.metadata().map(|m| m.len()).unwrap_or(0);
        (Box::new(std::io::BufReader::new(handle)), size)
    };
    let bar = ProgressBar::new(size).with_style(
        ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} ({bytes_per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let summary = importer.import(&mut conn, reader, publish, &mut |n| bar.inc(n))?;
    bar.finish_and_clear();
    for (line, reason) in &summary.malformed {
        eprintln!("line {line}: skipped: {reason}");
    }
    println!(
        "imported {} reports ({}), {} already imported, {} malformed lines skipped",
        summary.imported,
        if publish {
            "published"
        } else {
            "pending review"
        },
        summary.duplicates,
        summary.malformed.len()
    );
    Ok(())
}

/// Rebuilds the index from scratch, with a progress bar on stderr.
fn reindex(config: &Config) -> Result<(), CliError> {
    let pool = db::connect(&config.backend()?, 1)?;
    let mut conn = pool.get().map_err(db::DbError::from)?;
    let (published, _) = reports::published_extent(&mut conn)?;
    let index = SearchIndex::open(&config.data_dir)?;
    let mut writer = indexer::open_writer(&index)?;
    writer
        .delete_all_documents()
        .map_err(crate::search::IndexError::from)?;
    let mut prepared = writer
        .prepare_commit()
        .map_err(crate::search::IndexError::from)?;
    prepared.set_payload("0");
    prepared.commit().map_err(crate::search::IndexError::from)?;
    index
        .reader()
        .reload()
        .map_err(crate::search::IndexError::from)?;
    let bar = ProgressBar::new(u64::try_from(published).unwrap_or(0)).with_style(
        ProgressStyle::with_template(
            "{bar:40} {pos}/{len} reports indexed ({per_sec}, {eta} left)",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let added = indexer::Sync::new(index.clone())
        .run(&mut conn, &mut writer, &mut |n| bar.set_position(n as u64))?;
    bar.finish();
    println!("reindexed {added} published reports");
    Ok(())
}

fn serve(config: Config, demo_count: Option<usize>) -> Result<(), CliError> {
    actix_web::rt::System::new().block_on(async move {
        let app = Application::build(config.clone())?;
        if let Some(count) = demo_count {
            let backend = config.backend()?;
            let pool = db::connect(&backend, 1)?;
            let mut conn = pool.get().map_err(db::DbError::from)?;
            if reports::count_all(&mut conn)? == 0 {
                let added = seed::seed_demo(&mut conn, count, 2026)?;
                tracing::info!(added, "demo reports added to the empty registry");
            }
        }
        let host = config
            .addr
            .rsplit_once(':')
            .map_or("127.0.0.1", |(host, _)| host);
        // Tests read this line to learn the port when REGISTRY_ADDR ends in :0.
        tracing::info!("listening on http://{host}:{}", app.port());
        app.run_until_stopped().await?;
        tracing::info!("stopped");
        Ok(())
    })
}
