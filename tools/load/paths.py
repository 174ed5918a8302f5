#!/usr/bin/env python3
"""Writes the page lists the load tests visit, from a dyad database: the pair pages of a
country's partners, the country pages of every country with partners, and the person pages of
the people most reported in roles. Why: the dashboard's benchmarks (BENCHMARKS.md) visit the
pages an analyst would, of a database of any size.

    python3 tools/load/paths.py kb.db /tmp/load KAZ   # pairs.txt, countries.txt, persons.txt
"""
import os
import sqlite3
import sys
import urllib.parse

db, out, country = sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else "KAZ"
os.makedirs(out, exist_ok=True)
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
pairs = [b for (b,) in con.execute("SELECT b FROM pair_stats WHERE a = ? ORDER BY events + figures DESC LIMIT 48", (country,))]
countries = [a for (a,) in con.execute("SELECT a FROM pair_stats GROUP BY a ORDER BY sum(events + figures) DESC LIMIT 41")]
persons = [p for (p,) in con.execute("SELECT person FROM person_roles GROUP BY person ORDER BY sum(reports) DESC LIMIT 40")]
with open(os.path.join(out, "pairs.txt"), "w") as f:
    f.writelines(f"/pair/{country}/{b}\n" for b in pairs)
with open(os.path.join(out, "countries.txt"), "w") as f:
    f.writelines(f"/country/{a}\n" for a in countries)
with open(os.path.join(out, "persons.txt"), "w") as f:
    f.writelines(f"/person/{urllib.parse.quote(p)}\n" for p in persons)
print(f"{len(pairs)} pairs, {len(countries)} countries, {len(persons)} people in {out}")
