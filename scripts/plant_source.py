#!/usr/bin/env python3
"""Recall of mtqc's source-aware kinds on defects planted into TICO-19 bilingual units.

The source-aware kinds (issue 12) compare a target with its source: numbers, placeholders and
markup, untranslated text, omission (length), consistency across the units of a file, and a
glossary. This script plants each defect into English -> bn, hi, ta, ru, ar, zh units of
TICO-19 (professional translations, CC0: ../shared/corpus/tico19/tmx/all.en-XX.tmx), together
with VALUE-PRESERVING changes that must stay silent, runs

    BIN check --format json --fail-on never --source-lang en --lang XX --segments
              [--glossary scripts/data/glossary-XX.tsv] DOC.jsonl ...

on documents of 50 units (JSONL, one `{"id", "src", "tgt"}` per line; about half the units
planted, one plant each) and reports, per language:

  - recall per kind and variant (a defect is caught by a NEW source-aware finding on its unit,
    see "Matching" below);
  - silent variants flagged (must be 0): a silent plant is flagged when its unit gets a
    source-aware finding that the same unit did not get before planting;
  - minor variants (placeholders reordered): caught only by a minor finding, reported apart;
  - clean units flagged: untouched units of the planted documents with a source-aware finding
    (and how many of those findings are new, i.e. caused by plants elsewhere in the document).

Kinds and variants (`K/V`; `silent` ones are value-preserving and must not be flagged):

  numbers       digit-off, transposed, magnitude (400,000 -> 40,000), removed, added;
                silent: native-digits (০-৯ ०-९ ௦-௯ ٠-٩ with ٫ ٬; full-width in zh), indian-grouping
                (1,00,000), space-grouping (100 000 with a no-break or narrow no-break space; a
                plain space too in ru), dot-grouping (ru 100.000), decimal-comma (ru, ar: 1,5;
                ar also 1٫5), leading-zeros (07), number-word (3 -> তিন, три/трёх, 三, ثلاثة),
                scale (200,000 -> 2 লাখ, 20 万, 200 тыс., 200 ألف)
  placeholders  dropped, altered (%s -> %d, {name} -> {nom}, URL changed), duplicated;
                silent: moved (another position in the target), spacing (glued, inner spaces);
                minor: reordered (two placeholders swapped); an entity is never the one
                dropped (a character escaped, `&mdash;`, which a translation may leave out)
                detail = printf, python, brace, html, entity, url, email
  untranslated  copy-source, other-english, copied-run (3-6 source words);
                silent: names-kept (WHO, COVID-19, Pfizer, Johns Hopkins University), url
  omission      empty, whitespace, truncated (under half the target's characters)
  consistency   same-source-two-ways (a unit duplicated, one word of the copy's target
                changed), two-sources-one-translation; silent: duplicate-identical
  glossary      wrong-synonym (scripts/data/glossary-XX.tsv term replaced by a near-synonym
                or a typical MT confusion); silent: inflected (another attested form of the
                right term: case endings, clitics)
  brackets      dropped-close (a closing bracket of the target left out), doubled-open (an
                opening one written twice), in units whose source and target pair their
                brackets; silent: full-width (a pair written （ ）, in Chinese)

Documents are windows of 50 consecutive TMX units (real neighbours: the same source article).
Numbers are planted only into units whose free-standing source and target numbers agree (a
number glued to letters, `COVID-19`, `B814`, is a name, not a number), so every number plant
starts from a silent unit. A unit to plant draws the least-planted variant that applies to it.
Consistency plants replace one unit of the document with a copy of another (the `~copy` id);
the copied unit is then involved and no longer counted as clean.

Matching. The report (README contract; Turn 2: each paragraph of a JSONL file is a unit with
`id`, `source`, `target`) is read per unit id. A finding counts when its kind starts with a
source-aware prefix (source-numbers, source-placeholders, source-untranslated, source-length,
source-consistency, source-glossary, source-brackets; `--any-rule` counts the target-only rules too) and it
was not already reported on the unit before planting (same rule and text). It catches the plant
when its `text` occurs in the unit's target overlapping the planted span, or when it is a
whole-unit finding (no `text`, or a `text` that is not in the target: e.g. the source's
`5` that is missing) of the plant's own kind. For plants that leave nothing to point at
(removed, dropped, empty, truncated) and for consistency and glossary plants, a finding of the
plant's own kind anywhere on the unit (for consistency: on either unit) catches it.

usage: plant_source.py BIN [--lang bn,hi|all] [--seed N|A-B|A,B] [--docs N] [--show N]
                       [--keep DIR] [--min-recall R] [--max-flagged F] [--json FILE]
                       [--dry-run] [--details] [--any-rule] [--no-glossary] [--no-segments]
                       [--glossary-report] [-- ARGS for `BIN check`]
Exit 0 when every defect variant's recall >= R, no silent plant is flagged and the share of
clean units flagged <= F; 1 otherwise; 2 when BIN cannot check bilingual units (the frozen
binary rejects --source-lang and JSONL: every plant is then counted missed and the figures
show the planting only). Python 3.11, standard library only; the corpus is read in place.
"""
import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("MTQC_SHARED", os.path.join(HERE, "..", "..", "shared"))
TMX_DIR = os.path.join(SHARED, "corpus", "tico19", "tmx")
DATA = os.path.join(HERE, "data")
LANGS = ["bn", "hi", "ta", "ru", "ar", "zh"]
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# Kind family -> the prefix of the finding kinds that report it.
KIND_PREFIX = {
    "numbers": "source-numbers",
    "placeholders": "source-placeholders",
    "untranslated": "source-untranslated",
    "omission": "source-length",
    "consistency": "source-consistency",
    "glossary": "source-glossary",
    "brackets": "source-brackets",
    "quotes": "source-quotes",
}
SOURCE_PREFIXES = tuple(KIND_PREFIX.values())
UNIT_SIZE = 50


def nfc(s):
    return unicodedata.normalize("NFC", s)


# ---------------------------------------------------------------------------------------------
# Corpus


class Unit:
    __slots__ = ("id", "src", "tgt", "origin")

    def __init__(self, id_, src, tgt, origin=None):
        self.id, self.src, self.tgt = id_, src, tgt
        self.origin = origin or id_  # the corpus unit this one was made from

    def copy(self, **kw):
        u = Unit(self.id, self.src, self.tgt, self.origin)
        for k, v in kw.items():
            setattr(u, k, v)
        return u

    def record(self):
        return {"id": self.id, "src": self.src, "tgt": self.tgt}


def tmx_path(lang):
    return os.path.join(TMX_DIR, f"all.en-{lang}.tmx")


def load_tmx(path, lang):
    """Units of a TICO-19 TMX file, in file order: (tuid, English source, target)."""
    units = []
    for tu in ET.parse(path).getroot().iter("tu"):
        seg = {}
        for tuv in tu.iter("tuv"):
            code = (tuv.get(XML_LANG) or tuv.get("lang") or "").split("-")[0]
            s = tuv.find("seg")
            seg[code] = "".join(s.itertext()) if s is not None else ""
        if "en" in seg and lang in seg:
            units.append(Unit(tu.get("tuid"), seg["en"], seg[lang]))
    return units


# ---------------------------------------------------------------------------------------------
# Numbers: free-standing numbers and their values, by the conventions of each language

NATIVE_DIGITS = {"bn": "০১২৩৪৫৬৭৮৯", "hi": "०१२३४५६७८९", "ta": "௦௧௨௩௪௫௬௭௮௯",
                 "ar": "٠١٢٣٤٥٦٧٨٩", "zh": "０１２３４５６７８９"}
AR_DECIMAL, AR_THOUSANDS = "\u066B", "\u066C"
NBSP, NNBSP = "\u00A0", "\u202F"
# A run of ASCII digits joined by single separators; which separators group and which is the
# decimal point is decided by parse_number.
NUMBER_RUN = re.compile(r"[0-9]+(?:(?:[,.]|[ \u00A0\u202F](?=[0-9]{3}(?![0-9])))[0-9]+)*")
RU_SPACE_RUN = re.compile(r"[ \u00A0\u202F](?=[0-9]{3}(?![0-9]))")


class Num:
    __slots__ = ("start", "end", "raw", "value", "free")

    def __init__(self, start, end, raw, value, free):
        self.start, self.end, self.raw, self.value, self.free = start, end, raw, value, free

    def __repr__(self):
        return f"Num({self.raw!r}={self.value}, free={self.free})"


def parse_number(raw, lang):
    """The value of a run of ASCII digits and separators, or None when it is ambiguous.
    en, bn, hi, ta, ar, zh: `,` groups (western 1,000,000 or Indian 10,00,000), `.` is the
    decimal point. ru: a space, no-break or narrow no-break space groups, `,` is the decimal
    point, `.` groups only in the shape 100.000 (1.5 is a decimal)."""
    if lang == "ru":
        r = re.sub(r"[ \u00A0\u202F]", "", raw)
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", r):
            return float(r.replace(".", ""))
        if re.fullmatch(r"\d+(?:[,.]\d+)?", r):
            return float(r.replace(",", "."))
        return None
    if " " in raw or NBSP in raw or NNBSP in raw:
        r = re.sub(r"[ \u00A0\u202F]", "", raw)
        return float(r) if re.fullmatch(r"\d+", r) else None
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw) or \
            re.fullmatch(r"\d{1,2}(?:,\d{2})*,\d{3}(?:\.\d+)?", raw):
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d+(?:\.\d+)?", raw):
        return float(raw)
    return None


def _is_latin(c):
    return "a" <= c.lower() <= "z"


def numbers(text, lang):
    """Numbers in ASCII digits. `free` is False for a number that is part of a name or code
    (`COVID-19`, `SARS-CoV-2`, `B814`, `2019-nCoV`, `5G`, `12/2020`, `1:1`, `table1.1`)."""
    out = []
    runs = NUMBER_RUN.finditer(text) if lang == "ru" else re.finditer(r"[0-9]+(?:[,.][0-9]+)*", text)
    for m in runs:
        s, e, raw = m.start(), m.end(), m.group()
        value = parse_number(raw, lang)
        prev = text[s - 1] if s else ""
        prev2 = text[s - 2] if s > 1 else ""
        nxt = text[e] if e < len(text) else ""
        nxt2 = text[e + 1] if e + 1 < len(text) else ""
        free = True
        if lang == "zh" and is_han(prev):
            pass  # 于3月4日, 100人: Chinese glues digits to Han characters
        elif lang == "ar" and prev and prev in "وبلفك" and not (prev2.isalpha() or prev2 == "_"):
            pass  # و90%, ب15: a proclitic glued to the number
        elif prev and (prev.isalpha() or prev == "_" or unicodedata.category(prev).startswith("M")):
            free = False  # B814, R0
        elif prev and prev in "-‐" and (prev2.isalpha() or unicodedata.category(prev2 or " ").startswith("M")) \
                and not any(text[:s - 1].split()[-1:][0].startswith(nfc(mo)) for mo in MONTHS.get(lang, [])
                            if text[:s - 1].split()):
            free = False  # COVID-19, HCoV-229E, கோவிட்-19; not a Tamil date ஜனவரி-23 (a range stays free)
        elif prev and prev in "/:" and prev2.isalnum():
            free = False  # 12/2020, 1:1
        elif prev == "." and prev2.isalpha():
            free = False  # Table1.1, v2.0
        if nxt and (_is_latin(nxt) or nxt == "_"):
            free = False  # 5G, 2nd, 229E
        elif nxt and nxt in "-‐" and _is_latin(nxt2):
            free = False  # 2019-nCoV
        elif nxt and nxt in "/:" and nxt2.isdigit():
            free = False  # 12/2020, 10:00
        if value is None:
            free = False
        out.append(Num(s, e, raw, value, free))
    return out


def number_values(text, lang):
    return Counter(n.value for n in numbers(text, lang) if n.free)


def numbers_agree(unit, lang):
    """Every free-standing source number has its value in the target (as often), and every
    number in the target parses: a unit where a planted number defect is the only new mismatch.
    The target may hold more numbers than the source (zh and ta write months as digits: `3 月`
    for March; ta repeats a name's number: `சார்ஸ்-கோ.வி-2(SARS-CoV-2)`)."""
    tn = numbers(unit.tgt, lang)
    if any(n.value is None for n in tn):
        return False
    src = number_values(unit.src, "en")
    return not (src - Counter(n.value for n in tn if n.free))


def fmt_value(v, decimals):
    return f"{v:.{decimals}f}" if decimals else str(int(round(v)))


def group_western(int_digits, sep=","):
    out = []
    while len(int_digits) > 3:
        out.insert(0, int_digits[-3:])
        int_digits = int_digits[:-3]
    out.insert(0, int_digits)
    return sep.join(out)


def group_indian(int_digits, sep=","):
    if len(int_digits) <= 3:
        return int_digits
    head, tail = int_digits[:-3], int_digits[-3:]
    parts = []
    while len(head) > 2:
        parts.insert(0, head[-2:])
        head = head[:-2]
    if head:
        parts.insert(0, head)
    return sep.join(parts + [tail])


def split_raw(raw, lang):
    """(integer digits, fraction digits or '', decimal separator or '') of a parsable raw."""
    if lang == "ru":
        r = re.sub(r"[ \u00A0\u202F]", "", raw)
        if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", r):
            return r.replace(".", ""), "", ""
        if "," in r or "." in r:
            sep = "," if "," in r else "."
            a, b = r.split(sep)
            return a, b, sep
        return r, "", ""
    r = re.sub(r"[ \u00A0\u202F,]", "", raw)
    if "." in r:
        a, b = r.split(".")
        return a, b, "."
    return r, "", ""


def to_native(raw, lang):
    table = str.maketrans("0123456789", NATIVE_DIGITS[lang])
    out = raw.translate(table)
    if lang == "ar":
        out = out.replace(",", AR_THOUSANDS).replace(".", AR_DECIMAL)
    return out


# ---------------------------------------------------------------------------------------------
# Number words (scripts/data/number-words/XX.toml: `number_words = { "তিন" = 3, ... }`)


def read_number_words(lang):
    """(number_words, number_scales) of a fragment, read without a TOML 1.1 parser (Python's
    tomllib reads TOML 1.0, which has no multi-line inline tables)."""
    path = os.path.join(DATA, "number-words", f"{lang}.toml")
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    tables = {}
    for name in ("number_words", "number_scales"):
        m = re.search(r"^" + name + r"\s*=\s*\{(.*?)^\}", text, re.S | re.M)
        body = m.group(1) if m else ""
        pairs = re.findall(r'"([^"]+)"\s*=\s*([0-9.eE+]+)', body)
        tables[name] = {k: float(v) for k, v in pairs}
    return tables["number_words"], tables["number_scales"]


# Words planted for a value (a subset of the data: no article-like or linking forms).
NOT_PLANTED = {
    "bn": {"দু", "শো", "শত", "এগার", "তের", "পনের", "ষোল", "সতের", "আঠার", "একশ"},
    "hi": {"छः"},
    "ta": {"ஒரு", "ஓர்", "இரு", "இருபத்து", "இருபத்தி", "முப்பத்து", "நாற்பத்து", "ஐம்பத்து",
           "அறுபத்து", "எழுபத்து", "எண்பத்து", "தொண்ணூற்று", "நாலு", "பதினாலு", "பன்னிரு",
           "பதினொரு", "பூஜ்யம்", "சுழியம்"},
    "ru": {"ноля", "нуля", "нуль", "двоих", "троих", "двое", "трое", "четверо", "пятеро"},
    "ar": {"إحدى", "إثنان", "إثنين"},
    "zh": set(),
}
ZH_DIGIT = "零一二三四五六七八九"
ZH_CLASSIFIERS = set("个种名位次天周例只株条项家架剂倍份类组岁人所台辆篇")


def zh_number(v, before=""):
    """A Chinese numeral for 0..99 (and 100), `两` for 2 before a classifier."""
    v = int(v)
    if v == 2 and before in ZH_CLASSIFIERS:
        return "两"
    if v < 10:
        return ZH_DIGIT[v]
    if v == 100:
        return "一百"
    tens, ones = divmod(v, 10)
    return ("" if tens == 1 else ZH_DIGIT[tens]) + "十" + (ZH_DIGIT[ones] if ones else "")


RU_OBLIQUE = {2: "двух", 3: "трёх", 4: "четырёх", 40: "сорока", 90: "девяноста", 100: "ста"}
RU_DATIVE = {2: "двум", 3: "трём", 4: "четырём", 40: "сорока", 90: "девяноста", 100: "ста"}
RU_GEN_PREP = {"от", "до", "из", "около", "более", "менее", "свыше", "у", "без", "для", "после",
               "в", "во", "о", "об", "при", "среди", "из-за", "кроме", "с", "со"}


def ru_number_word(v, prev):
    """The Russian cardinal for v (2..100) in the case a preceding preposition asks for: `в 102
    странах` -> `в пяти странах`, `к 5 больным` -> `к пяти`; nominative otherwise."""
    words, _ = read_number_words_cached("ru")
    forms = [w for w, x in words.items() if x == v and w not in NOT_PLANTED["ru"]]
    if not forms or v == 1:
        return None
    prev = prev.lower()
    if prev in ("к", "ко", "по"):
        return RU_DATIVE.get(v) or next((f for f in forms if f.endswith("и")), forms[0])
    if prev in RU_GEN_PREP:
        return RU_OBLIQUE.get(v) or next((f for f in forms if f.endswith("и")), forms[0])
    return forms[0]


def word_for(v, lang, rnd, before="", prev=""):
    """A number word (or words) for the integer v in lang, or None. `before` is the character
    after the number (a Chinese classifier asks for 两), `prev` the word before it (a Russian
    preposition sets the case)."""
    v = int(v)
    if lang == "zh":
        return zh_number(v, before) if v <= 99 or v == 100 else None
    if lang == "ru" and (v <= 20 or v % 10 == 0 and v <= 100):
        return ru_number_word(v, prev)
    words, _ = read_number_words_cached(lang)
    skip = NOT_PLANTED[lang]
    direct = [w for w, x in words.items() if x == v and w not in skip and (" " not in w or lang == "ar")]
    if not direct and v == 100:
        _, scales = read_number_words_cached(lang)
        direct = [w for w, x in scales.items() if x == 100 and w not in skip and " " not in w]
    if direct:
        return rnd.choice(sorted(direct))
    if 20 < v < 100:
        tens, ones = divmod(v, 10)
        t = [w for w, x in words.items() if x == tens * 10 and w not in skip]
        o = [w for w, x in words.items() if x == ones and w not in skip]
        if not t or not o:
            return None
        tw, ow = rnd.choice(sorted(t)), rnd.choice(sorted(o))
        if lang == "ru":
            tw, ow = ru_number_word(tens * 10, prev), ru_number_word(ones, prev) if ones > 1 else "один"
        if lang == "ar":
            return f"{ow} و{tw}"  # خمسة وعشرون: units, then "and" tens
        if lang == "ta":
            link = {20: "இருபத்து", 30: "முப்பத்து", 40: "நாற்பத்து", 50: "ஐம்பத்து", 60: "அறுபத்து",
                    70: "எழுபத்து", 80: "எண்பத்து", 90: "தொண்ணூற்று"}[tens * 10]
            return f"{link} {ow}"
        return f"{tw} {ow}"
    return None


_NW_CACHE = {}


def read_number_words_cached(lang):
    if lang not in _NW_CACHE:
        _NW_CACHE[lang] = read_number_words(lang)
    return _NW_CACHE[lang]


def ru_plural(n, one, few, many):
    """Russian agreement of a noun after the integer n (1 тысяча, 2 тысячи, 5 тысяч)."""
    if n % 10 == 1 and n % 100 != 11:
        return one
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return few
    return many


def scale_form(v, lang, rnd):
    """v written with a scale word (`2 লাখ`, `20 万`, `200 тыс.`), or None.
    Returns (text, detail)."""
    v = int(v)

    def fits(scale, maxdec=2):
        q = v / scale
        for d in range(0, maxdec + 1):
            if abs(q * 10 ** d - round(q * 10 ** d)) < 1e-9:
                return q, d
        return None

    if lang in ("bn", "hi", "ta"):
        names = {"bn": {10 ** 7: "কোটি", 10 ** 5: rnd.choice(["লাখ", "লক্ষ"]), 1000: "হাজার"},
                 "hi": {10 ** 7: "करोड़", 10 ** 5: "लाख", 1000: rnd.choice(["हज़ार", "हजार"])},
                 "ta": {10 ** 7: "கோடி", 10 ** 5: "லட்சம்", 1000: "ஆயிரம்"}}[lang]
        names = {k: nfc(w) for k, w in names.items()}
        for scale in (10 ** 7, 10 ** 5, 1000):
            if v >= scale:
                if scale == 10 ** 5 and v < 10 ** 7 and v % 1000 == 0 and v % 10 ** 5 and rnd.random() < 0.5:
                    lakhs, rest = divmod(v, 10 ** 5)  # TICO-19 hi: 2 लाख 44 हज़ार
                    return f"{lakhs} {names[scale]} {rest // 1000} {names[1000]}", "lakh-and-thousand"
                f = fits(scale)
                if f:
                    q, d = f
                    return f"{fmt_value(q, d)} {names[scale]}", "indian-scale"
        return None
    if lang == "zh":
        for scale, name in ((10 ** 8, "亿"), (10 ** 4, "万")):
            if v >= scale:
                f = fits(scale)
                if f:
                    q, d = f
                    return f"{fmt_value(q, d)} {name}", "wan-yi"
        return None
    if lang == "ru":
        for scale, abbr, forms in ((10 ** 9, "млрд", ("миллиард", "миллиарда", "миллиардов")),
                                   (10 ** 6, "млн", ("миллион", "миллиона", "миллионов")),
                                   (1000, "тыс.", ("тысяча", "тысячи", "тысяч"))):
            if v >= scale:
                f = fits(scale, 1)
                if not f:
                    continue
                q, d = f
                num = fmt_value(q, d).replace(".", ",")
                if rnd.random() < 0.5:
                    return f"{num} {abbr}", "abbreviation"
                word = forms[1] if d else ru_plural(int(q), *forms)
                return f"{num} {word}", "word"
        return None
    if lang == "ar":
        for scale, one, plural in ((10 ** 9, "مليار", "مليارات"), (10 ** 6, "مليون", "ملايين"),
                                   (1000, "ألف", "آلاف")):
            if v >= scale:
                f = fits(scale, 1)
                if not f:
                    continue
                q, d = f
                word = plural if (not d and 3 <= q <= 10) else one
                return f"{fmt_value(q, d)} {word}", "scale"
        return None
    return None


# ---------------------------------------------------------------------------------------------
# Text helpers

HAN = re.compile(r"[\u3400-\u9FFF]")


def is_han(c):
    return bool(c) and bool(HAN.match(c))


ZH_BREAK_AFTER = set("，、；：的了在和与及是将对从把被为")


def word_starts(text, lang):
    """Offsets where a token can be inserted: the start of a whitespace-delimited word made of
    letters (not digits, not inside a name), or, in Chinese (no spaces), a Han character after a
    comma or a particle that ends a word (的, 了, 在, 和, ...): never inside a word such as 病毒."""
    if lang == "zh":
        gaps = [i for i in range(1, len(text)) if is_han(text[i]) and (text[i - 1] in ZH_BREAK_AFTER
                                                                      or text[i - 1] == " ")]
        return gaps or [i for i in range(1, len(text)) if is_han(text[i - 1]) and is_han(text[i])]
    return [m.start() for m in re.finditer(r"(?:(?<=\s)|^)(?=[^\W\d_])", text)
            if m.start() < len(text)]


def words_of(text):
    return [m for m in re.finditer(r"\S+", text)]


def nearest(cands, pos):
    return min(cands, key=lambda c: abs(c - pos)) if cands else None


def relative_gap(text, lang, r):
    """The insertion point nearest to the relative position r (0..1) of text, never inside a
    number (after a digit: `50 | 万`, or before a scale word: `half a | million`)."""
    starts = [i for i in word_starts(text, lang)
              if not text[:i].rstrip()[-1:].isdigit() and not INSIDE_NUMBER.match(text, i)]
    return nearest(starts, r * len(text))


INSIDE_NUMBER = re.compile(r"(?:hundred|thousand|million|billion|trillion|lakh|crore)s?\b", re.I)


def insert_at(text, i, token, lang, spaced=True):
    """Insert token at i (a word start) with the language's spacing; return (text, span)."""
    if lang == "zh":
        pad = " " if spaced else ""
        new = text[:i] + pad + token + pad + text[i:]
        return new, (i + len(pad), i + len(pad) + len(token))
    if spaced:
        return text[:i] + token + " " + text[i:], (i, i + len(token))
    # glued to the previous word (the space before i removed), or to the next at the start
    if i > 0 and text[i - 1] == " ":
        return text[:i - 1] + token + " " + text[i:], (i - 1, i - 1 + len(token))
    return text[:i] + token + text[i:], (i, i + len(token))


def similar(a, b):
    """Token Jaccard similarity of two English sentences."""
    x, y = set(re.findall(r"\w+", a.lower())), set(re.findall(r"\w+", b.lower()))
    return len(x & y) / max(1, len(x | y))


# ---------------------------------------------------------------------------------------------
# Glossary (scripts/data/glossary-XX.tsv: `en<TAB>XX` header, then one pair per line; a source
# term with several accepted target terms has one line per target term)


def read_glossary(lang):
    path = os.path.join(DATA, f"glossary-{lang}.tsv")
    entries = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    for row in rows[1:]:
        entries[row[0]].append(nfc(row[1]))
    return dict(entries)


def en_term_regex(term):
    """An English glossary term, singular or plural, as whole words; case-insensitive unless it
    is a name (capitalised)."""
    ws = term.split()
    last = ws[-1]
    if last.endswith("y") and last[-2:-1] not in tuple("aeiou"):
        lastp = re.escape(last[:-1]) + "(?:y|ies)"
    elif last.endswith(("s", "x", "ch", "sh")):
        lastp = re.escape(last) + "(?:es)?"
    elif last[0].isupper():
        lastp = re.escape(last)
    else:
        lastp = re.escape(last) + "s?"
    body = r"[\s-]+".join([re.escape(w) for w in ws[:-1]] + [lastp])
    return re.compile(r"\b" + body + r"\b", 0 if term[0].isupper() else re.I)


# Endings a glossary term may carry. bn: the bn pack's inflection endings (rules/bn/pack.toml),
# each also with the emphatic ও/ই. ta: case and number suffixes after the stem, by the stem's
# class (see target_term_regex). ru: noun and adjective endings. ar: suffixes after the stem.
def _bn_endings():
    path = os.path.join(HERE, "..", "rules", "bn", "pack.toml")
    try:
        import tomllib
        with open(path, "rb") as f:
            base = tomllib.load(f)["lexicon"]["endings"]
    except (OSError, KeyError, ValueError):
        base = ["ের", "এর", "র", "কে", "তে", "য়", "এ", "ে", "রা", "দের", "গুলো", "গুলি", "গুলোর",
                "গুলির", "গুলোতে", "গুলিতে", "গুলোকে", "গুলিকে", "টি", "টা", "টির", "টিতে", "টিকে", "ও", "ই"]
    base = {nfc(e) for e in base} | {""}
    return sorted(base | {e + x for e in base for x in ("ও", "ই") if e} | {"দেরকে", "টিও"}, key=len, reverse=True)


TA_ENDINGS = {
    # after a vowel-final term kept whole (நோயாளி, நிமோனியா, சோதனை, மருத்துவமனை)
    "vowel": ["", "கள்", "களை", "களின்", "களில்", "களுக்கு", "களுக்கான", "களுடன்", "களும்", "களால்",
              "களிடம்", "களிடையே", "களிலிருந்து", "களாக", "களைக்", "களைப்", "யை", "யின்", "யில்", "யால்",
              "யுடன்", "யும்", "யைக்", "யைப்", "யிலிருந்து", "யாக", "யான", "வை", "வின்", "வில்", "வால்",
              "வுடன்", "வும்", "வுக்கு", "வைக்", "வைப்", "க்கு", "க்கான", "க்காக", "க்குப்", "க்", "ப்",
              "ச்", "த்", "யே", "வே"],
    # after a ம்-final term without ம் (புரதம் -> புரத)
    "m": ["ம்", "த்தை", "த்தின்", "த்தில்", "த்திற்கு", "த்துக்கு", "த்தால்", "த்துடன்", "ங்கள்",
          "ங்களை", "ங்களின்", "ங்களில்", "ங்களுக்கு", "ங்களுக்கான", "ங்களைக்", "ங்களைப்", "மும்",
          "த்தைக்", "த்தைப்", "மாக", "த்", "ப்", "க்", "ச்"],
    # after a pulli-final term without its pulli (இருமல் -> இருமல, வூஹான் -> வூஹான)
    "pulli": ["்", "ை", "ின்", "ில்", "ுடன்", "ும்", "ுக்கு", "ால்", "ைப்", "ைக்", "ைத்", "ைச்",
              "்கள்", "்களை", "்களின்", "்களில்", "்களுக்கு", "்களுடன்", "்களிடம்", "ிலிருந்து",
              "்களிலிருந்து", "ாக", "ான", "ின", "ிற்கு"],
    # after a உ-final term without its உ sign (மருந்து -> மருந்த, சோப்பு -> சோப்ப)
    "u": ["ு", "ை", "ின்", "ில்", "ுக்கு", "ுகள்", "ுகளை", "ுகளின்", "ுகளில்", "ுகளுக்கு",
          "ுகளுடன்", "ுகளால்", "ால்", "ுடன்", "ும்", "ாக", "ுக்கான", "ைக்", "ைப்", "ினைக்",
          "ினை", "ுப்", "ுக்", "ிலிருந்து", "ுகளிலிருந்து"],
}
RU_NOUN = ["", "а", "я", "о", "е", "и", "ы", "у", "ю", "ь", "й", "ой", "ей", "ом", "ем", "ам", "ям",
           "ами", "ями", "ах", "ях", "ов", "ев", "ью", "ию", "ия", "ие", "ии", "ий"]
RU_ADJ = ["ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
          "ом", "ем", "ых", "их", "ыми", "ими", "ую", "юю", "ей", "ею", "ою"]
AR_SUFFIXES = ["", "ات", "ان", "ين", "ون", "ة", "ه", "ها", "هم", "هما", "ك", "كم", "ا", "تان", "تين"]
AR_NISBA = ["ي", "ية", "يات", "يين", "يون"]  # derived adjectives (الصيني, فيروسي): matched, not planted
AR_MARKS = "[\u064B-\u0652\u0670]*"


def ru_stem(w):
    """(stem, endings) of a Russian noun or adjective in its dictionary form: вакцина -> вакцин,
    кашель -> кашл (fleeting е), белок -> белк, клинический -> клиническ + adjective endings."""
    w = w.lower()
    if len(w) > 4 and (w[-2:] in ("ый", "ий", "ой", "ая", "яя", "ое", "ые")
                       or w[-2:] == "ие" and w[-3] in "кгхжшщч"):  # легкие; not наблюдение
        return w[:-2], RU_ADJ
    if w.endswith("ель"):
        return w[:-3] + "л", RU_NOUN
    if len(w) > 4 and w[-2:] in ("ок", "ек", "ец"):
        return w[:-2] + w[-1], RU_NOUN
    if w[-1] in "аяоеиыуюйь":
        return w[:-1], [e for e in RU_NOUN if e or w[-1] in "ао"]
    return w, RU_NOUN


def _alt(xs):
    return "(?:" + "|".join(re.escape(x) for x in sorted(set(xs), key=len, reverse=True)) + ")"


WORD_CHAR = r"(?:\w|[\u0900-\u0963\u0966-\u0DFF\u200C\u200D])"  # not the dandas


def target_term_regex(lang, term, strict=False):
    """A regex for the forms of a target glossary term in a text normalised to NFC:
    bn: the term at the start of a word (মাস্কের, রোগীদের, and the compounds শ্বাসকষ্ট,
    উপসর্গহীন); strict: only with one of the bn pack's endings;
    ta: the stem (final ம், pulli or உ dropped) at the start of a word; strict: only with a case
    or number suffix of its class (புரதம் -> புரதத்தின், இருமல் -> இருமலுடன், சோப்பு -> சோப்பை,
    நோயாளி -> நோயாளிகளுக்கு): Tamil stacks suffixes and clitics, so the closed list is for
    planting, the prefix for matching;
    hi: direct and oblique forms (टीका टीके टीकों); ru: noun or adjective endings on the stem,
    ё = е; ar: the clitics و ف ب ل ك and the article before, a suffix (ات, ين, ية, ...) after, ة
    = ت before a suffix, harakat anywhere after the stem (TICO-19 writes `التهابًا رئويًّا`);
    zh: the term itself."""
    term = nfc(term)
    parts = []
    for w in term.split():
        if lang == "zh":
            parts.append(re.escape(w))
        elif lang == "bn":
            parts.append(re.escape(w) + (_alt(BN_ENDINGS) if strict else "[\u0980-\u09E3\u09F0-\u09FF\u200C\u200D]*"))
        elif lang == "ta":
            if w.endswith("ம்"):
                stem, cls = w[:-2], "m"
            elif w.endswith("்"):
                stem, cls = w[:-1], "pulli"
            elif w.endswith("ு"):
                stem, cls = w[:-1], "u"
            else:
                stem, cls = w, "vowel"
            parts.append(re.escape(stem) + (_alt(TA_ENDINGS[cls]) if strict else "[\u0B80-\u0BE5\u200C\u200D]*"))
        elif lang == "hi":
            if w.endswith("ा"):
                alts = [w, w[:-1] + "े", w[:-1] + "ों", w[:-1] + "ाओं"]
            elif w.endswith("ी"):
                alts = [w, w[:-1] + "ियों", w[:-1] + "ियाँ", w[:-1] + "ियां", w[:-1] + "िया"]
            elif w.endswith("ि"):
                alts = [w, w + "यों", w + "याँ", w + "यां"]
            else:
                alts = [w, w + "ों", w + "ें", w + "ाएं", w + "ाएँ"]
            parts.append(_alt(nfc(a) for a in alts))
        elif lang == "ru":
            stem, endings = ru_stem(w)
            stems = {stem, stem.replace("е", "ё"), stem.replace("ё", "е")}
            parts.append("(?:" + re.escape(w.lower()) + "|(?:" + "|".join(sorted(re.escape(x) for x in stems))
                         + ")" + _alt(endings) + ")")
        elif lang == "ar":
            stems = {w, w[2:]} if w.startswith("ال") else {w}
            alts = []
            for st in stems:
                if st.endswith("ة"):
                    alts.append(re.escape(st[:-1]) + "(?:ة|ت(?=" + AR_MARKS + "[هكا]))")
                else:
                    alts.append(re.escape(st))
            parts.append("(?:[وف])?(?:[بلك])?(?:ال|ل)?(?:" + "|".join(alts) + ")" + AR_MARKS
                         + "(?:" + "|".join(AR_MARKS.join(re.escape(c) for c in x) for x in
                                            sorted(AR_SUFFIXES + ([] if strict else AR_NISBA), key=len, reverse=True))
                         + ")" + AR_MARKS)
    if lang == "zh":
        return re.compile("".join(parts))
    body = r"\s+".join(parts)
    return re.compile(r"(?<!" + WORD_CHAR + ")" + body + r"(?!" + WORD_CHAR + ")", re.I)


BN_ENDINGS = _bn_endings()


class Glossary:
    def __init__(self, lang):
        self.lang = lang
        self.entries = read_glossary(lang)
        self.en = {en: en_term_regex(en) for en in self.entries}
        self.tgt = {en: [target_term_regex(lang, t) for t in ts] for en, ts in self.entries.items()}
        self.strict = {en: [target_term_regex(lang, t, strict=True) for t in ts] for en, ts in self.entries.items()}

    def coverage(self, units):
        """Per entry: (units whose source has the term, of which the target has an accepted
        term, per target term)."""
        rows = []
        for en, ts in self.entries.items():
            hits = [u for u in units if self.en[en].search(u.src)]
            ok = [u for u in hits if any(r.search(nfc(u.tgt)) for r in self.tgt[en])]
            per = [sum(1 for u in hits if r.search(nfc(u.tgt))) for r in self.tgt[en]]
            rows.append((en, ts, len(hits), len(ok), per, [u for u in hits if u not in ok]))
        return rows


# Near-synonyms and typical MT confusions that a glossary forbids (the planted defect), per
# target language and English term. None of them is an accepted term of the glossary.
WRONG_SYNONYMS = {
    "bn": {"pneumonia": ["ফুসফুস প্রদাহ"], "fever": ["তাপ"], "soap": ["ডিটারজেন্ট"],
           "mask": ["মুখোশ"], "antibody": ["প্রতিপিণ্ড"], "bat": ["চামচিকা"],
           "coronavirus": ["মুকুট ভাইরাস"], "patient": ["অসুস্থ ব্যক্তি"], "lung": ["শ্বাসযন্ত্র"],
           "hospital": ["চিকিৎসালয়"], "symptom": ["চিহ্ন"], "outbreak": ["বিস্ফোরণ"],
           "China": ["চায়না"], "Wuhan": ["উহ্যান"], "virus": ["জীবাণু"], "genome": ["জিনসমষ্টি"],
           "test": ["টেস্ট"], "surveillance": ["পর্যবেক্ষণ"], "pandemic": ["বিশ্বমারী"],
           "protein": ["আমিষ"], "vaccine": ["ইনজেকশন"], "drug": ["মাদক"], "camel": ["ক্রমেল"],
           "death": ["প্রাণহানি"], "infection": ["দূষণ"], "clinical": ["চিকিৎসাগত"],
           "cough": ["কফ"], "social distancing": ["সামাজিক বিচ্ছিন্নতা"],
           "World Health Organization": ["বিশ্ব সাস্থ্য সংগঠন"], "respiratory": ["নিঃশ্বাসজনিত"]},
    "hi": {"vaccine": ["वैक्सीन"], "mask": ["मुखौटा"], "pneumonia": ["फुफ्फुसशोथ"], "fever": ["ज्वर"],
           "symptom": ["संकेत"], "patient": ["मरीज़"], "pandemic": ["विश्वमारी"], "outbreak": ["प्रसार"],
           "infection": ["संदूषण"], "bat": ["बल्ला"], "soap": ["डिटर्जेंट"], "health": ["सेहत"],
           "treatment": ["इलाज"], "China": ["चाइना"], "Wuhan": ["वूहान"], "virus": ["जीवाणु"],
           "clinical": ["चिकित्सकीय"], "genome": ["गुणसूत्र"], "protein": ["प्रोभूजिन"],
           "surveillance": ["देखरेख"], "quarantine": ["एकांतवास"], "pangolin": ["सल्लू साँप"],
           "camel": ["ऊँटनी"], "lung": ["फुफ्फुस"], "respiratory": ["साँस"], "hospital": ["दवाखाना"],
           "antibody": ["प्रतिजन"], "test": ["इम्तिहान"], "drug": ["नशीला पदार्थ"], "death": ["देहांत"],
           "coronavirus": ["मुकुट विषाणु"], "disease": ["ख़राबी"]},
    "ta": {"pneumonia": ["நுரையீரல் அழற்சி"], "symptom": ["அடையாளம்"], "patient": ["நோயுற்றவர்"],
           "bat": ["வாவல்"], "virus": ["தீநுண்மி"], "coronavirus": ["முடிநுண்மி"], "test": ["பரீட்சை"],
           "camel": ["ஒட்டை"], "protein": ["புரோட்டீன்"], "hospital": ["ஆஸ்பத்திரி"],
           "mask": ["முகத்திரை"], "respiratory": ["மூச்சு"], "treatment": ["வைத்தியம்"],
           "quarantine": ["ஒதுக்கிவைத்தல்"], "clinical": ["வைத்திய"], "China": ["சைனா"],
           "vaccine": ["ஊசிமருந்து"], "pangolin": ["அழுங்கு"], "hand": ["கரம்"],
           "World Health Organization": ["உலக நல அமைப்பு"], "social distancing": ["சமூக தூரம்"],
           "pandemic": ["உலகநோய்"], "drug": ["போதைப்பொருள்"], "infection": ["கிருமித்தாக்கம்"],
           "surveillance": ["ஒற்றாடல்"], "soap": ["சவர்க்காரம்"]},
    "ru": {"vaccine": ["прививка"], "pneumonia": ["воспаление лёгких"], "cough": ["покашливание"],
           "symptom": ["признак"], "patient": ["клиент"], "pandemic": ["эпидемия"],
           "antibody": ["иммуноглобулин"], "bat": ["нетопырь"], "soap": ["моющее средство"],
           "China": ["Поднебесная"], "Wuhan": ["Вухань"], "virus": ["возбудитель"],
           "coronavirus": ["коронный вирус"], "genome": ["генотип"], "protein": ["протеин"],
           "quarantine": ["изоляция"], "lung": ["бронхи"], "surveillance": ["слежка"],
           "clinical": ["больничный"], "camel": ["дромадер"], "pangolin": ["ящер"],
           "World Health Organization": ["Мировая организация здоровья"], "drug": ["наркотик"],
           "fever": ["горячка"], "mask": ["намордник"]},
    "ar": {"vaccine": ["تطعيم"], "pandemic": ["فاشية"], "outbreak": ["اندلاع"], "mask": ["لثام"],
           "fever": ["سخونة"], "symptom": ["علامات"], "patient": ["عليل"], "bat": ["وطواط"],
           "lung": ["صدر"], "soap": ["منظف"], "China": ["تشاينا"], "Wuhan": ["يوهان"], "virus": ["حمة"],
           "coronavirus": ["التاجي"], "antibody": ["مستضد"], "genome": ["مجين"], "protein": ["زلال"],
           "hospital": ["مشفى"], "quarantine": ["عزل"], "social distancing": ["الابتعاد المجتمعي"],
           "World Health Organization": ["هيئة الصحة الدولية"], "surveillance": ["تجسس"],
           "pangolin": ["أم قرفة"], "clinical": ["عيادي"], "death": ["هلاك"], "drug": ["مخدر"],
           "test": ["امتحان"]},
    "zh": {"vaccine": ["菌苗"], "mask": ["面具"], "pneumonia": ["肺部发炎"], "fever": ["高烧"],
           "bat": ["球棒"], "soap": ["香皂"], "antibody": ["抗原"], "Wuhan": ["武漢"], "China": ["中华"],
           "coronavirus": ["日冕病毒"], "clinical": ["临症"], "pangolin": ["鲮鲤"], "genome": ["基因体"],
           "protein": ["朊"], "symptom": ["征兆"], "patient": ["病号"], "virus": ["病菌"],
           "social distancing": ["社会距离"], "asymptomatic": ["没有迹象"], "immune": ["抵抗力"],
           "camel": ["驼子"], "cough": ["咯血"], "outbreak": ["爆炸"], "lung": ["气管"],
           "World Health Organization": ["世界健康组织"], "quarantine": ["检疫"], "drug": ["毒品"],
           "infection": ["传染病"], "hospital": ["诊所"], "test": ["考试"]},
}


# ---------------------------------------------------------------------------------------------
# Plants


class Plant:
    """A planted change to one unit. `spans` are (start, end) offsets in the planted unit's
    target (a zero-width span marks where something was removed); `partner` is the index of
    another unit of the document the plant involves (consistency), with `partner_spans`."""

    def __init__(self, family, variant, expect, tgt, spans, detail="", src=None, anywhere=False,
                 partner=None, partner_spans=None, unit=None):
        self.family, self.variant, self.expect = family, variant, expect
        self.tgt, self.src, self.spans, self.detail = tgt, src, spans, detail
        self.anywhere, self.partner, self.partner_spans = anywhere, partner, partner_spans or []
        self.unit = unit  # a replacement unit (consistency copies)

    @property
    def key(self):
        return f"{self.family}/{self.variant}"


class Ctx:
    """What a planter may look at: the language, the document, the unit's index, data."""

    def __init__(self, lang, doc, i, data, free):
        self.lang, self.doc, self.i, self.data = lang, doc, i, data
        self.free = free  # indices of untouched units a consistency plant may involve

    @property
    def unit(self):
        return self.doc[self.i]


# numbers: defects -----------------------------------------------------------------------------

def aligned(ctx):
    """Free-standing target numbers whose value is a source number, in a unit whose numbers
    agree: the numbers a defect may be planted into."""
    u = ctx.unit
    if not numbers_agree(u, ctx.lang):
        return []
    src, tgt = number_values(u.src, "en"), number_values(u.tgt, ctx.lang)
    return [n for n in numbers(u.tgt, ctx.lang) if n.free and src[n.value] == tgt[n.value]]


def _replace_num(ctx, n, new_raw, detail):
    u = ctx.unit
    src_vals = number_values(u.src, "en")
    v = parse_number(new_raw, ctx.lang)
    if v is None or v in src_vals:
        return None
    tgt = u.tgt[:n.start] + new_raw + u.tgt[n.end:]
    return Plant("numbers", None, "defect", tgt, [(n.start, n.start + len(new_raw))], detail)


def p_digit_off(ctx, rnd):
    ns = aligned(ctx)
    rnd.shuffle(ns)
    for n in ns:
        pos = [i for i, c in enumerate(n.raw) if c.isdigit()]
        i = rnd.choice(pos)
        d = int(n.raw[i])
        nd = d + 1 if d < 9 else 8
        if i == pos[0] and nd == 0:
            continue
        p = _replace_num(ctx, n, n.raw[:i] + str(nd) + n.raw[i + 1:], "")
        if p:
            return p


def p_transposed(ctx, rnd):
    ns = aligned(ctx)
    rnd.shuffle(ns)
    for n in ns:
        pos = [i for i, c in enumerate(n.raw) if c.isdigit()]
        pairs = [(a, b) for a, b in zip(pos, pos[1:]) if n.raw[a] != n.raw[b]
                 and not (a == pos[0] and n.raw[b] == "0")]
        if not pairs:
            continue
        a, b = rnd.choice(pairs)
        r = list(n.raw)
        r[a], r[b] = r[b], r[a]
        p = _replace_num(ctx, n, "".join(r), "across-separator" if b - a > 1 else "")
        if p:
            return p


def p_magnitude(ctx, rnd):
    ns = [n for n in aligned(ctx) if not is_year_like(n)]
    rnd.shuffle(ns)
    for n in ns:
        ip, fp, dsep = split_raw(n.raw, ctx.lang)
        if fp:  # move the decimal point one place right: 2.26 -> 22.6
            digits = ip + fp
            k = len(ip) + 1
            new_int, new_frac = digits[:k].lstrip("0") or "0", digits[k:]
            new = new_int + (dsep + new_frac if new_frac else "")
            detail = "decimal-point"
        else:
            if ip.endswith("0") and len(ip) > 1:
                new_int, detail = ip[:-1], "dropped-zero"
            else:
                new_int, detail = ip + "0", "added-zero"
            gsep = next((c for c in n.raw if c in ", \u00A0\u202F."), "")
            if gsep and len(ip) > 3:
                new = group_western(new_int, gsep) if not re.search(r"\d,\d\d,", n.raw) else group_indian(new_int)
            else:
                new = new_int
        p = _replace_num(ctx, n, new, detail)
        if p:
            return p


def p_removed(ctx, rnd):
    ns = aligned(ctx)
    if not ns:
        return None
    n = rnd.choice(ns)
    u = ctx.unit
    s, e = n.start, n.end
    while ctx.lang != "zh" and e < len(u.tgt) and (u.tgt[e].isalpha() or unicodedata.category(u.tgt[e]).startswith("M")):
        e += 1  # an ending glued on (100টি) goes with its number
    if e < len(u.tgt) and u.tgt[e] in "%％":
        e += 1  # and so does a percent sign
    if e < len(u.tgt) and u.tgt[e] == " " and (s == 0 or u.tgt[s - 1] == " "):
        e += 1
    elif s > 0 and u.tgt[s - 1] == " ":
        s -= 1
    tgt = u.tgt[:s] + u.tgt[e:]
    return Plant("numbers", None, "defect", tgt, [(s, s)], n.raw, anywhere=True)


def p_added(ctx, rnd):
    u = ctx.unit
    if not numbers_agree(u, ctx.lang):
        return None
    _, scales = read_number_words_cached(ctx.lang)
    gaps = [g for g in word_starts(u.tgt, ctx.lang) if g > 0 or ctx.lang == "zh"]
    # not right after a number or a scale word: `192 مليون 601` would read as one number
    gaps = [g for g in gaps if not re.search(r"[0-9]\s*$", u.tgt[:g])
            and (u.tgt[:g].split() or [""])[-1] not in scales]
    if not gaps:
        return None
    have = set(number_values(u.src, "en")) | set(number_values(u.tgt, ctx.lang))
    v = rnd.choice([x for x in range(2, 1000) if float(x) not in have])
    tgt, span = insert_at(u.tgt, rnd.choice(gaps), str(v), ctx.lang)
    return Plant("numbers", None, "defect", tgt, [span], "")


# numbers: silent ------------------------------------------------------------------------------

def _silent_numbers(ctx, pick, convert, detail="", all_free=False):
    """Rewrite the target numbers chosen by pick (all of them for a style change) with
    convert(n) -> new raw or None. all_free: pick from every free-standing target number, not
    only those aligned with a source number."""
    ns = aligned(ctx)
    if all_free and ns:
        ns = [n for n in numbers(ctx.unit.tgt, ctx.lang) if n.free]
    chosen = pick(ns)
    if not chosen:
        return None
    tgt, changed = ctx.unit.tgt, 0
    for n in sorted(chosen, key=lambda n: -n.start):
        new = convert(n)
        if new is None or new == n.raw:
            continue
        tgt = tgt[:n.start] + new + tgt[n.end:]
        changed += 1
    if not changed:
        return None
    return Plant("numbers", None, "silent", tgt, [], detail)


def is_year_like(n):
    return re.fullmatch(r"\d{4}", n.raw) is not None


def p_native_digits(ctx, rnd):
    if ctx.lang not in NATIVE_DIGITS:
        return None
    lang = ctx.lang

    def conv(n):
        if lang == "zh" and not n.raw.isdigit():
            return None
        return to_native(n.raw, lang)
    return _silent_numbers(ctx, lambda ns: ns, conv, {"zh": "full-width"}.get(lang, ""), all_free=True)


def p_indian_grouping(ctx, rnd):
    if ctx.lang not in ("bn", "hi", "ta"):
        return None

    def conv(n):
        ip, fp, _ = split_raw(n.raw, ctx.lang)
        if len(ip) < 6:
            return None
        return group_indian(ip) + ("." + fp if fp else "")
    return _silent_numbers(ctx, lambda ns: [n for n in ns if n.value >= 100000], conv)


def p_space_grouping(ctx, rnd):
    lang = ctx.lang
    seps = [" ", NBSP, NNBSP] if lang == "ru" else [NBSP, NNBSP]
    sep = rnd.choice(seps)

    def conv(n):
        ip, fp, dsep = split_raw(n.raw, lang)
        if len(ip) < 4 or (is_year_like(n) and not any(c in n.raw for c in ", \u00A0\u202F")):
            return None
        new = group_western(ip, sep) + (dsep + fp if fp else "")
        return new if new != n.raw else None
    detail = {" ": "space", NBSP: "no-break-space", NNBSP: "narrow-no-break-space"}[sep]
    return _silent_numbers(ctx, lambda ns: [n for n in ns if n.value >= 1000], conv, detail)


def p_dot_grouping(ctx, rnd):
    if ctx.lang != "ru":
        return None

    def conv(n):
        ip, fp, _ = split_raw(n.raw, "ru")
        if fp or len(ip) < 4 or is_year_like(n):
            return None
        return group_western(ip, ".")
    return _silent_numbers(ctx, lambda ns: [n for n in ns if n.value >= 1000], conv)


def p_decimal_comma(ctx, rnd):
    if ctx.lang not in ("ru", "ar"):
        return None
    sep = rnd.choice([",", AR_DECIMAL]) if ctx.lang == "ar" else ","

    def conv(n):
        if not re.fullmatch(r"\d+\.\d+", n.raw) or len(n.raw.split(".")[1]) == 3:
            return None  # 1.500 would read as a grouped 1500
        return n.raw.replace(".", sep)
    return _silent_numbers(ctx, lambda ns: ns, conv, "arabic-decimal-separator" if sep == AR_DECIMAL else "comma")


def p_leading_zeros(ctx, rnd):
    u = ctx.unit

    def pick(ns):
        c = [n for n in ns if re.fullmatch(r"[1-9]", n.raw)
             and not (n.end < len(u.tgt) and u.tgt[n.end] in ".,")]
        return [rnd.choice(c)] if c else []
    return _silent_numbers(ctx, pick, lambda n: "0" + n.raw)


# Month names (stems): a day of the month is read as an ordinal in bn (২৮শে), ta (28-ஆம் தேதி),
# ru (шестнадцатого марта) and ar (العشرين من مارس), so dates are not planted as number words
# there (hi reads dates as cardinals: अट्ठाईस सितंबर; zh writes 三月, 二十一日).
MONTHS = {
    "bn": ["জানুয়ারি", "জানুয়ারী", "ফেব্রুয়ারি", "ফেব্রুয়ারী", "মার্চ", "এপ্রিল", "মে", "জুন", "জুলাই",
           "আগস্ট", "অগাস্ট", "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর"],
    "ta": ["ஜனவரி", "பிப்ரவரி", "ஃபிப்ரவரி", "பெப்ரவரி", "மார்ச்", "ஏப்ரல்", "மே", "ஜூன்", "ஜூலை",
           "ஆகஸ்ட்", "செப்டம்பர்", "அக்டோபர்", "நவம்பர்", "டிசம்பர்"],
    "ru": ["январ", "феврал", "март", "апрел", "мая", "май", "июн", "июл", "август", "сентябр",
           "октябр", "ноябр", "декабр"],
    "ar": ["يناير", "فبراير", "مارس", "أبريل", "ابريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
           "أكتوبر", "نوفمبر", "ديسمبر", "كانون", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز",
           "آب", "أيلول", "تشرين"],
}


def next_to_month(text, n, lang):
    months = [nfc(m) for m in MONTHS.get(lang, [])]
    after = [w.strip("-,.") for w in text[n.end:].split()[:2]]
    before = (text[:n.start].split() or [""])[-1].strip("-,.")
    return any(w.lower().startswith(m) for m in months for w in after + [before] if w)


BN_CLASSIFIER_SUFFIX = ("টি", "টা", "জন", "খানা", "খানি", "টো")


def p_number_word(ctx, rnd):
    u, lang = ctx.unit, ctx.lang
    cands = []
    for n in aligned(ctx):
        if not re.fullmatch(r"\d{1,2}|100", n.raw):
            continue
        before, after = u.tgt[n.start - 1:n.start], u.tgt[n.end:n.end + 1]
        if before and before in "-–/:.,%" or after and after in "-–/:.,%" or next_to_month(u.tgt, n, lang):
            continue
        if glued_ending(u.tgt, n, lang):  # a date ordinal (1লা, 15ই), a case ending (1,000க்கும்)
            continue
        cands.append(n)
    rnd.shuffle(cands)
    for n in cands:
        s, e = n.start, n.end
        nxt = u.tgt[e:].lstrip(" ")[:1]
        prev = (u.tgt[:s].split() or [""])[-1]
        word = word_for(n.value, lang, rnd, before=nxt, prev=prev)
        if not word:
            continue
        if lang == "zh":  # drop the spaces TICO-19 puts around digits between Han characters
            if s > 0 and u.tgt[s - 1] == " " and is_han(u.tgt[s - 2:s - 1]):
                s -= 1
            if e < len(u.tgt) and u.tgt[e] == " " and is_han(u.tgt[e + 1:e + 2]):
                e += 1
        tgt = u.tgt[:s] + word + u.tgt[e:]
        return Plant("numbers", None, "silent", tgt, [], "")
    return None


def glued_ending(text, n, lang):
    """A letter glued to the number's end that is not a Bengali classifier (1,000க்கும், 1লা):
    a number word or a scale cannot take the number's place there."""
    after = text[n.end:n.end + 1]
    if lang == "zh" or not after or not (after.isalpha() or unicodedata.category(after).startswith("M")):
        return False
    return not (lang == "bn" and text[n.end:].startswith(BN_CLASSIFIER_SUFFIX))


def p_scale(ctx, rnd):
    u, lang = ctx.unit, ctx.lang
    cands = [n for n in aligned(ctx) if n.value >= 1000 and n.value == int(n.value)
             and not is_year_like(n) and not glued_ending(u.tgt, n, lang)]
    rnd.shuffle(cands)
    for n in cands:
        f = scale_form(n.value, lang, rnd)
        if not f:
            continue
        text, detail = f
        if lang in ("bn", "hi") and rnd.random() < 0.5:
            text = re.sub(r"[0-9.]+", lambda m: to_native(m.group(), lang), text)
            detail += "+native-digits"
        tgt = u.tgt[:n.start] + text + u.tgt[n.end:]
        return Plant("numbers", None, "silent", tgt, [], detail)
    return None


# placeholders and markup -----------------------------------------------------------------------

TOKENS = {
    "printf": ["%s", "%d", "%1$s", "%1$d", "%2$d", "%@", "%.2f", "%i"],
    "python": ["%(name)s", "%(count)d", "%(date)s"],
    "brace": ["{0}", "{1}", "{name}", "{count}"],
    "html": [("<b>", "</b>"), ("<em>", "</em>"), ('<a href="https://www.who.int/">', "</a>"),
             ('<span class="term">', "</span>")],
    "entity": ["&amp;", "&nbsp;", "&#160;", "&mdash;"],
    "url": ["https://www.who.int/emergencies/diseases/novel-coronavirus-2019",
            "https://covid19.who.int/", "http://www.nhc.gov.cn/",
            "https://www.cdc.gov/coronavirus/2019-ncov/index.html",
            "https://www.ecdc.europa.eu/en/covid-19"],
    "email": ["info@who.int", "covid19@cdc.gov", "press@ecdc.europa.eu", "media@unicef.org"],
}
ALTERED = {
    "%s": "%d", "%d": "%s", "%1$s": "%2$s", "%1$d": "%1$s", "%2$d": "%1$d", "%@": "%s", "%.2f": "%d", "%i": "%s",
    "%(name)s": "%(nom)s", "%(count)d": "%(count)s", "%(date)s": "%(data)s",
    "{0}": "{1}", "{1}": "{0}", "{name}": "{nom}", "{count}": "{cnt}",
    "&amp;": "&amp", "&nbsp;": "&nbps;", "&#160;": "&#16;", "&mdash;": "&ndash;",
}
REORDER_PAIRS = [("printf", "%s", "%d"), ("printf", "%1$s", "%2$d"), ("python", "%(name)s", "%(count)d"),
                 ("brace", "{0}", "{1}"), ("brace", "{name}", "{count}")]


def alter_token(tok, rnd):
    if tok in ALTERED:
        return ALTERED[tok]
    if "@" in tok and "/" not in tok:  # e-mail: the user or the domain changed
        user, dom = tok.split("@")
        return rnd.choice([user + "s@" + dom, user + "@" + dom.replace(".", "-", 1)])
    # URL: the domain or the path changed
    m = re.match(r"(https?://)([^/]+)(/.*)?", tok)
    scheme, host, path = m.group(1), m.group(2), m.group(3) or "/"
    if rnd.random() < 0.5 or not any(c.isalpha() for c in path):
        host = host.replace(".int", ".org").replace(".gov", ".com").replace(".eu", ".com", 1)
        if host == m.group(2):
            host = "www2." + host
    else:  # one letter of the path changed: /novel-coronavirus-2019 -> /novel-coronavirvs-2019
        letters = [i for i, c in enumerate(path) if c.isalpha()]
        if letters:
            i = rnd.choice(letters)
            path = path[:i] + ("x" if path[i] != "x" else "y") + path[i + 1:]
        else:
            path = "/index.html"
    return scheme + host + path


def _spans_text(text, token):
    return [(m.start(), m.end()) for m in re.finditer(re.escape(token), text)]


def _insert_token(text, lang, r, token, spaced=True):
    i = relative_gap(text, lang, r)
    if i is None:
        return None
    return insert_at(text, i, token, lang, spaced)


def _wrap(text, lang, r, open_, close, rnd, inner_space=False):
    """Wrap one to three words (two to four Han characters) near r in a tag pair; return the
    text and the spans of both tags."""
    i = relative_gap(text, lang, r)
    if i is None:
        return None
    if lang == "zh":
        j, k = i, rnd.randint(2, 4)
        while j < len(text) and j - i < k and is_han(text[j]):
            j += 1
    else:
        ws = [m for m in words_of(text) if m.start() >= i]
        k = rnd.randint(1, min(3, len(ws)))
        j = ws[k - 1].end()
        while j > i and text[j - 1] in ".,;:!?।)”\"":
            j -= 1
    if j <= i:
        return None
    pad = " " if inner_space else ""
    new = text[:i] + open_ + pad + text[i:j] + pad + close + text[j:]
    c0 = j + len(open_) + 2 * len(pad)
    return new, [(i, i + len(open_)), (c0, c0 + len(close))]


def p_placeholder(op):
    def planter(ctx, rnd):
        u, lang = ctx.unit, ctx.lang
        if len(u.src.split()) < 4 or len(word_starts(u.tgt, lang)) < 3:
            return None
        kind = rnd.choice(sorted(TOKENS))
        tok = rnd.choice(TOKENS[kind])
        r = rnd.uniform(0.1, 0.9)
        if kind == "entity" and op == "dropped":
            # An entity is a character escaped (`&mdash;`, `&amp;`): left out with the words
            # around it nothing is lost (`R&amp;D` as `I+D`), so its absence is no defect.
            return None
        if kind == "html":
            open_, close = tok
            a = _wrap(u.src, "en", r, open_, close, rnd)
            if not a:
                return None
            src = a[0]
            if op == "dropped":
                i = relative_gap(u.tgt, lang, r)
                if i is None:
                    return None
                tgt, spans = u.tgt, [(i, i)]
            elif op == "altered":
                new_close = "</i>" if close == "</b>" else "</b>"
                b = _wrap(u.tgt, lang, r, open_, new_close, rnd)
                if not b:
                    return None
                tgt, spans = b[0], b[1][1:]
            elif op == "duplicated":
                b = _wrap(u.tgt, lang, r, open_, close, rnd)
                if not b:
                    return None
                r2 = (r + 0.5) % 1.0
                c = _wrap(b[0], lang, r2, open_, close, rnd)
                if not c or c[0].count(open_) != 2:
                    return None
                tgt, spans = c[0], c[1]
            elif op in ("moved", "spacing"):
                r2 = (r + 0.5) % 1.0 if op == "moved" else r
                b = _wrap(u.tgt, lang, r2, open_, close, rnd, inner_space=(op == "spacing"))
                if not b:
                    return None
                tgt, spans = b[0], []
            return Plant("placeholders", op, "defect" if op in ("dropped", "altered", "duplicated") else "silent",
                         tgt, spans, kind, src=src, anywhere=(op == "dropped"))
        a = _insert_token(u.src, "en", r, tok)
        if not a:
            return None
        src = a[0]
        if op == "dropped":
            i = relative_gap(u.tgt, lang, r)
            if i is None:
                return None
            return Plant("placeholders", op, "defect", u.tgt, [(i, i)], kind, src=src, anywhere=True)
        if op == "altered":
            b = _insert_token(u.tgt, lang, r, alter_token(tok, rnd))
            return b and Plant("placeholders", op, "defect", b[0], [b[1]], kind, src=src)
        if op == "duplicated":
            b = _insert_token(u.tgt, lang, r, tok)
            if not b:
                return None
            c = _insert_token(b[0], lang, (r + 0.5) % 1.0, tok)
            if not c or c[0].count(tok) != 2:
                return None
            return Plant("placeholders", op, "defect", c[0], _spans_text(c[0], tok), kind, src=src)
        if op == "moved":
            b = _insert_token(u.tgt, lang, (r + 0.5) % 1.0, tok)
            return b and Plant("placeholders", op, "silent", b[0], [], kind, src=src)
        if op == "spacing":
            if kind in ("url", "email"):  # no-break spaces around it; never glued to a word
                i = relative_gap(u.tgt, lang, r)
                if i is None:
                    return None
                left = u.tgt[:i - 1] if i > 0 and u.tgt[i - 1] == " " else u.tgt[:i]
                tgt = left + NBSP + tok + NBSP + u.tgt[i:]
                return Plant("placeholders", op, "silent", tgt, [], kind, src=src)
            b = _insert_token(u.tgt, lang, r, tok, spaced=False)
            return b and Plant("placeholders", op, "silent", b[0], [], kind, src=src)
    return planter


def p_reordered(ctx, rnd):
    u, lang = ctx.unit, ctx.lang
    if len(u.src.split()) < 6 or len(word_starts(u.tgt, lang)) < 4:
        return None
    kind, a, b = rnd.choice(REORDER_PAIRS)
    r1, r2 = rnd.uniform(0.1, 0.4), rnd.uniform(0.6, 0.9)
    s = _insert_token(u.src, "en", r2, b)
    s = s and _insert_token(s[0], "en", r1, a)
    t = _insert_token(u.tgt, lang, r2, a)
    t = t and _insert_token(t[0], lang, r1, b)
    if not s or not t or t[0].find(b) > t[0].find(a):
        return None
    spans = _spans_text(t[0], a) + _spans_text(t[0], b)
    return Plant("placeholders", "reordered", "minor", t[0], spans, kind, src=s[0])


# untranslated ---------------------------------------------------------------------------------

NAMES = ["WHO", "COVID-19", "Pfizer", "SARS-CoV-2", "PubMed", "Moderna", "BioNTech", "UNICEF",
         "Johns Hopkins University", "Imperial College London", "WhatsApp", "iPhone", "PCR", "ICU",
         "MERS-CoV", "CEPI", "Novavax", "ECDC", "AstraZeneca", "Remdesivir", "Zoom"]
NAME_ENDINGS = {"bn": ["", "-এর", "-এ", "-কে"], "ta": ["", "-இன்", "-க்கு"], "hi": [""], "ru": [""],
                "ar": [""], "zh": [""]}


def p_copy_source(ctx, rnd):
    u = ctx.unit
    if len(u.src.split()) < 3:
        return None
    return Plant("untranslated", None, "defect", u.src, [(0, len(u.src))], "", anywhere=True)


def p_other_english(ctx, rnd):
    u = ctx.unit
    pool = ctx.data["english_pool"]
    n = len(u.src)
    here = {x.src for x in ctx.doc}
    for _ in range(20):
        s = rnd.choice(pool)
        if 0.5 * n <= len(s) <= 2 * n + 20 and s not in here and similar(s, u.src) < 0.3:
            return Plant("untranslated", None, "defect", s, [(0, len(s))], "", anywhere=True)
    return None


def p_copied_run(ctx, rnd):
    u, lang = ctx.unit, ctx.lang
    toks = words_of(u.src)
    runs = []
    for k in range(3, 7):
        for i in range(0, len(toks) - k + 1):
            ws = [t.group() for t in toks[i:i + k]]
            core = [w.strip(",;:.") for w in ws]
            if not all(re.fullmatch(r"[A-Za-z][a-z']*", w) for w in core):
                continue
            if sum(w[0].islower() for w in core) < k - 1 or any("," in w or ";" in w for w in ws[:-1]):
                continue
            runs.append((i, k))
    if not runs:
        return None
    i, k = rnd.choice(runs)
    phrase = " ".join(t.group() for t in toks[i:i + k]).strip(",;:.")
    r = toks[i].start() / max(1, len(u.src))
    if lang == "zh":
        g = relative_gap(u.tgt, lang, r)
        if g is None:
            return None
        tgt, span = insert_at(u.tgt, g, phrase, lang)
        return Plant("untranslated", None, "defect", tgt, [span], f"{k}-words")
    tw = words_of(u.tgt)
    if len(tw) < 3:
        return None
    j = min(range(len(tw)), key=lambda j: abs(tw[j].start() - r * len(u.tgt)))
    m = tw[j]
    core_end = m.end()
    while core_end > m.start() and not m.group()[core_end - m.start() - 1].isalnum():
        core_end -= 1  # keep the word's trailing punctuation (danda, comma)
    if core_end == m.start():
        return None
    tgt = u.tgt[:m.start()] + phrase + u.tgt[core_end:]
    return Plant("untranslated", None, "defect", tgt, [(m.start(), m.start() + len(phrase))], f"{k}-words")


def p_names_kept(ctx, rnd):
    u, lang = ctx.unit, ctx.lang
    if len(u.src.split()) < 4:
        return None
    name = rnd.choice(NAMES)
    r = rnd.uniform(0.1, 0.9)
    a = _insert_token(u.src, "en", r, name)
    b = _insert_token(u.tgt, lang, r, name + rnd.choice(NAME_ENDINGS[lang]))
    if not a or not b or _splits_a_term(ctx, a[0], b[0]):
        return None
    return Plant("untranslated", None, "silent", b[0], [], "multi-word" if " " in name else "", src=a[0])


def _splits_a_term(ctx, src, tgt):
    """Whether an insertion parted the words of a glossary term the unit held on both sides
    (`летучих BioNTech мышей` for `bats`): a silent plant must leave the glossary's terms whole."""
    g = ctx.data.get("glossary")
    if not g:
        return False
    old_src, old_tgt, tgt = ctx.unit.src, nfc(ctx.unit.tgt), nfc(tgt)
    for en in g.entries:
        held = g.en[en].search(old_src) and any(r.search(old_tgt) for r in g.tgt[en])
        if held and not (g.en[en].search(src) and any(r.search(tgt) for r in g.tgt[en])):
            return True
    return False


def p_url_kept(ctx, rnd):
    u, lang = ctx.unit, ctx.lang
    if len(u.src.split()) < 4:
        return None
    url = rnd.choice(TOKENS["url"])
    r = rnd.uniform(0.1, 0.9)
    a = _insert_token(u.src, "en", r, url)
    b = _insert_token(u.tgt, lang, r, url)
    if not a or not b:
        return None
    return Plant("untranslated", None, "silent", b[0], [], "", src=a[0])


# omission -------------------------------------------------------------------------------------

def p_empty(ctx, rnd):
    return Plant("omission", None, "defect", "", [(0, 0)], "", anywhere=True)


def p_whitespace(ctx, rnd):
    ws = rnd.choice([" ", "  ", "\t", NBSP, " \u3000"])
    return Plant("omission", None, "defect", ws, [(0, len(ws))], repr(ws), anywhere=True)


def p_truncated(ctx, rnd):
    u, lang = ctx.unit, ctx.lang
    t = u.tgt.strip()
    if len(t) < 40:
        return None
    share = rnd.uniform(0.2, 0.45)
    if lang == "zh":
        cut = int(len(t) * share)
    else:
        starts = [m.start() for m in re.finditer(r"\s+\S", t) if m.start() <= len(t) * share]
        if not starts:
            return None
        cut = starts[-1]
    kept = t[:cut].rstrip(" ,;:")
    if not kept or len(kept) > 0.5 * len(t):
        return None
    tenth = int(10 * len(kept) / len(t))
    return Plant("omission", None, "defect", kept, [(0, len(kept))], f"kept {10 * tenth}-{10 * tenth + 10}%",
                 anywhere=True)


# consistency ----------------------------------------------------------------------------------

def _partner(ctx, rnd, min_words=4, pred=None):
    cands = [j for j in ctx.free if j != ctx.i and len(ctx.doc[j].src.split()) >= min_words
             and len(ctx.doc[j].tgt.split() if ctx.lang != "zh" else ctx.doc[j].tgt) >= min_words
             and (pred is None or pred(ctx.doc[j]))]
    return rnd.choice(cands) if cands else None


def p_same_source_two_ways(ctx, rnd):
    j = _partner(ctx, rnd)
    if j is None:
        return None
    orig = ctx.doc[j]
    t = orig.tgt
    vocab = ctx.data["target_words"]
    if ctx.lang == "zh":  # no spaces: swap a frequent two-character word for another one
        known = ctx.data.setdefault("target_word_set", set(vocab))
        spots = [i for i in range(len(t) - 1) if t[i:i + 2] in known]
        if not spots:
            return None
        i = rnd.choice(spots)
        w = rnd.choice([x for x in vocab if x != t[i:i + 2]])
        new = t[:i] + w + t[i + 2:]
        span = (i, i + len(w))
    else:
        ws = [m for m in re.finditer(r"[^\W\d_][\w\u0900-\u0963\u0966-\u0DFF\u200C\u200D]{2,}", t)]
        if not ws:
            return None
        m = rnd.choice(ws)
        w = rnd.choice([x for x in vocab if x != m.group()])
        new = t[:m.start()] + w + t[m.end():]
        span = (m.start(), m.start() + len(w))
    copy = orig.copy(id=orig.id + "~copy", tgt=new)
    return Plant("consistency", None, "defect", new, [span], "", anywhere=True, partner=j,
                 partner_spans=[(0, len(t))], unit=copy)


def p_two_sources_one_translation(ctx, rnd):
    u = ctx.unit
    if len(u.src.split()) < 5:
        return None
    j = _partner(ctx, rnd, 5, pred=lambda o: similar(o.src, u.src) < 0.3)
    if j is None:
        return None
    t = ctx.doc[j].tgt
    return Plant("consistency", None, "defect", t, [(0, len(t))], "", anywhere=True, partner=j,
                 partner_spans=[(0, len(t))])


def p_duplicate_identical(ctx, rnd):
    j = _partner(ctx, rnd)
    if j is None:
        return None
    orig = ctx.doc[j]
    copy = orig.copy(id=orig.id + "~copy")
    return Plant("consistency", None, "silent", orig.tgt, [], "", partner=j, unit=copy)


# glossary -------------------------------------------------------------------------------------

def _glossary_hit(ctx, rnd, need_synonym):
    """A glossary entry whose source term occurs once in the unit's source and whose accepted
    target terms match exactly once in its target: (entry, match, NFC target). For an inflected
    plant (need_synonym False) the match must be a strict form (an inflection, not a compound)."""
    g = ctx.data.get("glossary")
    if not g:
        return None
    tgt = nfc(ctx.unit.tgt)  # glossary terms are matched on NFC text; the plant writes NFC
    u = ctx.unit
    ens = sorted(g.entries)
    rnd.shuffle(ens)
    for en in ens:
        if need_synonym and en not in WRONG_SYNONYMS.get(ctx.lang, {}):
            continue
        if len(g.en[en].findall(u.src)) != 1:
            continue
        ms = [m for r in g.tgt[en] for m in r.finditer(tgt)]
        spans = {(m.start(), m.end()) for m in ms}
        if len(spans) != 1:
            continue
        if not need_synonym and not any(r.fullmatch(ms[0].group()) for r in g.strict[en]):
            continue
        return en, ms[0], tgt
    return None


def p_wrong_synonym(ctx, rnd):
    hit = _glossary_hit(ctx, rnd, True)
    if not hit:
        return None
    en, m, text = hit
    lang = ctx.lang
    syn = nfc(rnd.choice(WRONG_SYNONYMS[lang][en]))
    ending = ""
    if lang == "bn":  # keep the case ending glued to the term (মাস্কের -> মুখোশের)
        base = next((t for t in ctx.data["glossary"].entries[en] if m.group().startswith(t)), "")
        ending = m.group()[len(base):] if base and " " not in syn else ""
    if lang == "ar":  # keep the clitics (بالصابون -> بالمنظف)
        stems = [t[2:] if t.startswith("ال") else t for t in ctx.data["glossary"].entries[en]]
        at = min((i for i in (m.group().find(st[:2]) for st in stems) if i >= 0), default=0)
        prefix = m.group()[:at]
        if prefix.endswith("ال") and syn.startswith("ال"):
            prefix = prefix[:-2]
        syn = prefix + syn
    new = syn + ending
    tgt = text[:m.start()] + new + text[m.end():]
    # A defect only when no accepted translation is left anywhere in the target (in a compound
    # or another mention: `लक्षणरहित` for `asymptomatic` beside the replaced `symptoms`).
    if any(t.lower() in tgt.lower() for t in ctx.data["glossary"].entries[en]):
        return None
    return Plant("glossary", None, "defect", tgt, [(m.start(), m.start() + len(syn))], en)


def p_inflected(ctx, rnd):
    if ctx.lang == "zh":
        return None
    hit = _glossary_hit(ctx, rnd, False)
    if not hit:
        return None
    en, m, text = hit
    g = ctx.data["glossary"]
    k = next(k for k, r in enumerate(g.strict[en]) if r.fullmatch(m.group()))
    forms = [f for f in ctx.data["glossary_forms"][en][k] if f != m.group() and " " not in f
             and f[:1].islower() == m.group()[:1].islower()]
    if not forms or " " in m.group():
        return None
    f = rnd.choice(forms)
    tgt = text[:m.start()] + f + text[m.end():]
    return Plant("glossary", None, "silent", tgt, [], en)


# brackets --------------------------------------------------------------------------------------

BRACKETS = {"(": ")", "[": "]", "{": "}"}


def bracket_pairs(text):
    """The (open, close) offsets of the bracket pairs of `text`, or None when a bracket has no
    partner or one could read as an enumerator (`3)`, `a)`): the units a plant may start from."""
    if re.search(r"(?:^|\s)\w{1,3}\)", text):
        return None
    stack, pairs = [], []
    closing = {v: k for k, v in BRACKETS.items()}
    for i, c in enumerate(text):
        if c in BRACKETS:
            stack.append((c, i))
        elif c in closing:
            if not stack or stack[-1][0] != closing[c]:
                return None
            pairs.append((stack.pop()[1], i))
    return None if stack else pairs


def p_bracket(op):
    def planter(ctx, rnd):
        u = ctx.unit
        pairs = bracket_pairs(u.tgt)
        if not pairs or bracket_pairs(u.src) is None:
            return None
        o, c = rnd.choice(pairs)
        if op == "dropped-close":
            tgt = u.tgt[:c] + u.tgt[c + 1:]
            return Plant("brackets", None, "defect", tgt, [(o, o + 1)], u.tgt[o])
        if op == "doubled-open":
            tgt = u.tgt[:o] + u.tgt[o] + u.tgt[o:]
            return Plant("brackets", None, "defect", tgt, [(o, o + 2)], u.tgt[o])
        if u.tgt[o] != "(":
            return None
        tgt = u.tgt[:o] + "（" + u.tgt[o + 1:c] + "）" + u.tgt[c + 1:]
        return Plant("brackets", None, "silent", tgt, [], "（）")
    return planter


# The variants, in report order: (family, variant, expect, planter, languages or None = all).
VARIANTS = [
    ("numbers", "digit-off", "defect", p_digit_off, None),
    ("numbers", "transposed", "defect", p_transposed, None),
    ("numbers", "magnitude", "defect", p_magnitude, None),
    ("numbers", "removed", "defect", p_removed, None),
    ("numbers", "added", "defect", p_added, None),
    ("numbers", "native-digits", "silent", p_native_digits, ["bn", "hi", "ta", "ar", "zh"]),
    ("numbers", "indian-grouping", "silent", p_indian_grouping, ["bn", "hi", "ta"]),
    ("numbers", "space-grouping", "silent", p_space_grouping, None),
    ("numbers", "dot-grouping", "silent", p_dot_grouping, ["ru"]),
    ("numbers", "decimal-comma", "silent", p_decimal_comma, ["ru", "ar"]),
    ("numbers", "leading-zeros", "silent", p_leading_zeros, None),
    ("numbers", "number-word", "silent", p_number_word, None),
    ("numbers", "scale", "silent", p_scale, None),
    ("placeholders", "dropped", "defect", p_placeholder("dropped"), None),
    ("placeholders", "altered", "defect", p_placeholder("altered"), None),
    ("placeholders", "duplicated", "defect", p_placeholder("duplicated"), None),
    ("placeholders", "moved", "silent", p_placeholder("moved"), None),
    ("placeholders", "spacing", "silent", p_placeholder("spacing"), None),
    ("placeholders", "reordered", "minor", p_reordered, None),
    ("untranslated", "copy-source", "defect", p_copy_source, None),
    ("untranslated", "other-english", "defect", p_other_english, None),
    ("untranslated", "copied-run", "defect", p_copied_run, None),
    ("untranslated", "names-kept", "silent", p_names_kept, None),
    ("untranslated", "url", "silent", p_url_kept, None),
    ("omission", "empty", "defect", p_empty, None),
    ("omission", "whitespace", "defect", p_whitespace, None),
    ("omission", "truncated", "defect", p_truncated, None),
    ("consistency", "same-source-two-ways", "defect", p_same_source_two_ways, None),
    ("consistency", "two-sources-one-translation", "defect", p_two_sources_one_translation, None),
    ("consistency", "duplicate-identical", "silent", p_duplicate_identical, None),
    ("glossary", "wrong-synonym", "defect", p_wrong_synonym, None),
    ("glossary", "inflected", "silent", p_inflected, ["bn", "hi", "ta", "ru", "ar"]),
    ("brackets", "dropped-close", "defect", p_bracket("dropped-close"), None),
    ("brackets", "doubled-open", "defect", p_bracket("doubled-open"), None),
    ("brackets", "full-width", "silent", p_bracket("full-width"), ["zh"]),
]
FAMILIES = list(KIND_PREFIX)


def variants_for(lang):
    return [v for v in VARIANTS if v[4] is None or lang in v[4]]


# ---------------------------------------------------------------------------------------------
# Planting documents


class Label:
    """The truth about one planted unit."""

    def __init__(self, plant, index, unit_id, origin, partner_id=None, partner_origin=None):
        self.plant, self.index, self.id, self.origin = plant, index, unit_id, origin
        self.partner_id, self.partner_origin = partner_id, partner_origin

    def to_json(self, doc):
        p = self.plant
        return {"id": self.id, "kind": p.family, "variant": p.variant, "expect": p.expect,
                "detail": p.detail, "spans": p.spans, "planted": [doc[self.index].tgt[a:b] for a, b in p.spans],
                "partner": self.partner_id, "partner_spans": p.partner_spans if self.partner_id else []}


def lang_data(lang, units, with_glossary=True):
    """What the planters need besides the unit: an English pool, target words, the glossary
    and the attested forms of its terms."""
    data = {"english_pool": [u.src for u in units if 6 <= len(u.src.split()) <= 60]}
    # The corpus's own slips (measure_source_fp.py, read by hand): a value-preserving plant on
    # such a unit would be flagged for the slip, not for the plant.
    import measure_source_fp  # noqa: E402  (it imports this module: imported here, when used)
    data["slips"] = set(measure_source_fp.CORPUS_DEFECTS.get(lang, {}))
    if lang == "zh":  # two-character words: bigrams frequent enough to be words (病毒, 患者, 检测)
        words = Counter(u.tgt[i:i + 2] for u in units for i in range(len(u.tgt) - 1)
                        if is_han(u.tgt[i]) and is_han(u.tgt[i + 1]))
        words = Counter({w: c for w, c in words.items() if c >= 30 and not set(w) & set("的了是在和与及或也都而就将被把从对为")})
    else:
        words = Counter(m.group() for u in units
                        for m in re.finditer(r"[^\W\d_][\w\u0900-\u0963\u0966-\u0DFF\u200C\u200D]{2,}", u.tgt)
                        if not re.search(r"[A-Za-z]", m.group()))
    data["target_words"] = sorted(w for w, c in words.items() if c >= 3)
    if with_glossary and os.path.exists(os.path.join(DATA, f"glossary-{lang}.tsv")):
        g = Glossary(lang)
        data["glossary"] = g
        forms = {}
        for en, regs in g.strict.items():  # per target term: its inflections attested twice
            forms[en] = []
            for r in regs:
                c = Counter(m.group() for u in units for m in r.finditer(nfc(u.tgt)))
                forms[en].append(sorted(f for f, n in c.items() if n >= 2))
        data["glossary_forms"] = forms
    return data


def windows(units, size=UNIT_SIZE):
    return [units[i:i + size] for i in range(0, len(units) - size + 1, size)]


def plant_document(lang, doc_units, rnd, data, counts, share=0.5):
    """Plant into about `share` of a document's units, one plant each, drawing for each unit the
    least-planted variant that applies. Returns (planted units, labels by index, involved)."""
    doc = [u.copy() for u in doc_units]
    n = len(doc)
    targets = rnd.sample(range(n), int(round(n * share)))
    touched = set(targets)
    labels = {}
    variants = variants_for(lang)
    for i in targets:
        order = sorted(variants, key=lambda v: (counts[(v[0], v[1])], rnd.random()))
        free = [j for j in range(n) if j not in touched]
        for fam, var, expect, fn, _ in order:
            if expect == "silent" and doc[i].origin in data.get("slips", ()):
                continue
            ctx = Ctx(lang, doc, i, data, free)
            p = fn(ctx, rnd)
            if p is None:
                continue
            p.family, p.variant, p.expect = fam, var, expect
            if p.unit is not None:  # a copy of another unit replaces this one
                doc[i] = p.unit
            else:
                doc[i] = doc[i].copy(tgt=p.tgt, src=p.src if p.src is not None else doc[i].src)
            partner_id = partner_origin = None
            if p.partner is not None:
                touched.add(p.partner)
                partner_id, partner_origin = doc[p.partner].id, doc[p.partner].origin
            labels[i] = Label(p, i, doc[i].id, doc[i].origin, partner_id, partner_origin)
            counts[(fam, var)] += 1
            break
    involved = {labels[i].partner_id for i in labels if labels[i].partner_id}
    return doc, labels, involved


def write_jsonl(path, units):
    with open(path, "w", encoding="utf-8") as f:
        for u in units:
            f.write(json.dumps(u.record(), ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------------------------
# Running mtqc and reading its report


class Unsupported(Exception):
    """BIN cannot check bilingual units."""


def run_mtqc(bin_, files, args, timeout=1800):
    """Run `BIN check --format json --fail-on never ARGS FILES`; return the report. Raise
    Unsupported when BIN rejects an option or reads the files as plain text."""
    cmd = [bin_, "check", "--format", "json", "--fail-on", "never", *args, *files]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError:
        raise Unsupported(f"{bin_}: no such binary")
    if r.returncode not in (0, 1):
        err = r.stderr.strip()
        if "unexpected argument" in err or "unrecognized" in err or "invalid value" in err:
            raise Unsupported(err.splitlines()[0] if err else f"exit {r.returncode}")
        sys.exit(f"{' '.join(cmd[:8])} ...: exit {r.returncode}\n{err[-800:]}")
    return json.loads(r.stdout)


def units_of_report(report):
    """{(file basename, unit id): paragraph} for a report whose paragraphs are units; raise
    Unsupported when they are not (no `target`: the files were read as plain text)."""
    out = {}
    for f in report.get("files", []):
        for p in f.get("paragraphs", []):
            if "target" not in p:
                raise Unsupported("the report's paragraphs have no `target`: this mtqc read the "
                                  "units as plain text")
            pid = p.get("id", str(p.get("line", p.get("index"))))
            out[(os.path.basename(f["path"]), str(pid))] = p
    return out


def is_source_aware(f):
    return (f.get("kind") or "").startswith(SOURCE_PREFIXES)


# A word: a letter, then letters and combining marks (Python's \w has no marks: লক্ষ, किया).
WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036F\u0900-\u0963\u0966-\u0DFF\u064B-\u065F\u0670\u200C\u200D])*")


def finding_key(f):
    return (f.get("rule"), f.get("text") or "", f.get("message") or "")


def ascii_digits(text):
    return unicodedata.normalize("NFKC", "".join(
        str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c for c in text))


def already(f, base, target):
    """Whether finding f was reported on its unit before planting: the same rule, text and
    message; or, for a finding on the whole unit (its text is the whole target, which the plant
    changed), the same rule on the whole unit before with the same message but for its figures
    (`placeholder missing: source `&lt;``; a length ratio that moved from 2.02 to 2.07); or the same rule on a part of a text it flagged
    before (a plant glued into an untranslated run splits it)."""
    key, text = finding_key(f), f.get("text") or ""
    whole = text.strip() == target.strip()
    for b in base:
        if finding_key(b) == key:
            return True
        # The same text in other digits (a native-digits plant rewrites a number flagged
        # before: `60` -> `６０`).
        if b.get("rule") == f.get("rule") and ascii_digits(b.get("text") or "") == ascii_digits(text):
            return True
        if b.get("rule") != f.get("rule"):
            continue
        if whole and b.get("whole") and re.sub(r"[\d.]+", "#", b.get("message") or "") == \
                re.sub(r"[\d.]+", "#", f.get("message") or ""):
            return True
        if len(text) >= 8 and text in (b.get("text") or ""):
            return True
    return False


def occurrences(target, text):
    out, i = [], target.find(text)
    while text and i >= 0:
        out.append((i, i + len(text)))
        i = target.find(text, i + 1)
    return out


def overlaps(occ, span):
    (s, e), (a, b) = occ, span
    if a == b:
        return s <= a <= e
    return s < b and a < e


def finding_matches(f, family, target, spans, anywhere):
    """Whether finding f catches a plant of `family` whose spans in `target` are `spans`."""
    kind = f.get("kind") or ""
    own = kind.startswith(KIND_PREFIX[family])
    occ = occurrences(target, f.get("text") or "")
    if not occ:  # a whole-unit finding: no text, or a text that is not in the target
        return own
    if anywhere and own:
        return True
    return any(overlaps(o, s) for o in occ for s in spans)


# ---------------------------------------------------------------------------------------------
# Value-preserving variants the corpus already holds: measured on clean units, never planted

NATURAL = [
    ("numbers", "decimal-comma", "the target writes a decimal comma (ru 1,5; ar 1,5 or 1٫5) for the source's point"),
    ("numbers", "space-grouping", "the target groups thousands with a space or no-break space (ru 1 051 635)"),
    ("numbers", "scale", "the target writes a number with a scale word (35 लाख, 226 万, 1,5 млн, 4.9 ملايين)"),
    ("numbers", "number-word", "a source digit is a number word in the target (100 -> Сто)"),
    ("numbers", "digits-for-words", "a source number word is digits in the target (seven -> 7 种)"),
    ("untranslated", "names-kept", "the target keeps a Latin name or acronym of the source (WHO, COVID-19, RCGP RSC)"),
    ("untranslated", "url", "the target keeps a URL of the source"),
    ("omission", "shorter", "the target is legitimately short: its length ratio is under the pair's 5th percentile"),
]
LATIN_NAME = re.compile(r"(?<![A-Za-z])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*")


def length_ratio(u):
    return len(" ".join(nfc(u.tgt).split())) / max(1, len(" ".join(nfc(u.src).split())))


def natural_tags(u, lang, p5):
    """The NATURAL variants a clean unit shows."""
    tags = set()
    tn = [n for n in numbers(u.tgt, lang) if n.free]
    sv, tv = number_values(u.src, "en"), Counter(n.value for n in tn)
    if lang == "ru" and any("," in n.raw for n in tn) or lang == "ar" and any(
            re.fullmatch(r"\d+[,\u066B]\d{1,2}", n.raw) for n in numbers(u.tgt.replace("\u066B", ","), "en")):
        tags.add("decimal-comma")
    if any(re.search(r"[ \u00A0\u202F]", n.raw) for n in tn):
        tags.add("space-grouping")
    _, scales = read_number_words_cached(lang)
    if scales and re.search(r"[0-9]\s*(?:" + "|".join(map(re.escape, sorted(scales, key=len, reverse=True))) + ")",
                            nfc(u.tgt)):
        tags.add("scale")
    if lang != "zh":
        words, _ = read_number_words_cached(lang)
        toks = set(WORD_RE.findall(nfc(u.tgt).lower()))
        if any(v not in tv and any(w in toks for w, x in words.items() if x == v) for v in sv if v <= 100):
            tags.add("number-word")
    en_words, _ = read_number_words_cached("en")
    if any(en_words[w] in tv and en_words[w] not in sv for w in re.findall(r"[a-z]+", u.src.lower())
           if w in en_words and w != "one"):
        tags.add("digits-for-words")
    names = {m.group() for m in LATIN_NAME.finditer(u.src) if len(m.group()) >= 2}
    if any(m.group() in names for m in LATIN_NAME.finditer(u.tgt)):
        tags.add("names-kept")
    urls = set(re.findall(r"https?://\S+", u.src))
    if any(x in urls for x in re.findall(r"https?://\S+", u.tgt)):
        tags.add("url")
    if len(u.src.strip()) >= 20 and length_ratio(u) < p5:
        tags.add("shorter")
    return tags


# ---------------------------------------------------------------------------------------------
# Scoring


def score(truth, found, baseline, any_rule=False, lang=None, p5=0.0):
    """truth: {file: (doc units, labels, involved)}; found/baseline: {(file, id): findings}.
    Returns per-variant tallies (natural variants of clean units under ("natural", variant)),
    the clean-unit figures and lists for --show."""
    keep = (lambda f: True) if any_rule else is_source_aware
    tally = defaultdict(Counter)
    clean = Counter()
    shows = []
    for name, (doc, labels, involved) in sorted(truth.items()):
        by_id = {u.id: u for u in doc}
        for i, u in enumerate(doc):
            got = [f for f in found.get((name, u.id), []) if keep(f)]
            base = [f for f in baseline.get((name, u.origin), []) if keep(f)]
            new = [f for f in got if not already(f, base, u.tgt)]
            if i in labels:
                lab = labels[i]
                p = lab.plant
                k = (p.family, p.variant)
                d = (p.family, p.variant, p.detail)
                pnew = []
                if lab.partner_id:
                    pu = by_id[lab.partner_id]
                    pbase = [f for f in baseline.get((name, lab.partner_origin), []) if keep(f)]
                    pnew = [(f, pu) for f in found.get((name, pu.id), []) if keep(f)
                            and not already(f, pbase, pu.tgt)]
                cands = [(f, u, p.spans) for f in new] + [(f, pu, p.partner_spans) for f, pu in pnew]
                hits = [f for f, uu, sp in cands if finding_matches(f, p.family, uu.tgt, sp, p.anywhere)]
                for key in (k, d):
                    tally[key]["planted"] += 1
                    if p.expect == "defect":
                        tally[key]["caught"] += bool(hits)
                    elif p.expect == "silent":
                        tally[key]["flagged"] += bool(new or pnew)
                    else:  # minor: caught only by a minor finding
                        sev = {f.get("severity") for f in hits}
                        if "minor" in sev:
                            tally[key]["minor"] += 1
                        elif sev:
                            tally[key]["severe"] += 1
                if (p.expect == "defect" and not hits) or (p.expect == "silent" and (new or pnew)) \
                        or (p.expect == "minor" and "minor" not in {f.get("severity") for f in hits}):
                    what = {"defect": "missed", "silent": "silent flagged", "minor": "reorder not minor"}[p.expect]
                    shows.append((what, name, u, p, [f for f, _, _ in cands]))
            elif u.id not in involved:
                clean["units"] += 1
                if lang:
                    for tag in natural_tags(u, lang, p5):
                        tally[("natural", tag)]["units"] += 1
                        tally[("natural", tag)]["flagged"] += bool(got)
                if got:
                    clean["flagged"] += 1
                    if new:
                        clean["new"] += 1
                    for f in got:
                        clean["rule:" + (f.get("rule") or "?")] += 1
                    shows.append(("false alarm", name, u, None, got))
    return tally, clean, shows


def describe(fs):
    return "; ".join(f"{f.get('rule')} [{f.get('severity')}] {(f.get('text') or '')[:40]!r}" for f in fs) or "no finding"


def excerpt(text, spans, width=70):
    if not spans:
        return text[:2 * width] + ("…" if len(text) > 2 * width else "")
    s = max(0, min(a for a, _ in spans) - width // 2)
    e = min(len(text), max(b for _, b in spans) + width // 2)
    return ("…" if s else "") + text[s:e] + ("…" if e < len(text) else "")


def parse_seeds(spec):
    out = []
    for part in spec.split(","):
        if "-" in part[1:]:
            lo, hi = part.split("-", 1)
            out.extend(range(int(lo), int(hi) + 1))
        else:
            out.append(int(part))
    return out


def glossary_report(lang, units):
    g = Glossary(lang)
    rows = g.coverage(units)
    print(f"glossary-{lang}.tsv: {len(rows)} source terms")
    for en, ts, n, ok, per, misses in rows:
        terms = ", ".join(f"{t} {c}" for t, c in zip(ts, per))
        print(f"  {en:28s} {ok:4d}/{n:<4d} {ok / max(1, n):5.1%}   {terms}")
    tot_n, tot_ok = sum(r[2] for r in rows), sum(r[3] for r in rows)
    print(f"  all: {tot_ok}/{tot_n} = {tot_ok / max(1, tot_n):.1%} of source occurrences have an accepted term")


# ---------------------------------------------------------------------------------------------


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bin", nargs="?", help="the mtqc binary (not needed with --dry-run)")
    ap.add_argument("--lang", default="all", help="comma-separated: bn,hi,ta,ru,ar,zh (default all)")
    ap.add_argument("--seed", default="1", help="a seed, a range A-B or a list A,B (pooled)")
    ap.add_argument("--docs", type=int, default=0,
                    help="documents per language and seed (default 0: every 50-unit window, 61)")
    ap.add_argument("--keep", help="write the planted documents, the clean ones and truth.json here")
    ap.add_argument("--show", type=int, default=0, help="print this many misses, silent flags and false alarms")
    ap.add_argument("--show-only", default="", help="only show those whose label contains this")
    ap.add_argument("--details", action="store_true", help="also print recall per detail (token type, ...)")
    ap.add_argument("--min-recall", type=float, default=0.9, help="target per defect variant (default 0.9)")
    ap.add_argument("--max-flagged", type=float, default=0.01,
                    help="target share of clean units flagged (default 0.01)")
    ap.add_argument("--json", help="write the figures as JSON to this file (- for stdout)")
    ap.add_argument("--dry-run", action="store_true", help="plant and write the documents only")
    ap.add_argument("--any-rule", action="store_true", help="count target-only rules' findings too")
    ap.add_argument("--no-glossary", action="store_true", help="do not pass --glossary to mtqc")
    ap.add_argument("--no-segments", action="store_true",
                    help="do not pass --segments (if it makes every unit its own document, the "
                         "consistency kind cannot compare units)")
    ap.add_argument("--glossary-report", action="store_true",
                    help="print how consistently TICO-19 uses each glossary term, and exit")
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    a = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)
    langs = LANGS if a.lang == "all" else a.lang.split(",")
    if not os.path.isdir(TMX_DIR):
        print(f"plant_source: {TMX_DIR} not found: this measurement needs ../shared; skipped")
        return 0
    if not a.bin and not (a.dry_run or a.glossary_report):
        ap.error("BIN is required unless --dry-run or --glossary-report")

    if a.glossary_report:
        for lang in langs:
            glossary_report(lang, load_tmx(tmx_path(lang), lang))
        return 0

    results, unsupported, status = {}, None, 0
    with tempfile.TemporaryDirectory(prefix="plant-source-") as scratch:
        out = a.keep or scratch
        for lang in langs:
            units = load_tmx(tmx_path(lang), lang)
            data = lang_data(lang, units)
            ldir = os.path.join(out, lang)
            os.makedirs(os.path.join(ldir, "clean"), exist_ok=True)
            truth, counts, files, clean_files = {}, Counter(), [], []
            for seed in parse_seeds(a.seed):
                rnd = random.Random(f"{lang}:{seed}")
                wins = windows(units)
                rnd.shuffle(wins)
                for w in wins[:a.docs or len(wins)]:
                    name = f"s{seed}-{w[0].id.replace(':', '_')}.jsonl"
                    doc, labels, involved = plant_document(lang, w, rnd, data, counts)
                    write_jsonl(os.path.join(ldir, name), doc)
                    write_jsonl(os.path.join(ldir, "clean", name), w)
                    truth[name] = (doc, labels, involved)
                    files.append(os.path.join(ldir, name))
                    clean_files.append(os.path.join(ldir, "clean", name))
            if a.keep:
                with open(os.path.join(ldir, "truth.json"), "w", encoding="utf-8") as f:
                    json.dump({n: [labels[i].to_json(doc) for i in sorted(labels)]
                               for n, (doc, labels, _) in truth.items()}, f, ensure_ascii=False, indent=1)
            found, baseline = {}, {}
            if not a.dry_run and not unsupported:
                args = ["--source-lang", "en", "--lang", lang] + ([] if a.no_segments else ["--segments"])
                gl = os.path.join(DATA, f"glossary-{lang}.tsv")
                if not a.no_glossary and os.path.exists(gl):
                    args += ["--glossary", gl]
                try:
                    try:
                        rep, base = run_mtqc(a.bin, files, args + extra), run_mtqc(a.bin, clean_files, args + extra)
                    except Unsupported as e:
                        if "--glossary" not in str(e) or "--glossary" not in args:
                            raise
                        print(f"{lang}: mtqc rejected --glossary ({e}); glossary plants are counted missed",
                              file=sys.stderr)
                        args = args[:-2]
                        rep, base = run_mtqc(a.bin, files, args + extra), run_mtqc(a.bin, clean_files, args + extra)
                    got = units_of_report(rep)
                    found = {k: p.get("findings", []) for k, p in got.items()}
                    baseline = {k: [dict(f, whole=(f.get("text") or "").strip() == (p.get("target") or "").strip())
                                    for f in p.get("findings", [])]
                                for k, p in units_of_report(base).items()}
                    absent = [(n, u.id) for n, (doc, _, _) in truth.items() for u in doc if (n, u.id) not in got]
                    if absent:
                        print(f"{lang}: {len(absent)} units have no paragraph in the report (e.g. {absent[0][1]} "
                              f"in {absent[0][0]}); they count as unflagged", file=sys.stderr)
                except Unsupported as e:
                    unsupported = str(e)
            ratios = sorted(length_ratio(u) for u in units if len(u.src.strip()) >= 20)
            p5 = ratios[int(0.05 * len(ratios))]
            tally, clean, shows = score(truth, found, baseline, a.any_rule, lang, p5)
            results[lang] = (tally, clean, shows, len(truth), sum(len(d) for d, _, _ in truth.values()), truth)

    if unsupported:
        print(f"plant_source: {a.bin} cannot check bilingual units ({unsupported}).\n"
              f"  It needs `check --source-lang en --lang XX --segments FILE.jsonl` with the report's\n"
              f"  paragraphs carrying id/source/target (issue 12). Every plant below is counted missed;\n"
              f"  the figures show the planting only.\n", file=sys.stderr)
    summary = {}
    for lang in langs:
        tally, clean, shows, ndocs, nunits, _ = results[lang]
        ok = print_language(lang, tally, clean, ndocs, nunits, a, dry=a.dry_run)
        shown = 0
        if a.dry_run:  # --show in a dry run: one planted unit per variant, in turn
            shows, seen = [], Counter()
            for name, (doc, labels, _) in sorted(results[lang][5].items()):
                for i, lab in sorted(labels.items()):
                    if seen[lab.plant.key] < 1 + a.show // 30:
                        seen[lab.plant.key] += 1
                        shows.append(("planted", name, doc[i], lab.plant, []))
        for what, name, u, p, fs in shows:
            label = f"{what} {p.key if p else ''} {p.detail if p else ''}"
            if shown >= a.show or a.show_only not in label:
                continue
            shown += 1
            print(f"  {what} {p.key + ' [' + p.detail + ']' if p else ''} {name} {u.id}")
            if p:
                print(f"      src: {excerpt(u.src, [])[:200]}")
            print(f"      tgt: {excerpt(u.tgt, p.spans if p else [])}")
            if not a.dry_run:
                print(f"      findings: {describe(fs)}")
        summary[lang] = json_figures(tally, clean, ndocs, nunits)
        status = max(status, 0 if ok else 1)
    if a.json:
        js = json.dumps({"seed": a.seed, "min_recall": a.min_recall, "max_flagged": a.max_flagged,
                         "dry_run": a.dry_run, "unsupported": unsupported, "languages": summary},
                        ensure_ascii=False, indent=1)
        if a.json == "-":
            print(js)
        else:
            with open(a.json, "w", encoding="utf-8") as f:
                f.write(js + "\n")
    if a.dry_run:
        return 0
    return 2 if unsupported else status


def json_figures(tally, clean, ndocs, nunits):
    kinds = {}
    for fam, var, expect, _, _ in VARIANTS:
        if expect == "defect":
            k = kinds.setdefault(fam, Counter())
            k["planted"] += tally[(fam, var)]["planted"]
            k["caught"] += tally[(fam, var)]["caught"]
    return {"documents": ndocs, "units": nunits, "kinds": {k: dict(v) for k, v in kinds.items()},
            "variants": {f"{k[0]}/{k[1]}": dict(v) for k, v in tally.items() if len(k) == 2 and k[0] != "natural"},
            "details": {f"{k[0]}/{k[1]}/{k[2]}": dict(v) for k, v in tally.items() if len(k) == 3 and k[2]},
            "natural": {f"{fam}/{var}": dict(tally[("natural", var)]) for fam, var, _ in NATURAL},
            "clean": dict(clean)}


def print_language(lang, tally, clean, ndocs, nunits, a, dry=False):
    """Print one language's table; return whether it meets the targets."""
    planted = sum(v["planted"] for k, v in tally.items() if len(k) == 2)
    print(f"== {lang}: {ndocs} documents, {nunits} units, {planted} planted (seed {a.seed})")
    ok = True
    print(f"   {'defect':44s} {'caught':>7s}/{'planted':<7s} recall")
    for fam in FAMILIES:
        rows = [v for v in VARIANTS if v[0] == fam]
        kp = sum(tally[(fam, v[1])]["planted"] for v in rows if v[2] == "defect")
        kc = sum(tally[(fam, v[1])]["caught"] for v in rows if v[2] == "defect")
        if kp and not dry:
            print(f"   {fam + ' (all defects)':44s} {kc:7d}/{kp:<7d} {kc / kp:.2f}")
        for f, var, expect, _, only in rows:
            if only is not None and lang not in only:
                continue
            t = tally[(f, var)]
            if expect == "defect":
                if not t["planted"]:
                    print(f"   {f + '/' + var:44s} {'':>7s} {'0':<7s} (not planted: no unit it applies to)")
                    continue
                r = t["caught"] / t["planted"]
                ok &= dry or r >= a.min_recall
                if dry:
                    print(f"   {f + '/' + var:44s} {'-':>7s}/{t['planted']:<7d} (dry run)")
                    continue
                print(f"   {f + '/' + var:44s} {t['caught']:7d}/{t['planted']:<7d} {r:.2f}")
                if a.details:
                    for k in sorted(k for k in tally if len(k) == 3 and k[:2] == (f, var) and k[2]):
                        tt = tally[k]
                        print(f"       {k[2]:40s} {tt['caught']:7d}/{tt['planted']:<7d} {tt['caught'] / tt['planted']:.2f}")
    cons = [tally[("consistency", v)] for v in ("same-source-two-ways", "two-sources-one-translation")]
    others = sum(t["caught"] for k, t in tally.items() if len(k) == 2 and k[0] != "consistency")
    if not dry and not a.no_segments and others and not sum(t["caught"] for t in cons):
        print("   (no consistency plant caught: if --segments makes every unit its own document, the "
              "kind cannot compare units; try --no-segments)")
    print(f"   {'silent (value-preserving: must be 0 flagged)':44s} {'flagged':>7s}/{'planted':<7s}")
    for f, var, expect, _, only in VARIANTS:
        if expect != "silent" or (only is not None and lang not in only):
            continue
        t = tally[(f, var)]
        ok &= dry or t["flagged"] == 0
        mark = "" if not t["flagged"] else "  <- must be 0"
        note = "" if t["planted"] else "  (not planted: no unit it applies to)"
        print(f"   {f + '/' + var:44s} {t['flagged']:7d}/{t['planted']:<7d}{mark}{note}")
        if a.details:
            for k in sorted(k for k in tally if len(k) == 3 and k[:2] == (f, var) and k[2]):
                print(f"       {k[2]:40s} {tally[k]['flagged']:7d}/{tally[k]['planted']:<7d}")
    t = tally[("placeholders", "reordered")]
    print(f"   {'minor: placeholders/reordered':44s} {t['minor']:7d}/{t['planted']:<7d} caught by a minor finding "
          f"({t['severe']} by a major or critical one, {t['planted'] - t['minor'] - t['severe']} by none)")
    if a.details:
        for k in sorted(k for k in tally if len(k) == 3 and k[:2] == ("placeholders", "reordered")):
            print(f"       {k[2]:40s} {tally[k]['minor']:7d}/{tally[k]['planted']:<7d}")
    print(f"   {'silent, already in the corpus (clean units)':44s} {'flagged':>7s}/{'units':<7s}")
    for fam, var, what in NATURAL:
        t = tally[("natural", var)]
        if t["units"]:
            print(f"   {fam + '/' + var:44s} {t['flagged']:7d}/{t['units']:<7d} {what}")
    share = clean["flagged"] / max(1, clean["units"])
    ok &= dry or share <= a.max_flagged
    print(f"   clean units flagged: {clean['flagged']}/{clean['units']} = {share:.2%} "
          f"({clean['new']} with a finding caused by a plant elsewhere in the document)")
    rules = sorted(((k[5:], v) for k, v in clean.items() if k.startswith("rule:")), key=lambda x: -x[1])
    if rules:
        more = f", and {len(rules) - 10} more rules" if len(rules) > 10 else ""
        print("   findings on clean units by rule: " + ", ".join(f"{r} {n}" for r, n in rules[:10]) + more)
    return ok


if __name__ == "__main__":
    sys.exit(main())
