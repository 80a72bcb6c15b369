//! Evaluation: metrics over predictions, seeded splits.

pub mod cv;
pub mod metrics;
pub mod report;
pub mod split;

pub use metrics::{ClassMetrics, Report};

use crate::error::{Error, Result};
use crate::io::{Labels, Record};
use crate::model::{Model, TaskKind};

/// Scores labeled `records` with `model` and computes the report. Gold
/// labels the model never saw count as errors (they get their own row).
pub fn evaluate(model: &Model, records: &[Record]) -> Result<Report> {
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
    let missing = |r: &Record| Error::Input {
        path: r.source.to_path_buf(),
        line: r.line,
        message: "record has no label".into(),
    };
    Ok(match model.kind {
        TaskKind::SingleLabel => {
            let mut gold = Vec::with_capacity(records.len());
            for r in records {
                match r.labels.as_ref().ok_or_else(|| missing(r))? {
                    Labels::Single(l) => gold.push(id_of(l)),
                    Labels::Multi(ls) if ls.len() == 1 => gold.push(id_of(&ls[0])),
                    Labels::Multi(_) => {
                        return Err(Error::Input {
                            path: r.source.to_path_buf(),
                            line: r.line,
                            message: "a label list, but this model is single-label".into(),
                        })
                    }
                }
            }
            let pred: Vec<usize> = preds.iter().map(|p| p.labels[0].index()).collect();
            metrics::single_label(&names, &gold, &pred)
        }
        TaskKind::MultiLabel => {
            let mut gold = Vec::with_capacity(records.len());
            for r in records {
                gold.push(match r.labels.as_ref().ok_or_else(|| missing(r))? {
                    Labels::Single(l) => vec![id_of(l)],
                    Labels::Multi(ls) => ls.iter().map(|l| id_of(l)).collect(),
                });
            }
            let pred: Vec<Vec<usize>> = preds
                .iter()
                .map(|p| p.labels.iter().map(|l| l.index()).collect())
                .collect();
            metrics::multi_label(&names, &gold, &pred)
        }
    })
}
