#!/usr/bin/env python3
"""Hover highlighting (`render --hover`) and the auto theme's page switch, checked in
headless Chromium driven through its DevTools protocol.

Builds a page with the flagship inline twice (prefixes fig-a with --hover, fig-b
with --hover --theme auto) and a folded list (Tests/RelGraphvizTests/Fixtures/hub-50.yaml,
prefix fig-c); moves the mouse (Input.dispatchMouseEvent) over an entity, a line, a
list entity and its hub, and checks computed opacities: what touches the hovered
item stays at 1, everything else in that diagram is dimmed, and the other diagrams
are untouched. Then sets data-theme="dark" / "light" on <html> and checks the auto
figure's colours. Saves a screenshot of the hovered flagship to docs/hover.png.

    usage: scripts/hover-check.py [RELGRAPH_BINARY] [--screenshot PNG]
           (default: the release build; docs/hover.png)
Needs `chromium` and the websocket-client package (pip install --user websocket-client).
Exit 0 when every check passes, 1 otherwise.
"""
import base64, json, os, pathlib, shutil, subprocess, sys, tempfile, time, urllib.request

import websocket  # websocket-client

ROOT = pathlib.Path(__file__).resolve().parent.parent
failures = []


def check(condition, message):
    print(("ok:   " if condition else "FAIL: ") + message)
    if not condition:
        failures.append(message)


def arguments():
    """(binary or None, screenshot path)."""
    args, screenshot = sys.argv[1:], ROOT / "docs/hover.png"
    if "--screenshot" in args:
        i = args.index("--screenshot")
        screenshot = pathlib.Path(args[i + 1])
        del args[i:i + 2]
    return (args[0] if args else None), screenshot


def relgraph_binary(given):
    if given:
        return given
    subprocess.run(["swift", "build", "-c", "release", "--product", "relgraph"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout.strip()
    return os.path.join(path, "relgraph")


class Chromium:
    """One headless Chromium with one page, spoken to over the DevTools protocol."""

    def __init__(self, profile):
        self.process = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
             "--remote-debugging-port=0", f"--user-data-dir={profile}", "--window-size=1280,1000", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = pathlib.Path(profile) / "DevToolsActivePort"
        for _ in range(200):
            if port_file.exists() and port_file.read_text().strip():
                break
            time.sleep(0.05)
        port = port_file.read_text().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        self.console_errors = []

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            method = message.get("method")
            if method == "Runtime.exceptionThrown" or (
                    method == "Runtime.consoleAPICalled" and message["params"]["type"] == "error") or (
                    method == "Log.entryAdded" and message["params"]["entry"]["level"] == "error"):
                self.console_errors.append(message)
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def hover(self, x, y):
        self.send("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        time.sleep(0.4)  # the opacity transition takes 0.15 s

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        self.process.wait(timeout=10)


# In the page: the centre of an element (scrolled into view), and each element's state.
HELPERS = r"""
window.centre = (id) => {
  const e = document.getElementById(id);
  e.scrollIntoView({block: 'center'});
  const r = (e.querySelector('polygon,ellipse,path') || e).getBoundingClientRect();
  return [r.x + r.width / 2, r.y + r.height / 2];
};
window.midLine = (id) => {
  const e = document.getElementById(id);
  e.scrollIntoView({block: 'center'});
  const path = e.querySelector('path');
  const m = path.getScreenCTM(), length = path.getTotalLength();
  // A point on the line itself (not in a gap of a dotted line): the first, from the
  // middle outwards, where the browser finds the line.
  for (let i = 0; i < 200; i++) {
    const at = length * (0.5 + (i % 2 ? 1 : -1) * Math.ceil(i / 2) * 0.002);
    const p = path.getPointAtLength(at);
    const x = p.x * m.a + p.y * m.c + m.e, y = p.x * m.b + p.y * m.d + m.f;
    const hit = document.elementFromPoint(x, y);
    if (hit && hit.closest('.relation') === e) return [x, y];
  }
  throw new Error('no point of ' + id + ' can be hovered');
};
// [id, classes, opacity] of every entity and line of one diagram.
window.states = (root) => [...document.getElementById(root).querySelectorAll('.entity, .relation')]
  .map(e => [e.id, e.getAttribute('class').split(' '), parseFloat(getComputedStyle(e).opacity)]);
window.fillOf = (id) => getComputedStyle(document.querySelector('#' + id + ' > polygon')).fill;
"""


def expect_lit(chromium, root, hovered, is_lit, what, all_lit=False):
    """Every entity and line of `root` is lit exactly when it is the hovered one or
    `is_lit(classes)`; some are dimmed unless `all_lit`."""
    states = chromium.evaluate(f"states('{root}')")
    wrong = [(i, o) for i, classes, o in states if (i == hovered or is_lit(classes)) != (o > 0.99)]
    lit = sum(1 for _, _, o in states if o > 0.99)
    check(not wrong and 0 < lit and (all_lit or lit < len(states)),
          f"{what}: {lit} of {len(states)} lit, the rest dimmed" + (f"; wrong: {wrong[:4]}" if wrong else ""))


def main():
    given, screenshot = arguments()
    binary = relgraph_binary(given)
    if not shutil.which("chromium"):
        print("hover-check: chromium is missing (apt-get install chromium)", file=sys.stderr)
        return 1
    work = pathlib.Path(tempfile.mkdtemp(prefix="relgraph-hover-"))
    try:
        flagship = ROOT / "graphs/iskp-isi-nexus.yaml"
        hub = ROOT / "Tests/RelGraphvizTests/Fixtures/hub-50.yaml"
        common = ["--svg-mode", "inline", "--responsive", "--hover", "-q"]
        subprocess.run([binary, "render", flagship, "--id-prefix", "fig-a", "-o", work / "a.svg"] + common, check=True)
        subprocess.run([binary, "render", flagship, "--id-prefix", "fig-b", "--theme", "auto", "-o", work / "b.svg"] + common, check=True)
        subprocess.run([binary, "render", hub, "--id-prefix", "fig-c", "-o", work / "c.svg"] + common, check=True)
        read = lambda name: (work / name).read_text(encoding="utf-8")
        (work / "page.html").write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>relgraph hover check</title>
<style>body {{ margin: 16px; font-family: 'DejaVu Sans', sans-serif; }} figure {{ margin: 0 0 24px 0; width: 880px; }}
svg.relgraph {{ width: 100%; height: auto; }}</style></head><body>
<figure>{read('a.svg')}</figure><figure>{read('b.svg')}</figure><figure style="width: 500px">{read('c.svg')}</figure>
</body></html>""", encoding="utf-8")

        chromium = Chromium(work / "profile")
        try:
            chromium.send("Runtime.enable")
            chromium.send("Page.enable")
            chromium.send("Page.navigate", url=(work / "page.html").as_uri())
            time.sleep(1.5)
            chromium.evaluate(HELPERS)
            # Tall enough for the whole flagship: the screenshot then needs no re-layout
            # (which would lose the hover).
            chromium.send("Emulation.setDeviceMetricsOverride", width=1280, height=1500, deviceScaleFactor=1, mobile=False)

            chromium.hover(5, 5)
            states = chromium.evaluate("states('fig-a-root')")
            check(all(o > 0.99 for _, _, o in states), f"nothing hovered: all {len(states)} entities and lines of fig-a at full opacity")

            # An entity: ISKP. What touches it carries t-iskp.
            x, y = chromium.evaluate("centre('fig-a-entity-iskp')")
            chromium.hover(x, y)
            expect_lit(chromium, "fig-a-root", "fig-a-entity-iskp", lambda c: "t-iskp" in c, "hover ISKP")
            isi = chromium.evaluate("states('fig-a-root')")
            opacity = {i: o for i, _, o in isi}
            check(opacity["fig-a-entity-isi"] > 0.99, "hover ISKP: its neighbour ISI stays lit")
            check(opacity["fig-a-entity-hillary-clinton"] < 0.5, "hover ISKP: Hillary Clinton (no line to ISKP) is dimmed")
            other = chromium.evaluate("states('fig-b-root')")
            check(all(o > 0.99 for _, _, o in other), "hover ISKP in fig-a: fig-b on the same page is untouched")
            shot = chromium.evaluate("""(() => { const r = document.getElementById('fig-a-root').getBoundingClientRect();
                return [r.x + window.scrollX, r.y + window.scrollY, r.width, r.height]; })()""")
            clip = {"x": shot[0], "y": shot[1], "width": shot[2], "height": shot[3], "scale": 1}
            png = chromium.send("Page.captureScreenshot", format="png", clip=clip)
            screenshot.write_bytes(base64.b64decode(png["data"]))
            print(f"saved {screenshot}")

            # A merged line: ISI–ISKP (five relations on one line).
            line = chromium.evaluate("""[...document.querySelectorAll('#fig-a-root .relation.t-isi.t-iskp')].map(e => e.id)""")
            check(len(line) == 1, "one merged line between ISI and ISKP")
            x, y = chromium.evaluate(f"midLine('{line[0]}')")
            chromium.hover(x, y)
            expect_lit(chromium, "fig-a-root", line[0], lambda c: "n-isi" in c or "n-iskp" in c,
                       "hover the ISI–ISKP line: the line, ISI and ISKP")

            # A folded list: an entity in it lights the list's line and the hub; the hub lights the list.
            x, y = chromium.evaluate("centre('fig-c-entity-tool-07')")
            chromium.hover(x, y)
            list_name = next(c for c in chromium.evaluate("document.getElementById('fig-c-entity-tool-07').getAttribute('class')").split()
                             if c.startswith("n-"))[2:]
            expect_lit(chromium, "fig-c-root", "fig-c-entity-tool-07", lambda c: f"t-{list_name}" in c,
                       "hover Tool 07 in a folded list: its line and the hub")
            x, y = chromium.evaluate("centre('fig-c-entity-hub-group')")
            chromium.hover(x, y)
            expect_lit(chromium, "fig-c-root", "fig-c-entity-hub-group", lambda c: "t-hub-group" in c,
                       "hover the hub: its line and all 50 listed tools (everything)", all_lit=True)

            # The auto theme follows the page's own switch.
            chromium.hover(5, 5)
            light, dark = "rgb(255, 255, 255)", "rgb(13, 17, 23)"
            check(chromium.evaluate("fillOf('fig-b-diagram')") == light, "auto theme, light system, no page theme: light")
            chromium.evaluate("document.documentElement.dataset.theme = 'dark'")
            check(chromium.evaluate("fillOf('fig-b-diagram')") == dark, "auto theme, <html data-theme=dark>: dark")
            check(chromium.evaluate("fillOf('fig-a-diagram')") == light, "light theme, <html data-theme=dark>: stays light")
            chromium.evaluate("delete document.documentElement.dataset.theme; document.body.classList.add('dark')")
            check(chromium.evaluate("fillOf('fig-b-diagram')") == dark, "auto theme, <body class=dark>: dark")
            chromium.evaluate("document.body.classList.remove('dark')")
            chromium.send("Emulation.setEmulatedMedia", features=[{"name": "prefers-color-scheme", "value": "dark"}])
            check(chromium.evaluate("fillOf('fig-b-diagram')") == dark, "auto theme, dark system: dark")
            chromium.evaluate("document.documentElement.dataset.theme = 'light'")
            check(chromium.evaluate("fillOf('fig-b-diagram')") == light, "auto theme, dark system, <html data-theme=light>: light")
            check(not chromium.console_errors, f"no console errors ({len(chromium.console_errors)})")
        finally:
            chromium.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("hover-check: " + ("ok" if not failures else f"{len(failures)} FAILED"))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
