#!/usr/bin/env python3
"""False alarms of mtqc's source-aware kinds on TICO-19, and the data facts their rules need.

usage: scripts/measure_source_fp.py BIN [--lang bn,hi|all] [--max 0.01] [--show N] [--json FILE]
                                    [--segments] [--no-glossary] [-- ARGS for `BIN check`]
       scripts/measure_source_fp.py --bands [--write]
       scripts/measure_source_fp.py --number-words [--write]

1. False alarms (BIN given). The six TICO-19 TMX files (../shared/corpus/tico19/tmx/
   all.en-{bn,hi,ta,ru,ar,zh}.tmx: 3,071 English units each, professional translations, CC0)
   are checked through mtqc's TMX reader, one file = one document (the default of DECISIONS.md):

       BIN check --format json --fail-on never [--glossary scripts/data/glossary-XX.tsv] FILE.tmx

   When BIN has no TMX reader (the report's paragraphs carry no `target`), each TMX file is
   converted to JSONL units ({"id": tuid, "src", "tgt"}) and checked with
   `--source-lang en --lang XX`. The figure is the share of units with a finding of a
   source-aware kind (source-numbers, source-placeholders, source-untranslated, source-length,
   source-consistency, source-glossary), per language, with the count per rule and per kind;
   `--show N` lists N flagged units per language with the finding, the source and the target.
   A unit listed in CORPUS_DEFECTS (the corpus's own slips, read by hand) is no false alarm
   when every finding on it is of a listed rule; the share is given with and without them.
   Target: at most 1% (--max) without them. Exit 1 above it, 2 when BIN cannot check
   bilingual units.

2. Length bands (--bands). From the same files: the distribution of target/source length
   ratios per language pair, in characters (Unicode scalar values of the whitespace-collapsed
   NFC text) and in words (whitespace tokens; in Chinese every Han character is a word), and a
   proposed band per pair: the 0.5th and 99.5th percentiles rounded outward to 0.05. For each
   band: the share of clean units outside it (its false alarms) and the share of units that
   the band catches once their target is cut to 50%, 40% and 25% of its characters (its recall
   on "lost half its content or more"). --write writes scripts/data/length-bands.md and
   scripts/data/length-bands.toml.

3. Number words (--number-words). How often each key of scripts/data/number-words/XX.toml
   occurs in the TICO-19 targets (English: in the sources), and how often a number is written
   in digits on one side and in words on the other; --write puts the figures in the comment
   block of each file (between `# OCCURRENCES` and `# OCCURRENCES END`).

Python 3.11, standard library only. The corpus is read in place.
"""
import argparse
import json
import math
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import plant_source as ps  # noqa: E402  (shared corpus reader, number parser, report reader)

DATA = os.path.join(HERE, "data")

# ---------------------------------------------------------------------------------------------
# 1. False alarms


def tmx_to_jsonl(units, path):
    ps.write_jsonl(path, units)


def run_units(bin_, files, args, gl):
    """Run mtqc with the glossary, or without it when mtqc rejects --glossary; return the units."""
    try:
        return ps.units_of_report(ps.run_mtqc(bin_, files, gl + args))
    except ps.Unsupported as e:
        if not gl or "--glossary" not in str(e):
            raise
        print(f"mtqc rejected --glossary ({e}); measured without the glossary", file=sys.stderr)
        return ps.units_of_report(ps.run_mtqc(bin_, files, args))


def check_corpus(bin_, lang, args, tmp):
    """The report's units for one language: {(file, id): paragraph}, and how they were read."""
    tmx = ps.tmx_path(lang)
    gl = [] if args.no_glossary else glossary_args(lang)
    seg = ["--segments"] if args.segments else []
    try:
        return run_units(bin_, [tmx], seg + args.extra, gl), "TMX reader"
    except ps.Unsupported as e:
        why = str(e)
    path = os.path.join(tmp, f"tico19.en-{lang}.jsonl")
    tmx_to_jsonl(ps.load_tmx(tmx, lang), path)
    try:
        units = run_units(bin_, [path], ["--source-lang", "en", "--lang", lang] + seg + args.extra, gl)
    except ps.Unsupported as e:
        raise ps.Unsupported(f"TMX: {why}; JSONL: {e}")
    return units, f"JSONL (the TMX reader is missing: {why})"


def glossary_args(lang):
    g = os.path.join(DATA, f"glossary-{lang}.tsv")
    return ["--glossary", g] if os.path.exists(g) else []


def kind_family(kind):
    for fam, prefix in ps.KIND_PREFIX.items():
        if (kind or "").startswith(prefix):
            return fam
    return None


# The corpus's own slips that a source-aware rule flags, read by hand: per language, unit id ->
# (rule, why). A flagged unit whose findings are all of the listed rule is no false alarm.
# Some Wikipedia and Wikinews units were exported as CSV cells with their quotes doubled (`"
# Coles ... reported ""many stores ...""`), and the translation kept some of those marks.
CSV_QUOTES = ("common.unpaired-quote",
              "the export's CSV quoting (`\" ... \"\"quoted\"\"`), kept in part by the translation")
CORPUS_DEFECTS = {
    "bn": {
        **{uid: CSV_QUOTES for uid in ("Wikinews_6:1160", "Wikipedia_handpicked_1:1510")},
        "PubMed_7:283": ("common.unpaired-bracket", "`(13) -25%)`: a bracket closed twice"),
        "PubMed_10:992": ("common.unpaired-bracket",
                          "`দেখা যায়) সিন্ড্রোম এবং ইবোলা)`: the opening brackets left out"),
        "Wikipedia_handpicked_3:1670": ("common.unpaired-bracket", "`(চীনা: 火眼, ...`: never closed"),
        "wiki_13:2500": ("common.unpaired-bracket", "`FIH]`: the opening bracket left out"),
        "wiki_5:2773": ("common.unpaired-bracket", "`অ্যানসেসটর)-`: a bracket closed twice"),
    },
    "hi": {
        "Wikipedia_handpicked_4:1832": ("common.number-mismatch",
                                        "`30 seconds` as `30 मिनट` (minutes): the unit changed"),
    },
    "ta": {
        **{uid: CSV_QUOTES for uid in (
            "Wikinews_4:1129", "Wikipedia_handpicked_1:1407", "Wikipedia_handpicked_1:1483",
            "Wikipedia_handpicked_1:1486", "Wikipedia_handpicked_1:1489",
            "Wikipedia_handpicked_1:1520", "Wikipedia_handpicked_1:1529",
            "Wikipedia_handpicked_4:1790")},
        "PubMed_7:217": ("common.unpaired-bracket", "`சார்ஸ்-கோ.வி-2((SARS-CoV-2)`: a bracket opened twice"),
        "PubMed_7:231": ("common.unpaired-bracket", "`சார்ஸ்-கோ.வி-2((SARS-CoV-2)`: a bracket opened twice"),
        "PubMed_7:243": ("common.unpaired-bracket", "`கோ.வி இஸட்.எக்ஸ்.21((bat-SL-CoVZX21)`: opened twice"),
        "PubMed_7:246": ("common.unpaired-bracket", "`சார்ஸ்-கோ.வி.-2((SARS-CoV-2)`: a bracket opened twice"),
        "Wikipedia_handpicked_1:1186": ("common.unpaired-bracket",
                                        "`சார்ஸ்-கோ.வி-2((SARS-CoV-2)`: a bracket opened twice"),
        "wiki_4:2665": ("common.unpaired-bracket", "`(முதல் கட்ட உருவாக்கி ...`: never closed"),
    },
}


def measure_fp(lang, units, show):
    total = len(units)
    flagged, rules, fams = [], Counter(), Counter()
    other = 0
    for (name, uid), p in sorted(units.items(), key=lambda kv: kv[1].get("index", 0)):
        fs = [f for f in p.get("findings", []) if ps.is_source_aware(f)]
        if len(fs) < len(p.get("findings", [])):
            other += 1
        if fs:
            flagged.append((uid, p, fs))
            for f in fs:
                rules[f.get("rule")] += 1
            for fam in {kind_family(f.get("kind")) for f in fs}:
                fams[fam] += 1
    known = CORPUS_DEFECTS.get(lang, {})
    own = [uid for uid, _, fs in flagged
           if uid in known and all(f.get("rule") == known[uid][0] for f in fs)]
    raw = len(flagged) / max(1, total)
    share = (len(flagged) - len(own)) / max(1, total)
    print(f"{lang}: {len(flagged)}/{total} units with a source-aware finding = {raw:.2%}; "
          f"{len(own)} of them the corpus's own slips (CORPUS_DEFECTS), without them {share:.2%} "
          f"({other} units with a target-only finding, not counted)")
    if fams:
        print("    units per kind: " + ", ".join(f"{k} {n}" for k, n in fams.most_common()))
    for rule, n in rules.most_common():
        print(f"    {rule}: {n}")
    for uid, p, fs in flagged[:show]:
        for f in fs:
            print(f"    {uid}: {f.get('rule')} [{f.get('severity')}] {(f.get('text') or '')[:50]!r} "
                  f"{(f.get('message') or '')[:100]}")
        print(f"        src: {(p.get('source') or '')[:160]}\n        tgt: {(p.get('target') or '')[:160]}")
    return {"units": total, "flagged": len(flagged), "raw_share": raw, "corpus_defects": len(own),
            "share": share, "rules": dict(rules),
            "kinds": dict(fams), "flagged_ids": [uid for uid, _, _ in flagged]}


# ---------------------------------------------------------------------------------------------
# 2. Length bands

HAN = re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0002FA1F]")
PERCENTILES = [0.1, 0.5, 1, 5, 25, 50, 75, 95, 99, 99.5, 99.9]


def char_len(text):
    return len(" ".join(unicodedata.normalize("NFC", text).split()))


def word_len(text):
    """Whitespace tokens, every Han character counting as one word."""
    han = len(HAN.findall(text))
    return han + len(HAN.sub(" ", text).split())


def percentile(sorted_xs, p):
    """Nearest-rank percentile (p in 0..100)."""
    if not sorted_xs:
        return float("nan")
    k = max(0, min(len(sorted_xs) - 1, math.ceil(p / 100 * len(sorted_xs)) - 1))
    return sorted_xs[k]


def round_out(x, step, down):
    f = math.floor if down else math.ceil
    return round(f(x / step + (1e-9 if down else -1e-9)) * step, 2)


def band_figures(lang, min_source_chars=20):
    units = ps.load_tmx(ps.tmx_path(lang), lang)
    kept = [u for u in units if char_len(u.src) >= min_source_chars and u.tgt.strip()]
    rc = sorted(char_len(u.tgt) / char_len(u.src) for u in kept)
    rw = sorted(word_len(u.tgt) / max(1, word_len(u.src)) for u in kept)
    out = {"pair": f"en-{lang}", "units": len(units), "measured": len(kept),
           "chars": {str(p): round(percentile(rc, p), 3) for p in PERCENTILES},
           "words": {str(p): round(percentile(rw, p), 3) for p in PERCENTILES}}
    for key, xs in (("chars", rc), ("words", rw)):
        lo, hi = round_out(percentile(xs, 0.5), 0.05, True), round_out(percentile(xs, 99.5), 0.05, False)
        out[f"band_{key}"] = [lo, hi]
        out[f"outside_{key}"] = sum(1 for x in xs if x < lo or x > hi) / len(xs)
        # a target cut to a share of its length: its ratio is that share of the original
        out[f"recall_{key}"] = {str(s): sum(1 for x in xs if x * s < lo) / len(xs) for s in (0.5, 0.4, 0.25)}
    both_lo_c, both_lo_w = out["band_chars"][0], out["band_words"][0]
    pairs = [(char_len(u.tgt) / char_len(u.src), word_len(u.tgt) / max(1, word_len(u.src))) for u in kept]
    out["recall_either"] = {str(s): sum(1 for c, w in pairs if c * s < both_lo_c or w * s < both_lo_w) / len(pairs)
                            for s in (0.5, 0.4, 0.25)}
    return out


def print_bands(figs):
    print("target/source length ratio per pair (TICO-19, units whose source has >= 20 characters)")
    print(f"  {'pair':6s} {'unit':5s} " + " ".join(f"p{p:<5g}" for p in PERCENTILES) + "   band         outside  "
          "caught when cut to 50% / 40% / 25%")
    for f in figs:
        for key in ("chars", "words"):
            lo, hi = f[f"band_{key}"]
            rec = f[f"recall_{key}"]
            print(f"  {f['pair']:6s} {key:5s} " + " ".join(f"{f[key][str(p)]:<6.2f}" for p in PERCENTILES)
                  + f"   [{lo:.2f}, {hi:.2f}] {f[f'outside_{key}']:6.2%}   "
                  + " / ".join(f"{rec[s]:.0%}" for s in ("0.5", "0.4", "0.25")))
        r = f["recall_either"]
        print(f"  {f['pair']:6s} either: below either lower bound when cut to 50% / 40% / 25%: "
              + " / ".join(f"{r[s]:.0%}" for s in ("0.5", "0.4", "0.25")))


def write_bands(figs):
    toml = ["# Length-ratio bands for mtqc's source-length kind, per language pair: target length /",
            "# source length outside [min_ratio, max_ratio] is suspicious (an omission below, an addition",
            "# above). Generated by `python3 scripts/measure_source_fp.py --bands --write` from TICO-19",
            "# (../shared/corpus/tico19/tmx, 3,071 professional units per pair); method and figures in",
            "# length-bands.md. min_ratio/max_ratio count characters (Unicode scalar values of the",
            "# whitespace-collapsed NFC text); min_word_ratio/max_word_ratio count whitespace words, every",
            "# Han character one word. Apply a band only when the source has min_source_chars or more.",
            ""]
    for f in figs:
        lc, hc = f["band_chars"]
        lw, hw = f["band_words"]
        toml += [f"[{f['pair']}]", f"min_ratio = {lc:.2f}", f"max_ratio = {hc:.2f}",
                 f"min_word_ratio = {lw:.2f}", f"max_word_ratio = {hw:.2f}", "min_source_chars = 20", ""]
    with open(os.path.join(DATA, "length-bands.toml"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(toml))
    md = ["# Length-ratio bands per language pair (source-length)", "",
          "Generated by `python3 scripts/measure_source_fp.py --bands --write`; the bands are in",
          "`length-bands.toml`.", "",
          "## Method", "",
          "- Corpus: TICO-19 (`../shared/corpus/tico19/tmx/all.en-XX.tmx`), 3,071 units per pair, English",
          "  source, professional target. Units whose source has fewer than 20 characters are left out",
          "  (a ratio over a few characters is noise: `yes` / `হ্যাঁ`); a rule should skip them too.",
          "- Ratio = target length / source length, in characters (Unicode scalar values of the NFC text,",
          "  whitespace runs collapsed to one space) and in words (whitespace tokens; in Chinese every Han",
          "  character counts as a word, other tokens as one each).",
          "- Band = [0.5th percentile, 99.5th percentile], rounded outward to 0.05. By construction about",
          "  1% of clean units fall outside it (`outside`): that is the band's false-alarm share on its",
          "  own, the whole of the 1% budget; a rule can spend less by requiring a second signal (both",
          "  ratios outside, or a long source).",
          "- Recall on omissions: a target cut to 50% (40%, 25%) of its characters has its ratio",
          "  multiplied by 0.5 (0.4, 0.25); `caught` is the share of units whose cut ratio falls below",
          "  the band's lower bound. Word ratios are scaled the same way (an approximation: a cut at a",
          "  word boundary keeps about the same share of words as of characters).", "",
          "## Figures", "",
          "| pair | unit | p0.1 | p0.5 | p1 | p5 | p50 | p95 | p99 | p99.5 | p99.9 | band | outside | caught at 50% / 40% / 25% |",
          "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for f in figs:
        for key in ("chars", "words"):
            q = f[key]
            lo, hi = f[f"band_{key}"]
            rec = f[f"recall_{key}"]
            md.append(f"| {f['pair']} | {key} | " + " | ".join(f"{q[str(p)]:.2f}" for p in (0.1, 0.5, 1, 5, 50, 95, 99, 99.5, 99.9))
                      + f" | [{lo:.2f}, {hi:.2f}] | {f[f'outside_{key}']:.2%} | "
                      + " / ".join(f"{rec[s]:.0%}" for s in ("0.5", "0.4", "0.25")) + " |")
    md += ["", "Caught by either lower bound (characters or words) when the target is cut to 50% / 40% / 25%:", ""]
    for f in figs:
        r = f["recall_either"]
        md.append(f"- {f['pair']}: " + " / ".join(f"{r[s]:.0%}" for s in ("0.5", "0.4", "0.25")))
    md += ["", "## Reading the figures", "",
           "- A band from percentiles catches \"lost half its content\" only where the pair's ratios are",
           "  tight: the median unit cut to half falls below the lower bound when the median ratio is",
           "  more than twice the 0.5th percentile. That holds for the Indic pairs and Russian and Arabic",
           "  in characters, and fails for Chinese, whose character ratio spans 0.14-0.81 (Han against",
           "  Latin letters): there only a cut to about a quarter is caught reliably.",
           "- Pairs differ widely: Tamil targets are 1.25x their English source in characters (agglutinated",
           "  case endings, long transliterations), Bengali and Hindi about 1.0x, Arabic 0.9x, Chinese 0.31x.",
           "  A band shared between languages would be wrong for all of them.",
           "- An empty or whitespace-only target needs no band: it is an omission whatever the ratio.", ""]
    with open(os.path.join(DATA, "length-bands.md"), "w", encoding="utf-8") as fh:
        fh.write("\n".join(md))


# ---------------------------------------------------------------------------------------------
# 3. Number words

WORD_RUN = {
    "en": r"[A-Za-z]+",
    "bn": r"[\u0980-\u09E5\u09F0-\u09FF\u200C\u200D]+",
    "hi": r"[\u0900-\u0963\u0971-\u097F\u200C\u200D]+",
    "ta": r"[\u0B80-\u0BE5\u0BF0-\u0BFF\u200C\u200D]+",
    "ru": r"[А-Яа-яЁё]+",
    "ar": r"[\u0621-\u065F\u0670-\u06D3]+",
}
BN_CLASSIFIERS = ["টি", "টা", "টো", "জন", "খানা", "খানি", "বার"]
AR_PROCLITICS = re.compile(r"^(?:[وف])?(?:[بلك])?(?:ال)?")
AR_HARAKAT = re.compile(r"[\u064B-\u0652\u0670]")
ZH_NUMERAL = "零〇一二两三四五六七八九十百千万亿兩萬億"
ZH_AFTER = set("个种名位次天周年月日例只株条项家架剂倍份类组岁人所台辆篇千万亿百十")


def source_units():
    """English sources: the hi file's (the bn and ta files carry CSV quoting in 149 sources)."""
    return [u.src for u in ps.load_tmx(ps.tmx_path("hi"), "hi")]


def count_number_words(lang):
    """{key: (exact, with endings)} over TICO-19 (targets; English: sources)."""
    words, scales = ps.read_number_words(lang)
    keys = list(dict.fromkeys(list(words) + list(scales)))
    texts = source_units() if lang == "en" else [u.tgt for u in ps.load_tmx(ps.tmx_path(lang), lang)]
    exact, endings = Counter(), Counter()
    if lang == "zh":
        for t in texts:
            for m in re.finditer(f"[{ZH_NUMERAL}]+", t):
                run = m.group()
                nxt = t[m.end():m.end() + 1]
                numeric = len(run) >= 2 or nxt in ZH_AFTER
                for c in run:
                    exact[c] += 1
                    if numeric:
                        endings[c] += 1
        return {k: (exact[k], endings[k]) for k in keys}
    multi = [k for k in keys if " " in k]
    for t in texts:
        t = unicodedata.normalize("NFC", t)
        if lang == "ar":
            t = AR_HARAKAT.sub("", t)
        toks = re.findall(WORD_RUN[lang], t)
        for tok in toks:
            low = tok.lower()
            if low in words or low in scales:
                exact[low] += 1
                continue
            if lang == "bn":
                for e in ps.BN_ENDINGS + BN_CLASSIFIERS:
                    if e and low.endswith(e) and low[:-len(e)] in words.keys() | scales.keys():
                        endings[low[:-len(e)]] += 1
                        break
            elif lang == "ar":
                base = AR_PROCLITICS.sub("", low)
                if base != low and (base in words or base in scales):
                    endings[base] += 1
            elif lang == "ta":
                for k in keys:
                    stem = k[:-2] if k.endswith("ம்") else k[:-1] if k.endswith(("்", "ு")) else k
                    if len(k) >= 4 and low.startswith(stem) and low != k and len(low) - len(stem) <= 6:
                        endings[k] += 1
                        break
        for k in multi:
            exact[k] += len(re.findall(r"(?<!\S)" + re.escape(k) + r"(?!\S)", t))
    return {k: (exact[k], endings[k]) for k in keys}


def digit_word_facts(lang):
    """How often one side writes a number in digits and the other in words (0..20 and tens)."""
    units = ps.load_tmx(ps.tmx_path(lang), lang)
    en_words, _ = ps.read_number_words("en")
    tw, _ = ps.read_number_words(lang)
    by_value = defaultdict(set)
    for w, v in tw.items():
        by_value[v].add(w)
    src_digit_tgt_word = src_word_tgt_digit = disagree = with_numbers = 0
    examples = []
    for u in units:
        sv = ps.number_values(u.src, "en")
        tv = ps.number_values(u.tgt, lang)
        if sv or tv:
            with_numbers += 1
            if sv != tv:
                disagree += 1
        missing = [v for v in sv if v not in tv and v <= 100 and v == int(v)]
        tgt_text = unicodedata.normalize("NFC", u.tgt)
        if lang == "zh":
            hit = [v for v in missing if any(ps.zh_number(v, c) in tgt_text for c in "个")]
        else:
            toks = set(re.findall(WORD_RUN[lang], tgt_text.lower() if lang == "ru" else tgt_text))
            hit = [v for v in missing if any(w in toks or (lang == "bn" and any(t.startswith(w) for t in toks))
                                             for w in by_value.get(v, ()) if " " not in w)]
        if hit:
            src_digit_tgt_word += 1
            if len(examples) < 3:
                examples.append((u.id, u.src[:90], u.tgt[:90]))
        src_words = [en_words[w] for w in re.findall(r"[a-z]+", u.src.lower()) if w in en_words and w != "one"]
        if any(v in tv for v in src_words if v not in sv):
            src_word_tgt_digit += 1
    return {"units": len(units), "with_numbers": with_numbers, "disagree": disagree,
            "source_digits_target_words": src_digit_tgt_word, "source_words_target_digits": src_word_tgt_digit,
            "examples": examples}


def number_words_block(lang, counts, facts):
    import textwrap
    where = "sources" if lang == "en" else "targets"
    head = (f"OCCURRENCES in the 3,071 TICO-19 {where} (generated: python3 scripts/measure_source_fp.py "
            f"--number-words --write). Each key: its count as a whole word")
    if lang == "zh":
        head = (f"OCCURRENCES in the 3,071 TICO-19 targets (generated: python3 scripts/measure_source_fp.py "
                f"--number-words --write). Each character: its count, then in brackets the count inside a "
                f"run of two or more numerals or before a classifier or scale (a likely number)")
    elif lang in ("bn", "ar", "ta"):
        what = {"bn": "a classifier or case ending glued on (তিনটি, দুজন)",
                "ar": "a proclitic (و ب ل ف ك ال)",
                "ta": "a suffix glued on (மூன்றில், இரண்டும்; words of four letters or more; an upper bound)"}[lang]
        head += f", then + its count with {what}"
    head += "; keys never seen are listed last."
    lines = ["# " + l for l in textwrap.wrap(head, 96)]
    seen = [(k, c) for k, c in counts.items() if c[0] or c[1]]
    unseen = [k for k, c in counts.items() if not (c[0] or c[1])]
    seen.sort(key=lambda kc: -(kc[1][0] + kc[1][1]))
    if lang == "zh":
        items = [f"{k} {a} ({b})" for k, (a, b) in seen]
    else:
        items = [f"{k} {a}" + (f" (+{b})" if b else "") for k, (a, b) in seen]
    def wrap_items(xs, width=94):  # never break inside an item
        return [l.replace("\u00a0", " ").replace("never:,", "never:") for l in
                textwrap.wrap(", ".join(x.replace(" ", "\u00a0") for x in xs), width, break_on_hyphens=False)]
    lines += ["#   " + l for l in wrap_items(items)]
    if unseen:
        lines += ["#   " + l for l in wrap_items(["never:"] + unseen)]
    if facts:
        f = facts
        text = (f"Units with a free-standing number (not part of a name such as COVID-19) on either side: "
                f"{f['with_numbers']}; of these, source and target numbers differ in {f['disagree']} "
                f"(dates, names expanded or transliterated with their number, scales, spelled-out numbers). "
                f"Source digits written as words in the target: {f['source_digits_target_words']} units; "
                f"source number words (two..ninety) written as digits in the target: "
                f"{f['source_words_target_digits']} units.")
        lines += ["# " + l for l in textwrap.wrap(text, 96)]
    lines.append("# OCCURRENCES END")
    return lines


def write_number_words_block(lang, block):
    path = os.path.join(DATA, "number-words", f"{lang}.toml")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    new = re.sub(r"^# OCCURRENCES.*?^# OCCURRENCES END\n", "\n".join(block) + "\n", text, flags=re.S | re.M)
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(new)


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bin", nargs="?", help="the mtqc binary (for the false-alarm figures)")
    ap.add_argument("--lang", default="all")
    ap.add_argument("--max", type=float, default=0.01, help="target share of units flagged (default 0.01)")
    ap.add_argument("--show", type=int, default=0, help="list this many flagged units per language")
    ap.add_argument("--json", help="write the figures as JSON to this file (- for stdout)")
    ap.add_argument("--segments", action="store_true", help="pass --segments (every unit its own document)")
    ap.add_argument("--no-glossary", action="store_true", help="do not pass --glossary")
    ap.add_argument("--bands", action="store_true", help="length-ratio figures and proposed bands")
    ap.add_argument("--number-words", action="store_true", help="number-word occurrences and digit/word facts")
    ap.add_argument("--write", action="store_true", help="with --bands or --number-words: write the data files")
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    a = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    a.extra = extra
    if not os.path.isdir(ps.TMX_DIR):
        print(f"measure_source_fp: {ps.TMX_DIR} not found: the TICO-19 measurement needs ../shared; skipped")
        return 0
    langs = ps.LANGS if a.lang == "all" else a.lang.split(",")
    out = {}
    if a.bands:
        figs = [band_figures(lang) for lang in langs]
        print_bands(figs)
        if a.write:
            write_bands(figs)
            print(f"wrote {os.path.join(DATA, 'length-bands.toml')} and length-bands.md")
        out["bands"] = figs
    if a.number_words:
        for lang in (["en"] if a.lang == "all" else []) + langs:
            counts = count_number_words(lang)
            facts = None if lang == "en" else digit_word_facts(lang)
            block = number_words_block(lang, counts, facts)
            print(f"== {lang}")
            print("\n".join(block))
            if facts and facts["examples"]:
                for uid, s, t in facts["examples"]:
                    print(f"   e.g. {uid}: {s} | {t}")
            if a.write:
                write_number_words_block(lang, block)
            out.setdefault("number_words", {})[lang] = {"counts": counts, "facts": facts}
    status = 0
    if a.bin:
        fp = {}
        with tempfile.TemporaryDirectory(prefix="mtqc-source-fp-") as tmp:
            for lang in langs:
                try:
                    units, how = check_corpus(a.bin, lang, a, tmp)
                except ps.Unsupported as e:
                    print(f"measure_source_fp: {a.bin} cannot check bilingual units ({e}).\n"
                          f"  It needs a TMX reader (`check FILE.tmx`) or JSONL units (`check --source-lang en\n"
                          f"  --lang XX FILE.jsonl`) with the report's paragraphs carrying id/source/target\n"
                          f"  (issue 12). No false-alarm figure.", file=sys.stderr)
                    status = 2
                    break
                print(f"({lang}: read through the {how})")
                fp[lang] = measure_fp(lang, units, a.show)
                if fp[lang]["share"] > a.max:
                    status = max(status, 1)
        if fp:
            worst = max(f["share"] for f in fp.values())
            print(f"worst share of units with a source-aware finding, the corpus's own slips aside: "
                  f"{worst:.2%} (target at most {a.max:.0%}); raw "
                  f"{max(f['raw_share'] for f in fp.values()):.2%}")
        out["false_alarms"] = fp
    elif not (a.bands or a.number_words):
        ap.error("give BIN (false alarms), --bands or --number-words")
    if a.json:
        js = json.dumps(out, ensure_ascii=False, indent=1)
        if a.json == "-":
            print(js)
        else:
            with open(a.json, "w", encoding="utf-8") as fh:
                fh.write(js + "\n")
    return status


if __name__ == "__main__":
    sys.exit(main())
