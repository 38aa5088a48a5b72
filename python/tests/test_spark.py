"""examples/spark/check_parquet.py on local Spark: the findings and scores it writes are the
CLI's (`mtqc check --segments`) on the same units."""

import os
import shutil
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import mtqc
from conftest import FIXTURES, ROOT
from test_batch import assert_same, cli_segments

pytest.importorskip("pyspark")
pytest.importorskip("pandas")  # mapInArrow needs it
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java for Spark", allow_module_level=True)

EXAMPLE = ROOT / "examples" / "spark" / "check_parquet.py"


def run_example(*args):
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, SPARK_LOCAL_IP="127.0.0.1")
    p = subprocess.run(
        [sys.executable, str(EXAMPLE), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert p.returncode == 0, p.stderr[-4000:]
    return p


def test_spark_example_equals_the_cli(cli, tmp_path):
    lines = (FIXTURES / "segments-bn.txt").read_text(encoding="utf-8").split("\n")[:-1]
    # Ids that are not row numbers, and units in two Parquet files; no sources (the CLI reads
    # none from plain text).
    ids = [1000 + 7 * i for i in range(len(lines))]
    table = pa.table({"id": ids, "tgt": lines})
    units = tmp_path / "units"
    units.mkdir()
    half = len(lines) // 2
    pq.write_table(table.slice(0, half), units / "a.parquet")
    pq.write_table(table.slice(half), units / "b.parquet")
    out = tmp_path / "out"
    run_example(units, out, "--lang", "bn", "--master", "local[2]", "--partitions", "3")

    findings = pq.read_table(out / "findings")
    scores = pq.read_table(out / "scores")
    assert scores.schema.field("id").type == pa.int64()
    assert findings.column_names == [
        "id", "rule", "kind", "severity", "category", "message", "text", "suggestion",
        "char_start", "char_end", "byte_start", "byte_end", "fingerprint",
    ]
    assert scores.column_names == ["id", "language", "words", "penalty", "score", "pass", "findings"]
    # Back to the units' order: row = position of the id.
    row_of = {u: i for i, u in enumerate(ids)}
    scores = scores.append_column(
        "row", pa.array([row_of[u] for u in scores.column("id").to_pylist()], pa.int64())
    ).sort_by("row")
    rows = [row_of[u] for u in findings.column("id").to_pylist()]
    findings = findings.append_column("row", pa.array(rows, pa.int64()))
    findings = findings.sort_by(
        [("row", "ascending"), ("byte_start", "ascending"), ("byte_end", "ascending"), ("rule", "ascending")]
    )

    path = tmp_path / "tgt.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    file, targets, offsets = cli_segments(cli, path, "--lang", "bn")
    assert targets == lines
    assert_same(file, targets, offsets, findings, scores)
    assert findings.num_rows > 30


def test_spark_example_with_sources_equals_check_batch(tmp_path):
    """With a `src` column, every unit is checked against its source, as check_batch does
    with `sources` (a null src: a unit without one; a null tgt: an empty target)."""
    units = [
        ("u1", "The final took place in 1885 before 400,000 people.", "ফাইনাল হয়েছিল ১৮৭৫ সালে, ৪০,০০০ মানুষের সামনে।"),
        ("u2", None, "আামি একটি ছবি পাঠাবো"),
        ("u3", "Delete %s files from {folder}?", "{folder} থেকে %d টি ফাইল মুছবেন?"),
        ("u4", "Wash your hands.", "হাত ধুয়ে নিন।"),
        ("u5", "Stay home.", None),
    ]
    table = pa.table({"id": [u[0] for u in units], "src": [u[1] for u in units], "tgt": [u[2] for u in units]})
    pq.write_table(table, tmp_path / "units.parquet")
    out = tmp_path / "out"
    run_example(tmp_path / "units.parquet", out, "--lang", "bn")
    findings = pq.read_table(out / "findings").sort_by(
        [("id", "ascending"), ("byte_start", "ascending"), ("byte_end", "ascending"), ("rule", "ascending")]
    )
    scores = pq.read_table(out / "scores").sort_by("id")
    want_f, want_s = mtqc.Checker(lang="bn", threads=1).check_batch_scored(
        [u[2] or "" for u in units], sources=[u[1] for u in units], ids=[u[0] for u in units]
    )
    assert findings.to_pylist() == want_f.drop_columns(["row"]).to_pylist()
    assert scores.to_pylist() == want_s.drop_columns(["row"]).to_pylist()
    assert {"common.number-mismatch", "common.placeholder-mismatch", "bn.sign-on-vowel"} <= set(
        findings.column("rule").to_pylist()
    )
