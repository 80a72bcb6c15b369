//! Prediction throughput for each classifier kind, in docs/s.
//!
//! One model per kind is trained once on the committed corpus
//! (`data/corpus/*.jsonl`, 1,560 paragraphs) with the default pipeline and
//! default settings: `nb`, `cnb`, `logreg` and `svm` on the single-label
//! `stance` field, `svm_multi` on the multi-label `topics` field. Then every
//! paragraph is predicted, three ways:
//!
//! - `rows`: from precomputed TF-IDF rows (`Model::predict_row`), the
//!   classifier alone;
//! - `text`: from text, one document at a time on one thread
//!   (`Model::predict`: transform, then classify);
//! - `text_batch`: from text, in parallel (`Model::predict_batch`).
//!
//! Each pass asserts how many training paragraphs it predicted correctly
//! (exact label set for `svm_multi`), so a broken pipeline or model fails
//! instead of looking fast.
//!
//! Run: `cargo bench --bench predict` (or `cargo bench --bench predict -- svm`
//! for a subset).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsclass::classify::{
    ClassifierParams, FitSettings, LinearSvmParams, LogisticRegressionParams, NaiveBayesParams,
    NbKind,
};
use newsclass::features::{Scratch, SparseVec};
use newsclass::io::{Labels, Record};
use newsclass::model::{Model, Prediction, TrainParams};

const CORPUS: [&str; 6] = [
    include_str!("../data/corpus/part-1.jsonl"),
    include_str!("../data/corpus/part-2.jsonl"),
    include_str!("../data/corpus/part-3.jsonl"),
    include_str!("../data/corpus/part-4.jsonl"),
    include_str!("../data/corpus/part-5.jsonl"),
    include_str!("../data/corpus/part-6.jsonl"),
];

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
    /// Training paragraphs predicted correctly (of 1,560).
    correct: usize,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "nb",
            classifier: ClassifierParams::NaiveBayes(NaiveBayesParams::new(NbKind::Multinomial)),
            field: Field::Stance,
            correct: 1550,
        },
        Case {
            name: "cnb",
            classifier: ClassifierParams::NaiveBayes(NaiveBayesParams::new(NbKind::Complement)),
            field: Field::Stance,
            correct: 1551,
        },
        Case {
            name: "logreg",
            classifier: ClassifierParams::LogisticRegression(LogisticRegressionParams::default()),
            field: Field::Stance,
            correct: 1556,
        },
        Case {
            name: "svm",
            classifier: ClassifierParams::LinearSvm(LinearSvmParams::default()),
            field: Field::Stance,
            correct: 1560,
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

/// Each record's label ids, ascending (the order predictions use).
fn gold(model: &Model, records: &[Record]) -> Vec<Vec<usize>> {
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

fn is_correct(p: &Prediction, gold: &[usize]) -> bool {
    p.labels.len() == gold.len() && p.labels.iter().zip(gold).all(|(l, &g)| l.index() == g)
}

fn count_correct(preds: impl Iterator<Item = Prediction>, gold: &[Vec<usize>]) -> usize {
    preds.zip(gold).filter(|(p, g)| is_correct(p, g)).count()
}

fn bench_predict(c: &mut Criterion) {
    let docs = corpus();
    let texts: Vec<(&str, Option<&str>)> = docs.iter().map(|d| (d.text.as_str(), None)).collect();

    // Train every model first: a wrong count then fails before any timing.
    let mut trained = Vec::new();
    for case in cases() {
        let records = records(&docs, case.field);
        let params = TrainParams {
            fit: FitSettings {
                classifier: case.classifier.clone(),
                ..Default::default()
            },
            ..Default::default()
        };
        let model = Model::fit(case.name, &records, &params).expect("train on the corpus");
        let gold = gold(&model, &records);
        let mut scratch = Scratch::default();
        let rows: Vec<SparseVec> = docs
            .iter()
            .map(|d| model.estimator.transform_with(&d.text, None, &mut scratch))
            .collect();
        let got = count_correct(rows.iter().map(|r| model.predict_row(r.view())), &gold);
        eprintln!(
            "predict/{}: {got} of {} training paragraphs correct",
            case.name,
            docs.len()
        );
        trained.push((case, model, gold, rows, got));
    }
    for (case, model, gold, _, got) in &trained {
        assert_eq!(
            *got, case.correct,
            "predict/{}: correct count changed",
            case.name
        );
        assert_eq!(
            count_correct(model.predict_batch(&texts).into_iter(), gold),
            case.correct
        );
    }

    for (case, model, gold, rows, _) in &trained {
        let want = case.correct;
        let mut g = c.benchmark_group(format!("predict/{}", case.name));
        g.throughput(Throughput::Elements(docs.len() as u64));
        g.bench_function("rows", |b| {
            b.iter(|| {
                let preds = rows.iter().map(|r| model.predict_row(r.view()));
                assert_eq!(count_correct(preds, gold), want)
            })
        });
        g.bench_function("text", |b| {
            b.iter(|| {
                let preds = texts.iter().map(|(t, target)| model.predict(t, *target));
                assert_eq!(count_correct(preds, gold), want)
            })
        });
        g.bench_function("text_batch", |b| {
            b.iter(|| {
                let preds = model.predict_batch(&texts);
                assert_eq!(count_correct(preds.into_iter(), gold), want)
            })
        });
        g.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1));
    targets = bench_predict
}
criterion_main!(benches);
