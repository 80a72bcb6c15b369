//! Training throughput (`Model::fit`), in docs/s.
//!
//! Trains on the committed corpus (`data/corpus/*.jsonl`, 1,560 paragraphs)
//! with the default pipeline and default settings, as `newsclass train`
//! does: `svm` and `logreg` on the single-label `stance` field, `svm_multi`
//! on the multi-label `topics` field. A fit is the pipeline (analyze,
//! vocabulary, TF-IDF rows) plus the classifier; the SVM also fits its
//! cross-validation folds for Platt calibration (and, multi-label, the
//! per-label thresholds).
//!
//! Every fitted model is checked outside the timed region: its vocabulary
//! size and how many training paragraphs it predicts correctly must match
//! the known values, so a broken trainer fails instead of looking fast.
//! A fit takes over 100 ms, so samples are flat (the same few fits each)
//! to keep the run to seconds.
//!
//! Run: `cargo bench --bench train`.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use newsclass::classify::{
    ClassifierParams, FitSettings, LinearSvmParams, LogisticRegressionParams,
};
use newsclass::io::{Labels, Record};
use newsclass::model::{Model, TrainParams};

const CORPUS: [&str; 6] = [
    include_str!("../data/corpus/part-1.jsonl"),
    include_str!("../data/corpus/part-2.jsonl"),
    include_str!("../data/corpus/part-3.jsonl"),
    include_str!("../data/corpus/part-4.jsonl"),
    include_str!("../data/corpus/part-5.jsonl"),
    include_str!("../data/corpus/part-6.jsonl"),
];

/// Features of the default pipeline fitted on the corpus (unigrams and
/// bigrams in at least two paragraphs); the same for every task.
const N_FEATURES: usize = 11_304;

#[derive(serde::Deserialize)]
struct Doc {
    id: String,
    text: String,
    topics: Vec<String>,
    stance: String,
}

fn corpus() -> Vec<Doc> {
    let docs: Vec<Doc> = CORPUS
        .iter()
        .flat_map(|part| part.lines())
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).expect("data/corpus line is a paragraph"))
        .collect();
    assert_eq!(docs.len(), 1560, "data/corpus holds 1,560 paragraphs");
    docs
}

#[derive(Clone, Copy)]
enum Field {
    /// Single-label.
    Stance,
    /// Multi-label.
    Topics,
}

struct Case {
    name: &'static str,
    classifier: ClassifierParams,
    field: Field,
    /// Training paragraphs the fitted model predicts correctly (of 1,560).
    correct: usize,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "svm",
            classifier: ClassifierParams::LinearSvm(LinearSvmParams::default()),
            field: Field::Stance,
            correct: 1560,
        },
        Case {
            name: "logreg",
            classifier: ClassifierParams::LogisticRegression(LogisticRegressionParams::default()),
            field: Field::Stance,
            correct: 1556,
        },
        Case {
            name: "svm_multi",
            classifier: ClassifierParams::LinearSvm(LinearSvmParams::default()),
            field: Field::Topics,
            correct: 1560,
        },
    ]
}

/// The corpus as training records for `field`, as the JSONL reader builds them.
fn records(docs: &[Doc], field: Field) -> Vec<Record> {
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

/// (vocabulary size, training paragraphs predicted correctly).
fn check(model: &Model, records: &[Record]) -> (usize, usize) {
    let docs: Vec<(&str, Option<&str>)> = records.iter().map(|r| (r.text.as_str(), None)).collect();
    let correct = model
        .predict_batch(&docs)
        .iter()
        .zip(records)
        .filter(|(p, r)| {
            let names = match r.labels.as_ref().expect("labeled") {
                Labels::Single(l) => std::slice::from_ref(l),
                Labels::Multi(ls) => ls.as_slice(),
            };
            let mut gold: Vec<usize> = names
                .iter()
                .map(|n| model.labels.id(n).expect("a training label").index())
                .collect();
            gold.sort_unstable();
            p.labels.iter().map(|l| l.index()).eq(gold)
        })
        .count();
    (model.estimator.pipeline.n_features(), correct)
}

fn bench_train(c: &mut Criterion) {
    let docs = corpus();
    let mut g = c.benchmark_group("train");
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Elements(docs.len() as u64));
    for case in cases() {
        let records = records(&docs, case.field);
        let params = TrainParams {
            fit: FitSettings {
                classifier: case.classifier.clone(),
                ..Default::default()
            },
            ..Default::default()
        };
        let want = (N_FEATURES, case.correct);
        let model = Model::fit(case.name, &records, &params).expect("train on the corpus");
        let got = check(&model, &records);
        eprintln!(
            "train/{}: {} features, {} of {} training paragraphs correct",
            case.name,
            got.0,
            got.1,
            records.len()
        );
        assert_eq!(
            got, want,
            "train/{}: (features, correct) changed",
            case.name
        );

        g.bench_function(case.name, |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    let start = Instant::now();
                    let model = Model::fit(case.name, &records, &params).expect("train");
                    spent += start.elapsed();
                    assert_eq!(check(&model, &records), want, "train/{}", case.name);
                }
                spent
            })
        });
    }
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    targets = bench_train
}
criterion_main!(benches);
