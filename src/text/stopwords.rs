//! Stop-word lists.
//!
//! The English list is our own: function words (articles, pronouns,
//! auxiliaries, prepositions, conjunctions) and nothing that carries news
//! content. Words like "against", "not", "no", "war" or "said" are kept on
//! purpose: negation and attribution matter for stance.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// Which stop words to remove.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum StopWords {
    /// Keep every token.
    None,
    /// newsclass's English list ([`ENGLISH`]).
    #[default]
    English,
    /// A user list (one word per line, `#` starts a comment), stored in the
    /// model so it stays self-contained.
    Custom(Vec<String>),
}

impl StopWords {
    /// Reads a stop-word file: one word per line, blank lines and lines
    /// starting with `#` ignored.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let words: Vec<String> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_string)
            .collect();
        if words.is_empty() {
            return Err(Error::File {
                path: path.to_path_buf(),
                message: "stop-word file has no words".into(),
            });
        }
        Ok(StopWords::Custom(words))
    }

    /// The raw words of the list.
    pub fn words(&self) -> Vec<&str> {
        match self {
            StopWords::None => Vec::new(),
            StopWords::English => ENGLISH.to_vec(),
            StopWords::Custom(w) => w.iter().map(String::as_str).collect(),
        }
    }
}

/// newsclass's English stop words.
pub const ENGLISH: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "else",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "may",
    "me",
    "might",
    "mine",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "neither",
    "nor",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one's",
    "only",
    "onto",
    "or",
    "other",
    "others",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "per",
    "quite",
    "rather",
    "same",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "that's",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "there's",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "with",
    "within",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
    "yourselves",
];
