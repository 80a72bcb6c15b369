//! Dense weight matrices stored feature-major, so scoring a sparse row reads
//! one contiguous `n_classes` slice per non-zero feature.

use ndarray::Array2;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::features::SparseRow;

/// A `n_features x n_outputs` weight matrix of `f32` (see
/// [`crate::features::sparse`] for why f32), with scores accumulated in f64.
#[derive(Debug, Clone, PartialEq)]
pub struct Weights(pub Array2<f32>);

impl Weights {
    /// Zero weights.
    pub fn zeros(n_features: usize, n_outputs: usize) -> Self {
        Weights(Array2::zeros((n_features, n_outputs)))
    }

    /// From one f64 column per output (each of length `n_features`).
    pub fn from_columns(columns: &[Vec<f64>], n_features: usize) -> Self {
        let mut w = Array2::zeros((n_features, columns.len()));
        for (c, col) in columns.iter().enumerate() {
            for (j, &v) in col.iter().enumerate() {
                w[[j, c]] = v as f32;
            }
        }
        Weights(w)
    }

    /// Number of feature rows.
    pub fn n_features(&self) -> usize {
        self.0.nrows()
    }

    /// Number of outputs (classes).
    pub fn n_outputs(&self) -> usize {
        self.0.ncols()
    }

    /// Weight of feature `j` for output `c`.
    #[inline]
    pub fn get(&self, j: usize, c: usize) -> f32 {
        self.0[[j, c]]
    }

    /// Adds `row . W[:, c]` to `out[c]` for every output `c`.
    #[inline]
    pub fn accumulate(&self, row: SparseRow<'_>, out: &mut [f64]) {
        let k = self.n_outputs();
        let data = self
            .0
            .as_slice()
            .expect("weights are built in standard layout");
        for (j, v) in row.iter() {
            let w = &data[j * k..(j + 1) * k];
            for (o, &wc) in out.iter_mut().zip(w) {
                *o += v as f64 * wc as f64;
            }
        }
    }
}

#[derive(Serialize)]
struct WeightsRef<'a> {
    rows: u64,
    cols: u64,
    data: &'a [f32],
}

#[derive(Deserialize)]
struct WeightsData {
    rows: u64,
    cols: u64,
    data: Vec<f32>,
}

impl Serialize for Weights {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let std = self.0.as_standard_layout();
        WeightsRef {
            rows: self.0.nrows() as u64,
            cols: self.0.ncols() as u64,
            data: std.as_slice().expect("standard layout"),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Weights {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let w = WeightsData::deserialize(d)?;
        let expected = (w.rows as usize).checked_mul(w.cols as usize);
        if expected != Some(w.data.len()) {
            return Err(D::Error::custom(format!(
                "weight matrix {}x{} holds {} values",
                w.rows,
                w.cols,
                w.data.len()
            )));
        }
        if w.data.iter().any(|v| !v.is_finite()) {
            return Err(D::Error::custom("non-finite weight"));
        }
        Array2::from_shape_vec((w.rows as usize, w.cols as usize), w.data)
            .map(Weights)
            .map_err(D::Error::custom)
    }
}
