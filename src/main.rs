use clap::Parser;

fn main() {
    let cli = mtqc::cli::Cli::parse();
    std::process::exit(mtqc::app::run(cli));
}
