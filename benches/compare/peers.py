#!/usr/bin/env python3
"""Runs ONE peer text classifier on a JSONL train/test pair and prints one JSON line.

    peers.py --train TRAIN.jsonl --test TEST.jsonl --system sklearn_svc|sklearn_cnb|fasttext

Records are {"text": ..., "label": ...}, single-label only. Output:

    {"system", "accuracy", "macro_f1", "train_s", "score_docs_per_s", "peak_rss_mb",
     "read_s", "n_train", "n_test", "params"}

(the last four are extra context; the first six are the comparison). Run each
system in its own process so that peak_rss_mb is that system's alone.
"""

import os

# Single thread for every numeric library; must be set before numpy is imported.
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

SYSTEMS = ("sklearn_svc", "sklearn_cnb", "fasttext")


def read_jsonl(path):
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"peers.py: {path}:{lineno}: not JSON: {e}")
            if not isinstance(rec, dict) or "text" not in rec or "label" not in rec:
                sys.exit(f"peers.py: {path}:{lineno}: record needs 'text' and 'label'")
            label = rec["label"]
            if isinstance(label, list):
                if len(label) != 1:
                    sys.exit(f"peers.py: {path}:{lineno}: a label list; only single-label data is supported")
                label = label[0]
            if not isinstance(label, str):
                sys.exit(f"peers.py: {path}:{lineno}: 'label' must be a string")
            text = rec["text"]
            texts.append("" if text is None else str(text))
            labels.append(label)
    if not texts:
        sys.exit(f"peers.py: {path}: no records")
    return texts, labels


def run_sklearn(system, train_x, train_y, test_x, seed):
    from sklearn.feature_extraction.text import TfidfVectorizer

    if system == "sklearn_svc":
        from sklearn.svm import LinearSVC

        vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)
        clf = LinearSVC(C=1.0, random_state=seed)
        params = {
            "vectorizer": "TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2)",
            "classifier": f"LinearSVC(C=1.0, random_state={seed})",
        }
    else:
        from sklearn.naive_bayes import ComplementNB

        vec = TfidfVectorizer(ngram_range=(1, 1), sublinear_tf=True, min_df=2)
        clf = ComplementNB(alpha=1.0)
        params = {
            "vectorizer": "TfidfVectorizer(ngram_range=(1, 1), sublinear_tf=True, min_df=2)",
            "classifier": "ComplementNB(alpha=1.0)",
        }

    t0 = time.perf_counter()
    x = vec.fit_transform(train_x)
    clf.fit(x, train_y)
    train_s = time.perf_counter() - t0
    params["n_features"] = int(x.shape[1])

    t0 = time.perf_counter()
    pred = clf.predict(vec.transform(test_x))
    score_s = time.perf_counter() - t0
    return list(pred), train_s, score_s, params


def ft_clean(text):
    """fastText reads one example per line: newlines become spaces; lowercased."""
    return text.replace("\r", " ").replace("\n", " ").lower()


def ft_label(label):
    # fastText splits on whitespace, so a label may not contain any.
    return "_".join(label.split()) or "_"


def run_fasttext(train_x, train_y, test_x, seed, epoch=None, lr=None):
    import fasttext

    # Map the label token back to the original label string.
    back = {}
    for y in train_y:
        tok = ft_label(y)
        if back.setdefault(tok, y) != y:
            sys.exit(f"peers.py: labels {back[tok]!r} and {y!r} collide once whitespace is replaced")

    # The JSONL files are grouped by label; SGD needs a shuffled order.
    order = list(range(len(train_x)))
    random.Random(seed).shuffle(order)

    # Only wordNgrams, thread, seed and verbose are set; the rest are fastText's
    # own defaults unless --ft-epoch / --ft-lr override them.
    overrides = {}
    if epoch is not None:
        overrides["epoch"] = epoch
    if lr is not None:
        overrides["lr"] = lr
    params = {
        "wordNgrams": 2,
        "thread": 1,
        "seed": seed,
        "verbose": 0,
        **overrides,
        "defaults": "lr=0.1 dim=100 ws=5 epoch=5 minCount=1 minCountLabel=0 minn=0 maxn=0 "
        "neg=5 loss=softmax bucket=2000000 lrUpdateRate=100 t=1e-4",
        "preprocessing": "lowercase; \\r and \\n replaced by spaces; training file shuffled with the seed",
    }
    with tempfile.TemporaryDirectory(prefix="peers-fasttext-") as tmp:
        path = os.path.join(tmp, "train.txt")
        with open(path, "w", encoding="utf-8") as f:
            for i in order:
                f.write(f"__label__{ft_label(train_y[i])} {ft_clean(train_x[i])}\n")
        t0 = time.perf_counter()  # excludes writing the file
        model = fasttext.train_supervised(
            input=path, wordNgrams=2, thread=1, seed=seed, verbose=0, **overrides
        )
        train_s = time.perf_counter() - t0
    params["n_words"] = len(model.words)

    # The majority training label stands in when fastText returns no label
    # (a text with no tokens at all).
    counts = {}
    for y in train_y:
        counts[y] = counts.get(y, 0) + 1
    fallback = max(counts, key=lambda y: (counts[y], y))

    t0 = time.perf_counter()
    labels, _probs = model.predict([ft_clean(t) for t in test_x], k=1)
    score_s = time.perf_counter() - t0

    pred = []
    n_empty = 0
    for ls in labels:
        if ls:
            pred.append(back.get(ls[0][len("__label__"):], ls[0]))
        else:
            pred.append(fallback)
            n_empty += 1
    params["predictions_without_label"] = n_empty
    return pred, train_s, score_s, params


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", required=True, help="training JSONL ({text, label})")
    ap.add_argument("--test", required=True, help="test JSONL ({text, label})")
    ap.add_argument("--system", required=True, choices=SYSTEMS)
    ap.add_argument("--seed", type=int, default=42, help="seed for every random choice (default 42)")
    ap.add_argument("--ft-epoch", type=int, default=None,
                    help="fastText only: override its default epoch (5)")
    ap.add_argument("--ft-lr", type=float, default=None,
                    help="fastText only: override its default lr (0.1)")
    args = ap.parse_args()

    for p in (args.train, args.test):
        if not os.path.isfile(p):
            sys.exit(f"peers.py: no such file: {p}")

    t0 = time.perf_counter()
    train_x, train_y = read_jsonl(args.train)
    test_x, test_y = read_jsonl(args.test)
    read_s = time.perf_counter() - t0

    if args.system == "fasttext":
        pred, train_s, score_s, params = run_fasttext(
            train_x, train_y, test_x, args.seed, epoch=args.ft_epoch, lr=args.ft_lr
        )
    else:
        pred, train_s, score_s, params = run_sklearn(args.system, train_x, train_y, test_x, args.seed)

    from sklearn.metrics import accuracy_score, f1_score

    accuracy = accuracy_score(test_y, pred)
    macro_f1 = f1_score(test_y, pred, average="macro", zero_division=0)
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    out = {
        "system": args.system,
        "accuracy": round(float(accuracy), 6),
        "macro_f1": round(float(macro_f1), 6),
        "train_s": round(train_s, 4),
        "score_docs_per_s": round(len(test_x) / score_s, 1) if score_s > 0 else None,
        "peak_rss_mb": round(peak_rss_mb, 1),
        "read_s": round(read_s, 4),
        "n_train": len(train_x),
        "n_test": len(test_x),
        "params": params,
    }
    print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
