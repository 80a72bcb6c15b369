//! k-fold cross-validation of the whole training recipe: each fold refits
//! the pipeline (vocabulary, idf) and the classifier on the other folds.

use rayon::prelude::*;
use serde::Serialize;

use super::metrics::Report;
use super::split::{iterative_stratified_folds, stratified_folds};
use crate::classify::LabelSet;
use crate::error::{Error, Result};
use crate::io::{Labels, Record};
use crate::model::{Model, TrainParams};

/// Fold of each record: stratified by label (iterative stratification when
/// any record carries a label list), seeded.
pub fn assign_folds(records: &[Record], k: usize, seed: u64) -> Vec<usize> {
    let names = |r: &Record| -> Vec<String> {
        match &r.labels {
            Some(Labels::Single(l)) => vec![l.clone()],
            Some(Labels::Multi(ls)) => ls.clone(),
            None => Vec::new(),
        }
    };
    let set = LabelSet::new(records.iter().flat_map(names));
    let ids: Vec<Vec<usize>> = records
        .iter()
        .map(|r| {
            names(r)
                .iter()
                .filter_map(|n| set.id(n))
                .map(|l| l.index())
                .collect()
        })
        .collect();
    if records
        .iter()
        .any(|r| matches!(r.labels, Some(Labels::Multi(_))))
    {
        iterative_stratified_folds(&ids, set.len(), k, seed)
    } else {
        let y: Vec<usize> = ids
            .iter()
            .map(|v| v.first().copied().unwrap_or(0))
            .collect();
        stratified_folds(&y, k, seed)
    }
}

/// Per-fold reports.
#[derive(Debug, Clone, Serialize)]
pub struct CvResult {
    /// Number of folds.
    pub folds: usize,
    /// Documents in all folds.
    pub n: usize,
    /// One report per fold, in fold order.
    pub reports: Vec<Report>,
}

/// Mean and (population) standard deviation.
pub fn mean_std(v: &[f64]) -> (f64, f64) {
    let n = v.len().max(1) as f64;
    let mean = v.iter().sum::<f64>() / n;
    let var = v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / n;
    (mean, var.sqrt())
}

impl CvResult {
    /// `(metric name, value per fold)` for every metric all folds report.
    pub fn metrics(&self) -> Vec<(&'static str, Vec<f64>)> {
        let col = |f: &dyn Fn(&Report) -> Option<f64>| -> Option<Vec<f64>> {
            self.reports.iter().map(f).collect()
        };
        let mut out = Vec::new();
        type Getter<'a> = &'a dyn Fn(&Report) -> Option<f64>;
        let fields: [(&'static str, Getter); 5] = [
            ("accuracy", &|r| Some(r.accuracy)),
            ("macro_f1", &|r| Some(r.macro_f1)),
            ("micro_f1", &|r| Some(r.micro_f1)),
            ("f_avg", &|r| r.f_avg),
            ("hamming_loss", &|r| r.hamming_loss),
        ];
        for (name, f) in fields {
            if let Some(v) = col(f) {
                out.push((name, v));
            }
        }
        out
    }
}

/// Cross-validates `params` on `records` over `k` folds (in parallel).
pub fn cross_validate(
    name: &str,
    records: &[Record],
    params: &TrainParams,
    k: usize,
    seed: u64,
) -> Result<CvResult> {
    cross_validate_with(name, records, params, k, seed, &|| {})
}

/// [`cross_validate`], calling `on_fold` as each fold finishes (for progress).
pub fn cross_validate_with(
    name: &str,
    records: &[Record],
    params: &TrainParams,
    k: usize,
    seed: u64,
    on_fold: &(dyn Fn() + Sync),
) -> Result<CvResult> {
    if k < 2 {
        return Err(Error::param("folds", format!("{k}: need at least 2")));
    }
    if records.len() < k {
        return Err(Error::Data(format!(
            "{} records cannot fill {k} folds",
            records.len()
        )));
    }
    let folds = assign_folds(records, k, seed);
    let reports = (0..k)
        .into_par_iter()
        .map(|f| {
            let train: Vec<Record> = records
                .iter()
                .zip(&folds)
                .filter(|(_, &g)| g != f)
                .map(|(r, _)| r.clone())
                .collect();
            let test: Vec<Record> = records
                .iter()
                .zip(&folds)
                .filter(|(_, &g)| g == f)
                .map(|(r, _)| r.clone())
                .collect();
            let model = Model::fit(name, &train, params)?;
            let report = super::evaluate(&model, &test);
            on_fold();
            report
        })
        .collect::<Result<Vec<Report>>>()?;
    Ok(CvResult {
        folds: k,
        n: records.len(),
        reports,
    })
}
