//! Classification metrics, computed in f64 with scikit-learn's definitions.
//!
//! * precision = TP / (TP + FP), recall = TP / (TP + FN), F1 their harmonic
//!   mean; 0 where a denominator is 0 (scikit-learn's `zero_division=0`).
//! * macro-F1 = unweighted mean of F1 over the labels that occur in the
//!   gold or the predicted labels; micro-F1 = F1 of the pooled counts
//!   (for single-label tasks it equals accuracy).
//! * F_avg (SemEval-2016 task 6) = mean F1 of `FAVOR` and `AGAINST`.

use serde::Serialize;

/// Precision, recall, F1 and support of one label.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClassMetrics {
    /// Share of predictions of this label that were right.
    pub precision: f64,
    /// Share of documents with this label that were found.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Gold documents with this label.
    pub support: u64,
    /// Documents predicted with this label.
    #[serde(skip)]
    pub predicted: u64,
}

impl ClassMetrics {
    fn from_counts(tp: u64, fp: u64, fn_: u64) -> Self {
        let p = ratio(tp, tp + fp);
        let r = ratio(tp, tp + fn_);
        ClassMetrics {
            precision: p,
            recall: r,
            f1: f1(p, r),
            support: tp + fn_,
            predicted: tp + fp,
        }
    }
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Gold-by-predicted counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Confusion {
    /// Label names, row and column order.
    pub labels: Vec<String>,
    /// `matrix[gold][predicted]`.
    pub matrix: Vec<Vec<u64>>,
}

/// An evaluation report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Documents evaluated.
    pub n: u64,
    /// Share of documents whose label set was predicted exactly (for
    /// multi-label tasks this is subset accuracy).
    pub accuracy: f64,
    /// Mean F1 over labels.
    pub macro_f1: f64,
    /// F1 of pooled counts.
    pub micro_f1: f64,
    /// SemEval-2016 F_avg, when the labels include FAVOR and AGAINST.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub f_avg: Option<f64>,
    /// Multi-label only: share of wrong (document, label) decisions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hamming_loss: Option<f64>,
    /// Per-label metrics, in label order.
    pub per_class: indexmap_like::LabelMap<ClassMetrics>,
    /// Single-label only: the confusion matrix.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confusion: Option<Confusion>,
}

/// An ordered label -> value map that serializes as a JSON object.
pub mod indexmap_like {
    use serde::ser::SerializeMap;
    use serde::{Serialize, Serializer};

    /// Ordered pairs, serialized as an object.
    #[derive(Debug, Clone, PartialEq, Default)]
    pub struct LabelMap<T>(pub Vec<(String, T)>);

    impl<T: Serialize> Serialize for LabelMap<T> {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            let mut m = s.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                m.serialize_entry(k, v)?;
            }
            m.end()
        }
    }

    impl<T> LabelMap<T> {
        /// The value for `label`.
        pub fn get(&self, label: &str) -> Option<&T> {
            self.0.iter().find(|(k, _)| k == label).map(|(_, v)| v)
        }
    }
}

fn f_avg(per_class: &[(String, ClassMetrics)]) -> Option<f64> {
    let find = |name: &str| {
        per_class
            .iter()
            .find(|(l, _)| l.eq_ignore_ascii_case(name))
            .map(|(_, m)| m.f1)
    };
    Some((find("FAVOR")? + find("AGAINST")?) / 2.0)
}

/// Metrics for a single-label task: `gold[i]` and `pred[i]` index `labels`.
pub fn single_label(labels: &[String], gold: &[usize], pred: &[usize]) -> Report {
    assert_eq!(gold.len(), pred.len(), "one prediction per gold label");
    let k = labels.len();
    let mut matrix = vec![vec![0u64; k]; k];
    for (&g, &p) in gold.iter().zip(pred) {
        matrix[g][p] += 1;
    }
    let n = gold.len() as u64;
    let correct: u64 = (0..k).map(|i| matrix[i][i]).sum();
    let per_class: Vec<(String, ClassMetrics)> = (0..k)
        .map(|c| {
            let tp = matrix[c][c];
            let gold_c: u64 = matrix[c].iter().sum();
            let pred_c: u64 = matrix.iter().map(|r| r[c]).sum();
            (
                labels[c].clone(),
                ClassMetrics::from_counts(tp, pred_c - tp, gold_c - tp),
            )
        })
        .collect();
    let present: Vec<f64> = per_class
        .iter()
        .filter(|(_, m)| m.support > 0 || m.predicted > 0)
        .map(|(_, m)| m.f1)
        .collect();
    let macro_f1 = if present.is_empty() {
        0.0
    } else {
        present.iter().sum::<f64>() / present.len() as f64
    };
    let accuracy = ratio(correct, n);
    Report {
        n,
        accuracy,
        macro_f1,
        micro_f1: accuracy,
        f_avg: f_avg(&per_class),
        hamming_loss: None,
        per_class: indexmap_like::LabelMap(per_class),
        confusion: Some(Confusion {
            labels: labels.to_vec(),
            matrix,
        }),
    }
}

/// Metrics for a multi-label task: `gold[i]` and `pred[i]` are the label
/// sets (indices into `labels`) of document i.
pub fn multi_label(labels: &[String], gold: &[Vec<usize>], pred: &[Vec<usize>]) -> Report {
    assert_eq!(gold.len(), pred.len(), "one prediction per gold label set");
    let k = labels.len();
    let (mut tp, mut fp, mut fn_) = (vec![0u64; k], vec![0u64; k], vec![0u64; k]);
    let mut exact = 0u64;
    for (g, p) in gold.iter().zip(pred) {
        let mut gs = vec![false; k];
        let mut ps = vec![false; k];
        g.iter().for_each(|&i| gs[i] = true);
        p.iter().for_each(|&i| ps[i] = true);
        if gs == ps {
            exact += 1;
        }
        for c in 0..k {
            match (gs[c], ps[c]) {
                (true, true) => tp[c] += 1,
                (false, true) => fp[c] += 1,
                (true, false) => fn_[c] += 1,
                _ => {}
            }
        }
    }
    let n = gold.len() as u64;
    let per_class: Vec<(String, ClassMetrics)> = (0..k)
        .map(|c| {
            (
                labels[c].clone(),
                ClassMetrics::from_counts(tp[c], fp[c], fn_[c]),
            )
        })
        .collect();
    let present: Vec<f64> = per_class
        .iter()
        .filter(|(_, m)| m.support > 0 || m.predicted > 0)
        .map(|(_, m)| m.f1)
        .collect();
    let macro_f1 = if present.is_empty() {
        0.0
    } else {
        present.iter().sum::<f64>() / present.len() as f64
    };
    let (stp, sfp, sfn) = (
        tp.iter().sum::<u64>(),
        fp.iter().sum::<u64>(),
        fn_.iter().sum::<u64>(),
    );
    let micro = ClassMetrics::from_counts(stp, sfp, sfn);
    Report {
        n,
        accuracy: ratio(exact, n),
        macro_f1,
        micro_f1: micro.f1,
        f_avg: None,
        hamming_loss: Some(ratio(sfp + sfn, n * k as u64)),
        per_class: indexmap_like::LabelMap(per_class),
        confusion: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linfa::prelude::ToConfusionMatrix;
    use ndarray::Array1;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn single_label_hand_computed() {
        let labels = names(&["AGAINST", "FAVOR", "NONE"]);
        let gold = [0, 0, 1, 1, 2, 2];
        let pred = [0, 1, 1, 1, 2, 0];
        let r = single_label(&labels, &gold, &pred);
        assert_eq!(r.n, 6);
        assert!((r.accuracy - 4.0 / 6.0).abs() < 1e-12);
        // AGAINST: tp1 fp1 fn1 -> p=r=f1=0.5; FAVOR: tp2 fp1 fn0 -> p=2/3 r=1 f1=0.8; NONE: tp1 fp0 fn1 -> f1=2/3
        let f = |l: &str| r.per_class.get(l).unwrap().f1;
        assert!((f("AGAINST") - 0.5).abs() < 1e-12);
        assert!((f("FAVOR") - 0.8).abs() < 1e-12);
        assert!((f("NONE") - 2.0 / 3.0).abs() < 1e-12);
        assert!((r.macro_f1 - (0.5 + 0.8 + 2.0 / 3.0) / 3.0).abs() < 1e-12);
        assert!((r.f_avg.unwrap() - 0.65).abs() < 1e-12);
        assert_eq!(r.confusion.as_ref().unwrap().matrix[2], vec![1, 0, 1]);
    }

    #[test]
    fn agrees_with_linfa_confusion_matrix() {
        let labels = names(&["a", "b", "c"]);
        let gold = [0usize, 1, 2, 2, 1, 0, 0, 2];
        let pred = [0usize, 2, 2, 1, 1, 0, 1, 2];
        let r = single_label(&labels, &gold, &pred);
        let cm = Array1::from(pred.to_vec())
            .confusion_matrix(Array1::from(gold.to_vec()))
            .unwrap();
        assert!((r.accuracy - cm.accuracy() as f64).abs() < 1e-6);
    }

    #[test]
    fn multi_label_hand_computed() {
        let labels = names(&["x", "y"]);
        let gold = vec![vec![0], vec![0, 1], vec![]];
        let pred = vec![vec![0], vec![0], vec![1]];
        let r = multi_label(&labels, &gold, &pred);
        assert!((r.accuracy - 1.0 / 3.0).abs() < 1e-12);
        // pooled: tp 2, fp 1, fn 1 -> micro f1 = 2/3
        assert!((r.micro_f1 - 2.0 / 3.0).abs() < 1e-12);
        // x: f1 1.0; y: tp0 fp1 fn1 -> 0
        assert!((r.macro_f1 - 0.5).abs() < 1e-12);
        assert!((r.hamming_loss.unwrap() - 2.0 / 6.0).abs() < 1e-12);
    }
}
