#!/usr/bin/env bash
# Trains newsclass on each dataset's train.jsonl and evaluates on dev.jsonl,
# with the documented configuration for its kind of task, single-threaded.
#
#   bash benches/accuracy.sh ../shared/data
#
# Topic tasks:  --classifier svm                     (C = 1)
# Stance tasks: --classifier logreg --c auto         (+ --target-field target when records carry one)
set -euo pipefail
data=${1:?usage: benches/accuracy.sh DATA_DIR (e.g. ../shared/data)}
cd "$(dirname "$0")/.."
cargo build --release --locked --quiet
nc=target/release/newsclass
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

topic=(--classifier svm)
stance=(--classifier logreg --c auto)
printf '| dataset | config | metric | newsclass | accuracy | macro-F1 | micro-F1 | F_avg | train s (1 thread) |\n|---|---|---|---|---|---|---|---|---|\n'
run() {
  local name=$1 metric=$2 kind=$3; shift 3
  local flags=("$@")
  local log
  log=$( { /usr/bin/time -f 'wall %e' "$nc" train "$data/$name/train.jsonl" --out "$out/$name.model" --threads 1 "${flags[@]}"; } 2>&1 )
  local fit
  fit=$(grep -o 'fit [0-9.]*s' <<<"$log" | tr -dc '0-9.')
  "$nc" eval --model "$out/$name.model" "$data/$name/dev.jsonl" --format json --threads 1 > "$out/$name.json"
  python3 - "$out/$name.json" "$name" "$metric" "$kind" "$fit" "${flags[*]}" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
name, metric, kind, fit, flags = sys.argv[2:7]
f = lambda k: ('%.4f' % r[k]) if k in r else '-'
print(f"| {name} | {kind}: `{flags}` | {metric} | **{f(metric)}** | {f('accuracy')} | {f('macro_f1')} | {f('micro_f1')} | {f('f_avg')} | {fit} |")
PY
}
run 20newsgroups macro_f1 topic "${topic[@]}"
run bbc macro_f1 topic "${topic[@]}"
run reuters21578 micro_f1 topic "${topic[@]}"
run ruwa macro_f1 topic "${topic[@]}"
run semeval2016_stance f_avg stance "${stance[@]}" --target-field target
run ruw_stance f_avg stance "${stance[@]}" --target-field target
run israel_palestine_stance macro_f1 stance "${stance[@]}"
