//! Vectorize throughput: text to L2-normalized TF-IDF rows, in docs/s.
//!
//! A [`Pipeline`] with the default settings (English stemming and stop
//! words, 1–2-grams, `min_df` 2) is fitted once on the committed corpus
//! (`data/corpus/*.jsonl`, 1,560 paragraphs); then every paragraph is
//! transformed:
//!
//! - `transform_with`: one thread, one reused [`Scratch`], as `newsclass
//!   score` does per paragraph;
//! - `transform_batch`: all paragraphs in parallel (rayon), as evaluation
//!   and batch prediction do;
//! - `fit_transform`: fitting the vocabulary and idf plus the training
//!   rows, the pipeline's share of `newsclass train`.
//!
//! Each pass asserts the total number of non-zeros of its rows (and the fit
//! its vocabulary size), so a broken pipeline fails instead of looking fast.
//!
//! Run: `cargo bench --bench transform`.

mod common;

use common::N_FEATURES;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsclass::features::{Pipeline, PipelineParams, Scratch};

/// Non-zeros of the 1,560 corpus rows.
const NNZ: usize = 83_717;

fn transform_serial(pipeline: &Pipeline, texts: &[String], scratch: &mut Scratch) -> usize {
    texts
        .iter()
        .map(|t| pipeline.transform_with(t, scratch).nnz())
        .sum()
}

fn bench_transform(c: &mut Criterion) {
    let texts = common::texts();
    let params = PipelineParams::default();
    let (pipeline, rows) = params.fit_transform(&texts).expect("fit on the corpus");
    eprintln!(
        "transform: {} features, {} non-zeros in {} rows",
        pipeline.n_features(),
        rows.nnz(),
        rows.n_rows()
    );
    assert_eq!(pipeline.n_features(), N_FEATURES, "vocabulary size changed");
    assert_eq!(rows.nnz(), NNZ, "non-zeros of the training rows changed");
    assert_eq!(
        transform_serial(&pipeline, &texts, &mut Scratch::default()),
        NNZ
    );
    assert_eq!(pipeline.transform_batch(&texts), rows);

    let mut g = c.benchmark_group("transform");
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("transform_with", |b| {
        let mut scratch = Scratch::default();
        b.iter(|| assert_eq!(transform_serial(&pipeline, &texts, &mut scratch), NNZ))
    });
    g.bench_function("transform_batch", |b| {
        b.iter(|| {
            let rows = pipeline.transform_batch(&texts);
            assert_eq!(rows.nnz(), NNZ);
            rows
        })
    });
    g.bench_function("fit_transform", |b| {
        b.iter(|| {
            let (p, rows) = params.fit_transform(&texts).expect("fit on the corpus");
            assert_eq!((p.n_features(), rows.nnz()), (N_FEATURES, NNZ));
            (p, rows)
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = bench_transform
}
criterion_main!(benches);
