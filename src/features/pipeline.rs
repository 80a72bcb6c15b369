//! The fitted feature pipeline: text in, L2-normalized TF-IDF row out.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::sparse::{SparseRecords, SparseVec};
use super::tfidf::TfIdfParams;
use super::vocab::{DocFreq, TermIndex, Vocabulary};
use crate::error::{Error, Result};
use crate::text::ngrams::{pack, MAX_N};
use crate::text::shortkey::WordMap;
use crate::text::{Analyzer, AnalyzerParams, NgramRange};

/// What to learn from a training corpus, and how.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PipelineParams {
    /// Normalization, tokenization, stop words and stemming.
    pub analyzer: AnalyzerParams,
    /// N-gram lengths over the analyzed terms. Default: `1..=2`.
    pub ngrams: NgramRange,
    /// Drop terms in fewer documents than this. Default: `Count(2)`: a term
    /// seen once cannot generalize and doubles the vocabulary with bigrams.
    pub min_df: DocFreq,
    /// Drop terms in more documents than this. Default: `Ratio(1.0)` (keep all).
    pub max_df: DocFreq,
    /// Keep at most this many terms, those in most documents (ties broken by
    /// term order). Default: no limit.
    pub max_features: Option<usize>,
    /// Term weighting.
    pub tfidf: TfIdfParams,
}

impl Default for PipelineParams {
    fn default() -> Self {
        PipelineParams {
            analyzer: AnalyzerParams::default(),
            ngrams: NgramRange::default(),
            min_df: DocFreq::Count(2),
            max_df: DocFreq::Ratio(1.0),
            max_features: None,
            tfidf: TfIdfParams::default(),
        }
    }
}

/// Documents analyzed per parallel batch while fitting: the strings of one
/// batch are interned into ids before the next is analyzed, which bounds
/// memory on large corpora.
const FIT_BATCH: usize = 2048;

impl PipelineParams {
    fn check(&self, n_docs: usize) -> Result<(f64, f64)> {
        if n_docs == 0 {
            return Err(Error::Data("no documents to fit the vocabulary on".into()));
        }
        if let DocFreq::Ratio(r) = self.min_df {
            if !(0.0..=1.0).contains(&r) {
                return Err(Error::param(
                    "min-df",
                    format!("ratio {r} is outside [0, 1]"),
                ));
            }
        }
        if let DocFreq::Ratio(r) = self.max_df {
            if !(0.0..=1.0).contains(&r) {
                return Err(Error::param(
                    "max-df",
                    format!("ratio {r} is outside [0, 1]"),
                ));
            }
        }
        if self.max_features == Some(0) {
            return Err(Error::param("max-features", "must be at least 1"));
        }
        let lo = self.min_df.resolve(n_docs);
        let hi = self.max_df.resolve(n_docs);
        if hi < lo {
            return Err(Error::param(
                "max-df",
                format!(
                    "max_df ({}) keeps fewer documents than min_df ({})",
                    self.max_df, self.min_df
                ),
            ));
        }
        Ok((lo, hi))
    }

    /// Fits the pipeline on `docs`.
    pub fn fit<S: AsRef<str> + Sync>(&self, docs: &[S]) -> Result<Pipeline> {
        Ok(self.fit_transform(docs)?.0)
    }

    /// Fits the pipeline and returns the training rows too, without
    /// analyzing the text a second time. Row `i` equals `transform(docs[i])`.
    pub fn fit_transform<S: AsRef<str> + Sync>(
        &self,
        docs: &[S],
    ) -> Result<(Pipeline, SparseRecords)> {
        let (lo, hi) = self.check(docs.len())?;
        let analyzer = Analyzer::new(self.analyzer.clone());

        // 1. Analyze and intern tokens: ids follow first appearance in
        //    document order, whatever the thread count.
        let mut token_ids: WordMap<u32> = WordMap::default();
        let mut token_strs: Vec<Box<str>> = Vec::new();
        let mut streams: Vec<Vec<u32>> = Vec::with_capacity(docs.len());
        // how often each token came from each word (when they differ), to
        // show stems as words people read
        let mut word_counts: FxHashMap<u32, Vec<(Box<str>, u32)>> = FxHashMap::default();
        for batch in docs.chunks(FIT_BATCH) {
            // one buffer per document: terms and the words they came from,
            // as (term start, term end, word start, word end) into it
            type Analyzed = (String, Vec<[u32; 4]>);
            let analyzed: Vec<Analyzed> = batch
                .par_iter()
                .map_init(String::new, |buf, d| {
                    let mut text = String::new();
                    let mut spans = Vec::new();
                    analyzer.for_each_term_word(d.as_ref(), buf, |t, w, _| {
                        let ts = text.len() as u32;
                        text.push_str(t);
                        let te = text.len() as u32;
                        if t != w {
                            text.push_str(w);
                        }
                        spans.push([ts, te, te, text.len() as u32]);
                    });
                    (text, spans)
                })
                .collect();
            for (text, spans) in analyzed {
                let ids = spans
                    .iter()
                    .map(|&[ts, te, ws, we]| {
                        let term = &text[ts as usize..te as usize];
                        let id = *token_ids.get_or_insert_with(term, || {
                            token_strs.push(term.into());
                            token_strs.len() as u32 - 1
                        });
                        if we > ws {
                            let word = &text[ws as usize..we as usize];
                            let seen = word_counts.entry(id).or_default();
                            match seen.iter_mut().find(|(w, _)| &**w == word) {
                                Some(e) => e.1 += 1,
                                None => seen.push((word.into(), 1)),
                            }
                        }
                        id
                    })
                    .collect();
                streams.push(ids);
            }
        }
        drop(token_ids);

        // 2. Document frequencies of every n-gram (counts are sums, so the
        //    parallel merge order does not matter).
        let ngrams = self.ngrams;
        // Each entry remembers the last document that counted it, so a
        // document counts a repeated n-gram once without sorting its keys.
        let df: FxHashMap<u128, u32> = streams
            .par_chunks(64)
            .enumerate()
            .fold(
                FxHashMap::default,
                |mut df: FxHashMap<u128, (u32, u32)>, (c, chunk)| {
                    for (d, ids) in chunk.iter().enumerate() {
                        let doc = (c * 64 + d) as u32 + 1;
                        ngrams.for_each_window(ids.len(), |s, n| {
                            let e = df.entry(pack(&ids[s..s + n])).or_insert((0, 0));
                            if e.1 != doc {
                                e.0 += 1;
                                e.1 = doc;
                            }
                        });
                    }
                    df
                },
            )
            .map(|m| {
                m.into_iter()
                    .map(|(k, (n, _))| (k, n))
                    .collect::<FxHashMap<u128, u32>>()
            })
            .reduce(FxHashMap::default, |mut a, b| {
                let (mut big, small) = if a.len() >= b.len() {
                    (a, b)
                } else {
                    (b, std::mem::take(&mut a))
                };
                for (k, v) in small {
                    *big.entry(k).or_insert(0) += v;
                }
                big
            });

        // 3. Prune by document frequency, cap, and sort by term.
        let mut kept: Vec<(String, u32, u128)> = df
            .into_iter()
            .filter(|&(_, d)| (d as f64) >= lo && (d as f64) <= hi)
            .map(|(k, d)| (term_string(k, &token_strs), d, k))
            .collect();
        if kept.is_empty() {
            return Err(Error::Data(format!(
                "no terms left after pruning (min_df {}, max_df {}, {} documents); lower --min-df or raise --max-df",
                self.min_df,
                self.max_df,
                docs.len()
            )));
        }
        if let Some(cap) = self.max_features {
            if kept.len() > cap {
                kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                kept.truncate(cap);
            }
        }
        kept.sort_unstable_by(|a, b| a.0.cmp(&b.0));

        let remap: FxHashMap<u128, u32> = kept
            .iter()
            .enumerate()
            .map(|(i, k)| (k.2, i as u32))
            .collect();
        let vocab = Vocabulary {
            df: kept.iter().map(|k| k.1).collect(),
            terms: kept.into_iter().map(|k| k.0).collect(),
        };
        let idf = self.tfidf.idf(&vocab.df, docs.len());
        let mut token_total = vec![0u32; token_strs.len()];
        for ids in &streams {
            for &t in ids {
                token_total[t as usize] += 1;
            }
        }
        let surface = surface_forms(&vocab, &token_strs, &token_total, word_counts);

        // 4. Training rows from the interned streams.
        let tfidf = self.tfidf;
        let rows: Vec<SparseVec> = streams
            .par_iter()
            .map_init(Vec::new, |feats, ids| {
                feats.clear();
                ngrams.for_each_window(ids.len(), |s, n| {
                    if let Some(&t) = remap.get(&pack(&ids[s..s + n])) {
                        feats.push(t);
                    }
                });
                tfidf.weigh(feats, &idf)
            })
            .collect();
        let records = SparseRecords::from_rows(vocab.len(), &rows);

        let pipeline =
            Pipeline::from_parts(self.clone(), docs.len() as u64, vocab, idf, surface)
                .map_err(|e| Error::Data(format!("internal: fitted vocabulary is invalid: {e}")))?;
        Ok((pipeline, records))
    }
}

/// For every token of the vocabulary, the word it most often came from
/// (ties: the first in byte order), kept only where that word differs from
/// the token. `total[id]` counts every occurrence of a token; `counts` those
/// that came from a different word.
fn surface_forms(
    vocab: &Vocabulary,
    tokens: &[Box<str>],
    total: &[u32],
    counts: FxHashMap<u32, Vec<(Box<str>, u32)>>,
) -> BTreeMap<String, String> {
    let kept: rustc_hash::FxHashSet<&str> = vocab.terms.iter().flat_map(|t| t.split(' ')).collect();
    let mut out = BTreeMap::new();
    for (id, words) in counts {
        let token = &*tokens[id as usize];
        if !kept.contains(token) {
            continue;
        }
        let differing: u32 = words.iter().map(|w| w.1).sum();
        // the token as written competes with the words stemmed onto it
        let as_is = (total[id as usize] - differing, token);
        let best = words.iter().map(|(w, n)| (*n, &**w)).fold(as_is, |b, c| {
            if c.0 > b.0 || (c.0 == b.0 && c.1 < b.1) {
                c
            } else {
                b
            }
        });
        if best.1 != token {
            out.insert(token.to_string(), best.1.to_string());
        }
    }
    out
}

fn term_string(key: u128, tokens: &[Box<str>]) -> String {
    let mut parts: Vec<&str> = Vec::with_capacity(MAX_N);
    let mut k = key;
    while k != 0 {
        let id = (k & 0xFFFF_FFFF) as usize - 1;
        parts.push(&tokens[id]);
        k >>= 32;
    }
    parts.reverse();
    parts.join(" ")
}

/// Reusable buffers for [`Pipeline::transform_with`], and a cache from
/// each word seen to its token id per pipeline: on running text one hash
/// lookup per word replaces stemming, the stop-word check and the
/// vocabulary lookup.
#[derive(Debug, Default)]
pub struct Scratch {
    buf: String,
    tokens: Vec<u32>,
    feats: Vec<u32>,
    words: Vec<(u64, WordCache)>,
}

/// Token id of a stop word in the word cache: dropped from the stream.
const STOP: u32 = u32::MAX - 1;
/// Words a scratch caches per pipeline before starting over.
const WORD_CACHE_LIMIT: usize = 1 << 18;
/// Pipelines a scratch keeps word caches for (the oldest is dropped).
const WORD_CACHES: usize = 8;
/// Source of [`Pipeline`] identities for the word caches.
static NEXT_PIPELINE_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Word -> token id (see [`WordMap`] for why words are packed).
#[derive(Debug, Default)]
struct WordCache(WordMap<u32>);

impl WordCache {
    #[inline]
    fn get_or_insert(&mut self, w: &str, compute: impl FnOnce() -> u32) -> u32 {
        if self.0.len() > WORD_CACHE_LIMIT {
            self.0.clear();
        }
        *self.0.get_or_insert_with(w, compute)
    }
}

impl Scratch {
    fn words_of(&mut self, pipeline: u64) -> usize {
        if let Some(i) = self.words.iter().position(|w| w.0 == pipeline) {
            return i;
        }
        if self.words.len() == WORD_CACHES {
            self.words.remove(0);
        }
        self.words.push((pipeline, WordCache::default()));
        self.words.len() - 1
    }
}

thread_local! {
    static THREAD_SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// Runs `f` with this thread's scratch, whose word caches persist across
/// calls: scoring a stream warms them once per thread, not per document.
/// `f` must not call `with_thread_scratch` itself (it would find the
/// scratch borrowed and fall back to a fresh one).
pub fn with_thread_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    THREAD_SCRATCH.with(|cell| match cell.try_borrow_mut() {
        Ok(mut s) => f(&mut s),
        Err(_) => f(&mut Scratch::default()),
    })
}

/// A fitted pipeline: analyzer, vocabulary and frozen idf. Nothing mutates
/// it after fit.
#[derive(Debug, Clone)]
pub struct Pipeline {
    /// Identity of this fitted pipeline for word caches (not saved; clones
    /// share it, as they share the vocabulary).
    uid: u64,
    params: PipelineParams,
    n_docs: u64,
    vocab: Vocabulary,
    idf: Vec<f64>,
    surface: BTreeMap<String, String>,
    analyzer: Analyzer,
    index: TermIndex,
}

impl Pipeline {
    /// Assembles a pipeline from saved parts, checking they agree.
    pub fn from_parts(
        params: PipelineParams,
        n_docs: u64,
        vocab: Vocabulary,
        idf: Vec<f64>,
        surface: BTreeMap<String, String>,
    ) -> Result<Self, String> {
        vocab.validate(params.ngrams.max)?;
        if idf.len() != vocab.len() {
            return Err(format!(
                "{} idf weights for {} terms",
                idf.len(),
                vocab.len()
            ));
        }
        if idf.iter().any(|w| !w.is_finite()) {
            return Err("non-finite idf weight".into());
        }
        NgramRange::new(params.ngrams.min, params.ngrams.max).map_err(|e| e.to_string())?;
        let analyzer = Analyzer::new(params.analyzer.clone());
        let index = TermIndex::new(&vocab);
        Ok(Pipeline {
            uid: NEXT_PIPELINE_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            params,
            n_docs,
            vocab,
            idf,
            surface,
            analyzer,
            index,
        })
    }

    /// The parameters it was fitted with.
    pub fn params(&self) -> &PipelineParams {
        &self.params
    }

    /// Number of features (vocabulary size).
    pub fn n_features(&self) -> usize {
        self.vocab.len()
    }

    /// Number of training documents seen at fit.
    pub fn n_docs(&self) -> u64 {
        self.n_docs
    }

    /// The vocabulary.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// The frozen idf weights, one per feature.
    pub fn idf(&self) -> &[f64] {
        &self.idf
    }

    /// A term as words people read: each stem replaced by the word it most
    /// often came from in training (`negoti talk` -> `negotiations talks`).
    pub fn display_term(&self, term: &str) -> String {
        term.split(' ')
            .map(|t| self.surface.get(t).map_or(t, String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The analyzer.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The analyzed terms of `text` (before n-grams), for inspection.
    pub fn analyze(&self, text: &str) -> Vec<String> {
        self.analyzer.terms(text)
    }

    /// The TF-IDF row of one document.
    pub fn transform(&self, text: &str) -> SparseVec {
        with_thread_scratch(|s| self.transform_with(text, s))
    }

    /// [`Pipeline::transform`] with caller-owned buffers: one pass from
    /// text to row, no allocation per token.
    pub fn transform_with(&self, text: &str, s: &mut Scratch) -> SparseVec {
        s.tokens.clear();
        s.feats.clear();
        let index = &self.index;
        let analyzer = &self.analyzer;
        let cache_at = s.words_of(self.uid);
        let cache = &mut s.words[cache_at].1;
        let tokens = &mut s.tokens;
        analyzer
            .tokenizer()
            .for_each(text, &mut s.buf, |tok, kind, _| {
                let id = cache.get_or_insert(tok, || {
                    analyzer.with_term(tok, kind, |t| t.map_or(STOP, |t| index.token(t)))
                });
                if id != STOP {
                    tokens.push(id);
                }
            });
        let tokens = &s.tokens;
        let feats = &mut s.feats;
        self.params.ngrams.for_each_window(tokens.len(), |st, n| {
            if let Some(t) = index.term(&tokens[st..st + n]) {
                feats.push(t);
            }
        });
        self.params.tfidf.weigh(feats, &self.idf)
    }

    /// Rows for many documents, computed in parallel; identical to
    /// transforming each document alone, in order.
    pub fn transform_batch<S: AsRef<str> + Sync>(&self, docs: &[S]) -> SparseRecords {
        let rows: Vec<SparseVec> = docs
            .par_iter()
            .map(|d| with_thread_scratch(|s| self.transform_with(d.as_ref(), s)))
            .collect();
        SparseRecords::from_rows(self.n_features(), &rows)
    }

    /// Each term of `text` that is a feature, with the byte spans of the
    /// words that produced it (for explanations).
    pub fn term_spans(&self, text: &str) -> Vec<(u32, Vec<std::ops::Range<usize>>)> {
        let mut toks: Vec<(u32, std::ops::Range<usize>)> = Vec::new();
        let mut buf = String::new();
        self.analyzer.for_each_term(text, &mut buf, |t, span| {
            toks.push((self.index.token(t), span))
        });
        let ids: Vec<u32> = toks.iter().map(|t| t.0).collect();
        let mut out: FxHashMap<u32, Vec<std::ops::Range<usize>>> = FxHashMap::default();
        self.params.ngrams.for_each_window(ids.len(), |st, n| {
            if let Some(t) = self.index.term(&ids[st..st + n]) {
                out.entry(t)
                    .or_default()
                    .push(toks[st].1.start..toks[st + n - 1].1.end);
            }
        });
        let mut v: Vec<_> = out.into_iter().collect();
        v.sort_unstable_by_key(|e| e.0);
        v
    }
}

/// Two pipelines are equal when everything saved of them is.
impl PartialEq for Pipeline {
    fn eq(&self, other: &Self) -> bool {
        self.params == other.params
            && self.n_docs == other.n_docs
            && self.vocab == other.vocab
            && self.idf == other.idf
            && self.surface == other.surface
    }
}

#[derive(Serialize)]
struct PipelineRef<'a> {
    params: &'a PipelineParams,
    n_docs: u64,
    vocab: &'a Vocabulary,
    idf: &'a [f64],
    surface: &'a BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct PipelineData {
    params: PipelineParams,
    n_docs: u64,
    vocab: Vocabulary,
    idf: Vec<f64>,
    surface: BTreeMap<String, String>,
}

impl Serialize for Pipeline {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        PipelineRef {
            params: &self.params,
            n_docs: self.n_docs,
            vocab: &self.vocab,
            idf: &self.idf,
            surface: &self.surface,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Pipeline {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let data = PipelineData::deserialize(d)?;
        Pipeline::from_parts(data.params, data.n_docs, data.vocab, data.idf, data.surface)
            .map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::StopWords;

    const DOCS: [&str; 4] = [
        "Peace talks resumed in Geneva on Monday.",
        "The talks stalled; peace looks distant.",
        "Markets rallied as oil prices fell.",
        "Oil prices and peace talks dominate the week.",
    ];

    fn params() -> PipelineParams {
        PipelineParams {
            min_df: DocFreq::Count(1),
            ..Default::default()
        }
    }

    #[test]
    fn fit_transform_equals_transform() {
        let (p, rows) = params().fit_transform(&DOCS).unwrap();
        for (i, d) in DOCS.iter().enumerate() {
            let r = p.transform(d);
            assert_eq!(rows.row(i).indices, r.indices.as_slice());
            assert_eq!(rows.row(i).values, r.values.as_slice());
            assert!((r.l2_norm() - 1.0).abs() < 1e-6);
        }
        assert_eq!(p.transform_batch(&DOCS), rows);
    }

    #[test]
    fn vocabulary_is_sorted_and_pruned() {
        let p = PipelineParams {
            min_df: DocFreq::Count(2),
            ..params()
        }
        .fit(&DOCS)
        .unwrap();
        assert_eq!(
            p.vocabulary().terms,
            ["oil", "oil price", "peac", "peac talk", "price", "talk"]
        );
        assert_eq!(p.vocabulary().df, [2, 2, 3, 2, 2, 3]);
        let capped = PipelineParams {
            max_features: Some(2),
            ..params()
        }
        .fit(&DOCS)
        .unwrap();
        assert_eq!(capped.vocabulary().terms, ["peac", "talk"]);
        let no_common = PipelineParams {
            max_df: DocFreq::Ratio(0.5),
            ..params()
        }
        .fit(&DOCS)
        .unwrap();
        assert!(no_common.vocabulary().get("peac").is_none());
        assert!(no_common.vocabulary().get("oil").is_some());
    }

    #[test]
    fn stems_display_as_the_most_common_word() {
        let p = params()
            .fit(&["Talks resumed.", "The talks stalled.", "Peace talk"])
            .unwrap();
        assert_eq!(p.display_term("talk"), "talks");
        assert_eq!(p.display_term("resum"), "resumed");
        assert_eq!(p.display_term("peac talk"), "peace talks");
    }

    #[test]
    fn unseen_text_gives_empty_row() {
        let p = params().fit(&DOCS).unwrap();
        assert!(p.transform("").is_empty());
        assert!(p.transform("zebra quantum").is_empty());
    }

    #[test]
    fn pruning_everything_is_a_clear_error() {
        let e = PipelineParams {
            min_df: DocFreq::Count(4),
            ..params()
        }
        .fit(&DOCS)
        .unwrap_err();
        assert!(e.to_string().contains("no terms left"), "{e}");
        let e = PipelineParams {
            min_df: DocFreq::Count(3),
            max_df: DocFreq::Count(2),
            ..params()
        }
        .fit(&DOCS)
        .unwrap_err();
        assert!(e.to_string().contains("max_df"), "{e}");
    }

    #[test]
    fn term_spans_point_at_words() {
        let p = PipelineParams {
            analyzer: AnalyzerParams {
                stop_words: StopWords::English,
                ..Default::default()
            },
            ..params()
        }
        .fit(&DOCS)
        .unwrap();
        let text = "New peace talks";
        let spans = p.term_spans(text);
        let words: Vec<&str> = spans
            .iter()
            .flat_map(|(_, s)| s.iter().map(|r| &text[r.clone()]))
            .collect();
        assert!(words.contains(&"peace"));
        assert!(words.contains(&"peace talks"));
    }
}
