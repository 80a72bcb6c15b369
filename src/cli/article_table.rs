//! The human-readable table of a scored article.

use std::io::Write;

use newsclass::model::Model;
use newsclass::score::ScoredArticle;

/// Truncates to `n` characters, marking the cut with an ellipsis.
fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn pad(s: &str, n: usize) -> String {
    let len = s.chars().count();
    if len >= n {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(n - len))
    }
}

/// Paragraph numbers as ranges: `1-4, 7, 9-10`.
fn ranges(v: &[usize]) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < v.len() {
        let mut j = i;
        while j + 1 < v.len() && v[j + 1] == v[j] + 1 {
            j += 1;
        }
        out.push(if j > i {
            format!("{}-{}", v[i], v[j])
        } else {
            v[i].to_string()
        });
        i = j + 1;
    }
    out.join(", ")
}

const FIRST: usize = 30;
/// Column width of a task: label lists need more room than one label.
fn task_width(m: &Model) -> usize {
    match m.kind {
        newsclass::model::TaskKind::MultiLabel => 30,
        newsclass::model::TaskKind::SingleLabel => 18,
    }
}

pub fn write(out: &mut impl Write, a: &ScoredArticle, models: &[Model]) -> std::io::Result<()> {
    let scored = a
        .paragraphs
        .iter()
        .filter(|p| p.paragraph.skipped.is_none())
        .count();
    writeln!(
        out,
        "{}  ({} paragraphs, {} scored)",
        a.source,
        a.paragraphs.len(),
        scored
    )?;
    writeln!(out)?;
    write!(out, "{:>3}  {}", "¶", pad("first words", FIRST))?;
    for m in models {
        write!(out, "  {}", pad(&m.name, task_width(m)))?;
    }
    writeln!(out, "  why (top terms)")?;
    for p in &a.paragraphs {
        let first = clip(&p.paragraph.text, FIRST);
        write!(out, "{:>3}  {}", p.paragraph.index, pad(&first, FIRST))?;
        if let Some(skip) = p.paragraph.skipped {
            writeln!(out, "  ({})", skip.as_str())?;
            continue;
        }
        let mut why = Vec::new();
        for (m, v) in models.iter().zip(&p.verdicts) {
            let cell = if v.prediction.labels.is_empty() {
                "-".to_string()
            } else {
                v.prediction
                    .labels
                    .iter()
                    .map(|l| {
                        format!(
                            "{} {:.2}",
                            m.labels.name(*l),
                            v.prediction.scores[l.index()]
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let w = task_width(m);
            write!(out, "  {}", pad(&clip(&cell, w), w))?;
            let mut terms: Vec<&str> = Vec::new();
            for e in &v.explain {
                let t = e.term.as_str();
                if !terms.iter().any(|x| x.eq_ignore_ascii_case(t)) && terms.len() < 3 {
                    terms.push(t);
                }
            }
            if !terms.is_empty() {
                why.push(terms.join(", "));
            }
        }
        writeln!(out, "  {}", why.join(" | "))?;
    }
    writeln!(out)?;
    writeln!(out, "summary")?;
    let w = models
        .iter()
        .map(|m| m.name.chars().count())
        .max()
        .unwrap_or(5);
    for (m, s) in models.iter().zip(&a.summary) {
        if s.shares.is_empty() {
            writeln!(out, "  {}  (nothing scored)", pad(&m.name, w))?;
            continue;
        }
        let mut shares: Vec<&(String, f64)> = s.shares.iter().filter(|x| x.1 > 0.0).collect();
        shares.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let shares: Vec<String> = shares
            .iter()
            .map(|(l, v)| format!("{l} {:.0}%", v * 100.0))
            .collect();
        writeln!(
            out,
            "  {}  dominant: {}  ({})",
            pad(&m.name, w),
            s.dominant.as_deref().unwrap_or("-"),
            shares.join(", ")
        )?;
        let carried: Vec<String> = s
            .paragraphs
            .iter()
            .map(|(l, v)| format!("{l}: ¶{}", ranges(v)))
            .collect();
        if !carried.is_empty() {
            writeln!(out, "  {}  {}", pad("", w), carried.join("; "))?;
        }
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_compress_runs() {
        assert_eq!(ranges(&[1, 2, 3, 5, 7, 8]), "1-3, 5, 7-8");
        assert_eq!(ranges(&[]), "");
        assert_eq!(clip("abcdef", 4), "abc…");
    }
}
