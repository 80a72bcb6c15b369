//! `newsclass train`.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Args, ValueEnum};

use newsclass::classify::{
    ClassWeight, ClassifierParams, FitSettings, LinearSvmParams, LogisticRegressionParams,
    NaiveBayesParams, NbKind,
};
use newsclass::features::{DocFreq, PipelineParams};
use newsclass::io::artifact;

use newsclass::model::{Model, TaskKind, TrainParams};
use newsclass::text::{Language, NgramRange, StopWords};

use super::{set_threads, InputArgs, UsageError};

pub const EXAMPLE: &str = "Example:
  newsclass train data/corpus/*.jsonl --label-field stance --out models/stance.model
  newsclass train data/corpus/*.jsonl --label-field topics --classifier svm --c auto --out topic.model
  newsclass train ../shared/data/semeval2016_stance/train.jsonl --target-field target --out stance.model
  newsclass train ../shared/data/20newsgroups/train.jsonl --classifier cnb --ngram-range 1..1 --out 20ng.model";

/// Classifier choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClassifierKind {
    /// Multinomial naive Bayes.
    Nb,
    /// Complement naive Bayes.
    Cnb,
    /// Logistic regression (multinomial; one-vs-rest for multi-label).
    Logreg,
    /// Linear SVM (squared hinge, one-vs-rest) with calibrated probabilities.
    Svm,
}

#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Labeled input: JSONL, CSV/TSV with a header, or a folder of class folders.
    #[arg(required = true, value_name = "DATA")]
    data: Vec<PathBuf>,
    /// Where to write the model (atomically: an old file survives a failed run).
    #[arg(long, short, value_name = "MODEL")]
    out: PathBuf,
    /// Task name, the key of this model's output. Default: MODEL's file stem.
    #[arg(long, value_name = "TASK")]
    name: Option<String>,
    #[command(flatten)]
    pub opts: TrainOptions,
}

/// Everything that shapes a model, shared by `train`, `cv` and `tune`.
#[derive(Debug, Args, Clone)]
pub struct TrainOptions {
    /// The classifier.
    #[arg(long, value_enum, default_value = "svm")]
    pub classifier: ClassifierKind,
    /// Regularization of logreg/svm: a number, or `auto` to pick it by stratified
    /// k-fold cross-validation on the training data (for nb/cnb, `auto` picks alpha).
    #[arg(long = "c", default_value = "1", value_name = "C|auto")]
    pub c: String,
    /// Naive Bayes smoothing.
    #[arg(long, default_value_t = 0.5)]
    pub alpha: f64,
    /// Class weights: `balanced` weights each class by n / (classes x its size).
    #[arg(long, value_enum, default_value = "uniform")]
    pub class_weight: ClassWeightArg,
    /// Folds used for held-out scores: choice of C, SVM calibration, multi-label thresholds.
    #[arg(long, default_value_t = 3, value_name = "K")]
    pub cv_folds: usize,
    /// Field holding each record's stance target: each target gets its own
    /// features and weights beside the shared (global) ones, which also score
    /// targets unseen in training.
    #[arg(long, value_name = "F")]
    pub target_field: Option<String>,
    #[command(flatten)]
    pub pipeline: PipelineArgs,
    #[command(flatten)]
    pub input: InputArgs,
    /// Seed for every random choice; same data + same seed = same file.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Worker threads (default: all cores). The model does not depend on it.
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// No progress bar (it is shown only when stderr is a terminal anyway).
    #[arg(long, short)]
    pub quiet: bool,
}

impl TrainOptions {
    /// The library's training parameters.
    pub fn to_params(&self) -> Result<TrainParams> {
        Ok(TrainParams {
            pipeline: self.pipeline.to_params()?,
            fit: fit_settings(
                self.classifier,
                &self.c,
                self.alpha,
                self.class_weight,
                self.cv_folds,
                self.seed,
            )?,
            target_field: self.target_field.clone(),
        })
    }

    /// Reads the labeled training data, failing on an empty input.
    pub fn read(&self, data: &[PathBuf]) -> Result<(Vec<newsclass::io::Record>, usize)> {
        let opts = self.input.read_options(true, self.target_field.clone());
        super::read_records(data, &opts, "to train on")
    }
}

/// Class weighting choices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClassWeightArg {
    /// Every document counts the same.
    Uniform,
    /// Rare classes weigh more.
    Balanced,
}

/// Feature pipeline options, shared by the commands that train.
#[derive(Debug, Args, Clone)]
pub struct PipelineArgs {
    /// N-gram lengths over the stemmed words, MIN..MAX.
    #[arg(long, default_value = "1..2", value_name = "MIN..MAX")]
    ngram_range: String,
    /// Ignore terms in fewer documents than this (a count, or a ratio like 0.001).
    #[arg(long, default_value = "2", value_name = "N")]
    min_df: String,
    /// Ignore terms in more documents than this (a ratio like 0.9, or a count).
    #[arg(long, default_value = "1.0", value_name = "R")]
    max_df: String,
    /// Keep only the N terms found in most documents.
    #[arg(long, value_name = "N")]
    max_features: Option<usize>,
    /// Snowball stemmer language (arabic, danish, dutch, english, finnish, french,
    /// german, greek, hungarian, italian, norwegian, portuguese, romanian, russian,
    /// spanish, swedish, tamil, turkish).
    #[arg(long, default_value = "english")]
    language: String,
    /// Do not stem.
    #[arg(long)]
    no_stem: bool,
    /// Stop words: `english` (ours), `none`, or a file with one word per line.
    #[arg(long, default_value = "english", value_name = "english|none|FILE")]
    stop_words: String,
    /// Use raw term counts instead of 1 + ln(tf).
    #[arg(long)]
    no_sublinear_tf: bool,
    /// Drop number tokens.
    #[arg(long)]
    drop_numbers: bool,
    /// Keep URLs and e-mail addresses as single tokens (default: drop them).
    #[arg(long)]
    keep_links: bool,
}

impl PipelineArgs {
    pub fn to_params(&self) -> Result<PipelineParams> {
        let mut p = PipelineParams {
            ngrams: self.ngram_range.parse::<NgramRange>()?,
            min_df: parse_df("min-df", &self.min_df)?,
            max_df: parse_df("max-df", &self.max_df)?,
            max_features: self.max_features,
            ..Default::default()
        };
        let language: Language = self
            .language
            .parse()
            .map_err(|e: String| UsageError(format!("--language: {e}")))?;
        p.analyzer.stemmer = if self.no_stem { None } else { Some(language) };
        p.analyzer.stop_words = match self.stop_words.as_str() {
            "english" => StopWords::English,
            "none" => StopWords::None,
            file => StopWords::from_file(std::path::Path::new(file))?,
        };
        p.tfidf.sublinear_tf = !self.no_sublinear_tf;
        if self.drop_numbers {
            p.analyzer.tokenizer.numbers = newsclass::text::Numbers::Drop;
        }
        if self.keep_links {
            p.analyzer.tokenizer.links = newsclass::text::Links::Keep;
        }
        Ok(p)
    }
}

fn parse_df(flag: &str, s: &str) -> Result<DocFreq> {
    s.parse::<DocFreq>()
        .map_err(|e| UsageError(format!("--{flag}: {e}")).into())
}

pub fn run(args: TrainArgs) -> Result<()> {
    set_threads(args.opts.threads)?;
    let name = match &args.name {
        Some(n) => n.clone(),
        None => args
            .out
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .ok_or_else(|| UsageError(format!("--out {}: no file name", args.out.display())))?,
    };
    let params = args.opts.to_params()?;
    let t0 = Instant::now();
    let progress = super::progress::Progress::spinner(args.opts.quiet, "train");
    progress.set_message(format!("reading {}", args.data[0].display()));
    let (records, skipped) = args.opts.read(&args.data)?;
    progress.set_message(format!(
        "fitting {} on {} documents",
        params.fit.classifier.short_name(),
        records.len()
    ));
    let t_read = t0.elapsed();
    let model = Model::fit(&name, &records, &params)?;
    let t_fit = t0.elapsed() - t_read;
    progress.set_message(format!("writing {}", args.out.display()));
    let size = artifact::save(&model, &args.out).with_context(|| "cannot write the model")?;
    progress.finish();
    eprintln!(
        "trained '{}' ({}): {} documents{}, {} labels, {} features, {}; read {:.2}s, fit {:.2}s; wrote {} ({})",
        model.name,
        match model.kind {
            TaskKind::SingleLabel => "single-label",
            TaskKind::MultiLabel => "multi-label",
        },
        records.len(),
        if skipped > 0 { format!(" ({skipped} invalid records skipped)") } else { String::new() },
        model.labels.len(),
        model.estimator.n_features(),
        model.estimator.classifier.short_name(),
        t_read.as_secs_f64(),
        t_fit.as_secs_f64(),
        args.out.display(),
        super::output::human_bytes(size),
    );
    eprintln!("  {}", describe_fit(&model.estimator));
    if !model.estimator.targets.is_empty() {
        let names: Vec<&str> = model.estimator.targets.keys().map(String::as_str).collect();
        eprintln!(
            "  target blocks ({}): {}; other targets use the shared weights",
            names.len(),
            names.join(", ")
        );
    }
    Ok(())
}

/// One line on how an estimator was fitted: C, CV scores, solver iterations.
pub fn describe_fit(est: &newsclass::model::Estimator) -> String {
    use newsclass::classify::Classifier;
    let mut s = match &est.classifier {
        Classifier::NaiveBayes(m) => format!("alpha {}", m.alpha()),
        Classifier::Linear(m) => {
            let it = &m.info.iterations;
            format!(
                "C {}, solver iterations {}..{}{}",
                m.info.c,
                it.iter().min().unwrap_or(&0),
                it.iter().max().unwrap_or(&0),
                if m.info.converged {
                    ", converged"
                } else {
                    ", NOT converged (raise max_iter or lower C)"
                }
            )
        }
    };
    if !est.cv.is_empty() {
        let pts: Vec<String> = est
            .cv
            .iter()
            .map(|p| format!("{}: {:.4}", p.value, p.score))
            .collect();
        s.push_str(&format!(
            "; cross-validated [{}] -> {}",
            pts.join(", "),
            est.strength
        ));
    }
    s
}

/// Turns the classifier flags into library settings.
pub fn fit_settings(
    kind: ClassifierKind,
    c: &str,
    alpha: f64,
    class_weight: ClassWeightArg,
    cv_folds: usize,
    seed: u64,
) -> Result<FitSettings> {
    let auto = c.eq_ignore_ascii_case("auto");
    let c_value = if auto {
        1.0
    } else {
        c.parse::<f64>()
            .ok()
            .filter(|v| *v > 0.0 && v.is_finite())
            .ok_or_else(|| UsageError(format!("--c: '{c}' is not a positive number or 'auto'")))?
    };
    let class_weight = match class_weight {
        ClassWeightArg::Uniform => ClassWeight::Uniform,
        ClassWeightArg::Balanced => ClassWeight::Balanced,
    };
    let classifier = match kind {
        ClassifierKind::Nb => {
            ClassifierParams::NaiveBayes(NaiveBayesParams::new(NbKind::Multinomial).alpha(alpha))
        }
        ClassifierKind::Cnb => {
            ClassifierParams::NaiveBayes(NaiveBayesParams::new(NbKind::Complement).alpha(alpha))
        }
        ClassifierKind::Logreg => ClassifierParams::LogisticRegression(LogisticRegressionParams {
            c: c_value,
            class_weight,
            ..Default::default()
        }),
        ClassifierKind::Svm => ClassifierParams::LinearSvm(LinearSvmParams {
            c: c_value,
            class_weight,
            seed,
            ..Default::default()
        }),
    };
    Ok(FitSettings {
        auto_grid: auto.then(|| classifier.default_grid()),
        classifier,
        cv_folds: cv_folds.max(if auto { 2 } else { 0 }),
        seed,
    })
}
