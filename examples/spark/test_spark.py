#!/usr/bin/env python3
"""The Spark job against plain dyad runs: the same facts, whatever the partitions.

Makes a corpus of generated articles (../shared/bench/make_corpus.py, or any folder of .txt
articles given), writes it as JSONL files, runs `dyad_spark.py` in Spark's local mode with
several partitions, and requires
- the Parquet's facts and texts to be exactly (as a multiset of JSON lines) those
  `dyad extract --with-text` writes for the same JSONL;
- the knowledge base its `load` makes (`dyad ingest --facts`) to export exactly the facts and
  documents of a plain `dyad ingest` of the JSONL;
- a job over WARC paths (two archives built here, one CC-NEWS-like `.warc.gz`) to give the
  facts of `dyad extract` of the archives.
Exit 1 on any difference.

    python3 examples/spark/test_spark.py target/debug/dyad [ARTICLES_DIR]
"""
import collections
import gzip
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
parts = [os.path.join(articles, f"part-{i}.jsonl") for i in range(3)]
plain = subprocess.run(
    [dyad, "extract", "--with-text", *parts], check=True, capture_output=True, text=True
).stdout.splitlines()


def record(kind, rid, uri, block):
    """A WARC record with CC-NEWS's header fields."""
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-05-21T08:14:02Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{rid}>\r\nContent-Length: {len(block)}\r\n"
        f"Content-Type: application/http; msgtype={kind}\r\nWARC-Target-URI: {uri}\r\n\r\n"
    )
    return head.encode() + block + b"\r\n\r\n"


def response(html):
    body = html.encode()
    head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode() + body


# Two archives of our own pages (one gzip member a record, as CC-NEWS has them, and a plain one).
pages = [
    "<html><head><title>Tokayev in Seoul</title></head><body><article><p>President of Kazakhstan "
    "Kassym-Jomart Tokayev arrived in Seoul on a state visit on May 20, 2024.</p><p>Trade turnover between "
    "Kazakhstan and South Korea reached $6.4 billion in 2023.</p></article></body></html>",
    "<html><head><title>Astana talks</title></head><body><article><p>Kazakhstan and Japan signed an "
    "agreement on energy cooperation in Astana on March 3, 2024.</p></article></body></html>",
    "<html><head><title>Tashkent</title></head><body><article><p>Trade between Uzbekistan and Kazakhstan "
    "reached $4.4 billion in 2023, the ministers said in Tashkent.</p></article></body></html>",
]
warcs = [os.path.join(work, "a.warc.gz"), os.path.join(work, "b.warc")]
with open(warcs[0], "wb") as f:
    for i, page in enumerate(pages[:2]):
        f.write(gzip.compress(record("response", f"r{i}", f"https://news.example/{i}", response(page))))
with open(warcs[1], "wb") as f:
    f.write(record("response", "r2", "https://news.example/2", response(pages[2])))
warc_list = os.path.join(work, "warc.paths")
with open(warc_list, "w") as f:
    f.write("\n".join(warcs) + "\n")
plain_warc = subprocess.run(
    [dyad, "extract", "--with-text", *warcs], check=True, capture_output=True, text=True
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
loaded, plain_db = os.path.join(work, "loaded.db"), os.path.join(work, "plain.db")
status = dyad_spark.load(spark, out, dyad, loaded)
# Into PostgreSQL too, when a server is given (CI starts one): the load a team's shared base gets.
pg_base = os.environ.get("DYAD_TEST_POSTGRES")
pg_status, pg_db = None, None
if pg_base:
    name = f"dyad_spark_{os.getpid()}"
    subprocess.run(["psql", pg_base, "-qc", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"], check=True)
    pg_db = pg_base.rsplit("/", 1)[0] + "/" + name
    pg_status = dyad_spark.load(spark, out, dyad, pg_db)
warc_out = os.path.join(work, "warc.parquet")
dyad_spark.run(spark, warc_list, warc_out, dyad, partitions=2, warc_paths=True)
warc_rows = spark.read.parquet(warc_out).collect()
spark.stop()
subprocess.run([dyad, "ingest", "--db", plain_db, *parts], check=True, capture_output=True)

# A text record's `source` is where dyad read the article: a line of standard input in Spark,
# a line of a file in the plain run; everything else must be equal.
def norm(line):
    record = json.loads(line)
    if record.get("kind") == "text":
        record.pop("source", None)
    return json.dumps(record, sort_keys=True)


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


def export(db, *args):
    return subprocess.run([dyad, "export", "--db", db, "--format", "jsonl", *args], check=True, capture_output=True).stdout


same = status == 0 and all(export(loaded, *a) == export(plain_db, *a) for a in ([], ["--kind", "documents"]))
print(f"load: {'the' if same else 'NOT the'} facts and documents of a plain ingest (dyad exit {status})")
bad = bad or not same
if pg_db:
    same_pg = pg_status == 0 and all(export(pg_db, *a) == export(plain_db, *a) for a in ([], ["--kind", "documents"]))
    print(f"load into PostgreSQL: {'the' if same_pg else 'NOT the'} facts and documents of a plain ingest")
    bad = bad or not same_pg
else:
    print("load into PostgreSQL: skipped (DYAD_TEST_POSTGRES is not set)")
got_warc = collections.Counter(norm(r["fact"]) for r in warc_rows)
want_warc = collections.Counter(norm(line) for line in plain_warc)
warc_docs = sum(1 for r in warc_rows if r["kind"] == "document")
print(f"warc: {len(warc_rows)} facts and texts ({warc_docs} documents) from {len(warcs)} archives")
if got_warc != want_warc or warc_docs != len(pages):
    print("DIFFERENT: the WARC job's facts are not those of a plain extract of the archives")
    bad = True
sys.exit(1 if bad else 0)
