//! `newsclass bench`: whole-corpus throughput.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Result;
use clap::Args;
use rayon::prelude::*;
use serde_json::{json, Value};

use newsclass::features::pipeline::with_thread_scratch;
use newsclass::features::SparseVec;
use newsclass::io::artifact;

use super::output::{human_bytes, stdout, Format};
use super::InputArgs;

pub const EXAMPLE: &str = "Example:
  newsclass bench --model models/topic.model data/corpus/*.jsonl
  newsclass bench --model 20ng.model ../shared/data/20newsgroups/dev.jsonl --threads 2 --format json";

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// The model to run.
    #[arg(long, short, value_name = "MODEL")]
    model: PathBuf,
    /// Documents (any input format; labels are not needed).
    #[arg(required = true, value_name = "DATA")]
    data: Vec<PathBuf>,
    /// Most threads to measure (default: all cores); 1 thread is always measured too.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// Timed passes per measurement; the fastest counts.
    #[arg(long, default_value_t = 3, value_name = "N")]
    repeat: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    #[command(flatten)]
    input: InputArgs,
}

/// Peak resident set size of this process, from /proc (Linux); 0 elsewhere.
pub fn peak_rss_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|kb| kb.parse::<u64>().ok())
            })
        })
        .map_or(0, |kb| kb * 1024)
}

fn best_of<T>(repeat: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut best = f64::INFINITY;
    let mut out = None;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed().as_secs_f64());
        out = Some(r);
    }
    (best, out.expect("at least one pass"))
}

pub fn run(args: BenchArgs) -> Result<()> {
    let model = artifact::load(&args.model)?.model;
    let opts = args
        .input
        .read_options(false, model.params.target_field.clone());
    let (records, _) = super::read_records(&args.data, &opts, "to run")?;
    let docs: Vec<(&str, Option<&str>)> = records
        .iter()
        .map(|r| (r.text.as_str(), r.target.as_deref()))
        .collect();
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let max_threads = args.threads.filter(|&n| n > 0).unwrap_or(cores);
    let mut counts = vec![1];
    if max_threads > 1 {
        counts.push(max_threads);
    }
    let est = &model.estimator;
    let n = docs.len() as f64;
    let mb = bytes as f64 / 1e6;
    let stage = |secs: f64| json!({"seconds": secs, "docs_per_s": n / secs, "mb_per_s": mb / secs});
    let mut results = Vec::new();
    for &t in &counts {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(t).build()?;
        let (vec_s, rows) = pool.install(|| {
            best_of(args.repeat, || {
                docs.par_iter()
                    .map(|(text, target)| {
                        with_thread_scratch(|s| est.transform_with(text, *target, s))
                    })
                    .collect::<Vec<SparseVec>>()
            })
        });
        let nnz: usize = rows.iter().map(|r| r.nnz()).sum();
        let (pred_s, labels) = pool.install(|| {
            best_of(args.repeat, || {
                rows.par_iter()
                    .map(|r| model.predict_row(r.view()).labels.len())
                    .sum::<usize>()
            })
        });
        let (e2e_s, e2e) = pool.install(|| best_of(args.repeat, || model.predict_batch(&docs)));
        // the end-to-end path must agree with the staged one
        assert_eq!(
            e2e.iter().map(|p| p.labels.len()).sum::<usize>(),
            labels,
            "end-to-end and staged predictions agree"
        );
        results.push(json!({
            "threads": t,
            "vectorize": stage(vec_s),
            "predict": stage(pred_s),
            "end_to_end": stage(e2e_s),
            "nnz": nnz,
        }));
    }
    let peak = peak_rss_bytes();
    let mut out = stdout();
    match args.format {
        Format::Json | Format::Jsonl => {
            let v = json!({
                "model": args.model.display().to_string(),
                "task": model.name,
                "docs": docs.len(),
                "bytes": bytes,
                "repeat": args.repeat,
                "cores": cores,
                "results": results,
                "peak_rss_bytes": peak,
            });
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        Format::Table => {
            writeln!(
                out,
                "{} on {} documents ({}), best of {} passes, {} cores",
                model.name,
                docs.len(),
                human_bytes(bytes as u64),
                args.repeat,
                cores
            )?;
            writeln!(out)?;
            writeln!(
                out,
                "{:<8} {:<11} {:>10} {:>12} {:>9}",
                "threads", "stage", "seconds", "docs/s", "MB/s"
            )?;
            for r in &results {
                for stage in ["vectorize", "predict", "end_to_end"] {
                    let s: &Value = &r[stage];
                    writeln!(
                        out,
                        "{:<8} {:<11} {:>10.4} {:>12.0} {:>9.1}",
                        r["threads"],
                        stage,
                        s["seconds"].as_f64().unwrap_or(0.0),
                        s["docs_per_s"].as_f64().unwrap_or(0.0),
                        s["mb_per_s"].as_f64().unwrap_or(0.0)
                    )?;
                }
            }
            if results.len() == 2 {
                let one = results[0]["end_to_end"]["seconds"].as_f64().unwrap_or(1.0);
                let many = results[1]["end_to_end"]["seconds"].as_f64().unwrap_or(1.0);
                writeln!(
                    out,
                    "\nend-to-end speed-up with {} threads: {:.2}x",
                    results[1]["threads"],
                    one / many
                )?;
            }
            writeln!(out, "peak memory (RSS): {}", human_bytes(peak))?;
        }
    }
    out.flush()?;
    Ok(())
}
