//! Splitting normalized text into word, number and link tokens.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::normalize::{is_apostrophe, is_hyphen, is_word_char, push_char};

/// How hyphenated words such as `cease-fire` are tokenized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Hyphens {
    /// Split into parts: `cease`, `fire` (default; matches the spelling
    /// without a hyphen, and bigrams keep the pair together).
    #[default]
    Split,
    /// Join the parts: `ceasefire`.
    Join,
    /// Keep one token with the hyphen: `cease-fire`.
    Keep,
}

/// Whether tokens made only of digits (`2026`, `3.5`, `1,200`) are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Numbers {
    /// Keep numbers as tokens (default). Thousands separators are removed.
    #[default]
    Keep,
    /// Drop tokens made only of digits.
    Drop,
}

/// What happens to URLs (`https://…`, `www.…`) and e-mail addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Links {
    /// Drop them (default): they name sources, not topics.
    #[default]
    Drop,
    /// Keep each as a single lowercased token.
    Keep,
}

/// The kind of a token, which decides whether it is stemmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with digits or an inner apostrophe).
    Word,
    /// Digits only, possibly with a decimal point.
    Number,
    /// A URL or an e-mail address.
    Link,
}

/// Tokenizer settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenizerParams {
    /// Lowercase every token. Default: `true` (the stemmers expect it).
    pub lowercase: bool,
    /// Hyphenated words. Default: [`Hyphens::Split`].
    pub hyphens: Hyphens,
    /// Number tokens. Default: [`Numbers::Keep`].
    pub numbers: Numbers,
    /// URLs and e-mail addresses. Default: [`Links::Drop`].
    pub links: Links,
    /// Shortest token kept, in characters. Default: 2 (as scikit-learn's
    /// default pattern `\b\w\w+\b`), which drops stray letters like the `s`
    /// of a broken possessive.
    pub min_len: usize,
}

impl Default for TokenizerParams {
    fn default() -> Self {
        TokenizerParams {
            lowercase: true,
            hyphens: Hyphens::Split,
            numbers: Numbers::Keep,
            links: Links::Drop,
            min_len: 2,
        }
    }
}

/// Splits text into tokens.
///
/// Chunks between whitespace are first checked for URLs and e-mail
/// addresses; everything else is cut into maximal runs of letters and
/// digits. Inside a run an apostrophe followed by a letter stays
/// (`trump's`, any apostrophe code point folded to `'`), and a `.` or `,`
/// between digits stays (`3.5`, `1,200` -> `1200`).
#[derive(Debug, Clone, Default)]
pub struct Tokenizer {
    params: TokenizerParams,
}

impl Tokenizer {
    /// A tokenizer with the given settings.
    pub fn new(params: TokenizerParams) -> Self {
        Tokenizer { params }
    }

    /// The settings.
    pub fn params(&self) -> &TokenizerParams {
        &self.params
    }

    /// Calls `f(token, kind, span)` for every token of `text`, in order.
    /// `span` is the token's byte range in `text`; `buf` is scratch space
    /// reused across calls so tokenizing allocates nothing per token.
    pub fn for_each(
        &self,
        text: &str,
        buf: &mut String,
        mut f: impl FnMut(&str, TokenKind, Range<usize>),
    ) {
        let mut chunk_start = None;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                if let Some(s) = chunk_start.take() {
                    self.chunk(text, s, i, buf, &mut f);
                }
            } else if chunk_start.is_none() {
                chunk_start = Some(i);
            }
        }
        if let Some(s) = chunk_start {
            self.chunk(text, s, text.len(), buf, &mut f);
        }
    }

    /// Convenience: the tokens of `text` as owned strings.
    pub fn tokens(&self, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut buf = String::new();
        self.for_each(text, &mut buf, |t, _, _| out.push(t.to_string()));
        out
    }

    fn chunk(
        &self,
        text: &str,
        start: usize,
        end: usize,
        buf: &mut String,
        f: &mut impl FnMut(&str, TokenKind, Range<usize>),
    ) {
        let chunk = &text[start..end];
        if let Some(link) = find_link(chunk) {
            if self.params.links == Links::Keep {
                buf.clear();
                for c in chunk[link.clone()].chars() {
                    push_char(buf, c, self.params.lowercase);
                }
                f(buf, TokenKind::Link, start + link.start..start + link.end);
            }
            return;
        }
        self.words(chunk, start, buf, f);
    }

    fn words(
        &self,
        chunk: &str,
        offset: usize,
        buf: &mut String,
        f: &mut impl FnMut(&str, TokenKind, Range<usize>),
    ) {
        let p = &self.params;
        buf.clear();
        let mut tok_start = 0usize;
        let mut tok_end = 0usize;
        let mut n_chars = 0usize;
        let mut all_digits = true;
        let mut prev: Option<char> = None;
        let mut it = chunk.char_indices().peekable();
        let mut emit = |buf: &mut String, n_chars: &mut usize, all_digits: &mut bool, s, e| {
            if *n_chars >= p.min_len.max(1) {
                let kind = if *all_digits {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                };
                if !(kind == TokenKind::Number && p.numbers == Numbers::Drop) {
                    f(buf, kind, offset + s..offset + e);
                }
            }
            buf.clear();
            *n_chars = 0;
            *all_digits = true;
        };
        while let Some((i, c)) = it.next() {
            let next = it.peek().map(|&(_, n)| n);
            let in_token = n_chars > 0;
            if is_word_char(c) {
                if !in_token {
                    tok_start = i;
                }
                push_char(buf, c, p.lowercase);
                n_chars += 1;
                all_digits &= c.is_numeric();
                tok_end = i + c.len_utf8();
            } else if in_token && next.is_some_and(is_word_char) {
                let prev_digit = prev.is_some_and(|c| c.is_numeric());
                let next_char = next.unwrap_or(' ');
                if is_apostrophe(c) && !next_char.is_numeric() {
                    buf.push('\'');
                    all_digits = false;
                } else if (c == '.' || c == ',') && prev_digit && next_char.is_numeric() {
                    if c == '.' {
                        buf.push('.');
                    }
                } else if is_hyphen(c) {
                    match p.hyphens {
                        Hyphens::Split => {
                            emit(buf, &mut n_chars, &mut all_digits, tok_start, tok_end)
                        }
                        Hyphens::Join => all_digits = false,
                        Hyphens::Keep => {
                            buf.push('-');
                            all_digits = false;
                        }
                    }
                } else {
                    emit(buf, &mut n_chars, &mut all_digits, tok_start, tok_end);
                }
            } else if in_token {
                emit(buf, &mut n_chars, &mut all_digits, tok_start, tok_end);
            }
            prev = Some(c);
        }
        if n_chars > 0 {
            emit(buf, &mut n_chars, &mut all_digits, tok_start, tok_end);
        }
    }
}

/// If `chunk` (text between whitespace) is a URL or an e-mail address,
/// the byte range of the link without surrounding punctuation.
fn find_link(chunk: &str) -> Option<Range<usize>> {
    // Most chunks are plain words: a URL needs a ':' (scheme) or "www.",
    // an e-mail address an '@'; a byte scan rules the rest out quickly.
    let b = chunk.as_bytes();
    let maybe_link = b.contains(&b'@')
        || b.contains(&b':')
        || (b.len() > 4
            && b.contains(&b'.')
            && b.windows(4).any(|w| w.eq_ignore_ascii_case(b"www.")));
    if !maybe_link {
        return None;
    }
    let is_edge = |c: char| !(c.is_alphanumeric() || c == '/' || c == '#');
    let start = chunk.find(|c: char| c.is_alphanumeric())?;
    let trimmed_end = chunk.trim_end_matches(is_edge).len();
    if trimmed_end <= start {
        return None;
    }
    let core = &chunk[start..trimmed_end];
    let lower_starts = |prefix: &str| {
        core.len() > prefix.len()
            && core.as_bytes()[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
    };
    if lower_starts("http://") || lower_starts("https://") || lower_starts("www.") {
        return Some(start..trimmed_end);
    }
    // e-mail: local@domain.tld, made of the usual characters only.
    let at = core.find('@')?;
    let (local, domain) = (&core[..at], &core[at + 1..]);
    let ok = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'))
    };
    let dot = domain.rfind('.')?;
    if ok(local) && ok(domain) && dot > 0 && dot + 1 < domain.len() {
        Some(start..trimmed_end)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(p: TokenizerParams, s: &str) -> Vec<String> {
        Tokenizer::new(p).tokens(s)
    }

    fn default_toks(s: &str) -> Vec<String> {
        toks(TokenizerParams::default(), s)
    }

    #[test]
    fn curly_and_straight_apostrophes_agree() {
        assert_eq!(default_toks("Trump’s envoy"), default_toks("Trump's envoy"));
        assert_eq!(default_toks("Trump’s envoy"), ["trump's", "envoy"]);
        assert_eq!(
            default_toks("“Peace,” he said"),
            default_toks("\"Peace,\" he said")
        );
    }

    #[test]
    fn quotes_are_separators() {
        assert_eq!(default_toks("'quoted' “words”"), ["quoted", "words"]);
    }

    #[test]
    fn hyphen_modes() {
        let s = "a cease-fire in front‑line towns";
        assert_eq!(
            default_toks(s),
            ["cease", "fire", "in", "front", "line", "towns"]
        );
        let join = TokenizerParams {
            hyphens: Hyphens::Join,
            ..Default::default()
        };
        assert_eq!(toks(join, s), ["ceasefire", "in", "frontline", "towns"]);
        let keep = TokenizerParams {
            hyphens: Hyphens::Keep,
            ..Default::default()
        };
        assert_eq!(toks(keep, s), ["cease-fire", "in", "front-line", "towns"]);
        // A dash is not a hyphen, and a trailing hyphen joins nothing.
        assert_eq!(
            default_toks("Kyiv—Lviv pro- and"),
            ["kyiv", "lviv", "pro", "and"]
        );
    }

    #[test]
    fn numbers_kept_or_dropped() {
        let s = "1,200 troops, 3.5% in 2026, F-16 and G7.";
        assert_eq!(
            default_toks(s),
            ["1200", "troops", "3.5", "in", "2026", "16", "and", "g7"]
        );
        let drop = TokenizerParams {
            numbers: Numbers::Drop,
            ..Default::default()
        };
        assert_eq!(toks(drop, s), ["troops", "in", "and", "g7"]);
    }

    #[test]
    fn links_dropped_or_kept_whole() {
        let s = "See https://example.com/a-b?x=1. Write to press@example.org, or www.Example.org!";
        assert_eq!(default_toks(s), ["see", "write", "to", "or"]);
        let keep = TokenizerParams {
            links: Links::Keep,
            ..Default::default()
        };
        assert_eq!(
            toks(keep, s),
            [
                "see",
                "https://example.com/a-b?x=1",
                "write",
                "to",
                "press@example.org",
                "or",
                "www.example.org"
            ]
        );
    }

    #[test]
    fn unicode_words_and_spans() {
        let s = "Zelensky visited Київ and Élysée (Paris).";
        let t = Tokenizer::default();
        let mut buf = String::new();
        let mut got = Vec::new();
        t.for_each(s, &mut buf, |tok, _, span| {
            got.push((tok.to_string(), &s[span]))
        });
        assert_eq!(got[2], ("київ".to_string(), "Київ"));
        assert_eq!(got[4], ("élysée".to_string(), "Élysée"));
        assert_eq!(got[5], ("paris".to_string(), "Paris"));
    }

    #[test]
    fn min_len_drops_single_letters() {
        assert_eq!(default_toks("a b cd"), ["cd"]);
        let one = TokenizerParams {
            min_len: 1,
            ..Default::default()
        };
        assert_eq!(toks(one, "a b cd"), ["a", "b", "cd"]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "", " ", "@", "http://", "www.", "a@b", "'", "-", "1,", ".5", "x'", "''a", "\u{301}",
        ] {
            let _ = default_toks(s);
        }
    }
}
