//! A trained model: task, labels, pipeline and classifier, plus what it was
//! trained on and how. This is what a model file holds.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::classify::trainer::{self, CvPoint, FitSettings, TaskTargets};
use crate::classify::{Classifier, LabelId, LabelSet};
use crate::error::{Error, Result};
use crate::features::pipeline::with_thread_scratch;
use crate::features::{Pipeline, PipelineParams, Scratch, SparseRecords, SparseRow, SparseVec};
use crate::io::{Labels, Record};

pub use crate::classify::ClassifierParams;

/// Whether each document has exactly one label or a set of labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskKind {
    /// One label per document; probabilities sum to 1.
    SingleLabel,
    /// Zero or more labels per document, each decided on its own.
    MultiLabel,
}

/// Everything chosen for a training run. Stored in the model so the run can
/// be repeated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TrainParams {
    /// Feature pipeline settings.
    pub pipeline: PipelineParams,
    /// Classifier, choice of C, folds and the seed for every random choice.
    pub fit: FitSettings,
    /// Field the record's stance target was read from: when set, each
    /// target seen in training gets its own block of features and weights
    /// beside the shared (global) ones; see [`Estimator`].
    pub target_field: Option<String>,
}

/// Targets with fewer training documents than this get no block of their
/// own: their documents, like those of targets unseen in training, are
/// scored by the shared weights alone.
pub const MIN_TARGET_DOCS: usize = 20;

/// What the model was trained on: counts and a fingerprint of the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingData {
    /// Training documents.
    pub n_docs: u64,
    /// Documents per label (multi-label: documents carrying it), in label order.
    pub label_counts: Vec<u64>,
    /// FNV-1a 64 hash of every text and its labels in input order: two
    /// models with the same fingerprint saw the same data.
    pub fingerprint: u64,
}

/// Feature pipelines with the classifier trained on their rows.
///
/// Without targets a row is the shared pipeline's TF-IDF row. With stance
/// targets, each target seen in training has a pipeline of its own (fitted
/// on its documents), and a document's row is the shared row followed by
/// its target's row, both scaled by 1/sqrt(2) so the row keeps unit norm.
/// A linear model over such rows is a per-target model plus a global model
/// trained jointly (Daume III, 2007, "Frustratingly easy domain
/// adaptation"): the weights a target shares with the others are learned
/// from all documents, and a target unseen in training is scored by the
/// shared (global) weights alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimator {
    /// Text to shared features.
    pub pipeline: Pipeline,
    /// Per-target feature blocks, placed after the shared features in name order.
    pub targets: BTreeMap<String, Pipeline>,
    /// Features to labels.
    pub classifier: Classifier,
    /// Multi-label: the probability at or above which each label is predicted.
    pub thresholds: Option<Vec<f64>>,
    /// The C (alpha for naive Bayes) it was trained with.
    pub strength: f64,
    /// Cross-validation scores per candidate, when C was chosen automatically.
    pub cv: Vec<CvPoint>,
}

/// A trained model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// The task's name (`topic`, `stance`, ...): the key of its output.
    pub name: String,
    /// Single- or multi-label.
    pub kind: TaskKind,
    /// The labels, sorted.
    pub labels: LabelSet,
    /// Pipelines and classifier.
    pub estimator: Estimator,
    /// How it was trained.
    pub params: TrainParams,
    /// What it was trained on.
    pub data: TrainingData,
}

/// A prediction for one document.
#[derive(Debug, Clone, PartialEq)]
pub struct Prediction {
    /// The predicted labels: exactly one for single-label tasks.
    pub labels: Vec<LabelId>,
    /// Probability per label, in label order.
    pub scores: Vec<f64>,
}

/// FNV-1a, 64 bit: a pinned, documented hash for data fingerprints (std's
/// `DefaultHasher` promises nothing across releases).
#[derive(Debug, Clone, Copy)]
pub struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Self {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv64 {
    /// Feeds bytes.
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    /// The hash so far.
    pub fn finish(self) -> u64 {
        self.0
    }
}

impl Estimator {
    /// Total number of features: shared plus every target block.
    pub fn n_features(&self) -> usize {
        self.pipeline.n_features()
            + self
                .targets
                .values()
                .map(Pipeline::n_features)
                .sum::<usize>()
    }

    /// The pipeline of `target` and the offset of its block, if it has one.
    pub fn target_block(&self, target: &str) -> Option<(usize, &Pipeline)> {
        let mut offset = self.pipeline.n_features();
        for (name, p) in &self.targets {
            if name == target {
                return Some((offset, p));
            }
            offset += p.n_features();
        }
        None
    }

    /// The feature row of `text` written about `target`.
    pub fn transform_with(&self, text: &str, target: Option<&str>, s: &mut Scratch) -> SparseVec {
        let mut row = self.pipeline.transform_with(text, s);
        if self.targets.is_empty() {
            return row;
        }
        let scale = std::f32::consts::FRAC_1_SQRT_2;
        row.values.iter_mut().for_each(|v| *v *= scale);
        if let Some((offset, p)) = target.and_then(|t| self.target_block(t)) {
            let t = p.transform_with(text, s);
            row.indices
                .extend(t.indices.iter().map(|&j| j + offset as u32));
            row.values.extend(t.values.iter().map(|&v| v * scale));
        }
        row
    }
}

fn label_names(labels: &Labels) -> Vec<&str> {
    match labels {
        Labels::Single(l) => vec![l.as_str()],
        Labels::Multi(ls) => ls.iter().map(String::as_str).collect(),
    }
}

impl Model {
    /// Trains a model named `name` on labeled `records`.
    pub fn fit(name: &str, records: &[Record], params: &TrainParams) -> Result<Model> {
        if records.is_empty() {
            return Err(Error::Data("no training records".into()));
        }
        let mut all_labels = Vec::new();
        let multi = matches!(records[0].labels, Some(Labels::Multi(_)));
        for r in records {
            match &r.labels {
                Some(l) => {
                    // one task, one form: a single label here and a list there is a mistake
                    if matches!(l, Labels::Multi(_)) != multi {
                        let first = &records[0];
                        return Err(Error::Input {
                            path: r.source.to_path_buf(),
                            line: r.line,
                            message: format!(
                                "{} here, but the first record ({}:{}) has {}: use one form for the whole task",
                                if multi { "a single label" } else { "a label list" },
                                first.source.display(),
                                first.line,
                                if multi { "a label list" } else { "a single label" }
                            ),
                        });
                    }
                    all_labels.extend(label_names(l));
                }
                None => {
                    return Err(Error::Input {
                        path: r.source.to_path_buf(),
                        line: r.line,
                        message: "record has no label".into(),
                    })
                }
            }
        }
        let labels = LabelSet::new(all_labels);
        let kind = if multi {
            TaskKind::MultiLabel
        } else {
            TaskKind::SingleLabel
        };
        if kind == TaskKind::SingleLabel && labels.len() < 2 {
            return Err(Error::Data(format!(
                "only one class ('{}') in the training data: a classifier needs at least two",
                labels.names().first().map_or("", String::as_str)
            )));
        }
        let ids: Vec<Vec<LabelId>> = records
            .iter()
            .map(|r| {
                let names = label_names(r.labels.as_ref().expect("checked above"));
                names
                    .iter()
                    .map(|n| labels.id(n).expect("label set built from these names"))
                    .collect()
            })
            .collect();

        let mut fp = Fnv64::default();
        let mut label_counts = vec![0u64; labels.len()];
        for (r, ls) in records.iter().zip(&ids) {
            fp.write(r.text.as_bytes());
            fp.write(&[0]);
            for l in ls {
                label_counts[l.index()] += 1;
                fp.write(labels.name(*l).as_bytes());
                fp.write(&[1]);
            }
            if let Some(t) = &r.target {
                fp.write(t.as_bytes());
            }
            fp.write(&[2]);
        }

        let ids: Vec<Vec<usize>> = ids
            .iter()
            .map(|ls| ls.iter().map(|l| l.index()).collect())
            .collect();
        let estimator = fit_estimator(records, &ids, kind, labels.len(), params)?;
        Ok(Model {
            name: name.to_string(),
            kind,
            labels,
            estimator,
            params: params.clone(),
            data: TrainingData {
                n_docs: records.len() as u64,
                label_counts,
                fingerprint: fp.finish(),
            },
        })
    }

    /// Predicts from an already transformed row.
    pub fn predict_row(&self, row: SparseRow<'_>) -> Prediction {
        let est = &self.estimator;
        let mut scores = vec![0.0; self.labels.len()];
        let single = self.kind == TaskKind::SingleLabel;
        est.classifier.proba_into(row, &mut scores, single);
        let labels = if single {
            vec![LabelId(crate::classify::argmax(&scores) as u32)]
        } else {
            let th = est.thresholds.as_deref();
            (0..scores.len())
                .filter(|&c| scores[c] >= th.map_or(0.5, |t| t[c]))
                .map(|c| LabelId(c as u32))
                .collect()
        };
        Prediction { labels, scores }
    }

    /// Predicts one text.
    pub fn predict(&self, text: &str, target: Option<&str>) -> Prediction {
        let row = self
            .estimator
            .transform_with(text, target, &mut Scratch::default());
        self.predict_row(row.view())
    }

    /// Predicts many `(text, target)` pairs in parallel; the result equals
    /// predicting each alone, in order.
    pub fn predict_batch(&self, docs: &[(&str, Option<&str>)]) -> Vec<Prediction> {
        docs.par_iter()
            .map(|(text, target)| {
                let row = with_thread_scratch(|s| self.estimator.transform_with(text, *target, s));
                self.predict_row(row.view())
            })
            .collect()
    }

    /// Checks the internal consistency of a loaded model.
    pub fn validate(&self) -> std::result::Result<(), String> {
        self.labels.validate()?;
        if self.labels.len() < 2 && self.kind == TaskKind::SingleLabel {
            return Err("fewer than two labels".into());
        }
        if self.data.label_counts.len() != self.labels.len() {
            return Err("label counts do not match the labels".into());
        }
        let est = &self.estimator;
        est.classifier
            .validate(est.n_features(), self.labels.len())?;
        match (&est.thresholds, self.kind) {
            (Some(t), TaskKind::MultiLabel) if t.len() == self.labels.len() => {}
            (None, TaskKind::SingleLabel) => {}
            _ => return Err("thresholds do not match the task".into()),
        }
        Ok(())
    }
}

/// Fits the pipelines (shared, and one per target with enough documents)
/// and the classifier on their rows.
fn fit_estimator(
    records: &[Record],
    ids: &[Vec<usize>],
    kind: TaskKind,
    n_labels: usize,
    params: &TrainParams,
) -> Result<Estimator> {
    let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
    let (pipeline, shared_rows) = params.pipeline.fit_transform(&texts)?;
    let mut targets = BTreeMap::new();
    let mut target_rows: BTreeMap<String, (Vec<usize>, SparseRecords)> = BTreeMap::new();
    if params.target_field.is_some() {
        let mut groups: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, r) in records.iter().enumerate() {
            if let Some(t) = &r.target {
                groups.entry(t.as_str()).or_default().push(i);
            }
        }
        for (t, idx) in groups {
            if idx.len() < MIN_TARGET_DOCS {
                continue;
            }
            let sub: Vec<&str> = idx.iter().map(|&i| texts[i]).collect();
            match params.pipeline.fit_transform(&sub) {
                Ok((p, rows)) => {
                    targets.insert(t.to_string(), p);
                    target_rows.insert(t.to_string(), (idx, rows));
                }
                // too few documents for the pruning: the shared weights serve this target
                Err(Error::Data(_)) => {}
                Err(e) => return Err(e),
            }
        }
    }
    let rows = if targets.is_empty() {
        shared_rows
    } else {
        // shared row, then the document's target block, scaled by 1/sqrt(2)
        let scale = std::f32::consts::FRAC_1_SQRT_2;
        // (block index, position in the block's rows) per document, and block offsets
        let mut block: Vec<Option<(usize, usize)>> = vec![None; records.len()];
        let mut offsets = Vec::with_capacity(target_rows.len());
        let mut offset = pipeline.n_features();
        for (b, (idx, rows)) in target_rows.values().enumerate() {
            for (pos, &i) in idx.iter().enumerate() {
                block[i] = Some((b, pos));
            }
            offsets.push(offset);
            offset += rows.n_features();
        }
        let blocks: Vec<&SparseRecords> = target_rows.values().map(|(_, r)| r).collect();
        let mut out = SparseRecords::new(offset);
        let mut row = SparseVec::default();
        for (i, blk) in block.iter().enumerate() {
            row.indices.clear();
            row.values.clear();
            let shared = shared_rows.row(i);
            row.indices.extend_from_slice(shared.indices);
            row.values.extend(shared.values.iter().map(|v| v * scale));
            if let Some((b, pos)) = *blk {
                let t = blocks[b].row(pos);
                row.indices
                    .extend(t.indices.iter().map(|&j| j + offsets[b] as u32));
                row.values.extend(t.values.iter().map(|v| v * scale));
            }
            out.push(row.view());
        }
        out
    };
    let y: Vec<usize> = ids
        .iter()
        .map(|s| s.first().copied().unwrap_or(0))
        .collect();
    let task = match kind {
        TaskKind::SingleLabel => TaskTargets::Single {
            y: &y,
            n_classes: n_labels,
        },
        TaskKind::MultiLabel => TaskTargets::Multi {
            sets: ids,
            n_labels,
        },
    };
    let t = trainer::train(&rows, task, &params.fit)?;
    Ok(Estimator {
        pipeline,
        targets,
        classifier: t.classifier,
        thresholds: t.thresholds,
        strength: t.strength,
        cv: t.cv,
    })
}
