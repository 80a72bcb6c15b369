//! Linear SVM: L2-regularized squared-hinge loss, solved in the dual by
//! coordinate descent (Hsieh, Chang, Lin, Keerthi and Sundararajan, 2008 —
//! the method of LIBLINEAR's `-s 1`), one-vs-rest across outputs.
//!
//! Primal, for one output with labels `y_i = ±1` and per-document costs `C_i`:
//! `min_w 1/2 |w|^2 + sum_i C_i max(0, 1 - y_i w.x_i)^2`, with the intercept
//! as an extra feature of value 1 (regularized, as in LIBLINEAR and
//! scikit-learn's `LinearSVC`). The dual is
//! `min_a 1/2 a'(Q + D)a - e'a, a >= 0`, `Q_ij = y_i y_j x_i.x_j`,
//! `D_ii = 1 / (2 C_i)`; each step solves one coordinate exactly and keeps
//! `w = sum_i a_i y_i x_i` up to date. Coordinates stuck at the bound are
//! shrunk away, and the run stops when the projected-gradient spread falls
//! below `tol`.

use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use ndarray::Array1;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::dense::Weights;
use super::linear::{ClassWeight, LinearModel, Link, Loss, SolverInfo};
use crate::error::{Error, Result};
use crate::eval::split::{derive_seed, SplitMix64};
use crate::features::SparseRecords;

/// Linear SVM settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LinearSvmParams {
    /// Inverse regularization strength. Default: 1.0.
    pub c: f64,
    /// Class weighting. Default: uniform.
    pub class_weight: ClassWeight,
    /// Stopping tolerance on the projected-gradient spread. Default: 0.1,
    /// LIBLINEAR's default for its dual solvers (tighter values cost epochs
    /// and, on text, do not change predictions measurably).
    pub tol: f64,
    /// Most epochs per output. Default: 1000.
    pub max_iter: u32,
    /// Seed for the coordinate order.
    pub seed: u64,
    /// Number of classes. Default: largest label + 1.
    pub n_classes: Option<usize>,
}

impl Default for LinearSvmParams {
    fn default() -> Self {
        LinearSvmParams {
            c: 1.0,
            class_weight: ClassWeight::Uniform,
            tol: 0.1,
            max_iter: 1000,
            seed: 0,
            n_classes: None,
        }
    }
}

/// One binary sub-problem's solution.
#[derive(Debug, Clone)]
pub struct BinarySolution {
    /// Weights, one per feature.
    pub w: Vec<f64>,
    /// Intercept.
    pub b: f64,
    /// Epochs run.
    pub iterations: u32,
    /// Whether `tol` was met.
    pub converged: bool,
    /// The dual variables, one per row (for warm starts).
    pub alpha: Vec<f64>,
}

/// Solves one binary squared-hinge SVM by dual coordinate descent.
/// `y[i]` is `+1.0` or `-1.0`, `cost[i]` is `C_i > 0`.
pub fn solve_binary(
    x: &SparseRecords,
    y: &[f64],
    cost: &[f64],
    tol: f64,
    max_iter: u32,
    seed: u64,
) -> BinarySolution {
    solve_binary_from(x, y, cost, tol, max_iter, seed, None)
}

/// [`solve_binary`] starting from dual variables `init` (one per row, >= 0),
/// e.g. the solution on a superset of the rows: the solver then needs only
/// a few epochs. The optimum does not depend on the start.
pub fn solve_binary_from(
    x: &SparseRecords,
    y: &[f64],
    cost: &[f64],
    tol: f64,
    max_iter: u32,
    seed: u64,
    init: Option<&[f64]>,
) -> BinarySolution {
    let n = x.n_rows();
    let mut w = vec![0.0f64; x.n_features()];
    let mut b = 0.0f64;
    let mut alpha = vec![0.0f64; n];
    if let Some(init) = init {
        for (i, &a) in init.iter().enumerate().take(n) {
            if a > 0.0 && a.is_finite() {
                alpha[i] = a;
                let d = a * y[i];
                for (j, v) in x.row(i).iter() {
                    w[j] += d * v as f64;
                }
                b += d;
            }
        }
    }
    let diag: Vec<f64> = cost.iter().map(|c| 0.5 / c).collect();
    // Q_ii + D_ii, with the intercept feature (value 1) included.
    let qd: Vec<f64> = (0..n).map(|i| x.row(i).sq_norm() + 1.0 + diag[i]).collect();
    let mut active: Vec<usize> = (0..n).collect();
    let mut rng = SplitMix64::new(seed);
    let mut pg_max_old = f64::INFINITY;
    let mut iter = 0;
    let mut converged = false;
    while iter < max_iter {
        iter += 1;
        let (mut pg_max, mut pg_min) = (f64::NEG_INFINITY, f64::INFINITY);
        rng.shuffle(&mut active);
        let mut s = 0;
        while s < active.len() {
            let i = active[s];
            let row = x.row(i);
            let yi = y[i];
            let g = yi * (row.dot64(&w) + b) - 1.0 + diag[i] * alpha[i];
            let mut pg = 0.0;
            if alpha[i] == 0.0 {
                if g > pg_max_old {
                    // at the bound and pushing outward: shrink it away
                    active.swap_remove(s);
                    continue;
                } else if g < 0.0 {
                    pg = g;
                }
            } else {
                pg = g;
            }
            pg_max = pg_max.max(pg);
            pg_min = pg_min.min(pg);
            if pg.abs() > 1e-12 {
                let old = alpha[i];
                alpha[i] = (old - g / qd[i]).max(0.0);
                let d = (alpha[i] - old) * yi;
                for (j, v) in row.iter() {
                    w[j] += d * v as f64;
                }
                b += d;
            }
            s += 1;
        }
        if pg_max - pg_min <= tol {
            if active.len() == n {
                converged = true;
                break;
            }
            // looked converged on the shrunk set: check again on all
            active = (0..n).collect();
            pg_max_old = f64::INFINITY;
            continue;
        }
        // (no upper bound on alpha for the squared hinge, so only the
        // lower bound is ever shrunk)
        pg_max_old = if pg_max <= 0.0 { f64::INFINITY } else { pg_max };
    }
    BinarySolution {
        w,
        b,
        iterations: iter,
        converged,
        alpha,
    }
}

/// One-vs-rest over outputs: output `k` has positives `pos[k]` and per-document
/// costs from `cost(k, i, positive)`. Outputs are solved in parallel, each
/// with its own seed, so the result does not depend on the thread count.
pub fn solve_ovr(
    x: &SparseRecords,
    pos: &[Vec<bool>],
    cost: &(dyn Fn(usize, usize, bool) -> f64 + Sync),
    tol: f64,
    max_iter: u32,
    seed: u64,
) -> Vec<BinarySolution> {
    solve_ovr_from(x, pos, cost, tol, max_iter, seed, None)
}

/// [`solve_ovr`] with a warm start per output (`init[k]`, one value per row).
pub fn solve_ovr_from(
    x: &SparseRecords,
    pos: &[Vec<bool>],
    cost: &(dyn Fn(usize, usize, bool) -> f64 + Sync),
    tol: f64,
    max_iter: u32,
    seed: u64,
    init: Option<&[Vec<f64>]>,
) -> Vec<BinarySolution> {
    pos.par_iter()
        .enumerate()
        .map(|(k, p)| {
            let y: Vec<f64> = p.iter().map(|&t| if t { 1.0 } else { -1.0 }).collect();
            let c: Vec<f64> = p.iter().enumerate().map(|(i, &t)| cost(k, i, t)).collect();
            let start = init.map(|a| a[k].as_slice());
            solve_binary_from(x, &y, &c, tol, max_iter, derive_seed(seed, k as u64), start)
        })
        .collect()
}

/// Packs per-output solutions into a linear model.
pub fn assemble(
    sols: &[BinarySolution],
    n_features: usize,
    c: f64,
    link: Link,
    loss: Loss,
) -> LinearModel {
    let cols: Vec<Vec<f64>> = sols.iter().map(|s| s.w.clone()).collect();
    LinearModel {
        loss,
        weights: Weights::from_columns(&cols, n_features),
        bias: sols.iter().map(|s| s.b).collect(),
        link,
        info: SolverInfo {
            c,
            iterations: sols.iter().map(|s| s.iterations).collect(),
            converged: sols.iter().all(|s| s.converged),
        },
    }
}

impl LinearSvmParams {
    pub(crate) fn check(&self) -> Result<()> {
        if !(self.c > 0.0 && self.c.is_finite()) {
            return Err(Error::param("c", format!("{} must be positive", self.c)));
        }
        if self.tol.is_nan() || self.tol <= 0.0 {
            return Err(Error::param(
                "tol",
                format!("{} must be positive", self.tol),
            ));
        }
        Ok(())
    }
}

/// Membership matrix for single-label one-vs-rest: `pos[k][i] = (y[i] == k)`.
pub fn one_vs_rest(y: &[usize], n_classes: usize) -> Vec<Vec<bool>> {
    (0..n_classes)
        .map(|k| y.iter().map(|&c| c == k).collect())
        .collect()
}

impl Fit<SparseRecords, Array1<usize>, Error> for LinearSvmParams {
    type Object = LinearModel;

    /// Fits one output per class; the link is left as uncalibrated
    /// `Logistic` — [`crate::classify::calibrate`] replaces it with a Platt
    /// sigmoid fitted on held-out folds.
    fn fit(&self, data: &DatasetBase<SparseRecords, Array1<usize>>) -> Result<LinearModel> {
        self.check()?;
        let y_owned: Vec<usize> = data.targets.iter().copied().collect();
        let y = y_owned.as_slice();
        let n_classes = self
            .n_classes
            .unwrap_or_else(|| y.iter().max().map_or(0, |m| m + 1));
        if data.records.n_rows() != y.len() || y.is_empty() {
            return Err(Error::Data(format!(
                "{} rows but {} labels",
                data.records.n_rows(),
                y.len()
            )));
        }
        let cw = self.class_weight.weights(y, n_classes);
        let c = self.c;
        let cost = |_k: usize, i: usize, _p: bool| c * cw[y[i]];
        let sols = solve_ovr(
            &data.records,
            &one_vs_rest(y, n_classes),
            &cost,
            self.tol,
            self.max_iter,
            self.seed,
        );
        Ok(assemble(
            &sols,
            data.records.n_features(),
            c,
            Link::Logistic,
            Loss::SquaredHinge,
        ))
    }
}

crate::classify::predict_argmax!(LinearModel);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::SparseVec;

    /// Primal objective 1/2|w|^2 + 1/2 b^2 + C sum max(0, 1 - y f)^2.
    fn primal(x: &SparseRecords, y: &[f64], c: f64, w: &[f64], b: f64) -> f64 {
        let reg = 0.5 * (w.iter().map(|v| v * v).sum::<f64>() + b * b);
        let loss: f64 = (0..x.n_rows())
            .map(|i| {
                let m = (1.0 - y[i] * (x.row(i).dot64(w) + b)).max(0.0);
                m * m
            })
            .sum();
        reg + c * loss
    }

    #[test]
    fn one_dimensional_known_optimum() {
        // x = +1 (y=+1) and x = -1 (y=-1), C = 1: by symmetry b = 0 and
        // min 1/2 w^2 + 2 (1 - w)^2 gives w = 4/5, objective 0.4.
        let rows = [
            SparseVec {
                indices: vec![0],
                values: vec![1.0],
            },
            SparseVec {
                indices: vec![0],
                values: vec![-1.0],
            },
        ];
        let x = SparseRecords::from_rows(1, &rows);
        let y = [1.0, -1.0];
        let s = solve_binary(&x, &y, &[1.0, 1.0], 1e-8, 1000, 1);
        assert!(s.converged);
        assert!((s.w[0] - 0.8).abs() < 1e-6, "{}", s.w[0]);
        assert!(s.b.abs() < 1e-6);
        assert!((primal(&x, &y, 1.0, &s.w, s.b) - 0.4).abs() < 1e-9);
    }

    #[test]
    fn warm_start_reaches_the_same_optimum_faster() {
        let mut rng = SplitMix64::new(4);
        let rows: Vec<SparseVec> = (0..200)
            .map(|_| {
                let idx: Vec<u32> = (0..20).filter(|_| rng.below(4) == 0).collect();
                let vals = idx
                    .iter()
                    .map(|_| (rng.below(100) as f32) / 100.0)
                    .collect();
                SparseVec {
                    indices: idx,
                    values: vals,
                }
            })
            .collect();
        let x = SparseRecords::from_rows(20, &rows);
        let y: Vec<f64> = (0..200)
            .map(|i| {
                if x.row(i).dot64(&[1.0; 20]) > 2.0 {
                    1.0
                } else {
                    -1.0
                }
            })
            .collect();
        let c = vec![1.0; 200];
        let cold = solve_binary(&x, &y, &c, 1e-6, 10_000, 1);
        let warm = solve_binary_from(&x, &y, &c, 1e-6, 10_000, 1, Some(&cold.alpha));
        assert!(warm.iterations <= 2, "{}", warm.iterations);
        for (a, b) in cold.w.iter().zip(&warm.w) {
            assert!((a - b).abs() < 1e-4);
        }
        // a subset started from the superset's solution converges to the subset's optimum
        let sub: Vec<usize> = (0..150).collect();
        let xs = x.select(&sub);
        let sub_cold = solve_binary(&xs, &y[..150], &c[..150], 1e-6, 10_000, 2);
        let sub_warm = solve_binary_from(
            &xs,
            &y[..150],
            &c[..150],
            1e-6,
            10_000,
            2,
            Some(&cold.alpha[..150]),
        );
        assert!(
            sub_warm.iterations < sub_cold.iterations,
            "{} vs {}",
            sub_warm.iterations,
            sub_cold.iterations
        );
        for (a, b) in sub_cold.w.iter().zip(&sub_warm.w) {
            assert!((a - b).abs() < 1e-3, "{a} vs {b}");
        }
    }

    #[test]
    fn dual_solution_is_primal_optimal() {
        // a small random problem: the gradient of the primal vanishes at the solution
        let mut rng = SplitMix64::new(9);
        let rows: Vec<SparseVec> = (0..40)
            .map(|_| {
                let mut idx: Vec<u32> = (0..6).filter(|_| rng.below(2) == 1).collect();
                if idx.is_empty() {
                    idx.push(0);
                }
                let vals = idx
                    .iter()
                    .map(|_| (rng.below(100) as f32) / 50.0 - 1.0)
                    .collect();
                SparseVec {
                    indices: idx,
                    values: vals,
                }
            })
            .collect();
        let x = SparseRecords::from_rows(6, &rows);
        let y: Vec<f64> = (0..40)
            .map(|i| {
                if x.row(i).dot64(&[1.0, -1.0, 0.5, 0.0, 0.2, -0.3]) > 0.0 {
                    1.0
                } else {
                    -1.0
                }
            })
            .collect();
        let c = 0.5;
        let s = solve_binary(&x, &y, &vec![c; 40], 1e-10, 10000, 3);
        assert!(s.converged);
        // gradient: w - 2C sum_i y_i max(0, 1 - y_i f_i) x_i
        let mut g = s.w.clone();
        let mut gb = s.b;
        for (i, &yi) in y.iter().enumerate() {
            let m = (1.0 - yi * (x.row(i).dot64(&s.w) + s.b)).max(0.0);
            for (j, v) in x.row(i).iter() {
                g[j] -= 2.0 * c * yi * m * v as f64;
            }
            gb -= 2.0 * c * yi * m;
        }
        assert!(g.iter().all(|v| v.abs() < 1e-4), "{g:?}");
        assert!(gb.abs() < 1e-4);
        // and no other point does better
        let best = primal(&x, &y, c, &s.w, s.b);
        let mut w2 = s.w.clone();
        w2[0] += 1e-3;
        assert!(primal(&x, &y, c, &w2, s.b) > best);
    }
}
