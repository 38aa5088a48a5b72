#!/usr/bin/env python3
"""mtqc on real English->Hindi MT: the WMT24 General MT submissions of 18 systems.

Data: `../shared/corpus/wmt24-en-hi/` (WMT24 shared task, research use; see its PROVENANCE):
`wmt24-<SYSTEM>.txt` (997 lines each, line N = segment N), the source, the human reference, and
`wmt24-esa-humeval.jsonl`, the task's ESA human error spans for 10 of the systems and the
reference (`refA`), about 300 lines each, with character offsets into the output.
The labelled list `tests/fixtures/wmt24-en-hi-labelled.tsv` (system, line, class, text, note,
count) holds MT loops, untranslated English, other defects a finding names (`defect`) and clear
negatives (`not-a-defect`: names, titles, hashtags, markup, URLs kept in Latin, sentence
spacing, repeats the source has), judged by reading each candidate against the source and the
reference (system `reference` is the human reference) (`--candidates` prints the candidates the list was built from).

For each system (and the reference, as `reference`) it runs
`BIN check --format json --fail-on never --segments --lang hi FILE` and reports:
  - findings, per rule;
  - precision against ESA (annotated systems only): of the findings on annotated lines, the share
    that overlaps a human error span on that line (spans of all annotators of the line pooled).
    The 282 spans whose offsets are `missing` mark omissions and have no place in the output; a
    finding that covers the whole line (a paragraph in English: a refusal, a copied source) says
    the translation is not there, which is what such a span says of that line, so it confirms
    it. ESA is no yardstick for some classes: annotators mark meaning errors and leave
    whitespace, Cyrillic letters inside Hindi words, a doubled postposition or an LLM's English
    commentary unmarked on lines they annotated (of 17 doubled spaces once flagged on those lines,
    15 lie outside every span and 2 inside one marking an LLM's added alternative translation). The hand-read precision is the other figure: each finding on an annotated line, and
    the doubled spaces and LLM commentary of the other lines, judged by reading, is a row of the
    labelled list (`defect` or `not-a-defect`);
  - precision against the labelled list: a finding overlapping a `loop`, `untranslated` or
    `defect` label is correct, one overlapping a `not-a-defect` label is wrong; others are not
    judged here;
  - recall of the labelled loops (a loop is caught by a finding overlapping its repeated run, the
    longest run of its unit on the line; findings per caught loop: 1 is the target) and of the
    labelled untranslated spans (a finding overlapping any occurrence of the text on the line).

usage: measure_wmt24.py [BIN] [--shared DIR] [--labels TSV] [--show N] [--json]
       measure_wmt24.py --candidates [--shared DIR]     (loops and Latin runs to judge by hand)
BIN defaults to target/release/mtqc, DIR to ../shared. Exit 0 (a measurement, not a gate); exit 0
with a message when ../shared is absent. Python 3.11, standard library only.
"""
import argparse
import csv
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_LABELS = os.path.join(HERE, "..", "tests", "fixtures", "wmt24-en-hi-labelled.tsv")
ESA_REFERENCE = "refA"


def read_lines(path):
    lines = open(path, encoding="utf-8").read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def systems(d):
    return sorted(os.path.basename(p)[len("wmt24-"):-len(".txt")] for p in glob.glob(os.path.join(d, "wmt24-*.txt")))


# ---------------------------------------------------------------------------------------------
# Candidates (how the labelled list was surfaced)

def loop_units(line):
    """(unit, repeats, start token) of n-grams (1-12 tokens) repeated back to back at least 3
    times, and runs of one character (a letter, a digit, a sign) at least 8 long."""
    toks, out, j = line.split(), [], 0
    while j < len(toks):
        best = None
        for n in range(1, 13):
            k = 1
            while toks[j + k * n:j + (k + 1) * n] == toks[j:j + n] and len(toks[j:j + n]) == n:
                k += 1
            if k >= 3 and (not best or k * n > best[0] * best[1]):
                best = (k, n)
        if best:
            out.append((" ".join(toks[j:j + best[1]]), best[0]))
            j += best[0] * best[1]
        else:
            j += 1
    for m in re.finditer(r"(\w)\1{7,}", line):
        out.append((m.group(1), len(m.group())))
    return out


LATIN_RUN = re.compile(r"(?<![\w@#/.-])[A-Za-z][A-Za-z'’]*(?:[ -][A-Za-z][A-Za-z'’]*)*(?![\w@/])")


def candidates(d):
    src, ref = read_lines(os.path.join(d, "wmt24.src.en.txt")), read_lines(os.path.join(d, "wmt24.ref.hi.txt"))
    print("# loops: system, line, repeats, unit || source (a loop mirroring the source is not a defect)")
    for s in systems(d):
        if s.startswith("esa"):
            continue
        for i, l in enumerate(read_lines(os.path.join(d, f"wmt24-{s}.txt")), 1):
            for unit, k in loop_units(l):
                print(f"{s}\t{i}\t{k}\t{unit[:80]}\t|| {src[i - 1][:140]}")
    print("# Latin runs with a lowercase word, absent from the reference: system, line, run, in source?")
    for s in systems(d):
        for i, l in enumerate(read_lines(os.path.join(d, f"wmt24-{s}.txt")), 1):
            if not re.search("[\u0900-\u097F]", l):
                continue  # no Hindi at all: a copied or empty line, judged apart
            for m in LATIN_RUN.finditer(l):
                t = m.group()
                if any(w[:1].islower() for w in re.split(r"[ -]", t)) and t.lower() not in ref[i - 1].lower():
                    print(f"{s}\t{i}\t{t[:80]}\t{'in source' if t.lower() in src[i - 1].lower() else 'NOT in source'}")


# ---------------------------------------------------------------------------------------------


def load_labels(path):
    labels = defaultdict(list)  # (system, line) -> [row]
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            row["line"] = int(row["line"])
            labels[(row["system"], row["line"])].append(row)
    return labels


def label_spans(row, line):
    t = row["text"]
    if row["class"] == "loop":
        runs = list(re.finditer("(?:" + re.escape(t) + r"[\s,،]*){2,}", line))
        if runs:
            m = max(runs, key=lambda m: (m.group().count(t), -m.start()))
            return [(m.start(), m.end())]
    return [(m.start(), m.end()) for m in re.finditer(re.escape(t), line)]


def load_esa(path):
    esa = defaultdict(list)  # (system, line) -> [(start, end)]
    annotated, missing = set(), set()
    for l in open(path, encoding="utf-8"):
        if not l.strip():
            continue
        r = json.loads(l)
        key = (r["system"], int(r["line"]))
        annotated.add(key)
        for sp in r.get("spans") or []:
            if not str(sp.get("start")).isdigit() or not str(sp.get("end")).isdigit():
                missing.add(key)  # `missing`: an omission, marked without a position in the output
                continue
            a, b = int(sp["start"]), int(sp["end"])
            if r["tgt"][a:b] != sp.get("text", r["tgt"][a:b]) and sp.get("text"):
                p = r["tgt"].find(sp["text"])
                if p >= 0:
                    a, b = p, p + len(sp["text"])
            esa[key].append((a, max(b, a + 1)))
    return esa, annotated, missing


def run_check(bin_, files):
    r = subprocess.run([bin_, "check", "--format", "json", "--fail-on", "never", "--segments", "--lang", "hi", *files],
                       capture_output=True, text=True, timeout=3600)
    if r.returncode not in (0, 1):
        sys.exit(f"measure_wmt24: mtqc exited {r.returncode}: {r.stderr.strip()[-500:]}")
    found = defaultdict(list)  # (file name, line) -> [(s, e, finding)]
    for f in json.loads(r.stdout).get("files", []):
        for p in f.get("paragraphs", []):
            for x in p.get("findings", []):
                s = int(x["column"]) - 1
                e = max(int(x["end_column"]) - 1, s + 1) if int(x.get("end_line", x["line"])) == int(x["line"]) else 10 ** 9
                found[(os.path.basename(f["path"]), int(x["line"]))].append((s, e, x))
    return found


def overlaps(s, e, spans):
    return any(s < b and a < e for a, b in spans)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bin", nargs="?", default=os.path.join(HERE, "..", "target", "release", "mtqc"))
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--labels", default=DEFAULT_LABELS)
    ap.add_argument("--show", type=int, default=0, help="print this many missed labels and wrong findings")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--candidates", action="store_true", help="print the loop and Latin-run candidates and exit")
    a = ap.parse_args()
    d = os.path.join(a.shared, "corpus", "wmt24-en-hi")
    if not os.path.isdir(d):
        print(f"measure_wmt24: {d} not found: the WMT24 measurement needs ../shared (or --shared DIR); skipped")
        return 0
    if a.candidates:
        candidates(d)
        return 0
    names = systems(d)
    esa, annotated, missing = load_esa(os.path.join(d, "wmt24-esa-humeval.jsonl"))
    labels = load_labels(a.labels)
    texts = {s: read_lines(os.path.join(d, f"wmt24-{s}.txt")) for s in names}
    texts["reference"] = read_lines(os.path.join(d, "wmt24.ref.hi.txt"))
    files = {s: os.path.join(d, f"wmt24-{s}.txt") for s in names}
    with tempfile.TemporaryDirectory(prefix="wmt24-") as tmp:
        ref_copy = os.path.join(tmp, "wmt24-reference.txt")  # its own name in the report
        with open(ref_copy, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(texts["reference"]) + "\n")
        files["reference"] = ref_copy
        found = run_check(a.bin, list(files.values()))

    esa_name = {s: s for s in names}
    esa_name["reference"] = ESA_REFERENCE
    out, shown = {}, 0
    for s in names + ["reference"]:
        base = os.path.basename(files[s])
        lines = texts[s]
        st = {"findings": 0, "lines_flagged": 0, "by_rule": Counter(), "esa_annotated": False, "esa_judged": 0,
              "esa_confirmed": 0, "esa_by_rule": defaultdict(Counter), "label_correct": 0, "label_wrong": 0,
              "loops": 0, "loops_caught": 0, "findings_per_caught_loop": None, "untranslated": 0,
              "untranslated_caught": 0, "negatives": 0, "negatives_flagged": 0,
              "hand_judged": 0, "hand_correct": 0, "hand_unjudged": 0}
        st["esa_annotated"] = any(k[0] == esa_name[s] for k in annotated)
        per_loop = []
        for i, line in enumerate(lines, 1):
            got = found.get((base, i), [])
            st["findings"] += len(got)
            st["lines_flagged"] += bool(got)
            key = (esa_name[s], i)
            rows = labels.get((s, i), [])
            spans = [(r, label_spans(r, line)) for r in rows]
            for fs, fe, x in got:
                st["by_rule"][x["rule"]] += 1
                ok = False
                if key in annotated:
                    st["esa_judged"] += 1
                    whole = fs == 0 and fe >= len(line.rstrip())
                    ok = overlaps(fs, fe, esa.get(key, [])) or (whole and key in missing)
                    st["esa_confirmed"] += ok
                    st["esa_by_rule"][x["rule"]]["confirmed" if ok else "unconfirmed"] += 1
                hit = [r for r, sp in spans if overlaps(fs, fe, sp)]
                good = any(r["class"] in ("loop", "untranslated", "defect") for r in hit)
                bad = not good and any(r["class"] == "not-a-defect" for r in hit)
                if key in annotated:
                    # Hand-read precision on the annotated lines: a label decides; an unlabelled
                    # finding on an error span was read too (each was a real defect).
                    if good or bad or ok:
                        st["hand_judged"] += 1
                        st["hand_correct"] += not bad
                    else:
                        st["hand_unjudged"] += 1
                        if a.show:
                            print(f"  not read: {s} line {i}: {x['rule']} {x['text'][:40]!r}  "
                                  f"…{line[max(0, fs - 50):fe + 30]}…")
                if good:
                    st["label_correct"] += 1
                elif bad:
                    st["label_wrong"] += 1
                    if shown < a.show:
                        shown += 1
                        print(f"  wrong {s}:{i}: {x['rule']} {x['text'][:50]!r} on a not-a-defect label")
            for r, sp in spans:
                caught = [x for fs, fe, x in got if overlaps(fs, fe, sp)]
                if r["class"] == "loop":
                    st["loops"] += 1
                    if caught:
                        st["loops_caught"] += 1
                        per_loop.append(len(caught))
                elif r["class"] == "untranslated":
                    st["untranslated"] += 1
                    st["untranslated_caught"] += bool(caught)
                elif r["class"] == "defect":
                    st["defects"] = st.get("defects", 0) + 1
                    st["defects_caught"] = st.get("defects_caught", 0) + bool(caught)
                else:
                    st["negatives"] += 1
                    st["negatives_flagged"] += bool(caught)
                if r["class"] != "not-a-defect" and not caught and shown < a.show:
                    shown += 1
                    print(f"  missed {r['class']} {s}:{i}: {r['text'][:60]!r}{' x' + r['count'] if r.get('count') else ''}")
        st["findings_per_caught_loop"] = sum(per_loop) / len(per_loop) if per_loop else None
        st["esa_precision"] = st["esa_confirmed"] / st["esa_judged"] if st["esa_judged"] else None
        judged = st["label_correct"] + st["label_wrong"]
        st["label_precision"] = st["label_correct"] / judged if judged else None
        st["by_rule"] = dict(st["by_rule"].most_common())
        st["esa_by_rule"] = {k: dict(v) for k, v in st["esa_by_rule"].items()}
        out[s] = st

    tot = Counter()
    for s, st in out.items():
        for k in ("findings", "esa_judged", "esa_confirmed", "label_correct", "label_wrong", "loops", "loops_caught",
                  "untranslated", "untranslated_caught", "negatives", "negatives_flagged", "hand_judged",
                  "hand_correct", "hand_unjudged", "defects", "defects_caught"):
            tot[k] += st.get(k, 0)
    n_labels = Counter(r["class"] for rows in labels.values() for r in rows)
    summary = {"labels": dict(n_labels), "totals": dict(tot),
               "esa_precision": tot["esa_confirmed"] / tot["esa_judged"] if tot["esa_judged"] else None,
               "label_precision": (tot["label_correct"] / (tot["label_correct"] + tot["label_wrong"])
                                   if tot["label_correct"] + tot["label_wrong"] else None),
               "hand_precision_annotated": tot["hand_correct"] / tot["hand_judged"] if tot["hand_judged"] else None,
               "loop_recall": tot["loops_caught"] / tot["loops"] if tot["loops"] else None,
               "untranslated_recall": tot["untranslated_caught"] / tot["untranslated"] if tot["untranslated"] else None}
    if a.json:
        print(json.dumps({"systems": out, "summary": summary}, ensure_ascii=False, indent=1))
        return 0

    def f2(x):
        return "-" if x is None else f"{x:.2f}"

    print(f"{'system':18s} {'findings':>8s} {'lines':>5s} {'ESA conf/judged':>15s} {'prec':>5s} "
          f"{'label ok/wrong':>14s} {'loops':>7s} {'f/loop':>6s} {'untransl':>8s} {'neg flagged':>11s}  rules")
    for s, st in out.items():
        esa_cell = f"{st['esa_confirmed']}/{st['esa_judged']}" if st["esa_annotated"] else "(none)"
        rules = ", ".join(f"{r.split('.', 1)[-1]} {n}" for r, n in list(st["by_rule"].items())[:4])
        print(f"{s:18s} {st['findings']:8d} {st['lines_flagged']:5d} {esa_cell:>15s} {f2(st['esa_precision']):>5s} "
              f"{st['label_correct']:>7d}/{st['label_wrong']:<6d} {st['loops_caught']:>3d}/{st['loops']:<3d} "
              f"{f2(st['findings_per_caught_loop']):>6s} {st['untranslated_caught']:>3d}/{st['untranslated']:<4d} "
              f"{st['negatives_flagged']:>5d}/{st['negatives']:<5d}  {rules}")
    print(f"labelled list: {', '.join(f'{k} {v}' for k, v in sorted(n_labels.items()))}")
    print(f"all systems: findings {tot['findings']}; ESA precision {f2(summary['esa_precision'])} "
          f"({tot['esa_confirmed']}/{tot['esa_judged']} findings on annotated lines); labelled precision "
          f"{f2(summary['label_precision'])} ({tot['label_correct']} correct, {tot['label_wrong']} on not-a-defect); "
          f"loops caught {tot['loops_caught']}/{tot['loops']}; untranslated caught "
          f"{tot['untranslated_caught']}/{tot['untranslated']}; other defects caught {tot['defects_caught']}/{tot['defects']}; "
          f"negatives flagged {tot['negatives_flagged']}/{tot['negatives']}")
    print(f"hand-read precision on the annotated lines {f2(summary['hand_precision_annotated'])} "
          f"({tot['hand_correct']}/{tot['hand_judged']} findings read; {tot['hand_unjudged']} not read)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
