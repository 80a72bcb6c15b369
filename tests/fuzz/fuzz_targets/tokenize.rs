//! Normalizer + tokenizer + analyzer on arbitrary text.
//!
//! Never panics, and for every tokenizer setting below:
//! * every token is non-empty;
//! * every span is a non-empty, char-boundary range of the input
//!   (`text.get(span)` is `Some`), and spans come in order without overlap;
//! * word and number tokens have at least `min_len` characters;
//! * with `Numbers::Drop` no number token comes out;
//! * the analyzer's terms are non-empty and its spans valid too.
#![no_main]

use std::ops::Range;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsclass::text::{
    Analyzer, AnalyzerParams, Hyphens, Links, Numbers, StopWords, TokenKind, Tokenizer,
    TokenizerParams,
};

fn variants() -> &'static [Tokenizer] {
    static V: OnceLock<Vec<Tokenizer>> = OnceLock::new();
    V.get_or_init(|| {
        let d = TokenizerParams::default;
        [
            d(),
            TokenizerParams {
                hyphens: Hyphens::Join,
                ..d()
            },
            TokenizerParams {
                hyphens: Hyphens::Keep,
                links: Links::Keep,
                ..d()
            },
            TokenizerParams {
                numbers: Numbers::Drop,
                min_len: 1,
                ..d()
            },
            TokenizerParams {
                links: Links::Keep,
                min_len: 1,
                ..d()
            },
            TokenizerParams {
                lowercase: false,
                hyphens: Hyphens::Keep,
                numbers: Numbers::Drop,
                links: Links::Keep,
                min_len: 0,
            },
        ]
        .into_iter()
        .map(Tokenizer::new)
        .collect()
    })
}

fn analyzers() -> &'static [Analyzer] {
    static A: OnceLock<Vec<Analyzer>> = OnceLock::new();
    A.get_or_init(|| {
        vec![
            Analyzer::new(AnalyzerParams::default()),
            Analyzer::new(AnalyzerParams {
                stemmer: None,
                stop_words: StopWords::None,
                tokenizer: TokenizerParams {
                    hyphens: Hyphens::Keep,
                    links: Links::Keep,
                    min_len: 1,
                    ..Default::default()
                },
            }),
        ]
    })
}

fn check_span(text: &str, span: &Range<usize>, prev_end: &mut usize, what: &str) {
    assert!(
        span.start < span.end,
        "{what}: empty or reversed span {span:?} in {text:?}"
    );
    assert!(
        text.get(span.clone()).is_some(),
        "{what}: span {span:?} is not a char-boundary range of {text:?}"
    );
    assert!(
        span.start >= *prev_end,
        "{what}: span {span:?} overlaps or precedes the previous one (ended at {prev_end}) in {text:?}"
    );
    *prev_end = span.end;
}

fn check(text: &str) {
    let mut buf = String::new();
    for t in variants() {
        let p = t.params().clone();
        let mut prev_end = 0;
        t.for_each(text, &mut buf, |tok, kind, span| {
            assert!(
                !tok.is_empty(),
                "empty token at {span:?} ({p:?}) in {text:?}"
            );
            check_span(text, &span, &mut prev_end, "tokenizer");
            if kind != TokenKind::Link {
                assert!(
                    tok.chars().count() >= p.min_len,
                    "token {tok:?} shorter than min_len {} in {text:?}",
                    p.min_len
                );
            }
            if p.numbers == Numbers::Drop {
                assert_ne!(
                    kind,
                    TokenKind::Number,
                    "number {tok:?} kept with Numbers::Drop"
                );
            }
        });
    }
    for a in analyzers() {
        let mut prev_start = 0;
        a.for_each_term(text, &mut buf, |term, span| {
            assert!(!term.is_empty(), "empty term at {span:?} in {text:?}");
            assert!(
                text.get(span.clone()).is_some(),
                "analyzer: span {span:?} is not a char-boundary range of {text:?}"
            );
            assert!(span.start >= prev_start, "analyzer spans out of order");
            prev_start = span.start;
        });
    }
    for term in analyzers()[0].terms(text) {
        assert!(!term.is_empty(), "empty term in {text:?}");
    }
}

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(text) => check(text),
        Err(_) => check(&String::from_utf8_lossy(data)),
    }
});
