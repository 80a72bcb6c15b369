//! Features: vocabulary, TF-IDF weighting, sparse rows and the fitted
//! [`Pipeline`].

pub mod pipeline;
pub mod sparse;
pub mod tfidf;
pub mod vocab;

pub use pipeline::{Pipeline, PipelineParams, Scratch};
pub use sparse::{SparseRecords, SparseRow, SparseVec};
pub use tfidf::{Norm, TfIdfParams};
pub use vocab::{DocFreq, TermId, Vocabulary};
