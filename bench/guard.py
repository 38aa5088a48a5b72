#!/usr/bin/env python3
"""The regression guard of issue 17: one-thread throughput of mtqc against ripgrep, in one job.

Run after `bench/run.sh --smoke` (or a full run): it reads the exact commands of the `mtqc-j1`
and `ripgrep` rows from bench/data/results.json, runs them again in turn (`--runs` times each,
interleaved), keeps each one's smallest CPU time (user + system, from the kernel's accounting
of the process: far steadier than wall-clock time when other work shares the machine), and
compares the ratio

    ratio = ripgrep CPU seconds / mtqc -j 1 CPU seconds   (mtqc's throughput as a share of ripgrep's)

with the one recorded in bench/guard.json. It fails (exit 1) when the ratio dropped by more than
the recorded `max_drop` share: a change made mtqc slower against a tool that did not change.
A ratio, never an absolute time, so the guard holds on any machine. `--record` writes the
measured ratio as the new reference (after a deliberate change; commit bench/guard.json).
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=7, help="runs of each command (default 7)")
    ap.add_argument("--record", action="store_true", help="write the ratio to bench/guard.json")
    args = ap.parse_args()
    if not RESULTS.exists():
        print(f"guard: {RESULTS} not found: run bench/run.sh --smoke first", file=sys.stderr)
        return 2
    runs = {r["key"]: r for r in json.loads(RESULTS.read_text(encoding="utf-8"))["runs"]}
    missing = [k for k in ("mtqc-j1", "ripgrep") if k not in runs]
    if missing:
        print(f"guard: {RESULTS} has no {', '.join(missing)} run", file=sys.stderr)
        return 2
    mtqc, rg = runs["mtqc-j1"], runs["ripgrep"]
    best = {"mtqc": float("inf"), "rg": float("inf")}
    for _ in range(args.runs):
        best["mtqc"] = min(best["mtqc"], timed(mtqc["command"]))
        best["rg"] = min(best["rg"], timed(rg["command"]))
    ratio = best["rg"] / best["mtqc"]
    mb = mtqc["bytes"] / 1e6
    print(
        f"guard: {mb:.1f} MB, mtqc -j 1 {best['mtqc']:.3f} CPU s ({mb / best['mtqc']:.1f} MB/s), "
        f"ripgrep {best['rg']:.3f} CPU s ({mb / best['rg']:.1f} MB/s): ratio {ratio:.4f}"
    )
    if args.record:
        reference = json.loads(REFERENCE.read_text(encoding="utf-8")) if REFERENCE.exists() else {}
        reference.update({"ratio": round(ratio, 4), "max_drop": reference.get("max_drop", 0.3)})
        REFERENCE.write_text(json.dumps(reference, indent=2) + "\n", encoding="utf-8")
        print(f"guard: recorded in {REFERENCE.relative_to(ROOT)}")
        return 0
    reference = json.loads(REFERENCE.read_text(encoding="utf-8"))
    floor = reference["ratio"] * (1 - reference["max_drop"])
    if ratio < floor:
        print(
            f"guard: FAILED: the ratio {ratio:.4f} is under {floor:.4f} (the recorded "
            f"{reference['ratio']:.4f} less {reference['max_drop']:.0%}): mtqc got slower",
            file=sys.stderr,
        )
        return 1
    print(f"guard: ok (recorded {reference['ratio']:.4f}, floor {floor:.4f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
