"""Checker.check_pair and check_batch(sources=...): a target checked against its source with
the source-aware rules of the core (examples from rules/common/source.toml)."""

import pyarrow as pa
import pytest

import mtqc

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
    assert (p["id"], p["source"], p["target"]) == ("0", source, target)
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
            got = [{k: r[k] for k in KEYS} for r in rows if r["row"] == i]
            if source is None:
                want = checker.check_batch([target]).to_pylist()
            else:
                want = [f for p in checker.check_pair(source, target)["paragraphs"] for f in p["findings"]]
            assert got == [{k: f[k] for k in KEYS} for f in want], i
        assert scores.column("findings").to_pylist()[3] == 0
    assert set(findings.column("id").to_pylist()) >= {"a", "b", "c"}
