#!/usr/bin/env python3
"""Run the benchmark (`measure`) and write its report (`report`). Called by bench/run.sh.

`measure` times every tool on the corpus that bench/corpus.py made, one after the other (never
two at once), and writes results.json: wall time (Python's monotonic clock around the command),
peak RSS (GNU time %M of the measured process), bytes and paragraphs read, exit code.
`report` turns results.json (and criterion's estimates, when the micro-benchmarks ran) into a
Markdown table with the ratios, and prints it. Only Python's standard library is used.
"""

import argparse
import datetime
import json
import os
import platform
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

MB = 1_000_000  # MB/s and input sizes are decimal megabytes

# What each tool checks, for the report.
NOTES = {
    "mtqc": "every rule of the active packs (common + bn, with source-en's words: mixed script, orphan and doubled marks, "
            "numerals, attribution, repetition, consistency, language, pattern, terminology), "
            "MQM scores, JSON report",
    "ripgrep": "only the `pattern` rules' regexes of the active packs, one combined search, "
               "counting matches: the bound on regex work, not a checker",
    "pofilter": "translate-toolkit's source/target consistency tests (punctuation, brackets, "
                "numbers, acronyms, quoting, doubled words, sentence count, URLs, printf, ...); "
                "spellcheck has no dictionary here and does nothing",
    "bicleaner": "bicleaner-hardrules' rules on source<TAB>target, every rule on every pair "
                 "(`-A`): lengths and length ratio, glued and repeated words, brackets, URLs, "
                 "escaped characters, script of each side...; language ID, LM fluency and porn "
                 "filters off (they need downloaded models); one worker process (`-p 1`)",
    "opusfilter": "OpusFilter `score` step (every filter scores every pair): LengthFilter, "
                  "LengthRatioFilter, LongWordFilter, AverageWordLengthFilter, HtmlTagFilter, "
                  "CharacterScoreFilter (Latin/Bengali), AlphabetRatioFilter, "
                  "TerminalPunctuationFilter, NonZeroNumeralsFilter, RepetitionFilter",
    "opusfilter-lid": "the same filters plus LangidFilter (py3langid; its model ships inside "
                      "the package, so it runs offline)",
}


def sh(cmd):
    return " ".join(shlex.quote(str(c)) for c in cmd)


def read_text(path, default=""):
    try:
        return Path(path).read_text(encoding="utf-8")
    except OSError:
        return default


def machine():
    cpu = "unknown"
    for line in read_text("/proc/cpuinfo").splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem_kb = 0
    for line in read_text("/proc/meminfo").splitlines():
        if line.startswith("MemTotal:"):
            mem_kb = int(line.split()[1])
    def version(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
        except (OSError, IndexError, subprocess.SubprocessError):
            return "n/a"
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(mem_kb / 1024 / 1024, 1),
        "kernel": platform.release(),
        "rustc": version(["rustc", "--version"]),
        "ripgrep": version(["rg", "--version"]),
        "hyperfine": version(["hyperfine", "--version"]) if shutil.which("hyperfine") else "not installed",
        "python": platform.python_version(),
    }


def cpu_sample():
    """CPU ticks of the machine (total, idle) and of every process (pid -> (ticks, command))."""
    fields = read_text("/proc/stat").splitlines()[0].split()[1:]
    ticks = [int(x) for x in fields]
    procs = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            cmd = (d / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        rest = stat[stat.rindex(")") + 2:].split()
        procs[int(d.name)] = (int(rest[11]) + int(rest[12]), cmd or stat[stat.index("(") + 1:stat.rindex(")")])
    return sum(ticks), ticks[3] + ticks[4], procs


def other_load(window=3.0):
    """What else runs, so disturbed figures can be spotted: the load average, the share of CPU
    left idle over a few seconds, the processes that used more than 10% of a core then, and
    any fuzzer."""
    hz = os.sysconf("SC_CLK_TCK")
    t0, i0, p0 = cpu_sample()
    time.sleep(window)
    t1, i1, p1 = cpu_sample()
    busy = []
    for pid, (ticks, cmd) in p1.items():
        if pid in p0 and pid != os.getpid():
            share = (ticks - p0[pid][0]) / hz / window * 100
            if share >= 10:
                busy.append(f"{share:.0f}% pid {pid}: {cmd[:120]}")
    fuzz = subprocess.run(["pgrep", "-fa", "fuzz/target/"], capture_output=True, text=True).stdout.strip()
    return {"loadavg": read_text("/proc/loadavg").split()[:3],
            "idle_pct": round(100 * (i1 - i0) / max(1, t1 - t0), 1),
            "busy": sorted(busy, reverse=True),
            "fuzzers": [l[:160] for l in fuzz.splitlines()]}


def timed(argv, *, log, timeout, stdout_path=None, shell_cmd=None, rss_file):
    """Run one command; return (seconds, peak RSS KiB or None, exit code, timed_out).

    `argv` is wrapped in GNU time unless `shell_cmd` is given (that one wraps the measured
    process in GNU time itself, writing to `rss_file`)."""
    if rss_file.exists():
        rss_file.unlink()
    if shell_cmd is None:
        full = ["/usr/bin/time", "-f", "%M", "-o", str(rss_file)] + [str(a) for a in argv]
    else:
        full = ["bash", "-o", "pipefail", "-c", shell_cmd]
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    with open(log, "ab") as err:
        err.write(f"\n$ {sh(full)}\n".encode())
        err.flush()
        start = time.perf_counter()
        p = subprocess.Popen(full, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                             start_new_session=True)
        timed_out = False
        try:
            rc = p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(p.pid, signal.SIGKILL)  # the group this call started, nothing else
            rc = p.wait()
        seconds = time.perf_counter() - start
    if stdout_path:
        out.close()
    rss = None
    for line in read_text(rss_file).splitlines()[::-1]:
        if line.strip().isdigit():
            rss = int(line.strip())
            break
    return seconds, rss, rc, timed_out


def measure(args):
    data = Path(args.data).resolve()
    manifest = json.loads(read_text(data / "manifest.json"))
    logs = data / "logs"
    outs = data / "out"
    for d in (logs, outs):
        shutil.rmtree(d, ignore_errors=True)
        d.mkdir(parents=True)
    rss_file = data / "rss.txt"
    status = json.loads(read_text(args.status, "{}")) if args.status else {}
    corpus = data / "corpus.txt"
    c_bytes, c_lines = manifest["corpus"]["bytes"], manifest["corpus"]["lines"]
    s_bytes, s_lines = manifest["slice"]["bytes"], manifest["slice"]["lines"]
    mtqc = str(Path(args.mtqc).resolve())
    results = {"machine": machine(), "load_before": other_load(), "manifest": manifest,
               "mode": args.mode, "status": status, "runs": [], "startup": [],
               "started": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")}

    # Warm the page cache, so the first tool does not pay for the disk.
    for f in ("corpus.txt", "slice.tgt.txt", "slice.src.txt", "slice.tsv", "slice.po"):
        with open(data / f, "rb") as fh:
            while fh.read(1 << 24):
                pass

    def run(name, tool, argv=None, *, what, threads, nbytes, paras, reps=1, ok=(0,), timeout,
            stdout_path=None, shell_cmd=None, key):
        times, rsss, rc, timed_out = [], [], 0, False
        for i in range(reps):
            print(f"  {name} ({i + 1}/{reps}) ...", end="", flush=True)
            s, r, rc, timed_out = timed(argv, log=logs / f"{key}.log", timeout=timeout,
                                        stdout_path=stdout_path, shell_cmd=shell_cmd,
                                        rss_file=rss_file)
            print(f" {s:.2f} s, rc {rc}{' (timed out)' if timed_out else ''}", flush=True)
            if timed_out or rc not in ok:
                break
            times.append(s)
            if r is not None:
                rsss.append(r)
        entry = {"key": key, "name": name, "tool": tool, "what": what, "threads": threads,
                 "bytes": nbytes, "paragraphs": paras,
                 "command": shell_cmd if shell_cmd else sh(argv),
                 "exit": rc, "timed_out": timed_out, "times": times,
                 "seconds": statistics.median(times) if times else None,
                 "rss_kib": max(rsss) if rsss else None}
        if timed_out:
            entry["error"] = f"stopped after the {timeout} s cap"
        elif rc not in ok:
            entry["error"] = f"exit code {rc} (see bench/data/logs/{key}.log)"
        results["runs"].append(entry)
        return entry

    # mtqc: the corpus as one file (file = document), then every line its own document. The
    # four runs are interleaved, repetition by repetition, so that a drift in the machine's
    # speed (a shared VM) falls on all of them alike and the thread ratios stay fair; each row
    # reports its median.
    # The one-document rows hold the document in memory (MTQC_HOLD_BYTES above its size): they
    # measure the checking itself, comparable from run to run; a document over the default
    # hold size (8 MB) is read again in bounded memory, which costs about 40% more time
    # (tests/large_inputs.rs prints those figures).
    base = [mtqc, "check", "--no-config", "--format", "json", "--fail-on", "never"]
    hold = ["env", "MTQC_HOLD_BYTES=1000000000000"]
    configs = []
    for seg in (False, True):
        for j in (1, 2):
            key = f"mtqc{'-segments' if seg else ''}-j{j}"
            argv = ([] if seg else hold) + base[:2] + ["-j", str(j)] + base[2:] + \
                (["--segments"] if seg else []) + ["-o", str(outs / f"{key}.json"), str(corpus)]
            configs.append((key, "", seg, j, argv))
    # The build guided by a profile of the fixtures (scripts/pgo-build.sh), when there is one:
    # the same one-document rows, interleaved with the others.
    if args.mtqc_pgo:
        pgo = str(Path(args.mtqc_pgo).resolve())
        for j in (1, 2):
            key = f"mtqc-pgo-j{j}"
            argv = hold + [pgo, "check", "-j", str(j)] + base[2:] + \
                ["-o", str(outs / f"{key}.json"), str(corpus)]
            configs.append((key, ", PGO build", False, j, argv))
    partial = {}
    for rep in range(args.reps_mtqc):
        for key, build, seg, j, argv in configs:
            if key in partial and (partial[key].get("error") or partial[key]["times"] == []):
                continue
            e = run(f"mtqc -j {j}{' --segments' if seg else ''}{build}", "mtqc", argv,
                    what="corpus.txt, " + ("every line its own document" if seg else "one document"),
                    threads=j, nbytes=c_bytes, paras=c_lines, reps=1,
                    timeout=args.cap_mtqc, key=key)
            results["runs"].remove(e)
            if key in partial:
                prev = partial[key]
                prev["times"] += e["times"]
                prev["seconds"] = statistics.median(prev["times"]) if prev["times"] else None
                if e.get("rss_kib"):
                    prev["rss_kib"] = max(prev["rss_kib"] or 0, e["rss_kib"])
                if e.get("error"):
                    prev["error"], prev["exit"] = e["error"], e["exit"]
            else:
                partial[key] = e
    results["runs"].extend(partial[key] for key, _, _, _, _ in configs if key in partial)
    # Only speed may differ between the builds: their reports are compared byte for byte (where
    # both rows wrote one; with none to compare, nothing is claimed).
    pairs = [(outs / f"mtqc-j{j}.json", outs / f"mtqc-pgo-j{j}.json") for j in (1, 2)]
    pairs = [(a, b) for a, b in pairs if args.mtqc_pgo and a.exists() and b.exists()]
    if pairs:
        results["pgo_same_report"] = all(a.read_bytes() == b.read_bytes() for a, b in pairs)

    # mtqc reading stdin: the corpus several times over, JSON lines to /dev/null; as segments
    # (the streaming mode: read, checked and written a batch at a time), and as one document
    # (issue 17: stdin is copied as it is read, to be read again in bounded memory).
    times_over = args.stream_copies

    def stdin_run(name, what, segments, timeout, key):
        cmd = (f"cat {' '.join([shlex.quote(str(corpus))] * times_over)} | "
               f"/usr/bin/time -f %M -o {shlex.quote(str(rss_file))} "
               f"{shlex.quote(mtqc)} check -j 2 --no-config {'--segments ' if segments else ''}"
               f"--format jsonl --fail-on never - > /dev/null")
        run(f"{name} (corpus x{times_over})", "mtqc", what=f"corpus.txt x{times_over} {what}",
            threads=2, nbytes=c_bytes * times_over, paras=c_lines * times_over, reps=1,
            timeout=timeout, shell_cmd=cmd, key=key)

    stdin_run("mtqc -j 2 --segments, stdin stream", "on stdin, --segments, jsonl", True,
              args.cap_mtqc * 2, "mtqc-stream-j2")

    # mtqc on one document in bounded memory (issue 17): the corpus as one file at the default
    # hold size (8 MB), read again a batch of paragraphs at a time while the document rules
    # judge it in two passes, the JSON report written to a file; and the stdin one document.
    run("mtqc -j 2, one document, bounded", "mtqc",
        base[:2] + ["-j", "2"] + base[2:] + ["-o", str(outs / "mtqc-bounded-j2.json"), str(corpus)],
        what="corpus.txt, one document, bounded (default hold size), json -o FILE", threads=2,
        nbytes=c_bytes, paras=c_lines, reps=1, timeout=args.cap_mtqc * 2, key="mtqc-bounded-j2")
    stdin_run("mtqc -j 2, stdin one document", "on stdin as one document, jsonl", False,
              args.cap_mtqc * 4, "mtqc-stdin-doc-j2")

    # ripgrep: the pattern rules' regexes.
    patterns = json.loads(read_text(args.patterns))
    rg_argv = ["rg", "--no-config", "--count-matches"]
    for p in patterns["regexes"]:
        rg_argv += ["-e", p]
    rg_argv.append(str(corpus))
    run(f"ripgrep, {len(patterns['regexes'])} pattern regexes", "ripgrep", rg_argv,
        what="corpus.txt", threads=1, nbytes=c_bytes, paras=c_lines, reps=args.reps_rg,
        ok=(0, 1), timeout=args.cap_mtqc, stdout_path=outs / "rg.count", key="ripgrep")

    # The Python peers, on the slice.
    venv = Path(args.venv)
    if status.get("pofilter", {}).get("ok"):
        run("pofilter", "pofilter",
            [venv / "pofilter/bin/pofilter", "--progress=none", "--language=bn",
             "-i", data / "slice.po", "-o", outs / "pofilter.po"],
            what="slice.po", threads=1, nbytes=s_bytes, paras=s_lines,
            timeout=args.cap_peer, key="pofilter")
    if status.get("bicleaner", {}).get("ok"):
        run("bicleaner-hardrules", "bicleaner",
            [venv / "bicleaner/bin/bicleaner-hardrules", "-q", "-s", "en", "-t", "bn",
             "--disable_lm_filter", "--disable_porn_removal", "--disable_lang_ident",
             "--annotated_output", "-A", "-p", "1", "--tmp_dir", outs,
             data / "slice.tsv", outs / "bicleaner.tsv"],
            what="slice.tsv", threads=1, nbytes=s_bytes, paras=s_lines,
            timeout=args.cap_peer, key="bicleaner")
    if status.get("opusfilter", {}).get("ok"):
        for lid in (False, True):
            key = "opusfilter-lid" if lid else "opusfilter"
            cfg = outs / f"{key}.yaml"
            cfg.write_text(opusfilter_config(data, outs / key, lid), encoding="utf-8")
            run("OpusFilter" + (" + LangidFilter" if lid else ""), key,
                [venv / "opusfilter/bin/opusfilter", "--overwrite", cfg],
                what="slice.src.txt + slice.tgt.txt", threads=1, nbytes=s_bytes, paras=s_lines,
                timeout=args.cap_peer, key=key)

    # Start-up: a one-line check and `rules list`.
    one = data / "one-line.txt"
    startup_cmds = [
        ("mtqc check (one-line file)", [mtqc, "check", "--no-config", "--fail-on", "never", str(one)]),
        ("mtqc rules list", [mtqc, "rules", "list"]),
    ]
    for i, (name, argv) in enumerate(startup_cmds):
        results["startup"].append(startup(i, name, argv, args.startup_runs, outs, logs, rss_file))

    results["load_after"] = other_load()
    results["finished"] = datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    Path(args.results).write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    if results.get("pgo_same_report") is False:
        sys.exit("harness: the PGO build's reports differ from the release build's "
                 f"({outs}/mtqc-j*.json and mtqc-pgo-j*.json)")


def startup(index, name, argv, runs, outs, logs, rss_file):
    entry = {"name": name, "command": sh(argv), "runs": runs}
    _, rss, rc, _ = timed(argv, log=logs / "startup.log", timeout=60, rss_file=rss_file)
    entry["rss_kib"] = rss
    entry["exit"] = rc
    if shutil.which("hyperfine"):
        export = outs / f"hyperfine-{index}.json"
        shown = ["hyperfine", "--shell=none", "--warmup", "5", "--runs", str(runs), sh(argv)]
        cmd = shown[:-1] + ["--export-json", str(export), sh(argv)]
        p = subprocess.run(cmd, capture_output=True, text=True)
        with open(logs / "startup.log", "a", encoding="utf-8") as log:
            log.write(f"\n$ {sh(cmd)}\n{p.stdout}{p.stderr}")
        if p.returncode == 0:
            r = json.loads(export.read_text(encoding="utf-8"))["results"][0]
            entry.update(method="hyperfine", mean_ms=r["mean"] * 1e3, stddev_ms=r["stddev"] * 1e3,
                         min_ms=r["min"] * 1e3, max_ms=r["max"] * 1e3,
                         hyperfine=sh(shown))
            return entry
    # No hyperfine: a loop of runs, timed one by one.
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        samples.append(time.perf_counter() - start)
    entry.update(method=f"loop of {runs} runs", mean_ms=statistics.mean(samples) * 1e3,
                 stddev_ms=statistics.stdev(samples) * 1e3 if runs > 1 else 0.0,
                 min_ms=min(samples) * 1e3, max_ms=max(samples) * 1e3)
    return entry


def opusfilter_config(data, outdir, lid):
    filters = [
        "- LengthFilter: {unit: word, min_length: 1, max_length: 400}",
        "- LengthRatioFilter: {unit: char, threshold: 3}",
        "- LongWordFilter: {threshold: 40}",
        "- AverageWordLengthFilter: {min_length: 2, max_length: 20}",
        "- HtmlTagFilter: {}",
        "- CharacterScoreFilter: {scripts: [Latin, Bengali], thresholds: [1, 1]}",
        "- AlphabetRatioFilter: {threshold: 0.75}",
        "- TerminalPunctuationFilter: {threshold: -2}",
        "- NonZeroNumeralsFilter: {threshold: 0.5}",
        "- RepetitionFilter: {threshold: 2}",
    ]
    if lid:
        filters.append("- LangidFilter: {languages: [en, bn], thresholds: [0, 0]}\n"
                       "          module: opusfilter.lid")
    body = "\n".join("        " + f for f in filters)
    return (f"common:\n  output_directory: {json.dumps(str(outdir))}\n"
            f"steps:\n  - type: score\n    parameters:\n"
            f"      inputs: [{json.dumps(str(data / 'slice.src.txt'))}, {json.dumps(str(data / 'slice.tgt.txt'))}]\n"
            f"      output: scores.jsonl\n      filters:\n{body}\n")


# ---------------------------------------------------------------------------------------------
# The report


def fmt(x, digits=1):
    if x is None:
        return "n/a"
    if x >= 100:
        return f"{x:,.0f}"
    return f"{x:.{digits}f}"


def rate(entry, what):
    if not entry or not entry.get("seconds"):
        return None
    return entry[what] / entry["seconds"]


def criterion_results(target_dir):
    """Mean time and throughput of each `kinds` micro-benchmark, when they ran."""
    root = Path(target_dir) / "criterion" / "kinds"
    rows = []
    if not root.is_dir():
        return rows
    for bench in sorted(root.iterdir()):
        est, meta = bench / "new" / "estimates.json", bench / "new" / "benchmark.json"
        if not est.exists() or not meta.exists():
            continue
        e = json.loads(est.read_text(encoding="utf-8"))
        m = json.loads(meta.read_text(encoding="utf-8"))
        nbytes = (m.get("throughput") or {}).get("Bytes")
        mean_ns = e["mean"]["point_estimate"]
        rows.append({"name": m.get("function_id") or bench.name, "bytes": nbytes, "mean_ms": mean_ns / 1e6,
                     "mb_s": nbytes / (mean_ns / 1e9) / MB if nbytes else None})
    order = ["analysis", "mixed-script", "orphan-mark", "numerals", "attribution", "repetition",
             "consistency", "language", "pattern", "terminology", "all-rules"]
    rows.sort(key=lambda r: (order.index(r["name"]) if r["name"] in order else len(order), r["name"]))
    return rows


def report(args):
    res = json.loads(read_text(args.results))
    man = res["manifest"]
    runs = {r["key"]: r for r in res["runs"]}
    m = res["machine"]
    lines = []
    out = lines.append

    started = res["started"]
    out("# Benchmarks" if res["mode"] == "full" else "# Benchmarks (smoke run: a few MB, figures not meaningful)")
    out("")
    out(f"Written by `bench/run.sh{' --smoke' if res['mode'] == 'smoke' else ''}` on {started[:10]} "
        f"({started} to {res['finished']}, UTC); every figure below comes from that one run. "
        "Regenerate with the same command from a fresh clone (it installs what it needs).")
    out("")
    out("## Machine and build")
    out("")
    out(f"- {m['nproc']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, Linux {m['kernel']}")
    out(f"- {m['rustc']}; mtqc at `{args.git}`, release profile"
        + (f" (uncommitted changes in {args.dirty})" if args.dirty else ""))
    if "pgo_same_report" in res:
        out("- the PGO rows: the same code built by `scripts/pgo-build.sh` (release profile, "
            "guided by a profile of mtqc checking `tests/fixtures`; the corpus itself is not read); its "
            "reports " + ("are byte-identical to the release build's"
                          if res["pgo_same_report"] else "**differ** from the release build's"))
    out(f"- {m['ripgrep']}; hyperfine: {m['hyperfine']}; Python {m['python']} for the corpus, "
        "the harness and the Python peers (each peer in its own venv under `bench/.venv/`)")
    lb, la = res["load_before"], res.get("load_after", {})
    out(f"- other load, sampled for 3 s before and after the measurements: CPU idle "
        f"{lb.get('idle_pct', 'n/a')}% before, {la.get('idle_pct', 'n/a')}% after (of {m['nproc']} cores); "
        f"load average {' '.join(lb['loadavg'])} before, {' '.join(la.get('loadavg', []))} after; "
        f"fuzzer processes: {len(lb['fuzzers'])} before, {len(la.get('fuzzers', []))} after")
    for when, sample in (("before", lb), ("after", la)):
        for b in sample.get("busy", []):
            out(f"  - busy {when}: {b}")
    out("")
    out("## Corpus")
    out("")
    c, s = man["corpus"], man["slice"]
    comp = ", ".join(f"{k} {v:,}" for k, v in c["composition"].items())
    out(f"`bench/data/corpus.txt`: {c['bytes']:,} bytes ({c['bytes'] / MB:.1f} MB), "
        f"{c['lines']:,} lines, one paragraph per line, built by `bench/corpus.py` "
        f"(seed {man['seed']}, {man['rounds']} rounds, each a seeded shuffle) from "
        "`../shared/corpus/tico19/plain/en-bn.bn.txt` (professional Bengali), "
        "`../shared/examples/bn-news-mt.txt` (Bengali MT with real defects) and about 1% of "
        "TICO-19 TMX targets in other languages (hi, ru, ar, zh, ta: segments in the wrong "
        f"language). Lines by origin: {comp}.")
    out("")
    out(f"The Python peers read the first {s['lines']:,} lines ({s['bytes']:,} bytes of target "
        f"text, {s['bytes'] / MB:.1f} MB) in the form each takes: a PO file (msgid = English "
        "source from the aligned `en-bn.en.txt` or the TMX, msgstr = the line), a TSV of "
        "source<TAB>target, or two aligned text files. Their MB/s and paragraphs/s count the "
        "target text only, the same bytes mtqc reads, so rates compare; they read the source "
        "side as well, which mtqc does not need.")
    out("")
    out("## Throughput and memory")
    out("")
    out("| tool | input | threads | MB | paragraphs | time (s) | MB/s | paragraphs/s | peak RSS (MB) |")
    out("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in res["runs"]:
        t = r["seconds"]
        if r.get("error"):
            out(f"| {r['name']} | {r['what']} | {r['threads']} | {r['bytes'] / MB:,.1f} | "
                f"{r['paragraphs']:,} | {r['error']} | | | |")
            continue
        rss = r["rss_kib"] / 1024 if r["rss_kib"] is not None else None
        out(f"| {r['name']} | {r['what']} | {r['threads']} | {r['bytes'] / MB:,.1f} | "
            f"{r['paragraphs']:,} | {t:.2f} | {fmt(rate(r, 'bytes') / MB, 2)} | "
            f"{fmt(rate(r, 'paragraphs'))} | {fmt(rss)} |")
    out("")
    times = {r["key"]: len(r["times"]) for r in res["runs"]}
    out("MB = 10^6 bytes; time is wall-clock (the median where a row ran more than once: "
        f"{', '.join(f'{k} x{n}' for k, n in times.items() if n > 1) or 'none did'}); "
        "peak RSS is GNU time's %M of the measured process (for a tool that forks, its largest "
        "process). The page cache was warm for every row.")
    out("")

    out("## Ratios (same run)")
    out("")
    def ratio(a, b, what="bytes"):
        ra, rb = rate(runs.get(a), what), rate(runs.get(b), what)
        return ra / rb if ra and rb else None
    rows = [
        ("mtqc -j 1 / ripgrep (MB/s)", ratio("mtqc-j1", "ripgrep")),
        ("mtqc -j 2 / ripgrep (MB/s)", ratio("mtqc-j2", "ripgrep")),
        ("mtqc -j 2 / -j 1, one document", ratio("mtqc-j2", "mtqc-j1")),
        ("mtqc -j 2 / -j 1, --segments", ratio("mtqc-segments-j2", "mtqc-segments-j1")),
        ("mtqc --segments / one document, -j 1", ratio("mtqc-segments-j1", "mtqc-j1")),
    ]
    if "mtqc-pgo-j1" in runs:
        rows += [
            ("mtqc -j 1, PGO build / ripgrep (MB/s)", ratio("mtqc-pgo-j1", "ripgrep")),
            ("mtqc -j 1, PGO build / release build", ratio("mtqc-pgo-j1", "mtqc-j1")),
            ("mtqc -j 2 / -j 1, one document, PGO build", ratio("mtqc-pgo-j2", "mtqc-pgo-j1")),
        ]
    for key, label in (("pofilter", "pofilter"), ("bicleaner", "bicleaner-hardrules"),
                       ("opusfilter", "OpusFilter"), ("opusfilter-lid", "OpusFilter + LangidFilter")):
        rows.append((f"mtqc -j 1 / {label} (MB/s)", ratio("mtqc-j1", key)))
    out("| ratio | value |")
    out("|---|---:|")
    for label, v in rows:
        out(f"| {label} | {'n/a' if v is None else f'{v:,.2f}x'} |")
    out("")

    out("## Start-up")
    out("")
    out("| command | method | mean (ms) | sd (ms) | min (ms) | peak RSS (MB) |")
    out("|---|---|---:|---:|---:|---:|")
    for st in res["startup"]:
        out(f"| `{st['name']}` | {st['method']} | {st['mean_ms']:.2f} | {st['stddev_ms']:.2f} | "
            f"{st['min_ms']:.2f} | {fmt((st['rss_kib'] or 0) / 1024)} |")
    out("")

    crit = criterion_results(args.target_dir)
    if crit and args.micro:
        out("## Micro-benchmarks per rule kind")
        out("")
        out("`cargo bench --bench kinds` (criterion, `benches/kinds.rs`): each rule kind's rules "
            "of the embedded packs that apply to Bengali (common, bn; source-en's words) over a ~1 MB Bengali sample (the "
            "`tests/fixtures/*.txt` files repeated), paragraphs analysed beforehand; `analysis` "
            "is `Analysis::new` on every paragraph. Mean time per pass over the sample.")
        out("")
        out("| benchmark | bytes | mean (ms) | MB/s |")
        out("|---|---:|---:|---:|")
        for r in crit:
            out(f"| {r['name']} | {r['bytes']:,} | {r['mean_ms']:.2f} | {fmt(r['mb_s'], 1)} |")
        out("")

    out("## Targets of issue 5")
    out("")
    j1, j2 = runs.get("mtqc-j1"), runs.get("mtqc-j2")
    stream = runs.get("mtqc-stream-j2")
    check_ms = res["startup"][0]["mean_ms"] if res["startup"] else None
    peer_ratios = [ratio("mtqc-j1", k) for k in ("pofilter", "bicleaner", "opusfilter", "opusfilter-lid")]
    def verdict(ok):
        return "n/a" if ok is None else ("met" if ok else "**not met**")
    mbs = rate(j1, "bytes") / MB if rate(j1, "bytes") else None
    vs_rg = ratio("mtqc-j1", "ripgrep")
    par = ratio("mtqc-j2", "mtqc-j1")
    srss = stream["rss_kib"] / 1024 if stream and stream.get("rss_kib") else None
    min_peer = min([v for v in peer_ratios if v is not None], default=None)
    out("| target | measured | verdict |")
    out("|---|---:|---|")
    out(f"| one thread, default bn pack: >= 100 MB/s | {fmt(mbs, 2)} MB/s | "
        f"{verdict(None if mbs is None else mbs >= 100)} |")
    out(f"| one thread: >= 1.0x ripgrep on the pack's regexes | {fmt(vs_rg, 3)}x | "
        f"{verdict(None if vs_rg is None else vs_rg >= 1.0)} |")
    out(f"| two threads: >= 1.8x one thread | {fmt(par, 2)}x | "
        f"{verdict(None if par is None else par >= 1.8)} |")
    stream_mb = stream["bytes"] / MB if stream else 0
    out(f"| peak RSS <= 64 MB checking a 1 GB stream | {fmt(srss)} MB on a {stream_mb:,.0f} MB stream | "
        f"{verdict(None if srss is None or stream_mb < 1000 else srss <= 64)}"
        f"{'' if stream_mb >= 1000 else ' (stream smaller than 1 GB)'} |")
    out(f"| start-up plus a one-line check: <= 10 ms | {fmt(check_ms, 2)} ms | "
        f"{verdict(None if check_ms is None else check_ms <= 10)} |")
    out(f"| >= 100x each Python peer | lowest: {fmt(min_peer, 1)}x | "
        f"{verdict(None if min_peer is None else min_peer >= 100)} |")
    out("")
    out("Where a target is not met, `docs/performance.md` has the profile, the reason and the plan.")
    out("")

    out("## Targets of issue 17")
    out("")
    bounded, sdoc = runs.get("mtqc-bounded-j2"), runs.get("mtqc-stdin-doc-j2")
    brss = bounded["rss_kib"] / 1024 if bounded and bounded.get("rss_kib") else None
    drss = sdoc["rss_kib"] / 1024 if sdoc and sdoc.get("rss_kib") else None
    b_mb = bounded["bytes"] / MB if bounded else 0
    d_mb = sdoc["bytes"] / MB if sdoc else 0
    out("| target | measured | verdict |")
    out("|---|---:|---|")
    out(f"| one thread: >= 50 MB/s | {fmt(mbs, 2)} MB/s ({fmt(vs_rg, 3)}x ripgrep) | "
        f"{verdict(None if mbs is None else mbs >= 50)} |")
    pgo = runs.get("mtqc-pgo-j1")
    if pgo:
        pgo_mbs = rate(pgo, "bytes") / MB if rate(pgo, "bytes") else None
        out(f"| one thread, PGO build (`scripts/pgo-build.sh`): >= 50 MB/s | {fmt(pgo_mbs, 2)} MB/s "
            f"({fmt(ratio('mtqc-pgo-j1', 'ripgrep'), 3)}x ripgrep) | "
            f"{verdict(None if pgo_mbs is None else pgo_mbs >= 50)} |")
    out(f"| two threads: >= 1.8x one thread | {fmt(par, 2)}x | "
        f"{verdict(None if par is None else par >= 1.8)} |")
    out(f"| peak RSS <= 128 MB checking 50 MB as one document, `--format json -o FILE` | "
        f"{fmt(brss)} MB on {b_mb:,.1f} MB | "
        f"{verdict(None if brss is None or b_mb < 50 else brss <= 128)}"
        f"{'' if b_mb >= 50 else ' (document smaller than 50 MB)'} |")
    out(f"| peak RSS <= 64 MB for a 1 GB document on stdin | {fmt(drss)} MB on {d_mb:,.0f} MB | "
        f"{verdict(None if drss is None or d_mb < 1000 else drss <= 64)}"
        f"{'' if d_mb >= 1000 else ' (document smaller than 1 GB)'} |")
    out(f"| the Python peers: ratio recorded (goal >= 100x) | lowest: {fmt(min_peer, 1)}x | "
        f"recorded |")
    out("")

    out("## What each tool checks")
    out("")
    for r in res["runs"]:
        if r["key"] in ("mtqc-j1", "ripgrep", "pofilter", "bicleaner", "opusfilter", "opusfilter-lid"):
            out(f"- **{r['name']}**: {NOTES[r['tool'] if r['tool'] != 'mtqc' else 'mtqc']}.")
    missing = [f"{k}: {v.get('reason', 'not installed')}" for k, v in res["status"].items() if not v.get("ok")]
    if missing:
        out("")
        out("Not measured: " + "; ".join(missing) + ".")
    out("")
    out("## Method notes")
    out("")
    pats = json.loads(read_text(args.patterns, "{}")) if args.patterns else {}
    if pats:
        out(f"- ripgrep runs the `pattern` rules of the packs active on Bengali "
            f"({', '.join(pats['packs'])}): {', '.join('`' + r['id'] + '`' for r in pats['rules'])}, "
            "extracted from `rules/*/*.toml` by `bench/patterns.py`. It searches them as one "
            "alternation and counts leftmost-first, non-overlapping matches; mtqc runs each rule "
            "on its own and keeps every rule's spans, so ripgrep does less work than mtqc's "
            "pattern kind and much less than all of mtqc. ripgrep memory-maps the file, so its "
            "RSS counts the mapped pages it touched.")
    out("- mtqc writes its JSON report to a file under `bench/data/out/` (with `-o`, which "
        "writes a temporary file, syncs it and renames it over the target: the sync is in the "
        "time). `-o /dev/null` is not used: run as root, the rename would replace the "
        "`/dev/null` device node with a regular file. The stream row pipes `--format jsonl` "
        "to /dev/null through the shell.")
    out("- The Python peers run single-process (bicleaner-hardrules with one worker); the "
        "ratios to them use mtqc with one thread. Their rates include interpreter start-up "
        "and imports (a few seconds for OpusFilter), small against their run times here.")
    out("")
    out("## Commands")
    out("")
    out("Exactly as run (paths relative to the repository; `mtqc` is `target/release/mtqc`):")
    out("")
    out("```sh")
    repo = str(Path(args.repo).resolve()) + "/"
    for r in res["runs"]:
        out(r["command"].replace(repo, ""))
    for st in res["startup"]:
        out(st.get("hyperfine", st["command"]).replace(repo, ""))
    out("```")
    if args.micro:
        out("")
        out("Micro-benchmarks: `cargo bench --bench kinds -- --noplot`.")
    text = "\n".join(lines) + "\n"
    text = text.replace(repo, "")
    # The sections bench/python_bench.py and tests/browser/measure.js write are their own
    # runs': kept as they were.
    previous = read_text(args.out)
    for heading in KEPT_SECTIONS:
        kept = section(previous, heading)
        if kept:
            text += "\n" + kept
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text, encoding="utf-8")
    print(text)


KEPT_SECTIONS = ("Python", "HTML report")


def section(text, heading):
    """The `## {heading}` section of a report (to the next `## ` heading or the end), or ''."""
    start = text.find(f"\n## {heading}\n")
    if start < 0:
        return ""
    end = text.find("\n## ", start + 1)
    return text[start + 1:] if end < 0 else text[start + 1:end + 1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("measure")
    m.add_argument("--data", required=True)
    m.add_argument("--mtqc", required=True)
    m.add_argument("--mtqc-pgo", help="the build of scripts/pgo-build.sh, measured beside --mtqc")
    m.add_argument("--venv", required=True)
    m.add_argument("--patterns", required=True)
    m.add_argument("--status")
    m.add_argument("--results", required=True)
    m.add_argument("--mode", choices=["smoke", "full"], required=True)
    m.add_argument("--reps-mtqc", type=int, default=3)
    m.add_argument("--reps-rg", type=int, default=3)
    m.add_argument("--stream-copies", type=int, default=5)
    m.add_argument("--startup-runs", type=int, default=50)
    m.add_argument("--cap-mtqc", type=int, default=900, help="seconds")
    m.add_argument("--cap-peer", type=int, default=300, help="seconds")
    r = sub.add_parser("report")
    r.add_argument("--results", required=True)
    r.add_argument("--out", required=True)
    r.add_argument("--git", default="unknown")
    r.add_argument("--repo", default=".")
    r.add_argument("--target-dir", default="target")
    r.add_argument("--micro", action="store_true")
    r.add_argument("--patterns", help="the patterns.json that ripgrep ran")
    r.add_argument("--dirty", default="", help="tracked files with uncommitted changes")
    args = ap.parse_args()
    measure(args) if args.cmd == "measure" else report(args)


if __name__ == "__main__":
    main()
