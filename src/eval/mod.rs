//! Evaluation: metrics over predictions.

pub mod metrics;

pub use metrics::{ClassMetrics, Report};
