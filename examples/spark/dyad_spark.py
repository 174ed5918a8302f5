#!/usr/bin/env python3
"""dyad over a news archive with Apache Spark: each partition of article JSONL is piped through
`dyad extract -` (which reads JSONL on standard input and writes facts JSONL in input order), and
the facts are written as Parquet partitioned by kind and year.

Why: `dyad extract` is the unit of work; Spark only spreads the partitions over cores and
machines, retries failed ones and writes the columns. No scheduler of our own.

    spark-submit examples/spark/dyad_spark.py articles/ facts.parquet --dyad target/release/dyad
    python3 examples/spark/dyad_spark.py articles/ facts.parquet --master 'local[2]'

The input is a folder (or glob) of JSONL files, one article a line as `dyad extract` reads them:
`{"id": ..., "text": ... or "html": ..., "published": ..., "url": ..., "title": ...}`. The
Parquet rows are `kind`, `year` (of the fact's date, period or publication; "unknown" when
there is none), `doc` and `fact` (the fact's JSON line, as `dyad extract` wrote it).
"""
import argparse
import json
import os
import shutil

from pyspark.sql import SparkSession
from pyspark.sql.types import StringType, StructField, StructType

SCHEMA = StructType(
    [
        StructField("kind", StringType(), False),
        StructField("year", StringType(), False),
        StructField("doc", StringType(), True),
        StructField("fact", StringType(), False),
    ]
)


def row(line):
    """A facts JSONL line as a Parquet row: its kind, year and document beside the line."""
    fact = json.loads(line)
    when = fact.get("date") or fact.get("period") or fact.get("published") or ""
    year = when[:4] if len(when) >= 4 and when[:4].isdigit() else "unknown"
    return (fact.get("kind", "unknown"), year, fact.get("doc"), line)


def run(spark, articles, output, dyad, partitions=None):
    """Extracts the facts of `articles` into Parquet at `output`; returns the number of facts."""
    sc = spark.sparkContext
    # The workers import this module for `row` when it is imported rather than run.
    sc.addPyFile(os.path.abspath(__file__))
    lines = sc.textFile(articles, minPartitions=partitions or sc.defaultParallelism)
    # One dyad process per partition: it reads the partition's articles on standard input and
    # writes their facts in the same order. A bad line is a line on dyad's stderr, not a failure.
    facts = lines.filter(lambda l: l.strip()).pipe(f"{dyad} extract -", env={"RUST_BACKTRACE": "1"})
    frame = spark.createDataFrame(facts.map(row), SCHEMA)
    frame.write.mode("overwrite").partitionBy("kind", "year").parquet(output)
    return spark.read.parquet(output).count()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("articles", help="folder or glob of article JSONL files")
    ap.add_argument("output", help="Parquet folder to write (replaced)")
    ap.add_argument("--dyad", default=shutil.which("dyad") or "dyad", help="the dyad binary on every worker")
    ap.add_argument("--master", default=None, help="Spark master when not run by spark-submit, e.g. local[2]")
    ap.add_argument("--partitions", type=int, default=None, help="partitions of the input (default: Spark's)")
    args = ap.parse_args()
    builder = SparkSession.builder.appName("dyad-extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.config("spark.ui.showConsoleProgress", "false").getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    n = run(spark, args.articles, args.output, os.path.abspath(args.dyad), args.partitions)
    print(f"dyad-spark: {n} facts in {args.output}")
    spark.stop()


if __name__ == "__main__":
    main()
