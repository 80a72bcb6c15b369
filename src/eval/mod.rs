//! Evaluation: metrics over predictions, seeded splits.

pub mod cv;
pub mod metrics;
pub mod report;
pub mod split;

pub use metrics::{ClassMetrics, Report};

use crate::error::{Error, Result};
use crate::io::{Labels, Record};
use crate::model::{Model, TaskKind};

/// A model's predictions on labeled documents, with the metrics.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Label names: the model's, then gold labels it never saw.
    pub labels: Vec<String>,
    /// Gold label ids per document.
    pub gold: Vec<Vec<usize>>,
    /// Predicted label ids per document.
    pub predicted: Vec<Vec<usize>>,
    /// Probability of each model label, per document.
    pub scores: Vec<Vec<f64>>,
    /// The metrics.
    pub report: Report,
}

/// Scores labeled `records` with `model` and computes the report. Gold
/// labels the model never saw count as errors (they get their own row).
pub fn evaluate(model: &Model, records: &[Record]) -> Result<Report> {
    Ok(evaluate_full(model, records)?.report)
}

/// [`evaluate`], keeping every prediction.
pub fn evaluate_full(model: &Model, records: &[Record]) -> Result<Evaluation> {
    let docs: Vec<(&str, Option<&str>)> = records
        .iter()
        .map(|r| (r.text.as_str(), r.target.as_deref()))
        .collect();
    let preds = model.predict_batch(&docs);
    let mut names: Vec<String> = model.labels.names().to_vec();
    let mut id_of = |name: &str| -> usize {
        match names.iter().position(|n| n == name) {
            Some(i) => i,
            None => {
                names.push(name.to_string());
                names.len() - 1
            }
        }
    };
    let mut gold = Vec::with_capacity(records.len());
    for r in records {
        let set = match r.labels.as_ref() {
            None => {
                return Err(Error::Input {
                    path: r.source.to_path_buf(),
                    line: r.line,
                    message: "record has no label".into(),
                })
            }
            Some(Labels::Single(l)) => vec![id_of(l)],
            Some(Labels::Multi(ls)) => {
                if model.kind == TaskKind::SingleLabel && ls.len() != 1 {
                    return Err(Error::Input {
                        path: r.source.to_path_buf(),
                        line: r.line,
                        message: format!(
                            "a list of {} labels, but this model is single-label",
                            ls.len()
                        ),
                    });
                }
                ls.iter().map(|l| id_of(l)).collect()
            }
        };
        gold.push(set);
    }
    let predicted: Vec<Vec<usize>> = preds
        .iter()
        .map(|p| p.labels.iter().map(|l| l.index()).collect())
        .collect();
    let report = match model.kind {
        TaskKind::SingleLabel => {
            let g: Vec<usize> = gold.iter().map(|s| s[0]).collect();
            let p: Vec<usize> = predicted.iter().map(|s| s[0]).collect();
            metrics::single_label(&names, &g, &p)
        }
        TaskKind::MultiLabel => metrics::multi_label(&names, &gold, &predicted),
    };
    Ok(Evaluation {
        labels: names,
        gold,
        predicted,
        scores: preds.into_iter().map(|p| p.scores).collect(),
        report,
    })
}
