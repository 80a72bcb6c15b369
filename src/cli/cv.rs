//! `newsclass cv`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use serde_json::{json, Map, Value};

use newsclass::eval::cv::{cross_validate_with, mean_std};

use super::output::{stdout, Format};
use super::train::TrainOptions;

pub const EXAMPLE: &str = "Example:
  newsclass cv data/corpus/*.jsonl --label-field stance --classifier logreg --c auto
  newsclass cv ../shared/data/20newsgroups/train.jsonl --folds 5 --format json";

#[derive(Debug, Args)]
pub struct CvArgs {
    /// Labeled input (same formats as `train`).
    #[arg(required = true, value_name = "DATA")]
    data: Vec<PathBuf>,
    /// Number of folds (stratified; iterative stratification for multi-label).
    #[arg(long, default_value_t = 5, value_name = "K")]
    folds: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    #[command(flatten)]
    opts: TrainOptions,
}

pub fn run(args: CvArgs) -> Result<()> {
    super::set_threads(args.opts.threads)?;
    let params = args.opts.to_params()?;
    let (records, skipped) = args.opts.read(&args.data)?;
    let t0 = std::time::Instant::now();
    let progress = super::progress::Progress::new(args.opts.quiet, args.folds as u64, "cv");
    progress.set_message(format!(
        "{} folds of {} documents",
        args.folds,
        records.len()
    ));
    let cv = cross_validate_with("cv", &records, &params, args.folds, args.opts.seed, &|| {
        progress.inc()
    })?;
    progress.finish();
    let secs = t0.elapsed().as_secs_f64();
    let mut out = stdout();
    let metrics = cv.metrics();
    match args.format {
        Format::Table => {
            writeln!(
                out,
                "{}-fold cross-validation: {} documents{}, classifier {}, seed {} ({:.1}s)",
                cv.folds,
                cv.n,
                if skipped > 0 {
                    format!(" ({skipped} invalid skipped)")
                } else {
                    String::new()
                },
                params.fit.classifier.short_name(),
                args.opts.seed,
                secs
            )?;
            writeln!(out)?;
            writeln!(out, "{:<14} {:>17}   per fold", "metric", "mean ± std")?;
            for (name, v) in &metrics {
                let (m, s) = mean_std(v);
                let folds: Vec<String> = v.iter().map(|x| format!("{x:.4}")).collect();
                writeln!(out, "{name:<14} {m:>8.4} ± {s:<6.4}   {}", folds.join("  "))?;
            }
        }
        Format::Json | Format::Jsonl => {
            let mut m = Map::new();
            for (name, v) in &metrics {
                let (mean, std) = mean_std(v);
                m.insert(
                    name.to_string(),
                    json!({"mean": mean, "std": std, "per_fold": v}),
                );
            }
            let mut per_class = Map::new();
            if let Some(first) = cv.reports.first() {
                for (label, _) in &first.per_class.0 {
                    let f1s: Vec<f64> = cv
                        .reports
                        .iter()
                        .filter_map(|r| r.per_class.get(label).map(|c| c.f1))
                        .collect();
                    let (mean, std) = mean_std(&f1s);
                    per_class.insert(label.clone(), json!({"f1_mean": mean, "f1_std": std}));
                }
            }
            let v = json!({"folds": cv.folds, "n": cv.n, "seed": args.opts.seed, "seconds": secs, "metrics": Value::Object(m), "per_class": Value::Object(per_class)});
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}
