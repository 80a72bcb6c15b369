//! Property tests: the tokenizer and the paragraph splitter never panic and
//! keep their invariants on arbitrary text; transformed rows are unit rows
//! or empty; batch and parallel results equal serial ones; a saved and
//! loaded model scores exactly as the original; training is byte-identical
//! across runs and thread counts.

use std::path::Path;
use std::sync::{Arc, OnceLock};

use newsclass::classify::{LinearSvmParams, LogisticRegressionParams, NaiveBayesParams, NbKind};
use newsclass::features::{DocFreq, Norm, Pipeline, PipelineParams, SparseRecords, SparseVec};
use newsclass::io::artifact;
use newsclass::io::corpus::split_paragraphs;
use newsclass::io::{Labels, Record};
use newsclass::model::{ClassifierParams, Model, Prediction, TaskKind, TrainParams};
use newsclass::text::normalize::{is_apostrophe, is_hyphen, is_word_char, push_char};
use newsclass::text::{
    Analyzer, AnalyzerParams, Hyphens, Language, Links, NgramRange, Numbers, StopWords, TokenKind,
    Tokenizer, TokenizerParams,
};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{select, Index};

use crate::common;

// ---------------------------------------------------------------------------
// Strategies: news-like text.

/// Pieces of real-world copy that stress the tokenizer and the splitter.
const PIECES: &[&str] = &[
    // apostrophes and quotes, straight and curly
    "Trump’s",
    "Trump's",
    "O'Neill",
    "don’t",
    "rock ’n’ roll",
    "x'",
    "''a",
    "'",
    "’",
    "‘",
    "ʼ",
    "′",
    "＇",
    "“Peace,”",
    "\"straight\"",
    "«guillemets»",
    "‘quoted’",
    "“",
    "”",
    // hyphens and dashes
    "cease-fire",
    "front‑line",
    "front‐line",
    "pro-",
    "-ish",
    "-",
    "--",
    "–",
    "—",
    "Kyiv—Lviv",
    "F-16",
    "1-2",
    // numbers
    "1,200",
    "3.5",
    "2026",
    "1,",
    ".5",
    "1.2.3",
    "1,2,3",
    "3.5%",
    "$1,000.50",
    "½",
    "²",
    "Ⅻ",
    "٣",
    "G7",
    // links and e-mails
    "https://example.com/a-b?x=1.",
    "(www.Example.org)",
    "http://",
    "https://",
    "www.",
    "WWW.X",
    "press@example.org,",
    "a@b",
    "a@b.c",
    "@",
    "x@y.",
    "mailto:x@y.org",
    "HTTPS://EXAMPLE.COM/#frag",
    "<https://t.co/x>",
    // paragraph furniture
    "By Ana Ruiz",
    "By",
    "By ",
    "Related article:",
    "Read more:",
    "See also:",
    "Copyright 2026",
    "©",
    "All rights reserved",
    "This article was first published",
    // scripts, case mappings, combining marks, emoji, controls
    "Київ",
    "Élysée",
    "e\u{301}",
    "\u{301}",
    "a\u{20DD}",
    "\u{FE20}x",
    "İstanbul",
    "ß",
    "ﬁ",
    "ǅ",
    "ΣΑΣ",
    "ΤΟΥΣ",
    "東京",
    "ไทย",
    "مرحبا",
    "وال",
    "بال",
    "ال",
    "Москва",
    "தமிழ்",
    "İSTANBUL'DA",
    "😀",
    "👍🏽",
    "👩‍👩‍👧",
    "🇺🇦",
    "\u{200b}",
    "\u{200d}",
    "\u{feff}",
    "\0",
    "\u{7f}",
    "\r",
];

/// Separators: spaces, tabs, line breaks of every kind, indentation.
const SEPS: &[&str] = &[
    " ",
    " ",
    " ",
    " ",
    "",
    "\t",
    "\n",
    "\r\n",
    "\n\n",
    "\r\n\r\n",
    "\n  ",
    "\n\t",
    "\n \n",
    "  ",
    "\u{a0}",
    "\u{2028}",
    "\u{3000}",
    "\u{85}",
    "\n\u{feff}",
];

fn news_words() -> Vec<&'static str> {
    common::NEWS
        .iter()
        .flat_map(|(t, _)| t.split_whitespace())
        .collect()
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(PIECES).prop_map(str::to_string),
        3 => select(news_words()).prop_map(str::to_string),
        2 => "[a-zA-Z]{1,12}",
        1 => "[0-9]{1,4}([.,][0-9]{1,3})?",
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{1,6}",
    ]
}

/// Arbitrary strings, and strings assembled from news-like pieces.
fn news_text() -> impl Strategy<Value = String> {
    prop_oneof![
        1 => any::<String>(),
        3 => vec((piece(), select(SEPS)), 0..40).prop_map(|v| {
            let mut s = String::new();
            for (p, sep) in v {
                s.push_str(&p);
                s.push_str(sep);
            }
            s
        }),
    ]
}

fn tokenizer_params() -> impl Strategy<Value = TokenizerParams> {
    (
        any::<bool>(),
        select(&[Hyphens::Split, Hyphens::Join, Hyphens::Keep][..]),
        select(&[Numbers::Keep, Numbers::Drop][..]),
        select(&[Links::Drop, Links::Keep][..]),
        0usize..4,
    )
        .prop_map(
            |(lowercase, hyphens, numbers, links, min_len)| TokenizerParams {
                lowercase,
                hyphens,
                numbers,
                links,
                min_len,
            },
        )
}

fn analyzer_params() -> impl Strategy<Value = AnalyzerParams> {
    let stemmer = prop_oneof![
        1 => Just(None),
        2 => Just(Some(Language::English)),
        2 => select(&Language::ALL[..]).prop_map(Some),
    ];
    let stop_words = prop_oneof![
        Just(StopWords::None),
        Just(StopWords::English),
        vec(piece(), 0..6).prop_map(StopWords::Custom),
    ];
    (tokenizer_params(), stemmer, stop_words).prop_map(|(tokenizer, stemmer, stop_words)| {
        AnalyzerParams {
            tokenizer,
            stemmer,
            stop_words,
        }
    })
}

fn target() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        2 => Just(None),
        4 => select(&["taxes", "transit", "housing", ""][..]).prop_map(|t| Some(t.to_string())),
        1 => any::<String>().prop_map(Some),
    ]
}

// ---------------------------------------------------------------------------
// Shared fixtures, built once.

fn pool(threads: usize) -> &'static rayon::ThreadPool {
    static ONE: OnceLock<rayon::ThreadPool> = OnceLock::new();
    static THREE: OnceLock<rayon::ThreadPool> = OnceLock::new();
    let cell = match threads {
        1 => &ONE,
        3 => &THREE,
        _ => unreachable!("only 1- and 3-thread pools are used"),
    };
    cell.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    })
}

/// Pipelines fitted on the texts of `NEWS`: the default settings with
/// `min_df` 1, and a variant with other tokenizer, n-gram and tf-idf
/// settings.
fn pipelines() -> &'static [Pipeline] {
    static P: OnceLock<Vec<Pipeline>> = OnceLock::new();
    P.get_or_init(|| {
        let texts: Vec<&str> = common::NEWS.iter().map(|(t, _)| *t).collect();
        let default = PipelineParams {
            min_df: DocFreq::Count(1),
            ..Default::default()
        };
        let mut other = PipelineParams {
            analyzer: AnalyzerParams {
                tokenizer: TokenizerParams {
                    hyphens: Hyphens::Keep,
                    links: Links::Keep,
                    min_len: 1,
                    ..Default::default()
                },
                stemmer: None,
                stop_words: StopWords::None,
            },
            ngrams: NgramRange::new(1, 3).unwrap(),
            min_df: DocFreq::Count(1),
            ..Default::default()
        };
        other.tfidf.sublinear_tf = false;
        other.tfidf.smooth_idf = false;
        vec![default.fit(&texts).unwrap(), other.fit(&texts).unwrap()]
    })
}

/// One trained model and the same model after a save and a load.
struct Pair {
    name: &'static str,
    original: Model,
    loaded: Model,
}

/// A model of every classifier kind, single-label on `NEWS`, multi-label
/// on `TOPICS`, and a stance model with per-target blocks.
fn models() -> &'static [Pair] {
    static M: OnceLock<Vec<Pair>> = OnceLock::new();
    M.get_or_init(|| {
        let news = common::news_records();
        let topics = common::topic_records();
        let stance = common::stance_records();
        let nb = |k| ClassifierParams::NaiveBayes(NaiveBayesParams::new(k));
        let lr = || ClassifierParams::LogisticRegression(LogisticRegressionParams::default());
        let svm = || ClassifierParams::LinearSvm(LinearSvmParams::default());
        let mut stance_params = common::small_params(lr());
        stance_params.target_field = Some("target".into());
        let specs: Vec<(&'static str, &[Record], TrainParams)> = vec![
            ("nb", &news, common::small_params(nb(NbKind::Multinomial))),
            ("cnb", &news, common::small_params(nb(NbKind::Complement))),
            ("logreg", &news, common::small_params(lr())),
            ("svm", &news, common::small_params(svm())),
            ("topics-svm", &topics, common::small_params(svm())),
            ("topics-logreg", &topics, common::small_params(lr())),
            ("stance", &stance, stance_params),
        ];
        let dir = tempfile::tempdir().unwrap();
        specs
            .into_iter()
            .map(|(name, records, params)| {
                let original = Model::fit(name, records, &params).unwrap();
                let path = dir.path().join(format!("{name}.model"));
                artifact::save(&original, &path).unwrap();
                let loaded = artifact::load(&path).unwrap().model;
                assert_eq!(loaded, original, "{name}: loaded model differs");
                Pair {
                    name,
                    original,
                    loaded,
                }
            })
            .collect()
    })
}

// ---------------------------------------------------------------------------
// Checks.

fn check_span(text: &str, span: &std::ops::Range<usize>, prev_end: usize) -> Result<(), String> {
    if !(span.start < span.end && span.end <= text.len()) {
        return Err(format!(
            "span {span:?} is not a non-empty range of {} bytes",
            text.len()
        ));
    }
    if !(text.is_char_boundary(span.start) && text.is_char_boundary(span.end)) {
        return Err(format!("span {span:?} cuts a character"));
    }
    if span.start < prev_end {
        return Err(format!(
            "span {span:?} starts before the previous one ended at {prev_end}"
        ));
    }
    Ok(())
}

/// A token is its source text with apostrophes folded, thousands
/// separators dropped and hyphens kept, joined or (never inside a token)
/// split, lowercased when asked; a word or number starts and ends with a
/// letter or digit.
fn check_token_source(
    token: &str,
    kind: TokenKind,
    source: &str,
    p: &TokenizerParams,
) -> Result<(), String> {
    let mut expected = String::new();
    if kind == TokenKind::Link {
        for c in source.chars() {
            push_char(&mut expected, c, p.lowercase);
        }
    } else {
        let (first, last) = (source.chars().next(), source.chars().next_back());
        if !(first.is_some_and(is_word_char) && last.is_some_and(is_word_char)) {
            return Err(format!(
                "token source {source:?} does not start and end a word"
            ));
        }
        for c in source.chars() {
            if is_word_char(c) {
                push_char(&mut expected, c, p.lowercase);
            } else if is_apostrophe(c) {
                expected.push('\'');
            } else if c == '.' {
                expected.push('.');
            } else if c == ',' {
                // a thousands separator is dropped
            } else if is_hyphen(c) && p.hyphens != Hyphens::Split {
                if p.hyphens == Hyphens::Keep {
                    expected.push('-');
                }
            } else {
                return Err(format!("token source {source:?} holds {c:?}"));
            }
        }
    }
    if token != expected {
        return Err(format!(
            "token {token:?} from {source:?}, expected {expected:?}"
        ));
    }
    Ok(())
}

fn check_row(row: &SparseVec, n_features: usize, norm: Norm) -> Result<(), TestCaseError> {
    prop_assert_eq!(row.indices.len(), row.values.len());
    prop_assert!(
        row.indices.windows(2).all(|w| w[0] < w[1]),
        "indices not strictly increasing: {:?}",
        row.indices
    );
    prop_assert!(row.indices.iter().all(|&i| (i as usize) < n_features));
    prop_assert!(
        row.values.iter().all(|v| v.is_finite() && *v > 0.0),
        "values: {:?}",
        row.values
    );
    if norm == Norm::L2 && !row.is_empty() {
        let n = row.l2_norm();
        prop_assert!((n - 1.0).abs() < 1e-5, "L2 norm {}", n);
    }
    Ok(())
}

fn check_prediction(m: &Model, p: &Prediction) -> Result<(), TestCaseError> {
    prop_assert_eq!(p.scores.len(), m.labels.len());
    prop_assert!(
        p.scores
            .iter()
            .all(|s| s.is_finite() && (0.0..=1.0).contains(s)),
        "scores {:?}",
        p.scores
    );
    prop_assert!(p.labels.windows(2).all(|w| w[0] < w[1]));
    prop_assert!(p.labels.iter().all(|l| l.index() < m.labels.len()));
    if m.kind == TaskKind::SingleLabel {
        prop_assert_eq!(p.labels.len(), 1);
        prop_assert!((p.scores.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// 1. Tokenizer, analyzer and paragraph splitter.

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, .. ProptestConfig::default() })]

    #[test]
    fn tokenizer_never_panics_and_spans_are_valid(
        text in news_text(),
        params in tokenizer_params(),
    ) {
        let tok = Tokenizer::new(params.clone());
        let mut buf = String::new();
        let mut prev_end = 0;
        let mut err = None;
        let mut n = 0;
        tok.for_each(&text, &mut buf, |t, kind, span| {
            n += 1;
            if err.is_some() {
                return;
            }
            let problem = if t.is_empty() {
                Some("empty token".to_string())
            } else if t.contains(char::is_whitespace) {
                Some(format!("token {t:?} contains whitespace"))
            } else if kind == TokenKind::Link && params.links == Links::Drop {
                Some(format!("link {t:?} kept although links are dropped"))
            } else if kind == TokenKind::Number && params.numbers == Numbers::Drop {
                Some(format!("number {t:?} kept although numbers are dropped"))
            } else if kind == TokenKind::Number
                && !t.chars().all(|c| c.is_numeric() || c == '.')
            {
                Some(format!("number token {t:?} has other characters"))
            } else if kind != TokenKind::Link
                && params.hyphens != Hyphens::Keep
                && t.contains('-')
            {
                Some(format!("token {t:?} keeps a hyphen under {:?}", params.hyphens))
            } else if t.chars().count() < params.min_len {
                Some(format!("token {t:?} is shorter than min_len {}", params.min_len))
            } else {
                check_span(&text, &span, prev_end)
                    .and_then(|()| check_token_source(t, kind, &text[span.clone()], &params))
                    .err()
            };
            prev_end = span.end.max(prev_end);
            err = problem.map(|p| format!("{p} (kind {kind:?}, span {span:?})"));
        });
        if let Some(e) = err {
            return Err(TestCaseError::fail(e));
        }
        prop_assert_eq!(tok.tokens(&text).len(), n);
    }

    #[test]
    fn analyzer_never_panics_and_terms_are_words(
        text in news_text(),
        params in analyzer_params(),
    ) {
        let a = Analyzer::new(params);
        let mut buf = String::new();
        let mut prev_end = 0;
        let mut err = None;
        let mut terms = Vec::new();
        a.for_each_term(&text, &mut buf, |t, span| {
            terms.push(t.to_string());
            if err.is_some() {
                return;
            }
            err = if t.is_empty() {
                Some(format!("empty term at {span:?}"))
            } else {
                check_span(&text, &span, prev_end).err()
            };
            prev_end = span.end.max(prev_end);
        });
        if let Some(e) = err {
            return Err(TestCaseError::fail(e));
        }
        prop_assert_eq!(a.terms(&text), terms);
    }

    #[test]
    fn split_paragraphs_never_panics(text in news_text()) {
        let paras = split_paragraphs(&text);
        let n_lines = text.lines().count();
        let mut prev_line = 0;
        for (i, p) in paras.iter().enumerate() {
            prop_assert_eq!(p.index, i + 1);
            prop_assert!(!p.text.is_empty(), "empty paragraph {}", p.index);
            prop_assert!(!p.text.contains('\n'), "paragraph {:?} has a newline", p.text);
            prop_assert_eq!(p.text.trim(), p.text.as_str());
            prop_assert!(
                p.line > prev_line && p.line <= n_lines,
                "paragraph {} starts on line {} (previous {}, {} lines)",
                p.index, p.line, prev_line, n_lines
            );
            prev_line = p.line;
        }
    }
}

// ---------------------------------------------------------------------------
// 2. Transformed rows are unit rows or empty.

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, .. ProptestConfig::default() })]

    #[test]
    fn transformed_rows_are_unit_or_empty(text in news_text()) {
        for p in pipelines() {
            let row = p.transform(&text);
            check_row(&row, p.n_features(), p.params().tfidf.norm)?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    /// On any corpus and settings, fitting either refuses with a data error
    /// or gives a valid pipeline whose training rows are the rows
    /// `transform` gives each document, and which survives serialization.
    #[test]
    fn fitted_rows_equal_transform(
        docs in vec(news_text(), 1..12),
        analyzer in analyzer_params(),
        (min, max) in (1usize..=4).prop_flat_map(|max| (1..=max, Just(max))),
    ) {
        let params = PipelineParams {
            analyzer,
            ngrams: NgramRange::new(min, max).unwrap(),
            min_df: DocFreq::Count(1),
            ..Default::default()
        };
        let (p, rows) = match params.fit_transform(&docs) {
            Ok(fitted) => fitted,
            Err(newsclass::Error::Data(m)) if m.contains("no terms left") => return Ok(()),
            Err(e) => return Err(TestCaseError::fail(format!("fit failed: {e}"))),
        };
        prop_assert_eq!(rows.n_rows(), docs.len());
        for (i, d) in docs.iter().enumerate() {
            let row = p.transform(d);
            check_row(&row, p.n_features(), Norm::L2)?;
            prop_assert_eq!(rows.row(i).indices, row.indices.as_slice(), "doc {}", i);
            prop_assert_eq!(rows.row(i).values, row.values.as_slice(), "doc {}", i);
        }
        let json = serde_json::to_string(&p).unwrap();
        let back: Pipeline = serde_json::from_str(&json)
            .map_err(|e| TestCaseError::fail(format!("fitted pipeline does not reload: {e}")))?;
        prop_assert!(back == p);
    }
}

// ---------------------------------------------------------------------------
// 3. Parallel = serial.

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    #[test]
    fn transform_batch_equals_transform(texts in vec(news_text(), 0..24)) {
        for p in pipelines() {
            let serial: Vec<SparseVec> = texts.iter().map(|t| p.transform(t)).collect();
            let expected = SparseRecords::from_rows(p.n_features(), &serial);
            for threads in [1, 3] {
                let batch = pool(threads).install(|| p.transform_batch(&texts));
                prop_assert_eq!(batch.n_rows(), texts.len());
                prop_assert!(batch == expected, "{} threads: batch differs from serial", threads);
            }
        }
    }

    #[test]
    fn predict_batch_equals_predict(
        docs in vec((news_text(), target()), 0..16),
    ) {
        let docs: Vec<(&str, Option<&str>)> =
            docs.iter().map(|(t, g)| (t.as_str(), g.as_deref())).collect();
        for pair in models() {
            for m in [&pair.original, &pair.loaded] {
                let serial: Vec<Prediction> =
                    docs.iter().map(|(t, g)| m.predict(t, *g)).collect();
                for threads in [1, 3] {
                    let batch = pool(threads).install(|| m.predict_batch(&docs));
                    prop_assert!(
                        batch == serial,
                        "{}: {} threads: batch differs from serial",
                        pair.name,
                        threads
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 4. Save -> load -> identical scores.

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn loaded_models_score_identically(text in news_text(), target in target()) {
        for pair in models() {
            let a = pair.original.predict(&text, target.as_deref());
            let b = pair.loaded.predict(&text, target.as_deref());
            check_prediction(&pair.original, &a)?;
            prop_assert!(a == b, "{}: {:?} != {:?}", pair.name, a, b);
        }
    }
}

// ---------------------------------------------------------------------------
// 5. Training is byte-identical across runs and thread counts.

prop_compose! {
    /// A labeled corpus: each class has its own words, documents mix them
    /// with shared words and a few words of other classes. Each document
    /// is `(text, class, second class for multi-label)`.
    fn labeled_docs()(n_classes in 2usize..=3)(
        vocab in vec(vec("[a-z]{3,9}", 3..8), n_classes),
        shared in vec("[a-z]{2,7}", 2..6),
        per_class in vec(
            vec((vec((0u8..5, any::<Index>()), 2..12), any::<bool>()), 3..16),
            n_classes,
        ),
    ) -> Vec<(String, usize, Option<usize>)> {
        let mut out = Vec::new();
        for (c, docs) in per_class.into_iter().enumerate() {
            for (words, second) in docs {
                let text: Vec<&str> = words
                    .iter()
                    .map(|(kind, ix)| match kind {
                        0..=2 => ix.get(&vocab[c]).as_str(),
                        3 => ix.get(&shared).as_str(),
                        _ => ix.get(&vocab[(c + 1) % vocab.len()]).as_str(),
                    })
                    .collect();
                let second = second.then_some((c + 1) % vocab.len());
                out.push((format!("{}.", text.join(" ")), c, second));
            }
        }
        out
    }
}

fn records(docs: &[(String, usize, Option<usize>)], multi: bool) -> Vec<Record> {
    let src: Arc<Path> = Arc::from(Path::new("generated.jsonl"));
    docs.iter()
        .enumerate()
        .map(|(i, (text, c, second))| Record {
            id: None,
            text: text.clone(),
            labels: Some(if multi {
                Labels::Multi(
                    std::iter::once(*c)
                        .chain(*second)
                        .map(|l| format!("c{l}"))
                        .collect(),
                )
            } else {
                Labels::Single(format!("c{c}"))
            }),
            target: None,
            line: i as u64 + 1,
            source: src.clone(),
        })
        .collect()
}

/// Trains twice in a 3-thread pool and once in a 1-thread pool and
/// checks the model files are the same bytes.
fn same_bytes(records: &[Record], params: &TrainParams) -> Result<(), TestCaseError> {
    let fit = |threads| {
        pool(threads).install(|| {
            Model::fit("generated", records, params)
                .map(|m| artifact::to_bytes(&m).unwrap())
                .map_err(|e| TestCaseError::fail(format!("fit failed: {e}")))
        })
    };
    let one = fit(1)?;
    let three = fit(3)?;
    let again = fit(3)?;
    prop_assert!(one == three, "1 and 3 threads give different model files");
    prop_assert!(three == again, "two runs give different model files");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, .. ProptestConfig::default() })]

    #[test]
    fn training_is_byte_identical(
        docs in labeled_docs().prop_shuffle(),
        seed in any::<u64>(),
        classifier in 0usize..4,
        multi in any::<bool>(),
        auto in any::<bool>(),
        min_df in 1u64..=2,
    ) {
        let classifier = match (classifier, multi) {
            (0, false) => ClassifierParams::NaiveBayes(NaiveBayesParams::new(NbKind::Multinomial)),
            (1, false) => ClassifierParams::NaiveBayes(NaiveBayesParams::new(NbKind::Complement)),
            (0 | 2, _) => ClassifierParams::LogisticRegression(LogisticRegressionParams::default()),
            _ => ClassifierParams::LinearSvm(LinearSvmParams::default()),
        };
        let mut params = common::small_params(classifier);
        params.fit.seed = seed;
        params.pipeline.min_df = DocFreq::Count(min_df);
        if auto {
            params.fit.auto_grid = Some(params.fit.classifier.default_grid()[..2].to_vec());
        }
        same_bytes(&records(&docs, multi), &params)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    #[test]
    fn stance_training_is_byte_identical(
        records in Just(common::stance_records()).prop_shuffle(),
        seed in any::<u64>(),
        svm in any::<bool>(),
    ) {
        let classifier = if svm {
            ClassifierParams::LinearSvm(LinearSvmParams::default())
        } else {
            ClassifierParams::LogisticRegression(LogisticRegressionParams::default())
        };
        let mut params = common::small_params(classifier);
        params.fit.seed = seed;
        params.target_field = Some("target".into());
        same_bytes(&records, &params)?;
    }
}
