//! The committed default models: rebuilt byte for byte by their documented
//! command, and loadable.

use std::process::Command;

use newsclass::io::artifact;
use newsclass::model::TaskKind;

use crate::common;

#[test]
fn default_models_rebuild_byte_identically() {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("bash")
        .arg(common::repo().join("models/build.sh"))
        .arg(dir.path())
        .env("NEWSCLASS", env!("CARGO_BIN_EXE_newsclass"))
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    for name in ["topic.model", "stance.model"] {
        let committed = std::fs::read(common::repo().join("models").join(name)).unwrap();
        let rebuilt = std::fs::read(dir.path().join(name)).unwrap();
        assert!(
            committed == rebuilt,
            "{name} differs from a rebuild: run `bash models/build.sh` and commit"
        );
    }
}

#[test]
fn default_models_load_with_the_documented_tasks() {
    let topic = artifact::load(&common::repo().join("models/topic.model"))
        .unwrap()
        .model;
    assert_eq!(topic.name, "topic");
    assert_eq!(topic.kind, TaskKind::MultiLabel);
    assert_eq!(
        topic.labels.names(),
        ["elections", "europe", "middle_east", "ukraine", "us_russia"]
    );
    let stance = artifact::load(&common::repo().join("models/stance.model"))
        .unwrap()
        .model;
    assert_eq!(stance.name, "stance");
    assert_eq!(stance.kind, TaskKind::SingleLabel);
    assert_eq!(
        stance.labels.names(),
        ["neutral", "optimistic", "skeptical"]
    );
}
