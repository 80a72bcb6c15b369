//! Text analysis: normalize -> tokenize -> stop words -> stem.
//!
//! An [`Analyzer`] turns raw text into the stream of terms that n-grams
//! are built from. Every stage is plain data ([`AnalyzerParams`]) so the
//! analyzer is saved inside a model and rebuilt identically on load.

pub mod ngrams;
pub mod normalize;
pub mod shortkey;
pub mod stem;
pub mod stopwords;
pub mod tokenize;

use std::ops::Range;

use serde::{Deserialize, Serialize};

pub use ngrams::NgramRange;
pub use stem::{CachedStemmer, Language};
pub use stopwords::StopWords;
pub use tokenize::{Hyphens, Links, Numbers, TokenKind, Tokenizer, TokenizerParams};

/// What the analyzer does, stage by stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyzerParams {
    /// Normalization and tokenization.
    pub tokenizer: TokenizerParams,
    /// Snowball stemmer language, or `None` for no stemming.
    /// Default: `Some(Language::English)`.
    pub stemmer: Option<Language>,
    /// Stop words, removed after stemming (the list is stemmed too).
    /// Default: [`StopWords::English`].
    pub stop_words: StopWords,
}

impl Default for AnalyzerParams {
    fn default() -> Self {
        AnalyzerParams {
            tokenizer: TokenizerParams::default(),
            stemmer: Some(Language::English),
            stop_words: StopWords::English,
        }
    }
}

/// A ready analyzer: tokenizer, stemmer and the stemmed stop-word set.
#[derive(Debug, Clone)]
pub struct Analyzer {
    params: AnalyzerParams,
    tokenizer: Tokenizer,
    stemmer: Option<CachedStemmer>,
    stop: shortkey::WordMap<()>,
}

impl Analyzer {
    /// Builds the analyzer. Stop words pass through the same tokenizer and
    /// stemmer as the text, so a stop word matches every form the stemmer
    /// maps onto it (scikit-learn warns when the two disagree).
    pub fn new(params: AnalyzerParams) -> Self {
        let tokenizer = Tokenizer::new(TokenizerParams {
            ..params.tokenizer.clone()
        });
        let stemmer = params.stemmer.map(CachedStemmer::new);
        let mut stop = shortkey::WordMap::default();
        let mut buf = String::new();
        for word in params.stop_words.words() {
            tokenizer.for_each(word, &mut buf, |tok, _, _| {
                let stemmed = match &stemmer {
                    Some(s) => s.stem_uncached(tok).into_owned(),
                    None => tok.to_string(),
                };
                stop.insert(&stemmed, ());
            });
        }
        Analyzer {
            params,
            tokenizer,
            stemmer,
            stop,
        }
    }

    /// The settings this analyzer was built from.
    pub fn params(&self) -> &AnalyzerParams {
        &self.params
    }

    /// Calls `f(term, span)` for each term of `text` in order, where `span`
    /// is the byte range of the word it came from. `buf` is scratch space.
    #[inline]
    pub fn for_each_term(
        &self,
        text: &str,
        buf: &mut String,
        mut f: impl FnMut(&str, Range<usize>),
    ) {
        self.for_each_term_word(text, buf, |term, _, span| f(term, span));
    }

    /// Like [`Analyzer::for_each_term`], also passing the normalized word
    /// the term was stemmed from (`negotiations` for `negoti`).
    #[inline]
    pub fn for_each_term_word(
        &self,
        text: &str,
        buf: &mut String,
        mut f: impl FnMut(&str, &str, Range<usize>),
    ) {
        self.tokenizer.for_each(text, buf, |tok, kind, span| {
            if kind != TokenKind::Word {
                f(tok, tok, span);
                return;
            }
            match &self.stemmer {
                Some(stemmer) => stemmer.with_stem(tok, |stem| {
                    if !self.stop.contains_key(stem) {
                        f(stem, tok, span)
                    }
                }),
                None => {
                    if !self.stop.contains_key(tok) {
                        f(tok, tok, span)
                    }
                }
            }
        });
    }

    /// The tokenizer.
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Calls `f` with the term of one token, or does nothing when it is a
    /// stop word: the per-token half of [`Analyzer::for_each_term`].
    #[inline]
    pub fn with_term<R>(&self, tok: &str, kind: TokenKind, f: impl FnOnce(Option<&str>) -> R) -> R {
        if kind != TokenKind::Word {
            return f(Some(tok));
        }
        match &self.stemmer {
            Some(stemmer) => stemmer.with_stem(tok, |stem| {
                f((!self.stop.contains_key(stem)).then_some(stem))
            }),
            None => f((!self.stop.contains_key(tok)).then_some(tok)),
        }
    }

    /// The terms of `text` as owned strings (for inspection and tests).
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut buf = String::new();
        self.for_each_term(text, &mut buf, |t, _| out.push(t.to_string()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_analyzer_stems_and_drops_stop_words() {
        let a = Analyzer::new(AnalyzerParams::default());
        assert_eq!(
            a.terms("The negotiations in Geneva were resumed on Monday."),
            ["negoti", "geneva", "resum", "monday"]
        );
        assert_eq!(a.terms("Trump’s envoys"), a.terms("Trump's envoys"));
        assert_eq!(a.terms("Trump’s envoys"), ["trump", "envoy"]);
    }

    #[test]
    fn stop_words_match_after_stemming() {
        // "having" stems to "have", which is on the list.
        let a = Analyzer::new(AnalyzerParams::default());
        assert!(a.terms("having").is_empty());
        let none = Analyzer::new(AnalyzerParams {
            stop_words: StopWords::None,
            stemmer: None,
            ..Default::default()
        });
        assert_eq!(none.terms("The talks"), ["the", "talks"]);
        let custom = Analyzer::new(AnalyzerParams {
            stop_words: StopWords::Custom(vec!["Talks".into()]),
            ..Default::default()
        });
        assert_eq!(custom.terms("the talk talks talked"), ["the"]);
    }
}
