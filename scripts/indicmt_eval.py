#!/usr/bin/env python3
"""IndicMT Eval as a yardstick: mtqc's findings on real MT output against expert MQM spans.

Data: `../shared/corpus/indicmt-eval/jsonl/{Hin,Mar,Tam}_{train,val}.jsonl` (AI4Bharat IndicMT
Eval, no licence stated: research use inside the project). Each record has an English `src`, a
professional `ref`, a system `translation` and the experts' error spans (`completion`: span_type,
span_text, severity; the word offsets are unreliable, see the PROVENANCE). Tune on
`--split train`; the reported figures are `--split val` (the default). The script reads only the
split it is asked for.

What it does, per language (hi, mr, ta by default; gu and ml run the common pack only):
  - writes every record as a TSV row `src<TAB>translation` (newlines and tabs inside -> spaces)
    and runs `BIN check --format json --fail-on never --segments --lang XX --source-lang en`
    on it, every translation checked against its English source as a QA team checks a
    bilingual file; the two rules that compare units with each other are off
    (`common.inconsistent-translation`, `-source`): the file holds many systems' translations
    of each source, told apart by design. `--target-only` checks the translations alone, one a
    line, as before 2026-12-05;
  - the unique `ref`s are checked alone (a professional translation's own defects: "refs
    flagged"), and against their sources apart ("with sources"): the Hindi file pairs some
    sources with another sentence's reference (one source, two unrelated references), so
    only the first figure is the references' false-alarm share;
  - locates each expert span in its translation by substring search (all occurrences; the word
    offsets only break ties: the occurrence nearest the character position of word
    `span_start_offset`). `Accuracy_Omission` spans quote the SOURCE (what is missing), so they
    are never located in the translation; spans not found are counted as unlocated.

Precision (over the findings on translations, pooled over the languages and per language):
  a finding is CONFIRMED when it overlaps a located expert span of any category except
  `Transliteration` (the data marks a transliteration where a translation was expected; a
  transliteration is not a defect a checker should flag). A finding about the whole unit
  quotes the whole target, so overlap says nothing of it: `omission-by-length`, `empty-target`
  and a number missing are confirmed by an `Accuracy_Omission` span of the record (such spans
  quote the source), `addition-by-length` by an `Accuracy_Addition` span, `untranslated-unit`
  by an `Accuracy_Untranslated_text` span. It is JUDGED CORRECT by rule when:
    R1  it flags Latin letters inside or glued to a native word (`would्याहंगामी`, `acidसिड`) and
        an expert span lies in the same whitespace token or the next or previous one (the expert
        marked the neighbouring part of the same garbled word);
    R2  the flagged text is an objective encoding defect whatever the annotation: U+FFFD, a
        control or bidi character, digits of two numbering systems in one number, a combining
        mark that opens a token (an orphaned sign).
    R3  the flagged text is a space before a full stop (`வாசிக்கின்றது .`): typography, which
        the experts do not mark (they mark meaning) and QA tools check as a class of its own
        (Xbench and CheckMate: a space before punctuation); or a bracket left without its
        partner where the source pairs its brackets (`डरें नहीं (सांस्कृतिक मतभेद हों या न हों,`
        for `(cultural differences or not, ...!)`), typography again, which Xbench and pofilter
        check. An omission span quoting a bracket confirms it (`)`: the experts marked it so).
    R4  the flagged text is two words of the target's script with a full stop or danda between
        them and no space (`है।चन्द्रमा`, `બનશે.દરેક`): two sentences run together, typography again;
        or a word of the target's script with a number glued to its end (`ஆபாசத்திற்கு10 முகவர்கள்`),
        a space lost the same way.
  Strict precision counts confirmed findings only; precision counts confirmed + R1 to R4. Below
  100 findings the figure is printed with a warning: it says little.

References flagged: the share of unique `ref`s (professional translations) with any finding.

Recall per category (`span_type`), over the located spans a script-level rule can see. A span
is COUNTED when its text in the translation (widened to the whole tokens it touches) shows one
of these signals:
  - Latin letters glued to native letters or signs in one token (`spec्यां`, `Carpanedoचैंपियनशिप`:
    a name kept in Latin is no defect, but glued to the next native word it has lost its space);
  - a Latin word that starts lowercase (an English common word left untranslated: `since`, `in`);
    Latin words that start with a capital (names: `Adekoya`, `Yosemite`, `Australopithecus`,
    kept in Latin by convention) and digits are not counted: they are not defects in this data;
  - a combining mark opening a token (`த ுவ`), U+FFFD or a control character;
  - digits of two numbering systems in one number (`१.30०`);
  - a word or a phrase of 1-3 words repeated back to back (`X X`, `X Y X Y`).
  - against the source: a number the source does not have (digits compared in ASCII, groupings
    taken out);
and an `Accuracy_Omission` span (never located: it quotes the source) is counted when it holds
a number or at least 40% of its source's words (what a number or length check can see), caught
when the record has a finding about content missing.
`Transliteration` spans are never counted (not defects here), nor spans in native script without
such a signal (a mistranslation, a wrong word, grammar: no script rule can see them). Recall of
ALL located spans per category is printed too, for information.

`--reference-ratios` prints the references' length ratios to their sources instead (a length
band for a pair TICO-19 lacks: `en-ml`, see scripts/data/length-bands.md).

usage: indicmt_eval.py [BIN] [--shared DIR] [--split train|val] [--lang hi,mr,ta] [--target-only]
                      [--reference-ratios] [--show N] [--json]
BIN defaults to target/release/mtqc, DIR to ../shared. Exit 0 (a yardstick, not a gate); exit 0
with a message when ../shared is absent. Python 3.11, standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = {"hi": "Hin", "mr": "Mar", "ta": "Tam", "gu": "Guj", "ml": "Mal"}
NATIVE = {"hi": "\u0900-\u097F", "mr": "\u0900-\u097F", "ta": "\u0B80-\u0BFF", "gu": "\u0A80-\u0AFF",
          "ml": "\u0D00-\u0D7F"}
NOT_VISIBLE = {"Transliteration"}
NEVER_LOCATED = {"Accuracy_Omission"}
# Findings about a unit as a whole (content missing or added, a target copied) quote the whole
# target, so overlapping a span says nothing of them: the record's spans of the category they
# name confirm them (any such span, since an omission span quotes the source).
UNIT_FINDINGS = {"common.omission-by-length": {"Accuracy_Omission"}, "common.empty-target": {"Accuracy_Omission"},
                 "common.addition-by-length": {"Accuracy_Addition"},
                 "common.untranslated-unit": {"Accuracy_Untranslated_text"}}


def unit_categories(x):
    """The span categories that confirm a finding about the whole unit, or None."""
    if x["rule"] in UNIT_FINDINGS:
        return UNIT_FINDINGS[x["rule"]]
    if x["rule"] == "common.number-mismatch" and x.get("message", "").startswith("number missing"):
        return {"Accuracy_Omission"}
    return None


def run_check(bin_, path, lang, sources=None):
    """Findings by line: (start, end, finding), offsets in the line's target text. With `sources`
    (the source of each line), the lines are checked as TSV units against their sources."""
    cmd = [bin_, "check", "--format", "json", "--fail-on", "never", "--segments", "--lang", lang]
    if sources is not None:
        # many systems' translations of one source sit in one file: telling them apart is the
        # data's design, not inconsistency, so the rules comparing units are off
        cmd += ["--input-format", "tsv", "--source-lang", "en",
                "--disable", "common.inconsistent-translation", "--disable", "common.inconsistent-source"]
    r = subprocess.run(cmd + [path], capture_output=True, text=True, timeout=1200)
    if r.returncode not in (0, 1):
        sys.exit(f"indicmt_eval: mtqc exited {r.returncode} on {path}: {r.stderr.strip()[-500:]}")
    by_line = defaultdict(list)
    for f in json.loads(r.stdout).get("files", []):
        for p in f.get("paragraphs", []):
            for x in p.get("findings", []):
                # a TSV line is `source<TAB>target`: its columns count from the source's start
                shift = len(sources[int(x["line"]) - 1]) + 1 if sources is not None else 0
                s = int(x["column"]) - 1 - shift
                e = max(int(x["end_column"]) - 1 - shift, s + 1) if int(x.get("end_line", x["line"])) == int(x["line"]) else 10 ** 9
                by_line[int(x["line"])].append((s, e, x))
    return by_line


def one_line(s):
    return s.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")


def one_cell(s):
    return one_line(s).replace("\t", " ")


def token_spans(text):
    return [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]


def locate(text, span):
    """(start, end) of the span in the translation, or None."""
    t = span.get("span_text") or ""
    if not t.strip():
        return None
    t = one_line(t)
    hits = [m.start() for m in re.finditer(re.escape(t), text)]
    if not hits:
        t2 = t.strip()
        hits = [m.start() for m in re.finditer(re.escape(t2), text)] if t2 else []
        t = t2
    if not hits:
        return None
    if len(hits) > 1:
        toks = token_spans(text)
        k = span.get("span_start_offset")
        if isinstance(k, int) and 0 <= k < len(toks):
            want = toks[k][0]
            hits.sort(key=lambda h: abs(h - want))
    return hits[0], hits[0] + len(t)


def digit_system(c):
    return unicodedata.name(c, "?").rsplit("DIGIT", 1)[0].strip() or "ASCII"


def two_digit_systems(s):
    """Digits of two numbering systems in one number (digits joined by nothing, `.` or `,`)."""
    for tok in re.findall(r"\d(?:[.,]?\d)*", s):
        if len({digit_system(c) for c in tok if c.isdigit()}) > 1:
            return True
    return False


def signals(text, lang):
    """The script-level signals in a piece of translation (see the module doc)."""
    nat = NATIVE[lang]
    out = set()
    for tok in text.split():
        if re.search(f"[A-Za-z][{nat}]|[{nat}][A-Za-z]", tok):
            out.add("latin-glued")
        if unicodedata.category(tok[0]).startswith("M"):
            out.add("orphan-mark")
    # a run of Latin words whose first word starts lowercase: English left untranslated
    # (a run that starts with a capital is a name: `Pa amb Oli`, `Gyöngyi Dani`)
    for run in re.finditer(r"[A-Za-z\u00C0-\u024F]+(?:[ '-][A-Za-z\u00C0-\u024F]+)*", text):
        if run.group()[0].islower() and len(run.group()) >= 2:
            out.add("latin-lowercase-word")
    if re.search("[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]", text):
        out.add("control")
    if two_digit_systems(text):
        out.add("mixed-digits")
    return out


def repeated(text, loc, full):
    """The span is (inside) a word or a 1-3 word phrase repeated back to back."""
    a, b = loc
    a = max(0, a - 60)
    window = full[a:b + 60].split()
    for n in (1, 2, 3):
        for i in range(len(window) - 2 * n + 1):
            if window[i:i + n] == window[i + n:i + 2 * n] and re.search(r"\w", " ".join(window[i:i + n])):
                phrase = " ".join(window[i:i + 2 * n])
                if phrase.find(text.strip()) >= 0 or text.strip().find(" ".join(window[i:i + n])) >= 0:
                    return True
    return False


def numbers(text):
    """The digit strings of a text, in ASCII digits, groupings and decimal points taken out."""
    ascii_ = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in text)
    return {re.sub(r"[,.]", "", m) for m in re.findall(r"\d(?:[.,]?\d)*", ascii_)}


def visible(span_type, text, loc, full, lang, source):
    if span_type in NOT_VISIBLE:
        return set()
    # the whole tokens the span touches: a span cut mid-word must not look like an orphan sign
    a, b = loc
    while a > 0 and not full[a - 1].isspace():
        a -= 1
    while b < len(full) and not full[b].isspace():
        b += 1
    sig = signals(full[a:b], lang)
    if source is not None and numbers(full[a:b]) - numbers(source):
        sig.add("number")  # a number the source does not have: a number changed or added
    if repeated(text, loc, full):
        sig.add("repetition")
    return sig


BRACKETS = "()[]{}（）［］｛｝【】〔〕"


def judge(x, s, e, spans, text, lang, types, omitted=()):
    """'confirmed', 'R1' to 'R4' or None for one finding (s, e) on a translation; `types` are the
    categories of all the record's spans, located or not; `omitted` the texts of its omission
    spans (they quote the source)."""
    cats = unit_categories(x)
    if cats is not None:
        return "confirmed" if cats & types else None
    if x.get("rule") == "common.unpaired-bracket":
        # The rule fires only where the source pairs its brackets: an omission span that quotes
        # a bracket marks the same slip; without one it is typography, as R3.
        return "confirmed" if any(c in BRACKETS for t in omitted for c in t) else "R3"
    for (a, b), sp in spans:
        if sp["span_type"] not in NOT_VISIBLE and s < b and a < e:
            return "confirmed"
    flagged = x.get("text", "")
    toks = token_spans(text)
    if re.search("[A-Za-z]", flagged):
        ti = [i for i, (a, b) in enumerate(toks) if s < b and a < e]
        tok_text = " ".join(text[toks[i][0]:toks[i][1]] for i in ti)
        if ti and re.search(f"[A-Za-z][{NATIVE[lang]}]|[{NATIVE[lang]}][A-Za-z]", tok_text):
            lo, hi = toks[max(0, ti[0] - 1)][0], toks[min(len(toks) - 1, ti[-1] + 1)][1]
            if any(sp["span_type"] not in NOT_VISIBLE and a < hi and lo < b for (a, b), sp in spans):
                return "R1"
    if (re.search("[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]", flagged)
            or two_digit_systems(flagged)
            or (flagged and unicodedata.category(flagged[0]).startswith("M")
                and (s == 0 or text[s - 1].isspace() or not text[s - 1].isalnum()))):
        return "R2"
    if flagged and not flagged.strip() and text[e:e + 1] in (".", "。"):
        return "R3"
    if (x.get("rule") == "common.missing-space-after-stop"
            and re.fullmatch(r"[^\s\d.\u0964]+[.\u0964][^\s\d.\u0964]+", flagged)):
        return "R4"
    if (x.get("rule") == "common.missing-space-before-number"
            and re.fullmatch(r"[^\s\d\W]+[\u0900-\u0DFF]*\d+(?:[.,:]\d+)*", flagged)):
        return "R4"
    return None


def count_visible(res, i, t, sig, caught, text):
    """Count a span of category `t` in record `i` that a rule can see (its signals `sig`), caught
    or not."""
    if not sig:
        return
    res["counted"][t] += 1
    res["caught_counted"][t] += caught
    for g in sig:
        res["signals"][g] += 1
    if not caught:
        res["missed_examples"].append((i, t, ",".join(sorted(sig)), text[:60]))


# The references' own defects, read by hand after a rule flagged them: per language, the text a
# finding flags and why it is a defect. A flagged reference all of whose findings flag a listed
# text is no false alarm (as TICO-19's own defects are listed in measure_fp.py); the figure
# without them is the references' false-alarm share. Read on the validation split, where the
# rule fired (only objective defects are listed: a Latin letter glued to a native word; a
# postposition written apart from the oblique of a native noun, which Marathi writes on and which
# the experts mark as Fluency_Grammar where an IndicMT system writes it so: `विष साठी`,
# `चढाई चे`).
REF_DEFECTS = {
    "gu": {"વિસ્તારોમાંT": "a stray Latin T glued to a Gujarati word"},
    "mr": {"सेवे कडून": "a postposition apart from the oblique of a native noun (सेवेकडून)"},
}


def ref_defect(lang, findings):
    """Why every finding on a reference flags its own listed defect, or None."""
    listed = REF_DEFECTS.get(lang, {})
    whys = [listed.get(x["text"]) for _, _, x in findings]
    return "; ".join(dict.fromkeys(whys)) if whys and all(whys) else None


def evaluate(a, lang, tmp):
    path = os.path.join(a.shared, "corpus", "indicmt-eval", "jsonl", f"{FILES[lang]}_{a.split}.jsonl")
    recs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    bilingual = not a.target_only
    tr = [one_cell(r["translation"]) for r in recs]
    srcs = [one_cell(r["src"]) for r in recs]
    # The references are judged alone (a professional translation's own defects); against their
    # sources they are counted apart, as the Hindi file pairs some sources with another
    # sentence's reference (one source, two unrelated references).
    refs = list(dict.fromkeys(one_cell(r["ref"]).strip() for r in recs))
    pairs = list(dict.fromkeys((one_cell(r["src"]), one_cell(r["ref"]).strip()) for r in recs))
    ext = "tsv" if bilingual else "txt"
    tf = os.path.join(tmp, f"{lang}.{a.split}.translations.{ext}")
    rf = os.path.join(tmp, f"{lang}.{a.split}.refs.txt")
    pf = os.path.join(tmp, f"{lang}.{a.split}.ref-pairs.tsv")
    for path, lines in ((tf, [f"{s}\t{t}" if bilingual else t for s, t in zip(srcs, tr)]), (rf, refs),
                        (pf, [f"{s}\t{t}" for s, t in pairs])):
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write("".join(x + "\n" for x in lines))
    found = run_check(a.bin, tf, lang, srcs if bilingual else None)
    found_ref = run_check(a.bin, rf, lang)
    found_pairs = run_check(a.bin, pf, lang, [s for s, _ in pairs]) if bilingual else {}

    res = {"records": len(recs), "findings": 0, "confirmed": 0, "R1": 0, "R2": 0, "R3": 0, "R4": 0, "wrong": 0,
           "by_rule": defaultdict(Counter), "spans": Counter(), "located": Counter(), "counted": Counter(),
           "caught_counted": Counter(), "caught_located": Counter(), "signals": Counter(),
           "wrong_examples": [], "missed_examples": [], "refs": len(refs), "refs_flagged": len(found_ref),
           "refs_defects": sum(1 for xs in found_ref.values() if ref_defect(lang, xs)),
           "ref_pairs": len(pairs) if bilingual else 0, "ref_pairs_flagged": len(found_pairs),
           "ref_pair_examples": [(ln, [x["rule"] + " " + repr(x["text"][:40]) for _, _, x in xs], pairs[ln - 1][1][:160])
                                 for ln, xs in sorted(found_pairs.items())],
           "ref_rules": Counter(x["rule"] for xs in found_ref.values() for _, _, x in xs),
           "ref_examples": [(ln, [x["rule"] + " " + repr(x["text"][:40]) for _, _, x in xs], refs[ln - 1][:160],
                             ref_defect(lang, xs))
                            for ln, xs in sorted(found_ref.items())]}
    for i, (r, text) in enumerate(zip(recs, tr), 1):
        spans, omitted = [], []
        types = {sp["span_type"] for sp in r.get("completion") or []}
        for sp in r.get("completion") or []:
            res["spans"][sp["span_type"]] += 1
            if sp["span_type"] in NEVER_LOCATED:
                omitted.append(sp)
                continue
            loc = locate(text, sp)
            if loc:
                spans.append((loc, sp))
        got = found.get(i, [])
        for s, e, x in got:
            res["findings"] += 1
            v = judge(x, s, e, spans, text, lang, types, [sp.get("span_text") or "" for sp in omitted])
            res[v or "wrong"] += 1
            res["by_rule"][x["rule"]][v or "wrong"] += 1
            if not v:
                res["wrong_examples"].append((i, x["rule"], x["text"][:40], text[max(0, s - 40):e + 40]))
        for (lo, hi), sp in spans:
            t = sp["span_type"]
            res["located"][t] += 1
            caught = any(s < hi and lo < e for s, e, _ in got)
            res["caught_located"][t] += caught
            sig = visible(t, text[lo:hi], (lo, hi), text, lang, srcs[i - 1] if bilingual else None)
            count_visible(res, i, t, sig, caught, text[lo:hi])
        if bilingual:
            # an omission a source rule can see: a number of the source, or at least 40% of its words
            n_src = len(srcs[i - 1].split())
            told = any(unit_categories(x) == {"Accuracy_Omission"} for _, _, x in got)
            for sp in omitted:
                t, q = sp["span_type"], sp.get("span_text") or ""
                sig = ({"number"} if numbers(q) else set()) | (
                    {"length"} if len(q.split()) >= 0.4 * n_src else set())
                count_visible(res, i, t, sig, told, q)
    return res


def length(text):
    """Letters and digits, as `common.omission-by-length` counts them (Alphabetic or Numeric:
    vowel signs count, a virama does not)."""
    return sum(1 for c in text if c.isalnum() or (unicodedata.category(c) in ("Mn", "Mc")
                                                  and "VIRAMA" not in unicodedata.name(c, "")
                                                  and "NUKTA" not in unicodedata.name(c, "")))


def reference_ratios(a, langs):
    """The length ratio of the professional references to their sources (sources of 30 letters
    and digits or more, as the rule judges), for a length band where TICO-19 has none."""
    print(f"reference / source length ratio, IndicMT {a.split} references")
    print(f"  {'':4s} {'pairs':>5s} {'min':>5s} {'p1':>5s} {'p5':>5s} {'p50':>5s}")
    for lang in langs:
        path = os.path.join(a.shared, "corpus", "indicmt-eval", "jsonl", f"{FILES[lang]}_{a.split}.jsonl")
        recs = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
        pairs = dict.fromkeys((r["src"], r["ref"]) for r in recs)
        rs = sorted(length(t) / length(s) for s, t in pairs if length(s) >= 30)
        n = len(rs)
        print(f"  {lang:4s} {n:5d} " + " ".join(f"{rs[int(q * n)]:5.2f}" for q in (0, 0.01, 0.05, 0.5)))
    return 0


def pct(n, d):
    return f"{n / d:.2f}" if d else "-"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bin", nargs="?", default=os.path.join(HERE, "..", "target", "release", "mtqc"))
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    ap.add_argument("--split", choices=["train", "val"], default="val",
                    help="val reports (default); tune on train only")
    ap.add_argument("--lang", default="hi,mr,ta", help="languages (hi, mr, ta; gu, ml run the common pack only)")
    ap.add_argument("--reference-ratios", action="store_true",
                    help="print the references' length ratios to their sources (for a length band) and stop")
    ap.add_argument("--target-only", action="store_true",
                    help="check the translations alone, without their English sources")
    ap.add_argument("--show", type=int, default=0, help="print this many wrong findings, missed spans and flagged refs")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    base = os.path.join(a.shared, "corpus", "indicmt-eval", "jsonl")
    if not os.path.isdir(base):
        print(f"indicmt_eval: {base} not found: the IndicMT measurement needs ../shared (or --shared DIR); skipped")
        return 0
    langs = [l for l in a.lang.split(",") if l]
    for l in langs:
        if l not in FILES:
            sys.exit(f"indicmt_eval: unknown language {l!r} (one of {', '.join(FILES)})")
    if a.reference_ratios:
        return reference_ratios(a, langs)
    results = {}
    with tempfile.TemporaryDirectory(prefix="indicmt-eval-") as tmp:
        for lang in langs:
            results[lang] = evaluate(a, lang, tmp)

    pooled = Counter()
    for r in results.values():
        for k in ("findings", "confirmed", "R1", "R2", "R3", "R4", "wrong", "refs", "refs_flagged", "refs_defects",
                  "ref_pairs",
                  "ref_pairs_flagged"):
            pooled[k] += r[k]
    cats = sorted({t for r in results.values() for t in r["spans"]})

    def prec(r):
        n = r["findings"]
        return {"findings": n, "confirmed": r["confirmed"], "R1": r["R1"], "R2": r["R2"], "R3": r["R3"], "R4": r["R4"],
                "wrong": r["wrong"], "precision_strict": r["confirmed"] / n if n else None,
                "precision": (r["confirmed"] + r["R1"] + r["R2"] + r["R3"] + r["R4"]) / n if n else None}

    js = {"split": a.split, "languages": {}, "pooled": prec(pooled)}
    js["pooled"].update({"refs": pooled["refs"], "refs_flagged": pooled["refs_flagged"],
                         "refs_flagged_share": pooled["refs_flagged"] / max(1, pooled["refs"]),
                         "refs_defects": pooled["refs_defects"],
                         "refs_false_share": (pooled["refs_flagged"] - pooled["refs_defects"]) / max(1, pooled["refs"]),
                         "ref_pairs": pooled["ref_pairs"], "ref_pairs_flagged": pooled["ref_pairs_flagged"],
                         "enough_findings": pooled["findings"] >= 100})
    for lang, r in results.items():
        d = prec(r)
        d.update({"records": r["records"], "refs": r["refs"], "refs_flagged": r["refs_flagged"],
                  "refs_defects": r["refs_defects"],
                  "refs_false_share": (r["refs_flagged"] - r["refs_defects"]) / max(1, r["refs"]),
                  "ref_pairs": r["ref_pairs"], "ref_pairs_flagged": r["ref_pairs_flagged"],
                  "refs_flagged_share": r["refs_flagged"] / max(1, r["refs"]),
                  "ref_findings_by_rule": dict(r["ref_rules"]),
                  "findings_by_rule": {k: dict(v) for k, v in r["by_rule"].items()},
                  "categories": {t: {"spans": r["spans"][t], "located": r["located"][t], "counted": r["counted"][t],
                                     "caught_counted": r["caught_counted"][t],
                                     "recall_counted": r["caught_counted"][t] / r["counted"][t] if r["counted"][t] else None,
                                     "caught_located": r["caught_located"][t]} for t in cats if r["spans"][t]},
                  "signals_of_counted_spans": dict(r["signals"])})
        js["languages"][lang] = d
    pooled_cat = {t: (sum(r["counted"][t] for r in results.values()),
                      sum(r["caught_counted"][t] for r in results.values()),
                      sum(r["located"][t] for r in results.values()),
                      sum(r["caught_located"][t] for r in results.values())) for t in cats}
    js["pooled"]["categories"] = {t: {"counted": c, "caught_counted": cc, "recall_counted": cc / c if c else None,
                                      "located": l, "caught_located": cl} for t, (c, cc, l, cl) in pooled_cat.items()}
    if a.json:
        print(json.dumps(js, ensure_ascii=False, indent=1))
        return 0

    print(f"IndicMT Eval, split {a.split}, " + ("translations alone" if a.target_only else "against their sources"))
    print(f"{'':8s} {'findings':>8s} {'confirmed':>9s} {'R1':>4s} {'R2':>4s} {'R3':>4s} {'R4':>4s} {'wrong':>5s} {'precision':>9s} "
          f"{'strict':>6s} {'refs flagged':>14s} {'false':>6s}" + ("  with sources" if not a.target_only else ""))
    for lang, d in list(js["languages"].items()) + [("pooled", js["pooled"])]:
        p = "-" if d["precision"] is None else f"{d['precision']:.2f}"
        ps = "-" if d["precision_strict"] is None else f"{d['precision_strict']:.2f}"
        print(f"{lang:8s} {d['findings']:8d} {d['confirmed']:9d} {d['R1']:4d} {d['R2']:4d} {d['R3']:4d} {d['R4']:4d} {d['wrong']:5d} {p:>9s} "
              f"{ps:>6s} {d['refs_flagged']:>5d}/{d['refs']:<4d}{d['refs_flagged_share']:6.1%} {d['refs_false_share']:6.1%}"
              + (f"  {d['ref_pairs_flagged']:>3d}/{d['ref_pairs']:<4d}" if not a.target_only else ""))
    if pooled["findings"] < 100:
        print(f"  warning: {pooled['findings']} findings pooled, fewer than 100: the precision figure says little")
    print("findings by rule (confirmed/R1/R2/R3/R4/wrong):")
    for lang, r in results.items():
        for rule, c in sorted(r["by_rule"].items()):
            print(f"  {lang} {rule:34s} {c['confirmed']}/{c['R1']}/{c['R2']}/{c['R3']}/{c['R4']}/{c['wrong']}")
    print("recall per category: caught/counted (spans a script rule can see), and caught/located (all)")
    print(f"  {'span_type':30s} " + " ".join(f"{l:>16s}" for l in langs) + f" {'pooled':>16s}")
    for t in cats:
        cells = []
        for lang in langs:
            r = results[lang]
            cells.append(f"{r['caught_counted'][t]}/{r['counted'][t]} ({r['caught_located'][t]}/{r['located'][t]})")
        c, cc, l, cl = pooled_cat[t]
        print(f"  {t:30s} " + " ".join(f"{x:>16s}" for x in cells) + f" {f'{cc}/{c} ({cl}/{l})':>16s}")
    tot_c = sum(v[0] for v in pooled_cat.values())
    tot_cc = sum(v[1] for v in pooled_cat.values())
    print(f"  recall over counted spans, all categories pooled: {tot_cc}/{tot_c} = {pct(tot_cc, tot_c)}")
    if a.show:
        for lang, r in results.items():
            for i, rule, t, ctx in r["wrong_examples"][:a.show]:
                print(f"  unconfirmed {lang} record {i}: {rule} {t!r}  …{ctx}…")
            for i, t, sig, txt in r["missed_examples"][:a.show]:
                print(f"  missed {lang} record {i}: {t} [{sig}] {txt!r}")
            for ln, xs, txt, why in r["ref_examples"][:a.show]:
                print(f"  ref flagged {lang} {ln}: {'; '.join(xs)}  {txt}" + (f"  [its own defect: {why}]" if why else ""))
            for ln, xs, txt in r["ref_pair_examples"][:a.show]:
                print(f"  ref with its source flagged {lang} {ln}: {'; '.join(xs)}  {txt}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
