//! Tokenize + stem throughput, in MB/s of input text.
//!
//! Input: every paragraph of the committed corpus (`data/corpus/*.jsonl`,
//! 1,560 paragraphs) and the eight example articles (`data/articles/*.txt`,
//! whole files, so their links and footers go through the tokenizer too),
//! each analyzed on its own as the pipeline does. Four variants, so the gap
//! between two rows is the cost of one stage:
//!
//! - `tokenize`: the bare [`Tokenizer`] (lowercase, fold quotes, split);
//! - `no_stem`: the analyzer without a stemmer (tokenize + stop words);
//! - `stem_uncached`: the tokenizer, then Snowball on every word with no
//!   cache (no stop words);
//! - `stem`: the default analyzer (tokenize + cached Snowball + stop
//!   words), the first stage of every fit and transform. The per-thread stem
//!   cache is warm after the first pass, as in a long run; `stem_uncached`
//!   versus `stem` is the cache's effect.
//!
//! Each pass asserts the number of terms it produced (and their total
//! length), so a broken tokenizer or stemmer fails instead of looking fast.
//!
//! Run: `cargo bench --bench analyze`.

mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use newsclass::text::{
    Analyzer, AnalyzerParams, CachedStemmer, Language, TokenKind, Tokenizer, TokenizerParams,
};

const ARTICLES: [&str; 8] = [
    include_str!("../data/articles/01-front-line-kostiantynivka-eu.txt"),
    include_str!("../data/articles/02-us-russia-envoys-geneva.txt"),
    include_str!("../data/articles/03-gaza-truce-hostage-talks-cairo.txt"),
    include_str!("../data/articles/04-sweden-election-night-defence.txt"),
    include_str!("../data/articles/05-michigan-swing-district-house-race.txt"),
    include_str!("../data/articles/06-markets-chipmaker-wheat-oil.txt"),
    include_str!("../data/articles/07-hormuz-tanker-seizure-washington-moscow.txt"),
    include_str!("../data/articles/08-altmuehlen-cup-semi-final-feature.txt"),
];

/// (tokens, their total bytes) from the bare tokenizer; also the count of
/// `stem_uncached`, which stems every token and drops none.
const TOKENS: (usize, usize) = (113_784, 589_177);
/// (terms, their total bytes) from the analyzer without a stemmer.
const NO_STEM_TERMS: (usize, usize) = (73_831, 468_629);
/// (stems, their total bytes) from Snowball on every token, no stop words.
const STEMS: (usize, usize) = (113_784, 519_300);
/// (terms, their total bytes) from the default analyzer.
const TERMS: (usize, usize) = (73_577, 399_278);

/// The texts: every corpus paragraph, then every article.
fn texts() -> Vec<String> {
    let mut out = common::texts();
    out.extend(ARTICLES.iter().map(|a| a.to_string()));
    out
}

fn tokenize(tokenizer: &Tokenizer, texts: &[String]) -> (usize, usize) {
    let (mut n, mut bytes) = (0, 0);
    let mut buf = String::new();
    for text in texts {
        tokenizer.for_each(text, &mut buf, |tok, _, _| {
            n += 1;
            bytes += black_box(tok).len();
        });
    }
    (n, bytes)
}

fn stem_uncached(
    tokenizer: &Tokenizer,
    stemmer: &CachedStemmer,
    texts: &[String],
) -> (usize, usize) {
    let (mut n, mut bytes) = (0, 0);
    let mut buf = String::new();
    for text in texts {
        tokenizer.for_each(text, &mut buf, |tok, kind, _| {
            n += 1;
            bytes += if kind == TokenKind::Word {
                black_box(stemmer.stem_uncached(tok)).len()
            } else {
                black_box(tok).len()
            };
        });
    }
    (n, bytes)
}

fn analyze(analyzer: &Analyzer, texts: &[String]) -> (usize, usize) {
    let (mut n, mut bytes) = (0, 0);
    let mut buf = String::new();
    for text in texts {
        analyzer.for_each_term(text, &mut buf, |term, _| {
            n += 1;
            bytes += black_box(term).len();
        });
    }
    (n, bytes)
}

fn bench_analyze(c: &mut Criterion) {
    let texts = texts();
    let total_bytes: usize = texts.iter().map(String::len).sum();

    let tokenizer = Tokenizer::new(TokenizerParams::default());
    let stemmer = CachedStemmer::new(Language::English);
    let no_stem = Analyzer::new(AnalyzerParams {
        stemmer: None,
        ..Default::default()
    });
    let stem = Analyzer::new(AnalyzerParams::default());

    // Check before timing, and print the counts for when the analyzer changes
    // on purpose and the constants above must follow.
    let counts = [
        ("tokenize", tokenize(&tokenizer, &texts), TOKENS),
        ("no_stem", analyze(&no_stem, &texts), NO_STEM_TERMS),
        (
            "stem_uncached",
            stem_uncached(&tokenizer, &stemmer, &texts),
            STEMS,
        ),
        ("stem", analyze(&stem, &texts), TERMS),
    ];
    for (name, got, _) in counts {
        eprintln!("analyze/{name}: {got:?} (terms, bytes) over {total_bytes} bytes");
    }
    for (name, got, want) in counts {
        assert_eq!(got, want, "analyze/{name}: (terms, bytes) changed");
    }

    let mut g = c.benchmark_group("analyze");
    g.throughput(Throughput::BytesDecimal(total_bytes as u64));
    g.bench_function("tokenize", |b| {
        b.iter(|| assert_eq!(tokenize(&tokenizer, &texts), TOKENS))
    });
    g.bench_function("no_stem", |b| {
        b.iter(|| assert_eq!(analyze(&no_stem, &texts), NO_STEM_TERMS))
    });
    g.bench_function("stem_uncached", |b| {
        b.iter(|| assert_eq!(stem_uncached(&tokenizer, &stemmer, &texts), STEMS))
    });
    g.bench_function("stem", |b| {
        b.iter(|| assert_eq!(analyze(&stem, &texts), TERMS))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::config();
    targets = bench_analyze
}
criterion_main!(benches);
