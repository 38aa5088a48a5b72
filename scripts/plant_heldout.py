#!/usr/bin/env python3
"""Held-out generalisation check: plant anomalies with words and variants plant.py never uses.

`../shared/tools/plant.py` plants ten kinds of anomaly into TICO-19 Bengali with small fixed
word lists (14 English nouns, 10 English function words, 6 attribution clauses, 4 detached
endings, 7 consonant swaps, 3 phalas, 6 marks). A checker tuned on it can reach recall 1.0 by
knowing those lists. This script plants the SAME ten kinds, scored the SAME way, but the way a
different evaluator would build them:

  - other base text: TICO-19 Bengali (professional, modern, COVID domain) and/or Bengali
    Wikisource (Tagore's গীতাঞ্জলি, Abanindranath's শকুন্তলা, পাণ্ডব গীতা: literary, sadhu bhasha,
    poetry, Sanskrit verse), split into sentence/line-sized paragraphs of >= 20 characters;
  - other vocabulary: none of plant.py's English words, attribution clauses, endings, swaps,
    phalas or marks (see the lists below; each list says what it avoids);
  - other variants of each kind, each its own SUB-VARIANT so recall is reported per
    sub-variant (e.g. a detached ending as ` -এর`, `- এর`, ` - এর`, ` গুলোর`; a spelling variant
    by vowel length, র/ড়, ত/ৎ, aspiration, a letter doubled or dropped, a transposition...).

Scoring is plant.py's: documents of N lines, about half the lines (never the first) get one
anomaly each; `BIN check --format json` runs on the documents; a planted anomaly is caught
when a finding on its line overlaps the planted text (here: the exact planted span; for a
duplicated attribution either clause; for an untranslated line any finding on the line); any
finding on an untouched line is a false alarm.

Differences from plant.py beyond vocabulary: which lines get planted is decided before planting,
so a spelling variant's majority is counted only on lines that stay as they are; sub-variants
are taken in turn within each kind; a plant on a line where its sub-variant does not apply falls
through to the kind's other sub-variants, then to the next kind (as in plant.py). Wikisource
has only ~460 paragraphs, so its documents overlap across a run: the false-alarm line also
counts distinct flagged lines.

Some sub-variants are deliberately outside what mtqc's README claims (a capitalised English
word opening a line, `অা` for `আ`, a spelling variant by vowel length). They are reported
separately so one can decide whether the rules should catch them; `detail` columns
(--details) split them further (for spelling variants: whether the variant is itself a word
attested in the corpora, i.e. possibly an accepted spelling rather than a typo).

usage: plant_heldout.py BIN [--text tico|wikisource|both] [--seed N|A-B|A,B,..] [--docs N]
                        [--per-doc N] [--keep DIR] [--show N] [--show-only SUBSTR] [--details]
                        [--min-recall R] [--max-flagged F] [-- ARGS for `BIN check`]
Several seeds (`--seed 1-5`) are pooled: each seed plants --docs documents.
Exit 0 when every kind's recall >= R and the share of untouched lines flagged <= F.
Python 3.11, standard library only. Corpus files are read in place, never copied.
"""
import argparse
import glob
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.environ.get("MTQC_SHARED", os.path.join(HERE, "..", "..", "shared"))
TICO = os.path.join(SHARED, "corpus", "tico19", "plain")
WIKISOURCE = os.path.join(SHARED, "corpus", "bn-wikisource-cltk")

# ---------------------------------------------------------------------------------------------
# Bengali characters

VIRAMA, NUKTA = "\u09CD", "\u09BC"
CONSONANTS = {chr(c) for c in range(0x0995, 0x09BA)} | {"\u09DC", "\u09DD", "\u09DF"}
VOWEL_LETTERS = {chr(c) for c in range(0x0985, 0x0995)} - {"\u098D", "\u098E", "\u0991", "\u0992"}
VOWEL_SIGNS = {chr(c) for c in range(0x09BE, 0x09C5)} | {"\u09C7", "\u09C8", "\u09CB", "\u09CC"}
MARKS = VOWEL_SIGNS | {"\u0981", "\u0982", "\u0983", NUKTA, VIRAMA, "\u09D7"}
BN_DIGITS = "০১২৩৪৫৬৭৮৯"
# A Bengali word: letters and marks, no digits, no danda.
BN_WORD = re.compile(r"[\u0981-\u0983\u0985-\u09B9\u09BC-\u09CE\u09D7\u09DC-\u09E3\u09F0\u09F1]+")
NUMBER = re.compile(r"(?<![0-9০-৯A-Za-z.,])[0-9০-৯]+(?:[,.][0-9০-৯]+)*(?![0-9০-৯A-Za-z])")

# ---------------------------------------------------------------------------------------------
# Held-out vocabulary. None of these is in plant.py's lists.

# 60 English nouns, verbs and adjectives (plant.py: table water north paper light money house
# train green story field metal round pressure).
ENGLISH_CONTENT = [
    "window", "river", "garden", "winter", "doctor", "market", "school", "bridge", "cloud",
    "engine", "signal", "danger", "health", "report", "season", "village", "number", "result",
    "border", "island", "mountain", "bottle", "letter", "speed", "voice", "weather", "office",
    "planet", "forest", "silver", "kitchen", "animal", "corner", "finger", "shadow", "battery",
    "ticket", "summer", "blanket", "mirror", "carry", "build", "grow", "speak", "arrive",
    "protect", "measure", "decide", "travel", "open", "quick", "strong", "bright", "empty",
    "heavy", "early", "quiet", "careful", "public", "fresh", "simple", "daily", "wide",
]
# English function words (plant.py: the and from into while because before through without until).
ENGLISH_TWO_LETTER = ["of", "to", "in", "on", "at", "by", "as", "is", "or", "so", "if", "it",
                      "an", "be", "no", "up", "we"]
ENGLISH_FUNCTION = [
    "with", "but", "then", "which", "about", "after", "over", "under", "however", "also", "only",
    "than", "that", "this", "there", "when", "where", "such", "very", "against", "between",
    "during", "among", "since", "although", "upon", "within", "across", "these", "those",
    "their", "some", "more", "most", "has", "had", "was", "were", "are", "not", "just", "even",
    "still", "both", "either", "whose", "onto", "towards",
]
ENGLISH_OPENERS = ["However,", "Also,", "But", "Meanwhile,", "Therefore,", "Moreover,", "Then",
                   "So", "Still,", "Instead,", "Furthermore,", "Finally,"]

# Attribution: subjects by verb agreement (h honorific, n plain, p passive "in the statement").
# plant.py: তিনি জানান, মুখপাত্র বলেন, প্রতিবেদনে বলা হয়েছে, গবেষকরা জানিয়েছেন,
# কর্তৃপক্ষ জানিয়েছে, সরকার জানিয়েছে.
SUBJECTS = {
    "h": ["মন্ত্রী", "প্রধানমন্ত্রী", "বিশেষজ্ঞরা", "কর্মকর্তারা", "চিকিৎসকরা", "বিজ্ঞানীরা",
          "রাষ্ট্রপতি", "তাঁরা", "অধ্যাপক", "চেয়ারম্যান", "স্বাস্থ্য বিশেষজ্ঞরা", "জেলা প্রশাসক",
          "জাতিসংঘের মহাসচিব"],
    "n": ["পুলিশ", "সূত্র", "সংস্থাটি", "তারা", "কমিশন", "মন্ত্রণালয়", "দলটি", "কোম্পানিটি",
          "হাসপাতালটি", "বার্তা সংস্থা"],
    "p": ["বিবৃতিতে", "নথিতে", "ঘোষণায়", "প্রতিবেদনটিতে", "চিঠিতে"],
}
VERBS = {  # lemma -> register -> forms (several tenses)
    "বলা": {"h": ["বলেছেন", "বলেছিলেন", "বলেন", "বলছেন"], "n": ["বলেছে", "বলেছিল", "বলল", "বলছে"],
            "p": ["বলা হয়েছে", "বলা হয়"]},
    "জানানো": {"h": ["জানিয়েছেন", "জানান", "জানিয়েছিলেন"], "n": ["জানিয়েছে", "জানায়", "জানিয়েছিল"],
               "p": ["জানানো হয়েছে", "জানানো হয়"]},
    "উল্লেখ করা": {"h": ["উল্লেখ করেন", "উল্লেখ করেছেন"], "n": ["উল্লেখ করেছে", "উল্লেখ করে"],
                   "p": ["উল্লেখ করা হয়েছে"]},
    "দাবি করা": {"h": ["দাবি করেছেন", "দাবি করেন"], "n": ["দাবি করেছে", "দাবি করে"],
                 "p": ["দাবি করা হয়েছে"]},
    "মন্তব্য করা": {"h": ["মন্তব্য করেন", "মন্তব্য করেছেন"], "n": ["মন্তব্য করেছে"]},
    "ব্যাখ্যা করা": {"h": ["ব্যাখ্যা করেন", "ব্যাখ্যা করেছেন"], "n": ["ব্যাখ্যা করেছে"]},
    "নিশ্চিত করা": {"h": ["নিশ্চিত করেছেন", "নিশ্চিত করেন"], "n": ["নিশ্চিত করেছে"],
                   "p": ["নিশ্চিত করা হয়েছে"]},
    "যোগ করা": {"h": ["যোগ করেন", "যোগ করেছেন"], "n": ["যোগ করেছে"]},
    "সতর্ক করা": {"h": ["সতর্ক করেছেন", "সতর্ক করেন"], "n": ["সতর্ক করেছে"]},
    "স্বীকার করা": {"h": ["স্বীকার করেছেন", "স্বীকার করেন"], "n": ["স্বীকার করেছে"]},
    "অভিযোগ করা": {"h": ["অভিযোগ করেছেন", "অভিযোগ করেন"], "n": ["অভিযোগ করেছে"]},
}

# Detached endings (plant.py: -র -টি -গুলো -দের, each after a space). An ending is only put
# after a word the corpora attest with it attached (ATTACHED: `-এর` is `ের` on a Bengali word).
DETACHED_ENDINGS = ["এর", "এ", "কে", "তে", "য়", "রা", "টা", "টির", "গুলি", "গুলোর", "গুলিতে", "য়ের"]
ATTACHED = {"এর": ["ের", "এর"], "এ": ["ে", "এ"]}
# Endings that are never words of their own, so a plain space before them is a slip.
OBVIOUS_ENDINGS = ["গুলি", "গুলোর", "গুলিতে", "গুলোকে", "টা", "টির", "টাকে", "দেরকে", "খানা"]
SIGN_ENDINGS = ["ের", "েরা", "ে"]

# Orphan marks (plant.py: nukta, anusvara, candrabindu, া ি ে).
ORPHAN_MARKS = ["\u09C1", "\u09C2", "\u09C3", "\u09C8", "\u09CB", "\u09CC", "\u09C0", "\u0983",
                VIRAMA, "\u09D7", "\u0981"]
SPLIT_SIGNS = {"\u09C1", "\u09C2", "\u09C3", "\u09C8", "\u09CB", "\u09CC", "\u09C0"}
# Legacy-encoding vowels: an independent vowel written as অ + a vowel sign.
LEGACY_VOWELS = {"আ": "অা", "ও": "অো", "ঔ": "অৌ"}

# Phalas (plant.py: ্র ্ব ্ম); ্র is kept because plant.py only doubles it in a few words.
PHALAS = {"phala-ya": VIRAMA + "য", "phala-la": VIRAMA + "ল", "phala-na": VIRAMA + "ন",
          "phala-ra": VIRAMA + "র"}
DOUBLED_SIGNS = ["\u09C1", "\u09C2", "\u09C3", "\u09C8", "\u09CB", "\u09CC", "\u09C0"]
OTHER_MARKS = ["\u0982", "\u0981", "\u0983", VIRAMA, NUKTA]

# Spelling edits (plant.py: ন/ণ শ/ষ/স জ/য consonant swaps only).
ASPIRATION = [("ব", "ভ"), ("দ", "ধ"), ("ক", "খ"), ("গ", "ঘ"), ("চ", "ছ"), ("ট", "ঠ"), ("প", "ফ"),
              ("ত", "থ")]

# Words Bengali reduplicates on purpose; never planted as `X X` (a different evaluator's list,
# written without looking at mtqc's allow-list). Words ending in -ে (locatives, participles:
# ঘরে ঘরে, যেতে যেতে) are skipped too.
REDUPLICATIVES = {"ধীরে", "আস্তে", "মাঝে", "পাশে", "কাছে", "দূরে", "সাথে", "সঙ্গে", "পরে", "আগে",
                  "হাজার", "লাখ", "কোটি", "শত", "অনেক", "নানা", "কত", "বড়", "বড়", "ছোট", "ছোটো",
                  "ভালো", "ঘুরে", "ফিরে", "কী", "কি", "কে", "যে", "যা", "কোন", "কোনো", "সারি",
                  "দলে", "বার", "পর", "এক", "দুই", "গুন্", "টুকরো", "হায়", "হায়", "জন", "দিন"}


# ---------------------------------------------------------------------------------------------
# Small helpers


def is_consonant(c):
    return c in CONSONANTS


def standalone(w, i):
    """w[i] is a consonant outside any conjunct (no virama on either side, no nukta after)."""
    return (is_consonant(w[i]) and (i == 0 or w[i - 1] != VIRAMA)
            and (i + 1 >= len(w) or w[i + 1] not in (VIRAMA, NUKTA)))


# Characters that glue a Bengali run to more of the same word (`হ’য়ে`, `বল্‌লে`, `COVID-19-এর`).
WORD_GLUE = "’'-‐–\u200c\u200d"


def words(line, min_len=1):
    """Whole Bengali words (not fragments cut at an apostrophe, hyphen or joiner) starting with
    a letter, at least min_len characters long."""
    return [m for m in BN_WORD.finditer(line) if len(m.group()) >= min_len and m.group()[0] not in MARKS
            and (m.start() == 0 or line[m.start() - 1] not in WORD_GLUE)
            and (m.end() == len(line) or line[m.end()] not in WORD_GLUE)]


def gaps(line):
    """Offsets of single spaces between two Bengali words."""
    return [m.start() for m in re.finditer(r"(?<=[\u0981-\u09E3]) (?=[\u0985-\u09B9\u09DC-\u09DF])", line)]


def splice(line, start, end, new, inner=None):
    """Replace line[start:end] by new; return the new line and the span of new (or of the
    sub-span inner=(a, b) of new) in it."""
    a, b = inner if inner else (0, len(new))
    return line[:start] + new + line[end:], [(start + a, start + b)]


def attested(vocab, w):
    """w (NFC) is a word of the base corpora."""
    return unicodedata.normalize("NFC", w) in vocab


def to_digits(s, bengali):
    table = str.maketrans("0123456789", BN_DIGITS) if bengali else str.maketrans(BN_DIGITS, "0123456789")
    return s.translate(table)


def digit_system(s):
    return {"bn" if c in BN_DIGITS else "ascii" for c in s if c.isdigit()}


class Ctx:
    """What a planter may look at: the document, the line's index, its aligned English."""

    def __init__(self, doc, i, english_pool, vocab, final):
        self.lines, self.english, self.source = doc["lines"], doc["english"], doc["source"]
        self.i, self.english_pool, self.vocab = i, english_pool, vocab
        self.final = final  # indices of the other lines that will not change any more

    def doc_uses_bengali_digits(self):
        text = "".join(self.lines)
        bn = sum(c in BN_DIGITS for c in text)
        ascii_ = sum(c in "0123456789" for c in text)
        return bn > ascii_ or (bn == ascii_ and self.source == "wikisource")


# ---------------------------------------------------------------------------------------------
# Planters: one function per sub-variant, (line, rnd, ctx) -> (new line, spans, detail) or None.


# latin-inside-word ---------------------------------------------------------------------------

def _latin_cut(line, rnd, joint):
    ws = words(line, 5)
    rnd.shuffle(ws)
    for m in ws:
        w = m.group()
        cuts = [i for i in range(2, len(w) - 1) if w[i - 1] != VIRAMA
                and (w[i] in CONSONANTS or w[i] in VOWEL_LETTERS or w[i] in VOWEL_SIGNS)]
        if not cuts:
            continue
        i, e = rnd.choice(cuts), rnd.choice(ENGLISH_CONTENT)
        new = w[:i] + joint[0] + e + joint[1] + w[i:]
        at = i + len(joint[0])
        detail = "before-sign" if w[i] in VOWEL_SIGNS else "before-letter"
        return (*splice(line, m.start(), m.end(), new, (at, at + len(e))), detail)


def latin_glued(line, rnd, ctx):
    return _latin_cut(line, rnd, ("", ""))


def latin_space_left(line, rnd, ctx):
    return _latin_cut(line, rnd, (" ", ""))


def latin_space_right(line, rnd, ctx):
    return _latin_cut(line, rnd, ("", " "))


def latin_spaced(line, rnd, ctx):
    return _latin_cut(line, rnd, (" ", " "))


def latin_stem_with_ending(line, rnd, ctx):
    """An English word standing for a Bengali one, with a Bengali ending glued on (`bridgeগুলো`)."""
    ws = words(line, 3)
    if not ws:
        return None
    m = rnd.choice(ws)
    ending = rnd.choice(["ের", "এর", "কে", "তে", "গুলো", "গুলি", "টি", "দের", "রা", "য়"])
    e = rnd.choice(ENGLISH_CONTENT)
    return (*splice(line, m.start(), m.end(), e + ending), ending)


# orphan-mark ---------------------------------------------------------------------------------

def orphan_split_before_sign(line, rnd, ctx):
    ws = [m for m in words(line, 3) if any(c in SPLIT_SIGNS for c in m.group()[1:])]
    if not ws:
        return None
    m = rnd.choice(ws)
    w = m.group()
    i = rnd.choice([i for i in range(1, len(w)) if w[i] in SPLIT_SIGNS])
    return (*splice(line, m.start(), m.end(), w[:i] + " " + w[i:], (i, i + 2)), w[i])


def orphan_after_space(line, rnd, ctx):
    g = gaps(line)
    if not g:
        return None
    at, mark = rnd.choice(g) + 1, rnd.choice(ORPHAN_MARKS)
    if rnd.random() < 0.5:  # glued to the next word
        return line[:at] + mark + line[at:], [(at, at + 1)], "glued-" + mark
    return line[:at] + mark + " " + line[at:], [(at, at + 1)], "alone-" + mark


def orphan_after_punct(line, rnd, ctx):
    spots = [m.end() for m in re.finditer(r"[,;:।?!“”‘’()\-—]", line)]
    if not spots:
        return None
    at, mark = rnd.choice(spots), rnd.choice(ORPHAN_MARKS)
    return line[:at] + mark + line[at:], [(at, at + 1)], line[at - 1]


def orphan_line_start(line, rnd, ctx):
    mark = rnd.choice(ORPHAN_MARKS)
    return mark + line, [(0, 1)], mark


def orphan_split_conjunct(line, rnd, ctx):
    ws = [m for m in words(line, 4) if VIRAMA in m.group()[1:-1]]
    if not ws:
        return None
    m = rnd.choice(ws)
    w = m.group()
    i = rnd.choice([i for i in range(1, len(w) - 1) if w[i] == VIRAMA])
    return (*splice(line, m.start(), m.end(), w[:i] + " " + w[i:], (i, i + 2)), "virama")


def orphan_on_vowel_letter(line, rnd, ctx):
    """A vowel sign on an independent vowel (`অা` for `আ`): the sign has no consonant base."""
    spots = [(m.start(), v) for v in LEGACY_VOWELS for m in re.finditer(v, line)]
    if not spots:
        return None
    at, v = rnd.choice(spots)
    return line[:at] + LEGACY_VOWELS[v] + line[at + 1:], [(at, at + 2)], LEGACY_VOWELS[v]


# mixed-digits --------------------------------------------------------------------------------

def _quantity(line, rnd, ctx, want):
    """A number of the line usable for `want` ('plain', 'grouped', 'decimal'), or a new one
    inserted before a counter word; returns (start, end, digits text, bengali base, detail)."""
    bengali = ctx.doc_uses_bengali_digits()
    if rnd.random() < 0.3:
        bengali = not bengali
    found = []
    for m in NUMBER.finditer(line):
        s = m.group()
        if line[max(0, m.start() - 1):m.start()] in ("-", "/"):  # a code or a date part
            continue
        if want == "plain" and re.fullmatch(r"[0-9০-৯]{2,}", s):
            found.append(m)
        elif want == "grouped" and re.fullmatch(r"[0-9০-৯]{4,}|[0-9০-৯]{1,3}(,[0-9০-৯]{2,3})+", s):
            found.append(m)
        elif want == "decimal" and re.fullmatch(r"[0-9০-৯]+(\.[0-9০-৯]+)?", s):
            found.append(m)
    if found:
        m = rnd.choice(found)
        return m.start(), m.end(), to_digits(m.group(), bengali), bengali, "existing"
    g = gaps(line)
    if not g:
        return None
    at = rnd.choice(g) + 1
    value = {"plain": str(rnd.randint(10, 999)), "grouped": str(rnd.randint(1000, 999999)),
             "decimal": f"{rnd.randint(1, 99)}.{rnd.randint(1, 99)}"}[want]
    counter = rnd.choice(["জন", "টি", "বার", "বছর", "টাকা", "কিলোমিটার", "শতাংশ"])
    return at, at, to_digits(value, bengali) + " " + counter + " ", bengali, "inserted"


def _flip(ch):
    return to_digits(ch, ch in "0123456789")


def _mixed(line, rnd, ctx, want, mix):
    got = _quantity(line, rnd, ctx, want)
    if not got:
        return None
    start, end, text, bengali, detail = got
    m = re.match(r"[0-9০-৯][0-9০-৯,.]*", text)
    num = m.group()
    if want == "grouped" and "," not in num:
        digits = num.replace(",", "")
        if rnd.random() < 0.5 and len(digits) > 5:  # Indian grouping: 12,34,567
            head, tail = digits[:-3], digits[-3:]
            groups = [head[max(0, i - 2):i] for i in range(len(head), 0, -2)][::-1]
            num = ",".join(groups + [tail])
        else:
            num = f"{int(to_digits(digits, False)):,}"
            num = to_digits(num, bengali)
    if want == "decimal" and "." not in num:
        num = num + "." + to_digits(str(rnd.randint(1, 9)), bengali)
    new = mix(num)
    if len(digit_system(new)) < 2:
        return None
    text = new + text[m.end():]
    base = "base-bengali" if bengali else "base-ascii"
    return line[:start] + text + line[end:], [(start, start + len(new))], f"{base},{detail}"


def _mix_some(num, rnd):
    idx = [i for i, c in enumerate(num) if c.isdigit()]
    picks = set(rnd.sample(idx, rnd.randint(1, len(idx) - 1)))
    return "".join(_flip(c) if i in picks else c for i, c in enumerate(num))


def digits_plain(line, rnd, ctx):
    return _mixed(line, rnd, ctx, "plain", lambda n: _mix_some(n, rnd))


def digits_grouped(line, rnd, ctx):
    return _mixed(line, rnd, ctx, "grouped", lambda n: _mix_some(n, rnd))


def digits_group_boundary(line, rnd, ctx):
    """One whole group in the other system: `১২,500`."""
    def mix(n):
        parts = n.split(",")
        k = rnd.randrange(len(parts))
        return ",".join(_flip_all(p) if j == k else p for j, p in enumerate(parts))
    return _mixed(line, rnd, ctx, "grouped", mix)


def _flip_all(s):
    return "".join(_flip(c) if c.isdigit() else c for c in s)


def digits_decimal(line, rnd, ctx):
    """The two sides of the decimal point in two systems: `3.৫`."""
    def mix(n):
        a, b = n.split(".", 1)
        return (_flip_all(a) + "." + b) if rnd.random() < 0.5 else (a + "." + _flip_all(b))
    return _mixed(line, rnd, ctx, "decimal", mix)


# duplicated-attribution ----------------------------------------------------------------------

def _attribution_body(line):
    body = line.rstrip()
    body = re.sub(r"[\s।.!?,;]+$", "", body)
    if len(body) < 25 or re.search(r"[।?!]", body) or not BN_WORD.search(body):
        return None
    return body


def _clause(rnd, registers=("h", "n", "p")):
    lemma = rnd.choice(list(VERBS))
    regs = [r for r in registers if r in VERBS[lemma]]
    reg = rnd.choice(regs)
    return rnd.choice(SUBJECTS[reg]), lemma, VERBS[lemma][reg]


def _build(parts):
    """Join text parts; parts marked as clauses (tuples) give the spans."""
    out, spans = "", []
    for p in parts:
        if isinstance(p, tuple):
            spans.append((len(out), len(out) + len(p[0])))
            p = p[0]
        out += p
    return out, spans


def _attribution(line, rnd, shape, registers=("h", "n", "p")):
    body = _attribution_body(line)
    if not body:
        return None
    s, lemma, forms = _clause(rnd, registers)
    v = rnd.choice(forms)
    if shape == "quoted":
        parts = [(f"{s} {v}",), f", “{body},” ", (f"{s} {v}",), "।"]
    elif shape == "plain":
        parts = [(f"{s} {v}",), f", {body}, ", (f"{s} {v}",), "।"]
    elif shape == "tense-mix":
        if len(forms) < 2:
            return None
        v1, v2 = rnd.sample(forms, 2)
        parts = [(f"{s} {v1}",), f", {body}, ", (f"{s} {v2}",), "।"]
    elif shape == "inverted":
        parts = [(f"{s} {v}",), f", {body}, ", (f"{v} {s}",), "।"]
    elif shape == "quotative":
        parts = [(f"{s} {v}",), f", {body} বলে ", (f"{s} {v}",), "।"]
    else:  # quotative-inverted: `…, … বলে জানান মন্ত্রী।`
        parts = [(f"{s} {v}",), f", {body} বলে ", (f"{v} {s}",), "।"]
    new, spans = _build(parts)
    return new, spans, lemma


# Reporting verbs that mtqc's Bengali lexicon does not list: only the shape of the sentence (one
# clause opening and closing it) can give the duplicate away.
UNLISTED_VERBS = ["প্রশ্ন তোলেন", "জোর দেন", "ইঙ্গিত দিয়েছেন", "আশঙ্কা করছেন", "বর্ণনা করেন",
                  "স্মরণ করিয়ে দেন", "মত দিয়েছেন", "ব্যাখ্যা দিয়েছেন", "সমালোচনা করেন"]


def attribution_unlisted(line, rnd, ctx):
    body = _attribution_body(line)
    if not body:
        return None
    clause = f"{rnd.choice(SUBJECTS['h'])} {rnd.choice(UNLISTED_VERBS)}"
    quote = rnd.random() < 0.5
    inner = f", “{body},” " if quote else f", {body}, "
    new, spans = _build([(clause,), inner, (clause,), "।"])
    return new, spans, "unlisted"


# repeated-word -------------------------------------------------------------------------------

def _repeatable(w):
    return w not in REDUPLICATIVES and not w.endswith("ে")


def repeat_adjacent(line, rnd, ctx):
    ws = [m for m in words(line, 3) if _repeatable(m.group())]
    if not ws:
        return None
    m = rnd.choice(ws)
    w = m.group()
    return (*splice(line, m.start(), m.end(), f"{w} {w}"), "")


def _repeat_coordinated(line, rnd, conj):
    ws = words(line, 3)
    if not ws:
        return None
    m = rnd.choice(ws)
    w = m.group()
    return (*splice(line, m.start(), m.end(), f"{w} {conj} {w}"), "")


def _inflect(w):
    return w + ("ের" if w[-1] in CONSONANTS else "র")


def _uninflected(line, ctx):
    """Words whose genitive (`-ের`/`-র`) the corpora attest: nouns, not verbs."""
    return [m for m in words(line, 4) if m.group()[-1] != VIRAMA and attested(ctx.vocab, _inflect(m.group()))
            and not re.search(r"(র|ের|দের|কে|তে|টি|গুলো|গুলি)$", m.group())]


def repeat_coord_inflected(line, rnd, ctx):
    """`সংক্রমণ ও সংক্রমণের হার`: the second conjunct inflected."""
    ws = _uninflected(line, ctx)
    if not ws:
        return None
    m = rnd.choice(ws)
    w, conj = m.group(), rnd.choice(["ও", "এবং", "বা"])
    return (*splice(line, m.start(), m.end(), f"{w} {conj} {_inflect(w)}"), conj)


def repeat_adjacent_inflected(line, rnd, ctx):
    """`ভাইরাস ভাইরাসের`: a stutter with the second copy inflected."""
    ws = _uninflected(line, ctx)
    if not ws:
        return None
    m = rnd.choice(ws)
    w = m.group()
    return (*splice(line, m.start(), m.end(), f"{w} {_inflect(w)}"), "")


def repeat_phrase(line, rnd, ctx):
    """A two-word phrase said twice: `করোনা ভাইরাস করোনা ভাইরাস`."""
    pairs = [m for m in re.finditer(BN_WORD.pattern + " " + BN_WORD.pattern, line)
             if m.group()[0] not in MARKS and len(m.group()) >= 6
             and (m.start() == 0 or line[m.start() - 1] not in WORD_GLUE)
             and (m.end() == len(line) or line[m.end()] not in WORD_GLUE)]
    if not pairs:
        return None
    m = rnd.choice(pairs)
    p = m.group()
    return (*splice(line, m.start(), m.end(), f"{p} {p}"), "")


# malformed-cluster ---------------------------------------------------------------------------

def _doubled_phala(line, rnd, name):
    p = PHALAS[name]
    ws = [m for m in words(line) if p in m.group()[1:]]
    if not ws:
        return None
    m = rnd.choice(ws)
    w = m.group()
    spots = [i for i in range(1, len(w)) if w.startswith(p, i)]
    i = rnd.choice(spots)
    return (*splice(line, m.start(), m.end(), w[:i] + p + w[i:]), "")


def _double_mark(line, rnd, marks, insert=None):
    ws = [m for m in words(line) if any(c in marks for c in m.group()[1:])]
    if not ws:
        return None
    m = rnd.choice(ws)
    w = m.group()
    i = rnd.choice([i for i in range(1, len(w)) if w[i] in marks])
    add = insert(w[i]) if insert else w[i]
    if add is None:
        return None
    return (*splice(line, m.start(), m.end(), w[:i + 1] + add + w[i + 1:]), w[i] + add)


def cluster_same_sign(line, rnd, ctx):
    return _double_mark(line, rnd, set(DOUBLED_SIGNS))


def cluster_two_signs(line, rnd, ctx):
    """Two different vowel signs on one consonant (`কিা`)."""
    others = ["\u09BE", "\u09BF", "\u09C0", "\u09C1", "\u09C2", "\u09C7", "\u09CB"]
    return _double_mark(line, rnd, VOWEL_SIGNS,
                        lambda s: rnd.choice([o for o in others if o != s and not (s + o in ("\u09C7\u09BE",))]))


def cluster_other_mark(line, rnd, ctx):
    """Anusvara, candrabindu, visarga, virama or nukta written twice."""
    got = _double_mark(line, rnd, set(OTHER_MARKS))
    if got is None:  # a precomposed nukta letter: add a nukta
        ws = [m for m in words(line) if any(c in "\u09DC\u09DD\u09DF" for c in m.group())]
        if not ws:
            return None
        m = rnd.choice(ws)
        w = m.group()
        i = rnd.choice([i for i, c in enumerate(w) if c in "\u09DC\u09DD\u09DF"])
        return (*splice(line, m.start(), m.end(), w[:i + 1] + NUKTA + w[i + 1:]), w[i] + NUKTA)
    return got


def cluster_o_plus_aa(line, rnd, ctx):
    """ো or ৌ followed again by its second part (`কোা`, `কৌৗ`)."""
    return _double_mark(line, rnd, {"\u09CB", "\u09CC"},
                        lambda s: "\u09BE" if s == "\u09CB" else "\u09D7")


# untranslated-line ---------------------------------------------------------------------------

def _english_line(rnd, ctx, lo, hi):
    pool = [e for e in ctx.english_pool if lo <= len(e.split()) <= hi]
    return rnd.choice(pool) if pool else None


def _whole(e):
    return e, [(0, len(e))]


def untranslated_aligned(line, rnd, ctx):
    e = ctx.english[ctx.i] if ctx.english else None
    if not e or len(e.split()) < 4 or BN_WORD.search(e):
        return None
    return (*_whole(e), f"{min(len(e.split()), 20) // 5 * 5}+ words")


def untranslated_other(line, rnd, ctx):
    e = _english_line(rnd, ctx, 6, 60)
    return (*_whole(e), "") if e else None


def untranslated_short(line, rnd, ctx):
    e = _english_line(rnd, ctx, 3, 5)
    if not e:
        return None
    return (*_whole(e), "under-20-letters" if sum(c.isalpha() for c in e) < 20 else "20+-letters")


SMALL = {"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "from"}


def untranslated_title_case(line, rnd, ctx):
    e = _english_line(rnd, ctx, 4, 12)
    if not e:
        return None
    ws = re.sub(r"[.?!]+$", "", e).split()
    ap = rnd.random() < 0.5  # headline style keeps small words lowercase
    t = " ".join(w if (ap and i and w.lower() in SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(ws))
    return (*_whole(t), "small-words-lower" if ap else "every-word")


def untranslated_all_caps(line, rnd, ctx):
    e = _english_line(rnd, ctx, 4, 12)
    return (*_whole(re.sub(r"[.?!]+$", "", e).upper()), "") if e else None


# detached-suffix -----------------------------------------------------------------------------

def _suffix_host(line, rnd, ctx, endings):
    """A word of the line and an ending from `endings` that the corpora attest on that word
    (so the host is a noun that takes the ending, not a verb or a particle)."""
    ws = [m for m in words(line, 3) if m.group()[-1] in CONSONANTS | VOWEL_SIGNS | VOWEL_LETTERS]
    rnd.shuffle(ws)
    for m in ws:
        ok = [e for e in endings if any(attested(ctx.vocab, m.group() + x) for x in ATTACHED.get(e, [e]))]
        if ok:
            return m, rnd.choice(ok)
    return None


def _detach(line, rnd, ctx, fmt, endings=None):
    got = _suffix_host(line, rnd, ctx, endings or DETACHED_ENDINGS)
    if not got:
        return None
    m, e = got
    ins = fmt.format(e)
    return line[:m.end()] + ins + line[m.end():], [(m.end(), m.end() + len(ins))], e


def suffix_hyphen_space_before(line, rnd, ctx):
    return _detach(line, rnd, ctx, " -{}")


def suffix_hyphen_space_after(line, rnd, ctx):
    return _detach(line, rnd, ctx, "- {}")


def suffix_hyphen_spaced(line, rnd, ctx):
    return _detach(line, rnd, ctx, " - {}")


def suffix_space_only(line, rnd, ctx):
    return _detach(line, rnd, ctx, " {}", OBVIOUS_ENDINGS)


def suffix_space_er(line, rnd, ctx):
    """` এর` after a Bengali word: common in casual writing, wrong in edited text."""
    return _detach(line, rnd, ctx, " {}", ["এর"])


def suffix_sign_ending(line, rnd, ctx):
    """An ending that starts with a vowel sign, cut off (` ের`, ` -ের`)."""
    got = _suffix_host(line, rnd, ctx, SIGN_ENDINGS)
    if not got:
        return None
    m, e = got
    ins = rnd.choice([" ", " -"]) + e
    return line[:m.end()] + ins + line[m.end():], [(m.end(), m.end() + len(ins))], ins.strip()


# stray-english-word --------------------------------------------------------------------------

def _stray(line, rnd, choices, fmt="{}"):
    g = gaps(line)
    if not g:
        return None
    at, e = rnd.choice(g), rnd.choice(choices)
    ins = " " + fmt.format(e)
    return line[:at] + ins + line[at:], [(at + 1, at + 1 + len(e))], e


def stray_two_letter(line, rnd, ctx):
    return _stray(line, rnd, ENGLISH_TWO_LETTER)


def stray_function(line, rnd, ctx):
    return _stray(line, rnd, ENGLISH_FUNCTION)


def stray_with_comma(line, rnd, ctx):
    return _stray(line, rnd, ENGLISH_FUNCTION, "{},")


def stray_one_letter(line, rnd, ctx):
    return _stray(line, rnd, ["a"])


def stray_capitalised_initial(line, rnd, ctx):
    if not BN_WORD.match(line):
        return None
    e = rnd.choice(ENGLISH_OPENERS)
    n = len(e.rstrip(","))
    return e + " " + line, [(0, n)], e.rstrip(",")


def stray_after_number(line, rnd, ctx):
    spots = [m.end() for m in re.finditer(r"(?<![A-Za-z0-9০-৯\-])[0-9০-৯]+(?= [\u0985-\u09B9\u09DC-\u09DF])", line)]
    if not spots:
        return None
    at, e = rnd.choice(spots), rnd.choice(ENGLISH_TWO_LETTER + ENGLISH_FUNCTION)
    return line[:at] + " " + e + line[at:], [(at + 1, at + 1 + len(e))], e


# inconsistent-spelling -----------------------------------------------------------------------

def _edits(w, sub):
    """Every variant of w the edit `sub` makes, as (new word, detail)."""
    out = []
    n = len(w)
    for i in range(n):
        c = w[i]
        if sub == "vowel-i" and c in "িীইঈ":
            out.append((w[:i] + {"ি": "ী", "ী": "ি", "ই": "ঈ", "ঈ": "ই"}[c] + w[i + 1:], "ি/ী"))
        elif sub == "vowel-u" and c in "ুূউঊ":
            out.append((w[:i] + {"ু": "ূ", "ূ": "ু", "উ": "ঊ", "ঊ": "উ"}[c] + w[i + 1:], "ু/ূ"))
        elif sub == "ra-rra":
            if c == "র" and standalone(w, i) and i > 0:
                out.append((w[:i] + "\u09DC" + w[i + 1:], "র>ড়"))
            elif c == "\u09DC":
                out.append((w[:i] + "র" + w[i + 1:], "ড়>র"))
            elif c == "ড" and i + 1 < n and w[i + 1] == NUKTA:
                out.append((w[:i] + "র" + w[i + 2:], "ড়>র"))
        elif sub == "ta-khanda":
            if c == "\u09CE":
                out.append((w[:i] + "ত" + w[i + 1:], "ৎ>ত"))
            elif c == "ত" and standalone(w, i) and i > 0 and (i + 1 == n or w[i + 1] not in MARKS):
                out.append((w[:i] + "\u09CE" + w[i + 1:], "ত>ৎ"))
        elif sub == "aspiration" and is_consonant(c) and i > 0:
            for a, b in ASPIRATION:
                if c in (a, b):
                    out.append((w[:i] + (b if c == a else a) + w[i + 1:], f"{a}/{b}"))
        elif sub == "letter-doubled" and standalone(w, i) and i > 0:
            out.append((w[:i] + c + w[i:], "consonant"))
        elif sub == "gemination" and standalone(w, i) and i > 0:
            out.append((w[:i] + c + VIRAMA + w[i:], "C্C"))
        elif sub == "letter-dropped" and standalone(w, i) and i > 0 and (
                is_consonant(w[i - 1]) or i + 1 == n or w[i + 1] not in MARKS) and w[i - 1] != VIRAMA:
            out.append((w[:i] + w[i + 1:], "consonant"))
        elif sub == "sign-dropped" and c in VOWEL_SIGNS and i > 0:
            out.append((w[:i] + w[i + 1:], c))
        elif sub == "transposition" and standalone(w, i) and i > 0:
            j = i + 1
            while j < n and w[j] in VOWEL_SIGNS:
                j += 1
            if j < n and standalone(w, j) and w[j] != c:
                out.append((w[:i] + w[j] + w[i + 1:j] + c + w[j + 1:], "adjacent letters"))
    return [(v, d) for v, d in out if v != w and len(v) >= 4]


def _spelling(line, rnd, ctx, sub):
    # a word that other, final lines of the document spell the same way at least twice
    seen = Counter(m.group() for k in ctx.final for m in words(ctx.lines[k], 5))
    here = set(m.group() for l in ctx.lines for m in words(l))
    ws = [m for m in words(line, 5) if seen[m.group()] >= 2]
    rnd.shuffle(ws)
    for m in ws:
        variants = [(v, d) for v, d in _edits(m.group(), sub) if v not in here]
        if variants:
            v, d = rnd.choice(variants)
            status = "attested" if attested(ctx.vocab, v) else "unattested"
            return (*splice(line, m.start(), m.end(), v), f"{d},{status}")


def planter(f, *args, ctx_arg=False):
    """A planter `(line, rnd, ctx)` from a shared one with its sub-variant's arguments."""
    if ctx_arg:
        return lambda line, rnd, ctx: f(line, rnd, ctx, *args)
    return lambda line, rnd, ctx: f(line, rnd, *args)


SPELLING_SUBS = ["vowel-i", "vowel-u", "ra-rra", "ta-khanda", "aspiration", "letter-doubled",
                 "gemination", "letter-dropped", "sign-dropped", "transposition"]

# kind -> sub-variant -> planter. The kind names are plant.py's.
KINDS = {
    "latin-inside-word": {"glued": latin_glued, "space-left": latin_space_left,
                          "space-right": latin_space_right, "spaced": latin_spaced,
                          "english-stem+ending": latin_stem_with_ending},
    "orphan-mark": {"split-before-sign": orphan_split_before_sign, "after-space": orphan_after_space,
                    "after-punct": orphan_after_punct, "line-start": orphan_line_start,
                    "split-conjunct": orphan_split_conjunct, "on-vowel-letter": orphan_on_vowel_letter},
    "mixed-digits": {"plain": digits_plain, "grouped": digits_grouped,
                     "group-boundary": digits_group_boundary, "decimal": digits_decimal},
    "duplicated-attribution": {
        "quoted": planter(_attribution, "quoted"),
        "plain": planter(_attribution, "plain"),
        "tense-mix": planter(_attribution, "tense-mix"),
        "inverted": planter(_attribution, "inverted", ("h", "n")),
        "quotative": planter(_attribution, "quotative", ("h", "n")),
        "quotative-inverted": planter(_attribution, "quotative-inverted", ("h", "n")),
        "unlisted-verb": attribution_unlisted,
    },
    "repeated-word": {"adjacent": repeat_adjacent, "coord-ও": planter(_repeat_coordinated, "ও"),
                      "coord-আর": planter(_repeat_coordinated, "আর"),
                      "coord-বা": planter(_repeat_coordinated, "বা"),
                      "coord-এবং": planter(_repeat_coordinated, "এবং"),
                      "coord-inflected": repeat_coord_inflected,
                      "adjacent-inflected": repeat_adjacent_inflected, "phrase": repeat_phrase},
    "malformed-cluster": {**{f"phala-{p}": planter(_doubled_phala, f"phala-{p}")
                             for p in ("ya", "la", "na", "ra")},
                          "same-sign": cluster_same_sign, "two-signs": cluster_two_signs,
                          "other-mark": cluster_other_mark, "o-plus-aa": cluster_o_plus_aa},
    "untranslated-line": {"aligned": untranslated_aligned, "other-english": untranslated_other,
                          "short": untranslated_short, "title-case": untranslated_title_case,
                          "all-caps": untranslated_all_caps},
    "detached-suffix": {"hyphen-space-before": suffix_hyphen_space_before,
                        "hyphen-space-after": suffix_hyphen_space_after,
                        "hyphen-spaced": suffix_hyphen_spaced, "space-only": suffix_space_only,
                        "space-এর": suffix_space_er, "sign-ending": suffix_sign_ending},
    "stray-english-word": {"two-letter": stray_two_letter, "function": stray_function,
                           "with-comma": stray_with_comma, "one-letter": stray_one_letter,
                           "capitalised-initial": stray_capitalised_initial,
                           "after-number": stray_after_number},
    "inconsistent-spelling": {s: planter(_spelling, s, ctx_arg=True) for s in SPELLING_SUBS},
}


# ---------------------------------------------------------------------------------------------
# Base text


def load_tico():
    bn = open(os.path.join(TICO, "en-bn.bn.txt"), encoding="utf-8").read().split("\n")
    en = open(os.path.join(TICO, "en-bn.en.txt"), encoding="utf-8").read().split("\n")
    return bn, en


def load_wikisource():
    """Works as lists of paragraphs: each JSON line split into sentences, >= 20 characters."""
    works = []
    for path in sorted(glob.glob(os.path.join(WIKISOURCE, "*.json"))):
        d = json.load(open(path, encoding="utf-8"))
        units = []
        for ch in sorted(d["text"], key=int):
            for k in sorted(d["text"][ch], key=int):
                for s in re.split(r"(?<=[।?!])\s+", d["text"][ch][k].strip()):
                    s = s.strip()
                    if len(s) >= 20:
                        units.append(s)
        works.append(units)
    return works


def english_pool(en):
    return [e.strip() for e in en if len(e.split()) >= 3 and not BN_WORD.search(e)
            and re.fullmatch(r"[\x20-\x7E’‘“”–—]+", e.strip())]


def base_documents(text, rnd, ndocs, per_doc, tico, works):
    """ndocs windows of per_doc consecutive paragraphs: (source, lines, aligned English or None)."""
    bn, en = tico
    usable = [i for i in range(len(bn)) if len(bn[i]) >= 20]
    tico_starts = list(range(len(usable) - per_doc))
    ws_starts = [(w, s) for w, units in enumerate(works) for s in range(len(units) - per_doc + 1)]
    sources = {"tico": ["tico"] * ndocs, "wikisource": ["wikisource"] * ndocs,
               "both": [rnd.choice(["tico", "wikisource"]) for _ in range(ndocs)]}[text]
    t_pick = rnd.sample(tico_starts, min(len(tico_starts), sources.count("tico")))
    n_ws = sources.count("wikisource")
    w_pick = rnd.sample(ws_starts, n_ws) if n_ws <= len(ws_starts) else [rnd.choice(ws_starts) for _ in range(n_ws)]
    docs = []
    for src in sources:
        if src == "tico":
            ids = usable[t_pick.pop():][:per_doc]
            docs.append({"source": "tico", "lines": [bn[i] for i in ids], "english": [en[i] for i in ids]})
        else:
            w, s = w_pick.pop()
            docs.append({"source": "wikisource", "lines": list(works[w][s:s + per_doc]), "english": None})
    return docs


# ---------------------------------------------------------------------------------------------
# Planting and scoring


def plant(seed, a, out, tico, works, pool, vocab):
    rnd = random.Random(seed)
    docs = base_documents(a.text, rnd, a.docs, a.per_doc, tico, works)
    kinds = list(KINDS)
    turn = rnd.randrange(len(kinds))
    sub_turn, used = Counter(), Counter()
    truth = {}
    for d, doc in enumerate(docs):
        n = len(doc["lines"])
        chosen = [j for j in range(1, n) if rnd.random() >= 0.5]
        labels = {}
        for j in chosen:
            planted = None
            for _ in kinds:
                kind = kinds[turn % len(kinds)]
                turn += 1
                # the sub-variants in turn, the least planted first (some apply to few lines)
                subs = list(KINDS[kind])
                order = sorted(range(len(subs)), key=lambda t: (used[(kind, subs[t])],
                                                                 (t - sub_turn[kind]) % len(subs)))
                final = [k for k in range(n) if k != j and (k < j or k not in chosen)]
                for t in order:
                    got = KINDS[kind][subs[t]](doc["lines"][j], rnd, Ctx(doc, j, pool, vocab, final))
                    if got:
                        sub_turn[kind] = t + 1
                        used[(kind, subs[t])] += 1
                        planted = (kind, subs[t], got)
                        break
                if planted:
                    break
            if planted:
                kind, sub, (new, spans, detail) = planted
                doc["lines"][j] = new
                labels[j + 1] = (kind, sub, detail, spans)
        name = f"s{seed}-doc{d:03d}.txt"
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write("\n".join(doc["lines"]) + "\n")
        truth[name] = (doc["source"], doc["lines"], labels)
    return truth


def run_check(bin_, files, extra):
    r = subprocess.run([bin_, "check", "--format", "json", *extra, *files],
                       capture_output=True, text=True, timeout=600)
    if r.returncode not in (0, 1):
        sys.exit(f"{r.stderr.strip()[-400:]}\ncheck exited {r.returncode}")
    found = defaultdict(list)
    for f in json.loads(r.stdout).get("files", []):
        for p in f.get("paragraphs", []):
            for x in p.get("findings", []):
                if int(x["line"]) != int(x.get("end_line", x["line"])):
                    end = 10 ** 9
                else:
                    end = int(x["end_column"]) - 1
                found[(os.path.basename(f["path"]), int(x["line"]))].append((int(x["column"]) - 1, end, x))
    return found


def describe(got):
    return "; ".join(f"{x['rule']} {x['text'][:40]!r}" for _, _, x in got) or "no finding"


def excerpt(line, spans, width=50):
    s = max(0, min(a for a, _ in spans) - width // 2)
    e = min(len(line), max(b for _, b in spans) + width // 2)
    return ("…" if s else "") + line[s:e] + ("…" if e < len(line) else "")


def parse_seeds(spec):
    out = []
    for part in spec.split(","):
        if "-" in part[1:]:
            lo, hi = part.split("-", 1)
            out.extend(range(int(lo), int(hi) + 1))
        else:
            out.append(int(part))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bin")
    ap.add_argument("--text", choices=["tico", "wikisource", "both"], default="both")
    ap.add_argument("--seed", default="1", help="a seed, a range A-B or a list A,B (pooled)")
    ap.add_argument("--docs", type=int, default=200, help="documents per seed")
    ap.add_argument("--per-doc", type=int, default=8)
    ap.add_argument("--keep", help="write the planted documents here")
    ap.add_argument("--show", type=int, default=0, help="print this many misses and false alarms")
    ap.add_argument("--show-only", default="", help="only show misses/false alarms whose label contains this")
    ap.add_argument("--details", action="store_true", help="also print recall per detail")
    ap.add_argument("--min-recall", type=float, default=0.97, help="target per kind (default 0.97, as plant.py)")
    ap.add_argument("--max-flagged", type=float, default=0.005,
                    help="target share of untouched lines flagged (default 0.005, as plant.py)")
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1:] if "--" in argv else []
    a = ap.parse_args(argv[:argv.index("--")] if "--" in argv else argv)

    tico, works = load_tico(), load_wikisource()
    pool = english_pool(tico[1])
    texts = tico[0] + [l for units in works for l in units]
    vocab = {unicodedata.normalize("NFC", m.group()) for l in texts for m in BN_WORD.finditer(l)}

    with tempfile.TemporaryDirectory(prefix="plant-heldout-") as scratch:
        out = a.keep or scratch
        os.makedirs(out, exist_ok=True)
        truth = {}
        for seed in parse_seeds(a.seed):
            truth.update(plant(seed, a, out, tico, works, pool, vocab))
        found = run_check(a.bin, [os.path.join(out, n) for n in sorted(truth)], extra)

    planted, caught = Counter(), Counter()
    flagged, untouched, fa_rules = Counter(), Counter(), Counter()
    distinct, distinct_flagged = defaultdict(set), defaultdict(set)  # documents may overlap
    shown = 0
    for name, (source, lines, labels) in sorted(truth.items()):
        for ln, line in enumerate(lines, 1):
            got = found.get((name, ln), [])
            if ln in labels:
                kind, sub, detail, spans = labels[ln]
                keys = [(kind,), (kind, sub)] + [(kind, sub, d) for d in detail.split(",") if d]
                for k in keys:
                    planted[k] += 1
                hit = (kind == "untranslated-line" and got) or any(
                    f0 < s1 and s0 < f1 for f0, f1, _ in got for s0, s1 in spans)
                if hit:
                    for k in keys:
                        caught[k] += 1
                elif shown < a.show and a.show_only in f"{kind}/{sub}/{detail}":
                    shown += 1
                    planted_text = " | ".join(line[s:e] for s, e in spans)
                    print(f"  missed {kind}/{sub} [{detail}] {name}:{ln}: planted {planted_text[:60]!r}\n"
                          f"      line: {excerpt(line, spans)}\n      findings: {describe(got)}")
            else:
                untouched[source] += 1
                distinct[source].add(line)
                if got:
                    flagged[source] += 1
                    distinct_flagged[source].add(line)
                    for _, _, x in got:
                        fa_rules[x["rule"]] += 1
                    if shown < a.show and a.show_only in "false-alarm " + describe(got):
                        shown += 1
                        print(f"  false alarm {source} {name}:{ln}: {describe(got)}\n      line: {line[:160]}")

    def row(label, k, indent):
        r = caught[k] / planted[k]
        print(f"{' ' * indent}{label:{34 - indent}s} {caught[k]:5d}/{planted[k]:<5d} recall {r:.2f}")

    worst = 1.0
    for kind in KINDS:
        if not planted[(kind,)]:
            continue
        worst = min(worst, caught[(kind,)] / planted[(kind,)])
        row(kind, (kind,), 0)
        for sub in KINDS[kind]:
            if planted[(kind, sub)]:
                row(sub, (kind, sub), 2)
                if a.details:
                    for k in sorted(k for k in planted if len(k) == 3 and k[:2] == (kind, sub)):
                        row(k[2], k, 6)
    total_p = sum(planted[(k,)] for k in KINDS)
    total_c = sum(caught[(k,)] for k in KINDS)
    fl, un = sum(flagged.values()), sum(untouched.values())
    for source in sorted(untouched):
        print(f"untouched {source} lines flagged: {flagged[source] / max(1, untouched[source]):.2%} "
              f"({flagged[source]}/{untouched[source]}; distinct lines {len(distinct_flagged[source])}"
              f"/{len(distinct[source])})")
    if fa_rules:
        print("false alarms by rule: " + ", ".join(f"{r} {n}" for r, n in fa_rules.most_common()))
    share = fl / max(1, un)
    print(f"text {a.text} seed {a.seed}: recall {total_c / max(1, total_p):.3f} (worst kind {worst:.2f}), "
          f"untouched lines flagged {share:.2%} ({fl}/{un})")
    return 0 if worst >= a.min_recall and share <= a.max_flagged else 1


if __name__ == "__main__":
    sys.exit(main())
