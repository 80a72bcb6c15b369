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

mod common;

use std::time::{Duration, Instant};

use common::N_FEATURES;
use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use newsclass::io::Record;
use newsclass::model::Model;

/// (vocabulary size, training paragraphs predicted correctly).
fn check(model: &Model, records: &[Record]) -> (usize, usize) {
    let docs: Vec<(&str, Option<&str>)> = records.iter().map(|r| (r.text.as_str(), None)).collect();
    let gold = common::gold(model, records);
    let correct = common::count_correct(model.predict_batch(&docs).into_iter(), &gold);
    (model.estimator.pipeline.n_features(), correct)
}

fn bench_train(c: &mut Criterion) {
    let docs = common::corpus();
    let mut g = c.benchmark_group("train");
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Elements(docs.len() as u64));
    for case in common::cases(&["svm", "logreg", "svm_multi"]) {
        let records = common::records(&docs, case.field);
        let params = case.train_params();
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
    config = common::config();
    targets = bench_train
}
criterion_main!(benches);
