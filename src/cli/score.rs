//! `newsclass score`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, ValueEnum};
use serde_json::{Map, Value};

use newsclass::io::{artifact, InputFormat, Record, RecordReader};
use newsclass::model::{Model, Prediction, TaskKind};

use super::output::{resolve_format, round6, stdout, write_json_line, Format};
use super::{paths_exist, InputArgs, UsageError};

pub const EXAMPLE: &str = "Example:
  newsclass score --model models/topic.model --model models/stance.model data/articles/01-*.txt
  newsclass score --model 20ng.model ../shared/data/20newsgroups/dev.jsonl --format jsonl | head
  cat docs.jsonl | newsclass score --model models/topic.model - --input jsonl";

/// How standard input (`-`) is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// One JSON record per line, each scored whole.
    Jsonl,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// A model file; repeat to score with several (their task names are the output keys).
    #[arg(long, short, required = true, value_name = "MODEL")]
    model: Vec<PathBuf>,
    /// Inputs: .jsonl/.csv/.tsv records, or `-` for standard input. Default: `-`.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Format of standard input.
    #[arg(long, value_enum, default_value = "jsonl")]
    input: InputKind,
    /// Output format (default: table on a terminal, jsonl otherwise).
    #[arg(long, value_enum)]
    format: Option<Format>,
    #[command(flatten)]
    read: InputArgs,
    /// Records scored per parallel batch.
    #[arg(long, default_value_t = 4096, hide = true)]
    batch: usize,
    /// Worker threads (default: all cores). Output does not depend on it.
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
}

pub fn run(args: ScoreArgs) -> Result<()> {
    super::set_threads(args.threads)?;
    let mut models: Vec<Model> = Vec::new();
    for p in &args.model {
        let m = artifact::load(p)?.model;
        if models.iter().any(|o| o.name == m.name) {
            return Err(UsageError(format!(
                "two models are named '{}': their outputs would collide (retrain one with --name)",
                m.name
            ))
            .into());
        }
        models.push(m);
    }
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        args.inputs.clone()
    };
    paths_exist(&inputs)?;
    let format = resolve_format(args.format, Format::Jsonl);
    let target_field = models.iter().find_map(|m| m.params.target_field.clone());
    let opts = args.read.read_options(false, target_field);
    let mut out = stdout();
    let mut writer = RecordWriter::new(format, &models);
    writer.begin(&mut out)?;
    for path in &inputs {
        let mut reader = if path.as_os_str() == "-" {
            RecordReader::open_as(Path::new("-"), InputFormat::Jsonl, &opts)?
        } else {
            RecordReader::open(path, &opts)?
        };
        let mut batch: Vec<Record> = Vec::with_capacity(args.batch.max(1));
        loop {
            batch.clear();
            for r in reader.by_ref().take(args.batch.max(1)) {
                batch.push(r?);
            }
            if batch.is_empty() {
                break;
            }
            let docs: Vec<(&str, Option<&str>)> = batch
                .iter()
                .map(|r| (r.text.as_str(), r.target.as_deref()))
                .collect();
            let preds: Vec<Vec<Prediction>> =
                models.iter().map(|m| m.predict_batch(&docs)).collect();
            for (i, rec) in batch.iter().enumerate() {
                let per_model: Vec<&Prediction> = preds.iter().map(|p| &p[i]).collect();
                writer.record(&mut out, rec, &per_model)?;
            }
            out.flush()?;
        }
        if reader.skipped() > 0 {
            eprintln!(
                "{}: {} invalid records skipped",
                path.display(),
                reader.skipped()
            );
        }
    }
    writer.end(&mut out)?;
    out.flush()?;
    Ok(())
}

/// The JSON object of one model's prediction: `{"label"|"labels": ..., "scores": {...}}`.
pub fn prediction_json(model: &Model, p: &Prediction) -> Map<String, Value> {
    let mut o = Map::new();
    match model.kind {
        TaskKind::SingleLabel => {
            o.insert("label".into(), Value::from(model.labels.name(p.labels[0])));
        }
        TaskKind::MultiLabel => {
            let ls: Vec<Value> = p
                .labels
                .iter()
                .map(|l| Value::from(model.labels.name(*l)))
                .collect();
            o.insert("labels".into(), Value::Array(ls));
        }
    }
    let scores: Map<String, Value> = model
        .labels
        .names()
        .iter()
        .zip(&p.scores)
        .map(|(n, s)| (n.clone(), Value::from(round6(*s))))
        .collect();
    o.insert("scores".into(), Value::Object(scores));
    o
}

/// Short human form of a prediction: `label (0.93)` or `a (0.81), b (0.62)`.
pub fn prediction_text(model: &Model, p: &Prediction) -> String {
    if p.labels.is_empty() {
        return "-".into();
    }
    p.labels
        .iter()
        .map(|l| format!("{} ({:.2})", model.labels.name(*l), p.scores[l.index()]))
        .collect::<Vec<_>>()
        .join(", ")
}

struct RecordWriter<'a> {
    format: Format,
    models: &'a [Model],
    count: usize,
}

impl<'a> RecordWriter<'a> {
    fn new(format: Format, models: &'a [Model]) -> Self {
        RecordWriter {
            format,
            models,
            count: 0,
        }
    }

    fn begin(&mut self, out: &mut impl Write) -> std::io::Result<()> {
        match self.format {
            Format::Json => out.write_all(b"[\n"),
            Format::Table => {
                write!(out, "{:<12}", "id")?;
                for m in self.models {
                    write!(out, "  {:<32}", m.name)?;
                }
                writeln!(out)
            }
            Format::Jsonl => Ok(()),
        }
    }

    fn record(
        &mut self,
        out: &mut impl Write,
        rec: &Record,
        preds: &[&Prediction],
    ) -> std::io::Result<()> {
        let id = rec.id.clone().unwrap_or_else(|| Value::from(rec.line));
        match self.format {
            Format::Table => {
                let id = match &id {
                    Value::String(s) => s.clone(),
                    v => v.to_string(),
                };
                write!(out, "{id:<12}")?;
                for (m, p) in self.models.iter().zip(preds) {
                    write!(out, "  {:<32}", prediction_text(m, p))?;
                }
                if rec.text.trim().is_empty() {
                    write!(out, "  (empty text: prior only)")?;
                }
                writeln!(out)
            }
            Format::Json | Format::Jsonl => {
                let mut o = Map::new();
                o.insert("id".into(), id);
                if rec.text.trim().is_empty() {
                    o.insert("empty".into(), Value::Bool(true));
                }
                for (m, p) in self.models.iter().zip(preds) {
                    o.insert(m.name.clone(), Value::Object(prediction_json(m, p)));
                }
                let v = Value::Object(o);
                if self.format == Format::Json {
                    if self.count > 0 {
                        out.write_all(b",\n")?;
                    }
                    serde_json::to_writer(&mut *out, &v)?;
                } else {
                    write_json_line(out, &v)?;
                }
                self.count += 1;
                Ok(())
            }
        }
    }

    fn end(&mut self, out: &mut impl Write) -> std::io::Result<()> {
        if self.format == Format::Json {
            out.write_all(if self.count > 0 { b"\n]\n" } else { b"]\n" })?;
        }
        Ok(())
    }
}
