//! The command line (clap derive); every flag is documented where it is declared.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::gate::FailOn;
use crate::input::ParagraphMode;
use crate::report::Format;

#[derive(Debug, Parser)]
#[command(
    name = "mtqc",
    version,
    about = "Machine-translation quality checker: finds the defects a careful reviewer finds in MT output and scores each paragraph (MQM)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of `CheckArgs` costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files, directories (recursively) or `-` (stdin). Exit 0 = passed, 1 = gate failed,
    /// 2 = usage, rule-pack or input error.
    Check(CheckArgs),
    /// Compare two JSON reports of the same text (an MT engine before and after a change):
    /// score and count deltas per file, rule and category, new and fixed findings. Exit 1 when
    /// NEW's score is lower than OLD's by more than --max-drop (overall or for any file).
    Diff(DiffArgs),
    /// Inspect and test rule packs.
    #[command(subcommand)]
    Rules(RulesCommand),
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List every rule of the loaded packs.
    List(PackArgs),
    /// Show one rule: what it flags, why its severity is what it is, its examples.
    Explain {
        /// Pack-qualified rule id, e.g. `bn.duplicated-attribution`.
        id: String,
        #[command(flatten)]
        packs: PackArgs,
    },
    /// Run every rule's examples. With DIR, test the packs in DIR instead of the embedded ones.
    Test { dir: Option<PathBuf> },
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier report (`mtqc check --format json`).
    pub old: PathBuf,
    /// The later report.
    pub new: PathBuf,
    /// Largest score drop (in points) that still passes.
    #[arg(long, value_name = "POINTS", default_value = "0")]
    pub max_drop: f64,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct PackArgs {
    /// Add the rule packs in DIR (a pack directory or a directory of packs). Repeatable.
    #[arg(long = "rules", value_name = "DIR")]
    pub rules: Vec<PathBuf>,
    /// Use this project file instead of discovering `mtqc.toml` from the working directory up.
    #[arg(long, value_name = "FILE", conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Ignore any `mtqc.toml`.
    #[arg(long)]
    pub no_config: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files, directories or `-` for stdin. Default: stdin when it is not a terminal, else the
    /// current directory.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Write the report to FILE instead of stdout, atomically (a temporary file in the same
    /// directory, synced, then renamed over FILE). Refused when FILE is one of the inputs.
    /// `-` is stdout.
    #[arg(short = 'o', long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Accept the findings recorded in FILE: only findings not in it are reported, scored and
    /// gated (matched by content fingerprint, not by line).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every finding of this run in FILE (written atomically; reasons already in FILE
    /// are kept).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
    /// Threads to check on (default: one per core). The report is the same for any number.
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// The format of every input, instead of each one's extension: text, xliff, po, tmx, tsv,
    /// jsonl, markdown.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<crate::input::readers::Format>,
    /// A plain-text source, line by line, for the one plain-text target given: line N of the
    /// target translates line N of SRC.
    #[arg(long = "source", value_name = "SRC")]
    pub source_file: Option<PathBuf>,
    /// The language the units were translated from (BCP 47), instead of what the files say;
    /// it picks the source-language data (`source-en`). Default: the file's, else English.
    #[arg(long, value_name = "TAG")]
    pub source_lang: Option<String>,
    /// The language the units were translated into (BCP 47), where a file declares none
    /// (`--lang` wins over both); TMX: check only this target language (default: each target
    /// language its own document).
    #[arg(long, value_name = "TAG")]
    pub target_lang: Option<String>,
    /// TSV: the columns of the target, `SOURCE,TARGET` or `ID,SOURCE,TARGET` (1-based numbers
    /// or names of a header row). Default: source 1, target 2.
    #[arg(long, value_name = "COLUMNS")]
    pub columns: Option<crate::input::readers::tsv::Columns>,
    /// JSONL: the names of the id, source and target fields. Default: `id,src,tgt`.
    #[arg(long, value_name = "ID,SRC,TGT")]
    pub fields: Option<String>,
    /// Check the units a file marks as not translated, fuzzy, locked, final or not to
    /// translate too (by default they are skipped and counted).
    #[arg(long)]
    pub include_skipped: bool,
    /// Fail (exit 1) when a file has units with no translation or a fuzzy one.
    #[arg(long)]
    pub fail_on_untranslated: bool,
    /// A glossary (TSV `source<TAB>target|target`, or TBX-Basic `.tbx`) whose terms the source
    /// -aware rules hold targets to. Repeatable.
    #[arg(long, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,
    /// Invalid UTF-8: an error (strict), or replaced by U+FFFD with a warning (lossy).
    #[arg(long, value_enum, default_value = "strict")]
    pub encoding: crate::input::Encoding,
    /// What a paragraph is: a non-empty line, or a block separated by blank lines.
    #[arg(long, value_enum)]
    pub paragraphs: Option<ParagraphMode>,
    /// Language of the documents (ISO 639-1, e.g. `bn`), instead of detecting it.
    #[arg(long = "lang", value_name = "CODE")]
    pub lang: Option<String>,
    /// Run only these packs (comma-separated ids), e.g. `common`.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub packs: Option<Vec<String>>,
    /// Disable a rule (pack-qualified id). Repeatable.
    #[arg(long, value_name = "ID")]
    pub disable: Vec<String>,
    /// Walk directories without reading `.gitignore`, `.ignore` and the like.
    #[arg(long)]
    pub no_ignore: bool,
    /// Walk hidden files and directories too.
    #[arg(long)]
    pub hidden: bool,
    /// When walking directories, check the files this glob matches (repeatable) instead of
    /// those with a known extension (.txt, .md, .xlf, .xliff, .po, .tmx, .tsv, .jsonl...).
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// When walking directories, skip the files this glob matches (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Every paragraph is its own document (segment corpora: document-level rules such as
    /// consistency see one segment at a time; the rules that compare a file's units with each
    /// other, one source translated two ways, still see the whole file).
    #[arg(long)]
    pub segments: bool,
    /// Fail (exit 1) when a paragraph has a finding of this severity or worse.
    #[arg(long, value_enum)]
    pub fail_on: Option<FailOn>,
    /// Fail (exit 1) when a file's score is below SCORE (0-100).
    #[arg(long, value_name = "SCORE")]
    pub fail_under: Option<f64>,
    /// Colour in human output: auto = only on a terminal and when NO_COLOR is unset.
    #[arg(long, value_enum, default_value = "auto")]
    pub color: Color,
    #[command(flatten)]
    pub packs_args: PackArgs,
}
