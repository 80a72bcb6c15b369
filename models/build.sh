#!/usr/bin/env bash
# Rebuilds the default models from data/corpus, byte for byte.
#
#   bash models/build.sh            # writes models/topic.model and models/stance.model
#   bash models/build.sh OUT_DIR    # writes them to OUT_DIR instead
#
# NEWSCLASS may name the binary to use (the tests pass the one they built).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-models}
if [ -z "${NEWSCLASS:-}" ]; then
  cargo build --release --locked --quiet
  NEWSCLASS=target/release/newsclass
fi
corpus=(data/corpus/part-1.jsonl data/corpus/part-2.jsonl data/corpus/part-3.jsonl
        data/corpus/part-4.jsonl data/corpus/part-5.jsonl data/corpus/part-6.jsonl)

# Topics: multi-label, linear SVM one-vs-rest, Platt-calibrated, per-label thresholds.
"$NEWSCLASS" train "${corpus[@]}" --label-field topics --classifier svm --c 1 \
  --seed 42 --name topic --out "$out/topic.model"

# Stance: single-label logistic regression, C chosen by 3-fold cross-validation.
"$NEWSCLASS" train "${corpus[@]}" --label-field stance --classifier logreg --c auto \
  --seed 42 --name stance --out "$out/stance.model"
