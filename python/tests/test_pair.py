"""Checker.check_pair and check_batch(sources=...): a target checked against its source with
the source-aware rules of the core (examples from rules/common/source.toml)."""

import pyarrow as pa
import pytest

import mtqc
from conftest import SHARED
from test_batch import assert_same, cli_segments

TICO_EN = SHARED / "corpus" / "tico19" / "plain" / "en-bn.en.txt"
TICO_BN = SHARED / "corpus" / "tico19" / "plain" / "en-bn.bn.txt"
EXAMPLE_PAIRS = [
    ("The final took place in 1885 before 400,000 people.", "ফাইনাল হয়েছিল ১৮৭৫ সালে, ৪০,০০০ মানুষের সামনে।"),
    ("64 new cases were reported.", "নতুন কেস জানানো হয়েছে।"),
    ("Delete %s files from {folder}?", "{folder} থেকে %d টি ফাইল মুছবেন?"),
    ("%s of %d files copied", "%d টি ফাইলের মধ্যে %s টি কপি হয়েছে"),
    ("Wash your hands often.", "Wash your hands often."),
    ("Stay home and wash your hands often.", "ঘরে থাকুন এবং wash your hands often।"),
    ("Wash your hands.", ""),
    ("I will send you a picture.", "আামি আপনাকে একটি ছবি পাঠাবো"),
    ("Wash your hands 3 times a day.", "দিনে তিনবার হাত ধুয়ে নিন।"),
]

KEYS = ["rule", "kind", "severity", "category", "message", "text", "suggestion", "fingerprint"]


@pytest.fixture(scope="module")
def checker():
    return mtqc.Checker(lang="bn", threads=1)


def rules_and_texts(file):
    return [(f["rule"], f["text"]) for p in file["paragraphs"] for f in p["findings"]]


def test_a_pair_is_one_unit(checker):
    source = "The final took place in 1885 before 400,000 people."
    target = "ফাইনাল হয়েছিল ১৮৭৫ সালে, ৪০,০০০ মানুষের সামনে।"
    file = checker.check_pair(source, target)
    assert file["path"] == "<pair>" and file["language"] == "bn"
    [p] = file["paragraphs"]
    assert (p["id"], p["source"], p["target"]) == ("1", source, target)
    flagged = rules_and_texts(file)
    assert ("common.number-mismatch", "১৮৭৫") in flagged
    assert ("common.number-mismatch", "৪০,০০০") in flagged
    raw = target.encode("utf-8")
    for f in p["findings"]:
        assert raw[f["start"] : f["end"]].decode("utf-8") == f["text"]
    # Without the source, the same target is only checked on its own.
    assert not any(r.startswith("common.number") for r, _ in rules_and_texts(checker.check(target)))


@pytest.mark.parametrize(
    "source, target, flagged",
    [
        ("Delete %s files from {folder}?", "{folder} থেকে %d টি ফাইল মুছবেন?", [("common.placeholder-mismatch", "%d")]),
        ("%s of %d files copied", "%d টি ফাইলের মধ্যে %s টি কপি হয়েছে", [("common.placeholder-order", "%d")]),
        ("Wash your hands 3 times a day.", "দিনে তিনবার হাত ধুয়ে নিন।", []),
        ("%1$s of %2$d files copied", "%2$d টি ফাইলের মধ্যে %1$s টি কপি হয়েছে", []),
    ],
)
def test_source_aware_rules_fire_as_their_examples_say(checker, source, target, flagged):
    found = [x for x in rules_and_texts(checker.check_pair(source, target)) if x[0].startswith("common.")]
    assert found == flagged


def test_target_rules_still_run_on_a_pair(checker):
    found = rules_and_texts(checker.check_pair("I will send a picture.", "আামি একটি ছবি পাঠাবো"))
    assert ("bn.sign-on-vowel", "আা") in found


def test_a_batch_with_sources_is_pairs(checker):
    pairs = [
        ("The final took place in 1885 before 400,000 people.", "ফাইনাল হয়েছিল ১৮৭৫ সালে, ৪০,০০০ মানুষের সামনে।"),
        (None, "আামি একটি ছবি পাঠাবো"),
        ("Delete %s files from {folder}?", "{folder} থেকে %d টি ফাইল মুছবেন?"),
        ("Wash your hands.", "হাত ধুয়ে নিন।"),
    ]
    sources = [s for s, _ in pairs]
    targets = [t for _, t in pairs]
    for srcs in (sources, pa.array(sources, pa.string()), pa.chunked_array([sources[:2], sources[2:]])):
        findings, scores = checker.check_batch_scored(targets, sources=srcs, ids=["a", "b", "c", "d"])
        rows = findings.to_pylist()
        for i, (source, target) in enumerate(pairs):
            # Fingerprints are keyed by the unit's id (here the ids given): all else alike.
            keys = [k for k in KEYS if k != "fingerprint"]
            got = [{k: r[k] for k in keys} for r in rows if r["row"] == i]
            if source is None:
                want = checker.check_batch([target]).to_pylist()
            else:
                want = [f for p in checker.check_pair(source, target)["paragraphs"] for f in p["findings"]]
            assert got == [{k: f[k] for k in keys} for f in want], i
        assert scores.column("findings").to_pylist()[3] == 0
    assert set(findings.column("id").to_pylist()) >= {"a", "b", "c"}


def write_pair(tmp_path, pairs):
    src, tgt = tmp_path / "src.txt", tmp_path / "tgt.txt"
    src.write_text("".join(s + "\n" for s, _ in pairs), encoding="utf-8")
    tgt.write_text("".join(t + "\n" for _, t in pairs), encoding="utf-8")
    return src, tgt


@pytest.mark.parametrize("i", range(len(EXAMPLE_PAIRS)))
def test_a_pair_equals_the_cli_on_a_one_line_pair(cli, tmp_path, i):
    source, target = EXAMPLE_PAIRS[i]
    src, tgt = write_pair(tmp_path, [(source, target)])
    want = cli("--format", "json", "--segments", "--lang", "bn", "--source", src, tgt)["files"][0]
    want["path"] = want["relative_path"] = "<pair>"
    assert mtqc.Checker(lang="bn").check_pair(source, target) == want


def pairs_against_the_cli(cli, tmp_path, pairs, *options, **kwargs):
    src, tgt = write_pair(tmp_path, pairs)
    file, targets, offsets = cli_segments(cli, tgt, "--source", src, *options)
    assert targets == [t for _, t in pairs]
    findings, scores = mtqc.Checker(threads=1, **kwargs).check_batch_scored(
        targets, sources=[s for s, _ in pairs]
    )
    assert_same(file, targets, offsets, findings, scores)
    return findings


def test_a_batch_with_sources_equals_the_cli_with_source(cli, tmp_path):
    findings = pairs_against_the_cli(cli, tmp_path, EXAMPLE_PAIRS, "--lang", "bn", lang="bn")
    rules = set(findings.column("rule").to_pylist())
    assert {"common.number-mismatch", "common.placeholder-mismatch", "common.untranslated-unit"} <= rules


def test_the_source_language_is_the_command_line_s(cli, tmp_path):
    pairs = [("Lávate las manos a menudo.", "Lávate las manos a menudo."), ("Hola", "হ্যালো")]
    pairs_against_the_cli(cli, tmp_path, pairs, "--lang", "bn", "--source-lang", "es", lang="bn", source_lang="es")


@pytest.mark.skipif(not (TICO_EN.exists() and TICO_BN.exists()), reason="TICO-19 (../shared) not found")
def test_tico19_pairs_equal_the_cli(cli, tmp_path):
    en = TICO_EN.read_text(encoding="utf-8").split("\n")
    bn = TICO_BN.read_text(encoding="utf-8").split("\n")
    pairs = [(s, t) for s, t in zip(en, bn) if s.strip() and t.strip()][:1500]
    pairs_against_the_cli(cli, tmp_path, pairs)
