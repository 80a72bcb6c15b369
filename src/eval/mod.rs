//! Evaluation: metrics over predictions, seeded splits.

pub mod metrics;
pub mod split;

pub use metrics::{ClassMetrics, Report};
