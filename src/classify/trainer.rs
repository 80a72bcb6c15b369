//! Training a classifier for a task: the solver, the choice of C by
//! cross-validation, probability calibration and per-label thresholds.
//!
//! Whenever held-out scores are needed (`C` chosen automatically, Platt
//! calibration of SVM scores, thresholds of multi-label tasks) the training
//! rows are split into stratified folds (iterative stratification for
//! multi-label), seeded, and each fold is scored by a model fitted on the
//! others. The out-of-fold scores of the chosen C then calibrate the final
//! model fitted on all rows. The vocabulary and idf come from all training
//! documents (fitted once), so folds differ only in the classifier.

use linfa::dataset::DatasetBase;
use linfa::traits::Fit;
use ndarray::Array1;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::calibrate::{best_f1_threshold, platt_or_logistic};
use super::linear::{sigmoid, ClassWeight, LinearModel, Link, Loss};
use super::logreg::{fit_logistic, LogisticRegressionParams, LogisticTargets};
use super::nb::NaiveBayesParams;
use super::svm::{assemble, LinearSvmParams};
use super::{argmax, Classifier};
use crate::error::{Error, Result};
use crate::eval::metrics::{multi_label, single_label};
use crate::eval::split::{derive_seed, fold_indices, iterative_stratified_folds, stratified_folds};
use crate::features::SparseRecords;

/// Which classifier to train, with its settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ClassifierParams {
    /// Multinomial or complement naive Bayes.
    NaiveBayes(NaiveBayesParams),
    /// Logistic regression (multinomial, or one-vs-rest for multi-label).
    LogisticRegression(LogisticRegressionParams),
    /// Linear SVM, one-vs-rest, with Platt-calibrated probabilities.
    LinearSvm(LinearSvmParams),
}

impl ClassifierParams {
    /// The regularization knob: C for linear models, alpha for naive Bayes.
    pub fn strength(&self) -> f64 {
        match self {
            ClassifierParams::NaiveBayes(p) => p.alpha,
            ClassifierParams::LogisticRegression(p) => p.c,
            ClassifierParams::LinearSvm(p) => p.c,
        }
    }

    /// A copy with the knob set to `v`.
    pub fn with_strength(&self, v: f64) -> Self {
        let mut p = self.clone();
        match &mut p {
            ClassifierParams::NaiveBayes(p) => p.alpha = v,
            ClassifierParams::LogisticRegression(p) => p.c = v,
            ClassifierParams::LinearSvm(p) => p.c = v,
        }
        p
    }

    /// Values tried by `--c auto`.
    pub fn default_grid(&self) -> Vec<f64> {
        match self {
            ClassifierParams::NaiveBayes(_) => vec![0.03, 0.1, 0.3, 1.0],
            ClassifierParams::LogisticRegression(_) => vec![1.0, 3.0, 10.0, 30.0, 100.0],
            ClassifierParams::LinearSvm(_) => vec![0.1, 0.2, 0.5, 1.0, 2.0],
        }
    }

    /// Short name: `nb`, `cnb`, `logreg`, `svm`.
    pub fn short_name(&self) -> &'static str {
        match self {
            ClassifierParams::NaiveBayes(p) => match p.kind {
                super::NbKind::Multinomial => "nb",
                super::NbKind::Complement => "cnb",
            },
            ClassifierParams::LogisticRegression(_) => "logreg",
            ClassifierParams::LinearSvm(_) => "svm",
        }
    }

    fn class_weight(&self) -> ClassWeight {
        match self {
            ClassifierParams::NaiveBayes(_) => ClassWeight::Uniform,
            ClassifierParams::LogisticRegression(p) => p.class_weight,
            ClassifierParams::LinearSvm(p) => p.class_weight,
        }
    }
}

impl Default for ClassifierParams {
    fn default() -> Self {
        ClassifierParams::LinearSvm(LinearSvmParams::default())
    }
}

/// How a classifier is trained beyond its own settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FitSettings {
    /// The classifier and its settings.
    pub classifier: ClassifierParams,
    /// Choose C (alpha for naive Bayes) from these values by cross-validation.
    pub auto_grid: Option<Vec<f64>>,
    /// Folds for held-out scores (choice of C, calibration, thresholds). Default: 3.
    pub cv_folds: usize,
    /// Seed for folds and solver order.
    pub seed: u64,
}

impl Default for FitSettings {
    fn default() -> Self {
        FitSettings {
            classifier: ClassifierParams::default(),
            auto_grid: None,
            cv_folds: 3,
            seed: 0,
        }
    }
}

/// The labels to learn.
#[derive(Debug, Clone, Copy)]
pub enum TaskTargets<'a> {
    /// One class per row.
    Single {
        /// Class ids.
        y: &'a [usize],
        /// Number of classes.
        n_classes: usize,
    },
    /// A set of labels per row.
    Multi {
        /// Label ids per row.
        sets: &'a [Vec<usize>],
        /// Number of labels.
        n_labels: usize,
    },
}

impl TaskTargets<'_> {
    fn n_outputs(&self) -> usize {
        match self {
            TaskTargets::Single { n_classes, .. } => *n_classes,
            TaskTargets::Multi { n_labels, .. } => *n_labels,
        }
    }

    fn len(&self) -> usize {
        match self {
            TaskTargets::Single { y, .. } => y.len(),
            TaskTargets::Multi { sets, .. } => sets.len(),
        }
    }

    fn membership(&self, idx: &[usize]) -> Vec<Vec<bool>> {
        match self {
            TaskTargets::Single { y, n_classes } => (0..*n_classes)
                .map(|k| idx.iter().map(|&i| y[i] == k).collect())
                .collect(),
            TaskTargets::Multi { sets, n_labels } => (0..*n_labels)
                .map(|k| idx.iter().map(|&i| sets[i].contains(&k)).collect())
                .collect(),
        }
    }
}

/// The result of cross-validating one value of C.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CvPoint {
    /// C (alpha for naive Bayes).
    pub value: f64,
    /// Macro-F1 (single-label) or micro-F1 (multi-label) of the held-out folds.
    pub score: f64,
}

/// A trained classifier with its thresholds and what training found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trained {
    /// The classifier.
    pub classifier: Classifier,
    /// Multi-label: probability threshold per label.
    pub thresholds: Option<Vec<f64>>,
    /// The C (or alpha) used.
    pub strength: f64,
    /// Cross-validation results when C was chosen automatically.
    pub cv: Vec<CvPoint>,
}

/// Trains for `targets` on rows `x`.
pub fn train(x: &SparseRecords, targets: TaskTargets<'_>, s: &FitSettings) -> Result<Trained> {
    let multi = matches!(targets, TaskTargets::Multi { .. });
    let is_nb = matches!(s.classifier, ClassifierParams::NaiveBayes(_));
    if multi && is_nb {
        return Err(Error::param(
            "classifier",
            "multi-label data (a 'labels' array) needs --classifier logreg or svm; naive Bayes here is single-label",
        ));
    }
    if x.n_rows() != targets.len() {
        return Err(Error::Data(format!(
            "{} rows but {} targets",
            x.n_rows(),
            targets.len()
        )));
    }
    let is_svm = matches!(s.classifier, ClassifierParams::LinearSvm(_));
    let needs_oof = s.auto_grid.is_some() || is_svm || multi;
    let folds = s.cv_folds.min(x.n_rows());
    let mut cv = Vec::new();
    let mut strength = s.classifier.strength();
    let mut oof: Option<Vec<f64>> = None;
    let mut fitted: Option<Classifier> = None;
    if needs_oof && folds >= 2 {
        let fold_of = match targets {
            TaskTargets::Single { y, .. } => {
                stratified_folds(y, folds, derive_seed(s.seed, 0xF01D))
            }
            TaskTargets::Multi { sets, n_labels } => {
                iterative_stratified_folds(sets, n_labels, folds, derive_seed(s.seed, 0xF01D))
            }
        };
        // an empty grid (possible through the library API) means "no search"
        let grid = match &s.auto_grid {
            Some(g) if !g.is_empty() => g.clone(),
            _ => vec![strength],
        };
        let mut best: Option<(f64, f64, Vec<f64>, Option<Classifier>)> = None;
        let mut worse = 0;
        for &v in &grid {
            let params = s.classifier.with_strength(v);
            // the SVM fits all rows first and starts each fold from that
            // solution's dual variables: folds then converge in a few epochs
            let (full, alphas) = if is_svm {
                let (c, a) = fit_once(x, targets, &all_rows(x), &params, s.seed, None)?;
                (Some(c), a)
            } else {
                (None, None)
            };
            let scores = out_of_fold(
                x,
                targets,
                &params,
                &fold_of,
                folds,
                s.seed,
                alphas.as_deref(),
            )?;
            let score = cv_score(&scores, targets);
            cv.push(CvPoint { value: v, score });
            if best.as_ref().is_none_or(|b| score > b.1 + 1e-12) {
                best = Some((v, score, scores, full));
                worse = 0;
            } else {
                worse += 1;
                // held-out scores rise and then fall along the grid: two
                // values in a row below the best end the search, sparing
                // the largest C values, which cost the most iterations
                if worse == 2 {
                    break;
                }
            }
        }
        let (v, _, scores, full) = best.expect("grid is not empty");
        strength = v;
        oof = Some(scores);
        fitted = full;
    }
    let params = s.classifier.with_strength(strength);
    let all = all_rows(x);
    let mut classifier = match fitted {
        Some(c) => c,
        None => fit_once(x, targets, &all, &params, s.seed, None)?.0,
    };
    let k = targets.n_outputs();
    let mut thresholds = None;
    if let Some(oof) = &oof {
        let member = targets.membership(&all);
        let column = |c: usize| -> Vec<f64> { (0..x.n_rows()).map(|i| oof[i * k + c]).collect() };
        if let Classifier::Linear(m) = &mut classifier {
            if is_svm {
                let (a, b): (Vec<f64>, Vec<f64>) = (0..k)
                    .map(|c| platt_or_logistic(&column(c), &member[c]))
                    .unzip();
                m.link = Link::Platt { a, b };
            }
        }
        if multi {
            let link = match &classifier {
                Classifier::Linear(m) => m.link.clone(),
                Classifier::NaiveBayes(_) => unreachable!("refused above"),
            };
            thresholds = Some(
                (0..k)
                    .map(|c| {
                        let probs: Vec<f64> =
                            column(c).iter().map(|&f| link_prob(&link, c, f)).collect();
                        let (t, f1) = best_f1_threshold(&probs, &member[c]);
                        let n_pos = member[c].iter().filter(|&&p| p).count();
                        if n_pos == 0 {
                            // never seen: never predicted (probabilities are at most 1)
                            NEVER
                        } else if n_pos < MIN_TUNED_POSITIVES || f1 < MIN_TUNED_F1 {
                            link_prob(&link, c, 0.0)
                        } else {
                            t
                        }
                    })
                    .collect(),
            );
        }
    } else if multi {
        thresholds = Some(vec![0.5; k]);
    }
    Ok(Trained {
        classifier,
        thresholds,
        strength,
        cv,
    })
}

/// Threshold of a label with no training positive: above any probability.
const NEVER: f64 = 2.0;

/// A label's threshold is tuned on held-out scores only when it has at
/// least this many positives...
const MIN_TUNED_POSITIVES: usize = 3;
/// ...and the tuned threshold reaches at least this F1 there. Otherwise the
/// label keeps the classifier's own boundary (decision value 0): a rare
/// label tuned on two or three examples learns a threshold low enough to
/// flood it with false positives (Yang, 2001, "A study of thresholding
/// strategies for text categorization": SCut with an fbr fallback).
const MIN_TUNED_F1: f64 = 0.5;

/// Per-label (positive, negative) document weights for one-vs-rest:
/// balanced ones make each label's positives and negatives weigh the same
/// in total (`n / (2 n_pos)`, `n / (2 n_neg)`).
fn label_weights(member: &[Vec<bool>], balanced: bool) -> Vec<(f64, f64)> {
    member
        .iter()
        .map(|m| {
            let n = m.len() as f64;
            let pos = m.iter().filter(|&&t| t).count() as f64;
            if balanced && pos > 0.0 && pos < n {
                (n / (2.0 * pos), n / (2.0 * (n - pos)))
            } else {
                (1.0, 1.0)
            }
        })
        .collect()
}

fn all_rows(x: &SparseRecords) -> Vec<usize> {
    (0..x.n_rows()).collect()
}

/// Probability of output `c` from its decision value under `link`
/// (per-output links only).
fn link_prob(link: &Link, c: usize, f: f64) -> f64 {
    match link {
        Link::Platt { a, b } => sigmoid(-(a[c] * f + b[c])),
        _ => sigmoid(f),
    }
}

/// Held-out decision values (`n x K`, row-major) for one setting.
fn out_of_fold(
    x: &SparseRecords,
    targets: TaskTargets<'_>,
    params: &ClassifierParams,
    fold_of: &[usize],
    folds: usize,
    seed: u64,
    warm: Option<&[Vec<f64>]>,
) -> Result<Vec<f64>> {
    let k = targets.n_outputs();
    let mut out = vec![0.0; x.n_rows() * k];
    for f in 0..folds {
        let (train_idx, test_idx) = fold_indices(fold_of, f);
        if test_idx.is_empty() || train_idx.is_empty() {
            continue;
        }
        let (model, _) = fit_once(
            x,
            targets,
            &train_idx,
            params,
            derive_seed(seed, f as u64 + 1),
            warm,
        )?;
        let mut s = vec![0.0; k];
        for &i in &test_idx {
            model.decision_into(x.row(i), &mut s);
            out[i * k..(i + 1) * k].copy_from_slice(&s);
        }
    }
    Ok(out)
}

/// Macro-F1 of argmax (single-label) or micro-F1 of positive decisions
/// (multi-label).
fn cv_score(scores: &[f64], targets: TaskTargets<'_>) -> f64 {
    let k = targets.n_outputs();
    let names: Vec<String> = (0..k).map(|c| c.to_string()).collect();
    match targets {
        TaskTargets::Single { y, .. } => {
            let pred: Vec<usize> = scores.chunks(k).map(argmax).collect();
            single_label(&names, y, &pred).macro_f1
        }
        TaskTargets::Multi { sets, .. } => {
            let pred: Vec<Vec<usize>> = scores
                .chunks(k)
                .map(|s| (0..k).filter(|&c| s[c] > 0.0).collect())
                .collect();
            multi_label(&names, sets, &pred).micro_f1
        }
    }
}

/// Fits the classifier on rows `idx` (uncalibrated). For the SVM, `warm`
/// holds dual variables per output over *all* rows (from a fit on all of
/// them) to start from, and the result carries the dual variables over `idx`.
fn fit_once(
    x: &SparseRecords,
    targets: TaskTargets<'_>,
    idx: &[usize],
    params: &ClassifierParams,
    seed: u64,
    warm: Option<&[Vec<f64>]>,
) -> Result<(Classifier, Option<Vec<Vec<f64>>>)> {
    if let ClassifierParams::LinearSvm(p) = params {
        p.check()?;
        let sub;
        let xs = if idx.len() == x.n_rows() {
            x
        } else {
            sub = x.select(idx);
            &sub
        };
        let member = targets.membership(idx);
        let balanced = p.class_weight == ClassWeight::Balanced;
        // multi-label: balanced weights per label; single-label: per class, in every output
        let (label_w, doc_w): (Vec<(f64, f64)>, Vec<f64>) = match targets {
            TaskTargets::Single { y, n_classes } => {
                let ys: Vec<usize> = idx.iter().map(|&i| y[i]).collect();
                let cw = p.class_weight.weights(&ys, n_classes);
                (
                    vec![(1.0, 1.0); member.len()],
                    ys.iter().map(|&c| cw[c]).collect(),
                )
            }
            TaskTargets::Multi { .. } => (label_weights(&member, balanced), vec![1.0; idx.len()]),
        };
        let c = p.c;
        let cost = |k: usize, i: usize, pos: bool| {
            c * doc_w[i] * if pos { label_w[k].0 } else { label_w[k].1 }
        };
        let init: Option<Vec<Vec<f64>>> = warm.map(|w| {
            w.iter()
                .map(|a| idx.iter().map(|&i| a[i]).collect())
                .collect()
        });
        let sols = super::svm::solve_ovr_from(
            xs,
            &member,
            &cost,
            p.tol,
            p.max_iter,
            seed,
            init.as_deref(),
        );
        let model = assemble(
            &sols,
            xs.n_features(),
            c,
            Link::Logistic,
            Loss::SquaredHinge,
        );
        let alphas = sols.into_iter().map(|s| s.alpha).collect();
        return Ok((Classifier::Linear(model), Some(alphas)));
    }
    Ok((fit_other(x, targets, idx, params)?, None))
}

/// Fits naive Bayes or logistic regression on rows `idx`.
fn fit_other(
    x: &SparseRecords,
    targets: TaskTargets<'_>,
    idx: &[usize],
    params: &ClassifierParams,
) -> Result<Classifier> {
    let sub;
    let xs = if idx.len() == x.n_rows() {
        x
    } else {
        sub = x.select(idx);
        &sub
    };
    let k = targets.n_outputs();
    match targets {
        TaskTargets::Single { y, n_classes } => {
            let ys: Vec<usize> = idx.iter().map(|&i| y[i]).collect();
            let data = DatasetBase::new(xs.clone(), Array1::from(ys));
            Ok(match params {
                ClassifierParams::NaiveBayes(p) => Classifier::NaiveBayes(
                    NaiveBayesParams {
                        n_classes: Some(n_classes),
                        ..*p
                    }
                    .fit(&data)?,
                ),
                ClassifierParams::LogisticRegression(p) => Classifier::Linear(
                    LogisticRegressionParams {
                        n_classes: Some(n_classes),
                        ..*p
                    }
                    .fit(&data)?,
                ),
                ClassifierParams::LinearSvm(_) => unreachable!("fitted by fit_once"),
            })
        }
        TaskTargets::Multi { .. } => {
            let member = targets.membership(idx);
            let balanced = params.class_weight() == ClassWeight::Balanced;
            let weights = label_weights(&member, balanced);
            match params {
                ClassifierParams::LinearSvm(_) => unreachable!("fitted by fit_once"),
                ClassifierParams::LogisticRegression(p) => {
                    p.check()?;
                    let xt = xs.transpose();
                    let fits: Vec<_> = member
                        .par_iter()
                        .enumerate()
                        .map(|(c, m)| {
                            let sw: Vec<f64> = m
                                .iter()
                                .map(|&t| if t { weights[c].0 } else { weights[c].1 })
                                .collect();
                            fit_logistic(xs, &xt, LogisticTargets::Binary(m), &sw, p)
                        })
                        .collect();
                    let cols: Vec<Vec<f64>> = fits.iter().map(|f| f.0[0].clone()).collect();
                    Ok(Classifier::Linear(LinearModel {
                        loss: Loss::Logistic,
                        weights: super::dense::Weights::from_columns(&cols, xs.n_features()),
                        bias: fits.iter().map(|f| f.1[0]).collect(),
                        link: Link::Logistic,
                        info: super::linear::SolverInfo {
                            c: p.c,
                            iterations: fits.iter().map(|f| f.2.iterations).collect(),
                            converged: fits.iter().all(|f| f.2.converged),
                        },
                    }))
                }
                ClassifierParams::NaiveBayes(_) => {
                    let _ = k;
                    Err(Error::param("classifier", "naive Bayes is single-label"))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::SparseVec;

    /// A label with a single positive must not be predicted for everything
    /// (regression: a flat Platt fit on held-out folds without positives
    /// put its threshold at the constant probability).
    #[test]
    fn a_rare_label_is_not_predicted_everywhere() {
        let mut rows = Vec::new();
        let mut sets = Vec::new();
        for i in 0..60u32 {
            let common = i % 2 == 0;
            let rare = i == 7;
            let mut idx = vec![i % 5 + 10];
            if common {
                idx.insert(0, 0);
            }
            if rare {
                idx.insert(0, 1);
            }
            let v = 1.0 / (idx.len() as f32).sqrt();
            rows.push(SparseVec {
                values: vec![v; idx.len()],
                indices: idx,
            });
            let mut s = Vec::new();
            if common {
                s.push(0);
            }
            if rare {
                s.push(1);
            }
            sets.push(s);
        }
        let x = SparseRecords::from_rows(16, &rows);
        let t = train(
            &x,
            TaskTargets::Multi {
                sets: &sets,
                n_labels: 2,
            },
            &FitSettings::default(),
        )
        .unwrap();
        let th = t.thresholds.clone().unwrap();
        let mut p = [0.0; 2];
        let mut rare_predicted = 0;
        for i in 0..60 {
            t.classifier.proba_into(x.row(i), &mut p, false);
            if p[1] >= th[1] {
                rare_predicted += 1;
            }
        }
        assert!(
            rare_predicted <= 1,
            "rare label predicted for {rare_predicted} of 60 documents"
        );
    }
}
