//! Logistic regression on sparse rows: multinomial (softmax) for
//! single-label tasks, binary per output for one-vs-rest, L2-regularized,
//! solved by L-BFGS on the full objective.
//!
//! With per-document weights `s_i` (class weights), `S = sum_i s_i` and
//! inverse regularization `C`, the objective is scikit-learn's, scaled by
//! `1 / (C S)`:
//!
//! `F(W, b) = (1/S) sum_i s_i loss_i(W x_i + b) + 1/(2 C S) |W|^2`
//!
//! where `loss_i` is the cross-entropy of the softmax (multinomial) or of
//! the sigmoid (binary). The intercept is not regularized. L-BFGS stops
//! when `max |grad F| <= tol` (default 1e-4, as scikit-learn's lbfgs) or
//! when F stops decreasing, and reports iterations and convergence.

use std::collections::VecDeque;

use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use ndarray::Array1;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::dense::Weights;
use super::linear::{ClassWeight, LinearModel, Link, Loss, SolverInfo};
use crate::error::{Error, Result};
use crate::features::SparseRecords;

/// Logistic regression settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct LogisticRegressionParams {
    /// Inverse regularization strength. Default: 1.0.
    pub c: f64,
    /// Class weighting. Default: uniform.
    pub class_weight: ClassWeight,
    /// Gradient tolerance. Default: 1e-4.
    pub tol: f64,
    /// Most L-BFGS iterations. Default: 500.
    pub max_iter: u32,
    /// Number of classes. Default: largest label + 1.
    pub n_classes: Option<usize>,
}

impl Default for LogisticRegressionParams {
    fn default() -> Self {
        LogisticRegressionParams {
            c: 1.0,
            class_weight: ClassWeight::Uniform,
            tol: 1e-4,
            max_iter: 500,
            n_classes: None,
        }
    }
}

impl LogisticRegressionParams {
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

/// What L-BFGS returned.
#[derive(Debug, Clone)]
pub struct LbfgsResult {
    /// The minimizer found.
    pub x: Vec<f64>,
    /// Objective at `x`.
    pub f: f64,
    /// Iterations run.
    pub iterations: u32,
    /// Whether a stopping tolerance (not the iteration cap) ended the run.
    pub converged: bool,
}

/// Minimizes `f` from `x0` by L-BFGS (memory 10) with a backtracking
/// Armijo line search. `f(x, grad)` returns the value and fills `grad`.
pub fn lbfgs(
    mut f: impl FnMut(&[f64], &mut [f64]) -> f64,
    x0: Vec<f64>,
    tol: f64,
    max_iter: u32,
) -> LbfgsResult {
    const M: usize = 10;
    let n = x0.len();
    let mut x = x0;
    let mut g = vec![0.0; n];
    let mut fx = f(&x, &mut g);
    let mut hist: VecDeque<(Vec<f64>, Vec<f64>, f64)> = VecDeque::with_capacity(M);
    let inf_norm = |v: &[f64]| v.iter().fold(0.0f64, |m, a| m.max(a.abs()));
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    if inf_norm(&g) <= tol {
        return LbfgsResult {
            x,
            f: fx,
            iterations: 0,
            converged: true,
        };
    }
    let mut x_new = vec![0.0; n];
    let mut g_new = vec![0.0; n];
    let mut d = vec![0.0; n];
    let mut it = 0;
    while it < max_iter {
        it += 1;
        // two-loop recursion: d = -H g
        d.iter_mut().zip(&g).for_each(|(d, g)| *d = -g);
        let mut alphas = Vec::with_capacity(hist.len());
        for (s, y, rho) in hist.iter().rev() {
            let a = rho * dot(s, &d);
            d.iter_mut().zip(y).for_each(|(d, y)| *d -= a * y);
            alphas.push(a);
        }
        if let Some((s, y, _)) = hist.back() {
            let gamma = dot(s, y) / dot(y, y);
            d.iter_mut().for_each(|v| *v *= gamma);
        } else {
            let gn = dot(&g, &g).sqrt();
            d.iter_mut().for_each(|v| *v /= gn.max(1.0));
        }
        for ((s, y, rho), a) in hist.iter().zip(alphas.iter().rev()) {
            let b = rho * dot(y, &d);
            d.iter_mut().zip(s).for_each(|(d, s)| *d += (a - b) * s);
        }
        let mut slope = dot(&g, &d);
        if slope >= 0.0 {
            // not a descent direction: restart from steepest descent
            hist.clear();
            d.iter_mut().zip(&g).for_each(|(d, g)| *d = -g);
            slope = dot(&g, &d);
        }
        let mut step = 1.0;
        let mut f_new;
        let mut tries = 0;
        loop {
            x_new
                .iter_mut()
                .zip(&x)
                .zip(&d)
                .for_each(|((xn, x), d)| *xn = x + step * d);
            f_new = f(&x_new, &mut g_new);
            if f_new <= fx + 1e-4 * step * slope || tries >= 40 {
                break;
            }
            step *= 0.5;
            tries += 1;
        }
        if f_new > fx {
            // the line search failed to decrease: we are at the precision limit
            return LbfgsResult {
                x,
                f: fx,
                iterations: it,
                converged: inf_norm(&g) <= tol * 10.0,
            };
        }
        let s: Vec<f64> = x_new.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = g_new.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 {
            if hist.len() == M {
                hist.pop_front();
            }
            hist.push_back((s, y, 1.0 / sy));
        }
        let decrease = fx - f_new;
        std::mem::swap(&mut x, &mut x_new);
        std::mem::swap(&mut g, &mut g_new);
        fx = f_new;
        if inf_norm(&g) <= tol || decrease <= 1e-12 * fx.abs().max(1.0) {
            return LbfgsResult {
                x,
                f: fx,
                iterations: it,
                converged: true,
            };
        }
    }
    LbfgsResult {
        x,
        f: fx,
        iterations: it,
        converged: false,
    }
}

/// Targets of a logistic objective.
#[derive(Debug, Clone, Copy)]
pub enum LogisticTargets<'a> {
    /// Class per document; softmax over `n_classes` outputs.
    Multinomial {
        /// Class ids.
        y: &'a [usize],
        /// Number of classes.
        n_classes: usize,
    },
    /// Positive or not, one sigmoid output.
    Binary(&'a [bool]),
}

impl LogisticTargets<'_> {
    fn n_outputs(&self) -> usize {
        match self {
            LogisticTargets::Multinomial { n_classes, .. } => *n_classes,
            LogisticTargets::Binary(_) => 1,
        }
    }
}

/// Rows per parallel task: fixed, so results never depend on the thread count.
const CHUNK: usize = 256;

/// The objective above with its gradient. `theta` is `W` (feature-major,
/// `n_features x K`) followed by `b` (K).
pub fn objective(
    x: &SparseRecords,
    xt: &SparseRecords,
    targets: LogisticTargets<'_>,
    sample_w: &[f64],
    c: f64,
    theta: &[f64],
    grad: &mut [f64],
) -> f64 {
    let k = targets.n_outputs();
    let nf = x.n_features();
    let (w, b) = theta.split_at(nf * k);
    let s_total: f64 = sample_w.iter().sum();
    // per-row residuals r_i = s_i (p_i - y_i) / S and losses, in parallel
    let mut resid = vec![0.0f64; x.n_rows() * k];
    let mut losses = vec![0.0f64; x.n_rows()];
    resid
        .par_chunks_mut(CHUNK * k)
        .zip(losses.par_chunks_mut(CHUNK))
        .enumerate()
        .for_each(|(chunk, (r, l))| {
            let mut z = vec![0.0f64; k];
            for (off, loss) in l.iter_mut().enumerate() {
                let i = chunk * CHUNK + off;
                z.copy_from_slice(b);
                for (j, v) in x.row(i).iter() {
                    let wj = &w[j * k..(j + 1) * k];
                    z.iter_mut().zip(wj).for_each(|(z, w)| *z += v as f64 * w);
                }
                let s = sample_w[i];
                let ri = &mut r[off * k..(off + 1) * k];
                match targets {
                    LogisticTargets::Multinomial { y, .. } => {
                        let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        let sum: f64 = z.iter().map(|v| (v - max).exp()).sum();
                        let lse = max + sum.ln();
                        *loss = s * (lse - z[y[i]]);
                        for (c, rc) in ri.iter_mut().enumerate() {
                            let p = (z[c] - lse).exp();
                            *rc = s * (p - if c == y[i] { 1.0 } else { 0.0 }) / s_total;
                        }
                    }
                    LogisticTargets::Binary(pos) => {
                        let t = if pos[i] { 1.0 } else { 0.0 };
                        // log(1 + e^z) - t z, stably
                        let softplus = if z[0] > 0.0 {
                            z[0] + (-z[0]).exp().ln_1p()
                        } else {
                            z[0].exp().ln_1p()
                        };
                        *loss = s * (softplus - t * z[0]);
                        ri[0] = s * (super::linear::sigmoid(z[0]) - t) / s_total;
                    }
                }
            }
        });
    let reg = 1.0 / (c * s_total);
    let (gw, gb) = grad.split_at_mut(nf * k);
    // gradient of W, gathered feature by feature through the transpose
    gw.par_chunks_mut(CHUNK * k)
        .enumerate()
        .for_each(|(chunk, gchunk)| {
            for (off, gj) in gchunk.chunks_mut(k).enumerate() {
                let j = chunk * CHUNK + off;
                let wj = &w[j * k..(j + 1) * k];
                gj.iter_mut().zip(wj).for_each(|(g, w)| *g = reg * w);
                for (i, v) in xt.row(j).iter() {
                    let ri = &resid[i * k..(i + 1) * k];
                    gj.iter_mut().zip(ri).for_each(|(g, r)| *g += v as f64 * r);
                }
            }
        });
    gb.iter_mut().for_each(|g| *g = 0.0);
    for ri in resid.chunks(k) {
        gb.iter_mut().zip(ri).for_each(|(g, r)| *g += r);
    }
    let loss: f64 = losses.iter().sum::<f64>() / s_total;
    let wnorm: f64 = w.iter().map(|v| v * v).sum();
    loss + 0.5 * reg * wnorm
}

/// Fits one logistic model; returns weights, intercepts and the solver report.
pub fn fit_logistic(
    x: &SparseRecords,
    xt: &SparseRecords,
    targets: LogisticTargets<'_>,
    sample_w: &[f64],
    p: &LogisticRegressionParams,
) -> (Vec<Vec<f64>>, Vec<f64>, LbfgsResult) {
    let k = targets.n_outputs();
    let nf = x.n_features();
    let r = lbfgs(
        |theta, grad| objective(x, xt, targets, sample_w, p.c, theta, grad),
        vec![0.0; nf * k + k],
        p.tol,
        p.max_iter,
    );
    let cols: Vec<Vec<f64>> = (0..k)
        .map(|c| (0..nf).map(|j| r.x[j * k + c]).collect())
        .collect();
    let bias = r.x[nf * k..].to_vec();
    (cols, bias, r)
}

impl Fit<SparseRecords, Array1<usize>, Error> for LogisticRegressionParams {
    type Object = LinearModel;

    /// Multinomial logistic regression (softmax link).
    fn fit(&self, data: &DatasetBase<SparseRecords, Array1<usize>>) -> Result<LinearModel> {
        self.check()?;
        let y_owned: Vec<usize> = data.targets.iter().copied().collect();
        let y = y_owned.as_slice();
        if data.records.n_rows() != y.len() || y.is_empty() {
            return Err(Error::Data(format!(
                "{} rows but {} labels",
                data.records.n_rows(),
                y.len()
            )));
        }
        let n_classes = self
            .n_classes
            .unwrap_or_else(|| y.iter().max().map_or(0, |m| m + 1));
        let cw = self.class_weight.weights(y, n_classes);
        let sample_w: Vec<f64> = y.iter().map(|&c| cw[c]).collect();
        let xt = data.records.transpose();
        let (cols, bias, r) = fit_logistic(
            &data.records,
            &xt,
            LogisticTargets::Multinomial { y, n_classes },
            &sample_w,
            self,
        );
        Ok(LinearModel {
            loss: Loss::Logistic,
            weights: Weights::from_columns(&cols, data.records.n_features()),
            bias,
            link: Link::Softmax,
            info: SolverInfo {
                c: self.c,
                iterations: vec![r.iterations],
                converged: r.converged,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::SparseVec;

    #[test]
    fn lbfgs_minimizes_a_quadratic() {
        // f(x) = (x0 - 3)^2 + 10 (x1 + 1)^2
        let r = lbfgs(
            |x, g| {
                g[0] = 2.0 * (x[0] - 3.0);
                g[1] = 20.0 * (x[1] + 1.0);
                (x[0] - 3.0).powi(2) + 10.0 * (x[1] + 1.0).powi(2)
            },
            vec![0.0, 0.0],
            1e-9,
            100,
        );
        assert!(r.converged);
        assert!(
            (r.x[0] - 3.0).abs() < 1e-6 && (r.x[1] + 1.0).abs() < 1e-6,
            "{:?}",
            r.x
        );
    }

    #[test]
    fn binary_known_optimum() {
        // x = +1 (pos), x = -1 (neg), C = 1, S = 2: by symmetry b = 0 and
        // F(w) = ln(1 + e^-w) + w^2 / 4, so F'(w) = -1/(1+e^w) + w/2 = 0.
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
        let xt = x.transpose();
        let p = LogisticRegressionParams {
            tol: 1e-10,
            ..Default::default()
        };
        let (cols, bias, r) = fit_logistic(
            &x,
            &xt,
            LogisticTargets::Binary(&[true, false]),
            &[1.0, 1.0],
            &p,
        );
        let w = cols[0][0];
        assert!(r.converged);
        assert!((-1.0 / (1.0 + w.exp()) + w / 2.0).abs() < 1e-8, "w = {w}");
        assert!((w - 0.674_83).abs() < 1e-4, "w = {w}");
        assert!(bias[0].abs() < 1e-8);
        let expected_f = (1.0 + (-w).exp()).ln() + w * w / 4.0;
        assert!((r.f - expected_f).abs() < 1e-10);
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let rows = [
            SparseVec {
                indices: vec![0, 2],
                values: vec![0.6, 0.8],
            },
            SparseVec {
                indices: vec![1],
                values: vec![1.0],
            },
            SparseVec {
                indices: vec![0, 1],
                values: vec![0.3, -0.5],
            },
        ];
        let x = SparseRecords::from_rows(3, &rows);
        let xt = x.transpose();
        let y = [0usize, 1, 2];
        let t = LogisticTargets::Multinomial {
            y: &y,
            n_classes: 3,
        };
        let sw = [1.0, 2.0, 0.5];
        let theta: Vec<f64> = (0..12).map(|i| (i as f64 * 0.37).sin()).collect();
        let mut g = vec![0.0; 12];
        let f0 = objective(&x, &xt, t, &sw, 0.7, &theta, &mut g);
        let mut scratch = vec![0.0; 12];
        for i in 0..12 {
            let mut th = theta.clone();
            th[i] += 1e-6;
            let f1 = objective(&x, &xt, t, &sw, 0.7, &th, &mut scratch);
            assert!(((f1 - f0) / 1e-6 - g[i]).abs() < 1e-5, "coordinate {i}");
        }
    }
}
