#!/usr/bin/env python3
"""Browser test of the dashboard in headless Chromium, driven through ChromeDriver's WebDriver
protocol (JSON over HTTP; Python's standard library only).

    python3 tools/browser-test.py BASE_URL PAIR_PATH SCREENSHOT.png

Opens the pair page, checks that the trade chart is on a time axis (each point's x in
proportion to its period's middle) and that the timeline is there, opens a fact of the
timeline and checks that its evidence shows, follows the fact's source to the article and checks
that the evidence sentence is marked there, and saves a screenshot of the pair page. Exits 1 with
one line on the first check that fails.
"""
import base64
import json
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    def __init__(self, port):
        self.base = f"http://127.0.0.1:{port}"
        self.session = None

    def call(self, method, path, body=None):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=60) as r:
            return json.loads(r.read() or b"{}").get("value")

    def start(self):
        profile = tempfile.mkdtemp(prefix="dyad-chromium-")
        args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--window-size=1280,1600"]
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome",
                                                 "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}}}}
        self.session = self.call("POST", "/session", caps)["sessionId"]

    def s(self, path):
        return f"/session/{self.session}{path}"

    def go(self, url):
        self.call("POST", self.s("/url"), {"url": url})

    def find(self, css):
        found = self.call("POST", self.s("/elements"), {"using": "css selector", "value": css})
        return [next(iter(e.values())) for e in found]

    def click(self, element):
        self.call("POST", self.s(f"/element/{element}/click"), {})

    def text(self, element):
        return self.call("GET", self.s(f"/element/{element}/text"))

    def displayed(self, element):
        return self.call("GET", self.s(f"/element/{element}/displayed"))

    def attribute(self, element, name):
        return self.call("GET", self.s(f"/element/{element}/attribute/{name}"))

    def script(self, js):
        return self.call("POST", self.s("/execute/sync"), {"script": js, "args": []})

    def size(self, width, height):
        self.call("POST", self.s("/window/rect"), {"width": width, "height": height})

    def url(self):
        return self.call("GET", self.s("/url"))

    def screenshot(self, path):
        with open(path, "wb") as f:
            f.write(base64.b64decode(self.call("GET", self.s("/screenshot"))))

    def quit(self):
        if self.session:
            try:
                self.call("DELETE", f"/session/{self.session}")
            except OSError:
                pass


def check(ok, message):
    if not ok:
        print(f"browser test: FAILED: {message}")
        sys.exit(1)


def main():
    base, pair_path, shot = sys.argv[1], sys.argv[2], sys.argv[3]
    port = free_port()
    driver_proc = subprocess.Popen(["chromedriver", f"--port={port}"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
    wd = WebDriver(port)
    try:
        for _ in range(100):
            try:
                wd.call("GET", "/status")
                break
            except OSError:
                time.sleep(0.1)
        wd.start()
        wd.go(base + pair_path)
        points = wd.find("figure.chart svg circle[data-start]")
        check(len(points) > 0, "the pair page has no chart points")
        # A time axis: each point's x is an affine function of its period's middle.
        placed = sorted({((float(wd.attribute(p, "data-start")) + float(wd.attribute(p, "data-end"))) / 2,
                          float(wd.attribute(p, "cx"))) for p in points})
        if len(placed) >= 3 and placed[-1][0] > placed[0][0]:
            (t0, x0), (t1, x1) = placed[0], placed[-1]
            for t, x in placed:
                expected = x0 + (t - t0) * (x1 - x0) / (t1 - t0)
                check(abs(x - expected) < 1.0, f"a chart point is not in proportion to its date: {t} at x={x}, not {expected:.1}")
        items = wd.find(".timeline li.fact")
        check(len(items) > 0, "the pair page has no timeline")
        wd.screenshot(shot)
        # A filter changes the list, and its download holds exactly the filtered list.
        before = len(items)
        option = wd.find("form.events-filter select[name=type] option[value=''] ~ option")[0]  # the first type
        chosen = wd.text(option).strip()
        wd.click(option)
        wd.click(wd.find("form.events-filter button")[0])
        time.sleep(0.3)
        check(f"type={chosen}" in wd.url(), f"the filter is not in the link: {wd.url()}")
        kept = wd.find(".timeline li.fact")
        check(all(chosen in wd.text(k) for k in kept), f"the list still holds events other than {chosen}")
        download = urllib.parse.urljoin(base, wd.attribute(wd.find("form.events-filter + p.count a.download")[0], "href"))
        with urllib.request.urlopen(download, timeout=30) as r:
            rows = r.read().decode().strip().splitlines()[1:]
        check(len(rows) == len(kept), f"the download has {len(rows)} rows, the list {len(kept)}")
        check(len(kept) <= before, "a filter made the list longer")
        wd.go(base + pair_path)
        items = wd.find(".timeline li.fact")
        toggles = wd.find(".timeline li.fact a[data-toggle]")
        wd.click(toggles[0])
        evidence = wd.find(".timeline li.fact.open .evidence")
        check(len(evidence) == 1 and wd.displayed(evidence[0]), "a clicked fact does not show its evidence")
        sentence = wd.text(evidence[0]).split("\n")[0]
        check(len(sentence) > 20, f"the evidence is empty: {sentence!r}")
        source = wd.find(".timeline li.fact.open .evidence a")
        check(len(source) > 0, "the opened fact has no source link")
        wd.click(source[0])
        time.sleep(0.3)
        marked = wd.find("mark#evidence")
        check(len(marked) == 1, f"the article {wd.url()} has no marked evidence")
        check(wd.text(marked[0]).strip()[:30] == sentence.strip()[:30],
              f"the marked sentence is not the fact's: {wd.text(marked[0])[:60]!r} vs {sentence[:60]!r}")
        # The country page: a world map whose shaded partners link to their pair pages.
        home = pair_path.strip("/").split("/")[1]
        wd.go(base + f"/country/{home}")
        partners = wd.find("figure.map svg a path.partner")
        check(len(wd.find("figure.map svg path.country")) > 150, "the country page has no world map")
        check(len(partners) > 0, "the map shades no partner")
        check(len(wd.find("figure.map svg path.home")) == 1, "the map does not mark the country itself")
        wd.screenshot(shot.replace(".png", "-country.png"))
        iso = wd.attribute(partners[0], "data-iso")
        wd.go(base + f"/pair/{home}/{iso}")
        check(len(wd.find("figure.chart, p.empty")) > 0, f"the map's link to /pair/{home}/{iso} does not open a pair page")
        # A person's page, reached from the pair page's people.
        wd.go(base + pair_path)
        people = wd.find("a[href^='/person/']")
        check(len(people) > 0, "the pair page links to no person")
        name = wd.text(people[0])
        wd.click(people[0])
        time.sleep(0.3)
        check(wd.text(wd.find("h1")[0]).strip() == name.strip(), f"the person link did not open {name}'s page")
        check(len(wd.find("table tbody tr")) > 0, f"{name}'s page lists no role")
        check(len(wd.find(".timeline li.fact")) > 0, f"{name}'s page lists no event")
        wd.screenshot(shot.replace(".png", "-person.png"))
        person_path = wd.url().replace(base, "")
        # The phone layout: nothing wider than the screen but the tables' own scrolling boxes.
        wd.size(390, 844)
        for path in [pair_path, f"/country/{home}", person_path]:
            wd.go(base + path)
            wide = wd.script("return document.documentElement.scrollWidth - window.innerWidth")
            check(wide <= 1, f"{path} is {wide}px wider than a phone's screen")
        wd.screenshot(shot.replace(".png", "-phone.png"))
        print(f"browser test: ok (chart on a time axis, map with {len(partners)} partners, a filter and its download, person page, phone layout, {len(items)} timeline items, evidence opened and marked in the article; screenshot {shot})")
    finally:
        wd.quit()
        driver_proc.terminate()


if __name__ == "__main__":
    main()
