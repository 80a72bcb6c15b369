//! Character-level normalization: lowercasing and folding the many
//! apostrophe and hyphen code points that news copy uses onto one each.
//!
//! Scraped text mixes straight and typographic punctuation within a single
//! paragraph ("Trump's" next to "Trump’s"); folding them here is what makes
//! both spellings produce the same tokens.

/// Whether `c` is an apostrophe in any of its common encodings:
/// `'` U+0027, `‘` U+2018, `’` U+2019, `ʼ` U+02BC, `′` U+2032, `＇` U+FF07.
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{2032}' | '\u{FF07}'
    )
}

/// Whether `c` joins the parts of a hyphenated word: `-` U+002D, `‐` U+2010,
/// `‑` U+2011 (non-breaking hyphen). Dashes (`–`, `—`) separate words instead.
#[inline]
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Whether `c` belongs inside a word: a letter or digit in any script, or a
/// combining mark (so decomposed accents such as `e` + U+0301 stay attached).
#[inline]
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

#[inline]
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Append `c` to `out`, lowercased when `lowercase` is set (full Unicode
/// lowercasing; ASCII takes a fast path).
#[inline]
pub fn push_char(out: &mut String, c: char, lowercase: bool) {
    if !lowercase {
        out.push(c);
    } else if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_fold() {
        for c in ['\'', '’', '‘', 'ʼ'] {
            assert!(is_apostrophe(c), "{c:?}");
        }
        assert!(!is_apostrophe('"'));
        assert!(!is_apostrophe('“'));
    }

    #[test]
    fn lowercases_unicode() {
        let mut s = String::new();
        for c in "ÉLYSÉE Київ".chars() {
            push_char(&mut s, c, true);
        }
        assert_eq!(s, "élysée київ");
    }
}
