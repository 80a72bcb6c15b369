//! TF-IDF weighting.
//!
//! For a term t in a document d of a training corpus of n documents:
//!
//! * tf(t, d) = raw count, or `1 + ln(count)` with sublinear tf;
//! * idf(t) = `ln((1 + n) / (1 + df(t))) + 1` with smooth idf (as if one
//!   extra document held every term once, so no idf is infinite), else
//!   `ln(n / df(t)) + 1`;
//! * w(t, d) = tf(t, d) * idf(t), then the row is divided by its L2 norm.
//!
//! These are scikit-learn's `TfidfVectorizer` definitions; idf is computed
//! once at fit time and frozen, so a document scores the same alone or in a
//! batch.

use serde::{Deserialize, Serialize};

use super::sparse::SparseVec;

/// Row normalization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Norm {
    /// Divide each row by its Euclidean norm (default).
    #[default]
    L2,
    /// Leave rows as they are.
    None,
}

/// How counts become weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TfIdfParams {
    /// Use `1 + ln(tf)` for the term frequency. Default: `true`.
    pub sublinear_tf: bool,
    /// Smooth idf. Default: `true`.
    pub smooth_idf: bool,
    /// Multiply by idf at all (`false` gives normalized tf). Default: `true`.
    pub use_idf: bool,
    /// Row normalization. Default: [`Norm::L2`].
    pub norm: Norm,
}

impl Default for TfIdfParams {
    fn default() -> Self {
        TfIdfParams {
            sublinear_tf: true,
            smooth_idf: true,
            use_idf: true,
            norm: Norm::L2,
        }
    }
}

impl TfIdfParams {
    /// idf for each document frequency in `df`, over `n_docs` documents.
    pub fn idf(&self, df: &[u32], n_docs: usize) -> Vec<f64> {
        let n = n_docs as f64;
        df.iter()
            .map(|&d| {
                let d = d as f64;
                if !self.use_idf {
                    1.0
                } else if self.smooth_idf {
                    ((1.0 + n) / (1.0 + d)).ln() + 1.0
                } else {
                    (n / d).ln() + 1.0
                }
            })
            .collect()
    }

    /// Weights a row from its sorted feature occurrences (each id repeated
    /// once per occurrence). `ids` is consumed as scratch.
    #[inline]
    pub fn weigh(&self, ids: &mut [u32], idf: &[f64]) -> SparseVec {
        ids.sort_unstable();
        let mut indices = Vec::new();
        let mut weights: Vec<f64> = Vec::new();
        let mut i = 0;
        while i < ids.len() {
            let id = ids[i];
            let mut j = i + 1;
            while j < ids.len() && ids[j] == id {
                j += 1;
            }
            let count = (j - i) as f64;
            let tf = if self.sublinear_tf {
                1.0 + count.ln()
            } else {
                count
            };
            indices.push(id);
            weights.push(tf * idf[id as usize]);
            i = j;
        }
        let scale = match self.norm {
            Norm::L2 => {
                let norm = weights.iter().map(|w| w * w).sum::<f64>().sqrt();
                if norm > 0.0 {
                    1.0 / norm
                } else {
                    1.0
                }
            }
            Norm::None => 1.0,
        };
        SparseVec {
            indices,
            values: weights.iter().map(|w| (w * scale) as f32).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idf_over_three_documents() {
        // Three documents; "the" in all 3, "peace" in 2, "gaza" in 1.
        let p = TfIdfParams::default();
        let idf = p.idf(&[3, 2, 1], 3);
        // smooth: ln(4/4)+1 = 1; ln(4/3)+1 = 1.2876821; ln(4/2)+1 = 1.6931472
        assert!((idf[0] - 1.0).abs() < 1e-12);
        assert!((idf[1] - 1.287_682_072_451_781).abs() < 1e-12);
        assert!((idf[2] - 1.693_147_180_559_945).abs() < 1e-12);
        let raw = TfIdfParams {
            smooth_idf: false,
            ..p
        }
        .idf(&[3, 2, 1], 3);
        // ln(3/3)+1 = 1; ln(3/2)+1 = 1.4054651; ln(3)+1 = 2.0986123
        assert!((raw[1] - 1.405_465_108_108_164).abs() < 1e-12);
        assert!((raw[2] - 2.098_612_288_668_11).abs() < 1e-12);
    }

    #[test]
    fn weigh_counts_sublinear_and_normalizes() {
        let p = TfIdfParams::default();
        let idf = [1.0, 2.0];
        // term 0 twice, term 1 once: tf = 1+ln2, 1 -> weights 1.693.., 2
        let row = p.weigh(&mut [1, 0, 0], &idf);
        assert_eq!(row.indices, [0, 1]);
        let (a, b) = (1.0 + 2f64.ln(), 2.0);
        let n = (a * a + b * b).sqrt();
        assert!((row.values[0] as f64 - a / n).abs() < 1e-7);
        assert!((row.values[1] as f64 - b / n).abs() < 1e-7);
        assert!(p.weigh(&mut [], &idf).is_empty());
        let linear = TfIdfParams {
            sublinear_tf: false,
            norm: Norm::None,
            ..p
        };
        assert_eq!(linear.weigh(&mut [0, 0, 1], &idf).values, [2.0, 2.0]);
    }
}
