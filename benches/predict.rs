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

mod common;

use common::count_correct;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsclass::features::{Scratch, SparseVec};
use newsclass::model::Model;

fn bench_predict(c: &mut Criterion) {
    let docs = common::corpus();
    let texts: Vec<(&str, Option<&str>)> = docs.iter().map(|d| (d.text.as_str(), None)).collect();

    // Train every model first: a wrong count then fails before any timing.
    let mut trained = Vec::new();
    for case in common::cases(&["nb", "cnb", "logreg", "svm", "svm_multi"]) {
        let records = common::records(&docs, case.field);
        let params = case.train_params();
        let model = Model::fit(case.name, &records, &params).expect("train on the corpus");
        let gold = common::gold(&model, &records);
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
    config = common::config();
    targets = bench_predict
}
criterion_main!(benches);
