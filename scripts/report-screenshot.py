#!/usr/bin/env python3
"""Takes docs/report.png, the README's picture of `relgraph report`.

Renders the flagship's report, opens it in headless Chromium (DevTools protocol,
the `Chromium` helper of scripts/hover-check.py) at 880 px, follows the line
between ISI and ISKP (highlighted as the link target), then the rows it links to,
and stacks the two views into one picture. Needs chromium, websocket-client and
Pillow. Usage: scripts/report-screenshot.py [RELGRAPH_BINARY]
"""
import base64
import importlib.util
import io
import pathlib
import subprocess
import sys
import tempfile
import time

from PIL import Image

ROOT = pathlib.Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("hover_check", ROOT / "scripts" / "hover-check.py")
hover_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hover_check)

WIDTH = 880


def shot(chromium, height):
    top = chromium.evaluate("window.scrollY")  # the clip is in page coordinates
    png = chromium.send("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                        clip={"x": 0, "y": top, "width": WIDTH, "height": height, "scale": 1})
    return Image.open(io.BytesIO(base64.b64decode(png["data"])))


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / ".build" / "release" / "relgraph")
    with tempfile.TemporaryDirectory() as tmp:
        report = pathlib.Path(tmp) / "report.html"
        subprocess.run([binary, "report", str(ROOT / "graphs" / "iskp-isi-nexus.yaml"), "-o", str(report), "-q"], check=True)
        chromium = hover_check.Chromium(pathlib.Path(tmp) / "profile")
        try:
            chromium.send("Emulation.setDeviceMetricsOverride", width=WIDTH, height=640, deviceScaleFactor=1, mobile=False)
            chromium.send("Page.enable")
            chromium.send("Page.navigate", url=report.as_uri())
            time.sleep(1.5)
            # The ISI–ISKP line, reached as a link target, centred.
            line = chromium.evaluate("""(() => {
                const row = [...document.querySelectorAll('tbody')].find(t => t.querySelector('th')?.textContent === 'ISI — ISKP');
                const back = row.querySelector('a[href^="#rg-"]').getAttribute('href');
                location.hash = back;
                document.querySelector(back).scrollIntoView({block: 'center'});
                return row.id;
            })()""")
            time.sleep(0.5)
            diagram = shot(chromium, 560)
            chromium.evaluate(f"location.hash = '#{line}'; document.getElementById('{line}').scrollIntoView({{block: 'start'}}); 0")
            time.sleep(0.5)
            evidence = shot(chromium, 620)
        finally:
            chromium.close()
    picture = Image.new("RGB", (WIDTH, diagram.height + evidence.height), "white")
    picture.paste(diagram, (0, 0))
    picture.paste(evidence, (0, diagram.height))
    out = ROOT / "docs" / "report.png"
    picture.quantize(colors=256).save(out, optimize=True)
    print(f"saved {out}")


if __name__ == "__main__":
    main()
