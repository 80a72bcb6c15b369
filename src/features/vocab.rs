//! The vocabulary: terms (n-grams of stems) <-> feature ids, with the
//! document frequencies counted at fit time.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::text::ngrams::{pack, MAX_N};

/// A feature id: the index of a term in the sorted vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TermId(pub u32);

/// A document-frequency bound: an absolute count or a ratio of documents.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum DocFreq {
    /// At least / at most this many documents.
    Count(u64),
    /// At least / at most this share of documents, in [0, 1].
    Ratio(f64),
}

impl DocFreq {
    /// The bound as a document count for a corpus of `n_docs`.
    pub fn resolve(self, n_docs: usize) -> f64 {
        match self {
            DocFreq::Count(c) => c as f64,
            DocFreq::Ratio(r) => r * n_docs as f64,
        }
    }
}

impl std::fmt::Display for DocFreq {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocFreq::Count(c) => write!(f, "{c}"),
            DocFreq::Ratio(r) => write!(f, "{r:?}"),
        }
    }
}

impl std::str::FromStr for DocFreq {
    type Err = String;

    /// `5` is a count, `0.9` (anything with a `.`) a ratio.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.contains('.') {
            let r: f64 = s.parse().map_err(|_| format!("'{s}' is not a number"))?;
            if !(0.0..=1.0).contains(&r) {
                return Err(format!("ratio {s} is outside [0, 1]"));
            }
            Ok(DocFreq::Ratio(r))
        } else {
            s.parse()
                .map(DocFreq::Count)
                .map_err(|_| format!("'{s}' is not a document count or a ratio like 0.9"))
        }
    }
}

/// Sorted terms and their document frequencies.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Vocabulary {
    /// Terms in byte order (tokens joined by a space); a term's position is its [`TermId`].
    pub terms: Vec<String>,
    /// Training documents containing each term.
    pub df: Vec<u32>,
}

impl Vocabulary {
    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there are no terms.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The term with id `id`.
    pub fn term(&self, id: TermId) -> &str {
        &self.terms[id.0 as usize]
    }

    /// The id of `term`, by binary search.
    pub fn get(&self, term: &str) -> Option<TermId> {
        self.terms
            .binary_search_by(|t| t.as_str().cmp(term))
            .ok()
            .map(|i| TermId(i as u32))
    }

    /// Checks the invariants a loaded file must meet.
    pub fn validate(&self, max_n: usize) -> Result<(), String> {
        if self.df.len() != self.terms.len() {
            return Err(format!(
                "{} terms but {} document frequencies",
                self.terms.len(),
                self.df.len()
            ));
        }
        if self.terms.len() >= u32::MAX as usize {
            return Err("too many terms".into());
        }
        for w in self.terms.windows(2) {
            if w[0] >= w[1] {
                return Err(format!("vocabulary not strictly sorted at '{}'", w[1]));
            }
        }
        if let Some(t) = self.terms.iter().find(|t| {
            t.is_empty()
                || t.split(' ').count() > max_n.min(MAX_N)
                || t.split(' ').any(str::is_empty)
        }) {
            return Err(format!("malformed term '{t}'"));
        }
        Ok(())
    }
}

/// Token id for a token that is in no term: n-grams touching it are skipped.
pub const UNKNOWN: u32 = u32::MAX;

/// Hash lookups from analyzed tokens to feature ids, rebuilt from the
/// vocabulary (never saved): token string -> token id, and packed n-gram
/// of token ids -> [`TermId`]. Looking up an n-gram costs one hash of a
/// `u128`, with no string built per n-gram.
#[derive(Debug, Clone, Default)]
pub struct TermIndex {
    tokens: FxHashMap<Box<str>, u32>,
    keys: FxHashMap<u128, u32>,
}

impl TermIndex {
    /// Builds the index for `vocab`. Token ids follow first appearance in
    /// the sorted terms, so they are deterministic too.
    pub fn new(vocab: &Vocabulary) -> Self {
        let mut tokens: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut keys = FxHashMap::default();
        keys.reserve(vocab.len());
        let mut ids = [0u32; MAX_N];
        for (term_id, term) in vocab.terms.iter().enumerate() {
            let mut n = 0;
            for tok in term.split(' ').take(MAX_N) {
                let next = tokens.len() as u32;
                ids[n] = *tokens.entry(tok.into()).or_insert(next);
                n += 1;
            }
            keys.insert(pack(&ids[..n]), term_id as u32);
        }
        TermIndex { tokens, keys }
    }

    /// The token id of an analyzed token, or [`UNKNOWN`].
    #[inline]
    pub fn token(&self, token: &str) -> u32 {
        self.tokens.get(token).copied().unwrap_or(UNKNOWN)
    }

    /// The feature id of the n-gram `ids`, if it is in the vocabulary.
    #[inline]
    pub fn term(&self, ids: &[u32]) -> Option<u32> {
        if ids.contains(&UNKNOWN) {
            return None;
        }
        self.keys.get(&pack(ids)).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_finds_ngrams() {
        let v = Vocabulary {
            terms: vec!["peac".into(), "peac talk".into(), "talk".into()],
            df: vec![2, 1, 2],
        };
        v.validate(2).unwrap();
        let ix = TermIndex::new(&v);
        let (p, t) = (ix.token("peac"), ix.token("talk"));
        assert_eq!(ix.term(&[p]), Some(0));
        assert_eq!(ix.term(&[p, t]), Some(1));
        assert_eq!(ix.term(&[t, p]), None);
        assert_eq!(ix.term(&[ix.token("war")]), None);
        assert_eq!(v.get("talk"), Some(TermId(2)));
    }

    #[test]
    fn validate_rejects_unsorted() {
        let v = Vocabulary {
            terms: vec!["b".into(), "a".into()],
            df: vec![1, 1],
        };
        assert!(v.validate(1).is_err());
        let v = Vocabulary {
            terms: vec!["a b c".into()],
            df: vec![1],
        };
        assert!(v.validate(2).is_err());
    }

    #[test]
    fn doc_freq_parses() {
        assert_eq!("5".parse::<DocFreq>().unwrap(), DocFreq::Count(5));
        assert_eq!("0.9".parse::<DocFreq>().unwrap(), DocFreq::Ratio(0.9));
        assert_eq!("1.0".parse::<DocFreq>().unwrap(), DocFreq::Ratio(1.0));
        assert!("1.5".parse::<DocFreq>().is_err());
        assert!("x".parse::<DocFreq>().is_err());
        assert_eq!(DocFreq::Ratio(0.5).resolve(10), 5.0);
    }
}
