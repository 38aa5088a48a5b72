#!/usr/bin/env python3
"""How far the lexicon rules reach on text they were not written from (issue 14).

`hi.misspelled-word` and `ru.misspelled-word` know the frequent words of a language; the
practice planter (plant_lang.py) plants their misspellings into TICO-19's health text, in
documents, where `spelling-variant` also sees the right spelling nearby. This script plants one
misspelling into each line of other text, checked one line at a time (`--segments`, so no
document rule helps), and counts the lines where the misspelt word is reported:

- Hindi: a ब written व or a व written ब (any position), into the WMT24 English-Hindi references
  (news, social media, speech);
- Russian: a soft sign left out inside a word, a doubled consonant written once, an е written ё,
  into the 511 MT outputs of the WMT22 English-Russian quality-estimation test set.

Each edit is drawn from the words of the line that allow it (of three letters or more); an edit
that gives another real word is planted too (a checker cannot know it), so the figures are a
floor. For Hindi the plants are split by whether the word is in the rule's lexicon.

    python3 scripts/plant_lexicon.py [BIN] [--seed N]
"""

import argparse
import json
import random
import re
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORD = {"hi": re.compile(r"[\u0900-\u097F]+"), "ru": re.compile(r"[а-яёА-ЯЁ]+")}


def hindi_edits(w):
    """ब <-> व at each place."""
    swap = {"ब": "व", "व": "ब"}
    return [("b-v", w[:i] + swap[c] + w[i + 1:]) for i, c in enumerate(w) if c in swap]


def russian_edits(w):
    out = [("soft-sign", w[:i] + w[i + 1:]) for i, c in enumerate(w) if c == "ь" and 0 < i < len(w) - 1]
    out += [("double-consonant", w[:i] + w[i + 1:]) for i in range(1, len(w))
            if w[i] == w[i - 1] and w[i] in "нсмлтпрфк"]
    out += [("e-yo", w[:i] + "ё" + w[i + 1:]) for i, c in enumerate(w) if c == "е"]
    return out


def lexicon(lang):
    rules = tomllib.loads((ROOT / f"rules/{lang}/spelling.toml").read_text(encoding="utf-8"))["rule"]
    rule = next(r for r in rules if r["id"] == "misspelled-word")
    stems = rule.get("stems", [])
    forms = set(rule["words"]) | {s + e for s in stems for e in rule.get("endings", [])}
    return forms if rule.get("bound_stems") else forms | set(stems)


def check(binary, lang, lines):
    out = subprocess.run(
        [binary, "check", "--no-config", "--lang", lang, "--segments", "--format", "jsonl",
         "--fail-on", "never", "-"],
        input="\n".join(lines), capture_output=True, text=True, check=False,
    )
    if out.returncode not in (0, 1):
        sys.exit(f"mtqc failed: {out.stderr[:500]}")
    return [json.loads(line) for line in out.stdout.splitlines()]


def measure(binary, lang, lines, edits, rnd):
    lex = lexicon(lang)
    plants = {}
    for line in lines:
        cands = [(m, kind, e) for m in WORD[lang].finditer(line) if len(m.group()) >= 3
                 for kind, e in edits(m.group())]
        by_kind = {}
        for c in cands:
            by_kind.setdefault(c[1], []).append(c)
        for kind, cs in by_kind.items():
            m, _, e = rnd.choice(cs)
            plants.setdefault(kind, []).append(
                (line[:m.start()] + e + line[m.end():], e, m.group().lower() in lex))
    rows = []
    for kind, ps in sorted(plants.items()):
        reports = check(binary, lang, [p[0] for p in ps])
        hit, total, rules = Counter(), Counter(), Counter()
        for (_, e, known), r in zip(ps, reports):
            found = [f for f in r["findings"] if e in f["text"]]
            total[known] += 1
            if found:
                hit[known] += 1
                rules.update({f["rule"] for f in found})
        n, k = sum(total.values()), sum(hit.values())
        rows.append((lang, kind, k, n, hit[True], total[True], hit[False], total[False], rules))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bin", nargs="?", default=str(ROOT / "target/release/mtqc"))
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    shared = Path(args.shared)
    texts = {
        "hi": (shared / "corpus/wmt24-en-hi/wmt24.ref.hi.txt", hindi_edits),
        "ru": (shared / "corpus/wmt-qe-2022/word_level/en-ru/test.2022.mt", russian_edits),
    }
    print(f"seed {args.seed}; one misspelling a line, each line checked alone")
    print(f"{'lang':4} {'kind':17} {'caught':>14} {'word in lexicon':>16} {'not in lexicon':>15}  rules")
    for lang, (path, edits) in texts.items():
        lines = [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        for lang_, kind, k, n, kh, kn, uh, un, rules in measure(args.bin, lang, lines, edits, rnd):
            print(f"{lang_:4} {kind:17} {k:>5}/{n:<4} {k / n:4.2f} {kh:>7}/{kn:<4} {uh:>7}/{un:<4}  "
                  + ", ".join(f"{r} {c}" for r, c in rules.most_common()))


if __name__ == "__main__":
    main()
