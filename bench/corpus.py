#!/usr/bin/env python3
"""Build the benchmark corpus, deterministically, from ../shared.

Every line of the corpus is one segment with its English source, so each tool reads the same
text in the form it takes:

  corpus.txt         target side, one paragraph per line (mtqc, ripgrep)
  corpus.src.txt     English source, line-aligned with corpus.txt
  slice.*            the first lines of the corpus, for the slower Python peers:
    slice.tgt.txt / slice.src.txt   plain text pairs (OpusFilter)
    slice.tsv                       source<TAB>target (bicleaner-hardrules)
    slice.po                        one msgid/msgstr unit per line (pofilter)
  one-line.txt       a single Bengali line (start-up time)
  manifest.json      sizes, line counts and composition

The corpus is built in rounds until it reaches the requested size. Each round is a seeded
shuffle of: every TICO-19 Bengali line (professional translation, source from the aligned
English file), every line of the Bengali MT example (no source exists: a placeholder is used),
and a few TICO-19 TMX targets in other languages (hi, ru, ar, zh, ta: segments left in the
wrong language, which the language rule is for), taken in turn so that they cycle through the
TMX files. Only Python's standard library is used; the same arguments give the same bytes.
"""

import argparse
import json
import random
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OTHER_LANGS = ["hi", "ru", "ar", "zh", "ta"]
NO_SOURCE = "[no source: machine-translated news example]"


def clean(s):
    """One line, no tabs: the formats below are line- and tab-separated."""
    return " ".join(s.replace("\t", " ").split())


def read_lines(path):
    with open(path, encoding="utf-8") as f:
        return [line.rstrip("\n").rstrip("\r") for line in f]


def tmx_pairs(path, lang):
    """(English source, target) of every translation unit of a TICO-19 TMX file."""
    pairs = []
    for tu in ET.parse(path).getroot().iter("tu"):
        segs = {}
        for tuv in tu.iter("tuv"):
            seg = tuv.find("seg")
            code = tuv.get(XML_LANG) or tuv.get("lang") or ""
            segs[code.split("-")[0].lower()] = clean("".join(seg.itertext())) if seg is not None else ""
        if segs.get("en") and segs.get(lang):
            pairs.append((segs["en"], segs[lang]))
    return pairs


def po_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", required=True, help="the shared folder (holds corpus/ and examples/)")
    ap.add_argument("--out", required=True, help="output folder")
    ap.add_argument("--size-mb", type=float, required=True, help="corpus size, in MiB, at least")
    ap.add_argument("--slice-mb", type=float, required=True, help="slice for the Python peers, MiB")
    ap.add_argument("--foreign-per-lang", type=int, default=6,
                    help="TMX segments per other language per round (default 6, about 1%% of a round)")
    ap.add_argument("--seed", type=int, default=20261125)
    args = ap.parse_args()

    shared = Path(args.shared)
    tico = shared / "corpus" / "tico19"
    bn = read_lines(tico / "plain" / "en-bn.bn.txt")
    en = read_lines(tico / "plain" / "en-bn.en.txt")
    if len(bn) != len(en):
        sys.exit(f"{tico}/plain: en-bn.bn.txt and en-bn.en.txt are not line-aligned")
    base = [(clean(s), clean(t)) for s, t in zip(en, bn) if t.strip()]
    examples = [(NO_SOURCE, clean(t)) for t in read_lines(shared / "examples" / "bn-news-mt.txt") if t.strip()]
    foreign = {lang: tmx_pairs(tico / "tmx" / f"all.en-{lang}.tmx", lang) for lang in OTHER_LANGS}

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    want = int(args.size_mb * 1024 * 1024)
    slice_want = int(args.slice_mb * 1024 * 1024)
    rng = random.Random(args.seed)

    counts = {"tico19-bn": 0, "example-mt": 0, **{f"tmx-{l}": 0 for l in OTHER_LANGS}}
    size = lines = rounds = 0
    slice_size = slice_lines = 0
    cursor = {lang: 0 for lang in OTHER_LANGS}
    with open(out / "corpus.txt", "w", encoding="utf-8", newline="\n") as tgt, \
            open(out / "corpus.src.txt", "w", encoding="utf-8", newline="\n") as src, \
            open(out / "slice.tgt.txt", "w", encoding="utf-8", newline="\n") as stgt, \
            open(out / "slice.src.txt", "w", encoding="utf-8", newline="\n") as ssrc, \
            open(out / "slice.tsv", "w", encoding="utf-8", newline="\n") as tsv, \
            open(out / "slice.po", "w", encoding="utf-8", newline="\n") as po:
        po.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                 '"Language: bn\\n"\n\n')
        while size < want:
            batch = [("tico19-bn", p) for p in base] + [("example-mt", p) for p in examples]
            for lang in OTHER_LANGS:
                pool = foreign[lang]
                for _ in range(args.foreign_per_lang):
                    batch.append((f"tmx-{lang}", pool[cursor[lang] % len(pool)]))
                    cursor[lang] += 1
            rng.shuffle(batch)
            for origin, (s, t) in batch:
                line = t + "\n"
                tgt.write(line)
                src.write(s + "\n")
                nbytes = len(line.encode("utf-8"))
                size += nbytes
                lines += 1
                counts[origin] += 1
                if slice_size < slice_want:
                    stgt.write(line)
                    ssrc.write(s + "\n")
                    tsv.write(f"{s}\t{t}\n")
                    po.write(f"msgctxt \"line {lines}\"\nmsgid {po_quote(s)}\nmsgstr {po_quote(t)}\n\n")
                    slice_size += nbytes
                    slice_lines += 1
                if size >= want:
                    break
            rounds += 1

    (out / "one-line.txt").write_text(base[0][1] + "\n", encoding="utf-8")
    manifest = {
        "seed": args.seed,
        "rounds": rounds,
        "corpus": {"bytes": size, "lines": lines, "composition": counts},
        "slice": {"bytes": slice_size, "lines": slice_lines},
        "sources": {
            "tico19-bn": "corpus/tico19/plain/en-bn.bn.txt (+ en-bn.en.txt as source)",
            "example-mt": "examples/bn-news-mt.txt (no source side; placeholder)",
            "tmx": "corpus/tico19/tmx/all.en-{hi,ru,ar,zh,ta}.tmx targets (+ their English)",
        },
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"corpus: {size:,} bytes, {lines:,} lines, {rounds} rounds; "
          f"peer slice: {slice_size:,} bytes, {slice_lines:,} lines")


if __name__ == "__main__":
    main()
