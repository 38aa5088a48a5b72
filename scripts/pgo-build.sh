#!/usr/bin/env bash
# A release build of mtqc optimised with a profile of its own runs (profile-guided
# optimisation): an instrumented build checks the bundled fixtures (Bengali MT and professional
# text, English–Hindi MT, Arabic, the XLIFF/PO/TMX/TSV/JSONL readers, the rule packs' examples;
# the text fixtures also repeated to about 2 MB), and the final build is laid out and inlined by
# what those runs did. The benchmark corpus is not read (of its text, the fixtures hold the 12
# TICO-19 lines of tico19-bn-sample.txt and the MT example). The reports are those of the plain
# release build: only speed changes (docs/performance.md, "A build guided by a profile").
#
#   scripts/pgo-build.sh            writes target/pgo/mtqc
#
# Needs llvm-profdata of the toolchain's LLVM: the rustup component llvm-tools, added here when
# missing (rustup, from the Rust distribution server); exit 3 when it cannot be had, 1 on any
# other failure. Builds go to target/pgo/ (two full release builds, about 7 minutes on two
# cores); the profiling runs' messages (the instrumented build's LLVM warnings among them) to
# target/pgo/runs/log.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
DIR=$ROOT/target/pgo
HOST=$(rustc -vV | sed -n 's/^host: //p')

profdata() {
  find "$(rustc --print sysroot)/lib/rustlib/$HOST/bin" -name llvm-profdata -type f 2>/dev/null | head -1
}
if [ -z "$(profdata)" ]; then
  echo "pgo-build: adding the rustup component llvm-tools (llvm-profdata)" >&2
  rustup component add llvm-tools >&2 || true
fi
if [ -z "$(profdata)" ]; then
  echo "pgo-build: no llvm-profdata in the toolchain and llvm-tools could not be added: no PGO build" >&2
  exit 3
fi
PROFDATA=$(profdata)

rm -rf "$DIR/profiles" "$DIR/runs"
mkdir -p "$DIR/profiles" "$DIR/runs"
# With --target, RUSTFLAGS reach mtqc and its dependencies, not the build scripts.
echo "pgo-build: instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$DIR/profiles" \
  cargo build --release --locked --quiet --target "$HOST" --target-dir "$DIR/instrumented"
BIN=$DIR/instrumented/$HOST/release/mtqc

echo "pgo-build: profiling runs on tests/fixtures" >&2
F=tests/fixtures
n=0
LOG=$DIR/runs/log
check() {
  n=$((n + 1))
  "$BIN" check --fail-on never --format json -o "$DIR/runs/$n.json" "$@" 2>> "$LOG" || {
    echo "pgo-build: profiling run failed: mtqc check $* (see $LOG)" >&2
    exit 1
  }
}
# The text fixtures' lines repeated to about 2 MB, as the micro-benchmarks read them
# (benches/kinds.rs): long enough that checking, not start-up, is most of what the profile
# counts, as in any real run.
SAMPLE=$DIR/runs/sample.txt
: > "$SAMPLE"
while [ "$(stat -c %s "$SAMPLE")" -lt 2000000 ]; do
  cat "$F"/*.txt | grep -v '^[[:space:]]*$' >> "$SAMPLE"
done
for file in "$SAMPLE" "$F/bn-news-mt.txt" "$F/tico19-bn-sample.txt" "$F/ar-rtl.txt"; do
  for threads in 1 2; do
    check --no-config -j "$threads" "$file"
    check --no-config -j "$threads" --segments "$file"
  done
done
check --no-config "$F/wmt24-en-hi-labelled.tsv"
check --no-config --source "$F/bilingual-en.txt" "$F/bilingual-bn.txt"
for file in "$F"/formats/*; do
  check --no-config "$file"
done
"$BIN" check --fail-on never --no-config --format jsonl < "$F/bn-news-mt.txt" \
  > "$DIR/runs/stdin.jsonl" 2>> "$LOG"
"$BIN" rules test > /dev/null 2>> "$LOG"

"$PROFDATA" merge -o "$DIR/merged.profdata" "$DIR/profiles"
# Cargo tracks RUSTFLAGS, not the profile they name: the profile is named by its hash, so a new
# profile rebuilds every crate rather than leaving some laid out by an old one.
PROFILE=$DIR/merged-$(sha256sum "$DIR/merged.profdata" | cut -c1-16).profdata
rm -f "$DIR"/merged-*.profdata
mv "$DIR/merged.profdata" "$PROFILE"
echo "pgo-build: optimised build" >&2
RUSTFLAGS="-Cprofile-use=$PROFILE" \
  cargo build --release --locked --quiet --target "$HOST" --target-dir "$DIR/build"
cp "$DIR/build/$HOST/release/mtqc" "$DIR/mtqc"
echo "pgo-build: $DIR/mtqc" >&2
