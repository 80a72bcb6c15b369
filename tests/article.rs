//! Article scoring with the default models: splitting real copy,
//! explanations, summaries and the JSON schema.

use std::process::Command;

use serde_json::Value;

use newsclass::io::artifact;
use newsclass::io::corpus::{split_paragraphs, Skip};
use newsclass::score::score_article;

use crate::common;

fn models() -> Vec<newsclass::Model> {
    ["topic", "stance"]
        .iter()
        .map(|n| {
            artifact::load(&common::repo().join(format!("models/{n}.model")))
                .unwrap()
                .model
        })
        .collect()
}

fn articles() -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(common::repo().join("data/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

#[test]
fn example_articles_split_with_boilerplate_marked() {
    let files = articles();
    assert!(files.len() >= 6);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let p = split_paragraphs(&text);
        let name = f.display();
        let skipped = |pred: &dyn Fn(&str) -> bool| {
            p.iter()
                .filter(|p| pred(&p.text))
                .map(|p| p.skipped)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            skipped(&|t| t.starts_with("Related article:")),
            [Some(Skip::Boilerplate)],
            "{name}"
        );
        assert_eq!(
            skipped(&|t| t.starts_with("https://")),
            [Some(Skip::Boilerplate)],
            "{name}"
        );
        assert_eq!(
            skipped(&|t| t.starts_with("This article was first published")),
            [Some(Skip::Boilerplate)],
            "{name}"
        );
        // no paragraph still holds a hard wrap, and indented starts became paragraphs
        assert!(p.iter().all(|p| !p.text.contains('\n')), "{name}");
        let indented = text
            .lines()
            .filter(|l| l.starts_with("    ") || l.starts_with('\t'))
            .count();
        for l in text
            .lines()
            .filter(|l| l.starts_with("    ") || l.starts_with('\t'))
        {
            assert!(
                p.iter().any(|p| p.text.starts_with(l.trim())),
                "{name}: {l}"
            );
        }
        assert!(indented >= 2, "{name}");
        // every non-blank line of the file is in some paragraph
        let words: usize = text.split_whitespace().count();
        let kept: usize = p.iter().map(|p| p.text.split_whitespace().count()).sum();
        assert!(kept >= words - 2, "{name}: {kept} of {words} words");
    }
}

#[test]
fn explanations_come_from_the_paragraph_and_shares_sum_to_one() {
    let models = models();
    for f in articles() {
        let text = std::fs::read_to_string(&f).unwrap();
        let a = score_article(&models, &f.display().to_string(), &text, None, 5);
        for p in &a.paragraphs {
            if p.paragraph.skipped.is_some() {
                assert!(p.verdicts.is_empty());
                continue;
            }
            assert_eq!(p.verdicts.len(), 2);
            for v in &p.verdicts {
                assert!(
                    !v.explain.is_empty(),
                    "{}: ¶{} has no explanation",
                    a.source,
                    p.paragraph.index
                );
                for e in &v.explain {
                    assert!(
                        p.paragraph.text.contains(&e.term),
                        "'{}' not in ¶{}",
                        e.term,
                        p.paragraph.index
                    );
                    assert!(e.weight > 0.0);
                }
            }
            let stance = &p.verdicts[1].prediction;
            assert!((stance.scores.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
        for s in &a.summary {
            let total: f64 = s.shares.iter().map(|x| x.1).sum();
            assert!(
                (total - 1.0).abs() < 1e-9,
                "{}: shares sum to {total}",
                a.source
            );
            assert!(s.dominant.is_some());
        }
    }
}

#[test]
fn default_models_get_the_example_articles_right() {
    let models = models();
    let dominant = |file: &str| -> (String, String) {
        let path = common::repo().join("data/articles").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let a = score_article(&models, file, &text, None, 3);
        (
            a.summary[0].dominant.clone().unwrap(),
            a.summary[1].dominant.clone().unwrap(),
        )
    };
    assert_eq!(dominant("01-front-line-kostiantynivka-eu.txt").0, "ukraine");
    assert_eq!(
        dominant("03-gaza-truce-hostage-talks-cairo.txt").0,
        "middle_east"
    );
    assert_eq!(
        dominant("04-sweden-election-night-defence.txt").0,
        "elections"
    );
    assert_eq!(dominant("06-markets-chipmaker-wheat-oil.txt").0, "none");
}

#[test]
fn score_json_schema_is_stable() {
    let repo = common::repo();
    let article = repo.join("data/articles/02-us-russia-envoys-geneva.txt");
    let o = Command::new(env!("CARGO_BIN_EXE_newsclass"))
        .current_dir(&repo)
        .args([
            "score",
            "--model",
            "models/topic.model",
            "--model",
            "models/stance.model",
        ])
        .arg(&article)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["source", "paragraphs", "summary"]);
    assert_eq!(v["source"], article.display().to_string());
    let paragraphs = v["paragraphs"].as_array().unwrap();
    for (i, p) in paragraphs.iter().enumerate() {
        assert_eq!(p["index"], i + 1);
        assert!(p["text"].is_string());
        if p["skipped"].is_null() {
            let topic = &p["topic"];
            assert!(topic["labels"].is_array(), "{p}");
            assert_eq!(topic["scores"].as_object().unwrap().len(), 5);
            let stance = &p["stance"];
            assert!(stance["label"].is_string());
            assert_eq!(stance["scores"].as_object().unwrap().len(), 3);
            for e in stance["explain"].as_array().unwrap() {
                let keys: Vec<&str> = e.as_object().unwrap().keys().map(String::as_str).collect();
                assert_eq!(keys, ["term", "feature", "label", "weight"]);
            }
        } else {
            assert!(p.get("topic").is_none());
            assert!(["boilerplate", "byline"].contains(&p["skipped"].as_str().unwrap()));
        }
    }
    let summary = &v["summary"];
    for task in ["topic", "stance"] {
        let keys: Vec<&str> = summary[task]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["shares", "dominant", "paragraphs"]);
    }

    // jsonl: one article per line, for a directory, in sorted order
    let o = Command::new(env!("CARGO_BIN_EXE_newsclass"))
        .current_dir(&repo)
        .args([
            "score",
            "-m",
            "models/topic.model",
            "-m",
            "models/stance.model",
            "data/articles",
            "--format",
            "jsonl",
        ])
        .output()
        .unwrap();
    assert!(o.status.success());
    let lines: Vec<Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), articles().len());
    let sources: Vec<&str> = lines
        .iter()
        .map(|l| l["source"].as_str().unwrap())
        .collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
}

#[test]
fn jsonl_articles_with_split_paragraphs_from_stdin() {
    let o = common::newsclass_with_stdin(
        &common::repo(),
        &["score", "-m", "models/topic.model", "-", "--input", "jsonl", "--split", "paragraphs", "--format", "jsonl"],
        b"{\"id\": \"a1\", \"text\": \"Troops shelled the front line near Kharkiv.\\n\\nVoters went to the polls in Lisbon.\"}\n{\"id\": \"a2\", \"text\": \"\"}\n",
    );
    assert!(o.status.success());
    let lines: Vec<Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"], "a1");
    assert_eq!(lines[0]["paragraphs"].as_array().unwrap().len(), 2);
    assert_eq!(lines[0]["paragraphs"][0]["topic"]["labels"][0], "ukraine");
    assert_eq!(lines[1]["paragraphs"].as_array().unwrap().len(), 0);
}
