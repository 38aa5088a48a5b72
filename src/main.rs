use clap::Parser;

/// mimalloc: the analysis allocates and frees small vectors per paragraph (words, numbers,
/// sentences, findings), where the system allocator spent about a tenth of the time
/// (docs/performance.md).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = mtqc::cli::Cli::parse();
    std::process::exit(mtqc::app::run(cli));
}
