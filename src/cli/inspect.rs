//! `newsclass inspect`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use serde_json::{json, Map, Value};

use newsclass::classify::linear::Link;
use newsclass::classify::Classifier;
use newsclass::io::artifact::{self, FORMAT_VERSION};
use newsclass::model::{Estimator, Model, TaskKind};

use super::output::{human_bytes, stdout, Format};

pub const EXAMPLE: &str = "Example:
  newsclass inspect --model models/topic.model
  newsclass inspect --model models/stance.model --top 10 --format json";

#[derive(Debug, Args)]
pub struct InspectArgs {
    /// The model file.
    #[arg(long, short, value_name = "MODEL")]
    model: PathBuf,
    /// Terms shown per label and direction.
    #[arg(long, default_value_t = 20, value_name = "N")]
    top: usize,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

/// A feature's readable name: the words of its term, prefixed by its
/// target block when it has one.
fn feature_name(est: &Estimator, j: usize) -> String {
    let n_shared = est.pipeline.n_features();
    if j < n_shared {
        return est
            .pipeline
            .display_term(&est.pipeline.vocabulary().terms[j]);
    }
    let mut offset = n_shared;
    for (target, p) in &est.targets {
        if j < offset + p.n_features() {
            return format!(
                "[{target}] {}",
                p.display_term(&p.vocabulary().terms[j - offset])
            );
        }
        offset += p.n_features();
    }
    format!("#{j}")
}

/// Terms with their weights.
type Weighted = Vec<(String, f64)>;

/// The `n` most positive and most negative terms for label `c`.
fn top_terms(m: &Model, c: usize, n: usize) -> (Weighted, Weighted) {
    let est = &m.estimator;
    let mut w: Vec<(f64, usize)> = (0..est.n_features())
        .map(|j| (est.classifier.contribution(j, 1.0, c), j))
        .collect();
    w.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let pos = w
        .iter()
        .take(n)
        .filter(|x| x.0 > 0.0)
        .map(|&(v, j)| (feature_name(est, j), v))
        .collect();
    let neg = w
        .iter()
        .rev()
        .take(n)
        .filter(|x| x.0 < 0.0)
        .map(|&(v, j)| (feature_name(est, j), v))
        .collect();
    (pos, neg)
}

fn classifier_text(c: &Classifier) -> String {
    match c {
        Classifier::NaiveBayes(nb) => format!("{} (alpha {})", c.short_name(), nb.alpha()),
        Classifier::Linear(l) => {
            let it = &l.info.iterations;
            let link = match l.link {
                Link::Softmax => "softmax probabilities",
                Link::Logistic => "logistic probabilities",
                Link::Platt { .. } => "Platt-calibrated probabilities",
            };
            format!(
                "{} (C {}, {}, solver iterations {}..{}, {})",
                c.short_name(),
                l.info.c,
                link,
                it.iter().min().unwrap_or(&0),
                it.iter().max().unwrap_or(&0),
                if l.info.converged {
                    "converged"
                } else {
                    "NOT converged"
                }
            )
        }
    }
}

pub fn run(args: InspectArgs) -> Result<()> {
    let loaded = artifact::load(&args.model)?;
    let m = &loaded.model;
    let est = &m.estimator;
    let p = &m.params;
    let pp = &p.pipeline;
    let kind = match m.kind {
        TaskKind::SingleLabel => "single-label",
        TaskKind::MultiLabel => "multi-label",
    };
    let mut out = stdout();
    let tops: Vec<_> = (0..m.labels.len())
        .map(|c| top_terms(m, c, args.top))
        .collect();
    match args.format {
        Format::Table => {
            writeln!(
                out,
                "model       {} ({}), format version {FORMAT_VERSION}, written by newsclass {}",
                args.model.display(),
                human_bytes(loaded.file_size),
                loaded.crate_version
            )?;
            writeln!(
                out,
                "task        {} ({kind}), {} labels: {}",
                m.name,
                m.labels.len(),
                m.labels.names().join(", ")
            )?;
            writeln!(out, "classifier  {}", classifier_text(&est.classifier))?;
            if !est.cv.is_empty() {
                let pts: Vec<String> = est
                    .cv
                    .iter()
                    .map(|x| format!("{}: {:.4}", x.value, x.score))
                    .collect();
                writeln!(out, "            held-out scores by C: {}", pts.join(", "))?;
            }
            writeln!(
                out,
                "pipeline    {}..{}-grams, min_df {}, max_df {}, max_features {}, stemmer {}, stop words {}, {} tf, {} idf",
                pp.ngrams.min,
                pp.ngrams.max,
                pp.min_df,
                pp.max_df,
                pp.max_features.map_or("none".into(), |n| n.to_string()),
                pp.analyzer.stemmer.map_or("none".into(), |l| l.to_string()),
                match &pp.analyzer.stop_words {
                    newsclass::text::StopWords::None => "none".to_string(),
                    newsclass::text::StopWords::English => "english".to_string(),
                    newsclass::text::StopWords::Custom(w) => format!("custom ({} words)", w.len()),
                },
                if pp.tfidf.sublinear_tf { "sublinear" } else { "raw" },
                if pp.tfidf.smooth_idf { "smooth" } else { "plain" },
            )?;
            writeln!(out, "vocabulary  {} terms", est.pipeline.n_features())?;
            if !est.targets.is_empty() {
                let t: Vec<String> = est
                    .targets
                    .iter()
                    .map(|(t, p)| format!("{t} ({} terms)", p.n_features()))
                    .collect();
                writeln!(
                    out,
                    "targets     field '{}': {}",
                    p.target_field.as_deref().unwrap_or("?"),
                    t.join(", ")
                )?;
            }
            if let Some(th) = &est.thresholds {
                let t: Vec<String> = m
                    .labels
                    .names()
                    .iter()
                    .zip(th)
                    .map(|(l, t)| format!("{l} {t:.3}"))
                    .collect();
                writeln!(out, "thresholds  {}", t.join(", "))?;
            }
            let counts: Vec<String> = m
                .labels
                .names()
                .iter()
                .zip(&m.data.label_counts)
                .map(|(l, c)| format!("{l} {c}"))
                .collect();
            writeln!(
                out,
                "trained on  {} documents ({}); fingerprint {:016x}; seed {}",
                m.data.n_docs,
                counts.join(", "),
                m.data.fingerprint,
                p.fit.seed
            )?;
            writeln!(out)?;
            writeln!(
                out,
                "top terms per label (+ pushes towards the label, - away from it)"
            )?;
            for (c, (pos, neg)) in tops.iter().enumerate() {
                let fmt = |v: &Vec<(String, f64)>| {
                    v.iter()
                        .map(|(t, _)| t.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                writeln!(
                    out,
                    "  {}",
                    m.labels.name(newsclass::classify::LabelId(c as u32))
                )?;
                writeln!(out, "    + {}", fmt(pos))?;
                writeln!(out, "    - {}", fmt(neg))?;
            }
        }
        Format::Json | Format::Jsonl => {
            let mut top = Map::new();
            for (c, (pos, neg)) in tops.iter().enumerate() {
                let list = |v: &Vec<(String, f64)>| -> Vec<Value> {
                    v.iter()
                        .map(|(t, w)| json!({"term": t, "weight": w}))
                        .collect()
                };
                top.insert(
                    m.labels.names()[c].clone(),
                    json!({"positive": list(pos), "negative": list(neg)}),
                );
            }
            let v = json!({
                "path": args.model.display().to_string(),
                "file_size": loaded.file_size,
                "format_version": FORMAT_VERSION,
                "crate_version": loaded.crate_version,
                "task": m.name,
                "kind": kind,
                "labels": m.labels.names(),
                "classifier": classifier_text(&est.classifier),
                "strength": est.strength,
                "cv": est.cv.iter().map(|x| json!({"value": x.value, "score": x.score})).collect::<Vec<_>>(),
                "params": serde_json::to_value(p)?,
                "vocabulary_size": est.pipeline.n_features(),
                "n_features": est.n_features(),
                "targets": est.targets.keys().collect::<Vec<_>>(),
                "thresholds": est.thresholds,
                "training_data": {
                    "n_docs": m.data.n_docs,
                    "label_counts": m.labels.names().iter().cloned().zip(m.data.label_counts.iter().map(|&c| Value::from(c))).collect::<serde_json::Map<String, Value>>(),
                    "fingerprint": format!("{:016x}", m.data.fingerprint),
                },
                "top_terms": top,
            });
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(())
}
