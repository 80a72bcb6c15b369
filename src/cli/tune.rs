//! `newsclass tune`: random search with successive halving.

use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use clap::{Args, ValueEnum};

use newsclass::eval::cv::{assign_folds, cross_validate, mean_std};
use newsclass::eval::split::SplitMix64;
use newsclass::eval::{evaluate, Report};
use newsclass::io::{artifact, read_all, Record};
use newsclass::model::{Model, TrainParams};

use super::output::{human_bytes, stdout};
use super::progress::Progress;
use super::train::{fit_settings, ClassWeightArg, ClassifierKind, TrainOptions};
use super::UsageError;

pub const EXAMPLE: &str = "Example:
  newsclass tune ../shared/data/20newsgroups/train.jsonl --dev ../shared/data/20newsgroups/dev.jsonl --budget 10m --out 20ng.model
  newsclass tune data/corpus/*.jsonl --label-field stance --budget 2m --out stance.model";

/// The metric to maximize.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Metric {
    /// F_avg when the labels include FAVOR and AGAINST, else macro-F1
    /// (micro-F1 for multi-label tasks).
    Auto,
    /// Accuracy (subset accuracy for multi-label).
    Accuracy,
    /// Macro-F1.
    MacroF1,
    /// Micro-F1.
    MicroF1,
    /// SemEval F_avg.
    FAvg,
}

#[derive(Debug, Args)]
pub struct TuneArgs {
    /// Labeled training data.
    #[arg(required = true, value_name = "DATA")]
    data: Vec<PathBuf>,
    /// Score settings on this labeled file instead of by cross-validation.
    #[arg(long, value_name = "FILE")]
    dev: Option<PathBuf>,
    /// Time budget: `90s`, `10m`, `1h`. The search stops in time to train the best setting.
    #[arg(long, default_value = "10m")]
    budget: String,
    /// Where to write the best model.
    #[arg(long, short, default_value = "tuned.model", value_name = "MODEL")]
    out: PathBuf,
    /// Settings per bracket of successive halving; brackets follow one
    /// another through the whole search space while the budget lasts.
    #[arg(long, default_value_t = 36, value_name = "N")]
    candidates: usize,
    /// What to maximize.
    #[arg(long, value_enum, default_value = "auto")]
    metric: Metric,
    /// Folds when scoring by cross-validation.
    #[arg(long, default_value_t = 3, value_name = "K")]
    folds: usize,
    #[command(flatten)]
    opts: TrainOptions,
}

/// Parses `90s`, `10m`, `1h30m`, `45` (seconds).
pub fn parse_budget(s: &str) -> Result<Duration> {
    let bad = || UsageError(format!("--budget '{s}': expected e.g. 90s, 10m or 1h"));
    let mut total = 0u64;
    let mut num = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: u64 = num.parse().map_err(|_| bad())?;
        num.clear();
        total += n * match c {
            's' => 1,
            'm' => 60,
            'h' => 3600,
            _ => return Err(bad().into()),
        };
    }
    if !num.is_empty() {
        total += num.parse::<u64>().map_err(|_| bad())?;
    }
    if total == 0 {
        return Err(bad().into());
    }
    Ok(Duration::from_secs(total))
}

/// One setting of the search space.
#[derive(Debug, Clone, PartialEq)]
struct Candidate {
    classifier: ClassifierKind,
    strength: f64,
    ngram_max: usize,
    min_df: u64,
    sublinear: bool,
    stem: bool,
}

impl Candidate {
    fn flags(&self) -> String {
        let mut f = format!(
            "--classifier {} {} {} --ngram-range 1..{} --min-df {}",
            match self.classifier {
                ClassifierKind::Nb => "nb",
                ClassifierKind::Cnb => "cnb",
                ClassifierKind::Logreg => "logreg",
                ClassifierKind::Svm => "svm",
            },
            if matches!(self.classifier, ClassifierKind::Nb | ClassifierKind::Cnb) {
                "--alpha"
            } else {
                "--c"
            },
            self.strength,
            self.ngram_max,
            self.min_df
        );
        if !self.sublinear {
            f.push_str(" --no-sublinear-tf");
        }
        if !self.stem {
            f.push_str(" --no-stem");
        }
        f
    }

    fn params(&self, base: &TrainOptions) -> Result<TrainParams> {
        let mut o = base.clone();
        o.classifier = self.classifier;
        o.c = self.strength.to_string();
        o.alpha = self.strength;
        let mut p = o.to_params()?;
        p.pipeline.ngrams = newsclass::text::NgramRange::new(1, self.ngram_max)?;
        p.pipeline.min_df = newsclass::features::DocFreq::Count(self.min_df);
        p.pipeline.tfidf.sublinear_tf = self.sublinear;
        if !self.stem {
            p.pipeline.analyzer.stemmer = None;
        }
        p.fit = fit_settings(
            o.classifier,
            &o.c,
            o.alpha,
            class_weight(base),
            o.cv_folds,
            o.seed,
        )?;
        Ok(p)
    }
}

fn class_weight(o: &TrainOptions) -> ClassWeightArg {
    o.class_weight
}

/// The search space, in a seeded random order, the documented defaults first.
fn sample(n: usize, multi_label: bool, seed: u64) -> Vec<Candidate> {
    let mut all = Vec::new();
    let kinds: &[(ClassifierKind, &[f64])] = &[
        (ClassifierKind::Svm, &[0.1, 0.3, 1.0, 3.0]),
        (ClassifierKind::Logreg, &[3.0, 10.0, 30.0, 100.0]),
        (ClassifierKind::Cnb, &[0.1, 0.3, 1.0]),
    ];
    for &(kind, strengths) in kinds {
        if multi_label && kind == ClassifierKind::Cnb {
            continue;
        }
        for &strength in strengths {
            for ngram_max in [1, 2] {
                for min_df in [1, 2, 3] {
                    for sublinear in [true, false] {
                        for stem in [true, false] {
                            all.push(Candidate {
                                classifier: kind,
                                strength,
                                ngram_max,
                                min_df,
                                sublinear,
                                stem,
                            });
                        }
                    }
                }
            }
        }
    }
    let defaults = [
        Candidate {
            classifier: ClassifierKind::Svm,
            strength: 1.0,
            ngram_max: 2,
            min_df: 2,
            sublinear: true,
            stem: true,
        },
        Candidate {
            classifier: ClassifierKind::Logreg,
            strength: 30.0,
            ngram_max: 2,
            min_df: 2,
            sublinear: true,
            stem: true,
        },
    ];
    all.retain(|c| !defaults.contains(c));
    SplitMix64::new(seed).shuffle(&mut all);
    let mut out: Vec<Candidate> = defaults.to_vec();
    out.extend(all);
    out.truncate(n.max(2));
    out
}

fn pick(metric: Metric, r: &Report, multi: bool) -> f64 {
    match metric {
        Metric::Auto => r
            .f_avg
            .unwrap_or(if multi { r.micro_f1 } else { r.macro_f1 }),
        Metric::Accuracy => r.accuracy,
        Metric::MacroF1 => r.macro_f1,
        Metric::MicroF1 => r.micro_f1,
        Metric::FAvg => r.f_avg.unwrap_or(f64::NAN),
    }
}

struct Entry {
    cand: Candidate,
    score: f64,
    rung: usize,
    docs: usize,
    seconds: f64,
}

pub fn run(args: TuneArgs) -> Result<()> {
    super::set_threads(args.opts.threads)?;
    let budget = parse_budget(&args.budget)?;
    let start = Instant::now();
    let (records, _) = args.opts.read(&args.data)?;
    let dev: Option<Vec<Record>> = match &args.dev {
        Some(p) => Some(
            read_all(
                std::slice::from_ref(p),
                &args
                    .opts
                    .input
                    .read_options(true, args.opts.target_field.clone()),
            )?
            .0,
        ),
        None => None,
    };
    let multi = records
        .iter()
        .any(|r| matches!(r.labels, Some(newsclass::io::Labels::Multi(_))));
    let seed = args.opts.seed;
    // the whole space in a seeded order (documented defaults first), in
    // brackets of --candidates settings; each bracket runs successive
    // halving, and brackets continue while the budget lasts
    let space = sample(usize::MAX, multi, seed);
    // rungs: a quarter, half, then all of the training data; keep the best third each time
    let quarters = assign_folds(&records, 4, seed ^ 0x7E57);
    let rungs = [1usize, 2, 4];
    let subsets: Vec<Vec<Record>> = rungs
        .iter()
        .map(|&q| {
            records
                .iter()
                .zip(&quarters)
                .filter(|(_, &f)| f < q)
                .map(|(x, _)| x.clone())
                .collect()
        })
        .collect();
    let mut board: Vec<Entry> = Vec::new();
    let mut out_of_time = false;
    let per_bracket = args.candidates.max(1);
    let progress = Progress::new(
        args.opts.quiet,
        (space.len() + space.len() / 3 + space.len() / 9) as u64,
        "tuning",
    );
    let mut final_estimate = 0.0f64;
    'search: for bracket in space.chunks(per_bracket) {
        let mut alive: Vec<Candidate> = bracket.to_vec();
        for (r, subset) in subsets.iter().enumerate() {
            let mut scored: Vec<(f64, usize)> = Vec::new();
            for (i, cand) in alive.iter().enumerate() {
                let elapsed = start.elapsed().as_secs_f64();
                if elapsed + final_estimate > budget.as_secs_f64() {
                    out_of_time = true;
                    break 'search;
                }
                progress.set_message(format!(
                    "round {} ({} docs): {}",
                    r + 1,
                    subset.len(),
                    cand.flags()
                ));
                let params = cand.params(&args.opts)?;
                let t0 = Instant::now();
                let score = match &dev {
                    Some(d) => Model::fit("tune", subset, &params)
                        .and_then(|m| evaluate(&m, d))
                        .map(|rep| pick(args.metric, &rep, multi)),
                    None => cross_validate("tune", subset, &params, args.folds, seed).map(|cv| {
                        let v: Vec<f64> = cv
                            .reports
                            .iter()
                            .map(|rep| pick(args.metric, rep, multi))
                            .collect();
                        mean_std(&v).0
                    }),
                };
                let secs = t0.elapsed().as_secs_f64();
                progress.inc();
                let score = match score {
                    Ok(s) if s.is_finite() => s,
                    _ => continue, // a setting that cannot train here (e.g. pruning leaves nothing) drops out
                };
                // training the winner on all data costs about one full-size fit
                let per_doc = secs
                    / subset.len().max(1) as f64
                    / if dev.is_some() {
                        1.0
                    } else {
                        args.folds as f64 - 1.0
                    };
                final_estimate = final_estimate.max(per_doc * records.len() as f64 * 1.2);
                board.retain(|e| e.cand != *cand);
                board.push(Entry {
                    cand: cand.clone(),
                    score,
                    rung: r + 1,
                    docs: subset.len(),
                    seconds: secs,
                });
                scored.push((score, i));
            }
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            let keep = if r + 1 < rungs.len() {
                scored.len().div_ceil(3)
            } else {
                scored.len()
            };
            alive = scored
                .iter()
                .take(keep)
                .map(|&(_, i)| alive[i].clone())
                .collect();
            if alive.is_empty() {
                break;
            }
        }
    }
    progress.finish();
    if board.is_empty() {
        return Err(anyhow::anyhow!(
            "no setting could be evaluated within the budget ({}); raise --budget",
            args.budget
        ));
    }
    board.sort_by(|a, b| b.rung.cmp(&a.rung).then(b.score.total_cmp(&a.score)));
    let best = &board[0];
    let params = best.cand.params(&args.opts)?;
    let t0 = Instant::now();
    let model = Model::fit(
        &args
            .out
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "tuned".into()),
        &records,
        &params,
    )?;
    let size = artifact::save(&model, &args.out)?;
    let final_secs = t0.elapsed().as_secs_f64();

    let mut out = stdout();
    writeln!(
        out,
        "tuned on {} documents, scored {}; {} settings tried in {:.0}s of a {} budget{}",
        records.len(),
        match &args.dev {
            Some(p) => format!("on {}", p.display()),
            None => format!("by {}-fold cross-validation", args.folds),
        },
        board.len(),
        start.elapsed().as_secs_f64(),
        args.budget,
        if out_of_time {
            " (stopped by the budget)"
        } else {
            ""
        }
    )?;
    writeln!(out)?;
    writeln!(out, "rank  score   round  docs    secs  setting")?;
    for (i, e) in board.iter().enumerate().take(15) {
        writeln!(
            out,
            "{:>4}  {:.4}  {:>5}  {:>6}  {:>5.1}  {}",
            i + 1,
            e.score,
            e.rung,
            e.docs,
            e.seconds,
            e.cand.flags()
        )?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "best model written to {} ({}, trained in {:.1}s); to reproduce it:",
        args.out.display(),
        human_bytes(size),
        final_secs
    )?;
    let data: Vec<String> = args.data.iter().map(|p| p.display().to_string()).collect();
    let mut extra = String::new();
    if let Some(f) = &args.opts.input.label_field {
        extra.push_str(&format!(" --label-field {f}"));
    }
    if args.opts.input.text_field != "text" {
        extra.push_str(&format!(" --text-field {}", args.opts.input.text_field));
    }
    if let Some(t) = &args.opts.target_field {
        extra.push_str(&format!(" --target-field {t}"));
    }
    writeln!(
        out,
        "  newsclass train {} --out {} {}{extra} --seed {seed}",
        data.join(" "),
        args.out.display(),
        best.cand.flags()
    )?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn budgets_parse() {
        assert_eq!(parse_budget("90s").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_budget("10m").unwrap(), Duration::from_secs(600));
        assert_eq!(parse_budget("1h30m").unwrap(), Duration::from_secs(5400));
        assert_eq!(parse_budget("45").unwrap(), Duration::from_secs(45));
        assert!(parse_budget("ten").is_err());
        assert!(parse_budget("0s").is_err());
    }

    #[test]
    fn sampling_is_seeded_and_starts_with_defaults() {
        let a = sample(10, false, 1);
        assert_eq!(a, sample(10, false, 1));
        assert_eq!(a[0].classifier, ClassifierKind::Svm);
        assert_eq!(a.len(), 10);
        assert!(sample(200, true, 1)
            .iter()
            .all(|c| c.classifier != ClassifierKind::Cnb));
    }
}
