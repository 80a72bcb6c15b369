//! newsclass: statistical text classification of news.
//!
//! The pipeline, in order:
//!
//! 1. **normalize** — lowercase; fold curly and straight apostrophes and quotes
//!    ([`text::normalize`]);
//! 2. **tokenize** — words of letters and digits, numbers, links
//!    ([`text::tokenize`]);
//! 3. **stop words** — our English list or yours ([`text::stopwords`]);
//! 4. **stem** — Snowball via rust-stemmers, cached per thread ([`text::stem`]);
//! 5. **n-grams** — over the stemmed stream, 1–2 by default ([`text::ngrams`]);
//! 6. **vocabulary** — sorted terms pruned by document frequency
//!    ([`features::vocab`]);
//! 7. **TF-IDF** — sublinear tf, smooth idf frozen at fit, L2 rows
//!    ([`features::tfidf`]) as sparse rows ([`features::SparseRecords`]);
//! 8. **classify** — naive Bayes and linear models on sparse rows, through
//!    linfa's `Fit` / `PredictInplace` ([`classify`]);
//! 9. **save** — one versioned, checksummed file per model ([`io::artifact`]).
//!
//! ```
//! use newsclass::features::{DocFreq, PipelineParams};
//! use newsclass::io::{artifact, Labels, Record};
//! use newsclass::model::{Model, TrainParams};
//!
//! let src: std::sync::Arc<std::path::Path> = std::path::Path::new("inline").into();
//! let docs = [
//!     ("Envoys resumed peace talks in Geneva.", "diplomacy"),
//!     ("The envoy said the talks were constructive.", "diplomacy"),
//!     ("Shares fell as oil prices climbed.", "markets"),
//!     ("Oil prices and shares rallied.", "markets"),
//! ];
//! let records: Vec<Record> = docs
//!     .iter()
//!     .enumerate()
//!     .map(|(i, (text, label))| Record {
//!         id: None,
//!         text: text.to_string(),
//!         labels: Some(Labels::Single(label.to_string())),
//!         target: None,
//!         line: i as u64 + 1,
//!         source: src.clone(),
//!     })
//!     .collect();
//! let mut params = TrainParams::default();
//! params.pipeline = PipelineParams { min_df: DocFreq::Count(1), ..Default::default() };
//! let model = Model::fit("desk", &records, &params)?;
//!
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("desk.model");
//! artifact::save(&model, &path)?;
//! let loaded = artifact::load(&path)?.model;
//!
//! let p = loaded.predict("New round of peace talks", None);
//! assert_eq!(loaded.labels.name(p.labels[0]), "diplomacy");
//! assert!((p.scores.iter().sum::<f64>() - 1.0).abs() < 1e-9);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]

pub mod classify;
pub mod error;
pub mod eval;
pub mod features;
pub mod io;
pub mod model;
pub mod score;
pub mod text;

pub use error::{Error, Result};
pub use features::{Pipeline, PipelineParams};
pub use model::{Model, TrainParams};
