//! Sparse rows and the CSR matrix that classifiers train on.
//!
//! Values are `f32`: a TF-IDF weight lies in [0, 1] after L2 normalization,
//! where `f32` keeps about 7 significant digits (error below 1e-7), while
//! rows, weights and caches take half the memory and bandwidth of `f64`.
//! Every sum that feeds a decision (norms, dot products, gradients) is
//! accumulated in `f64`.

use serde::{Deserialize, Serialize};

/// One sparse row: strictly increasing feature ids and their values.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SparseVec {
    /// Feature ids, strictly increasing.
    pub indices: Vec<u32>,
    /// Values, one per id.
    pub values: Vec<f32>,
}

impl SparseVec {
    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Whether the row has no entries (a text with no known term).
    pub fn is_empty(&self) -> bool {
        self.indices.is_empty()
    }

    /// A borrowed view.
    pub fn view(&self) -> SparseRow<'_> {
        SparseRow {
            indices: &self.indices,
            values: &self.values,
        }
    }

    /// Euclidean norm, accumulated in f64.
    pub fn l2_norm(&self) -> f64 {
        self.view().l2_norm()
    }
}

/// A borrowed sparse row.
#[derive(Debug, Clone, Copy)]
pub struct SparseRow<'a> {
    /// Feature ids, strictly increasing.
    pub indices: &'a [u32],
    /// Values, one per id.
    pub values: &'a [f32],
}

impl SparseRow<'_> {
    /// Iterates `(feature id, value)`.
    #[inline]
    pub fn iter(&self) -> impl Iterator<Item = (usize, f32)> + '_ {
        self.indices
            .iter()
            .zip(self.values)
            .map(|(&i, &v)| (i as usize, v))
    }

    /// Dot product with a dense weight row, accumulated in f64.
    #[inline]
    pub fn dot(&self, w: &[f32]) -> f64 {
        self.iter().map(|(j, v)| v as f64 * w[j] as f64).sum()
    }

    /// Dot product with a dense f64 weight row.
    #[inline]
    pub fn dot64(&self, w: &[f64]) -> f64 {
        self.iter().map(|(j, v)| v as f64 * w[j]).sum()
    }

    /// Squared Euclidean norm.
    #[inline]
    pub fn sq_norm(&self) -> f64 {
        self.values.iter().map(|&v| v as f64 * v as f64).sum()
    }

    /// Euclidean norm.
    pub fn l2_norm(&self) -> f64 {
        self.sq_norm().sqrt()
    }

    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }
}

/// Rows of sparse features in CSR layout: the records type our classifiers
/// fit and predict on through linfa's traits.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseRecords {
    n_features: usize,
    indptr: Vec<usize>,
    indices: Vec<u32>,
    data: Vec<f32>,
}

impl SparseRecords {
    /// An empty matrix with `n_features` columns.
    pub fn new(n_features: usize) -> Self {
        SparseRecords {
            n_features,
            indptr: vec![0],
            indices: Vec::new(),
            data: Vec::new(),
        }
    }

    /// Stacks rows. Panics if a row holds an id `>= n_features` (a caller
    /// bug: rows come from the pipeline that defines `n_features`).
    pub fn from_rows<'a>(n_features: usize, rows: impl IntoIterator<Item = &'a SparseVec>) -> Self {
        let mut m = SparseRecords::new(n_features);
        for r in rows {
            m.push(r.view());
        }
        m
    }

    /// Appends a row.
    pub fn push(&mut self, row: SparseRow<'_>) {
        assert!(
            row.indices
                .last()
                .is_none_or(|&i| (i as usize) < self.n_features),
            "feature id out of range: invariant of the pipeline that made the row"
        );
        self.indices.extend_from_slice(row.indices);
        self.data.extend_from_slice(row.values);
        self.indptr.push(self.indices.len());
    }

    /// Number of rows.
    pub fn n_rows(&self) -> usize {
        self.indptr.len() - 1
    }

    /// Number of feature columns.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// Number of stored values.
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Row `i`.
    #[inline]
    pub fn row(&self, i: usize) -> SparseRow<'_> {
        let (s, e) = (self.indptr[i], self.indptr[i + 1]);
        SparseRow {
            indices: &self.indices[s..e],
            values: &self.data[s..e],
        }
    }

    /// Iterates rows.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = SparseRow<'_>> + '_ {
        (0..self.n_rows()).map(|i| self.row(i))
    }

    /// A new matrix with the rows at `idx`, in that order (for folds).
    pub fn select(&self, idx: &[usize]) -> SparseRecords {
        let mut m = SparseRecords::new(self.n_features);
        for &i in idx {
            m.push(self.row(i));
        }
        m
    }

    /// The same data as a `sprs` CSR matrix, for interoperation with
    /// linfa and other sprs users.
    pub fn to_sprs(&self) -> sprs::CsMatI<f32, u32, usize> {
        sprs::CsMatI::new(
            (self.n_rows(), self.n_features),
            self.indptr.clone(),
            self.indices.clone(),
            self.data.clone(),
        )
    }
}

impl linfa::dataset::Records for SparseRecords {
    type Elem = f32;

    fn nsamples(&self) -> usize {
        self.n_rows()
    }

    fn nfeatures(&self) -> usize {
        self.n_features
    }
}

impl SparseRecords {
    /// The transpose (rows become features): a CSC view of this matrix,
    /// used to gather gradients feature by feature in a fixed order.
    pub fn transpose(&self) -> SparseRecords {
        let n_rows = self.n_rows();
        let mut counts = vec![0usize; self.n_features + 1];
        for &j in &self.indices {
            counts[j as usize + 1] += 1;
        }
        for j in 0..self.n_features {
            counts[j + 1] += counts[j];
        }
        let indptr = counts.clone();
        let mut next = counts;
        let mut indices = vec![0u32; self.nnz()];
        let mut data = vec![0f32; self.nnz()];
        for i in 0..n_rows {
            for (j, v) in self.row(i).iter() {
                let p = next[j];
                indices[p] = i as u32;
                data[p] = v;
                next[j] += 1;
            }
        }
        SparseRecords {
            n_features: n_rows,
            indptr,
            indices,
            data,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csr_roundtrip_and_select() {
        let a = SparseVec {
            indices: vec![0, 3],
            values: vec![0.6, 0.8],
        };
        let b = SparseVec::default();
        let c = SparseVec {
            indices: vec![1],
            values: vec![1.0],
        };
        let m = SparseRecords::from_rows(4, [&a, &b, &c]);
        assert_eq!(m.n_rows(), 3);
        assert_eq!(m.nnz(), 3);
        assert_eq!(m.row(0).indices, &[0, 3]);
        assert!(m.row(1).indices.is_empty());
        assert!((m.row(0).l2_norm() - 1.0).abs() < 1e-6);
        assert!((m.row(0).dot(&[1.0, 0.0, 0.0, 2.0]) - 2.2).abs() < 1e-6);
        let s = m.select(&[2, 0]);
        assert_eq!(s.row(0).indices, &[1]);
        assert_eq!(s.row(1).indices, &[0, 3]);
        let sp = m.to_sprs();
        assert_eq!(sp.rows(), 3);
        assert_eq!(sp.nnz(), 3);
    }
}
