//! Classifiers on sparse rows, fitted and applied through linfa's `Fit` and
//! `PredictInplace`, and the [`Classifier`] enum a model file stores.

/// linfa's `PredictInplace` for a model that scores rows: the class with
/// the largest decision value per row.
macro_rules! predict_argmax {
    ($model:ty) => {
        impl linfa::traits::PredictInplace<crate::features::SparseRecords, ndarray::Array1<usize>>
            for $model
        {
            fn predict_inplace(
                &self,
                x: &crate::features::SparseRecords,
                y: &mut ndarray::Array1<usize>,
            ) {
                let mut s = vec![0.0; self.n_outputs()];
                for (i, row) in x.rows().enumerate() {
                    self.decision_into(row, &mut s);
                    y[i] = crate::classify::argmax(&s);
                }
            }

            fn default_target(&self, x: &crate::features::SparseRecords) -> ndarray::Array1<usize> {
                ndarray::Array1::zeros(x.n_rows())
            }
        }
    };
}
pub(crate) use predict_argmax;

pub mod calibrate;
pub mod dense;
pub mod labels;
pub mod linear;
pub mod logreg;
pub mod nb;
pub mod svm;
pub mod trainer;

use serde::{Deserialize, Serialize};

pub use labels::{LabelId, LabelSet};
pub use linear::{ClassWeight, LinearModel};
pub use logreg::LogisticRegressionParams;
pub use nb::{NaiveBayes, NaiveBayesParams, NbKind};
pub use svm::LinearSvmParams;
pub use trainer::{ClassifierParams, FitSettings, TaskTargets, Trained};

use crate::features::SparseRow;

/// A fitted classifier, as stored in a model file. New variants are only
/// ever appended (the file stores the variant index).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Classifier {
    /// Multinomial or complement naive Bayes.
    NaiveBayes(NaiveBayes),
    /// Logistic regression or linear SVM.
    Linear(LinearModel),
}

impl Classifier {
    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        match self {
            Classifier::NaiveBayes(m) => m.n_classes(),
            Classifier::Linear(m) => m.n_outputs(),
        }
    }

    /// Short name for display: `nb`, `cnb`, ...
    pub fn short_name(&self) -> &'static str {
        match self {
            Classifier::NaiveBayes(m) => match m.kind() {
                NbKind::Multinomial => "nb",
                NbKind::Complement => "cnb",
            },
            Classifier::Linear(m) => match m.loss {
                linear::Loss::Logistic => "logreg",
                linear::Loss::SquaredHinge => "svm",
            },
        }
    }

    /// Raw decision scores per class.
    pub fn decision_into(&self, row: SparseRow<'_>, out: &mut [f64]) {
        match self {
            Classifier::NaiveBayes(m) => m.decision_into(row, out),
            Classifier::Linear(m) => m.decision_into(row, out),
        }
    }

    /// Probabilities per output. With `single_label` they sum to 1;
    /// otherwise each is the probability of its own label.
    pub fn proba_into(&self, row: SparseRow<'_>, out: &mut [f64], single_label: bool) {
        match self {
            Classifier::NaiveBayes(m) => {
                m.decision_into(row, out);
                softmax(out);
            }
            Classifier::Linear(m) => m.proba_into(row, out, single_label),
        }
    }

    /// Contribution of feature `j` with value `v` to class `c`'s decision.
    pub fn contribution(&self, j: usize, v: f32, c: usize) -> f64 {
        match self {
            Classifier::NaiveBayes(m) => m.contribution(j, v, c),
            Classifier::Linear(m) => m.contribution(j, v, c),
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
            Classifier::Linear(m) => m.validate(n_features),
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
