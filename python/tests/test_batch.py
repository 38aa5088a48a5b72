"""Checker.check_batch: one row per finding, the same findings and scores as
``mtqc check --segments --format json`` on the same segments."""

from collections import defaultdict

import pyarrow as pa
import pytest

import mtqc
from conftest import FIXTURES, TICO_BN

SEGMENTS = FIXTURES / "segments-bn.txt"
SAME = ["rule", "kind", "severity", "category", "message", "text", "suggestion", "fingerprint"]


def cli_segments(cli, path, *options):
    """The CLI's report of `path` with --segments, its targets (the line of each paragraph) and
    the byte offset of each paragraph's line in the file."""
    file = cli("--format", "json", "--segments", *options, path)["files"][0]
    raw = path.read_bytes()
    starts, at = [], 0
    for line in raw.split(b"\n"):
        starts.append(at)
        at += len(line) + 1
    lines = raw.decode("utf-8").split("\n")
    targets = [lines[p["line"] - 1] for p in file["paragraphs"]]
    offsets = [starts[p["line"] - 1] for p in file["paragraphs"]]
    return file, targets, offsets


def assert_same(file, targets, offsets, findings, scores):
    assert scores.num_rows == len(file["paragraphs"]) == len(targets)
    by_row = defaultdict(list)
    for f in findings.to_pylist():
        by_row[f["row"]].append(f)
    rows = findings.column("row").to_pylist()
    assert rows == sorted(rows)
    for i, (p, s) in enumerate(zip(file["paragraphs"], scores.to_pylist())):
        assert s["row"] == i
        assert (s["language"], s["words"], s["penalty"], s["score"], s["pass"], s["findings"]) == (
            file["language"],
            p["words"],
            p["penalty"],
            p["score"],
            p["pass"],
            len(p["findings"]),
        ), i
        got = by_row.get(i, [])
        assert len(got) == len(p["findings"]), (i, targets[i])
        for want, f in zip(p["findings"], got):
            assert {k: f[k] for k in SAME} == {k: want[k] for k in SAME}
            assert want["line"] == want["end_line"] == p["line"]
            assert f["char_start"] == want["column"] - 1
            assert f["char_end"] == want["end_column"] - 1
            assert f["byte_start"] == want["start"] - offsets[i]
            assert f["byte_end"] == want["end"] - offsets[i]
            assert targets[i][f["char_start"] : f["char_end"]] == f["text"]
            raw = targets[i].encode("utf-8")
            assert raw[f["byte_start"] : f["byte_end"]].decode("utf-8") == f["text"]


def test_batch_equals_the_cli_on_the_committed_segments(cli):
    file, targets, offsets = cli_segments(cli, SEGMENTS)
    assert sum(len(p["findings"]) for p in file["paragraphs"]) > 30
    findings, scores = mtqc.Checker(threads=1).check_batch_scored(targets)
    assert_same(file, targets, offsets, findings, scores)


@pytest.mark.skipif(not TICO_BN.exists(), reason=f"{TICO_BN} not found (../shared)")
def test_batch_equals_the_cli_on_tico19_bengali(cli):
    file, targets, offsets = cli_segments(cli, TICO_BN)
    assert len(targets) > 3000
    findings, scores = mtqc.Checker().check_batch_scored(targets)
    assert_same(file, targets, offsets, findings, scores)
    assert findings.num_rows == sum(len(p["findings"]) for p in file["paragraphs"]) > 0


def test_options_mean_what_they_mean_on_the_command_line(cli):
    options = ["--lang", "bn", "--disable", "bn.sign-on-vowel", "--fail-on", "minor"]
    file, targets, offsets = cli_segments(cli, SEGMENTS, *options)
    c = mtqc.Checker(lang="bn", disable=["bn.sign-on-vowel"], fail_on="minor", threads=2)
    findings, scores = c.check_batch_scored(targets)
    assert_same(file, targets, offsets, findings, scores)
    assert "bn.sign-on-vowel" not in set(findings.column("rule").to_pylist())


class ArrowStream:
    """An Arrow producer that is not pyarrow (as polars' Series): the PyCapsule interface only."""

    def __init__(self, chunked):
        self.chunked = chunked

    def __arrow_c_stream__(self, requested_schema=None):
        return self.chunked.__arrow_c_stream__(requested_schema)


def test_arrow_inputs_give_the_same_tables():
    targets = SEGMENTS.read_text(encoding="utf-8").splitlines()
    c = mtqc.Checker(lang="bn", threads=1)
    want_f, want_s = c.check_batch_scored(targets)
    inputs = [
        tuple(targets),
        iter(targets),
        pa.array(targets, pa.string()),
        pa.array(targets, pa.large_string()),
        pa.chunked_array([targets[:50], targets[50:]]),
        pa.array(targets, pa.string()).dictionary_encode(),
        ArrowStream(pa.chunked_array([targets[:30], targets[30:]], pa.large_string())),
    ]
    for x in inputs:
        f, s = c.check_batch_scored(x)
        assert f.equals(want_f) and s.equals(want_s), type(x)
    # A slice of an array: offsets into the same buffers.
    sliced = pa.array(["x"] * 7 + targets, pa.string()).slice(7, len(targets))
    f, s = c.check_batch_scored(sliced)
    assert f.equals(want_f) and s.equals(want_s)


def test_a_target_with_line_breaks_is_one_segment():
    c = mtqc.Checker(lang="bn", threads=1)
    f, s = c.check_batch_scored(["আামি আপনাকে\nএকটি ছবি আামি পাঠাবো", "ভালো"])
    assert s.num_rows == 2
    rows = f.to_pylist()
    assert [r["row"] for r in rows] == [0, 0]
    target = "আামি আপনাকে\nএকটি ছবি আামি পাঠাবো"
    assert [target[r["char_start"] : r["char_end"]] for r in rows] == ["আা", "আা"]


def test_schema_ids_and_empty_batches():
    c = mtqc.Checker(lang="bn", threads=1)
    f, s = c.check_batch_scored([])
    assert f.num_rows == 0 and s.num_rows == 0
    assert f.column_names == [
        "row", "rule", "kind", "severity", "category", "message", "text", "suggestion",
        "char_start", "char_end", "byte_start", "byte_end", "fingerprint",
    ]
    assert s.column_names == ["row", "language", "words", "penalty", "score", "pass", "findings"]
    targets = ["আামি যাব", "ভালো", "ভাইরাস ভাইরাস ছড়ায়"]
    f, s = c.check_batch_scored(targets, ids=[10, 20, 30])
    assert f.column_names[:2] == ["row", "id"] and f.schema.field("id").type == pa.int64()
    assert f.column("id").to_pylist() == [10 * (r + 1) for r in f.column("row").to_pylist()]
    assert s.column("id").to_pylist() == [10, 20, 30]
    f2 = c.check_batch(pa.array(targets), ids=pa.array(["a", "b", "c"]))
    assert f2.column("id").to_pylist() == [["a", "b", "c"][r] for r in f2.column("row").to_pylist()]
    assert f2.schema.field("suggestion").type == pa.string()
    assert s.column("words").to_pylist() == [2, 1, 3]


def test_langs_group_rows_by_language(cli, tmp_path):
    bn = SEGMENTS.read_text(encoding="utf-8").splitlines()[:60]
    hi = ["वह घर गया।", "उन्होंने कहा कि वह कल आएंगे, उन्होंने कहा।", "यह बहुत बहुत अच्छा है।"] * 5
    # Interleaved rows; each language's rows are checked as `mtqc check --segments --lang L`.
    targets, langs = [], []
    for i in range(max(len(bn), len(hi))):
        for part, lang in ((bn, "bn"), (hi, "hi")):
            if i < len(part):
                targets.append(part[i])
                langs.append(lang)
    c = mtqc.Checker(threads=1)
    findings, scores = c.check_batch_scored(targets, langs=langs)
    for lang, part in (("bn", bn), ("hi", hi)):
        path = tmp_path / f"{lang}.txt"
        path.write_text("\n".join(part) + "\n", encoding="utf-8")
        rows = [i for i, l in enumerate(langs) if l == lang]
        file, t, offsets = cli_segments(cli, path, "--lang", lang)
        f = findings.filter(pa.compute.is_in(findings.column("row"), pa.array(rows)))
        renumber = {r: k for k, r in enumerate(rows)}
        f = f.set_column(0, "row", pa.array([renumber[r] for r in f.column("row").to_pylist()], pa.int64()))
        s = scores.take(rows)
        s = s.set_column(0, "row", pa.array(range(len(rows)), pa.int64()))
        assert_same(file, t, offsets, f, s)
    assert set(scores.column("language").to_pylist()) == {"bn", "hi"}
    # None: the checker's language (here detected); the same as no langs at all.
    f1, s1 = c.check_batch_scored(bn, langs=[None] * len(bn))
    f2, s2 = c.check_batch_scored(bn)
    assert f1.equals(f2) and s1.equals(s2)


def test_a_pandas_like_workflow():
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame({"id": ["a", "b"], "tgt": ["আামি যাব", "ভালো"]})
    f = mtqc.Checker(lang="bn", threads=1).check_batch(df["tgt"], ids=df["id"])
    out = f.to_pandas()
    assert list(out["id"]) == ["a"] and list(out["rule"]) == ["bn.sign-on-vowel"]


def test_a_blank_row_is_no_text_to_check():
    # As `mtqc check --segments` finds no segment in a blank line, and `Checker.check` nothing
    # in whitespace: no leading- or trailing-whitespace finding, a full score.
    findings, scores = mtqc.Checker(lang="bn", threads=1).check_batch_scored(
        ["  ", "\t", "প্রায় 600০০ সেনা"]
    )
    rows = set(findings.column("row").to_pylist())
    assert 0 not in rows and 1 not in rows and 2 in rows
    s = scores.to_pylist()
    assert [(x["score"], x["pass"]) for x in s[:2]] == [(100.0, True), (100.0, True)]
