//! A trained model: task, labels, pipeline and classifier, plus what it was
//! trained on and how. This is what a model file holds.

use std::collections::BTreeMap;

use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use ndarray::Array1;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::classify::{Classifier, LabelId, LabelSet, NaiveBayesParams, NbKind};
use crate::error::{Error, Result};
use crate::features::{Pipeline, PipelineParams, Scratch, SparseRecords, SparseRow};
use crate::io::{Labels, Record};

/// Whether each document has exactly one label or a set of labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaskKind {
    /// One label per document; probabilities sum to 1.
    SingleLabel,
    /// Zero or more labels per document, each decided on its own.
    MultiLabel,
}

/// Which classifier to train, with its settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ClassifierParams {
    /// Multinomial or complement naive Bayes.
    NaiveBayes(NaiveBayesParams),
}

impl Default for ClassifierParams {
    fn default() -> Self {
        ClassifierParams::NaiveBayes(NaiveBayesParams::new(NbKind::Complement))
    }
}

/// Everything chosen for a training run. Stored in the model so the run can
/// be repeated.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct TrainParams {
    /// Feature pipeline settings.
    pub pipeline: PipelineParams,
    /// Classifier settings.
    pub classifier: ClassifierParams,
    /// Seed for every random choice (shuffles, folds).
    pub seed: u64,
    /// Field the record's stance target was read from, when targets are used.
    pub target_field: Option<String>,
}

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

/// A feature pipeline with the classifier trained on its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Estimator {
    /// Text to features.
    pub pipeline: Pipeline,
    /// Features to labels.
    pub classifier: Classifier,
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
    /// The model for every document (and for targets unseen in training).
    pub global: Estimator,
    /// Per-target models, sorted by target, when trained with targets.
    pub by_target: BTreeMap<String, Estimator>,
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

impl PartialEq for Pipeline {
    fn eq(&self, other: &Self) -> bool {
        self.params() == other.params()
            && self.n_docs() == other.n_docs()
            && self.vocabulary() == other.vocabulary()
            && self.idf() == other.idf()
    }
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
        let mut multi = false;
        for r in records {
            match &r.labels {
                Some(l) => {
                    multi |= matches!(l, Labels::Multi(_));
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
        if kind == TaskKind::MultiLabel {
            return Err(Error::param(
                "classifier",
                "multi-label data (a 'labels' array) needs a one-vs-rest classifier; naive Bayes here is single-label",
            ));
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

        let texts: Vec<&str> = records.iter().map(|r| r.text.as_str()).collect();
        let y: Vec<usize> = ids.iter().map(|l| l[0].index()).collect();
        let global = fit_estimator(&texts, &y, labels.len(), params)?;
        Ok(Model {
            name: name.to_string(),
            kind,
            labels,
            global,
            by_target: BTreeMap::new(),
            params: params.clone(),
            data: TrainingData {
                n_docs: records.len() as u64,
                label_counts,
                fingerprint: fp.finish(),
            },
        })
    }

    /// The estimator for a record's target: its per-target model when one
    /// was trained, else the global model.
    pub fn estimator(&self, target: Option<&str>) -> &Estimator {
        target
            .and_then(|t| self.by_target.get(t))
            .unwrap_or(&self.global)
    }

    /// Predicts from an already transformed row of `est`.
    pub fn predict_row(&self, est: &Estimator, row: SparseRow<'_>) -> Prediction {
        let mut scores = vec![0.0; self.labels.len()];
        est.classifier.proba_into(row, &mut scores);
        let best = crate::classify::argmax(&scores);
        Prediction {
            labels: vec![LabelId(best as u32)],
            scores,
        }
    }

    /// Predicts one text.
    pub fn predict(&self, text: &str, target: Option<&str>) -> Prediction {
        let est = self.estimator(target);
        let row = est.pipeline.transform(text);
        self.predict_row(est, row.view())
    }

    /// Predicts many `(text, target)` pairs in parallel; the result equals
    /// predicting each alone, in order.
    pub fn predict_batch(&self, docs: &[(&str, Option<&str>)]) -> Vec<Prediction> {
        docs.par_iter()
            .map_init(Scratch::default, |s, (text, target)| {
                let est = self.estimator(*target);
                let row = est.pipeline.transform_with(text, s);
                self.predict_row(est, row.view())
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
        for est in std::iter::once(&self.global).chain(self.by_target.values()) {
            est.classifier
                .validate(est.pipeline.n_features(), self.labels.len())?;
        }
        Ok(())
    }
}

/// Fits a pipeline and a classifier on `texts` with class ids `y`.
pub fn fit_estimator(
    texts: &[&str],
    y: &[usize],
    n_classes: usize,
    params: &TrainParams,
) -> Result<Estimator> {
    let (pipeline, rows) = params.pipeline.fit_transform(texts)?;
    let classifier = fit_classifier(rows, y, n_classes, &params.classifier)?;
    Ok(Estimator {
        pipeline,
        classifier,
    })
}

/// Fits the chosen classifier on sparse rows.
pub fn fit_classifier(
    rows: SparseRecords,
    y: &[usize],
    n_classes: usize,
    params: &ClassifierParams,
) -> Result<Classifier> {
    let data = DatasetBase::new(rows, Array1::from(y.to_vec()));
    match params {
        ClassifierParams::NaiveBayes(p) => {
            let p = NaiveBayesParams {
                n_classes: Some(n_classes),
                ..*p
            };
            Ok(Classifier::NaiveBayes(p.fit(&data)?))
        }
    }
}
