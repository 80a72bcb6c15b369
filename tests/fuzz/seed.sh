#!/usr/bin/env bash
# Fills tests/fuzz/corpus/<target>/ with seed inputs from the repository
# (real models, articles, corpus lines). The corpus directories are
# git-ignored: run this once before fuzzing, from anywhere.
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$fuzz/../.." && pwd)"
c="$fuzz/corpus"
mkdir -p "$c"/{tokenize,split,readers,model_load,model_mutate}

# model_load: the two real model files (~350 and ~450 KB; use -max_len=600000)
cp "$root"/models/*.model "$c/model_load/"

# model_mutate: base model selector + no edits (the intact models) and one edit each
printf '\x00' >"$c/model_mutate/topic-intact"
printf '\x01' >"$c/model_mutate/stance-intact"
printf '\x00\x00\x40\x00\x00\x00\x01' >"$c/model_mutate/topic-flip"
printf '\x01\x02\x00\x10\x00\x00\x00' >"$c/model_mutate/stance-truncate"

# tokenize / split: the sample articles and a few odd strings
for f in "$root"/data/articles/*.txt; do
    cp "$f" "$c/tokenize/$(basename "$f")"
    cp "$f" "$c/split/$(basename "$f")"
done
printf 'See https://example.com/a-b?x=1. Write to press@example.org, or www.Example.org!' >"$c/tokenize/links"
printf 'a cease-fire in front\xe2\x80\x91line towns; 1,200 troops, 3.5%% in 2026, F-16 and G7. Trump\xe2\x80\x99s' >"$c/tokenize/mixed"
printf 'Title\nBy Ana Ruiz | GENEVA\n\nfront-\nline text\n  indented\n\tTabbed\r\n\r\nRelated article: x\n\nhttps://x.org/y\n\nCopyright 2026\n' >"$c/split/rules"

# readers: first byte = option flags (see fuzz_targets/readers.rs), then the file
i=0
for f in "$root"/data/corpus/*.jsonl; do
    for flags in '\x00' '\x03' '\x15'; do
        { printf "$flags"; head -n 3 "$f"; } >"$c/readers/jsonl-$i"
        i=$((i + 1))
    done
done
printf '\x01id,text,label\n1,"Hello, world",greet\n2,bye,part\n' >"$c/readers/csv"
printf '\x09text\tlabels\ttarget\nsome text\ta|b\tx\nnone\t\t\n' >"$c/readers/tsv"
printf '\x1b\xef\xbb\xbf{"id": 7, "text": "one", "labels": ["b", "a"], "target": "t"}\r\n\n{"text": "a\xff"}\n' >"$c/readers/bom"
echo "seeded $c"
