//! Multinomial and complement naive Bayes on sparse rows.
//!
//! With `N[c][j]` the summed feature value of term j over the training rows
//! of class c, and smoothing `alpha`:
//!
//! * multinomial: `log P(j | c) = ln((N[c][j] + alpha) / sum_j (N[c][j] + alpha))`,
//!   and a row scores `ln P(c) + sum_j x_j log P(j | c)`;
//! * complement (Rennie et al., 2003): from the counts of every *other*
//!   class, `Nc[c][j] = sum_{k != c} N[k][j]`, the weight is
//!   `-ln((Nc[c][j] + alpha) / sum_j (Nc[c][j] + alpha))` and a row scores
//!   `sum_j x_j w[c][j]` (no prior, as in scikit-learn's `ComplementNB`).
//!
//! Probabilities are the softmax of the scores.

use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use ndarray::Array1;
use serde::{Deserialize, Serialize};

use super::dense::Weights;
use crate::error::{Error, Result};
use crate::features::{SparseRecords, SparseRow};

/// Which naive Bayes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NbKind {
    /// Multinomial naive Bayes.
    Multinomial,
    /// Complement naive Bayes: better on imbalanced classes and text.
    Complement,
}

/// Naive Bayes settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct NaiveBayesParams {
    /// The variant.
    pub kind: NbKind,
    /// Additive (Laplace/Lidstone) smoothing. Default: 1.0.
    pub alpha: f64,
    /// Number of classes; labels must be below it. Default: largest label + 1.
    pub n_classes: Option<usize>,
}

impl NaiveBayesParams {
    /// Defaults for `kind`.
    pub fn new(kind: NbKind) -> Self {
        NaiveBayesParams {
            kind,
            alpha: 1.0,
            n_classes: None,
        }
    }

    /// Sets the smoothing.
    pub fn alpha(mut self, alpha: f64) -> Self {
        self.alpha = alpha;
        self
    }
}

/// A fitted naive Bayes model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NaiveBayes {
    kind: NbKind,
    alpha: f64,
    /// `ln P(c)`, added to multinomial scores only.
    class_log_prior: Vec<f64>,
    /// Per-feature, per-class log weights (feature-major).
    weights: Weights,
}

impl Fit<SparseRecords, Array1<usize>, Error> for NaiveBayesParams {
    type Object = NaiveBayes;

    fn fit(&self, data: &DatasetBase<SparseRecords, Array1<usize>>) -> Result<NaiveBayes> {
        if !(self.alpha > 0.0 && self.alpha.is_finite()) {
            return Err(Error::param(
                "alpha",
                format!("{} must be positive", self.alpha),
            ));
        }
        let x = &data.records;
        let y = &data.targets;
        if x.n_rows() != y.len() {
            return Err(Error::Data(format!(
                "{} rows but {} labels",
                x.n_rows(),
                y.len()
            )));
        }
        if y.is_empty() {
            return Err(Error::Data("no training rows".into()));
        }
        let n_classes = self
            .n_classes
            .unwrap_or_else(|| y.iter().max().map_or(0, |m| m + 1));
        if let Some(&bad) = y.iter().find(|&&c| c >= n_classes) {
            return Err(Error::Data(format!(
                "label id {bad} >= n_classes {n_classes}"
            )));
        }
        let sample_w = |i: usize| -> f64 {
            if data.weights.is_empty() {
                1.0
            } else {
                data.weights[i] as f64
            }
        };
        let nf = x.n_features();
        // Summed values, class-major in f64 (exact enough, deterministic order).
        let mut counts = vec![vec![0.0f64; nf]; n_classes];
        let mut class_w = vec![0.0f64; n_classes];
        for (i, row) in x.rows().enumerate() {
            let (c, w) = (y[i], sample_w(i));
            class_w[c] += w;
            for (j, v) in row.iter() {
                counts[c][j] += w * v as f64;
            }
        }
        let total: f64 = class_w.iter().sum();
        let class_log_prior = class_w
            .iter()
            .map(|&w| {
                if w > 0.0 {
                    (w / total).ln()
                } else {
                    f64::NEG_INFINITY
                }
            })
            .map(|p| p.max(-1e30))
            .collect();
        let alpha = self.alpha;
        let columns: Vec<Vec<f64>> = match self.kind {
            NbKind::Multinomial => counts
                .iter()
                .map(|cnt| {
                    let denom = (cnt.iter().sum::<f64>() + alpha * nf as f64).ln();
                    cnt.iter().map(|&n| (n + alpha).ln() - denom).collect()
                })
                .collect(),
            NbKind::Complement => {
                let all: Vec<f64> = (0..nf).map(|j| counts.iter().map(|c| c[j]).sum()).collect();
                counts
                    .iter()
                    .map(|cnt| {
                        let comp: Vec<f64> =
                            all.iter().zip(cnt).map(|(a, n)| a - n + alpha).collect();
                        let denom = comp.iter().sum::<f64>().ln();
                        comp.iter().map(|&v| -(v.ln() - denom)).collect()
                    })
                    .collect()
            }
        };
        Ok(NaiveBayes {
            kind: self.kind,
            alpha,
            class_log_prior,
            weights: Weights::from_columns(&columns, nf),
        })
    }
}

impl NaiveBayes {
    /// The variant.
    pub fn kind(&self) -> NbKind {
        self.kind
    }

    /// The smoothing it was fitted with.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// Number of classes.
    pub fn n_classes(&self) -> usize {
        self.class_log_prior.len()
    }

    /// Number of outputs (one per class).
    pub fn n_outputs(&self) -> usize {
        self.n_classes()
    }

    /// Number of features.
    pub fn n_features(&self) -> usize {
        self.weights.n_features()
    }

    /// The per-feature log weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// Joint log-likelihood per class (complement: the complement score).
    pub fn decision_into(&self, row: SparseRow<'_>, out: &mut [f64]) {
        match self.kind {
            NbKind::Multinomial => out.copy_from_slice(&self.class_log_prior),
            NbKind::Complement => out.iter_mut().for_each(|o| *o = 0.0),
        }
        self.weights.accumulate(row, out);
    }

    /// How much feature `j` with value `v` moves class `c`'s score above
    /// the mean of the classes: the part of the decision a reader can see.
    pub fn contribution(&self, j: usize, v: f32, c: usize) -> f64 {
        let k = self.n_classes() as f64;
        let mean: f64 = (0..self.n_classes())
            .map(|o| self.weights.get(j, o) as f64)
            .sum::<f64>()
            / k;
        v as f64 * (self.weights.get(j, c) as f64 - mean)
    }

    /// Checks a loaded model.
    pub fn validate(&self, n_features: usize) -> std::result::Result<(), String> {
        if self.weights.n_features() != n_features || self.weights.n_outputs() != self.n_classes() {
            return Err(format!(
                "naive Bayes weights are {}x{}, expected {}x{}",
                self.weights.n_features(),
                self.weights.n_outputs(),
                n_features,
                self.n_classes()
            ));
        }
        Ok(())
    }
}

crate::classify::predict_argmax!(NaiveBayes);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::SparseVec;
    use linfa::traits::Predict;

    fn toy() -> DatasetBase<SparseRecords, Array1<usize>> {
        // features: 0 = "peace", 1 = "war", 2 = "oil"
        let rows = [
            SparseVec {
                indices: vec![0],
                values: vec![2.0],
            },
            SparseVec {
                indices: vec![0, 2],
                values: vec![1.0, 1.0],
            },
            SparseVec {
                indices: vec![1],
                values: vec![3.0],
            },
        ];
        DatasetBase::new(
            SparseRecords::from_rows(3, &rows),
            Array1::from(vec![0, 0, 1]),
        )
    }

    #[test]
    fn multinomial_matches_hand_computation() {
        let nb = NaiveBayesParams::new(NbKind::Multinomial)
            .fit(&toy())
            .unwrap();
        // class 0 counts: [3, 0, 1] + 1 -> [4, 1, 2] / 7; class 1: [0, 3, 0] + 1 -> [1, 4, 1] / 6
        let w = nb.weights();
        assert!((w.get(0, 0) as f64 - (4.0f64 / 7.0).ln()).abs() < 1e-6);
        assert!((w.get(1, 1) as f64 - (4.0f64 / 6.0).ln()).abs() < 1e-6);
        assert!((nb.class_log_prior[0] - (2.0f64 / 3.0).ln()).abs() < 1e-12);
        let pred = nb.predict(&toy());
        assert_eq!(pred.to_vec(), vec![0, 0, 1]);
    }

    #[test]
    fn complement_matches_hand_computation() {
        let nb = NaiveBayesParams::new(NbKind::Complement)
            .fit(&toy())
            .unwrap();
        // complement of class 0 = counts of class 1 [0,3,0] + 1 = [1,4,1] / 6
        let w = nb.weights();
        assert!((w.get(1, 0) as f64 + (4.0f64 / 6.0).ln()).abs() < 1e-6);
        // complement of class 1 = [3,0,1] + 1 = [4,1,2] / 7
        assert!((w.get(0, 1) as f64 + (4.0f64 / 7.0).ln()).abs() < 1e-6);
        assert_eq!(nb.predict(&toy()).to_vec(), vec![0, 0, 1]);
    }

    #[test]
    fn bad_alpha_is_refused() {
        let e = NaiveBayesParams::new(NbKind::Multinomial)
            .alpha(0.0)
            .fit(&toy())
            .unwrap_err();
        assert!(e.to_string().contains("alpha"));
    }
}
