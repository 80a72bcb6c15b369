"""scikit-learn's fit time and score on each dataset, for the accuracy table.

    benches/compare/.venv/bin/python benches/compare/sklearn_datasets.py ../shared/data

For every dataset: TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
min_df=2) with LinearSVC(C=1) (topic tasks; one-vs-rest for Reuters) or
LogisticRegression(C=1) (stance tasks; one model per target where records
carry one), trained on train.jsonl and scored on dev.jsonl. Fit time covers
the vectorizer and the classifier, single-threaded, as newsclass's does.
"""
import json
import os
import sys
import time

for v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[v] = "1"

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.multiclass import OneVsRestClassifier  # noqa: E402
from sklearn.preprocessing import MultiLabelBinarizer  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402


def load(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def vec():
    return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)


def f_avg(y, p):
    return f1_score(y, p, labels=["FAVOR", "AGAINST"], average=None).mean()


def run(name, data, kind):
    tr = load(f"{data}/{name}/train.jsonl")
    dv = load(f"{data}/{name}/dev.jsonl")
    t0 = time.perf_counter()
    if "labels" in tr[0]:
        mlb = MultiLabelBinarizer().fit([r["labels"] for r in tr] + [r["labels"] for r in dv])
        v = vec()
        x = v.fit_transform([r["text"] for r in tr])
        m = OneVsRestClassifier(LinearSVC(C=1.0)).fit(x, mlb.transform([r["labels"] for r in tr]))
        fit = time.perf_counter() - t0
        p = m.predict(v.transform([r["text"] for r in dv]))
        g = mlb.transform([r["labels"] for r in dv])
        return fit, {"micro_f1": f1_score(g, p, average="micro"), "macro_f1": f1_score(g, p, average="macro", zero_division=0)}
    make = (lambda: LinearSVC(C=1.0)) if kind == "topic" else (lambda: LogisticRegression(C=1.0, max_iter=1000))
    groups = sorted({r.get("target", "") for r in tr}) if "target" in tr[0] else [""]
    models = {}
    for g in groups:
        sub = [r for r in tr if r.get("target", "") == g]
        v = vec()
        x = v.fit_transform([r["text"] for r in sub])
        models[g] = (v, make().fit(x, [r["label"] for r in sub]))
    fit = time.perf_counter() - t0
    y, p = [], []
    for r in dv:
        v, m = models.get(r.get("target", ""), models[groups[0]])
        y.append(r["label"])
        p.append(m.predict(v.transform([r["text"]]))[0])
    out = {"macro_f1": f1_score(y, p, average="macro")}
    if "FAVOR" in set(y):
        out["f_avg"] = f_avg(y, p)
    return fit, out


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data"
    print("| dataset | scikit-learn system | fit s (1 thread) | scores |")
    print("|---|---|---|---|")
    for name, kind in [
        ("20newsgroups", "topic"),
        ("bbc", "topic"),
        ("reuters21578", "topic"),
        ("ruwa", "topic"),
        ("semeval2016_stance", "stance"),
        ("ruw_stance", "stance"),
        ("israel_palestine_stance", "stance"),
    ]:
        fit, scores = run(name, data, kind)
        system = "LinearSVC" if kind == "topic" else "LogisticRegression"
        s = ", ".join(f"{k} {v:.4f}" for k, v in scores.items())
        print(f"| {name} | {system} | {fit:.2f} | {s} |", flush=True)


if __name__ == "__main__":
    main()
