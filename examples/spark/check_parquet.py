#!/usr/bin/env python3
"""Check a Parquet table of translation units with mtqc on Spark.

    python examples/spark/check_parquet.py IN.parquet OUT_DIR [--lang bn] [--master URL]

IN.parquet (a file or a directory of files) holds one row per unit: `id`, `tgt` (the
translation) and optionally `src` (the source). Every unit is checked as one segment, as
`mtqc check --segments` checks a line, and with a `src` against its source, as
`Checker.check_pair` checks a pair (a null `src`: a unit without one; a null `tgt`: an empty
target): with `mapInArrow`, one `mtqc.Checker` per executor
process (`mtqc.shared_checker`, one thread: Spark gives each task its core) and Arrow batches
in and out. Two Parquet datasets are written under OUT_DIR:

- `findings/`: one row per finding: `id` (the unit's), `rule`, `kind`, `severity`,
  `category`, `message`, `text`, `suggestion`, `char_start`/`char_end` (characters of `tgt`),
  `byte_start`/`byte_end` (UTF-8 bytes) and `fingerprint`;
- `scores/`: one row per unit: `id`, `language`, `words`, `penalty`, `score` (MQM, 0-100),
  `pass` and `findings` (how many).

Without --master it runs on local Spark (`local[*]`, with this Python as the workers'); with
--master (or under spark-submit) it runs on that cluster unchanged, where every executor needs
the `mtqc` package (`pip install` on the nodes, or a packed virtualenv via
`spark.archives`). The units of one Arrow batch (`spark.sql.execution.arrow.maxRecordsPerBatch`,
10,000 by default) are checked together: without --lang their language and script are decided
over the batch, so name the language when the data allows.
"""

import argparse
import functools
import os
import sys

FINDING_FIELDS = [
    ("rule", "string"),
    ("kind", "string"),
    ("severity", "string"),
    ("category", "string"),
    ("message", "string"),
    ("text", "string"),
    ("suggestion", "string"),
    ("char_start", "long"),
    ("char_end", "long"),
    ("byte_start", "long"),
    ("byte_end", "long"),
    ("fingerprint", "string"),
]
SCORE_FIELDS = [
    ("language", "string"),
    ("words", "long"),
    ("penalty", "double"),
    ("score", "double"),
    ("pass", "boolean"),
    ("findings_count", "long"),
]


def check_units(batches, options, with_sources):
    """mapInArrow's function: each batch of units in, one row per unit out (its scores and
    its findings as a list of structs), checked by this process's checker."""
    import pyarrow as pa
    import pyarrow.compute as pc

    import mtqc

    checker = mtqc.shared_checker(threads=1, **options)
    for batch in batches:
        # A unit without a target is an empty segment: no words, no findings.
        targets = pc.fill_null(batch.column("tgt"), "")
        sources = batch.column("src") if with_sources else None
        # The ids are the units' (with sources, fingerprints are keyed by them).
        findings, scores = checker.check_batch_scored(targets, sources=sources, ids=batch.column("id"))
        counts = scores.column("findings").combine_chunks()
        offsets = pa.concat_arrays(
            [pa.array([0], pa.int64()), pc.cumulative_sum(counts)]
        ).cast(pa.int32())
        names = [n for n, _ in FINDING_FIELDS]
        structs = pa.StructArray.from_arrays(
            [findings.column(n).combine_chunks() for n in names], names=names
        )
        columns = [batch.column("id")]
        columns += [scores.column(n).combine_chunks() for n, _ in SCORE_FIELDS[:-1]]
        columns += [counts, pa.ListArray.from_arrays(offsets, structs)]
        yield pa.RecordBatch.from_arrays(
            columns, names=["id"] + [n for n, _ in SCORE_FIELDS] + ["findings"]
        )


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("input", help="Parquet file or directory: columns id, tgt, and optionally src")
    p.add_argument("out_dir", help="writes OUT_DIR/findings/ and OUT_DIR/scores/")
    p.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*])")
    p.add_argument("--lang", help="the targets' language (BCP 47), instead of detecting it")
    p.add_argument("--packs", help="run only these packs (comma-separated ids)")
    p.add_argument("--disable", action="append", default=[], metavar="ID", help="disable a rule (repeatable)")
    p.add_argument("--partitions", type=int, help="repartition the units first (more tasks)")
    p.add_argument("--overwrite", action="store_true", help="replace findings/ and scores/ if they exist")
    args = p.parse_args(argv)

    from pyspark import StorageLevel
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    import mtqc

    options = {"lang": args.lang, "packs": args.packs, "disable": args.disable or None}
    # Fail here, on the driver, with mtqc's message rather than in every task.
    mtqc.Checker(threads=1, **options)

    builder = SparkSession.builder.appName("mtqc check_parquet")
    if args.master:
        builder = builder.master(args.master)
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # started by spark-submit
    if not submitted and (args.master or "local").startswith("local"):
        # Local Spark (pyspark's default master is local[*]): its workers run this Python,
        # which has mtqc.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = builder.getOrCreate()

    units = spark.read.parquet(args.input)
    missing = {"id", "tgt"} - set(units.columns)
    if missing:
        p.error(f"{args.input}: no column {', '.join(sorted(missing))} (columns: {', '.join(units.columns)})")
    with_sources = "src" in units.columns
    units = units.select("id", "tgt", *(["src"] if with_sources else []))
    if args.partitions:
        units = units.repartition(args.partitions)

    id_type = units.schema["id"].dataType.simpleString()
    finding_type = ",".join(f"{n}:{t}" for n, t in FINDING_FIELDS)
    schema = (
        f"id {id_type}, "
        + ", ".join(f"`{n}` {t}" for n, t in SCORE_FIELDS)
        + f", findings array<struct<{finding_type}>>"
    )
    checked = units.mapInArrow(
        functools.partial(check_units, options=options, with_sources=with_sources), schema
    ).persist(StorageLevel.MEMORY_AND_DISK)

    mode = "overwrite" if args.overwrite else "errorifexists"
    out = args.out_dir.rstrip("/")
    score_columns = [n for n, _ in SCORE_FIELDS[:-1]]
    (
        checked.select("id", *score_columns, F.col("findings_count").alias("findings"))
        .write.mode(mode)
        .parquet(f"{out}/scores")
    )
    (
        checked.select("id", F.explode("findings").alias("f"))
        .select("id", "f.*")
        .write.mode(mode)
        .parquet(f"{out}/findings")
    )
    checked.unpersist()
    spark.stop()


if __name__ == "__main__":
    main()
