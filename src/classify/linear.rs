//! The fitted form shared by logistic regression and the linear SVM:
//! one weight column and one intercept per output, and a link that turns
//! decision values into probabilities.

use serde::{Deserialize, Serialize};

use super::dense::Weights;
use super::softmax;
use crate::features::SparseRow;

/// How decision values become probabilities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Link {
    /// Multinomial: softmax over the outputs (they sum to 1).
    Softmax,
    /// Each output on its own: `1 / (1 + exp(-f))` (logistic regression one-vs-rest).
    Logistic,
    /// Each output on its own through a fitted sigmoid
    /// `1 / (1 + exp(a f + b))` (Platt scaling, for SVM scores).
    Platt {
        /// Slope per output (negative for a useful scorer).
        a: Vec<f64>,
        /// Offset per output.
        b: Vec<f64>,
    },
}

/// What the solver reported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolverInfo {
    /// Inverse regularization strength used.
    pub c: f64,
    /// Iterations (epochs for coordinate descent) per sub-problem.
    pub iterations: Vec<u32>,
    /// Whether every sub-problem met its tolerance.
    pub converged: bool,
}

/// Which loss the weights were fitted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Loss {
    /// Logistic (cross-entropy) loss: logistic regression.
    Logistic,
    /// Squared hinge loss: linear SVM.
    SquaredHinge,
}

/// A fitted linear model over sparse rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinearModel {
    /// The loss it was fitted with.
    pub loss: Loss,
    /// Weights, feature-major (`n_features x n_outputs`).
    pub weights: Weights,
    /// Intercept per output.
    pub bias: Vec<f64>,
    /// Decision values -> probabilities.
    pub link: Link,
    /// Solver report.
    pub info: SolverInfo,
}

impl LinearModel {
    /// Number of outputs.
    pub fn n_outputs(&self) -> usize {
        self.bias.len()
    }

    /// Decision values `w_k . x + b_k`.
    pub fn decision_into(&self, row: SparseRow<'_>, out: &mut [f64]) {
        out.copy_from_slice(&self.bias);
        self.weights.accumulate(row, out);
    }

    /// Per-output probabilities; with `normalize` (single-label tasks) they
    /// are scaled to sum to 1.
    pub fn proba_into(&self, row: SparseRow<'_>, out: &mut [f64], normalize: bool) {
        self.decision_into(row, out);
        match &self.link {
            Link::Softmax => {
                softmax(out);
                return;
            }
            Link::Logistic => out.iter_mut().for_each(|f| *f = sigmoid(*f)),
            Link::Platt { a, b } => out
                .iter_mut()
                .enumerate()
                .for_each(|(k, f)| *f = sigmoid(-(a[k] * *f + b[k]))),
        }
        if normalize {
            let s: f64 = out.iter().sum();
            if s > 0.0 {
                out.iter_mut().for_each(|p| *p /= s);
            } else {
                let u = 1.0 / out.len() as f64;
                out.iter_mut().for_each(|p| *p = u);
            }
        }
    }

    /// Contribution of feature `j` (value `v`) to output `c`: `w[j][c] * v`.
    pub fn contribution(&self, j: usize, v: f32, c: usize) -> f64 {
        let w = self.weights.get(j, c) as f64;
        match self.link {
            // softmax is invariant to a shift shared by all outputs, so
            // what moves class c is its weight relative to the mean.
            Link::Softmax => {
                let k = self.n_outputs() as f64;
                let mean: f64 = (0..self.n_outputs())
                    .map(|o| self.weights.get(j, o) as f64)
                    .sum::<f64>()
                    / k;
                v as f64 * (w - mean)
            }
            _ => v as f64 * w,
        }
    }

    /// Checks a loaded model.
    pub fn validate(&self, n_features: usize) -> Result<(), String> {
        let k = self.n_outputs();
        if self.weights.n_features() != n_features || self.weights.n_outputs() != k {
            return Err(format!(
                "linear weights are {}x{}, expected {}x{}",
                self.weights.n_features(),
                self.weights.n_outputs(),
                n_features,
                k
            ));
        }
        if let Link::Platt { a, b } = &self.link {
            if a.len() != k || b.len() != k {
                return Err("calibration does not match the outputs".into());
            }
        }
        if self.bias.iter().any(|b| !b.is_finite()) {
            return Err("non-finite intercept".into());
        }
        Ok(())
    }
}

/// The logistic function, stable for large |x|.
#[inline]
pub fn sigmoid(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// Class weights for imbalanced data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ClassWeight {
    /// Every document counts the same.
    #[default]
    Uniform,
    /// Weight each class by `n / (n_classes * n_c)` (scikit-learn's "balanced").
    Balanced,
}

impl ClassWeight {
    /// Per-class weights for labels `y` over `n_classes`.
    pub fn weights(self, y: &[usize], n_classes: usize) -> Vec<f64> {
        match self {
            ClassWeight::Uniform => vec![1.0; n_classes],
            ClassWeight::Balanced => {
                let mut counts = vec![0usize; n_classes];
                y.iter().for_each(|&c| counts[c] += 1);
                let n = y.len() as f64;
                counts
                    .iter()
                    .map(|&c| {
                        if c == 0 {
                            1.0
                        } else {
                            n / (n_classes as f64 * c as f64)
                        }
                    })
                    .collect()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::SparseVec;

    fn model(link: Link) -> LinearModel {
        LinearModel {
            loss: Loss::SquaredHinge,
            weights: Weights::from_columns(&[vec![1.0, -0.5], vec![-1.0, 0.5], vec![0.2, 0.2]], 2),
            bias: vec![0.0, 0.1, -0.3],
            link,
            info: SolverInfo {
                c: 1.0,
                iterations: vec![1],
                converged: true,
            },
        }
    }

    #[test]
    fn calibrated_probabilities_sum_to_one_and_follow_the_score() {
        let platt = Link::Platt {
            a: vec![-2.0, -1.5, -3.0],
            b: vec![0.1, 0.0, 0.2],
        };
        for link in [Link::Softmax, Link::Logistic, platt] {
            let m = model(link.clone());
            let mut last: Option<f64> = None;
            for step in 0..20 {
                let x = step as f32 / 10.0 - 1.0;
                let row = SparseVec {
                    indices: vec![0],
                    values: vec![x],
                };
                let mut p = [0.0; 3];
                m.proba_into(row.view(), &mut p, true);
                assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-12, "{link:?}");
                // multi-label probabilities are each in [0, 1] and rise with the score
                let mut q = [0.0; 3];
                m.proba_into(row.view(), &mut q, false);
                assert!(q.iter().all(|v| (0.0..=1.0).contains(v)));
                if !matches!(link, Link::Softmax) {
                    if let Some(prev) = last {
                        assert!(q[0] >= prev, "output 0 must rise with its score");
                    }
                    last = Some(q[0]);
                }
            }
        }
    }
}
