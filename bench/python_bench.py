#!/usr/bin/env python3
"""Segments per second through the Python package, against the CLI and the Python peers.

    python3 bench/python_bench.py [--reps 5] [--no-write]

On the same segments (the peer slice of bench/corpus.py: the first 4 MiB of the benchmark
corpus, one segment per line), one after the other, never two at once:

- the CLI: `mtqc check --no-config --segments --format jsonl -j 1 --fail-on never`;
- `Checker(threads=1).check_batch_scored(segments)` (a list of str, and a pyarrow array), and
  with `threads=2`; `Checker.check` called once per segment;
- bicleaner-hardrules and OpusFilter, as `bench/run.sh` runs them (their venvs under
  bench/.venv/, made by `bench/run.sh --peers-only` when missing);
- how the result tables are built: from Arrow buffers made in Rust (what `check_batch` does)
  against Python lists handed to `pyarrow.table` (the alternative).

Each figure is the median of --reps runs (the peers: one run), as wall-clock time and as CPU
time (user + system, all threads), since the machine is shared. Writes the section `## Python`
of docs/benchmarks.md (replacing the one there; `bench/run.sh` keeps it) and prints it.

Needs: ../shared (MTQC_SHARED), target/release/mtqc (`cargo build --release`), and a venv with
mtqc and pyarrow (default .venv-ci, as .ci/run makes it; made here when missing).
"""

import argparse
import datetime
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import harness  # noqa: E402  (bench/harness.py: machine(), other_load(), opusfilter_config())


def run_child(argv, stdout=subprocess.DEVNULL, env=None):
    """Run a command; return (wall seconds, CPU seconds of it and its children, exit code)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    p = subprocess.run([str(a) for a in argv], stdout=stdout, stderr=subprocess.PIPE, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if p.returncode not in (0, 1):
        sys.stderr.write(p.stderr.decode(errors="replace")[-2000:])
    return wall, cpu, p.returncode


def median_runs(argv, reps, **kw):
    runs = [run_child(argv, **kw) for _ in range(reps)]
    bad = [r for r in runs if r[2] not in (0, 1)]
    if bad:
        raise SystemExit(f"{argv[0]} failed (exit {bad[0][2]})")
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


# --- the worker, run by the venv's Python -----------------------------------------------------


def worker(args):
    import pyarrow as pa

    import mtqc
    from mtqc import _arrow

    segments = Path(args.segments).read_text(encoding="utf-8").split("\n")
    if segments and segments[-1] == "":
        segments.pop()
    sources = Path(args.segments).with_name("slice.src.txt").read_text(encoding="utf-8").split("\n")[: len(segments)]
    out = {"segments": len(segments), "mtqc": mtqc.__version__, "pyarrow": pa.__version__}

    def timed(fn, reps):
        walls, cpus, result = [], [], None
        for _ in range(reps):
            c, w = time.process_time(), time.perf_counter()
            result = fn()
            walls.append(time.perf_counter() - w)
            cpus.append(time.process_time() - c)
        return {"wall": statistics.median(walls), "cpu": statistics.median(cpus)}, result

    t = time.perf_counter()
    checker = mtqc.Checker(threads=1)
    out["construct_s"] = time.perf_counter() - t
    two = mtqc.Checker(threads=2)
    array = pa.array(segments, pa.string())
    findings, scores = checker.check_batch_scored(segments)  # the segments checker is made on first use
    two.check_batch_scored(segments[:100])
    checker.check_batch_scored(segments[:100], sources=sources[:100])
    out["findings"] = findings.num_rows
    cli = json.loads(args.cli)
    run_child(cli)  # the page cache

    cli2 = [a if a != "1" or cli[i - 1] != "-j" else "2" for i, a in enumerate(cli)]

    def cli_run(argv):
        wall, cpu, rc = run_child(argv)
        if rc not in (0, 1):
            raise SystemExit(f"the CLI failed (exit {rc})")
        return wall, cpu

    # Interleaved, repetition by repetition, so a drift in the machine's speed (it is shared)
    # falls on every variant alike; each reports its median.
    variants = {
        "cli": cli,
        "cli_2": cli2,
        "batch_list_1": lambda: checker.check_batch_scored(segments),
        "batch_arrow_1": lambda: checker.check_batch_scored(array),
        "batch_list_2": lambda: two.check_batch_scored(segments),
        "batch_pairs_1": lambda: checker.check_batch_scored(segments, sources=sources),
    }
    samples = {k: ([], []) for k in variants}
    for _ in range(args.reps):
        for key, fn in variants.items():
            if isinstance(fn, list):
                wall, cpu = cli_run(fn)
            else:
                c, w = time.process_time(), time.perf_counter()
                fn()
                wall, cpu = time.perf_counter() - w, time.process_time() - c
            samples[key][0].append(wall)
            samples[key][1].append(cpu)
    for key, (walls, cpus) in samples.items():
        out[key] = {"wall": statistics.median(walls), "cpu": statistics.median(cpus)}
    out["check_each_1"], _ = timed(lambda: [checker.check(s) for s in segments], max(1, args.reps // 2))

    # Building the tables: from Rust's buffers (check_batch) or from Python lists.
    raw = checker._core.check_batch_list(segments, None)
    out["rust_only_1"], _ = timed(lambda: checker._core.check_batch_list(segments, None), args.reps)

    def from_buffers():
        return (
            _arrow._table(raw["findings"], _arrow.FINDINGS, raw["found"], None, True),
            _arrow._table(raw["scores"], _arrow.SCORES, raw["rows"], None, False),
        )

    f_py, s_py = findings.to_pydict(), scores.to_pydict()

    def from_lists():
        # The Python objects a list-returning binding would make, then pyarrow.table.
        f = {k: list(v) for k, v in f_py.items()}
        s = {k: list(v) for k, v in s_py.items()}
        return pa.table(f), pa.table(s)

    out["tables_from_buffers"], _ = timed(from_buffers, 20)
    out["tables_from_lists"], _ = timed(from_lists, 20)
    out["objects_for_lists"], _ = timed(lambda: (findings.to_pydict(), scores.to_pydict()), 20)
    print(json.dumps(out))


# --- the driver --------------------------------------------------------------------------------


def ensure_venv(venv):
    py = venv / "bin" / "python"
    if py.exists() and subprocess.run([py, "-c", "import mtqc, pyarrow"], capture_output=True).returncode == 0:
        return py
    print(f"making {venv} (pip install . builds the wheel)", flush=True)
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run([py, "-m", "pip", "install", "-q", "pyarrow"], check=True)
    subprocess.run([py, "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", ROOT], check=True)
    return py


def ensure_peers(venv_dir):
    status = ROOT / "bench" / "data" / "status.json"
    ready = all((venv_dir / p / "bin" / "python").exists() for p in ("bicleaner", "opusfilter"))
    if not ready or not status.exists():
        print("installing the Python peers: bench/run.sh --peers-only", flush=True)
        subprocess.run(["bash", ROOT / "bench" / "run.sh", "--peers-only"], check=False)
    return json.loads(status.read_text(encoding="utf-8")) if status.exists() else {}


def rate(n, seconds):
    return n / seconds if seconds else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--venv", default=str(ROOT / ".venv-ci"), help="a venv with mtqc and pyarrow")
    ap.add_argument("--mtqc", default=str(Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "release" / "mtqc"))
    ap.add_argument("--shared", default=os.environ.get("MTQC_SHARED", str(ROOT.parent / "shared")))
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--no-write", action="store_true", help="print the section only")
    ap.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--segments", help=argparse.SUPPRESS)
    ap.add_argument("--cli", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args)

    mtqc = Path(args.mtqc)
    if not mtqc.exists():
        raise SystemExit(f"{mtqc} not found: cargo build --release")
    data = ROOT / "bench" / "data" / "python"
    if not (data / "manifest.json").exists():
        subprocess.run([sys.executable, ROOT / "bench" / "corpus.py", "--shared", args.shared,
                        "--out", data, "--size-mb", "4", "--slice-mb", "4"], check=True)
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    segments_file = data / "slice.tgt.txt"
    n = manifest["slice"]["lines"]
    nbytes = manifest["slice"]["bytes"]
    py = ensure_venv(Path(args.venv))
    peers_dir = ROOT / "bench" / ".venv"
    status = {} if args.no_peers else ensure_peers(peers_dir)

    load_before = harness.other_load()
    started = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    rows = []
    cli = [mtqc, "check", "--no-config", "--segments", "--format", "jsonl", "-j", "1", "--fail-on", "never", segments_file]
    print("the CLI and check_batch, interleaved ...", flush=True)
    p = subprocess.run([py, __file__, "--worker", "--segments", segments_file, "--reps", str(args.reps),
                        "--cli", json.dumps([str(a) for a in cli])], capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(p.stderr)
    w = json.loads(p.stdout.strip().splitlines()[-1])
    rows.append(("mtqc CLI, `--segments --format jsonl -j 1`", 1, w["cli"]["wall"], w["cli"]["cpu"]))
    for key, label, threads in (
        ("cli_2", "mtqc CLI, `--segments --format jsonl -j 2`", 2),
        ("batch_list_1", "`Checker(threads=1).check_batch_scored(list)`", 1),
        ("batch_arrow_1", "`Checker(threads=1).check_batch_scored(pyarrow array)`", 1),
        ("batch_list_2", "`Checker(threads=2).check_batch_scored(list)`", 2),
        ("batch_pairs_1", "`Checker(threads=1).check_batch_scored(list, sources=...)` (units: source-aware rules too)", 1),
        ("check_each_1", "`Checker(threads=1).check(s)` for each segment (JSON dicts)", 1),
    ):
        rows.append((label, threads, w[key]["wall"], w[key]["cpu"]))

    peer_cmds = []
    if status.get("bicleaner", {}).get("ok"):
        outs = data / "out"
        outs.mkdir(exist_ok=True)
        peer_cmds.append(("bicleaner-hardrules (`-p 1`, the rules of `bench/run.sh`)", [
            peers_dir / "bicleaner/bin/bicleaner-hardrules", "-q", "-s", "en", "-t", "bn",
            "--disable_lm_filter", "--disable_porn_removal", "--disable_lang_ident",
            "--annotated_output", "-A", "-p", "1", "--tmp_dir", outs,
            data / "slice.tsv", outs / "bicleaner.tsv"]))
    if status.get("opusfilter", {}).get("ok"):
        outs = data / "out"
        outs.mkdir(exist_ok=True)
        cfg = outs / "opusfilter.yaml"
        cfg.write_text(harness.opusfilter_config(data, outs / "opusfilter", False), encoding="utf-8")
        peer_cmds.append(("OpusFilter `score` (the filters of `bench/run.sh`)",
                          [peers_dir / "opusfilter/bin/opusfilter", "--overwrite", cfg]))
    for label, argv in peer_cmds:
        print(f"{label} ...", flush=True)
        wall, cpu = median_runs(argv, 1)
        rows.append((label, 1, wall, cpu))
    load_after = harness.other_load()

    # --- the section ---
    m = harness.machine()
    lines = []
    out = lines.append
    out("## Python")
    out("")
    out(f"Written by `bench/python_bench.py` on {started[:10]} ({started} UTC). The Python package "
        f"(mtqc {w['mtqc']}, pyarrow {w['pyarrow']}, CPython {m['python']}) against the CLI and the "
        "Python peers on the same segments, one after the other.")
    out("")
    out(f"- Machine: {m['nproc']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, Linux {m['kernel']}; "
        f"{m['rustc']}, release profile (the wheel: `pip install .`).")
    out(f"- Other load (this machine is shared): CPU idle {load_before['idle_pct']}% before, "
        f"{load_after['idle_pct']}% after; load average {' '.join(load_before['loadavg'])} before, "
        f"{' '.join(load_after['loadavg'])} after. CPU time (user + system, every thread) is "
        "the steadier figure when the machine is busy.")
    out(f"- Segments: `bench/data/python/slice.tgt.txt` (with `sources`: its English sources, "
        f"`slice.src.txt`), the first {n:,} lines ({nbytes:,} bytes, "
        f"{nbytes / 1e6:.1f} MB) of the corpus `bench/corpus.py` builds (seed {manifest['seed']}: "
        "TICO-19 Bengali, the Bengali MT example, about 1% segments in other languages), one "
        f"segment per line; {w['findings']:,} findings.")
    out(f"- Medians of {args.reps} runs, the CLI's and `check_batch`'s interleaved run by run "
        f"(the peers: one run; `check` per segment: {max(1, args.reps // 2)}). The CLI's time "
        "includes its start-up (about 6 ms) and reading the file; "
        "the Python rows time the call alone, in a warm process (making a `Checker` took "
        f"{w['construct_s'] * 1e3:.0f} ms).")
    out("")
    out("| what | threads | wall (s) | segments/s | CPU (s) | segments per CPU-second |")
    out("|---|---:|---:|---:|---:|---:|")
    for label, threads, wall, cpu in rows:
        out(f"| {label} | {threads} | {wall:.3f} | {rate(n, wall):,.0f} | {cpu:.3f} | {rate(n, cpu):,.0f} |")
    out("")
    cli_cpu = rows[0][3]
    batch_cpu = w["batch_list_1"]["cpu"]
    peers = [r for r in rows if "bicleaner" in r[0] or "OpusFilter" in r[0]]
    out("- Two threads gain only where the machine has a second core free: compare the CLI's "
        "`-j 2` row with `threads=2` in the same run (the idle share above says how free it was).")
    pairs_cpu = w["batch_pairs_1"]["cpu"]
    out(f"- Per core (CPU time, one thread): `check_batch` against the CLI on the same segments, "
        f"{cli_cpu / batch_cpu:.2f}x; `check_batch` with sources (the peers read the pairs too)"
        + "".join(f" against {r[0].split(' ')[0]}, {r[3] / pairs_cpu:.1f}x;" for r in peers).rstrip(";")
        + ".")
    fb, fl, ob = w["tables_from_buffers"], w["tables_from_lists"], w["objects_for_lists"]
    out(f"- Building the two result tables ({w['findings']:,} findings, {n:,} score rows): from "
        f"the Arrow buffers Rust returns, {fb['wall'] * 1e3:.2f} ms; from Python lists with "
        f"`pyarrow.table`, {fl['wall'] * 1e3:.2f} ms, plus {ob['wall'] * 1e3:.2f} ms to make the "
        "lists' Python objects (measured as `to_pydict`, a stand-in for a binding that returns "
        f"lists). The Rust call that returns the buffers takes {w['rust_only_1']['cpu'] * 1e3:.0f} ms of CPU "
        "(the checking).")
    out("")
    out("Commands (paths relative to the repository):")
    out("")
    out("```sh")
    out("python3 bench/python_bench.py --reps " + str(args.reps))
    shown = " ".join(str(a) for a in cli).replace(str(ROOT) + "/", "")
    out(shown)
    out(shown.replace(" -j 1 ", " -j 2 "))
    for _, argv in peer_cmds:
        out(" ".join(str(a) for a in argv).replace(str(ROOT) + "/", ""))
    out("```")
    section = "\n".join(lines) + "\n"
    print(section)
    if args.no_write:
        return
    doc = ROOT / "docs" / "benchmarks.md"
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    old = harness.python_section(text)
    if old:
        text = text.replace(old, section if text.endswith(old) else section + "\n")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    doc.write_text(text, encoding="utf-8")
    print(f"wrote the section `## Python` of {doc.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
