#!/usr/bin/env bash
# Side-by-side comparison of newsclass with scikit-learn and fastText.
#
#   bash benches/compare/run.sh TRAIN.jsonl TEST.jsonl [extra newsclass train flags...]
#
# Extra flags replace the default `--classifier svm`. Prints a Markdown table
# on stdout (progress goes to stderr) and writes benches/compare/out/results.json.
# See benches/compare/README.md.
set -euo pipefail

usage() {
    cat >&2 <<'EOF'
usage: bash benches/compare/run.sh TRAIN.jsonl TEST.jsonl [extra newsclass train flags...]

  TRAIN.jsonl, TEST.jsonl  labeled records {"text": ..., "label": ...}, single-label
  extra flags              passed to `newsclass train` (default: --classifier svm)

example:
  bash benches/compare/run.sh ../shared/data/20newsgroups/train.jsonl ../shared/data/20newsgroups/dev.jsonl
  bash benches/compare/run.sh TRAIN.jsonl TEST.jsonl --classifier cnb --ngram-range 1..1
EOF
}

die() {
    echo "run.sh: $*" >&2
    exit 1
}

if [[ $# -lt 2 ]]; then
    case "${1:-}" in
        -h | --help) usage; exit 0 ;;
    esac
    echo "run.sh: missing argument(s): need TRAIN.jsonl and TEST.jsonl" >&2
    usage
    exit 2
fi

TRAIN_ARG="$1"
TEST_ARG="$2"
shift 2
[[ -f "$TRAIN_ARG" ]] || die "training file not found: $TRAIN_ARG"
[[ -f "$TEST_ARG" ]] || die "test file not found: $TEST_ARG"
TRAIN="$(realpath "$TRAIN_ARG")"
TEST="$(realpath "$TEST_ARG")"

if [[ $# -gt 0 ]]; then
    EXTRA=("$@")
else
    EXTRA=(--classifier svm)
fi

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="$HERE/out"
PY="$HERE/.venv/bin/python"
NC="$ROOT/target/release/newsclass"
TIME=/usr/bin/time

[[ -x "$TIME" ]] || die "$TIME (GNU time) is needed for peak RSS; on Debian: apt-get install time"
command -v cargo >/dev/null 2>&1 || die "cargo not found; install Rust to build newsclass"
mkdir -p "$OUT"
rm -f "$OUT"/nc_* "$OUT"/peer_* "$OUT"/commands.txt

# Records the exact command (shell-quoted) and prints it.
COMMANDS="$OUT/commands.txt"
note_cmd() {
    local line
    line="$(printf '%q ' "$@")"
    line="${line% }"
    echo "$line" >>"$COMMANDS"
    echo "+ $line" >&2
}

# ---------------------------------------------------------------- setup
echo "== setting up the Python venv" >&2
bash "$HERE/setup_venv.sh"

echo "== building newsclass (cargo build --release)" >&2
(cd "$ROOT" && cargo build --release) >&2 || die "cargo build --release failed in $ROOT"
[[ -x "$NC" ]] || die "newsclass binary not found at $NC after the build"

# ---------------------------------------------------------------- newsclass
echo "== newsclass" >&2
note_cmd "$NC" train "$TRAIN" --out "$OUT/nc.model" --threads 1 "${EXTRA[@]}"
if ! "$TIME" -o "$OUT/nc_train.time" -f '%e %M' \
    "$NC" train "$TRAIN" --out "$OUT/nc.model" --threads 1 "${EXTRA[@]}" \
    2>"$OUT/nc_train.stderr"; then
    cat "$OUT/nc_train.stderr" >&2
    if [[ $# -eq 0 ]] && grep -q "svm" "$OUT/nc_train.stderr"; then
        echo "run.sh: this newsclass build does not seem to accept the default '--classifier svm';" \
            "pass other train flags after TEST, e.g. '--classifier cnb'" >&2
    fi
    die "newsclass train failed (flags: ${EXTRA[*]})"
fi
cat "$OUT/nc_train.stderr" >&2

note_cmd "$NC" eval --model "$OUT/nc.model" "$TEST" --format json
"$TIME" -o "$OUT/nc_eval.time" -f '%e %M' \
    "$NC" eval --model "$OUT/nc.model" "$TEST" --format json >"$OUT/nc_eval.json" \
    || die "newsclass eval failed"

if "$NC" bench --help >/dev/null 2>&1; then
    echo "$NC bench" >"$OUT/nc_score.mode"
    note_cmd "$NC" bench --model "$OUT/nc.model" "$TEST" --threads 1 --format json
    "$TIME" -o "$OUT/nc_score.time" -f '%e %M' \
        "$NC" bench --model "$OUT/nc.model" "$TEST" --threads 1 --format json >"$OUT/nc_bench.json" \
        || die "newsclass bench failed"
else
    echo "score" >"$OUT/nc_score.mode"
    echo "run.sh: 'newsclass bench' not available; timing 'newsclass score' instead" >&2
    note_cmd "$NC" score --model "$OUT/nc.model" "$TEST" --format jsonl --threads 1
    t0=$(date +%s%N)
    "$TIME" -o "$OUT/nc_score.time" -f '%e %M' \
        "$NC" score --model "$OUT/nc.model" "$TEST" --format jsonl --threads 1 >/dev/null \
        || die "newsclass score failed"
    t1=$(date +%s%N)
    echo "$(((t1 - t0) / 1000))" >"$OUT/nc_score.wall_us"
fi

# ---------------------------------------------------------------- peers
for system in sklearn_svc sklearn_cnb fasttext; do
    echo "== $system" >&2
    peer_args=(--train "$TRAIN" --test "$TEST" --system "$system")
    if [[ "$system" == fasttext ]]; then
        # Optional overrides of fastText's defaults (epoch 5, lr 0.1); see README.
        if [[ -n "${FASTTEXT_EPOCH:-}" ]]; then peer_args+=(--ft-epoch "$FASTTEXT_EPOCH"); fi
        if [[ -n "${FASTTEXT_LR:-}" ]]; then peer_args+=(--ft-lr "$FASTTEXT_LR"); fi
    fi
    note_cmd "$PY" "$HERE/peers.py" "${peer_args[@]}"
    if ! "$PY" "$HERE/peers.py" "${peer_args[@]}" >"$OUT/peer_$system.json" 2>"$OUT/peer_$system.stderr"; then
        cat "$OUT/peer_$system.stderr" >&2
        echo "run.sh: $system failed; its row is left empty" >&2
        rm -f "$OUT/peer_$system.json"
    fi
done

# ---------------------------------------------------------------- report
CPU_MODEL="$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//' || true)"
export CMP_OUT="$OUT" CMP_TRAIN="$TRAIN" CMP_TEST="$TEST" CMP_EXTRA="${EXTRA[*]}"
export CMP_NPROC="$(nproc)" CMP_CPU="${CPU_MODEL:-unknown}" CMP_DATE="$(date -u '+%Y-%m-%d %H:%M:%S UTC')"
export CMP_NC_VERSION="$("$NC" --version 2>/dev/null || echo unknown)"

"$PY" - <<'PYEOF'
import json, os, re, sys

out = os.environ["CMP_OUT"]


def read(name):
    with open(os.path.join(out, name), encoding="utf-8") as f:
        return f.read()


def time_file(name):
    # GNU time may put "Command exited with non-zero status" first; the values are last.
    e, m = read(name).strip().splitlines()[-1].split()
    return float(e), int(m)


errors = []

# newsclass
train_wall, train_kb = time_file("nc_train.time")
stderr = read("nc_train.stderr")
m = re.search(r"read ([0-9.]+) ?s, fit ([0-9.]+) ?s", stderr)
if m:
    nc_read, nc_fit = float(m.group(1)), float(m.group(2))
    nc_train_s, train_source = nc_read + nc_fit, "read + fit from newsclass stderr"
else:
    nc_read = nc_fit = None
    nc_train_s, train_source = train_wall, "wall clock of the process (no 'read X s, fit Y s' line found)"
    errors.append("newsclass train: no 'read X s, fit Y s' line on stderr; used wall clock")

ev = json.loads(read("nc_eval.json"))
n_test = ev.get("n")
_, eval_kb = time_file("nc_eval.time")
score_wall, score_kb = time_file("nc_score.time")
mode = read("nc_score.mode").strip()
if mode.endswith("bench"):
    bench = json.loads(read("nc_bench.json"))
    one = [r for r in bench.get("results", []) if r.get("threads") == 1]
    if not one:
        sys.exit("run.sh: newsclass bench JSON has no results entry with threads == 1")
    nc_docs_s = float(one[0]["end_to_end"]["docs_per_s"])
    score_source = "newsclass bench --threads 1: end_to_end.docs_per_s"
else:
    secs = int(read("nc_score.wall_us")) / 1e6
    nc_docs_s = n_test / secs if secs > 0 else None
    score_source = (
        "n_test / wall clock of `newsclass score --threads 1` "
        "(includes process start, model load, reading and writing JSONL)"
    )

nc_row = {
    "system": "newsclass",
    "accuracy": ev.get("accuracy"),
    "macro_f1": ev.get("macro_f1"),
    "train_s": round(nc_train_s, 4),
    "score_docs_per_s": round(nc_docs_s, 1) if nc_docs_s else None,
    "peak_rss_mb": round(max(train_kb, eval_kb, score_kb) / 1024, 1),
    "read_s": nc_read,
    "fit_s": nc_fit,
    "train_wall_s": train_wall,
    "train_peak_rss_mb": round(train_kb / 1024, 1),
    "eval_peak_rss_mb": round(eval_kb / 1024, 1),
    "score_peak_rss_mb": round(score_kb / 1024, 1),
    "n_test": n_test,
    "train_flags": os.environ["CMP_EXTRA"],
    "train_s_source": train_source,
    "score_source": score_source,
}

rows = [("newsclass (`" + os.environ["CMP_EXTRA"] + "`)", nc_row)]
names = {
    "sklearn_svc": "sklearn TF-IDF+LinearSVC",
    "sklearn_cnb": "sklearn ComplementNB",
    "fasttext": "fastText",
}
peers = {}
for key, label in names.items():
    p = os.path.join(out, f"peer_{key}.json")
    if os.path.exists(p):
        with open(p, encoding="utf-8") as f:
            peers[key] = json.loads(f.read().strip().splitlines()[-1])
    else:
        peers[key] = None
        errors.append(f"{key} failed (see out/peer_{key}.stderr)")
    if key == "fasttext" and peers[key]:
        # Name any override of fastText's defaults in the row itself.
        ov = [f"{k} {peers[key]['params'][k]}" for k in ("epoch", "lr") if k in peers[key]["params"]]
        if ov:
            label += " (" + ", ".join(ov) + ")"
    rows.append((label, peers[key]))


def ratio(v, base):
    if v is None or not base:
        return None
    return v / base


def fmt_ratio(r):
    if r is None:
        return ""
    if r >= 10:
        s = f"{r:.0f}"
    elif r >= 1:
        s = f"{r:.1f}"
    else:
        s = f"{r:.2f}"
    return f" ({s}× newsclass)"


def fmt_num(v, unit=""):
    if v is None:
        return "n/a"
    if v >= 1000:
        s = f"{v:,.0f}"
    elif v >= 100:
        s = f"{v:.0f}"
    elif v >= 10:
        s = f"{v:.1f}"
    else:
        s = f"{v:.2f}"
    return s + unit


results = {
    "machine": {
        "nproc": int(os.environ["CMP_NPROC"]),
        "cpu": os.environ["CMP_CPU"],
        "date": os.environ["CMP_DATE"],
        "newsclass_version": os.environ["CMP_NC_VERSION"],
    },
    "train": os.environ["CMP_TRAIN"],
    "test": os.environ["CMP_TEST"],
    "commands": read("commands.txt").splitlines(),
    "ratio_definition": "peer value / newsclass value, for train_s, score_docs_per_s and peak_rss_mb",
    "results": [],
    "errors": errors,
}

lines = []
lines.append("| system | accuracy | macro-F1 | train s | scoring docs/s (1 thread) | peak RSS MB |")
lines.append("|---|---:|---:|---:|---:|---:|")
for i, (label, r) in enumerate(rows):
    if r is None:
        lines.append(f"| {label} | failed | | | | |")
        continue
    entry = dict(r)
    if i == 0:
        t = fmt_num(r["train_s"], " s")
        d = fmt_num(r["score_docs_per_s"])
        m = fmt_num(r["peak_rss_mb"])
    else:
        rt = ratio(r["train_s"], nc_row["train_s"])
        rd = ratio(r["score_docs_per_s"], nc_row["score_docs_per_s"])
        rm = ratio(r["peak_rss_mb"], nc_row["peak_rss_mb"])
        entry["ratio_to_newsclass"] = {
            "train_s": rt and round(rt, 4),
            "score_docs_per_s": rd and round(rd, 4),
            "peak_rss_mb": rm and round(rm, 4),
        }
        t = fmt_num(r["train_s"], " s") + fmt_ratio(rt)
        d = fmt_num(r["score_docs_per_s"]) + fmt_ratio(rd)
        m = fmt_num(r["peak_rss_mb"]) + fmt_ratio(rm)
    acc = "n/a" if r.get("accuracy") is None else f"{r['accuracy']:.4f}"
    f1 = "n/a" if r.get("macro_f1") is None else f"{r['macro_f1']:.4f}"
    lines.append(f"| {label} | {acc} | {f1} | {t} | {d} | {m} |")
    results["results"].append(entry)

with open(os.path.join(out, "results.json"), "w", encoding="utf-8") as f:
    json.dump(results, f, indent=2)
    f.write("\n")

mach = results["machine"]
print(f"## newsclass vs. peers")
print()
print(f"- machine: {mach['nproc']} CPUs (nproc), {mach['cpu']}")
print(f"- date: {mach['date']}")
print(f"- newsclass: {mach['newsclass_version']}")
print(f"- train: `{results['train']}` ({peers['sklearn_svc']['n_train'] if peers.get('sklearn_svc') else '?'} docs), "
      f"test: `{results['test']}` ({n_test} docs)")
print()
print("\n".join(lines))
print()
print("Ratios are peer / newsclass: above 1 means the peer takes longer to train, scores more docs/s, or uses more memory.")
print(f"newsclass train s: {train_source}; scoring: {score_source}; peak RSS: largest of its train, eval and scoring processes.")
print("Peers (one process each): train s = vectorize + fit (fastText: train_supervised) after the data is in memory;")
print("scoring = vectorize + predict over the in-memory test texts; peak RSS = ru_maxrss of the whole process.")
print("The machine may be shared: compare ratios within one run, not absolute numbers across runs.")
print()
print("Commands:")
print()
print("```")
for c in results["commands"]:
    print(c)
print("```")
if errors:
    print()
    print("Problems: " + "; ".join(errors))
print()
print(f"(results also in {os.path.join(out, 'results.json')})")
PYEOF
