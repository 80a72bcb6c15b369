//! Classifiers on sparse rows, fitted and applied through linfa's `Fit` and
//! `PredictInplace`, and the [`Classifier`] enum a model file stores.

pub mod dense;
pub mod labels;
pub mod nb;

use serde::{Deserialize, Serialize};

pub use labels::{LabelId, LabelSet};
pub use nb::{NaiveBayes, NaiveBayesParams, NbKind};

use crate::features::SparseRow;

/// A fitted single-label classifier, as stored in a model file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Classifier {
    /// Multinomial or complement naive Bayes.
    NaiveBayes(NaiveBayes),
}

impl Classifier {
    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        match self {
            Classifier::NaiveBayes(m) => m.n_classes(),
        }
    }

    /// Short name for display: `nb`, `cnb`, ...
    pub fn short_name(&self) -> &'static str {
        match self {
            Classifier::NaiveBayes(m) => match m.kind() {
                NbKind::Multinomial => "nb",
                NbKind::Complement => "cnb",
            },
        }
    }

    /// Raw decision scores per class.
    pub fn decision_into(&self, row: SparseRow<'_>, out: &mut [f64]) {
        match self {
            Classifier::NaiveBayes(m) => m.decision_into(row, out),
        }
    }

    /// Class probabilities (summing to 1).
    pub fn proba_into(&self, row: SparseRow<'_>, out: &mut [f64]) {
        self.decision_into(row, out);
        softmax(out);
    }

    /// Contribution of feature `j` with value `v` to class `c`'s decision.
    pub fn contribution(&self, j: usize, v: f32, c: usize) -> f64 {
        match self {
            Classifier::NaiveBayes(m) => m.contribution(j, v, c),
        }
    }

    /// Checks a loaded classifier against its pipeline and labels.
    pub fn validate(&self, n_features: usize, n_classes: usize) -> Result<(), String> {
        if self.n_classes() != n_classes {
            return Err(format!(
                "classifier has {} classes, labels {}",
                self.n_classes(),
                n_classes
            ));
        }
        match self {
            Classifier::NaiveBayes(m) => m.validate(n_features),
        }
    }
}

/// In-place softmax, stable for large scores.
pub fn softmax(s: &mut [f64]) {
    let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mut sum = 0.0;
    for v in s.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in s.iter_mut() {
        *v /= sum;
    }
}

/// Index of the largest value (the first on ties).
pub fn argmax(s: &[f64]) -> usize {
    let mut best = 0;
    for (i, &v) in s.iter().enumerate() {
        if v > s[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn softmax_sums_to_one() {
        let mut s = [1000.0, 1001.0, -5.0];
        softmax(&mut s);
        assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        assert!(s[1] > s[0] && s[0] > s[2]);
        assert_eq!(argmax(&[0.1, 0.5, 0.5]), 1);
    }
}
