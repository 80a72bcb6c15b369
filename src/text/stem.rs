//! Snowball stemming (rust-stemmers) with a per-thread cache.

use std::cell::RefCell;
use std::fmt;
use std::str::FromStr;

use super::shortkey::WordMap;
use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};

/// A Snowball stemmer language: every algorithm rust-stemmers provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[allow(missing_docs)]
pub enum Language {
    Arabic,
    Danish,
    Dutch,
    English,
    Finnish,
    French,
    German,
    Greek,
    Hungarian,
    Italian,
    Norwegian,
    Portuguese,
    Romanian,
    Russian,
    Spanish,
    Swedish,
    Tamil,
    Turkish,
}

impl Language {
    /// All languages, in name order.
    pub const ALL: [Language; 18] = [
        Language::Arabic,
        Language::Danish,
        Language::Dutch,
        Language::English,
        Language::Finnish,
        Language::French,
        Language::German,
        Language::Greek,
        Language::Hungarian,
        Language::Italian,
        Language::Norwegian,
        Language::Portuguese,
        Language::Romanian,
        Language::Russian,
        Language::Spanish,
        Language::Swedish,
        Language::Tamil,
        Language::Turkish,
    ];

    /// Lowercase name, as accepted by `--language`.
    pub fn name(self) -> &'static str {
        match self {
            Language::Arabic => "arabic",
            Language::Danish => "danish",
            Language::Dutch => "dutch",
            Language::English => "english",
            Language::Finnish => "finnish",
            Language::French => "french",
            Language::German => "german",
            Language::Greek => "greek",
            Language::Hungarian => "hungarian",
            Language::Italian => "italian",
            Language::Norwegian => "norwegian",
            Language::Portuguese => "portuguese",
            Language::Romanian => "romanian",
            Language::Russian => "russian",
            Language::Spanish => "spanish",
            Language::Swedish => "swedish",
            Language::Tamil => "tamil",
            Language::Turkish => "turkish",
        }
    }

    fn algorithm(self) -> Algorithm {
        match self {
            Language::Arabic => Algorithm::Arabic,
            Language::Danish => Algorithm::Danish,
            Language::Dutch => Algorithm::Dutch,
            Language::English => Algorithm::English,
            Language::Finnish => Algorithm::Finnish,
            Language::French => Algorithm::French,
            Language::German => Algorithm::German,
            Language::Greek => Algorithm::Greek,
            Language::Hungarian => Algorithm::Hungarian,
            Language::Italian => Algorithm::Italian,
            Language::Norwegian => Algorithm::Norwegian,
            Language::Portuguese => Algorithm::Portuguese,
            Language::Romanian => Algorithm::Romanian,
            Language::Russian => Algorithm::Russian,
            Language::Spanish => Algorithm::Spanish,
            Language::Swedish => Algorithm::Swedish,
            Language::Tamil => Algorithm::Tamil,
            Language::Turkish => Algorithm::Turkish,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Language {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.to_ascii_lowercase();
        Language::ALL
            .into_iter()
            .find(|l| l.name() == lower)
            .ok_or_else(|| {
                let names: Vec<_> = Language::ALL.iter().map(|l| l.name()).collect();
                format!("unknown language '{s}' (one of: {})", names.join(", "))
            })
    }
}

/// Entries a thread's cache may hold before it is cleared; bounds memory on
/// endless streams (a news vocabulary rarely exceeds it).
const CACHE_LIMIT: usize = 1 << 18;

thread_local! {
    /// One cache per language: word -> stem. Running text repeats words
    /// constantly, and a hash lookup costs a fraction of the Snowball
    /// automaton, so this roughly doubles tokenize+stem throughput.
    static CACHE: RefCell<Vec<WordMap<Box<str>>>> =
        RefCell::new(vec![WordMap::default(); Language::ALL.len()]);
}

/// A Snowball stemmer for one language, caching stems per thread.
pub struct CachedStemmer {
    language: Language,
    stemmer: Stemmer,
}

impl fmt::Debug for CachedStemmer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CachedStemmer")
            .field("language", &self.language)
            .finish()
    }
}

impl Clone for CachedStemmer {
    fn clone(&self) -> Self {
        CachedStemmer::new(self.language)
    }
}

impl CachedStemmer {
    /// A stemmer for `language`.
    pub fn new(language: Language) -> Self {
        CachedStemmer {
            language,
            stemmer: Stemmer::create(language.algorithm()),
        }
    }

    /// The language.
    pub fn language(&self) -> Language {
        self.language
    }

    /// Stems a lowercase `word` without the cache.
    pub fn stem_uncached<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str> {
        self.stemmer.stem(word)
    }

    /// Calls `f` with the stem of the lowercase `word`, from this thread's
    /// cache when the word was seen before.
    #[inline]
    pub fn with_stem<R>(&self, word: &str, f: impl FnOnce(&str) -> R) -> R {
        CACHE.with(|cache| {
            let mut caches = cache.borrow_mut();
            let map = &mut caches[self.language as usize];
            if let Some(stem) = map.get(word) {
                return f(stem);
            }
            if map.len() >= CACHE_LIMIT {
                map.clear();
            }
            let stem: Box<str> = self.stemmer.stem(word).into();
            let r = f(&stem);
            map.insert(word, stem);
            r
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_stem_list() {
        let s = CachedStemmer::new(Language::English);
        let cases = [
            ("negotiations", "negoti"),
            ("negotiated", "negoti"),
            ("elections", "elect"),
            ("sanctions", "sanction"),
            ("ceasefire", "ceasefir"),
            ("running", "run"),
            ("trump's", "trump"),
            ("ukraine", "ukrain"),
            ("generously", "generous"),
        ];
        for (word, stem) in cases {
            assert_eq!(s.with_stem(word, str::to_string), stem, "{word}");
            // second call comes from the cache and agrees
            assert_eq!(s.with_stem(word, str::to_string), stem, "{word} cached");
        }
    }

    #[test]
    fn languages_parse_by_name() {
        assert_eq!("English".parse::<Language>().unwrap(), Language::English);
        assert_eq!("russian".parse::<Language>().unwrap(), Language::Russian);
        assert!("klingon"
            .parse::<Language>()
            .unwrap_err()
            .contains("english"));
        for l in Language::ALL {
            assert_eq!(l.name().parse::<Language>().unwrap(), l);
            let _ = CachedStemmer::new(l).stem_uncached("test");
        }
        let ru = CachedStemmer::new(Language::Russian);
        assert_eq!(ru.with_stem("переговоры", str::to_string), "переговор");
    }
}
