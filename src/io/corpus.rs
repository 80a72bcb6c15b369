//! Articles as they arrive (plain text, hard-wrapped) split into paragraphs.
//!
//! Rules, in order:
//! * a blank (or whitespace-only) line ends a paragraph;
//! * a line that starts indented (a tab or two or more spaces) after a
//!   non-blank line starts a new paragraph (print-style first-line indents);
//! * a byline (`By ...` right under the headline) is its own paragraph;
//! * other lines are hard wraps: joined with one space (or with nothing
//!   after a line that ends in a hyphen, keeping the hyphen: `front-` +
//!   `line` -> `front-line`);
//! * paragraphs that are a bare URL, a `Related article:` (or `Read more:`,
//!   `See also:`) line, or a publication footer (`This article was first
//!   published by ...`, `Copyright ...`, `All rights reserved`) are kept but
//!   marked skipped as boilerplate, and so are bylines.

use serde::Serialize;

/// Why a paragraph is not scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Skip {
    /// Links, related-article teasers, publication footers.
    Boilerplate,
    /// The author line under the headline.
    Byline,
}

impl Skip {
    /// The name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Skip::Boilerplate => "boilerplate",
            Skip::Byline => "byline",
        }
    }
}

/// One paragraph of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// 1-based position in the article.
    pub index: usize,
    /// The text with hard wraps joined.
    pub text: String,
    /// 1-based line where it starts.
    pub line: usize,
    /// Set when the paragraph is not scored.
    pub skipped: Option<Skip>,
}

fn is_indented(line: &str) -> bool {
    line.starts_with('\t') || line.starts_with("  ")
}

fn is_byline(line: &str) -> bool {
    let t = line.trim();
    t.len() < 160 && t.starts_with("By ") && t[3..].chars().next().is_some_and(char::is_uppercase)
}

/// Whether a paragraph is boilerplate rather than copy.
pub fn is_boilerplate(text: &str) -> bool {
    let t = text.trim();
    let lower = t.to_lowercase();
    let single_token = !t.contains(char::is_whitespace);
    if single_token
        && (lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www."))
    {
        return true;
    }
    const PREFIXES: [&str; 6] = [
        "related article:",
        "related:",
        "read more:",
        "see also:",
        "more on this story:",
        "related articles:",
    ];
    if PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    let short = t.len() < 300;
    short
        && (lower.starts_with("this article was first published")
            || lower.starts_with("this article was originally published")
            || lower.starts_with("this story was first published")
            || lower.starts_with("this article first appeared")
            || lower.starts_with("copyright ")
            || lower.starts_with('©')
            || lower.contains("all rights reserved"))
}

/// Splits an article into paragraphs (see the module docs for the rules).
pub fn split_paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    let mut cur = String::new();
    let mut cur_line = 0usize;
    let mut cur_skip: Option<Skip> = None;
    let mut prev_blank = true;
    let flush =
        |out: &mut Vec<Paragraph>, cur: &mut String, line: usize, skip: &mut Option<Skip>| {
            let t = cur.trim();
            if !t.is_empty() {
                let skipped = skip
                    .take()
                    .or_else(|| is_boilerplate(t).then_some(Skip::Boilerplate));
                out.push(Paragraph {
                    index: out.len() + 1,
                    text: t.to_string(),
                    line,
                    skipped,
                });
            }
            cur.clear();
            *skip = None;
        };
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = raw
            .strip_suffix('\r')
            .unwrap_or(raw)
            .trim_start_matches('\u{feff}');
        if line.trim().is_empty() {
            flush(&mut out, &mut cur, cur_line, &mut cur_skip);
            prev_blank = true;
            continue;
        }
        let byline = is_byline(line) && out.len() <= 1;
        if !prev_blank && (is_indented(line) || byline) {
            flush(&mut out, &mut cur, cur_line, &mut cur_skip);
        }
        if cur.is_empty() {
            cur_line = line_no;
        }
        let piece = line.trim();
        // a wrap after a hyphen joins without a space: `front-` + `line`
        let hyphen_wrap = cur.ends_with('-')
            && !cur.ends_with(" -")
            && piece.chars().next().is_some_and(char::is_alphanumeric);
        if !cur.is_empty() && !hyphen_wrap {
            cur.push(' ');
        }
        cur.push_str(piece);
        if byline {
            cur_skip = Some(Skip::Byline);
            flush(&mut out, &mut cur, cur_line, &mut cur_skip);
            prev_blank = true;
            continue;
        }
        prev_blank = false;
    }
    flush(&mut out, &mut cur, cur_line, &mut cur_skip);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARTICLE: &str = "Envoys Meet in Geneva as Talks Resume
By Ana Ruiz | GENEVA, March 3, 2026

Envoys met in Geneva on Monday, officials said, and the talks
ran late into the night.

The second paragraph is hard-wrapped over
three lines, with a front-
line compound split at the hyphen.
    An indented line starts a third paragraph
without a blank line before it.
\tA tab-indented one starts a fourth.

Related article: Why the Talks Matter

https://www.example.com/news/2026/03/geneva-talks

“Curly quotes” and 'straight quotes' stay as written.

This article was first published by The Example Wire on March 3, 2026.
";

    #[test]
    fn splits_like_real_copy() {
        let p = split_paragraphs(ARTICLE);
        let texts: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts[0], "Envoys Meet in Geneva as Talks Resume");
        assert_eq!(texts[1], "By Ana Ruiz | GENEVA, March 3, 2026");
        assert_eq!(p[1].skipped, Some(Skip::Byline));
        assert_eq!(texts[2], "Envoys met in Geneva on Monday, officials said, and the talks ran late into the night.");
        assert_eq!(
            texts[3],
            "The second paragraph is hard-wrapped over three lines, with a front-line compound split at the hyphen."
        );
        assert_eq!(
            texts[4],
            "An indented line starts a third paragraph without a blank line before it."
        );
        assert_eq!(texts[5], "A tab-indented one starts a fourth.");
        assert_eq!(texts[6], "Related article: Why the Talks Matter");
        assert_eq!(
            texts[7],
            "https://www.example.com/news/2026/03/geneva-talks"
        );
        assert_eq!(
            texts[8],
            "“Curly quotes” and 'straight quotes' stay as written."
        );
        assert_eq!(
            texts[9],
            "This article was first published by The Example Wire on March 3, 2026."
        );
        let skipped: Vec<Option<Skip>> = p.iter().map(|p| p.skipped).collect();
        assert_eq!(
            skipped,
            [
                None,
                Some(Skip::Byline),
                None,
                None,
                None,
                None,
                Some(Skip::Boilerplate),
                Some(Skip::Boilerplate),
                None,
                Some(Skip::Boilerplate)
            ]
        );
        assert_eq!(
            p.iter().map(|p| p.index).collect::<Vec<_>>(),
            (1..=10).collect::<Vec<_>>()
        );
        assert_eq!(p[2].line, 4);
        assert_eq!(p[4].line, 10);
    }

    #[test]
    fn crlf_and_empty_inputs() {
        assert!(split_paragraphs("").is_empty());
        assert!(split_paragraphs(" \n\t\n").is_empty());
        let p = split_paragraphs("One line\r\nwrapped\r\n\r\nTwo\r\n");
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].text, "One line wrapped");
    }

    #[test]
    fn a_dash_at_line_end_is_not_a_hyphen() {
        let p = split_paragraphs("He paused -\nthen spoke.");
        assert_eq!(p[0].text, "He paused - then spoke.");
    }

    #[test]
    fn boilerplate_needs_the_whole_paragraph() {
        assert!(!is_boilerplate(
            "The envoy said https://example.com was down."
        ));
        assert!(is_boilerplate("Read more: the full interview"));
        assert!(is_boilerplate("© 2026 Example Media. All rights reserved."));
    }
}
