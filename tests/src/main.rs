//! The registry binary, rebuilt inside the test crate so integration tests can spawn it.
fn main() -> std::process::ExitCode {
    registry::cli::main()
}
