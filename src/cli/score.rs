//! `newsclass score`.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::{Args, ValueEnum};
use rayon::prelude::*;
use serde_json::{Map, Value};

use newsclass::io::{artifact, InputFormat, Record, RecordReader};
use newsclass::model::{Model, Prediction};
use newsclass::score::{prediction_json, score_article, ScoredArticle};

use super::output::{resolve_format, stdout, write_json_line, Format};
use super::{paths_exist, InputArgs, UsageError};

pub const EXAMPLE: &str = "Example:
  newsclass score --model models/topic.model --model models/stance.model data/articles/01-front-line-kostiantynivka-eu.txt
  newsclass score -m models/topic.model -m models/stance.model data/articles --format jsonl
  newsclass score --model 20ng.model ../shared/data/20newsgroups/dev.jsonl --format jsonl | head
  cat articles.jsonl | newsclass score -m models/topic.model - --input jsonl --split paragraphs";

/// How standard input (`-`) is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputKind {
    /// One JSON record per line.
    Jsonl,
    /// One plain-text article.
    Text,
}

/// Whether documents are split into paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Split {
    /// Plain-text inputs are articles split into paragraphs; records are scored whole.
    Auto,
    /// Every document (records too) is an article split into paragraphs.
    Paragraphs,
    /// Every document is scored whole.
    None,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// A model file; repeat to score with several (their task names are the output keys).
    #[arg(long, short, required = true, value_name = "MODEL")]
    model: Vec<PathBuf>,
    /// Inputs: plain-text articles (.txt), directories of them (recursive,
    /// sorted), .jsonl/.csv/.tsv records, or `-` for standard input. Default: `-`.
    #[arg(value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Format of standard input.
    #[arg(long, value_enum, default_value = "jsonl")]
    input: InputKind,
    /// Split documents into paragraphs (articles) or score them whole.
    #[arg(long, value_enum, default_value = "auto")]
    split: Split,
    /// Terms shown per predicted label in article explanations.
    #[arg(long, default_value_t = 5, value_name = "K")]
    explain: usize,
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
    let sources = plan_sources(&inputs, &args)?;
    let target_field = models.iter().find_map(|m| m.params.target_field.clone());
    let opts = args.read.read_options(false, target_field);
    let single_article = sources.len() == 1 && matches!(sources[0], Source::Article(_));
    let mut out = stdout();
    let format = resolve_format(args.format, Format::Jsonl);
    let mut records = RecordWriter::new(format, &models);
    let mut articles = ArticleWriter::new(format, &models, single_article);
    let any_records = sources
        .iter()
        .any(|s| matches!(s, Source::Records { split: false, .. }));
    if format == Format::Json
        && any_records
        && sources
            .iter()
            .any(|s| !matches!(s, Source::Records { split: false, .. }))
    {
        return Err(UsageError(
            "--format json cannot mix whole-record and article inputs; use jsonl".into(),
        )
        .into());
    }
    if any_records {
        records.begin(&mut out)?;
    } else {
        articles.begin(&mut out)?;
    }
    for source in &sources {
        match source {
            Source::Article(path) => {
                let text = read_text(path, args.read.lossy)?;
                let name = path.display().to_string();
                let scored = score_article(&models, &name, &text, None, args.explain);
                articles.article(&mut out, &scored)?;
                out.flush()?;
            }
            Source::Records { path, split } => {
                let mut reader = if path.as_os_str() == "-" {
                    RecordReader::open_as(Path::new("-"), InputFormat::Jsonl, &opts)?
                } else {
                    RecordReader::open(path, &opts)?
                };
                let batch_size = if *split { 64 } else { args.batch.max(1) };
                let mut batch: Vec<Record> = Vec::with_capacity(batch_size);
                loop {
                    batch.clear();
                    for r in reader.by_ref().take(batch_size) {
                        batch.push(r?);
                    }
                    if batch.is_empty() {
                        break;
                    }
                    if *split {
                        let scored: Vec<ScoredArticle> = batch
                            .par_iter()
                            .map(|r| {
                                let name = match &r.id {
                                    Some(Value::String(s)) => s.clone(),
                                    Some(v) => v.to_string(),
                                    None => format!("{}:{}", path.display(), r.line),
                                };
                                score_article(
                                    &models,
                                    &name,
                                    &r.text,
                                    r.target.as_deref(),
                                    args.explain,
                                )
                            })
                            .collect();
                        for a in &scored {
                            articles.article(&mut out, a)?;
                        }
                    } else {
                        let docs: Vec<(&str, Option<&str>)> = batch
                            .iter()
                            .map(|r| (r.text.as_str(), r.target.as_deref()))
                            .collect();
                        let preds: Vec<Vec<Prediction>> =
                            models.iter().map(|m| m.predict_batch(&docs)).collect();
                        for (i, rec) in batch.iter().enumerate() {
                            let per_model: Vec<&Prediction> = preds.iter().map(|p| &p[i]).collect();
                            records.record(&mut out, rec, &per_model)?;
                        }
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
        }
    }
    if any_records {
        records.end(&mut out)?;
    } else {
        articles.end(&mut out)?;
    }
    out.flush()?;
    Ok(())
}

/// What to do with one input.
enum Source {
    /// A plain-text article, split into paragraphs.
    Article(PathBuf),
    /// Records: scored whole, or each split as an article.
    Records { path: PathBuf, split: bool },
}

fn is_record_file(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("jsonl" | "ndjson" | "json" | "csv" | "tsv")
    )
}

/// Expands directories (recursively, sorted) and decides how each input is read.
fn plan_sources(inputs: &[PathBuf], args: &ScoreArgs) -> Result<Vec<Source>> {
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(match (args.input, args.split) {
                (InputKind::Text, _) => Source::Article(p.clone()),
                (InputKind::Jsonl, split) => Source::Records {
                    path: p.clone(),
                    split: split == Split::Paragraphs,
                },
            });
        } else if p.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files)?;
            if files.is_empty() {
                return Err(newsclass::error::Error::File {
                    path: p.clone(),
                    message: "no .txt articles in this directory".into(),
                }
                .into());
            }
            for f in files {
                out.push(if args.split == Split::None {
                    Source::Records {
                        path: f,
                        split: false,
                    }
                } else {
                    Source::Article(f)
                });
            }
        } else if is_record_file(p) {
            out.push(Source::Records {
                path: p.clone(),
                split: args.split == Split::Paragraphs,
            });
        } else if args.split == Split::None {
            return Err(UsageError(format!(
                "{}: --split none scores records; plain-text files are articles (use .jsonl for whole documents)",
                p.display()
            ))
            .into());
        } else {
            out.push(Source::Article(p.clone()));
        }
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| newsclass::error::Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            walk(&e, out)?;
        } else if e.extension().is_some_and(|x| x.eq_ignore_ascii_case("txt")) {
            out.push(e);
        }
    }
    Ok(())
}

/// Reads a whole article, from a file or standard input.
fn read_text(path: &Path, lossy: bool) -> Result<String> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| newsclass::error::Error::io("-", e))?;
    } else {
        bytes = std::fs::read(path).map_err(|e| newsclass::error::Error::io(path, e))?;
    }
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(newsclass::error::Error::File {
            path: path.to_path_buf(),
            message: format!(
                "invalid UTF-8 at byte {} (use --lossy to replace bad bytes)",
                e.utf8_error().valid_up_to()
            ),
        }
        .into()),
    }
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

/// Writes scored articles as a table, one JSON document, or JSON lines.
struct ArticleWriter<'a> {
    format: Format,
    models: &'a [Model],
    single: bool,
    count: usize,
}

impl<'a> ArticleWriter<'a> {
    fn new(format: Format, models: &'a [Model], single: bool) -> Self {
        ArticleWriter {
            format,
            models,
            single,
            count: 0,
        }
    }

    fn begin(&mut self, out: &mut impl Write) -> std::io::Result<()> {
        if self.format == Format::Json && !self.single {
            out.write_all(b"[\n")?;
        }
        Ok(())
    }

    fn article(&mut self, out: &mut impl Write, a: &ScoredArticle) -> std::io::Result<()> {
        match self.format {
            Format::Jsonl => write_json_line(out, &a.to_json(self.models))?,
            Format::Json => {
                if self.count > 0 {
                    out.write_all(b",\n")?;
                }
                serde_json::to_writer_pretty(&mut *out, &a.to_json(self.models))?;
                if self.single {
                    out.write_all(b"\n")?;
                }
            }
            Format::Table => super::article_table::write(out, a, self.models)?,
        }
        self.count += 1;
        Ok(())
    }

    fn end(&mut self, out: &mut impl Write) -> std::io::Result<()> {
        if self.format == Format::Json && !self.single {
            out.write_all(if self.count > 0 { b"\n]\n" } else { b"]\n" })?;
        }
        Ok(())
    }
}
