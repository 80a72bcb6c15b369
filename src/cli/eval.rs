//! `newsclass eval`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;

use newsclass::eval::report::{render_html, ReportData};
use newsclass::eval::Report;
use newsclass::io::artifact;
use newsclass::model::Model;

use super::output::{stdout, Format};
use super::InputArgs;

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
    /// Also write a self-contained HTML report (metrics, confusion heatmap,
    /// F1 bars, precision-recall curves, confused pairs with examples).
    #[arg(long, value_name = "FILE.html")]
    report: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

pub fn run(args: EvalArgs) -> Result<()> {
    super::set_threads(args.threads)?;
    let model = artifact::load(&args.model)?.model;
    let opts = args
        .input
        .read_options(true, model.params.target_field.clone());
    let (records, skipped) = super::read_records(&args.data, &opts, "to evaluate")?;
    let ev = newsclass::eval::evaluate_full(&model, &records)?;
    let report = &ev.report;
    if let Some(path) = &args.report {
        let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
        let summary = model_summary(&model, &args.model);
        let title = format!(
            "{} on {}",
            model.name,
            args.data
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
        let html = render_html(&ReportData {
            title: &title,
            labels: &ev.labels,
            n_model_labels: model.labels.len(),
            multi_label: model.kind == newsclass::model::TaskKind::MultiLabel,
            gold: &ev.gold,
            predicted: &ev.predicted,
            scores: &ev.scores,
            texts: &texts,
            report,
            model_summary: &summary,
        });
        newsclass::io::artifact::write_atomic(path, html.as_bytes())?;
        eprintln!("wrote {}", path.display());
    }
    let mut out = stdout();
    match args.format {
        Format::Json | Format::Jsonl => {
            serde_json::to_writer_pretty(&mut out, report)?;
            writeln!(out)?;
        }
        Format::Table => write_table(&mut out, &model.name, report, skipped)?,
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

/// Rows of the report's model summary.
fn model_summary(m: &Model, path: &std::path::Path) -> Vec<(String, String)> {
    let est = &m.estimator;
    let p = &m.params.pipeline;
    let mut rows = vec![
        ("model file".to_string(), path.display().to_string()),
        ("task".to_string(), format!("{} ({:?})", m.name, m.kind)),
        ("labels".to_string(), m.labels.names().join(", ")),
        ("classifier".to_string(), super::train::describe_fit(est)),
        (
            "features".to_string(),
            format!(
                "{} terms; {}..{}-grams, min_df {}, max_df {}, stemmer {}, {} tf",
                est.n_features(),
                p.ngrams.min,
                p.ngrams.max,
                p.min_df,
                p.max_df,
                p.analyzer
                    .stemmer
                    .map_or("none".to_string(), |l| l.to_string()),
                if p.tfidf.sublinear_tf {
                    "sublinear"
                } else {
                    "raw"
                }
            ),
        ),
        (
            "trained on".to_string(),
            format!(
                "{} documents, fingerprint {:016x}, seed {}",
                m.data.n_docs, m.data.fingerprint, m.params.fit.seed
            ),
        ),
    ];
    if !est.targets.is_empty() {
        rows.push((
            "targets".to_string(),
            est.targets.keys().cloned().collect::<Vec<_>>().join(", "),
        ));
    }
    if let Some(th) = &est.thresholds {
        rows.push((
            "thresholds".to_string(),
            m.labels
                .names()
                .iter()
                .zip(th)
                .map(|(l, t)| format!("{l} {t:.3}"))
                .collect::<Vec<_>>()
                .join(", "),
        ));
    }
    rows
}
