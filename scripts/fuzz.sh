#!/usr/bin/env bash
# Continuous fuzzing with cargo-fuzz: scripts/fuzz.sh [SECONDS] [TARGET...]
#
# Runs each target of fuzz/ (default: all: rule_pack check_bytes config and the readers'
# rdr_xliff rdr_po rdr_tmx rdr_jsonl rdr_tsv rdr_markdown) for SECONDS (default 600),
# one target at a time, in one libFuzzer process (no -jobs/-workers: one core, so the machine's
# other core stays free). Each corpus, fuzz/corpus/TARGET/, is seeded from the repository's
# fixtures and, when ../shared exists, from TICO-19 (CC0) and shared/corpus/formats (see
# scripts/fuzz_seed.py), and kept between runs: it stays out of git. Crash inputs land in
# fuzz/artifacts/TARGET/; minimize one with
#   RUSTC_BOOTSTRAP=1 cargo fuzz tmin -O -a -s none TARGET fuzz/artifacts/TARGET/crash-...
# and keep it as tests/fixtures/fuzz/TARGET-NAME (tests/fuzz_regressions.rs replays it), or,
# for a reader target (rdr_*), as tests/fixtures/formats/fuzz/TARGET-NAME (tests/readers.rs
# replays those).
#
# Prints per target: runs, execs/s, corpus size, coverage (libFuzzer's cov and ft) and whether
# it crashed. Exit status: 0 when no target crashed, 1 when one did, 2 on a usage error.
#
# Environment:
#   MTQC_FUZZ_SANITIZER  none (default; mtqc has no unsafe code) or address (ASan)
#   MTQC_SHARED          the shared folder (default ../shared)
set -uo pipefail
cd "$(dirname "$0")/.."

secs=${1:-600}
if ! [[ "$secs" =~ ^[0-9]+$ ]] || [ "$secs" -eq 0 ]; then
  echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
  exit 2
fi
shift || true
all_targets=(rule_pack check_bytes config rdr_xliff rdr_po rdr_tmx rdr_jsonl rdr_tsv rdr_markdown)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=("${all_targets[@]}")
fi
for t in "${targets[@]}"; do
  if [ ! -f "fuzz/fuzz_targets/$t.rs" ]; then
    echo "fuzz.sh: unknown target '$t' (known: ${all_targets[*]})" >&2
    exit 2
  fi
done
shared=${MTQC_SHARED:-../shared}
sanitizer=${MTQC_FUZZ_SANITIZER:-none}

# The toolchain here is stable Rust and no nightly can be fetched. cargo-fuzz's default ASan
# build passes -Zsanitizer=address, which stable rustc refuses unless RUSTC_BOOTSTRAP=1; with
# -s none every flag it passes is stable. Its commands always run with RUSTC_BOOTSTRAP=1 so
# that both sanitizers work and the build in fuzz/target is not redone (build scripts notice
# the variable). -O -a: optimised, with debug assertions and overflow checks.
triple=$(rustc -vV | sed -n 's/^host: //p')
fuzz() {
  RUSTC_BOOTSTRAP=1 cargo fuzz "$1" -O -a -s "$sanitizer" --target "$triple" "${@:2}"
}

if ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz"
  cargo install cargo-fuzz --locked || exit 2
fi
if [ ! -d "$shared" ]; then
  echo "fuzz.sh: $shared not found: seeding from the repository's fixtures only"
fi

max_len() {
  case "$1" in
    rule_pack) echo 8192 ;; # the largest rule file of rules/ is 5.4 KB
    rdr_*) echo 16384 ;;    # a reader is linear: room for several units and deep nesting
    *) echo 4096 ;;
  esac
}

# The last libFuzzer status line's value of a field (cov, ft, corp, exec/s).
field() {
  grep -aE '^#[0-9]+' "$2" | tail -n 1 | grep -aoE "$1: [^ ]+" | head -n 1 | cut -d' ' -f2
}
stat() {
  grep -a "^stat::$1:" "$2" | tail -n 1 | awk '{print $2}'
}

summary=()
crashed_any=0
for t in "${targets[@]}"; do
  corpus="fuzz/corpus/$t"
  artifacts="fuzz/artifacts/$t"
  mkdir -p "$corpus" "$artifacts"
  python3 scripts/fuzz_seed.py "$t" "$corpus" "$shared" || exit 2
  echo "building $t (sanitizer: $sanitizer)"
  fuzz build "$t" || exit 2
  log="$artifacts/last-run.log"
  marker=$(mktemp)
  echo "fuzzing $t for ${secs}s, log: $log"
  args=(
    -max_total_time="$secs"
    -max_len="$(max_len "$t")"
    -timeout=10
    -rss_limit_mb=4096
    -print_final_stats=1
  )
  if [ -f "fuzz/dict/$t.dict" ]; then
    args+=(-dict="fuzz/dict/$t.dict")
  fi
  # The binary just built, run directly: `cargo fuzz run` would rebuild first if the sources
  # changed meanwhile, and the figures would not belong to the build above.
  "fuzz/target/$triple/release/$t" -artifact_prefix="$artifacts/" "${args[@]}" "$corpus" \
    >"$log" 2>&1
  status=$?
  found=$(find "$artifacts" -newer "$marker" -type f \
    \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' -o -name 'leak-*' \) | sort)
  rm -f "$marker"
  if [ "$status" -ne 0 ] || [ -n "$found" ]; then
    verdict="CRASHED (exit $status) ${found//$'\n'/ }"
    crashed_any=1
    grep -aE -m 5 "panicked at|ERROR: libFuzzer|SUMMARY:" "$log" | sed 's/^/  /'
  else
    verdict="no crash"
  fi
  runs=$(stat number_of_executed_units "$log")
  rate=$(stat average_exec_per_sec "$log")
  files=$(find "$corpus" -type f | wc -l)
  bytes=$(find "$corpus" -type f -printf '%s\n' | awk '{s += $1} END {printf "%.0f", s / 1024}')
  init_cov=$(grep -a 'INITED' "$log" | grep -aoE 'cov: [0-9]+' | cut -d' ' -f2)
  line="$t: ${secs}s, ${runs:-?} runs, ${rate:-?} execs/s, corpus ${files} files (${bytes} KiB; libFuzzer corp $(field corp "$log")), cov ${init_cov:-?} -> $(field cov "$log") ft $(field ft "$log"), $verdict"
  echo "$line"
  summary+=("$line")
done

echo
echo "== fuzz summary ($(date -u +%Y-%m-%dT%H:%M:%SZ), sanitizer $sanitizer, $(nproc) cores)"
printf '%s\n' "${summary[@]}"
exit "$crashed_any"
