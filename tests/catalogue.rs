//! The bad-input catalogue: every malformed input gets exit code 2 and one
//! line that names the file, the line where there is one, and what is wrong.
//! Nothing panics, and nothing the user had is lost.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{self, newsclass as run, stderr as err};

/// Asserts exit code 2 and a single stderr line containing every `want`.
fn refused(o: &Output, want: &[&str]) {
    let e = err(o);
    assert_eq!(o.status.code(), Some(2), "exit code for: {e}");
    assert_eq!(e.trim_end().lines().count(), 1, "one line: {e}");
    assert!(!e.contains("panicked"), "{e}");
    for w in want {
        assert!(e.contains(w), "missing '{w}' in: {e}");
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn train(data: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut args = vec![
        "train",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--min-df",
        "1",
        "-q",
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn malformed_records_are_refused_with_file_line_and_reason() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("m.model");
    let ok = b"{\"text\": \"peace talks\", \"label\": \"a\"}\n{\"text\": \"oil prices\", \"label\": \"b\"}\n";
    let cases: &[(&str, &[u8], &[&str])] = &[
        (
            "json.jsonl",
            b"{\"text\": \"a\", \"label\": \"x\"}\n{\"text\": \"b\", \"label\": }\n",
            &["json.jsonl:2:", "invalid JSON"],
        ),
        (
            "notobj.jsonl",
            b"[1, 2]\n",
            &["notobj.jsonl:1:", "expected a JSON object, got an array"],
        ),
        (
            "notext.jsonl",
            b"{\"label\": \"x\"}\n",
            &["notext.jsonl:1:", "missing text field 'text'"],
        ),
        (
            "numtext.jsonl",
            b"{\"text\": 5, \"label\": \"x\"}\n",
            &[
                "numtext.jsonl:1:",
                "field 'text' must be a string, got a number",
            ],
        ),
        (
            "nolabel.jsonl",
            b"{\"text\": \"a b\"}\n",
            &["nolabel.jsonl:1:", "missing label field"],
        ),
        (
            "emptylist.jsonl",
            b"{\"text\": \"a b\", \"label\": \"x\"}\n{\"text\": \"c d\", \"label\": []}\n",
            &[
                "emptylist.jsonl:2:",
                "a label list here, but the first record",
                "has a single label",
            ],
        ),
        (
            "objlabel.jsonl",
            b"{\"text\": \"a\", \"label\": {\"k\": 1}}\n",
            &[
                "objlabel.jsonl:1:",
                "must be a string or an array of strings, got an object",
            ],
        ),
        (
            "boollabel.jsonl",
            b"{\"text\": \"a\", \"label\": true}\n",
            &["boollabel.jsonl:1:", "got a boolean"],
        ),
        (
            "listitem.jsonl",
            b"{\"text\": \"a\", \"labels\": [\"x\", 3]}\n",
            &[
                "listitem.jsonl:1:",
                "field 'labels'[1] must be a string, got a number",
            ],
        ),
        (
            "emptystr.jsonl",
            b"{\"text\": \"a\", \"label\": \"  \"}\n",
            &["emptystr.jsonl:1:", "is an empty string"],
        ),
        (
            "utf8.jsonl",
            b"{\"text\": \"caf\xe9\", \"label\": \"x\"}\n",
            &["utf8.jsonl:1:", "invalid UTF-8 at byte 13", "--lossy"],
        ),
        (
            "nul.jsonl",
            b"{\"text\": \"a\\u0000b\", \"label\": \"x\"}\n",
            &["nul.jsonl:1:", "NUL byte"],
        ),
        (
            "rawnul.jsonl",
            b"{\"text\": \"a\0b\", \"label\": \"x\"}\n",
            &["rawnul.jsonl:1:", "invalid JSON", "control character"],
        ),
        (
            "ragged.csv",
            b"text,label\npeace talks,a\noil\n",
            &["ragged.csv:3:", "row has 1 fields, the header has 2"],
        ),
        (
            "nocol.csv",
            b"body,label\npeace,a\n",
            &[
                "nocol.csv:1:",
                "header has no text column 'text'",
                "columns: body, label",
            ],
        ),
        (
            "nolabelcol.tsv",
            b"text\tcat\npeace\ta\n",
            &["nolabelcol.tsv:1:", "header has no label column 'label'"],
        ),
        (
            "oneclass.jsonl",
            b"{\"text\": \"a b\", \"label\": \"x\"}\n{\"text\": \"c d\", \"label\": \"x\"}\n",
            &["only one class ('x')"],
        ),
        (
            "empty.jsonl",
            b"",
            &["empty.jsonl", "no records to train on"],
        ),
        (
            "blank.jsonl",
            b"\n\n  \n",
            &["blank.jsonl", "no records to train on"],
        ),
    ];
    for (name, bytes, want) in cases {
        let p = write(d.path(), name, bytes);
        let o = train(&p, &out, &[]);
        refused(&o, want);
        assert!(!out.exists(), "{name}: no model may be written");
    }
    // the same bad records are skipped, and counted, with --skip-invalid
    let mut mixed = ok.to_vec();
    mixed.extend_from_slice(b"{oops}\n{\"text\": 1, \"label\": \"a\"}\n{\"label\": \"b\"}\n");
    let p = write(d.path(), "mixed.jsonl", &mixed);
    let o = train(&p, &out, &["--skip-invalid"]);
    assert!(o.status.success(), "{}", err(&o));
    assert!(err(&o).contains("3 invalid records skipped"), "{}", err(&o));
}

#[test]
fn encodings_line_ends_and_limits() {
    let d = tempfile::tempdir().unwrap();
    let out = d.path().join("m.model");
    // a UTF-8 byte-order mark and CRLF line ends are accepted
    let p = write(
        d.path(),
        "bom.jsonl",
        b"\xEF\xBB\xBF{\"text\": \"peace talks\", \"label\": \"a\"}\r\n{\"text\": \"oil prices\", \"label\": \"b\"}\r\n",
    );
    assert!(train(&p, &out, &[]).status.success());
    let p = write(
        d.path(),
        "bom.csv",
        b"\xEF\xBB\xBFtext,label\r\npeace talks,a\r\noil prices,b\r\n",
    );
    assert!(train(&p, &out, &[]).status.success());
    // invalid UTF-8 is replaced on request
    let p = write(
        d.path(),
        "latin1.jsonl",
        b"{\"text\": \"caf\xe9 talks\", \"label\": \"a\"}\n{\"text\": \"oil\", \"label\": \"b\"}\n",
    );
    let o = train(&p, &out, &["--lossy"]);
    assert!(o.status.success(), "{}", err(&o));
    // a line over the limit is an error, not an allocation of the whole file
    let mut long = b"{\"text\": \"".to_vec();
    long.extend(std::iter::repeat_n(b'x', 5000));
    long.extend_from_slice(b"\", \"label\": \"a\"}\n");
    let p = write(d.path(), "long.jsonl", &long);
    refused(
        &train(&p, &out, &["--max-line-bytes", "1000"]),
        &["long.jsonl:1:", "line longer than 1000 bytes"],
    );
}

#[test]
fn paths_and_option_values() {
    let d = tempfile::tempdir().unwrap();
    let data = common::write_news_jsonl(d.path(), "news.jsonl");
    let data = data.to_str().unwrap();
    let out = d.path().join("m.model");
    let out_s = out.to_str().unwrap();
    refused(
        &run(&["train", "/no/such/file.jsonl", "--out", out_s]),
        &["/no/such/file.jsonl", "no such file or directory"],
    );
    let missing_dir = d.path().join("no/dir/m.model");
    refused(
        &run(&[
            "train",
            data,
            "--out",
            missing_dir.to_str().unwrap(),
            "--min-df",
            "1",
        ]),
        &["cannot write the model", "no/dir/m.model"],
    );
    // a directory, or a path under a regular file, cannot take the model
    refused(
        &run(&[
            "train",
            data,
            "--out",
            d.path().to_str().unwrap(),
            "--min-df",
            "1",
        ]),
        &["output path is a directory"],
    );
    let under_file = Path::new(data).join("m.model");
    refused(
        &run(&[
            "train",
            data,
            "--out",
            under_file.to_str().unwrap(),
            "--min-df",
            "1",
        ]),
        &["news.jsonl/m.model"],
    );
    for (flag, value, want) in [
        ("--classifier", "forest", "invalid value 'forest'"),
        ("--ngram-range", "0..9", "ngram-range"),
        ("--min-df", "lots", "--min-df"),
        ("--max-df", "1.5", "--max-df"),
        ("--c", "-1", "--c"),
        ("--c", "zero", "--c"),
        ("--language", "klingon", "unknown language 'klingon'"),
        ("--stop-words", "/no/such/list.txt", "/no/such/list.txt"),
        ("--class-weight", "heavy", "invalid value 'heavy'"),
    ] {
        let arg = format!("{flag}={value}");
        let o = run(&["train", data, "--out", out_s, &arg]);
        assert_eq!(o.status.code(), Some(2), "{flag} {value}: {}", err(&o));
        assert!(err(&o).contains(want), "{flag} {value}: {}", err(&o));
        assert!(!out.exists());
    }
}

#[test]
fn damaged_models_are_named_for_what_is_wrong() {
    let d = tempfile::tempdir().unwrap();
    let good = std::fs::read(common::repo().join("models/stance.model")).unwrap();
    let doc = write(d.path(), "doc.jsonl", b"{\"text\": \"peace talks\"}\n");
    let mut version = good.clone();
    version[8..12].copy_from_slice(&7u32.to_le_bytes());
    let mut flipped = good.clone();
    flipped[good.len() / 3] ^= 0x04;
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.model", Vec::new(), "the model file is empty"),
        (
            "text.model",
            b"just some notes\n".to_vec(),
            "not a newsclass model file",
        ),
        (
            "json.model",
            b"{\"name\": \"topic\"}".to_vec(),
            "not a newsclass model file",
        ),
        ("magic.model", good[..5].to_vec(), "truncated model file"),
        ("header.model", good[..14].to_vec(), "truncated model file"),
        (
            "half.model",
            good[..good.len() / 2].to_vec(),
            "truncated model file",
        ),
        (
            "nocrc.model",
            good[..good.len() - 2].to_vec(),
            "truncated model file",
        ),
        (
            "version.model",
            version,
            "model format version 7, but this build of newsclass reads version 1",
        ),
        ("flipped.model", flipped, "checksum mismatch"),
        (
            "longer.model",
            [good.clone(), b"x".to_vec()].concat(),
            "unexpected bytes after the checksum",
        ),
    ];
    for (name, bytes, want) in cases {
        let m = write(d.path(), name, &bytes);
        let o = run(&[
            "score",
            "--model",
            m.to_str().unwrap(),
            doc.to_str().unwrap(),
            "--format",
            "jsonl",
        ]);
        refused(&o, &[name, want]);
        let o = run(&["inspect", "--model", m.to_str().unwrap()]);
        refused(&o, &[name, want]);
    }
    refused(
        &run(&["inspect", "--model", "/no/such.model"]),
        &["/no/such.model"],
    );
}

#[test]
fn a_task_of_the_other_kind_is_refused() {
    let repo = common::repo();
    let d = tempfile::tempdir().unwrap();
    // multi-label gold data against the single-label stance model
    let data = write(
        d.path(),
        "multi.jsonl",
        b"{\"text\": \"peace talks\", \"labels\": [\"optimistic\", \"neutral\"]}\n",
    );
    let o = run(&[
        "eval",
        "--model",
        repo.join("models/stance.model").to_str().unwrap(),
        data.to_str().unwrap(),
    ]);
    refused(
        &o,
        &[
            "multi.jsonl:1:",
            "a list of 2 labels, but this model is single-label",
        ],
    );
}

#[test]
fn empty_and_whitespace_texts_are_scored_and_flagged() {
    let repo = common::repo();
    let d = tempfile::tempdir().unwrap();
    let data = write(d.path(), "docs.jsonl", b"{\"id\": \"a\", \"text\": \"\"}\n{\"id\": \"b\", \"text\": \" \\t\\n \"}\n{\"id\": \"c\", \"text\": \"Talks resumed.\"}\n");
    let o = run(&[
        "score",
        "-m",
        repo.join("models/stance.model").to_str().unwrap(),
        data.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", err(&o));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    for l in &lines[..2] {
        assert_eq!(l["empty"], true);
        let sum: f64 = l["stance"]["scores"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_f64().unwrap())
            .sum();
        assert!((sum - 1.0).abs() < 1e-5);
    }
    assert!(lines[2].get("empty").is_none());
    // an empty article has no paragraphs, and is not an error
    let empty = write(d.path(), "empty.txt", b"  \n\n");
    let o = run(&[
        "score",
        "-m",
        repo.join("models/stance.model").to_str().unwrap(),
        empty.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(o.status.success(), "{}", err(&o));
}

/// SIGKILL while `train` writes its model: the previous model must still
/// load, whenever the kill lands, and a later run cleans up the temp file.
#[test]
fn killed_train_leaves_the_previous_model_loadable() {
    use std::io::Write;
    let d = tempfile::tempdir().unwrap();
    // a corpus with a large vocabulary, so writing the model takes a while
    let mut rng = newsclass::eval::split::SplitMix64::new(11);
    let path = d.path().join("big.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    for i in 0..6000 {
        let words: Vec<String> = (0..40).map(|_| format!("w{}", rng.below(40_000))).collect();
        let label = ["a", "b", "c"][i % 3];
        writeln!(
            f,
            "{}",
            serde_json::json!({"text": words.join(" "), "label": label})
        )
        .unwrap();
    }
    drop(f);
    let model = d.path().join("m.model");
    let args = [
        "train",
        path.to_str().unwrap(),
        "--out",
        model.to_str().unwrap(),
        "--min-df",
        "1",
        "--classifier",
        "nb",
        "-q",
    ];
    let t0 = std::time::Instant::now();
    assert!(run(&args).status.success());
    let full = t0.elapsed();
    let before = std::fs::read(&model).unwrap();
    for frac in [0.3, 0.6, 0.8, 0.9, 0.95, 0.99] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsclass"))
            .args(args)
            .spawn()
            .unwrap();
        std::thread::sleep(full.mul_f64(frac));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let loaded = newsclass::io::artifact::load(&model);
        assert!(loaded.is_ok(), "after a kill at {frac}: {:?}", loaded.err());
        // either the old model or a complete new one, never a mix
        assert_eq!(
            std::fs::read(&model).unwrap(),
            before,
            "the same data gives the same bytes"
        );
    }
    // a successful run removes what the killed ones left behind
    assert!(run(&args).status.success());
    let leftovers: Vec<_> = std::fs::read_dir(d.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
