//! Subcommands. Each turns its clap arguments into library parameters in
//! one place and calls the library; nothing here knows idf math.

mod article_table;
mod bench;
mod cv;
mod eval;
mod inspect;
mod output;
mod progress;
mod score;
mod train;
mod tune;

use std::path::PathBuf;

use anyhow::Result;
use clap::{Args, Parser, Subcommand};

use newsclass::io::ReadOptions;

/// Statistical text classification of news: train, evaluate and score.
#[derive(Debug, Parser)]
#[command(name = "newsclass", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
enum Command {
    /// Train a model on labeled documents and write it to one file.
    #[command(after_help = train::EXAMPLE)]
    Train(train::TrainArgs),
    /// Evaluate a model on labeled documents.
    #[command(after_help = eval::EXAMPLE)]
    Eval(eval::EvalArgs),
    /// Score documents or articles with one or more models.
    #[command(after_help = score::EXAMPLE)]
    Score(score::ScoreArgs),
    /// Cross-validate a training recipe (mean ± std over stratified folds).
    #[command(after_help = cv::EXAMPLE)]
    Cv(cv::CvArgs),
    /// Show what a model holds: task, labels, settings, data, top terms per label.
    #[command(after_help = inspect::EXAMPLE)]
    Inspect(inspect::InspectArgs),
    /// Search settings (classifier, C/alpha, n-grams, min_df, tf, stemming) within a time budget.
    #[command(after_help = tune::EXAMPLE)]
    Tune(tune::TuneArgs),
    /// Measure whole-corpus throughput: vectorize, predict, end to end; 1 thread and all cores.
    #[command(after_help = bench::EXAMPLE)]
    Bench(bench::BenchArgs),
}

impl Cli {
    /// Parses `std::env::args`, returning clap's error for the caller to print.
    pub fn try_parse_args() -> Result<Cli, clap::Error> {
        Cli::try_parse()
    }
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Train(a) => train::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Score(a) => score::run(a),
        Command::Cv(a) => cv::run(a),
        Command::Inspect(a) => inspect::run(a),
        Command::Tune(a) => tune::run(a),
        Command::Bench(a) => bench::run(a),
    }
}

/// Exit code for an error: 2 when the cause is the user's input or
/// arguments, 1 otherwise.
pub fn exit_code(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if let Some(e) = cause.downcast_ref::<newsclass::error::Error>() {
            return if e.is_user_error() { 2 } else { 1 };
        }
        if cause.downcast_ref::<UsageError>().is_some() {
            return 2;
        }
    }
    1
}

/// A bad combination of arguments found after parsing.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// How records are read from input files.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// JSON field or CSV column holding the text.
    #[arg(long, default_value = "text", value_name = "F")]
    text_field: String,
    /// JSON field or CSV column holding the label (a string) or labels (an
    /// array; in CSV a `|`-separated `labels` column). Default: `label`,
    /// else `labels`.
    #[arg(long, value_name = "F")]
    label_field: Option<String>,
    /// JSON field or CSV column holding the record id.
    #[arg(long, default_value = "id", value_name = "F")]
    id_field: String,
    /// Skip malformed records (and report how many) instead of stopping.
    #[arg(long)]
    skip_invalid: bool,
    /// Replace invalid UTF-8 with U+FFFD instead of stopping.
    #[arg(long)]
    lossy: bool,
    /// Longest input line accepted, in bytes.
    #[arg(long, default_value_t = 64 << 20, value_name = "BYTES")]
    max_line_bytes: usize,
}

impl InputArgs {
    fn read_options(&self, require_labels: bool, target_field: Option<String>) -> ReadOptions {
        ReadOptions {
            text_field: self.text_field.clone(),
            label_field: self.label_field.clone(),
            id_field: self.id_field.clone(),
            target_field,
            require_labels,
            skip_invalid: self.skip_invalid,
            max_line_bytes: self.max_line_bytes,
            lossy: self.lossy,
        }
    }
}

/// Sets the size of rayon's global pool (0 or absent: all cores).
fn set_threads(threads: Option<usize>) -> Result<()> {
    if let Some(n) = threads.filter(|&n| n > 0) {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .map_err(|e| anyhow::anyhow!("cannot start {n} threads: {e}"))?;
    }
    Ok(())
}

fn paths_exist(paths: &[PathBuf]) -> Result<()> {
    for p in paths {
        if p.as_os_str() != "-" && !p.exists() {
            return Err(newsclass::error::Error::File {
                path: p.clone(),
                message: "no such file or directory".into(),
            }
            .into());
        }
    }
    Ok(())
}

/// Reads every record of `paths` (which must exist), refusing an input with
/// none: `what` says what the records were for, e.g. "to train on".
fn read_records(
    paths: &[PathBuf],
    opts: &ReadOptions,
    what: &str,
) -> Result<(Vec<newsclass::io::Record>, usize)> {
    paths_exist(paths)?;
    let (records, skipped) = newsclass::io::read_all(paths, opts)?;
    if records.is_empty() {
        return Err(newsclass::error::Error::File {
            path: paths[0].clone(),
            message: format!("no records {what} (the input is empty)"),
        }
        .into());
    }
    Ok((records, skipped))
}
