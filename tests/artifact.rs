//! Model files: save, load, same scores; byte-identical output; every kind
//! of damage detected and named.

use newsclass::classify::{NaiveBayesParams, NbKind};
use newsclass::error::{Error, ModelError};
use newsclass::io::artifact::{self, FORMAT_VERSION, MAGIC};
use newsclass::model::{ClassifierParams, Model};

use crate::common;

fn trained(kind: NbKind) -> Model {
    let params = common::small_params(ClassifierParams::NaiveBayes(NaiveBayesParams::new(kind)));
    Model::fit("news", &common::news_records(), &params).unwrap()
}

#[test]
fn save_load_scores_identically() {
    let dir = tempfile::tempdir().unwrap();
    for kind in [NbKind::Multinomial, NbKind::Complement] {
        let m = trained(kind);
        let path = dir.path().join("m.model");
        artifact::save(&m, &path).unwrap();
        let back = artifact::load(&path).unwrap();
        assert_eq!(back.crate_version, env!("CARGO_PKG_VERSION"));
        assert_eq!(back.model, m);
        for text in ["peace talks in Geneva", "shares rallied", "a late goal", ""] {
            assert_eq!(
                back.model.predict(text, None),
                m.predict(text, None),
                "{text}"
            );
        }
    }
}

#[test]
fn header_is_magic_then_version() {
    let bytes = artifact::to_bytes(&trained(NbKind::Complement)).unwrap();
    assert_eq!(&bytes[..8], MAGIC);
    assert_eq!(&bytes[..8], b"NEWSCLAS");
    assert_eq!(
        u32::from_le_bytes(bytes[8..12].try_into().unwrap()),
        FORMAT_VERSION
    );
    let len = u64::from_le_bytes(bytes[12..20].try_into().unwrap());
    assert_eq!(bytes.len() as u64, 20 + len + 4);
}

#[test]
fn same_data_same_bytes_whatever_the_threads() {
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap();
    let three = rayon::ThreadPoolBuilder::new()
        .num_threads(3)
        .build()
        .unwrap();
    let a = one.install(|| artifact::to_bytes(&trained(NbKind::Complement)).unwrap());
    let b = three.install(|| artifact::to_bytes(&trained(NbKind::Complement)).unwrap());
    assert_eq!(a, b);
}

fn load_err(bytes: &[u8]) -> ModelError {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.model");
    std::fs::write(&p, bytes).unwrap();
    match artifact::load(&p).unwrap_err() {
        Error::Model { path, kind } => {
            assert_eq!(path, p);
            kind
        }
        e => panic!("unexpected error {e}"),
    }
}

#[test]
fn damaged_files_are_named_for_what_is_wrong() {
    let good = artifact::to_bytes(&trained(NbKind::Complement)).unwrap();
    assert_eq!(load_err(b""), ModelError::Empty);
    assert_eq!(
        load_err(b"{\"text\": \"not a model\"}\n"),
        ModelError::NotAModel
    );
    // truncated at every length class: inside the magic, the header, the payload, the checksum
    for cut in [3, 8, 15, 20, 100, good.len() / 2, good.len() - 1] {
        let e = load_err(&good[..cut]);
        assert!(matches!(e, ModelError::Truncated { .. }), "cut {cut}: {e}");
        assert!(e.to_string().contains("truncated"), "{e}");
    }
    let mut longer = good.clone();
    longer.push(0);
    assert!(matches!(
        load_err(&longer),
        ModelError::TrailingBytes { extra: 1 }
    ));
    let mut other_version = good.clone();
    other_version[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let e = load_err(&other_version);
    assert_eq!(
        e,
        ModelError::Version {
            found: FORMAT_VERSION + 1,
            expected: FORMAT_VERSION
        }
    );
    assert!(e.to_string().contains("format version 2"), "{e}");
    // one flipped bit anywhere in the payload or checksum
    for pos in [20, good.len() / 2, good.len() - 2] {
        let mut flipped = good.clone();
        flipped[pos] ^= 0x10;
        let e = load_err(&flipped);
        assert!(
            matches!(e, ModelError::Checksum { .. }),
            "bit at {pos}: {e}"
        );
    }
}

#[test]
fn failed_save_leaves_old_model_intact() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.model");
    let m = trained(NbKind::Complement);
    artifact::save(&m, &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    // a directory where the model should go cannot be replaced
    let e = artifact::save(&m, dir.path()).unwrap_err();
    assert!(e.to_string().contains("directory"), "{e}");
    // a missing parent directory is an error naming the path
    let missing = dir.path().join("no/such/dir/m.model");
    let e = artifact::save(&m, &missing).unwrap_err();
    assert!(e.to_string().contains("no/such/dir/m.model"), "{e}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    // no temporary files are left behind
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

fn linear(classifier: ClassifierParams) -> newsclass::model::TrainParams {
    common::small_params(classifier)
}

#[test]
fn every_classifier_scores_identically_after_load() {
    use newsclass::classify::{LinearSvmParams, LogisticRegressionParams};
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(Model, Vec<&str>)> = vec![
        (
            Model::fit(
                "svm",
                &common::news_records(),
                &linear(ClassifierParams::LinearSvm(LinearSvmParams::default())),
            )
            .unwrap(),
            vec!["peace talks", "shares rallied", ""],
        ),
        (
            Model::fit(
                "lr",
                &common::news_records(),
                &linear(ClassifierParams::LogisticRegression(
                    LogisticRegressionParams::default(),
                )),
            )
            .unwrap(),
            vec!["peace talks", "a late goal", "zzz"],
        ),
        (
            Model::fit(
                "topics",
                &common::topic_records(),
                &linear(ClassifierParams::LinearSvm(LinearSvmParams::default())),
            )
            .unwrap(),
            vec!["drones over the front line", "a ballot in Kyiv", "rain"],
        ),
    ];
    for (m, texts) in cases {
        let path = dir.path().join(format!("{}.model", m.name));
        artifact::save(&m, &path).unwrap();
        let back = artifact::load(&path).unwrap().model;
        assert_eq!(back, m);
        for t in texts {
            assert_eq!(
                back.predict(t, None),
                m.predict(t, None),
                "{} / {t}",
                m.name
            );
        }
    }
}

#[test]
fn multi_label_predicts_sets_with_thresholds() {
    use newsclass::classify::LinearSvmParams;
    use newsclass::model::TaskKind;
    let m = Model::fit(
        "topics",
        &common::topic_records(),
        &linear(ClassifierParams::LinearSvm(LinearSvmParams::default())),
    )
    .unwrap();
    assert_eq!(m.kind, TaskKind::MultiLabel);
    assert_eq!(m.labels.names(), ["elections", "ukraine"]);
    let th = m.estimator.thresholds.as_ref().unwrap();
    assert_eq!(th.len(), 2);
    assert!(th.iter().all(|t| (0.0..=1.0).contains(t)));
    let names = |text: &str| -> Vec<String> {
        m.predict(text, None)
            .labels
            .iter()
            .map(|l| m.labels.name(*l).to_string())
            .collect()
    };
    assert_eq!(names("Artillery shelled the front line"), ["ukraine"]);
    assert_eq!(names("Turnout at the ballot was high"), ["elections"]);
    assert!(names("The museum opened a wing").is_empty());
}

#[test]
fn stance_targets_get_blocks_and_unseen_targets_use_shared_weights() {
    use newsclass::classify::LogisticRegressionParams;
    let mut params = linear(ClassifierParams::LogisticRegression(
        LogisticRegressionParams::default(),
    ));
    params.target_field = Some("target".into());
    let m = Model::fit("stance", &common::stance_records(), &params).unwrap();
    let targets: Vec<&str> = m.estimator.targets.keys().map(String::as_str).collect();
    assert_eq!(targets, ["taxes", "transit"]);
    assert_eq!(
        m.estimator.n_features(),
        m.estimator.pipeline.n_features()
            + m.estimator
                .targets
                .values()
                .map(|p| p.n_features())
                .sum::<usize>()
    );
    let label = |text: &str, target: Option<&str>| {
        m.labels.name(m.predict(text, target).labels[0]).to_string()
    };
    assert_eq!(label("a great plan, we support it", Some("taxes")), "FAVOR");
    assert_eq!(
        label("a terrible plan, we oppose it", Some("transit")),
        "AGAINST"
    );
    // a target never seen in training is scored by the shared weights
    assert_eq!(
        label("a great plan, we support it", Some("housing")),
        "FAVOR"
    );
    assert_eq!(label("a terrible plan, we oppose it", None), "AGAINST");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stance.model");
    artifact::save(&m, &path).unwrap();
    let back = artifact::load(&path).unwrap().model;
    assert_eq!(
        back.predict("great plan", Some("taxes")),
        m.predict("great plan", Some("taxes"))
    );
}
