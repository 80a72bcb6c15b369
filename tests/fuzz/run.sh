#!/usr/bin/env bash
# Runs fuzz targets one after another, each for SECONDS (default 600), on the
# stable toolchain (RUSTC_BOOTSTRAP=1 lets it take cargo-fuzz's -Z flags).
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]     # default: every target
#   SANITIZER=none tests/fuzz/run.sh 60 split   # force a sanitizer for all
#
# By default every target runs under AddressSanitizer except model_mutate,
# which runs with `-s none` (about 7x the executions per second: it decodes a
# whole model per input, and newsclass has no unsafe code for ASan to watch).
# `-s none` builds go to target/none/ so the two builds do not evict each other.
#
# Seeds the corpora first (seed.sh). Logs go to tests/fuzz/logs/<target>.log,
# crashes to tests/fuzz/artifacts/<target>/.
set -uo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$fuzz/../.." && pwd)"
secs="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(tokenize split readers model_load model_mutate)

san_for() {
    if [ -n "${SANITIZER:-}" ]; then echo "$SANITIZER"
    elif [ "$1" = model_mutate ]; then echo none
    else echo address
    fi
}

opts_for() {
    case "$1" in
        tokenize) echo "-max_len=2048 -dict=$fuzz/dicts/tokenize.dict" ;;
        split) echo "-max_len=8192 -dict=$fuzz/dicts/split.dict" ;;
        readers) echo "-max_len=8192 -dict=$fuzz/dicts/readers.dict" ;;
        model_load) echo "-max_len=600000" ;;
        model_mutate) echo "-max_len=256 -len_control=0" ;;
        *) echo "unknown target $1" >&2; exit 2 ;;
    esac
}

bash "$fuzz/seed.sh" >/dev/null
mkdir -p "$fuzz/logs"
cd "$root"
status=0
for t in "${targets[@]}"; do
    san="$(san_for "$t")"
    tdir=()
    [ "$san" != address ] && tdir=(--target-dir "tests/fuzz/target/$san")
    echo "== $t: ${secs}s, sanitizer $san ($(date -u +%FT%TZ))"
    # shellcheck disable=SC2046
    RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir tests/fuzz -s "$san" "${tdir[@]}" "$t" -- \
        -max_total_time="$secs" -rss_limit_mb=2048 -timeout=30 -print_final_stats=1 \
        $(opts_for "$t") >"$fuzz/logs/$t.log" 2>&1
    rc=$?
    grep -E "^Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb" "$fuzz/logs/$t.log"
    if [ $rc -ne 0 ]; then
        status=1
        echo "!! $t exited $rc: see $fuzz/logs/$t.log and $fuzz/artifacts/$t/"
        grep -E "panicked at|ERROR: libFuzzer|SUMMARY" "$fuzz/logs/$t.log" | head -5
    fi
done
exit $status
