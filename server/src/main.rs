//! The `registry` binary: see `registry --help`.
fn main() -> std::process::ExitCode {
    registry::cli::main()
}
