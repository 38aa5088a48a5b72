#!/usr/bin/env python3
"""mtqc on real MT into two languages without a pack of rules: the WMT 2020 MQM TED sets.

`../shared/corpus/wmt-mqm-human-evaluation/mqm_ted_ende.tsv` (English -> German) and
`mqm_ted_zhen.tsv` (Chinese -> English): the outputs of the WMT 2020 systems on TED talks, each
row one error a professional rater marked (`<v>...</v>` in the target, its MQM category and
severity), or `No-error`. The script takes each (system, segment) once, writes its source and
target (the marks removed) as a TSV, checks it as units with their sources (`--lang de`;
`--lang en --source-lang zh`), and reports per rule: findings, and how many fall on a span a
rater marked in that segment (an error the raters saw; a finding off every span may still be a
defect they did not mark). Every system's translation of a talk is in one file, so the file-level
consistency rules (`common.inconsistent-translation`, `common.inconsistent-source`) compare
systems with each other and are left out. Also the WMT QE 2022 English -> Japanese test set
(`../shared/corpus/wmt-qe-2022/word_level/en-ja`: 1,000 MT outputs and their sources; its
word tags are not read), findings per rule only. With `--show RULE` it prints that rule's
findings.

usage: measure_mqm.py [BIN] [--shared DIR] [--show RULE]
Python 3.11, standard library only; exit 0 with a message when DIR is absent.
"""
import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SETS = [("ende", "de", []), ("zhen", "en", ["--source-lang", "zh"])]
FILE_LEVEL = {"common.inconsistent-translation", "common.inconsistent-source"}
MARK = re.compile(r"<v>(.*?)</v>", re.S)


def segments(path):
    """{(system, seg_id): (source, target, [(start, end) of marked spans])}, in file order."""
    csv.field_size_limit(10 ** 9)
    out = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            key = (row["system"], row["seg_id"])
            source = row["source"].replace("<v>", "").replace("</v>", "")
            marked, spans, at = row["target"], [], 0
            plain = ""
            for m in MARK.finditer(marked):
                plain += marked[at:m.start()]
                spans.append((len(plain), len(plain) + len(m.group(1))))
                plain += m.group(1)
                at = m.end()
            plain += marked[at:]
            if key not in out:
                out[key] = (source, plain, [])
            if row["category"] not in ("No-error", "") and out[key][1] == plain:
                out[key][2].extend(spans)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bin", nargs="?", default=os.path.join(HERE, "..", "target", "release", "mtqc"))
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--show", default="", help="print the findings of this rule")
    a = ap.parse_args()
    base = os.path.join(a.shared, "corpus", "wmt-mqm-human-evaluation")
    if not os.path.isdir(base):
        print(f"measure_mqm: {base} not found; skipped")
        return 0
    with tempfile.TemporaryDirectory(prefix="mqm-") as tmp:
        for pair, lang, extra in SETS:
            segs = segments(os.path.join(base, f"mqm_ted_{pair}.tsv"))
            keys = list(segs)
            path = os.path.join(tmp, f"{pair}.tsv")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                for k in keys:
                    s, t, _ = segs[k]
                    f.write(s.replace("\t", " ").replace("\n", " ") + "\t" + t.replace("\t", " ").replace("\n", " ") + "\n")
            cmd = [a.bin, "check", "--lang", lang, *extra, "--format", "json", "--fail-on", "never", path]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode not in (0, 1):
                sys.exit(f"{' '.join(cmd)}: exit {r.returncode}: {r.stderr[-400:]}")
            found, on_span = Counter(), Counter()
            shown = []
            for fobj in json.loads(r.stdout)["files"]:
                for p in fobj["paragraphs"]:
                    for x in p["findings"]:
                        if x["rule"] in FILE_LEVEL:
                            continue
                        system, seg = keys[x["line"] - 1]
                        source, target, spans = segs[(system, seg)]
                        cut = len(source.replace("\t", " ").replace("\n", " ")) + 1
                        s, e = x["column"] - 1 - cut, x["end_column"] - 1 - cut
                        hit = any(s < b and a_ < max(e, s + 1) for a_, b in spans)
                        found[x["rule"]] += 1
                        on_span[x["rule"]] += hit
                        if a.show and x["rule"] == a.show:
                            shown.append(f"  {system} {seg}: {x['text'][:60]!r} {'on a span' if hit else 'off the spans'}")
            total, hits = sum(found.values()), sum(on_span.values())
            print(f"{pair} ({len(keys)} translations, --lang {lang} {' '.join(extra)}): {total} findings, "
                  f"{hits} on a rater's span")
            for rule, n in found.most_common():
                print(f"  {rule}: {n} ({on_span[rule]} on a span)")
            for line in shown:
                print(line)
        qe = os.path.join(a.shared, "corpus", "wmt-qe-2022", "word_level", "en-ja")
        if os.path.isdir(qe):
            src = open(os.path.join(qe, "test.2022.src"), encoding="utf-8").read().splitlines()
            mt = open(os.path.join(qe, "test.2022.mt"), encoding="utf-8").read().splitlines()
            path = os.path.join(tmp, "en-ja.tsv")
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.writelines(f"{s.replace(chr(9), ' ')}\t{t.replace(chr(9), ' ')}\n" for s, t in zip(src, mt))
            cmd = [a.bin, "check", "--lang", "ja", "--format", "json", "--fail-on", "never", path]
            r = subprocess.run(cmd, capture_output=True, text=True)
            if r.returncode not in (0, 1):
                sys.exit(f"{' '.join(cmd)}: exit {r.returncode}: {r.stderr[-400:]}")
            found = Counter(x["rule"] for fobj in json.loads(r.stdout)["files"] for p in fobj["paragraphs"]
                            for x in p["findings"] if x["rule"] not in FILE_LEVEL)
            print(f"en-ja QE 2022 ({len(mt)} MT outputs, --lang ja): {sum(found.values())} findings")
            for rule, n in found.most_common():
                print(f"  {rule}: {n}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
