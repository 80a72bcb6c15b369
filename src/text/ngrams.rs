//! Word n-grams over the analyzed token stream.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The longest n-gram supported: four token ids pack into one `u128` key.
pub const MAX_N: usize = 4;

/// An inclusive range of n-gram lengths, e.g. `1..=2` for unigrams and bigrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct NgramRange {
    /// Shortest n-gram.
    pub min: usize,
    /// Longest n-gram.
    pub max: usize,
}

impl Default for NgramRange {
    /// Unigrams and bigrams.
    fn default() -> Self {
        NgramRange { min: 1, max: 2 }
    }
}

impl NgramRange {
    /// A checked range: `1 <= min <= max <= MAX_N`.
    pub fn new(min: usize, max: usize) -> Result<Self> {
        if min == 0 || min > max || max > MAX_N {
            return Err(Error::param(
                "ngram-range",
                format!("{min}..{max}: need 1 <= min <= max <= {MAX_N}"),
            ));
        }
        Ok(NgramRange { min, max })
    }

    /// Calls `f(start, len)` for every n-gram window over `n_tokens` tokens:
    /// all unigrams first, then bigrams, and so on (scikit-learn's order).
    #[inline]
    pub fn for_each_window(&self, n_tokens: usize, mut f: impl FnMut(usize, usize)) {
        for n in self.min..=self.max.min(n_tokens) {
            for start in 0..=n_tokens - n {
                f(start, n);
            }
        }
    }

    /// The n-grams of `tokens` as strings joined by single spaces.
    pub fn ngrams(&self, tokens: &[&str]) -> Vec<String> {
        let mut out = Vec::new();
        self.for_each_window(tokens.len(), |s, n| out.push(tokens[s..s + n].join(" ")));
        out
    }
}

impl std::str::FromStr for NgramRange {
    type Err = Error;

    /// Parses `1..2`, `1-2`, `1,2` or a single `1`.
    fn from_str(s: &str) -> Result<Self> {
        let bad = || {
            Error::param(
                "ngram-range",
                format!("'{s}': expected MIN..MAX, e.g. 1..2"),
            )
        };
        let parts: Vec<&str> = s.split(['.', '-', ',']).filter(|p| !p.is_empty()).collect();
        let nums: Vec<usize> = parts
            .iter()
            .map(|p| p.trim().parse::<usize>().map_err(|_| bad()))
            .collect::<Result<_>>()?;
        match nums.as_slice() {
            [n] => NgramRange::new(*n, *n),
            [a, b] => NgramRange::new(*a, *b),
            _ => Err(bad()),
        }
    }
}

/// Packs up to [`MAX_N`] token ids into one hash key. Each id is stored
/// plus one, so a shorter n-gram never equals a longer one.
#[inline]
pub fn pack(ids: &[u32]) -> u128 {
    debug_assert!(ids.len() <= MAX_N);
    let mut key = 0u128;
    for &id in ids {
        key = (key << 32) | (id as u128 + 1);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_of_four_tokens() {
        let r = NgramRange::new(1, 2).unwrap();
        let got = r.ngrams(&["peace", "talk", "resum", "monday"]);
        assert_eq!(
            got,
            [
                "peace",
                "talk",
                "resum",
                "monday",
                "peace talk",
                "talk resum",
                "resum monday"
            ]
        );
        let only2 = NgramRange::new(2, 2).unwrap();
        assert_eq!(only2.ngrams(&["a", "b", "c", "d"]), ["a b", "b c", "c d"]);
        assert!(r.ngrams(&[]).is_empty());
        assert_eq!(
            NgramRange::new(1, 3).unwrap().ngrams(&["x", "y"]),
            ["x", "y", "x y"]
        );
    }

    #[test]
    fn parse_ranges() {
        assert_eq!(
            "1..2".parse::<NgramRange>().unwrap(),
            NgramRange { min: 1, max: 2 }
        );
        assert_eq!(
            "2".parse::<NgramRange>().unwrap(),
            NgramRange { min: 2, max: 2 }
        );
        assert_eq!(
            "1-3".parse::<NgramRange>().unwrap(),
            NgramRange { min: 1, max: 3 }
        );
        assert!("0..2".parse::<NgramRange>().is_err());
        assert!("3..1".parse::<NgramRange>().is_err());
        assert!("1..9".parse::<NgramRange>().is_err());
        assert!("x".parse::<NgramRange>().is_err());
    }

    #[test]
    fn keys_are_distinct_by_length() {
        assert_ne!(pack(&[0]), pack(&[0, 0]));
        assert_ne!(pack(&[1, 2]), pack(&[2, 1]));
        assert_eq!(pack(&[u32::MAX - 1; 4]) >> 96, u32::MAX as u128);
    }
}
