//! The binary, driven through its command-line contract.

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::{self, newsclass, stderr, stdout};

fn train_small(dir: &Path) -> (String, String) {
    let data = common::write_news_jsonl(dir, "news.jsonl");
    let model = dir.join("news.model");
    let o = newsclass(&[
        "train",
        data.to_str().unwrap(),
        "--out",
        model.to_str().unwrap(),
        "--min-df",
        "1",
        "--classifier",
        "nb",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    (
        data.to_str().unwrap().into(),
        model.to_str().unwrap().into(),
    )
}

#[test]
fn train_eval_score_roundtrip() {
    let dir = tempfile::tempdir().unwrap();
    let (data, model) = train_small(dir.path());

    let o = newsclass(&["eval", "--model", &model, &data, "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r: Value = serde_json::from_str(&stdout(&o)).unwrap();
    for key in [
        "n",
        "accuracy",
        "macro_f1",
        "micro_f1",
        "per_class",
        "confusion",
    ] {
        assert!(r.get(key).is_some(), "missing {key}: {r}");
    }
    assert_eq!(r["n"], 24);
    assert!(r["accuracy"].as_f64().unwrap() > 0.9, "{r}");
    assert_eq!(r["per_class"]["sport"]["support"], 8);

    let o = newsclass(&["score", "--model", &model, &data, "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 24);
    assert_eq!(lines[0]["id"], "n1");
    assert_eq!(lines[23]["id"], "n24");
    let pred = &lines[0]["news"];
    assert_eq!(pred["label"], "diplomacy");
    let sum: f64 = pred["scores"]
        .as_object()
        .unwrap()
        .values()
        .map(|v| v.as_f64().unwrap())
        .sum();
    assert!((sum - 1.0).abs() < 1e-5, "{sum}");
}

#[test]
fn name_defaults_to_file_stem_and_line_numbers_are_ids() {
    let dir = tempfile::tempdir().unwrap();
    let (_, model) = train_small(dir.path());
    let o = common::newsclass_with_stdin(
        dir.path(),
        &[
            "score", "--model", &model, "-", "--input", "jsonl", "--format", "jsonl",
        ],
        b"{\"text\": \"shares fell\"}\n\n{\"text\": \"   \"}\n",
    );
    assert!(o.status.success());
    let lines: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["news"]["label"], "markets");
    assert_eq!(lines[1]["id"], 3);
    assert_eq!(lines[1]["empty"], true);
}

#[test]
fn bad_input_exits_2_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.jsonl");
    std::fs::write(
        &bad,
        "{\"text\": \"ok\", \"label\": \"a\"}\n{\"text\": \"x\", \"label\": 3.5e}\n",
    )
    .unwrap();
    let out = dir.path().join("m.model");
    let o = newsclass(&[
        "train",
        bad.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("bad.jsonl:2: invalid JSON"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(!err.contains("panicked"));
    assert!(!out.exists());

    let o = newsclass(&[
        "eval",
        "--model",
        "/nonexistent.model",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/nonexistent.model"), "{}", stderr(&o));

    let o = newsclass(&["train", "--out", "x.model"]);
    assert_eq!(o.status.code(), Some(2));
    let o = newsclass(&[
        "train",
        bad.to_str().unwrap(),
        "--out",
        "x.model",
        "--classifier",
        "forest",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn skip_invalid_reports_count() {
    let dir = tempfile::tempdir().unwrap();
    let data = common::write_news_jsonl(dir.path(), "news.jsonl");
    let mut text = std::fs::read_to_string(&data).unwrap();
    text.push_str("not json\n{\"text\": 1, \"label\": \"x\"}\n");
    std::fs::write(&data, text).unwrap();
    let out = dir.path().join("m.model");
    let o = newsclass(&[
        "train",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--min-df",
        "1",
        "--skip-invalid",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("2 invalid records skipped"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn one_class_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("one.jsonl");
    std::fs::write(
        &data,
        "{\"text\": \"a b\", \"label\": \"x\"}\n{\"text\": \"b c\", \"label\": \"x\"}\n",
    )
    .unwrap();
    let o = newsclass(&[
        "train",
        data.to_str().unwrap(),
        "--out",
        dir.path().join("m").to_str().unwrap(),
        "--min-df",
        "1",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("only one class ('x')"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn every_subcommand_help_has_an_example() {
    for cmd in ["train", "eval", "score"] {
        let o = newsclass(&[cmd, "--help"]);
        assert!(o.status.success());
        assert!(stdout(&o).contains("Example:"), "{cmd}");
        assert!(stdout(&o).contains(&format!("newsclass {cmd}")), "{cmd}");
    }
}

#[test]
fn closed_stdout_ends_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let (_, model) = train_small(dir.path());
    // many records, and a reader that stops after the first line
    let big = dir.path().join("big.jsonl");
    let mut s = String::new();
    for i in 0..20000 {
        s.push_str(&format!(
            "{{\"id\": {i}, \"text\": \"shares fell as oil prices rose\"}}\n"
        ));
    }
    std::fs::write(&big, s).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclass"))
        .args([
            "score",
            "--model",
            &model,
            big.to_str().unwrap(),
            "--format",
            "jsonl",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    {
        use std::io::BufRead;
        let mut r = std::io::BufReader::new(child.stdout.take().unwrap());
        r.read_line(&mut first).unwrap();
    } // stdout closed here
    let o = child.wait_with_output().unwrap();
    assert!(first.contains("\"id\":0"), "{first}");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn inspect_shows_settings_and_readable_top_terms() {
    let repo = common::repo();
    let model = repo.join("models/topic.model");
    let o = newsclass(&["inspect", "--model", model.to_str().unwrap(), "--top", "5"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for want in [
        "format version 1",
        "multi-label",
        "thresholds",
        "fingerprint",
        "top terms per label",
        "seed 42",
    ] {
        assert!(text.contains(want), "missing {want}: {text}");
    }
    let o = newsclass(&[
        "inspect",
        "--model",
        model.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["task"], "topic");
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["thresholds"].as_array().unwrap().len(), 5);
    let ukraine: Vec<&str> = v["top_terms"]["ukraine"]["positive"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["term"].as_str().unwrap())
        .collect();
    // readable words, not stems
    assert!(ukraine.contains(&"ukraine"), "{ukraine:?}");
    assert!(!ukraine.contains(&"ukrain"), "{ukraine:?}");
}

#[test]
fn cv_reports_mean_and_std_per_metric() {
    let repo = common::repo();
    let data = repo.join("data/corpus/part-1.jsonl");
    let o = newsclass(&[
        "cv",
        data.to_str().unwrap(),
        "--label-field",
        "topics",
        "--folds",
        "3",
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["folds"], 3);
    assert_eq!(v["n"], 260);
    for m in ["accuracy", "macro_f1", "micro_f1", "hamming_loss"] {
        assert_eq!(
            v["metrics"][m]["per_fold"].as_array().unwrap().len(),
            3,
            "{m}"
        );
        assert!(v["metrics"][m]["std"].as_f64().unwrap() >= 0.0);
    }
    assert!(v["metrics"]["micro_f1"]["mean"].as_f64().unwrap() > 0.5);
    let table = newsclass(&[
        "cv",
        data.to_str().unwrap(),
        "--label-field",
        "stance",
        "--folds",
        "3",
    ]);
    assert!(stdout(&table).contains(" ± "), "{}", stdout(&table));
}

#[test]
fn tune_honours_a_small_budget_and_prints_the_train_command() {
    let repo = common::repo();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tuned.model");
    let data = repo.join("data/corpus/part-2.jsonl");
    let started = std::time::Instant::now();
    let o = newsclass(&[
        "tune",
        data.to_str().unwrap(),
        "--label-field",
        "stance",
        "--budget",
        "8s",
        "--candidates",
        "6",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(started.elapsed().as_secs() < 20, "budget not honoured");
    let text = stdout(&o);
    assert!(text.contains("rank  score"), "{text}");
    assert!(text.contains("newsclass train"), "{text}");
    assert!(out.exists());
    // the printed command reproduces the written model byte for byte
    let cmd = text
        .lines()
        .find(|l| l.trim_start().starts_with("newsclass train"))
        .unwrap();
    let again = dir.path().join("again.model");
    let args: Vec<String> = cmd
        .split_whitespace()
        .skip(1)
        .map(|a| {
            if a == out.to_str().unwrap() {
                again.to_str().unwrap().to_string()
            } else {
                a.to_string()
            }
        })
        .collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut full = args.clone();
    full.extend(["--name", "tuned"]);
    let o = newsclass(&full);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&again).unwrap());
}

#[test]
fn eval_writes_a_self_contained_html_report() {
    let dir = tempfile::tempdir().unwrap();
    let (data, model) = train_small(dir.path());
    let report = dir.path().join("report.html");
    let o = newsclass(&[
        "eval",
        "--model",
        &model,
        &data,
        "--report",
        report.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for want in [
        "Per-class metrics",
        "Confusion matrix",
        "Precision–recall curves",
        "Most confused pairs",
        "Model summary",
        "<svg",
    ] {
        assert!(html.contains(want), "missing {want}");
    }
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(!html.contains("<script src"));
}
