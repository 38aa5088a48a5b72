"""Tests of the measuring scripts' own logic: planting and matching, without mtqc.

    python3 -m unittest discover scripts

Value-preserving plants must keep every number's value (read back by an independent reader
below that knows native digits, groupings, decimal commas, number words and scales) and every
placeholder; defects must change them; findings are matched to planted spans as the scripts'
docstrings say. Tests that need the TICO-19 corpus (../shared) are skipped without it; the
end-to-end runs use stand-in binaries written by the tests, never mtqc.
"""
import json
import os
import random
import re
import stat
import subprocess
import sys
import tempfile
import unittest
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import plant_source as ps  # noqa: E402

HAVE_CORPUS = os.path.isdir(ps.TMX_DIR)

# ---------------------------------------------------------------------------------------------
# An independent reader of the values a target states, for the value-preservation tests.

ZH_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"两": 2, "〇": 0}
ZH_UNITS = {"十": 10, "百": 100, "千": 1000}


def zh_value(run):
    total, section, num = 0, 0, None
    for c in run:
        if c in ZH_DIGITS:
            num = ZH_DIGITS[c]
        elif c in ZH_UNITS:
            section += (1 if num is None else num) * ZH_UNITS[c]
            num = None
        elif c in "万亿":
            total += (section + (num or 0)) * (10000 if c == "万" else 10 ** 8)
            section, num = 0, None
    return total + section + (num or 0)


def read_values(text, lang):
    """The numbers a text states, as a Counter of values: digits in any system and grouping,
    number words (composed: двадцать пять, خمسة وعشرون, இருபத்து ஐந்து) and scales (2 লাখ,
    20 万, 200 тыс., 2 লাখ 44 হাজার)."""
    words, scales = ps.read_number_words(lang) if lang != "en" else ({}, {})
    t = ps.nfc(text)
    for native in ps.NATIVE_DIGITS.values():
        t = t.translate(str.maketrans(native, "0123456789"))
    t = t.replace(ps.AR_THOUSANDS, ",").replace(ps.AR_DECIMAL, "\u2396")  # ٫ is always decimal
    values = []
    tokens = re.findall(r"\d+(?:(?:[,.\u2396]|[ \u00A0\u202F](?=\d{3}(?!\d)))\d+)*|" + ps.WORD_RE.pattern + r"|\S", t)
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        v = None
        if tok[0].isdigit():
            raw = tok
            if "\u2396" in raw:
                v = float(raw.replace(",", "").replace("\u2396", "."))
            elif lang == "ar" and re.fullmatch(r"\d+,\d{1,2}", raw):
                v = float(raw.replace(",", "."))
            else:
                v = ps.parse_number(raw, lang)
                if v is None and lang != "ru":
                    v = ps.parse_number(re.sub(r"[ \u00A0\u202F]", "", raw), lang)
            if re.fullmatch(r"0\d", raw):
                v = float(raw)
        elif lang == "zh":
            for m in re.finditer("[零〇一二两三四五六七八九十百千万亿]+", tok):
                if len(m.group()) > 1 or m.group() in ZH_DIGITS or m.group() == "十":
                    values.append(float(zh_value(m.group())))
        else:
            w = tok.lower()
            base = w[1:] if lang == "ar" and w.startswith("و") and w[1:] in words else w
            if lang == "bn":
                for e in sorted(ps.BN_ENDINGS + ["টি", "টা", "জন"], key=len, reverse=True):
                    if e and w.endswith(e) and w[:-len(e)] in words:
                        base = w[:-len(e)]
                        break
            pair = base + " " + tokens[i + 1].lower() if i + 1 < len(tokens) else ""
            if pair in words:  # a two-word key (خمسة عشر)
                v = words[pair]
                i += 1
            elif base in words:
                v = words[base]
                # compose a following units word (двадцать пять, خمسة وعشرون, இருபத்து ஐந்து)
                if i + 1 < len(tokens):
                    nb = tokens[i + 1].lower()
                    nb = nb[1:] if lang == "ar" and nb.startswith("و") else nb
                    if nb in words and (v % 10 == 0 and v >= 20 and words[nb] < 10 or
                                        lang == "ar" and v < 10 and words[nb] % 10 == 0 and words[nb] >= 20):
                        v += words[nb]
                        i += 1
        if v is not None:
            # a scale word after it multiplies; a smaller number + scale after that adds
            if lang == "bn" and i + 1 < len(tokens):  # হাজারটি, লাখের: the scale with an ending
                nxt = tokens[i + 1]
                for e in sorted(ps.BN_ENDINGS + ["টি", "টা", "জন"], key=len, reverse=True):
                    if e and nxt.endswith(e) and nxt[:-len(e)] in scales:
                        tokens[i + 1] = nxt[:-len(e)]
                        break
            if lang == "zh" and i + 1 < len(tokens) and tokens[i + 1][0] in scales:
                tokens[i + 1] = tokens[i + 1][0]  # 12.6 万例: the scale opens a Han run
            if i + 1 < len(tokens) and tokens[i + 1].lower() in scales:
                v *= scales[tokens[i + 1].lower()]
                i += 1
                if i + 2 < len(tokens) and tokens[i + 1][0].isdigit() and tokens[i + 2].lower() in scales \
                        and scales[tokens[i + 2].lower()] < v:
                    v += float(tokens[i + 1]) * scales[tokens[i + 2].lower()]
                    i += 2
            values.append(round(v, 6))
        i += 1
    return Counter(values)


def placeholder_tokens(text):
    toks = []
    for kind, items in ps.TOKENS.items():
        for it in items:
            for t in (it if isinstance(it, tuple) else (it,)):
                toks += [t] * text.count(t)
    return Counter(toks)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def corpus_units(lang, n=None):
    units = ps.load_tmx(ps.tmx_path(lang), lang)
    return units[:n] if n else units


class Doc:
    """A stand-in document for planters that look at one unit."""

    def __init__(self, units):
        self.units = units


def ctx_for(lang, unit, data=None, doc=None):
    doc = doc or [unit]
    return ps.Ctx(lang, doc, doc.index(unit), data or {}, [j for j in range(len(doc)) if doc[j] is not unit])


# ---------------------------------------------------------------------------------------------


class NumberReading(unittest.TestCase):
    def test_parse_conventions(self):
        self.assertEqual(ps.parse_number("1,099", "en"), 1099)
        self.assertEqual(ps.parse_number("1,00,000", "bn"), 100000)
        self.assertEqual(ps.parse_number("2.26", "zh"), 2.26)
        self.assertIsNone(ps.parse_number("1,5", "ar"))  # ambiguous without context
        self.assertEqual(ps.parse_number("1,5", "ru"), 1.5)
        self.assertEqual(ps.parse_number("1 051 635", "ru"), 1051635)
        self.assertEqual(ps.parse_number("100.000", "ru"), 100000)
        self.assertEqual(ps.parse_number("1.5", "ru"), 1.5)

    def test_names_are_not_numbers(self):
        text = "COVID-19, SARS-CoV-2 and HCoV-229E (B814, 2019-nCoV) on 12/2020; 200-300 cases, 5 days"
        free = [n.raw for n in ps.numbers(text, "en") if n.free]
        self.assertEqual(free, ["200", "300", "5"])
        self.assertEqual([n.raw for n in ps.numbers("கோவிட்-19 31-ஆம் தேதி", "ta") if n.free], ["31"])
        self.assertEqual([n.value for n in ps.numbers("মোট 100টি কেস", "bn") if n.free], [100.0])
        self.assertEqual([n.value for n in ps.numbers("в 1 051 635 случаях", "ru") if n.free], [1051635.0])
        self.assertEqual([n.value for n in ps.numbers("80% من الناتج و90% من الصادرات", "ar") if n.free], [80.0, 90.0])
        self.assertEqual([n.value for n in ps.numbers("于3月4日下令", "zh") if n.free], [3.0, 4.0])
        self.assertEqual([n.value for n in ps.numbers("HKU4 和 DPP4", "zh") if n.free], [])
        self.assertEqual([n.value for n in ps.numbers("ஜனவரி-23 அன்று கோவிட்-19", "ta") if n.free], [23.0])

    def test_groupings(self):
        self.assertEqual(ps.group_indian("10000000"), "1,00,00,000")
        self.assertEqual(ps.group_indian("118381"), "1,18,381")
        self.assertEqual(ps.group_western("1051635", "\u202f"), "1\u202f051\u202f635")

    def test_number_words_and_scales(self):
        rnd = random.Random(0)
        self.assertEqual(ps.zh_number(2, "个"), "两")
        self.assertEqual(ps.zh_number(2, "月"), "二")
        self.assertEqual(ps.zh_number(25), "二十五")
        self.assertEqual(ps.zh_number(10), "十")
        self.assertEqual(ps.word_for(25, "ru", rnd, prev="в"), "двадцати пяти")
        self.assertEqual(ps.word_for(14, "ru", rnd, prev="за"), "четырнадцать")
        self.assertEqual(ps.word_for(24, "bn", rnd), "চব্বিশ")
        self.assertEqual(ps.ru_plural(21, "тысяча", "тысячи", "тысяч"), "тысяча")
        self.assertEqual(ps.ru_plural(12, "тысяча", "тысячи", "тысяч"), "тысяч")
        for lang, v in [("bn", 200000), ("hi", 3500000), ("ta", 100000), ("zh", 2260000), ("ru", 1500000),
                        ("ar", 4000), ("zh", 120000000)]:
            text, _ = ps.scale_form(v, lang, rnd)
            self.assertEqual(read_values(text, lang), Counter([float(v)]), (lang, v, text))

    def test_number_word_data(self):
        for lang in ps.LANGS + ["en"]:
            words, scales = ps.read_number_words(lang)
            self.assertGreater(len(words), 10, lang)
            self.assertTrue(scales, lang)
            for k in list(words) + list(scales):
                self.assertEqual(ps.nfc(k), k, f"{lang}: {k!r} is not NFC")
            for v in list(range(0, 11)) + [20, 30, 40, 50, 60, 70, 80, 90]:
                if lang == "zh" and v > 10:
                    continue
                self.assertIn(float(v), set(words.values()), f"{lang}: no word for {v}")
            self.assertIn(1000.0, set(scales.values()), lang)


@unittest.skipUnless(HAVE_CORPUS, "needs ../shared/corpus/tico19")
class ValuePreservingNumbers(unittest.TestCase):
    SILENT = [v for v in ps.VARIANTS if v[0] == "numbers" and v[2] == "silent"]
    DEFECTS = [v for v in ps.VARIANTS if v[0] == "numbers" and v[2] == "defect"]

    def test_silent_number_plants_keep_every_value(self):
        for lang in ps.LANGS:
            units = [u for u in corpus_units(lang) if ps.numbers_agree(u, lang) and ps.number_values(u.src, "en")]
            rnd = random.Random(lang)
            for fam, var, _, fn, only in self.SILENT:
                if only is not None and lang not in only:
                    continue
                done = 0
                for u in units:
                    p = fn(ctx_for(lang, u), rnd)
                    if p is None:
                        continue
                    self.assertNotEqual(p.tgt, u.tgt)
                    self.assertEqual(read_values(p.tgt, lang), read_values(u.tgt, lang),
                                     f"{lang} {var}: {u.tgt!r} -> {p.tgt!r}")
                    done += 1
                    if done >= 25:
                        break
                if var not in ("decimal-comma",) or lang == "ar":
                    self.assertGreater(done, 0, f"{lang} {var}: never applied")

    def test_number_defects_change_a_value_of_the_source(self):
        for lang in ps.LANGS:
            units = [u for u in corpus_units(lang) if ps.numbers_agree(u, lang) and ps.number_values(u.src, "en")]
            rnd = random.Random(lang)
            for fam, var, _, fn, _ in self.DEFECTS:
                done = 0
                for u in units:
                    p = fn(ctx_for(lang, u), rnd)
                    if p is None:
                        continue
                    src = ps.number_values(u.src, "en")
                    after = Counter(n.value for n in ps.numbers(p.tgt, lang) if n.free)
                    self.assertTrue(src - after or after - ps.number_values(u.tgt, lang),
                                    f"{lang} {var}: {u.tgt!r} -> {p.tgt!r}")
                    for a, b in p.spans:  # the span holds the new number (or marks where it was)
                        self.assertTrue(a == b or re.fullmatch(r"[0-9.,\u00a0\u202f ]+", p.tgt[a:b]), p.tgt[a:b])
                    done += 1
                    if done >= 25:
                        break
                self.assertGreater(done, 0, f"{lang} {var}: never applied")


@unittest.skipUnless(HAVE_CORPUS, "needs ../shared/corpus/tico19")
class Placeholders(unittest.TestCase):
    def test_moved_and_spacing_keep_the_tokens_defects_change_them(self):
        for lang in ps.LANGS:
            rnd = random.Random(lang)
            units = corpus_units(lang, 400)
            for op in ("moved", "spacing", "dropped", "altered", "duplicated"):
                fn = ps.p_placeholder(op)
                done = 0
                for u in units:
                    p = fn(ctx_for(lang, u), rnd)
                    if p is None:
                        continue
                    src, tgt = placeholder_tokens(p.src), placeholder_tokens(p.tgt)
                    self.assertTrue(src, p.src)
                    if op in ("moved", "spacing"):
                        self.assertEqual(src, tgt, f"{lang} {op}: {p.src!r} / {p.tgt!r}")
                    else:
                        self.assertNotEqual(src, tgt, f"{lang} {op}: {p.src!r} / {p.tgt!r}")
                    for a, b in p.spans:
                        self.assertTrue(a == b or placeholder_tokens(p.tgt[a:b]) or "@" in p.tgt[a:b]
                                        or p.tgt[a:b] in ps.ALTERED.values() or p.tgt[a:b].startswith(("http", "</"))
                                        , (op, p.tgt[a:b]))
                    done += 1
                    if done >= 30:
                        break
                self.assertGreater(done, 0, f"{lang} {op}")
            for _ in range(20):
                u = rnd.choice(units)
                p = ps.p_reordered(ctx_for(lang, u), rnd)
                if p:
                    self.assertEqual(placeholder_tokens(p.src), placeholder_tokens(p.tgt))

    def test_altered_tokens_differ(self):
        rnd = random.Random(1)
        for kind, items in ps.TOKENS.items():
            for it in items:
                if isinstance(it, str):
                    self.assertNotEqual(ps.alter_token(it, rnd), it)


@unittest.skipUnless(HAVE_CORPUS, "needs ../shared/corpus/tico19")
class Glossaries(unittest.TestCase):
    def test_files_and_sizes(self):
        for lang in ps.LANGS:
            path = os.path.join(ps.DATA, f"glossary-{lang}.tsv")
            rows = [l.split("\t") for l in read(path).splitlines() if l.strip()]
            self.assertEqual(rows[0], ["en", lang])
            self.assertTrue(all(len(r) == 2 and r[0] and r[1] for r in rows[1:]), lang)
            n = len({r[0] for r in rows[1:]})
            self.assertTrue(15 <= n <= 30, f"{lang}: {n} source terms")

    def test_terms_are_used_consistently(self):
        for lang in ps.LANGS:
            g = ps.Glossary(lang)
            for en, ts, n, ok, per, _ in g.coverage(corpus_units(lang)):
                self.assertGreaterEqual(n, 8, f"{lang} {en}: too rare to check")
                self.assertGreaterEqual(ok / n, 0.9, f"{lang} {en}: {ok}/{n}")

    def test_wrong_synonyms_are_not_accepted_terms(self):
        for lang in ps.LANGS:
            g = ps.Glossary(lang)
            for en, syns in ps.WRONG_SYNONYMS[lang].items():
                if en not in g.entries:
                    continue
                for s in syns:
                    for r in g.tgt[en]:
                        self.assertIsNone(r.search(ps.nfc(s)), f"{lang} {en}: {s} is accepted")
            self.assertGreaterEqual(len(set(ps.WRONG_SYNONYMS[lang]) & set(g.entries)), 15, lang)

    def test_glossary_plants(self):
        for lang in ps.LANGS:
            units = corpus_units(lang)
            data = ps.lang_data(lang, units)
            g = data["glossary"]
            rnd = random.Random(lang)
            for fn, accepted in ((ps.p_wrong_synonym, False), (ps.p_inflected, True)):
                done = 0
                for u in units[:1500]:
                    p = fn(ctx_for(lang, u, data), rnd)
                    if p is None:
                        continue
                    en = p.detail
                    hits = [m for r in g.tgt[en] for m in r.finditer(ps.nfc(p.tgt))]
                    if accepted:
                        self.assertTrue(hits, f"{lang} {en}: {p.tgt}")
                    else:
                        self.assertFalse(hits, f"{lang} {en}: {p.tgt}")
                        a, b = p.spans[0]
                        self.assertTrue(p.tgt[a:b], (lang, en))
                    done += 1
                    if done >= 20:
                        break
                if lang != "zh" or not accepted:
                    self.assertGreater(done, 0, (lang, fn.__name__))

    def test_inflections_are_strict(self):
        r = ps.target_term_regex("bn", "মাস্ক", strict=True)
        self.assertTrue(r.fullmatch("মাস্কের") and r.fullmatch("মাস্কগুলি"))
        self.assertIsNone(r.fullmatch("মাস্কপরা"))
        r = ps.target_term_regex("ru", "больной")
        self.assertIsNone(r.search("в больнице"))
        self.assertTrue(r.search("у больных"))
        r = ps.target_term_regex("ar", "حمى")
        self.assertIsNone(r.search("حماية"))
        self.assertTrue(r.search("بالحمى"))
        self.assertTrue(ps.target_term_regex("ar", "التهاب رئوي").search("يعانون التهابًا رئويًّا"))
        self.assertTrue(ps.target_term_regex("ta", "புரதம்").search("புரதத்தின்"))
        self.assertTrue(ps.target_term_regex("hi", "टीका").search("टीकों का"))


class Untranslated(unittest.TestCase):
    def test_copied_run_is_source_words(self):
        u = ps.Unit("x", "People can also become infected by touching a contaminated surface and then their face.",
                    "দূষিত পৃষ্ঠতল স্পর্শ করার পরে নিজেদের চোখ, নাক বা মুখ স্পর্শ করেও মানুষেরা সংক্রমিত হতে পারে।")
        rnd = random.Random(3)
        for _ in range(10):
            p = ps.p_copied_run(ctx_for("bn", u), rnd)
            a, b = p.spans[0]
            run = p.tgt[a:b]
            self.assertIn(run, u.src)
            self.assertTrue(3 <= len(run.split()) <= 6)

    def test_names_kept_are_in_both(self):
        u = ps.Unit("x", "The virus spreads between people during close contact in the community.",
                    "ভাইরাসটি ঘনিষ্ঠ সংস্পর্শের সময় মানুষের মধ্যে ছড়িয়ে পড়ে।")
        rnd = random.Random(4)
        for _ in range(10):
            p = ps.p_names_kept(ctx_for("bn", u), rnd)
            names = [n for n in ps.NAMES if n in p.src]
            self.assertTrue(names and all(n in p.tgt for n in names), (p.src, p.tgt))

    def test_truncated_keeps_under_half(self):
        u = ps.Unit("x", "s" * 80, "এটি একটি দীর্ঘ বাক্য যা অনেকগুলি শব্দ দিয়ে তৈরি এবং এর শেষে একটি দাঁড়ি আছে।")
        rnd = random.Random(5)
        for _ in range(10):
            p = ps.p_truncated(ctx_for("bn", u), rnd)
            self.assertTrue(p.tgt and len(p.tgt) <= 0.5 * len(u.tgt) and u.tgt.startswith(p.tgt))


# ---------------------------------------------------------------------------------------------
# Matching findings to planted spans


def finding(rule, kind, text=None, severity="major"):
    f = {"rule": rule, "kind": kind, "severity": severity}
    if text is not None:
        f["text"] = text
    return f


class Matching(unittest.TestCase):
    T = "মোট 578,000 জন আরোগ্য লাভ করেছেন।"

    def test_text_must_overlap_the_span(self):
        span = [(4, 11)]  # 578,000
        self.assertTrue(ps.finding_matches(finding("x.n", "source-numbers", "578,000"), "numbers", self.T, span, False))
        self.assertTrue(ps.finding_matches(finding("x.n", "source-numbers", "578"), "numbers", self.T, span, False))
        self.assertFalse(ps.finding_matches(finding("x.n", "source-numbers", "জন"), "numbers", self.T, span, False))
        # any source-aware kind located on the span counts (the text says where)
        self.assertTrue(ps.finding_matches(finding("x.g", "source-glossary", "578,000"), "numbers", self.T, span, False))

    def test_whole_unit_findings_match_by_kind(self):
        span = [(4, 11)]
        self.assertTrue(ps.finding_matches(finding("x.n", "source-numbers"), "numbers", self.T, span, False))
        self.assertTrue(ps.finding_matches(finding("x.n", "source-numbers-missing", ""), "numbers", self.T, span, False))
        # a text that is not in the target (the source's number) is a whole-unit finding
        self.assertTrue(ps.finding_matches(finding("x.n", "source-numbers", "568,000"), "numbers", self.T, span, False))
        self.assertFalse(ps.finding_matches(finding("x.l", "source-length"), "numbers", self.T, span, False))

    def test_zero_width_spans_and_anywhere(self):
        t = "মোট জন আরোগ্য লাভ করেছেন।"
        point = [(4, 4)]
        self.assertTrue(ps.finding_matches(finding("x.n", "source-numbers", "জন"), "numbers", t, point, False))
        self.assertFalse(ps.finding_matches(finding("x.n", "source-numbers", "লাভ"), "numbers", t, point, False))
        self.assertTrue(ps.finding_matches(finding("x.n", "source-numbers", "লাভ"), "numbers", t, point, True))
        self.assertFalse(ps.finding_matches(finding("x.u", "source-untranslated", "লাভ"), "numbers", t, point, True))

    def test_score(self):
        def plant(fam, var, expect, tgt, spans, anywhere=False, partner=None):
            p = ps.Plant(fam, var, expect, tgt, spans, anywhere=anywhere, partner=partner,
                         partner_spans=[(0, 5)] if partner is not None else None)
            return p
        clean = [ps.Unit(f"u{i}", f"source {i}", f"target number {i}") for i in range(6)]
        doc = [u.copy() for u in clean]
        doc[0] = doc[0].copy(tgt="target number 99")
        doc[1] = doc[1].copy(tgt="target number ১")
        doc[2] = doc[2].copy(tgt="%d target %s")
        doc[3] = doc[3].copy(tgt="target number 3")  # consistency defect with partner u4
        labels = {0: ps.Label(plant("numbers", "digit-off", "defect", doc[0].tgt, [(14, 16)]), 0, "u0", "u0"),
                  1: ps.Label(plant("numbers", "native-digits", "silent", doc[1].tgt, []), 1, "u1", "u1"),
                  2: ps.Label(plant("placeholders", "reordered", "minor", doc[2].tgt, [(0, 2), (10, 12)]), 2, "u2", "u2"),
                  3: ps.Label(plant("consistency", "two-sources-one-translation", "defect", doc[3].tgt, [(0, 15)],
                                    True, 4), 3, "u3", "u3", "u4", "u4")}
        truth = {"d.jsonl": (doc, labels, {"u4"})}
        base = {("d.jsonl", "u5"): [finding("x.l", "source-length")]}
        found = {("d.jsonl", "u0"): [finding("x.n", "source-numbers", "99")],
                 ("d.jsonl", "u1"): [finding("x.n", "source-numbers", "১")],
                 ("d.jsonl", "u2"): [finding("x.p", "source-placeholders-order", "%d", "minor")],
                 ("d.jsonl", "u4"): [finding("x.c", "source-consistency", "")],
                 ("d.jsonl", "u5"): [finding("x.l", "source-length"), finding("common.x", "pattern", "t")]}
        tally, cl, shows = ps.score(truth, found, base)
        self.assertEqual(tally[("numbers", "digit-off")]["caught"], 1)
        self.assertEqual(tally[("numbers", "native-digits")]["flagged"], 1)
        self.assertEqual(tally[("placeholders", "reordered")]["minor"], 1)
        self.assertEqual(tally[("consistency", "two-sources-one-translation")]["caught"], 1)
        self.assertEqual((cl["units"], cl["flagged"], cl["new"]), (1, 1, 0))  # u5; u4 is involved
        # a finding the clean unit already had does not catch a plant
        tally, _, _ = ps.score(truth, found, {("d.jsonl", "u0"): [finding("x.n", "source-numbers", "99")]})
        self.assertEqual(tally[("numbers", "digit-off")]["caught"], 0)
        # a major finding on a reorder is too severe, not a catch
        found[("d.jsonl", "u2")] = [finding("x.p", "source-placeholders", "%d", "major")]
        tally, _, _ = ps.score(truth, found, base)
        self.assertEqual((tally[("placeholders", "reordered")]["minor"], tally[("placeholders", "reordered")]["severe"]), (0, 1))
        # target-only rules are not counted unless asked
        found[("d.jsonl", "u0")] = [finding("common.mixed", "numerals", "99")]
        self.assertEqual(ps.score(truth, found, base)[0][("numbers", "digit-off")]["caught"], 0)
        self.assertEqual(ps.score(truth, found, base, any_rule=True)[0][("numbers", "digit-off")]["caught"], 1)

    def test_units_of_report(self):
        rep = {"files": [{"path": "a/d.jsonl", "paragraphs": [
            {"index": 0, "id": "u0", "source": "s", "target": "t", "findings": []}]}]}
        self.assertIn(("d.jsonl", "u0"), ps.units_of_report(rep))
        with self.assertRaises(ps.Unsupported):
            ps.units_of_report({"files": [{"path": "d.jsonl", "paragraphs": [{"index": 0, "findings": []}]}]})


class Brackets(unittest.TestCase):
    def test_plants_start_from_units_whose_brackets_pair(self):
        self.assertEqual(ps.bracket_pairs("জ্বর (99%) আর [FHD]"), [(5, 9), (14, 18)])
        self.assertIsNone(ps.bracket_pairs("কাশি (29%"))
        self.assertIsNone(ps.bracket_pairs("3) সেরোলজি (x)"), "an enumerator is no bracket to plant")

    def test_a_dropped_close_leaves_the_opener_to_find(self):
        import random
        u = ps.Unit("u1", "fever (99%) and cough", "জ্বর (99%) এবং কাশি")
        ctx = ps.Ctx("bn", [u], 0, None, [])
        p = ps.p_bracket("dropped-close")(ctx, random.Random(1))
        self.assertEqual(p.tgt, "জ্বর (99% এবং কাশি")
        self.assertEqual([p.tgt[a:b] for a, b in p.spans], ["("])
        silent = ps.p_bracket("full-width")(ctx, random.Random(1))
        self.assertEqual((silent.tgt, silent.expect), ("জ্বর （99%） এবং কাশি", "silent"))


# ---------------------------------------------------------------------------------------------
# End to end, with stand-in binaries

FAKE_ALL = r'''#!/usr/bin/env python3
# Stand-in for mtqc: every unit gets a whole-unit finding of every source-aware kind.
import hashlib, json, os, sys
args = sys.argv[1:]
if "--source-lang" not in args and any(a.endswith(".jsonl") for a in args):
    sys.exit("expected --source-lang")
files = [a for a in args if a.endswith(".jsonl")]
kinds = ["source-numbers", "source-placeholders", "source-untranslated", "source-length",
         "source-consistency", "source-glossary", "source-brackets"]
out = {"version": 1, "files": []}
for f in files:
    paras = []
    for i, line in enumerate(open(f, encoding="utf-8").read().splitlines()):
        u = json.loads(line)
        # the rule name depends on the unit's content, so a planted unit's findings are new
        h = hashlib.md5((u["src"] + "|" + u["tgt"]).encode()).hexdigest()[:8]
        fs = [{"rule": "fake." + k + "." + h, "kind": k, "message": "m",
               "severity": "minor" if k == "source-placeholders" else "major",
               "text": ""} for k in kinds] if MODE == "all" else []
        paras.append({"index": i, "id": u["id"], "source": u["src"], "target": u["tgt"], "findings": fs})
    out["files"].append({"path": f, "paragraphs": paras})
print(json.dumps(out))
'''
FAKE_FROZEN = "#!/bin/sh\necho \"error: unexpected argument '--source-lang' found\" >&2\nexit 2\n"


@unittest.skipUnless(HAVE_CORPUS, "needs ../shared/corpus/tico19")
class EndToEnd(unittest.TestCase):
    def run_with(self, body, *extra):
        with tempfile.TemporaryDirectory() as tmp:
            binp = os.path.join(tmp, "fake-mtqc")
            with open(binp, "w", encoding="utf-8") as f:
                f.write(body)
            os.chmod(binp, os.stat(binp).st_mode | stat.S_IEXEC)
            js = os.path.join(tmp, "out.json")
            r = subprocess.run([sys.executable, os.path.join(HERE, "plant_source.py"), binp, "--lang", "hi",
                                "--docs", "4", "--json", js, *extra], capture_output=True, text=True)
            figs = json.loads(read(js)) if os.path.exists(js) else None
            return r, figs

    def test_everything_flagged(self):
        r, figs = self.run_with(FAKE_ALL.replace("MODE", '"all"'))
        self.assertEqual(r.returncode, 1, r.stderr)  # silent plants are flagged: the gate fails
        v = figs["languages"]["hi"]["variants"]
        for key, t in v.items():
            if "caught" in t:
                self.assertEqual(t["caught"], t["planted"], key)
            if key.endswith("reordered"):
                self.assertEqual(t["minor"], t["planted"])
        for key, t in v.items():  # every silent plant that changed its unit is flagged
            if "flagged" in t and not key.endswith("duplicate-identical"):
                self.assertEqual(t["flagged"], t["planted"], key)
        self.assertEqual(figs["languages"]["hi"]["clean"]["flagged"], figs["languages"]["hi"]["clean"]["units"])

    def test_nothing_flagged(self):
        r, figs = self.run_with(FAKE_ALL.replace("MODE", '"none"'), "--min-recall", "0")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertTrue(all(t.get("caught", 0) == 0 for t in figs["languages"]["hi"]["variants"].values()))

    def test_frozen_binary(self):
        r, figs = self.run_with(FAKE_FROZEN)
        self.assertEqual(r.returncode, 2)
        self.assertIn("cannot check bilingual units", r.stderr)
        self.assertTrue(figs["unsupported"])

    def test_dry_run_writes_documents(self):
        with tempfile.TemporaryDirectory() as tmp:
            r = subprocess.run([sys.executable, os.path.join(HERE, "plant_source.py"), "--dry-run", "--lang", "zh",
                                "--docs", "2", "--keep", tmp], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            docs = [f for f in os.listdir(os.path.join(tmp, "zh")) if f.endswith(".jsonl")]
            self.assertEqual(len(docs), 2)
            lines = read(os.path.join(tmp, "zh", docs[0])).splitlines()
            self.assertEqual(len(lines), ps.UNIT_SIZE)
            ids = [json.loads(l)["id"] for l in lines]
            self.assertEqual(len(ids), len(set(ids)))
            truth = json.loads(read(os.path.join(tmp, "zh", "truth.json")))
            self.assertAlmostEqual(len(truth[docs[0]]), ps.UNIT_SIZE // 2, delta=1)


FAKE_TMX = r'''#!/usr/bin/env python3
# Stand-in for mtqc with bilingual readers: a TMX file (unless MODE is "jsonl-only": then a TMX
# file is read as plain text, as today's binary does) or JSONL units; units whose id ends in 7
# get a source-numbers finding, every unit a target-only one.
import json, sys, xml.etree.ElementTree as ET
args = sys.argv[1:]
paths = [a for a in args if a.endswith((".tmx", ".jsonl"))]
out = {"version": 1, "files": []}
for path in paths:
    paras = []
    if path.endswith(".tmx") and MODE == "jsonl-only":
        paras = [{"index": i, "line": i + 1, "findings": []} for i in range(3)]
    else:
        if path.endswith(".tmx"):
            units = []
            for tu in ET.parse(path).getroot().iter("tu"):
                segs = ["".join(t.find("seg").itertext()) for t in tu.iter("tuv")]
                units.append({"id": tu.get("tuid"), "src": segs[0], "tgt": segs[1]})
        else:
            units = [json.loads(l) for l in open(path, encoding="utf-8").read().splitlines()]
        for i, u in enumerate(units):
            fs = [{"rule": "common.x", "kind": "pattern", "severity": "minor", "text": ""}]
            if u["id"].endswith("7"):
                fs.append({"rule": "src.n", "kind": "source-numbers", "severity": "major", "text": "",
                           "message": "a number differs"})
            paras.append({"index": i, "id": u["id"], "source": u["src"], "target": u["tgt"], "findings": fs})
    out["files"].append({"path": path, "paragraphs": paras})
print(json.dumps(out))
'''


@unittest.skipUnless(HAVE_CORPUS, "needs ../shared/corpus/tico19")
class FalseAlarmMeasurement(unittest.TestCase):
    def run_with(self, mode):
        with tempfile.TemporaryDirectory() as tmp:
            binp = os.path.join(tmp, "fake-mtqc")
            with open(binp, "w", encoding="utf-8") as f:
                f.write(FAKE_TMX.replace("MODE", repr(mode)))
            os.chmod(binp, os.stat(binp).st_mode | stat.S_IEXEC)
            js = os.path.join(tmp, "fp.json")
            r = subprocess.run([sys.executable, os.path.join(HERE, "measure_source_fp.py"), binp, "--lang", "bn",
                                "--show", "2", "--json", js], capture_output=True, text=True)
            return r, json.loads(read(js))

    def test_share_of_units_with_a_source_aware_finding(self):
        expected = sum(1 for u in corpus_units("bn") if u.id.endswith("7"))
        for mode, how in (("tmx", "TMX reader"), ("jsonl-only", "JSONL")):
            r, figs = self.run_with(mode)
            self.assertEqual(r.returncode, 1, r.stderr)  # above 1%
            fp = figs["false_alarms"]["bn"]
            self.assertEqual((fp["flagged"], fp["units"]), (expected, 3071))
            self.assertEqual(fp["kinds"], {"numbers": expected})
            self.assertIn(how, r.stdout)


@unittest.skipUnless(HAVE_CORPUS, "needs ../shared/corpus/tico19")
class PlantingIsDeterministic(unittest.TestCase):
    def test_same_seed_same_documents(self):
        outs = []
        for _ in range(2):
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run([sys.executable, os.path.join(HERE, "plant_source.py"), "--dry-run", "--lang", "ru",
                                "--docs", "3", "--seed", "7", "--keep", tmp], capture_output=True, check=True)
                outs.append({f: read(os.path.join(tmp, "ru", f))
                             for f in sorted(os.listdir(os.path.join(tmp, "ru"))) if f.endswith(".jsonl")})
        self.assertEqual(outs[0], outs[1])


class DataFiles(unittest.TestCase):
    def test_length_bands(self):
        import tomllib
        with open(os.path.join(ps.DATA, "length-bands.toml"), "rb") as f:
            bands = tomllib.load(f)
        for lang in ps.LANGS:
            b = bands[f"en-{lang}"]
            self.assertLess(b["min_ratio"], b["max_ratio"])
            self.assertLess(b["min_word_ratio"], b["max_word_ratio"])

    @unittest.skipUnless(os.access(os.environ.get("MTQC_BIN", "/work/bin/mtqc-base"), os.X_OK),
                         "needs an mtqc binary (MTQC_BIN) to load the number-word fragments")
    def test_number_words_load_as_a_pack_lexicon(self):
        binp = os.environ.get("MTQC_BIN", "/work/bin/mtqc-base")
        for lang in ps.LANGS + ["en"]:
            with tempfile.TemporaryDirectory() as tmp:
                with open(os.path.join(tmp, "pack.toml"), "w", encoding="utf-8") as f:
                    f.write(f'[pack]\nid = "nw{lang}"\nversion = "0.0.1"\nlanguages = ["*"]\n'
                            f'description = "number words"\n\n[lexicon]\n')
                    f.write(read(os.path.join(ps.DATA, "number-words", f"{lang}.toml")))
                txt = os.path.join(tmp, "t.txt")
                with open(txt, "w") as f:
                    f.write("x\n")
                r = subprocess.run([binp, "check", "--rules", tmp, txt], capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, f"{lang}: {r.stderr}")


if __name__ == "__main__":
    unittest.main()
