#!/usr/bin/env python3
"""False alarms of mtqc on clean professional translation, each language with its own pack.

usage: scripts/measure_fp.py [BIN] [--shared DIR] [--max 0.015] [--max-net 0.005] [--show N]
                             [--only NAME,...] [--split train|val] [--common]

Counts the share of lines that get any finding, one file = one document, default packs for the
language (`--lang XX`: common + source-en + the language's pack):
  - bn: ../shared/corpus/tico19/plain/en-bn.bn.txt (3,071 lines);
  - hi, ru, ar, zh, ta: the target side of ../shared/corpus/tico19/tmx/all.en-XX.tmx, extracted to
    one segment per line (3,071 each);
  - indicmt-hi, indicmt-mr, indicmt-ta: the professional references (`ref`) of
    ../shared/corpus/indicmt-eval/jsonl/{Hin,Mar,Tam}_train.jsonl, each distinct reference once,
    in the order of first appearance (each source is there once per MT system); with
    --split val, the held-out references of the _val files, and nothing else;
  - wmt24-hi: ../shared/corpus/wmt24-en-hi/wmt24.ref.hi.txt (997 paragraphs: news, social media,
    speech transcripts, literary prose);
  - indicmt-gu, indicmt-ml: the references of Guj_train.jsonl and Mal_train.jsonl, languages
    without a pack (the common pack alone).
With --common every corpus is checked by the common pack alone (`--packs common`), as a language
without a pack would be: the figure for the rules that serve such languages (the `fallback`
rules, repetition without reduplication data).
A binary built before a language's pack was embedded (the frozen /work/bin/mtqc-base) is given
the pack from rules/XX with --rules; a binary that embeds it uses its own.

Lines that hold real defects in the professional text are listed below with the reason and
reported separately, and so are false alarms of the common pack that this script records for its
owner (bare URLs read as English); both figures are printed. Exit 1 when a raw TICO-19 figure
exceeds --max or a figure without the known defects exceeds --max-net.
"""
import argparse, json, os, subprocess, sys, tempfile
import xml.etree.ElementTree as ET
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
RULES = os.path.join(HERE, "..", "rules")

# Real defects in the professional corpora (line numbers are 1-based, in the text the script
# measures), with the reason. They are reported as known, never put in a rule's allow-list.
# The English source of TICO-19 has `&lt;`, `&gt;` and `&amp;` written out (the corpus was escaped
# twice), and translators of some languages copied them: `common.escaped-entity` flags them.
COPIED_REFERENCES = "a character reference escaped twice (`&lt;` for `<`, `&amp;` for `&`), copied from the English source, which has it too"


def copied_references(*lines):
    return {n: COPIED_REFERENCES for n in lines}


KNOWN_DEFECTS = {
    "bn": {
        **{n: "a space before the comma" for n in (927, 1884, 2809)},
        1848: "the danda typed twice: হয়েছিল।।",
        80: "vowel sign on an independent vowel: আামি for আমি",
        100: "vowel sign on an independent vowel: আামি for আমি",
        107: "vowel sign on an independent vowel: আামি for আমি",
        389: "nukta doubled after precomposed ঢ় (দৃঢ়়ভাবে)",
        690: "two vowel signs: পরিব্যক্তিের",
        783: "space before the danda",
        904: "plural ending cut off by a space: কেস গুলোর",
        1150: "ঘোষনার misspells ঘোষণার, spelled with ণ on the lines around it",
        1375: "typo তারিখখে (খ doubled) for তারিখে",
        1438: "repeated word: করোনা ভাইরাস ভাইরাস",
        1449: "অষ্ট্রেলিয়া misspells অস্ট্রেলিয়া, spelled right on the lines around it",
        1539: "two vowel signs: ঘাোগানে (for ঘাটতি's neighbour জোগানে)",
        1541: "উপকরনের misspells উপকরণের",
        1547: "পন্যে misspells পণ্যে",
        1611: "হইয়েছে (a stray ই) beside হয়েছে on the lines around it",
        1724: "repeated word: ব্যবহারের পরে পরে (after after)",
        1759: "space before the danda",
        1904: "ঘোষনা misspells ঘোষণা",
        1936: "self-coordination: বৃদ্ধি ও বৃদ্ধি ও বিকাশের (growth and growth and development)",
        2055: "ক্যালিফোর্ণিয়াবাসীর misspells ক্যালিফোর্নিয়াবাসীর, spelled with ন around it",
        2371: "vowel sign doubled: কিছুু",
        2409: "vowel sign doubled: করাা",
        2424: "nukta doubled: হয়়েছে",
        2738: "typo করোনাভাইরাসগুলিরর (র doubled) for করোনাভাইরাসগুলির, spelled right around it",
        2438: "space before the danda",
        2511: "vowel sign doubled: পর্যাপ্তরূপেে",
        2594: "space before the danda",
        1010: "two sentences run together: না।আমরা",
        1323: "two sentences run together: করেছে।গ্রেট",
        1868: "two sentences run together: জুগিয়েছে।সংক্রামক",
        1951: "two sentences run together: পারেন।জাপানে",
        2054: "two sentences run together: করেন।বর্ণিত",
        295: "two sentences run together: গেছিল।উদাহরণস্বরূপ",
        866: "two sentences run together: হবে।বর্তমানে",
        935: "two sentences run together: করব।আমরা",
        943: "two sentences run together: করব।তদুপরি",
        978: "two sentences run together: পারে।জাতীয়ভাবে",
        992: "two sentences run together: চায়।পুনরুৎপাদন",
    },
    "hi": {
        583: "a Latin word and the next Hindi word glued: CoVऔर (CoV और)",
        **copied_references(178, 295, 948, 972, 1557, 2099, 2238),
        204: "repeated word: चित्र चित्र 1,1 (the figure label doubled, as in the other TICO languages)",
        288: "repeated word: तालिका तालिका 1.1 (the table label doubled)",
        796: "no space after an abbreviation: U.S.राज्यों",
        998: "प्रतिरुपों misspells प्रतिरूपों, spelled with ू on the lines around it",
        1455: "ब्राजील and ब्राज़ील in one sentence",
        2119: "two vowel signs: लिे for लिए",
        2440: "ऐप्लीकेशन beside ऐप्लिकेशन on the lines before and after it (one article)",
        2742: "फ़्रेमों and फ्रेम in one sentence",
        2755: "पॉजिटिव beside पॉज़िटिव on the lines around it (one article)",
        340: "प्रतिरक्षीयाँ misspells प्रतिरक्षियाँ (प्रतिरक्षी around it)",
        736: "दवाब misspells दबाव, spelled right on the lines around it",
        1210: "शुरु for शुरू, spelled शुरू on the lines around it",
        1713: "साफ़ beside साफ twice on the lines around it (one article)",
    },
    "zh": {
        **copied_references(178, 295, 819, 820, 948, 972, 1864),
        528: "repeated word: 从从 (from from) in 首先从从广州",
    },
    "ar": {
        **copied_references(178, 295, 819, 820, 948, 972, 1864),
        204: "repeated word: الشكل الشكل 1,1 (the figure label doubled)",
        1423: "repeated word: أنه أنه",
        2693: "a tanwin kasra with no letter: (ٍسي",
        1722: "يودي misspells يؤدي (hamza left off its seat), spelled right twice around it",
        1844: "الوعى (final ى) beside الوعي twice on the lines around it",
        2583: "a space before the full stop",
        1687: "two sentences glued without a space: Bioeasy.أعطى",
        2450: "two sentences run together: أسابيع.وتخطط",
        2451: "two sentences run together: تريس.وتنوي",
        2474: "two sentences run together: الإنترنت.وقد",
        2476: "two sentences run together: الأقل.وفي",
        2559: "two sentences run together: الناقهين.ويحتوي",
        2565: "two sentences run together: مارس.وفي",
        2577: "two sentences run together: العقار.وقد",
        2585: "two sentences run together: المقاومة.ويوجد",
        2851: "two sentences run together: المرض.تتمثل",
        2864: "two sentences run together: العدوى.وتشير",
        2873: "two sentences run together: محدود.يكون",
        2878: "two sentences run together: أقل.في",
        2888: "two sentences run together: المرضية.وُجد",
        2915: "two sentences run together: أعراض.تهدف",
        2919: "two sentences run together: فقط.بالنسبة",
        2932: "two sentences run together: بالھواء.يوضح",
        2940: "two sentences run together: التدفق.تكثر",
        2957: "two sentences run together: المحليين.تستخدم",
        2982: "two sentences run together: سابقة.كما",
        2986: "two sentences run together: المدخنين.وقد",
        2998: "two sentences run together: معمليًا.تُعبر",
        3000: "two sentences run together: المنطقة.تشمل",
        3020: "two sentences run together: الوصم.يُسمى",
        3042: "two sentences run together: وفعاليتها.في",
        3043: "two sentences run together: المرض.أُشير",
        3050: "two sentences run together: وإيطاليا.خضع",
        3057: "two sentences run together: الدراسة.لا",
        3059: "two sentences run together: السيتوكين.أضافت",
    },
    "ta": {
        **{n: "a space before the comma" for n in (374, 412, 483, 661, 1051, 1152, 1186, 1249, 1365, 1411, 1904, 2477, 2792, 2832, 2918)},
        **copied_references(2238),
        2729: "a number glued to its word: நோய்க்கிருமி1, written நோய்க்கிருமி 2 and நோய்க்கிருமி-2 around it",
        29: "a comma typed twice: மேலும்,,",
        281: "a comma typed twice: மேலும்,,",
        297: "a comma typed twice: மேலும்,,",
        298: "a comma typed twice: மேலும்,,",
        303: "a comma typed twice: மேலும்,,",
        368: "a comma typed twice: மேலும்,,",
        829: "a comma typed twice: மேலும்,,",
        958: "a comma typed twice: மேலும்,,",
        1046: "a comma typed twice: மேலும்,,",
        1182: "a comma typed twice: மேலும்,,",
        1284: "a comma typed twice: மேலும்,,",
        1417: "a comma typed twice: மேலும்,,",
        1598: "a comma typed twice: மேலும்,,",
        1683: "a comma typed twice: மேலும்,,",
        1978: "a comma typed twice: மேலும்,,",
        146: "அதீக is no word: அதிக (more) or அதீத (extreme) misspelled, in தீவிர அதீக சுவாசக் கோளாறு",
        357: "டபிள்யூ.எம் beside டபிள்யு.எம் four times in the same article",
        633: "a fragment of an English word glued to a Tamil ending: gentகள்",
        727: "stray Latin letters glued to a Tamil word: reகூடுதலாக",
        819: "மருத்துவமணையில் misspells மருத்துவமனையில், spelled with ன around it",
        1725: "self-coordination: சுகாதாரம் மற்றும் சுகாதாரம் for \"sanitation and hygiene\"",
        2657: "a word, then itself with an ending: நோய்க்கிருமி நோய்க்கிருமிக்கு for \"the causative virus\"",
        1790: "stray Latin letters glued to a Tamil word: saகுழாய்",
        2034: "தோற்று (lost) misspells தொற்று (infection), spelled right around it",
        2212: "self-coordination: மிதமான அல்லது மிதமான for \"mild or moderate\"",
        2489: "a stray letter and apostrophe glued to COVID: பி'COVID",
        2734: "a stray Latin letter glued to a Tamil word: vஏறுபட்ட (for வேறுபட்ட)",
        822: "ஏற்டக் (ற்ட, a cluster Tamil never writes): a typo",
        2605: "வெளிப்படுத்தின்ர் misspells வெளிப்படுத்தினர் (ன்ர, a cluster Tamil never writes)",
        2771: "எச்.கே.யு beside எச்.கே.யூ three times on the lines around it",
        **{n: "a space before the full stop" for n in (1672, 1778, 1798, 2746, 2860, 2940, 2942, 3000)},
        1317: "two sentences run together: தேவைப்படுகின்றன.தொற்று",
        1345: "two sentences run together: தெரிவிக்கின்றன.மார்ச்",
        1487: "two sentences run together: வலியுறுத்தினார்.பிப்ரவரி",
        1496: "two sentences run together: கூறினார்.பொது",
        1593: "two sentences run together: அறிவித்தது.சூதாட்ட",
        1680: "two sentences run together: தாமதமாகின.நோய்தாக்கத்தின்",
        1763: "two sentences run together: சேர்க்காவிட்டால்.ஆல்கஹால்",
        1932: "two sentences run together: வகிக்கிறது.வாஷிங்டன்",
        2434: "two sentences run together: தெரிவிக்கின்றன.கடுமையான",
        2577: "two sentences run together: கூறியுள்ளார்.முன்பே",
    },
    "indicmt-ta": {
        **{n: "a space before the comma" for n in (34, 123)},
        245: "a space before the full stop: போன்றது .",
    },
    "indicmt-gu": {
        **{n: "a space before the comma" for n in (200,)},
        151: "a space before the full stop between two sentences: શકે . ઘણી",
    },
    "indicmt-hi": {
        **{n: "a space before the comma" for n in (28,)},
        68: "anusvara doubled: देखेंं",
        129: "two vowel signs: मामलेा",
        102: "two sentences run together: है।शॉर्ट",
    },
    "indicmt-ml": {
        **{n: "a space before the comma" for n in (7, 252)},
        79: "a phrase said twice: ഒഹായോയിലെ പ്രാന്തപ്രദേശമായ (a suburb of Ohio), which the source says once",
        93: "a space before the full stop, after a bracket: ഉൾപ്പടെ) .",
    },
    "indicmt-mr": {
        **{n: "a space before the comma" for n in (59,)},
        65: "विषा साठी: a postposition apart after the oblique of a native noun (विषासाठी)",
        202: "anusvara doubled",
        248: "उपनगरा मध्ये: a postposition apart after the oblique of a native noun (उपनगरामध्ये)",
        260: "करुन beside करून twice in the same sentence (करून is the standard spelling)",
    },
    "wmt24-hi": {
        **{n: "a space before the comma" for n in (584, 797)},
        15: "two vowel signs: लिे for लिए",
        22: "शुरु for शुरू, spelled शुरू around it",
        142: "एडु beside एडू (Betta Edu) five times in the same story",
        796: "जबाब misspells जवाब, spelled right around it",
        800: "थोडी without the nukta of ड़, थोड़ी four times around it",
        925: "हूए misspells हुए, spelled right around it",
        32: "repeated word: में में",
        35: "सांचेज़ beside सान्चेज़ in the same story",
        42: "postposition glued to its noun: संस्थानोंने",
        244: "anusvara doubled: संंबध",
        276: "रिचार्ज beside रीचार्ज on the lines around it",
        464: "the phrase यह और doubled, which the source does not have",
        668: "no space between an acronym and a Hindi word: HTMLविशेषता",
        766: "vowel sign doubled, and आईकिया beside आइकिया in the same text",
        769: "postposition glued to its noun: सैनिकोंने",
        774: "a stray Latin letter glued to a Hindi word: फोनP",
        785: "two vowel signs: मैेने",
        839: "repeated word: से से (रूप से से)",
        852: "परछाईयों and परछाइयों in one paragraph",
        876: "repeated word: को को",
        933: "repeated word: पता पता",
        973: "हैरीस beside हैरिस on the lines around it",
        751: "केरेन्सकी beside केरेन्स्की twice in the same story (the virama left out)",
        802: "एलबोर्न beside एल्बोर्न on the lines after it (the virama left out)",
        963: "बखतरबंद beside बख्तरबंद on the lines around it (the virama left out)",
        17: "two sentences run together: गया।परिवर्तन",
        771: "two sentences run together: करेगा।आम",
        956: "two sentences run together: हैं।और",
    },
    "ru": {
        **{n: "a space before the comma" for n in (1593,)},
    },
}

# False alarms of rules outside the language packs measured here (the common pack's), recorded
# for that pack's owner: reported on their own line and not counted against the language packs.
OTHER_PACK_ALARMS = {
    "wmt24-hi": {
        ln: "a paragraph that is only a URL or markup, read as English by common.foreign-paragraph"
        for ln in (265, 309, 312, 474, 504, 532, 545, 605, 612, 613, 661, 662, 673)
    },
}

# (name, language, how to get the text). The TICO-19 files also keep the raw figure under --max.
CORPORA = [
    ("bn", "bn", ("plain", "tico19/plain/en-bn.bn.txt")),
    ("hi", "hi", ("tmx", "tico19/tmx/all.en-hi.tmx")),
    ("ru", "ru", ("tmx", "tico19/tmx/all.en-ru.tmx")),
    ("ar", "ar", ("tmx", "tico19/tmx/all.en-ar.tmx")),
    ("zh", "zh", ("tmx", "tico19/tmx/all.en-zh.tmx")),
    ("ta", "ta", ("tmx", "tico19/tmx/all.en-ta.tmx")),
    ("indicmt-hi", "hi", ("indicmt", "indicmt-eval/jsonl/Hin_{split}.jsonl")),
    ("indicmt-mr", "mr", ("indicmt", "indicmt-eval/jsonl/Mar_{split}.jsonl")),
    ("indicmt-ta", "ta", ("indicmt", "indicmt-eval/jsonl/Tam_{split}.jsonl")),
    ("wmt24-hi", "hi", ("plain", "wmt24-en-hi/wmt24.ref.hi.txt")),
    # Languages without a pack: the common pack alone claims them.
    ("indicmt-gu", "gu", ("indicmt", "indicmt-eval/jsonl/Guj_{split}.jsonl")),
    ("indicmt-ml", "ml", ("indicmt", "indicmt-eval/jsonl/Mal_{split}.jsonl")),
]
RAW_GATED = {"bn", "hi", "ru", "ar", "zh", "ta"}


def extract_targets(tmx, lang, out):
    root = ET.parse(tmx).getroot()
    n = 0
    with open(out, "w", encoding="utf-8") as f:
        for tu in root.iter("tu"):
            for tuv in tu.iter("tuv"):
                code = tuv.get("{http://www.w3.org/XML/1998/namespace}lang") or tuv.get("lang")
                if code and code.split("-")[0] == lang:
                    seg = tuv.find("seg")
                    text = "".join(seg.itertext()) if seg is not None else ""
                    f.write(" ".join(text.split("\n")).strip() + "\n")
                    n += 1
    return n


def extract_references(jsonl, out):
    """Each distinct `ref` once, in the order of first appearance, one per line."""
    seen, refs = set(), []
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            ref = " ".join(json.loads(line)["ref"].split())
            if ref and ref not in seen:
                seen.add(ref)
                refs.append(ref)
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(refs) + "\n")
    return len(refs)


def embedded_packs(bin_):
    r = subprocess.run([bin_, "rules", "list"], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"`{bin_} rules list` failed (exit {r.returncode}): {r.stderr[-500:]}")
    return {line.split()[0] for line in r.stdout.splitlines() if line and not line[0].isspace()}


def run(bin_, path, extra):
    r = subprocess.run([bin_, "check", "--format", "json", "--fail-on", "never", *extra, path],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"mtqc failed on {path} (exit {r.returncode}): {r.stderr[-500:]}")
    return json.loads(r.stdout)


def measure(name, bin_, path, extra, show):
    """The shares of lines flagged: raw, and without the known defects and the recorded false
    alarms of other packs."""
    report = run(bin_, path, extra)
    lines = open(path, encoding="utf-8").read().split("\n")
    total = sum(1 for l in lines if l.strip())
    flagged, rules = {}, Counter()
    known, other = KNOWN_DEFECTS.get(name, {}), OTHER_PACK_ALARMS.get(name, {})
    for f in report["files"]:
        for p in f["paragraphs"]:
            for x in p["findings"]:
                flagged.setdefault(x["line"], []).append(x)
                rules[x["rule"]] += 1
    n_known = sum(1 for ln in flagged if ln in known)
    n_other = sum(1 for ln in flagged if ln in other and ln not in known)
    unknown = {ln: xs for ln, xs in flagged.items() if ln not in known and ln not in other}
    raw, net = len(flagged) / total, len(unknown) / total
    recorded = f"; {n_other} recorded false alarms of other packs" if other else ""
    print(f"{name}: {len(flagged)}/{total} lines flagged = {raw:.2%} "
          f"({n_known} known defects{recorded}; without them {len(unknown)} = {net:.2%})")
    for rule, n in rules.most_common():
        print(f"    {rule}: {n}")
    for ln in sorted(unknown)[:show]:
        for x in unknown[ln]:
            print(f"    line {ln}: {x['rule']}: {x['text']!r}  {x['message'][:90]}")
    stale = sorted(ln for ln in list(known) + list(other) if ln not in flagged)
    if stale:
        print(f"    known defects or recorded alarms no longer flagged (lines): {stale}")
    return raw, net


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("bin", nargs="?", default=os.path.join(HERE, "..", "target", "release", "mtqc"))
    ap.add_argument("--shared", default=os.path.join(HERE, "..", "..", "shared"))
    # Raw, the corpus's own defects included: Tamil TICO-19 has 55 listed lines (1.8%: a comma
    # typed twice 15 times, a space before the full stop 8 times, before a comma 16 times), so the
    # raw guard stands above them (it was 1.5% until the full stop's rule found those 8, 2% until
    # the comma's found its 16); the net figure is the target.
    ap.add_argument("--max", type=float, default=0.025, help="largest raw share of lines flagged")
    ap.add_argument("--max-net", type=float, default=0.005,
                    help="largest share of lines flagged, known defects not counted")
    ap.add_argument("--show", type=int, default=0)
    ap.add_argument("--only", default="", help="comma-separated corpus names (default: all)")
    ap.add_argument("--common", action="store_true",
                    help="run the common pack alone (`--packs common`): every corpus read as a "
                         "language without a pack, which the common pack's fallback rules serve")
    ap.add_argument("--split", default="train", choices=["train", "val"],
                    help="IndicMT split whose references are measured (rules are tuned on train; "
                         "val is held out: its known defects are not listed)")
    a = ap.parse_args()
    corpus = os.path.join(a.shared, "corpus")
    if not os.path.isdir(os.path.join(corpus, "tico19")):
        print(f"measure_fp: {corpus}/tico19 not found: the measurement needs ../shared; skipped")
        return 0
    embedded = embedded_packs(a.bin)
    only = set(filter(None, a.only.split(",")))
    worst_raw = worst_net = 0.0
    with tempfile.TemporaryDirectory(prefix="mtqc-fp-") as tmp:
        for name, lang, (how, rel) in CORPORA:
            if only and name not in only:
                continue
            src = os.path.join(corpus, rel.format(split=a.split))
            if a.split != "train" and how != "indicmt":
                continue
            if not os.path.exists(src):
                print(f"{name}: {src} not found; skipped")
                continue
            if how == "plain":
                path = src
            else:
                path = os.path.join(tmp, f"{name}.txt")
                if how == "tmx":
                    extract_targets(src, lang, path)
                else:
                    extract_references(src, path)
            extra = ["--lang", lang] + (["--packs", "common"] if a.common else [])
            pack = os.path.join(RULES, lang)
            if not a.common and lang not in embedded and os.path.isdir(pack) and any(
                    f.endswith(".toml") for f in os.listdir(pack)):
                extra += ["--rules", pack]
            raw, net = measure(name if a.split == "train" else f"{name}-{a.split}", a.bin, path,
                               extra, a.show)
            if name in RAW_GATED:
                worst_raw = max(worst_raw, raw)
            worst_net = max(worst_net, net)
    print(f"worst raw false-alarm share on TICO-19 {worst_raw:.2%} (target at most {a.max:.1%}); "
          f"without known defects, on every corpus {worst_net:.2%} (target at most {a.max_net:.1%})")
    return 0 if worst_raw <= a.max and worst_net <= a.max_net else 1


if __name__ == "__main__":
    sys.exit(main())
