//! Seeded randomness and fold assignment.
//!
//! The generator is SplitMix64, written out here so its output is pinned
//! forever: a model trained with seed 42 today shuffles exactly the same
//! way in every future release (rand's `StdRng` promises no such thing).

/// SplitMix64 (Steele, Lea and Flood, 2014): tiny, fast, and good enough
/// for shuffles and fold assignment.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator from `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0), by Lemire's multiply-shift.
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Derives an independent seed for a sub-task (a class, a fold) so that
/// parallel work never shares a generator.
pub fn derive_seed(seed: u64, tag: u64) -> u64 {
    SplitMix64::new(seed ^ tag.wrapping_mul(0xA24B_AED4_963E_E407)).next_u64()
}

/// Stratified k-fold: returns the fold (0..k) of each document so that
/// every class is spread as evenly as possible over the folds. Documents
/// of a class are shuffled with `seed` before dealing them out, so input
/// order (often grouped by label) does not matter.
pub fn stratified_folds(y: &[usize], k: usize, seed: u64) -> Vec<usize> {
    let k = k.max(1);
    let n_classes = y.iter().max().map_or(0, |m| m + 1);
    let mut rng = SplitMix64::new(seed);
    let mut fold = vec![0usize; y.len()];
    let mut offset = 0;
    for c in 0..n_classes {
        let mut members: Vec<usize> = (0..y.len()).filter(|&i| y[i] == c).collect();
        rng.shuffle(&mut members);
        for (r, &i) in members.iter().enumerate() {
            fold[i] = (offset + r) % k;
        }
        // continue dealing where this class stopped, so small classes do
        // not all land in fold 0
        offset = (offset + members.len()) % k;
    }
    fold
}

/// Iterative stratification for multi-label data (Sechidis, Tsoumakas and
/// Vlahavas, 2011): documents carrying the rarest remaining label are
/// placed first, each into the fold that most lacks that label. Documents
/// with no label are dealt out evenly at the end. Returns each document's fold.
pub fn iterative_stratified_folds(
    labels: &[Vec<usize>],
    n_labels: usize,
    k: usize,
    seed: u64,
) -> Vec<usize> {
    let k = k.max(1);
    let n = labels.len();
    let mut rng = SplitMix64::new(seed);
    let mut order: Vec<usize> = (0..n).collect();
    rng.shuffle(&mut order);
    let mut fold = vec![usize::MAX; n];
    let target_size = n as f64 / k as f64;
    let mut size_left = vec![target_size; k];
    let mut label_total = vec![0usize; n_labels];
    for ls in labels {
        for &l in ls {
            label_total[l] += 1;
        }
    }
    let mut label_left: Vec<Vec<f64>> = (0..k)
        .map(|_| label_total.iter().map(|&t| t as f64 / k as f64).collect())
        .collect();
    let mut remaining = label_total.clone();
    // the rarest label that still has unassigned documents goes first
    while let Some(l) = (0..n_labels)
        .filter(|&l| remaining[l] > 0)
        .min_by_key(|&l| (remaining[l], l))
    {
        for &i in &order {
            if fold[i] != usize::MAX || !labels[i].contains(&l) {
                continue;
            }
            let best = (0..k)
                .max_by(|&a, &b| {
                    label_left[a][l]
                        .total_cmp(&label_left[b][l])
                        .then(size_left[a].total_cmp(&size_left[b]))
                        .then(b.cmp(&a))
                })
                .expect("k >= 1");
            fold[i] = best;
            size_left[best] -= 1.0;
            for &m in &labels[i] {
                label_left[best][m] -= 1.0;
                remaining[m] -= 1;
            }
        }
    }
    for &i in &order {
        if fold[i] == usize::MAX {
            let best = (0..k)
                .max_by(|&a, &b| size_left[a].total_cmp(&size_left[b]).then(b.cmp(&a)))
                .expect("k >= 1");
            fold[i] = best;
            size_left[best] -= 1.0;
        }
    }
    fold
}

/// `(train, test)` index lists for fold `f`.
pub fn fold_indices(folds: &[usize], f: usize) -> (Vec<usize>, Vec<usize>) {
    let mut train = Vec::new();
    let mut test = Vec::new();
    for (i, &g) in folds.iter().enumerate() {
        if g == f {
            test.push(i);
        } else {
            train.push(i);
        }
    }
    (train, test)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_pinned() {
        // reference values of SplitMix64 seeded with 0
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn shuffle_is_a_permutation_and_seeded() {
        let mut a: Vec<u32> = (0..100).collect();
        let mut b = a.clone();
        SplitMix64::new(5).shuffle(&mut a);
        SplitMix64::new(5).shuffle(&mut b);
        assert_eq!(a, b);
        let mut s = a.clone();
        s.sort();
        assert_eq!(s, (0..100).collect::<Vec<_>>());
        assert_ne!(a, (0..100).collect::<Vec<_>>());
    }

    #[test]
    fn stratified_folds_balance_classes() {
        let y: Vec<usize> = (0..100).map(|i| if i < 70 { 0 } else { 1 }).collect();
        let f = stratified_folds(&y, 5, 1);
        for fold in 0..5 {
            let c0 = (0..100).filter(|&i| f[i] == fold && y[i] == 0).count();
            let c1 = (0..100).filter(|&i| f[i] == fold && y[i] == 1).count();
            assert_eq!((c0, c1), (14, 6), "fold {fold}");
        }
        assert_eq!(f, stratified_folds(&y, 5, 1));
        assert_ne!(f, stratified_folds(&y, 5, 2));
    }

    #[test]
    fn iterative_stratification_spreads_rare_labels() {
        let mut labels = vec![vec![]; 30];
        for (i, l) in labels.iter_mut().enumerate().take(10) {
            l.push(0);
            if i < 5 {
                l.push(1);
            }
        }
        let f = iterative_stratified_folds(&labels, 2, 5, 3);
        for fold in 0..5 {
            let l1 = (0..30)
                .filter(|&i| f[i] == fold && labels[i].contains(&1))
                .count();
            let l0 = (0..30)
                .filter(|&i| f[i] == fold && labels[i].contains(&0))
                .count();
            assert_eq!(l1, 1, "fold {fold}");
            assert_eq!(l0, 2, "fold {fold}");
            assert_eq!((0..30).filter(|&i| f[i] == fold).count(), 6);
        }
    }
}
