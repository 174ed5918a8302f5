#!/usr/bin/env python3
"""The Spark job against a plain `dyad extract`: the same facts, whatever the partitions.

Makes a corpus of generated articles (../shared/bench/make_corpus.py, or any folder of .txt
articles given), writes it as JSONL files, runs `dyad_spark.py` in Spark's local mode with
several partitions, and requires the Parquet's facts to be exactly (as a multiset of JSON
lines) those `dyad extract` writes for the same JSONL. Exit 1 on any difference.

    python3 examples/spark/test_spark.py target/debug/dyad [ARTICLES_DIR]
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import dyad_spark  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402

dyad = os.path.abspath(sys.argv[1])
work = tempfile.mkdtemp(prefix="dyad-spark-")
here = os.path.dirname(os.path.abspath(__file__))
if len(sys.argv) > 2:
    src = sys.argv[2]
else:
    src = os.path.join(work, "txt")
    shared = os.path.join(here, "..", "..", "..", "shared")
    corpus = [os.path.join(shared, "corpus", s) for s in ("seeds", "dev", "dev2")]
    subprocess.run(
        [sys.executable, os.path.join(shared, "bench", "make_corpus.py"), *corpus, "-o", src, "--mb", "1"],
        check=True,
        stdout=subprocess.DEVNULL,
    )

# The articles as three JSONL files (one article a line), as an archive job would have them.
articles = os.path.join(work, "jsonl")
os.makedirs(articles)
names = sorted(n for n in os.listdir(src) if n.endswith(".txt"))
outs = [open(os.path.join(articles, f"part-{i}.jsonl"), "w") for i in range(3)]
for i, name in enumerate(names):
    with open(os.path.join(src, name), encoding="utf-8") as f:
        text = f.read()
    outs[i % 3].write(json.dumps({"id": name[:-4], "text": text}) + "\n")
for o in outs:
    o.close()

# The reference: a plain extract of the same JSONL.
plain = subprocess.run(
    [dyad, "extract", *[os.path.join(articles, f"part-{i}.jsonl") for i in range(3)]],
    check=True,
    capture_output=True,
    text=True,
).stdout.splitlines()

spark = (
    SparkSession.builder.master("local[2]")
    .appName("dyad-test")
    .config("spark.ui.showConsoleProgress", "false")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
out = os.path.join(work, "facts.parquet")
n = dyad_spark.run(spark, os.path.join(articles, "*.jsonl"), out, dyad, partitions=7)
rows = spark.read.parquet(out).collect()
spark.stop()

# Facts name their source by document id, not by file: compare them without `origin`-like
# fields (there are none in facts JSONL v1), as JSON values.
def norm(line):
    return json.dumps(json.loads(line), sort_keys=True)


got = collections.Counter(norm(r["fact"]) for r in rows)
want = collections.Counter(norm(line) for line in plain)
docs = sum(1 for r in rows if r["kind"] == "document")
years = {r["year"] for r in rows}
print(f"spark: {n} facts ({docs} documents, {len(years)} years) from {len(names)} articles; plain extract: {len(plain)}")
bad = False
if got != want:
    print(f"DIFFERENT: {sum((got - want).values())} only in Spark, {sum((want - got).values())} only in the plain run")
    bad = True
if docs != len(names):
    print(f"DIFFERENT: {docs} documents for {len(names)} articles")
    bad = True
sys.exit(1 if bad else 0)
