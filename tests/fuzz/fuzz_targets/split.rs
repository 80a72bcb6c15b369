//! The paragraph splitter on arbitrary text.
//!
//! `split_paragraphs` never panics, and:
//! * indices are exactly 1..=n, in order;
//! * no paragraph text is empty, has surrounding whitespace, or contains `\n`;
//! * paragraphs start on strictly increasing lines, each within the input.
//!
//! `is_boilerplate` is also run on the whole input and on every paragraph.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsclass::io::corpus::{is_boilerplate, split_paragraphs};

fn check(text: &str) {
    let paras = split_paragraphs(text);
    let n_lines = text.lines().count();
    let mut prev_line = 0;
    for (i, p) in paras.iter().enumerate() {
        assert_eq!(p.index, i + 1, "paragraph indices not 1..=n: {paras:?}");
        assert!(!p.text.is_empty(), "empty paragraph {i} in {text:?}");
        assert!(
            !p.text.contains('\n'),
            "paragraph {} contains a newline: {:?}",
            p.index,
            p.text
        );
        assert_eq!(
            p.text.trim(),
            p.text,
            "paragraph {} has surrounding whitespace",
            p.index
        );
        assert!(
            p.line > prev_line && p.line <= n_lines,
            "paragraph {} starts on line {} (previous {prev_line}, {n_lines} lines) in {text:?}",
            p.index,
            p.line
        );
        prev_line = p.line;
        let _ = is_boilerplate(&p.text);
        let _ = p.skipped.map(|s| s.as_str());
    }
    let _ = is_boilerplate(text);
}

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(text) => check(text),
        Err(_) => check(&String::from_utf8_lossy(data)),
    }
});
