use clap::Parser;

/// jemalloc rather than the system's malloc: the analysis makes and frees many small vectors a
/// paragraph, and glibc's malloc and free were a tenth of a one-thread run (docs/performance.md,
/// "jemalloc, and fewer allocations a paragraph"). The library (and so the Python module, built
/// without the `jemalloc` feature) keeps its host's allocator.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let cli = mtqc::cli::Cli::parse();
    std::process::exit(mtqc::app::run(cli));
}
