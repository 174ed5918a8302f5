#!/usr/bin/env python3
"""dyad over a news archive with Apache Spark: each partition of article JSONL (or of WARC file
paths) goes through `dyad extract --with-text`, the facts are written as Parquet partitioned by
kind and year, and `--load` stores them in a knowledge base with `dyad ingest --facts`, without
extracting again.

Why: `dyad extract` is the unit of work; Spark only spreads the partitions over cores and
machines, retries failed ones and writes the columns. No scheduler of our own.

    spark-submit examples/spark/dyad_spark.py articles/ facts.parquet --dyad target/release/dyad
    python3 examples/spark/dyad_spark.py articles/ facts.parquet --master 'local[2]' --load kb.db
    python3 examples/spark/dyad_spark.py warc.paths facts.parquet --warc-paths --master 'local[2]'

The input is a folder (or glob) of JSONL files, one article a line as `dyad extract` reads them:
`{"id": ..., "text": ... or "html": ..., "published": ..., "url": ..., "title": ...}`; with
`--warc-paths`, text files of `.warc`/`.warc.gz` paths (one a line, as CC-NEWS's `warc.paths`
lists them; each path readable by the workers), and dyad reads the archives itself. The Parquet
rows are `kind` (`text` for a document's text record), `year` (of the fact's date, period or
publication; "unknown" when there is none), `doc`, `fact` (the JSON line as `dyad extract`
wrote it) and `line` (its place in the output, which `--load` keeps: a document's records
together, its text last).
"""
import argparse
import json
import os
import shutil
import subprocess

from pyspark.sql import SparkSession
from pyspark.sql.types import LongType, StringType, StructField, StructType

SCHEMA = StructType(
    [
        StructField("kind", StringType(), False),
        StructField("year", StringType(), False),
        StructField("doc", StringType(), True),
        StructField("fact", StringType(), False),
        StructField("line", LongType(), False),
    ]
)


def row(numbered):
    """A facts JSONL line and its place as a Parquet row: kind, year and document beside it."""
    line, n = numbered
    fact = json.loads(line)
    when = fact.get("date") or fact.get("period") or fact.get("published") or ""
    year = when[:4] if len(when) >= 4 and when[:4].isdigit() else "unknown"
    return (fact.get("kind", "unknown"), year, fact.get("doc"), line, n)


def numbered(partition, lines):
    """Each line with its place: (partition, position) as one number, ordered as the output is
    (zipWithIndex would run the extraction twice: once to count)."""
    for n, line in enumerate(lines):
        yield (line, (partition << 40) + n)


def extract_archives(dyad):
    """A partition of WARC paths -> the facts of their records, streamed from one dyad process."""

    def run(paths):
        paths = [p.strip() for p in paths if p.strip()]
        if not paths:
            return
        # dyad reads the archives a record at a time; a damaged record is a line on its stderr.
        with subprocess.Popen([dyad, "extract", "--with-text", *paths], stdout=subprocess.PIPE, text=True) as proc:
            for line in proc.stdout:
                yield line.rstrip("\n")
        if proc.returncode not in (0, 2):
            raise RuntimeError(f"dyad extract failed ({proc.returncode}) on {paths[0]} ...")

    return run


def run(spark, articles, output, dyad, partitions=None, warc_paths=False):
    """Extracts the facts of `articles` into Parquet at `output`; returns the number of rows."""
    sc = spark.sparkContext
    # The workers import this module for `row` when it is imported rather than run.
    sc.addPyFile(os.path.abspath(__file__))
    lines = sc.textFile(articles, minPartitions=partitions or sc.defaultParallelism).filter(lambda l: l.strip())
    if warc_paths:
        facts = lines.mapPartitions(extract_archives(dyad))
    else:
        # One dyad process per partition: it reads the partition's articles on standard input
        # and writes their facts in the same order. A bad line is a line on dyad's stderr.
        facts = lines.pipe(f"{dyad} extract --with-text -", env={"RUST_BACKTRACE": "1"})
    frame = spark.createDataFrame(facts.mapPartitionsWithIndex(numbered).map(row), SCHEMA)
    frame.write.mode("overwrite").partitionBy("kind", "year").parquet(output)
    return spark.read.parquet(output).count()


def load(spark, facts, dyad, db):
    """Stores the Parquet facts at `facts` in the knowledge base `db` (`dyad ingest --facts`), in
    the order they were extracted; returns dyad's exit status (0, or 2 when some documents
    could not be stored: each is a line on stderr)."""
    rows = spark.read.parquet(facts).orderBy("line").select("fact").toLocalIterator()
    with subprocess.Popen([dyad, "ingest", "--facts", "-", "--db", db], stdin=subprocess.PIPE, text=True) as proc:
        for r in rows:
            proc.stdin.write(r["fact"] + "\n")
        proc.stdin.close()
    return proc.returncode


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("articles", help="folder or glob of article JSONL files (or of WARC path lists)")
    ap.add_argument("output", help="Parquet folder to write (replaced)")
    ap.add_argument("--dyad", default=shutil.which("dyad") or "dyad", help="the dyad binary on every worker")
    ap.add_argument("--master", default=None, help="Spark master when not run by spark-submit, e.g. local[2]")
    ap.add_argument("--partitions", type=int, default=None, help="partitions of the input (default: Spark's)")
    ap.add_argument("--warc-paths", action="store_true", help="the input lists .warc/.warc.gz paths, one a line")
    ap.add_argument("--load", metavar="DB", help="then store the facts in this knowledge base (dyad ingest --facts)")
    args = ap.parse_args()
    builder = SparkSession.builder.appName("dyad-extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.config("spark.ui.showConsoleProgress", "false").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    dyad = os.path.abspath(args.dyad)
    n = run(spark, args.articles, args.output, dyad, args.partitions, args.warc_paths)
    print(f"dyad-spark: {n} facts and texts in {args.output}")
    status = load(spark, args.output, dyad, args.load) if args.load else 0
    spark.stop()
    raise SystemExit(status)


if __name__ == "__main__":
    main()
