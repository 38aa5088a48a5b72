#!/usr/bin/env python3
"""The regression guard of issue 17: one-thread throughput of mtqc against ripgrep, in one job.

Run after `bench/run.sh --smoke` (or a full run): it reads the exact commands of the `mtqc-j1`
and `ripgrep` rows from bench/data/results.json and runs each, in turn (`--runs` times,
interleaved), on two inputs in place of the run's corpus: the corpus repeated to at least
`--min-mb` MB, and its first line alone. Each command's cost per byte is the difference of its
smallest CPU times (user + system, from the kernel's accounting of the process: far steadier
than wall-clock time when other work shares the machine) on the two, so start-up (ripgrep
compiling the packs' regexes, mtqc loading its packs) is left out and what is compared is
throughput:

    ratio = ripgrep CPU seconds per byte / mtqc -j 1 CPU seconds per byte
            (mtqc's throughput as a share of ripgrep's)

against the one recorded in bench/guard.json for the same mode of the run (`smoke`, which CI
runs, or `full`: the corpora differ). It fails (exit 1) when the ratio dropped by more than the
recorded `max_drop` share: a change made mtqc slower against a tool that did not change. A
ratio, never an absolute time, so the guard holds on any machine. `--record` writes the measured
ratio as the new reference of its mode (after a deliberate change, or when the packs' regexes
change what ripgrep does; commit bench/guard.json).
Exit 2: no results to read (run bench/run.sh first) or a command failed.
"""

import argparse
import json
import os
import pathlib
import shlex
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench/data/results.json"
REFERENCE = ROOT / "bench/guard.json"


def timed(command: str) -> float:
    """The CPU time (user + system) of one run of `command` (a shell-quoted command line)."""
    child = subprocess.Popen(
        shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    # ripgrep exits 1 when nothing matched; anything else is a failure.
    if child.returncode not in (0, 1):
        sys.exit(f"guard: `{command[:120]}` failed ({child.returncode})")
    return usage.ru_utime + usage.ru_stime


def inputs(corpus: pathlib.Path, min_mb: float) -> tuple[pathlib.Path, pathlib.Path]:
    """The corpus repeated to at least `min_mb` MB (the corpus itself when it is that large), and
    its first line, written beside it."""
    small = corpus.with_name("guard-small.txt")
    with open(corpus, "rb") as f:
        first = f.readline()
    if not first:
        sys.exit(f"guard: {corpus} is empty")
    small.write_bytes(first if first.endswith(b"\n") else first + b"\n")
    size = corpus.stat().st_size
    if size >= min_mb * 1e6:
        return corpus, small
    text = corpus.read_bytes()
    big = corpus.with_name("guard-big.txt")
    with open(big, "wb") as f:
        for _ in range(-(-int(min_mb * 1e6) // size)):
            f.write(text if text.endswith(b"\n") else text + b"\n")
    return big, small


def with_input(command: str, corpus: str, path: pathlib.Path) -> str:
    """`command` with its last argument, the corpus, replaced by `path`."""
    words = shlex.split(command)
    assert words[-1] == corpus
    return shlex.join(words[:-1] + [str(path)])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="runs of each command (default 7)")
    ap.add_argument("--min-mb", type=float, default=32.0,
                    help="repeat the corpus to at least this many MB (default 32)")
    ap.add_argument("--record", action="store_true", help="write the ratio to bench/guard.json")
    args = ap.parse_args()
    if not RESULTS.exists():
        print(f"guard: {RESULTS} not found: run bench/run.sh --smoke first", file=sys.stderr)
        return 2
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    mode = results.get("mode", "full")
    runs = {r["key"]: r for r in results["runs"]}
    missing = [k for k in ("mtqc-j1", "ripgrep") if k not in runs]
    if missing:
        print(f"guard: {RESULTS} has no {', '.join(missing)} run", file=sys.stderr)
        return 2
    mtqc, rg = runs["mtqc-j1"], runs["ripgrep"]
    corpus = shlex.split(mtqc["command"])[-1]
    if shlex.split(rg["command"])[-1] != corpus or not os.path.isfile(corpus):
        print("guard: the two runs do not end with the same corpus file", file=sys.stderr)
        return 2
    big, small = inputs(pathlib.Path(corpus), args.min_mb)
    best = {}
    for _ in range(args.runs):
        for name, run in (("mtqc", mtqc), ("rg", rg)):
            for size, path in (("big", big), ("small", small)):
                t = timed(with_input(run["command"], corpus, path))
                best[name, size] = min(best.get((name, size), float("inf")), t)
    cost = {name: best[name, "big"] - best[name, "small"] for name in ("mtqc", "rg")}
    if min(cost.values()) <= 0:
        print(f"guard: no time left once start-up is taken off ({cost}): a larger --min-mb",
              file=sys.stderr)
        return 2
    ratio = cost["rg"] / cost["mtqc"]
    mb = (big.stat().st_size - small.stat().st_size) / 1e6
    print(
        f"guard: {mb:.1f} MB past the first line, mtqc -j 1 {cost['mtqc']:.3f} CPU s "
        f"({mb / cost['mtqc']:.1f} MB/s), ripgrep {cost['rg']:.3f} CPU s "
        f"({mb / cost['rg']:.1f} MB/s), start-up left out: ratio {ratio:.4f}"
    )
    reference = json.loads(REFERENCE.read_text(encoding="utf-8")) if REFERENCE.exists() else {}
    ratios = reference.get("ratios", {})
    if args.record:
        ratios[mode] = round(ratio, 4)
        reference = {"ratios": ratios, "max_drop": reference.get("max_drop", 0.5)}
        REFERENCE.write_text(json.dumps(reference, indent=2) + "\n", encoding="utf-8")
        print(f"guard: recorded for the {mode} run in {REFERENCE.relative_to(ROOT)}")
        return 0
    if mode not in ratios:
        print(f"guard: {REFERENCE} has no ratio for a {mode} run: record one with --record",
              file=sys.stderr)
        return 2
    floor = ratios[mode] * (1 - reference["max_drop"])
    if ratio < floor:
        print(
            f"guard: FAILED: the ratio {ratio:.4f} is under {floor:.4f} (the recorded {mode} "
            f"{ratios[mode]:.4f} less {reference['max_drop']:.0%}): mtqc got slower",
            file=sys.stderr,
        )
        return 1
    print(f"guard: ok ({mode} run; recorded {ratios[mode]:.4f}, floor {floor:.4f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
