//! `newsclass eval`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use newsclass::eval::Report;
use newsclass::io::{artifact, read_all};

use super::output::{stdout, Format};
use super::{paths_exist, InputArgs};

pub const EXAMPLE: &str = "Example:
  newsclass eval --model 20ng.model ../shared/data/20newsgroups/dev.jsonl
  newsclass eval --model models/stance.model data/corpus/part-1.jsonl --label-field stance --format json";

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The model to evaluate.
    #[arg(long, short, value_name = "MODEL")]
    model: PathBuf,
    /// Labeled documents (same formats as `train`).
    #[arg(required = true, value_name = "DATA")]
    data: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    #[command(flatten)]
    input: InputArgs,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

pub fn run(args: EvalArgs) -> Result<()> {
    super::set_threads(args.threads)?;
    paths_exist(&args.data)?;
    let model = artifact::load(&args.model)?.model;
    let opts = args
        .input
        .read_options(true, model.params.target_field.clone());
    let (records, skipped) = read_all(&args.data, &opts)?;
    if records.is_empty() {
        return Err(newsclass::error::Error::File {
            path: args.data[0].clone(),
            message: "no records to evaluate".into(),
        }
        .into());
    }
    let report = newsclass::eval::evaluate(&model, &records)?;
    let mut out = stdout();
    match args.format {
        Format::Json | Format::Jsonl => {
            serde_json::to_writer_pretty(&mut out, &report)?;
            writeln!(out)?;
        }
        Format::Table => write_table(&mut out, &model.name, &report, skipped)?,
    }
    out.flush()?;
    Ok(())
}

fn write_table(
    out: &mut impl Write,
    name: &str,
    r: &Report,
    skipped: usize,
) -> std::io::Result<()> {
    write!(
        out,
        "model '{name}': n = {}   accuracy {:.4}   macro-F1 {:.4}   micro-F1 {:.4}",
        r.n, r.accuracy, r.macro_f1, r.micro_f1
    )?;
    if let Some(f) = r.f_avg {
        write!(out, "   F_avg {f:.4}")?;
    }
    if let Some(h) = r.hamming_loss {
        write!(out, "   Hamming loss {h:.4}")?;
    }
    writeln!(out)?;
    if skipped > 0 {
        writeln!(out, "({skipped} invalid records skipped)")?;
    }
    let w = r
        .per_class
        .0
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(5)
        .max(5);
    writeln!(out)?;
    writeln!(out, "{:<w$}  precision  recall      f1  support", "label")?;
    for (label, m) in &r.per_class.0 {
        writeln!(
            out,
            "{label:<w$}  {:>9.4}  {:>6.4}  {:>6.4}  {:>7}",
            m.precision, m.recall, m.f1, m.support
        )?;
    }
    if let Some(c) = &r.confusion {
        writeln!(out)?;
        writeln!(
            out,
            "confusion matrix (rows: gold, columns: predicted, numbered as the rows)"
        )?;
        let cw = c
            .matrix
            .iter()
            .flatten()
            .max()
            .map_or(1, |m| m.to_string().len())
            .max(2);
        write!(out, "{:<w$}     ", "")?;
        for j in 0..c.labels.len() {
            write!(out, " {:>cw$}", j + 1)?;
        }
        writeln!(out)?;
        for (i, row) in c.matrix.iter().enumerate() {
            write!(out, "{:<w$} {:>3} ", c.labels[i], i + 1)?;
            for v in row {
                write!(out, " {v:>cw$}")?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}
