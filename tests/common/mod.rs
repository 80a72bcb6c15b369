//! Tiny corpora shared by the integration tests (our own text).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// (text, label) pairs: three classes, eight documents each.
pub const NEWS: &[(&str, &str)] = &[
    (
        "Envoys met in Geneva to resume peace talks on a ceasefire.",
        "diplomacy",
    ),
    (
        "The foreign minister said the talks with the envoy were constructive.",
        "diplomacy",
    ),
    (
        "Diplomats drafted a joint statement after two days of negotiations.",
        "diplomacy",
    ),
    (
        "The ambassador was summoned over the expulsion of two diplomats.",
        "diplomacy",
    ),
    (
        "A summit between the two presidents is planned for the spring.",
        "diplomacy",
    ),
    (
        "Negotiators reported progress on a prisoner exchange and a ceasefire.",
        "diplomacy",
    ),
    (
        "The envoy flew to Cairo for another round of mediation talks.",
        "diplomacy",
    ),
    (
        "Ministers signed a memorandum after the diplomatic talks ended.",
        "diplomacy",
    ),
    (
        "Shares fell sharply as oil prices climbed and markets slid.",
        "markets",
    ),
    (
        "The central bank raised interest rates to cool inflation.",
        "markets",
    ),
    (
        "Investors sold bonds after the inflation figures surprised markets.",
        "markets",
    ),
    (
        "The company reported record profits and its shares rallied.",
        "markets",
    ),
    (
        "Oil prices rose for a third day as traders bet on tight supply.",
        "markets",
    ),
    (
        "Stock markets in Asia opened lower after weak factory data.",
        "markets",
    ),
    (
        "The currency weakened as investors priced in lower interest rates.",
        "markets",
    ),
    (
        "Bond yields climbed and bank shares led the market higher.",
        "markets",
    ),
    (
        "The striker scored twice as the home side won the cup final.",
        "sport",
    ),
    (
        "The coach praised the defence after a goalless draw.",
        "sport",
    ),
    (
        "The champion retained her title with a win in straight sets.",
        "sport",
    ),
    (
        "Fans celebrated as the club won the league on the final day.",
        "sport",
    ),
    (
        "The goalkeeper saved a penalty to send the team into the final.",
        "sport",
    ),
    (
        "The sprinter set a new record in the hundred metres.",
        "sport",
    ),
    (
        "The team signed a new striker before the transfer deadline.",
        "sport",
    ),
    (
        "A late goal gave the visitors a win in the derby match.",
        "sport",
    ),
];

/// Writes `NEWS` as JSONL into `dir/name` and returns the path.
pub fn write_news_jsonl(dir: &Path, name: &str) -> PathBuf {
    let mut s = String::new();
    for (i, (text, label)) in NEWS.iter().enumerate() {
        s.push_str(
            &serde_json::json!({"id": format!("n{}", i + 1), "text": text, "label": label})
                .to_string(),
        );
        s.push('\n');
    }
    let p = dir.join(name);
    std::fs::write(&p, s).unwrap();
    p
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `NEWS` as library records.
pub fn news_records() -> Vec<newsclass::io::Record> {
    let src: std::sync::Arc<Path> = std::sync::Arc::from(Path::new("news.jsonl"));
    NEWS.iter()
        .enumerate()
        .map(|(i, (t, l))| newsclass::io::Record {
            id: Some(serde_json::Value::from(format!("n{}", i + 1))),
            text: t.to_string(),
            labels: Some(newsclass::io::Labels::Single(l.to_string())),
            target: None,
            line: i as u64 + 1,
            source: src.clone(),
        })
        .collect()
}

/// Training parameters small enough for `NEWS`.
pub fn small_params(
    classifier: newsclass::model::ClassifierParams,
) -> newsclass::model::TrainParams {
    newsclass::model::TrainParams {
        pipeline: newsclass::features::PipelineParams {
            min_df: newsclass::features::DocFreq::Count(1),
            ..Default::default()
        },
        fit: newsclass::classify::FitSettings {
            classifier,
            seed: 7,
            ..Default::default()
        },
        target_field: None,
    }
}

/// Multi-label records: (text, labels).
pub const TOPICS: &[(&str, &[&str])] = &[
    (
        "Troops shelled the front line near Kharkiv overnight.",
        &["ukraine"],
    ),
    ("Drones struck a depot in the Donetsk region.", &["ukraine"]),
    (
        "Kyiv said the counteroffensive retook two villages.",
        &["ukraine"],
    ),
    (
        "Artillery duels continued along the Dnipro front line.",
        &["ukraine"],
    ),
    (
        "Voters queued at polling stations before the ballot closed.",
        &["elections"],
    ),
    (
        "The incumbent conceded after the vote count.",
        &["elections"],
    ),
    (
        "Turnout in the runoff reached a record high.",
        &["elections"],
    ),
    (
        "The campaign ended with rallies in every region before the ballot.",
        &["elections"],
    ),
    (
        "Kyiv held a wartime ballot near the front line.",
        &["ukraine", "elections"],
    ),
    (
        "Soldiers on the front line voted by post in the election.",
        &["ukraine", "elections"],
    ),
    (
        "The election campaign focused on drones and the front line.",
        &["ukraine", "elections"],
    ),
    ("Shares rose as the central bank held rates.", &[]),
    ("The striker scored twice in the cup final.", &[]),
    ("Heavy rain flooded roads across the north.", &[]),
    ("The museum opened a new wing for modern art.", &[]),
    ("Oil prices slipped on weak demand.", &[]),
];

/// `TOPICS` as library records.
pub fn topic_records() -> Vec<newsclass::io::Record> {
    let src: std::sync::Arc<Path> = std::sync::Arc::from(Path::new("topics.jsonl"));
    TOPICS
        .iter()
        .enumerate()
        .map(|(i, (t, ls))| newsclass::io::Record {
            id: None,
            text: t.to_string(),
            labels: Some(newsclass::io::Labels::Multi(
                ls.iter().map(|s| s.to_string()).collect(),
            )),
            target: None,
            line: i as u64 + 1,
            source: src.clone(),
        })
        .collect()
}

/// Stance records with targets: (text, label, target).
pub fn stance_records() -> Vec<newsclass::io::Record> {
    let src: std::sync::Arc<Path> = std::sync::Arc::from(Path::new("stance.jsonl"));
    let favor = [
        "a great plan that will help everyone",
        "we strongly support this, it works",
        "wonderful news and a real success",
        "this is good and right",
    ];
    let against = [
        "a terrible plan that will hurt everyone",
        "we strongly oppose this, it fails",
        "awful news and a real failure",
        "this is bad and wrong",
    ];
    let mut out = Vec::new();
    for target in ["taxes", "transit"] {
        for rep in 0..3 {
            for (i, t) in favor.iter().enumerate() {
                out.push((format!("{target}: {t} {rep}{i}"), "FAVOR", target));
            }
            for (i, t) in against.iter().enumerate() {
                out.push((format!("{target}: {t} {rep}{i}"), "AGAINST", target));
            }
        }
    }
    out.into_iter()
        .enumerate()
        .map(|(i, (text, label, target))| newsclass::io::Record {
            id: None,
            text,
            labels: Some(newsclass::io::Labels::Single(label.to_string())),
            target: Some(target.to_string()),
            line: i as u64 + 1,
            source: src.clone(),
        })
        .collect()
}

/// Runs the built `newsclass` binary with `args`.
pub fn newsclass(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_newsclass"))
        .args(args)
        .output()
        .expect("run newsclass")
}

/// A process's standard output as text.
pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A process's standard error as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs the built `newsclass` binary in `dir` with `input` on its stdin.
pub fn newsclass_with_stdin(dir: &Path, args: &[&str], input: &[u8]) -> std::process::Output {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsclass"))
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsclass");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(input)
        .expect("write stdin");
    child.wait_with_output().expect("wait for newsclass")
}
