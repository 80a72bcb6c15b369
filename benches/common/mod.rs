//! Fixtures shared by the benches: the committed corpus
//! (`data/corpus/*.jsonl`, 1,560 paragraphs), training records and
//! classifier cases built on it, and the criterion settings.
//!
//! Each bench compiles this module on its own (`mod common;`) and uses only
//! part of it, hence `allow(dead_code)`. Cargo does not make it a bench
//! target: only `benches/*.rs` and `benches/*/main.rs` are discovered.

#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use criterion::Criterion;
use newsclass::classify::{
    ClassifierParams, FitSettings, LinearSvmParams, LogisticRegressionParams, NaiveBayesParams,
    NbKind,
};
use newsclass::io::{Labels, Record};
use newsclass::model::{Model, Prediction, TrainParams};

pub const CORPUS: [&str; 6] = [
    include_str!("../../data/corpus/part-1.jsonl"),
    include_str!("../../data/corpus/part-2.jsonl"),
    include_str!("../../data/corpus/part-3.jsonl"),
    include_str!("../../data/corpus/part-4.jsonl"),
    include_str!("../../data/corpus/part-5.jsonl"),
    include_str!("../../data/corpus/part-6.jsonl"),
];

/// Features of the default pipeline fitted on the corpus (unigrams and
/// bigrams in at least two paragraphs); the same for every task.
pub const N_FEATURES: usize = 11_304;

/// One corpus paragraph.
#[derive(serde::Deserialize)]
pub struct Doc {
    pub id: String,
    pub text: String,
    pub topics: Vec<String>,
    pub stance: String,
}

/// Every corpus paragraph.
pub fn corpus() -> Vec<Doc> {
    let docs: Vec<Doc> = CORPUS
        .iter()
        .flat_map(|part| part.lines())
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("data/corpus line is a paragraph"))
        .collect();
    assert_eq!(docs.len(), 1560, "data/corpus holds 1,560 paragraphs");
    docs
}

/// The text of every corpus paragraph.
pub fn texts() -> Vec<String> {
    corpus().into_iter().map(|d| d.text).collect()
}

#[derive(Clone, Copy)]
pub enum Field {
    /// Single-label.
    Stance,
    /// Multi-label.
    Topics,
}

/// A classifier trained with the default pipeline and default settings.
pub struct Case {
    pub name: &'static str,
    pub classifier: ClassifierParams,
    pub field: Field,
    /// Training paragraphs the fitted model predicts correctly (of 1,560).
    pub correct: usize,
}

impl Case {
    /// The case by name: `nb`, `cnb`, `logreg` and `svm` on `stance`,
    /// `svm_multi` on `topics`.
    pub fn named(name: &'static str) -> Case {
        let (classifier, field, correct) = match name {
            "nb" => (
                ClassifierParams::NaiveBayes(NaiveBayesParams::new(NbKind::Multinomial)),
                Field::Stance,
                1550,
            ),
            "cnb" => (
                ClassifierParams::NaiveBayes(NaiveBayesParams::new(NbKind::Complement)),
                Field::Stance,
                1551,
            ),
            "logreg" => (
                ClassifierParams::LogisticRegression(LogisticRegressionParams::default()),
                Field::Stance,
                1556,
            ),
            "svm" => (
                ClassifierParams::LinearSvm(LinearSvmParams::default()),
                Field::Stance,
                1560,
            ),
            "svm_multi" => (
                ClassifierParams::LinearSvm(LinearSvmParams::default()),
                Field::Topics,
                1560,
            ),
            _ => panic!("no bench case named {name:?}"),
        };
        Case {
            name,
            classifier,
            field,
            correct,
        }
    }

    /// Default training settings with this case's classifier.
    pub fn train_params(&self) -> TrainParams {
        TrainParams {
            fit: FitSettings {
                classifier: self.classifier.clone(),
                ..Default::default()
            },
            ..Default::default()
        }
    }
}

/// The named cases, in the given order.
pub fn cases(names: &[&'static str]) -> Vec<Case> {
    names.iter().map(|&name| Case::named(name)).collect()
}

/// The corpus as training records for `field`, as the JSONL reader builds them.
pub fn records(docs: &[Doc], field: Field) -> Vec<Record> {
    let source: Arc<Path> = Arc::from(Path::new("data/corpus"));
    docs.iter()
        .enumerate()
        .map(|(i, d)| Record {
            id: Some(serde_json::Value::from(d.id.as_str())),
            text: d.text.clone(),
            labels: Some(match field {
                Field::Stance => Labels::Single(d.stance.clone()),
                Field::Topics => Labels::Multi(d.topics.clone()),
            }),
            target: None,
            line: i as u64 + 1,
            source: source.clone(),
        })
        .collect()
}

/// Each record's label ids, ascending (the order predictions use).
pub fn gold(model: &Model, records: &[Record]) -> Vec<Vec<usize>> {
    records
        .iter()
        .map(|r| {
            let names = match r.labels.as_ref().expect("labeled") {
                Labels::Single(l) => std::slice::from_ref(l),
                Labels::Multi(ls) => ls.as_slice(),
            };
            let mut ids: Vec<usize> = names
                .iter()
                .map(|n| model.labels.id(n).expect("a training label").index())
                .collect();
            ids.sort_unstable();
            ids
        })
        .collect()
}

/// Whether a prediction has exactly the gold label set.
pub fn is_correct(p: &Prediction, gold: &[usize]) -> bool {
    p.labels.len() == gold.len() && p.labels.iter().zip(gold).all(|(l, &g)| l.index() == g)
}

/// How many predictions have exactly their gold label set.
pub fn count_correct(preds: impl Iterator<Item = Prediction>, gold: &[Vec<usize>]) -> usize {
    preds.zip(gold).filter(|(p, g)| is_correct(p, g)).count()
}

/// The criterion settings of every bench: 10 samples, 3 s of measurement
/// after 1 s of warm-up.
pub fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
}
