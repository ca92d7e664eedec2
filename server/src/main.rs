//! The `registry` binary: see `registry --help`.

// glibc's allocator spent about a sixth of an uncached search's CPU in malloc/free and its
// consolidation under many threads; mimalloc's thread-local heaps do the same work for less.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    registry::cli::main()
}
