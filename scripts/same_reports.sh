#!/usr/bin/env bash
# Reports as a speed change must leave them: run one mtqc build over a fixed set of inputs and
# save every report (and exit code), or compare two saved sets byte for byte.
#
#   scripts/same_reports.sh save MTQC DIR      run MTQC over the inputs, reports into DIR
#   scripts/same_reports.sh compare DIR1 DIR2  cmp every report; exit 1 on any difference
#
# Inputs: the MT example fixture, every TICO-19 plain file, the TICO-19 TMX files, a bilingual
# --source run, and bench/data/corpus.txt when it exists (bench/run.sh builds it); each in
# JSON and human form, with and without --segments. Reads ../shared (MTQC_SHARED); without it
# only the fixtures run.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=${MTQC_SHARED:-../shared}

save() {
  local mtqc=$1 dir=$2
  mkdir -p "$dir"
  local inputs=(tests/fixtures/bn-news-mt.txt tests/fixtures/tico19-bn-sample.txt)
  if [ -d "$SHARED/corpus/tico19/plain" ]; then
    inputs+=("$SHARED"/corpus/tico19/plain/*.txt "$SHARED"/corpus/tico19/tmx/*.tmx)
  else
    echo "same_reports.sh: $SHARED/corpus/tico19 not found: fixtures only" >&2
  fi
  [ -f bench/data/corpus.txt ] && inputs+=(bench/data/corpus.txt)
  local n=0
  for input in "${inputs[@]}"; do
    local name
    name=$(basename "$input")
    for seg in "" --segments; do
      for format in json human; do
        local out="$dir/$name${seg:+.segments}.$format"
        # Human reports of the 200 MB corpus are large and say what the JSON says.
        if [ "$format" = human ] && [ "$name" = corpus.txt ]; then continue; fi
        local rc=0
        "$mtqc" check --no-config -j 2 $seg --format "$format" -o "$out" "$input" 2>"$out.stderr" || rc=$?
        echo "$rc" > "$out.rc"
        n=$((n + 1))
      done
    done
  done
  if [ -f "$SHARED/corpus/tico19/plain/en-bn.en.txt" ]; then
    for format in json human; do
      local out="$dir/bilingual.$format" rc=0
      "$mtqc" check --no-config -j 2 --source "$SHARED/corpus/tico19/plain/en-bn.en.txt" \
        --format "$format" -o "$out" "$SHARED/corpus/tico19/plain/en-bn.bn.txt" 2>"$out.stderr" || rc=$?
      echo "$rc" > "$out.rc"
      n=$((n + 1))
    done
  fi
  echo "saved $n reports in $dir"
}

compare() {
  local a=$1 b=$2 bad=0 n=0
  for f in "$a"/*; do
    local g="$b/$(basename "$f")"
    n=$((n + 1))
    if [ ! -f "$g" ]; then
      echo "missing: $g"; bad=1
    elif ! cmp -s "$f" "$g"; then
      echo "differs: $(basename "$f")"; cmp "$f" "$g" | head -1; bad=1
    fi
  done
  [ "$(ls "$a" | wc -l)" = "$(ls "$b" | wc -l)" ] || { echo "file counts differ"; bad=1; }
  if [ "$bad" = 0 ]; then echo "identical: $n files"; fi
  return "$bad"
}

case "${1:-}" in
  save) save "${2:?mtqc binary}" "${3:?output dir}" ;;
  compare) compare "${2:?dir}" "${3:?dir}" ;;
  *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
