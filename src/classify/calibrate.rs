//! Probability calibration (Platt scaling) and per-label decision thresholds.

/// Fits Platt's sigmoid `P(y=1 | f) = 1 / (1 + exp(A f + B))` to decision
/// values `f` and outcomes `pos`, by Newton's method with backtracking
/// (Lin, Lin and Weng, 2007, "A note on Platt's probabilistic outputs").
/// Targets are smoothed to `(N+ + 1)/(N+ + 2)` and `1/(N- + 2)` so a
/// separable fold does not yield an infinitely steep sigmoid.
pub fn platt(f: &[f64], pos: &[bool]) -> (f64, f64) {
    let n_pos = pos.iter().filter(|&&p| p).count() as f64;
    let n_neg = pos.len() as f64 - n_pos;
    let hi = (n_pos + 1.0) / (n_pos + 2.0);
    let lo = 1.0 / (n_neg + 2.0);
    let t: Vec<f64> = pos.iter().map(|&p| if p { hi } else { lo }).collect();
    let (mut a, mut b) = (0.0, ((n_neg + 1.0) / (n_pos + 1.0)).ln());
    let sigma = 1e-12;
    let objective = |a: f64, b: f64| -> f64 {
        f.iter()
            .zip(&t)
            .map(|(&fi, &ti)| {
                let z = fi * a + b;
                if z >= 0.0 {
                    ti * z + (-z).exp().ln_1p()
                } else {
                    (ti - 1.0) * z + z.exp().ln_1p()
                }
            })
            .sum()
    };
    let mut fval = objective(a, b);
    for _ in 0..100 {
        let (mut h11, mut h22, mut h21, mut g1, mut g2) = (sigma, sigma, 0.0, 0.0, 0.0);
        for (&fi, &ti) in f.iter().zip(&t) {
            let z = fi * a + b;
            let (p, q) = if z >= 0.0 {
                let e = (-z).exp();
                (e / (1.0 + e), 1.0 / (1.0 + e))
            } else {
                let e = z.exp();
                (1.0 / (1.0 + e), e / (1.0 + e))
            };
            let d2 = p * q;
            h11 += fi * fi * d2;
            h22 += d2;
            h21 += fi * d2;
            let d1 = ti - p;
            g1 += fi * d1;
            g2 += d1;
        }
        if g1.abs() < 1e-5 && g2.abs() < 1e-5 {
            break;
        }
        let det = h11 * h22 - h21 * h21;
        let da = -(h22 * g1 - h21 * g2) / det;
        let db = -(-h21 * g1 + h11 * g2) / det;
        let gd = g1 * da + g2 * db;
        let mut step = 1.0;
        let mut moved = false;
        while step >= 1e-10 {
            let (na, nb) = (a + step * da, b + step * db);
            let nf = objective(na, nb);
            if nf < fval + 1e-4 * step * gd {
                a = na;
                b = nb;
                fval = nf;
                moved = true;
                break;
            }
            step /= 2.0;
        }
        if !moved {
            break;
        }
    }
    (a, b)
}

/// [`platt`], unless the fitted sigmoid is flat or falls with the score —
/// as it does for a label whose few positives all sat in folds that were
/// trained without any, so every held-out score looks alike. Such a
/// sigmoid ranks nothing and puts every document on the threshold, so the
/// plain logistic of the score, `(a, b) = (-1, 0)`, is kept instead.
pub fn platt_or_logistic(f: &[f64], pos: &[bool]) -> (f64, f64) {
    let spread = f.iter().copied().fold(f64::NEG_INFINITY, f64::max)
        - f.iter().copied().fold(f64::INFINITY, f64::min);
    let (a, b) = platt(f, pos);
    if a < -1e-3 && spread > 1e-9 {
        (a, b)
    } else {
        (-1.0, 0.0)
    }
}

/// The probability threshold that maximizes F1 of predicting `p >= t` on
/// held-out `(probability, is positive)` pairs: the midpoint between the
/// lowest accepted and the highest rejected probability at the best cut.
/// Returns the threshold and the F1 it reaches. A label never positive
/// gets 1.0 (never predicted) and ties prefer the higher threshold.
pub fn best_f1_threshold(probs: &[f64], pos: &[bool]) -> (f64, f64) {
    let total_pos = pos.iter().filter(|&&p| p).count();
    if total_pos == 0 {
        return (1.0, 0.0);
    }
    let mut order: Vec<usize> = (0..probs.len()).collect();
    order.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
    let (mut tp, mut fp) = (0usize, 0usize);
    let (mut best_f1, mut best_cut) = (-1.0, 0usize);
    let mut i = 0;
    while i < order.len() {
        // take all documents with the same probability together
        let p = probs[order[i]];
        while i < order.len() && probs[order[i]] == p {
            if pos[order[i]] {
                tp += 1;
            } else {
                fp += 1;
            }
            i += 1;
        }
        let f1 = 2.0 * tp as f64 / (2.0 * tp as f64 + fp as f64 + (total_pos - tp) as f64);
        if f1 > best_f1 + 1e-12 {
            best_f1 = f1;
            best_cut = i;
        }
    }
    let accepted = probs[order[best_cut - 1]];
    let rejected = if best_cut < order.len() {
        probs[order[best_cut]]
    } else {
        0.0
    };
    ((accepted + rejected) / 2.0, best_f1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::linear::sigmoid;

    #[test]
    fn platt_is_monotone_and_fits_the_rate() {
        // decisions spread over [-2, 2]; positives more likely for larger f
        let f: Vec<f64> = (0..200).map(|i| i as f64 / 50.0 - 2.0).collect();
        let pos: Vec<bool> = (0..200).map(|i| (i * 7919) % 200 < i).collect();
        let (a, b) = platt(&f, &pos);
        assert!(a < 0.0, "slope {a}");
        let p: Vec<f64> = f.iter().map(|&x| sigmoid(-(a * x + b))).collect();
        assert!(p.windows(2).all(|w| w[1] >= w[0]));
        // mean predicted probability close to the positive rate
        let rate = pos.iter().filter(|&&x| x).count() as f64 / 200.0;
        let mean = p.iter().sum::<f64>() / 200.0;
        assert!((mean - rate).abs() < 0.02, "{mean} vs {rate}");
    }

    #[test]
    fn inverted_or_flat_fits_fall_back_to_the_plain_logistic() {
        // the only positive has the lowest held-out score: Platt's slope
        // comes out positive (probability falling with the score)
        let f: Vec<f64> = (0..50).map(|i| i as f64 / 25.0 - 1.0).collect();
        let mut pos = vec![false; 50];
        pos[0] = true;
        let (a, _) = platt(&f, &pos);
        assert!(a > 0.0, "inverted here: {a}");
        assert_eq!(platt_or_logistic(&f, &pos), (-1.0, 0.0));
        // every held-out score alike: nothing to rank by
        assert_eq!(
            platt_or_logistic(&[-1.0; 20], &[true; 20].map(|_| false)),
            (-1.0, 0.0)
        );
        // informative scores keep their fitted sigmoid
        let pos: Vec<bool> = (0..50).map(|i| i > 30).collect();
        let (a, b) = platt_or_logistic(&f, &pos);
        assert!(a < -1.0 && (a, b) != (-1.0, 0.0), "{a} {b}");
    }

    #[test]
    fn threshold_maximizes_f1() {
        let probs = [0.9, 0.8, 0.7, 0.4, 0.3, 0.1];
        let pos = [true, true, false, true, false, false];
        // cuts: {0.9}: f1 .667; {.9,.8}: .8; {+.7}: .667; {+.4}: .857; {+.3}: .75
        let (t, f1) = best_f1_threshold(&probs, &pos);
        assert!((t - 0.35).abs() < 1e-12, "{t}");
        assert!((f1 - 6.0 / 7.0).abs() < 1e-12, "{f1}");
        assert_eq!(best_f1_threshold(&probs, &[false; 6]).0, 1.0);
    }
}
