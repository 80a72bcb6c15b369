//! The feature pipeline against scikit-learn's numbers and itself.

use newsclass::features::{DocFreq, PipelineParams};
use newsclass::text::{AnalyzerParams, NgramRange, StopWords, TokenizerParams};
use serde_json::Value;

use crate::common;

fn plain_params(cfg: &Value) -> PipelineParams {
    let ng = cfg["ngram_range"].as_array().unwrap();
    let mut p = PipelineParams {
        analyzer: AnalyzerParams {
            tokenizer: TokenizerParams {
                min_len: 1,
                ..Default::default()
            },
            stemmer: None,
            stop_words: StopWords::None,
        },
        ngrams: NgramRange::new(
            ng[0].as_u64().unwrap() as usize,
            ng[1].as_u64().unwrap() as usize,
        )
        .unwrap(),
        min_df: DocFreq::Count(cfg["min_df"].as_u64().unwrap()),
        max_df: DocFreq::Ratio(cfg["max_df"].as_f64().unwrap()),
        ..Default::default()
    };
    p.tfidf.sublinear_tf = cfg["sublinear_tf"].as_bool().unwrap();
    p.tfidf.smooth_idf = cfg["smooth_idf"].as_bool().unwrap();
    p
}

/// Same token streams, same settings: our TF-IDF matrix equals
/// scikit-learn's `TfidfVectorizer` to 1e-6 (fixture made by
/// tests/fixtures/sklearn_tfidf.py).
#[test]
fn tfidf_matches_scikit_learn() {
    let fixture: Value = serde_json::from_str(include_str!("fixtures/sklearn_tfidf.json")).unwrap();
    let docs: Vec<&str> = fixture["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap())
        .collect();
    let configs = fixture["configs"].as_array().unwrap();
    assert_eq!(configs.len(), 3);
    for cfg in configs {
        let name = cfg["name"].as_str().unwrap();
        let (pipe, rows) = plain_params(cfg).fit_transform(&docs).unwrap();
        let features: Vec<&str> = cfg["features"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        assert_eq!(pipe.vocabulary().terms, features, "{name}: features");
        for (ours, theirs) in pipe.idf().iter().zip(cfg["idf"].as_array().unwrap()) {
            assert!(
                (ours - theirs.as_f64().unwrap()).abs() < 1e-12,
                "{name}: idf"
            );
        }
        for (i, row) in cfg["rows"].as_array().unwrap().iter().enumerate() {
            let idx: Vec<u32> = row["indices"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap() as u32)
                .collect();
            let vals: Vec<f64> = row["values"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            let ours = rows.row(i);
            assert_eq!(ours.indices, idx.as_slice(), "{name}: row {i} indices");
            for (a, b) in ours.values.iter().zip(&vals) {
                assert!((*a as f64 - b).abs() < 1e-6, "{name}: row {i}: {a} vs {b}");
            }
            // and transform() of the raw text agrees with fit_transform
            let t = pipe.transform(docs[i]);
            assert_eq!(t.indices, idx, "{name}: transform row {i}");
        }
    }
}

#[test]
fn parallel_transform_equals_serial() {
    let docs: Vec<&str> = common::NEWS.iter().map(|d| d.0).collect();
    let params = PipelineParams {
        min_df: DocFreq::Count(1),
        ..Default::default()
    };
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let four = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap();
    let (p1, r1) = one.install(|| params.fit_transform(&docs)).unwrap();
    let (p4, r4) = four.install(|| params.fit_transform(&docs)).unwrap();
    assert_eq!(p1.vocabulary(), p4.vocabulary());
    assert_eq!(r1, r4);
    let batch = four.install(|| p1.transform_batch(&docs));
    for (i, d) in docs.iter().enumerate() {
        let alone = p1.transform(d);
        assert_eq!(batch.row(i).indices, alone.indices.as_slice());
        assert_eq!(batch.row(i).values, alone.values.as_slice());
    }
}

#[test]
fn analyze_shows_stemmed_terms() {
    let p = PipelineParams {
        min_df: DocFreq::Count(1),
        ..Default::default()
    }
    .fit(&["Negotiations resumed", "negotiators resume"])
    .unwrap();
    assert_eq!(p.analyze("The negotiations resumed."), ["negoti", "resum"]);
    assert!(p.vocabulary().get("negoti resum").is_some());
}
