//! Scoring articles: paragraphs, predictions, explanations, a summary.

use rayon::prelude::*;
use serde_json::{json, Map, Value};

use crate::classify::LabelId;
use crate::features::pipeline::with_thread_scratch;
use crate::features::SparseVec;
use crate::io::corpus::{split_paragraphs, Paragraph};
use crate::model::{Estimator, Model, Prediction, TaskKind};

/// A term that pushed a decision, as the reader sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The words in the text that produced the feature (e.g. `negotiations`).
    pub term: String,
    /// The feature itself (stemmed n-gram, e.g. `negoti`).
    pub feature: String,
    /// The label it pushed towards.
    pub label: String,
    /// Its contribution to that label's decision: weight x tf-idf.
    pub weight: f64,
}

/// The feature name and the words of `text` behind each feature of `row`.
fn surface_forms(
    est: &Estimator,
    text: &str,
    target: Option<&str>,
) -> Vec<(usize, String, String)> {
    let mut out = Vec::new();
    let mut add = |offset: usize, p: &crate::features::Pipeline| {
        for (j, spans) in p.term_spans(text) {
            let words = spans
                .first()
                .map(|s| text[s.clone()].to_string())
                .unwrap_or_default();
            let feature = p.vocabulary().terms[j as usize].clone();
            out.push((offset + j as usize, feature, words));
        }
    };
    add(0, &est.pipeline);
    if let Some((offset, p)) = target.and_then(|t| est.target_block(t)) {
        add(offset, p);
    }
    out.sort_by_key(|e| e.0);
    out
}

impl Model {
    /// The `k` terms of `text` that pushed most towards `label`, strongest
    /// first (only terms with a positive push).
    pub fn explain(
        &self,
        text: &str,
        target: Option<&str>,
        row: &SparseVec,
        label: LabelId,
        k: usize,
    ) -> Vec<Explanation> {
        let est = &self.estimator;
        let c = label.index();
        let mut contrib: Vec<(f64, usize)> = row
            .view()
            .iter()
            .map(|(j, v)| (est.classifier.contribution(j, v, c), j))
            .filter(|(w, _)| *w > 0.0)
            .collect();
        contrib.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        contrib.truncate(k);
        if contrib.is_empty() {
            return Vec::new();
        }
        let forms = surface_forms(est, text, target);
        contrib
            .into_iter()
            .filter_map(|(w, j)| {
                let i = forms.binary_search_by_key(&j, |f| f.0).ok()?;
                Some(Explanation {
                    term: forms[i].2.clone(),
                    feature: forms[i].1.clone(),
                    label: self.labels.name(label).to_string(),
                    weight: w,
                })
            })
            .collect()
    }
}

/// One model's verdict on one paragraph.
#[derive(Debug, Clone)]
pub struct Verdict {
    /// Labels and probabilities.
    pub prediction: Prediction,
    /// Terms behind the predicted labels.
    pub explain: Vec<Explanation>,
}

/// A paragraph with a verdict per model (none when skipped).
#[derive(Debug, Clone)]
pub struct ScoredParagraph {
    /// The paragraph.
    pub paragraph: Paragraph,
    /// One per model, in model order; empty when skipped.
    pub verdicts: Vec<Verdict>,
}

/// One task's summary over an article.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskSummary {
    /// Length-weighted share of each label (multi-label tasks add `none`
    /// for paragraphs with no label); shares sum to 1 when anything was scored.
    pub shares: Vec<(String, f64)>,
    /// The label with the largest share (ignoring `none` when a label has any share).
    pub dominant: Option<String>,
    /// The paragraphs (1-based) that carry each label.
    pub paragraphs: Vec<(String, Vec<usize>)>,
}

/// A scored article.
#[derive(Debug, Clone)]
pub struct ScoredArticle {
    /// Where it came from (path or record id).
    pub source: String,
    /// Its paragraphs.
    pub paragraphs: Vec<ScoredParagraph>,
    /// One summary per model.
    pub summary: Vec<TaskSummary>,
}

/// Name of the share of paragraphs with no label in multi-label summaries.
pub const NONE_LABEL: &str = "none";

/// Scores the paragraphs of `text` with every model, explaining each
/// decision with up to `explain_k` terms per predicted label.
pub fn score_article(
    models: &[Model],
    source: &str,
    text: &str,
    target: Option<&str>,
    explain_k: usize,
) -> ScoredArticle {
    let paragraphs = split_paragraphs(text);
    let scored: Vec<ScoredParagraph> = paragraphs
        .into_par_iter()
        .map(|paragraph| {
            if paragraph.skipped.is_some() {
                return ScoredParagraph {
                    paragraph,
                    verdicts: Vec::new(),
                };
            }
            let verdicts = models
                .iter()
                .map(|m| {
                    let row = with_thread_scratch(|s| {
                        m.estimator.transform_with(&paragraph.text, target, s)
                    });
                    let prediction = m.predict_row(row.view());
                    let mut labels = prediction.labels.clone();
                    if labels.is_empty() {
                        // explain the nearest miss, so an empty set is still legible
                        labels.push(LabelId(crate::classify::argmax(&prediction.scores) as u32));
                    }
                    let explain = labels
                        .iter()
                        .flat_map(|&l| m.explain(&paragraph.text, target, &row, l, explain_k))
                        .collect();
                    Verdict {
                        prediction,
                        explain,
                    }
                })
                .collect();
            ScoredParagraph {
                paragraph,
                verdicts,
            }
        })
        .collect();
    let summary = models
        .iter()
        .enumerate()
        .map(|(i, m)| summarize(m, i, &scored))
        .collect();
    ScoredArticle {
        source: source.to_string(),
        paragraphs: scored,
        summary,
    }
}

fn summarize(model: &Model, i: usize, paragraphs: &[ScoredParagraph]) -> TaskSummary {
    let names = model.labels.names();
    let multi = model.kind == TaskKind::MultiLabel;
    let mut weight = vec![0.0f64; names.len() + usize::from(multi)];
    let mut carried: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    for p in paragraphs {
        let Some(v) = p.verdicts.get(i) else { continue };
        let w = p.paragraph.text.split_whitespace().count().max(1) as f64;
        let labels = &v.prediction.labels;
        if labels.is_empty() {
            weight[names.len()] += w;
        }
        for l in labels {
            weight[l.index()] += w / labels.len() as f64;
            carried[l.index()].push(p.paragraph.index);
        }
    }
    let total: f64 = weight.iter().sum();
    let mut shares: Vec<(String, f64)> =
        names.iter().cloned().zip(weight.iter().copied()).collect();
    if multi {
        shares.push((NONE_LABEL.to_string(), weight[names.len()]));
    }
    if total > 0.0 {
        shares.iter_mut().for_each(|s| s.1 /= total);
    } else {
        shares.clear();
    }
    let best = |it: &mut dyn Iterator<Item = &(String, f64)>| -> Option<String> {
        it.filter(|s| s.1 > 0.0)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|s| s.0.clone())
    };
    let dominant = best(&mut shares.iter().take(names.len())).or_else(|| best(&mut shares.iter()));
    TaskSummary {
        shares,
        dominant,
        paragraphs: names
            .iter()
            .cloned()
            .zip(carried)
            .filter(|(_, v)| !v.is_empty())
            .collect(),
    }
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// `{"label"|"labels": ..., "scores": {...}}` for one prediction.
pub fn prediction_json(model: &Model, p: &Prediction) -> Map<String, Value> {
    let mut o = Map::new();
    match model.kind {
        TaskKind::SingleLabel => {
            o.insert("label".into(), Value::from(model.labels.name(p.labels[0])));
        }
        TaskKind::MultiLabel => {
            let ls: Vec<Value> = p
                .labels
                .iter()
                .map(|l| Value::from(model.labels.name(*l)))
                .collect();
            o.insert("labels".into(), Value::Array(ls));
        }
    }
    let scores: Map<String, Value> = model
        .labels
        .names()
        .iter()
        .zip(&p.scores)
        .map(|(n, s)| (n.clone(), Value::from(round6(*s))))
        .collect();
    o.insert("scores".into(), Value::Object(scores));
    o
}

impl ScoredArticle {
    /// The article as JSON: `{"source", "paragraphs": [{"index", "text",
    /// "skipped", "<task>": {"label"|"labels", "scores", "explain"}}], "summary": {"<task>": ...}}`.
    pub fn to_json(&self, models: &[Model]) -> Value {
        let paragraphs: Vec<Value> = self
            .paragraphs
            .iter()
            .map(|p| {
                let mut o = Map::new();
                o.insert("index".into(), json!(p.paragraph.index));
                o.insert("text".into(), json!(p.paragraph.text));
                o.insert("skipped".into(), json!(p.paragraph.skipped.map(|s| s.as_str())));
                for (m, v) in models.iter().zip(&p.verdicts) {
                    let mut pj = prediction_json(m, &v.prediction);
                    let explain: Vec<Value> = v
                        .explain
                        .iter()
                        .map(|e| json!({"term": e.term, "feature": e.feature, "label": e.label, "weight": round6(e.weight)}))
                        .collect();
                    pj.insert("explain".into(), Value::Array(explain));
                    o.insert(m.name.clone(), Value::Object(pj));
                }
                Value::Object(o)
            })
            .collect();
        let mut summary = Map::new();
        for (m, s) in models.iter().zip(&self.summary) {
            let shares: Map<String, Value> = s
                .shares
                .iter()
                .map(|(l, v)| (l.clone(), json!(round6(*v))))
                .collect();
            let carried: Map<String, Value> = s
                .paragraphs
                .iter()
                .map(|(l, v)| (l.clone(), json!(v)))
                .collect();
            summary.insert(
                m.name.clone(),
                json!({"shares": shares, "dominant": s.dominant, "paragraphs": carried}),
            );
        }
        json!({"source": self.source, "paragraphs": paragraphs, "summary": summary})
    }
}
