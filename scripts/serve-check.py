#!/usr/bin/env python3
"""`relgraph serve` in a real browser: the page updates itself when the file is saved.

Serves a copy of the flagship on a free port, opens /?view=iskp-ties in headless
Chromium (DevTools protocol, as scripts/hover-check.py), and checks that
  - hovering ISKP dims what does not touch it (hover is on by default);
  - saving a new title into the file changes the open page by itself;
  - saving a mistake puts it on the page, with file:line:column, in the diagram's place;
  - nothing is logged to the console (the page's Content-Security-Policy included);
  - SIGINT stops the server with exit 0, and the page then says so.
Saves the README's pictures: docs/serve.png (hovering Afghan Taliban) and docs/serve-error.png.

    usage: scripts/serve-check.py [RELGRAPH_BINARY] [--screenshots DIR]
           (default: the release build; docs/)
"""
import base64, importlib.util, pathlib, re, shutil, signal, subprocess, sys, tempfile, time

ROOT = pathlib.Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("hover_check", ROOT / "scripts/hover-check.py")
hover_check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hover_check)
check, failures, Chromium = hover_check.check, hover_check.failures, hover_check.Chromium


def wait_for(chromium, expression, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if chromium.evaluate(expression):
                return True
        except RuntimeError:
            pass  # the page is reloading
        time.sleep(0.2)
    return False


def screenshot(chromium, path, height):
    png = chromium.send("Page.captureScreenshot", format="png",
                        clip={"x": 0, "y": 0, "width": 1000, "height": height, "scale": 1})
    path.write_bytes(base64.b64decode(png["data"]))
    print(f"saved {path}")


def main():
    args = sys.argv[1:]
    shots = ROOT / "docs"
    if "--screenshots" in args:
        i = args.index("--screenshots")
        shots = pathlib.Path(args[i + 1])
        del args[i:i + 2]
    binary = str(pathlib.Path(hover_check.relgraph_binary(args[0] if args else None)).resolve())
    work = pathlib.Path(tempfile.mkdtemp(prefix="relgraph-serve-"))
    (work / "graphs").mkdir()
    net = work / "graphs/iskp-isi-nexus.yaml"
    shutil.copy(ROOT / "graphs/iskp-isi-nexus.yaml", net)
    server = subprocess.Popen([binary, "serve", "graphs/iskp-isi-nexus.yaml", "--port", "0"], cwd=work,
                              stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+/", line)
        check(match is not None, f"serve printed its address: {line.strip()}")
        if not match:
            return 1
        url = match.group(0)
        chromium = Chromium(work / "profile")
        try:
            chromium.send("Runtime.enable")
            chromium.send("Log.enable")
            chromium.send("Page.enable")
            chromium.send("Emulation.setDeviceMetricsOverride", width=1000, height=1000, deviceScaleFactor=1, mobile=False)
            chromium.send("Page.navigate", url=url + "?view=iskp-ties")
            check(wait_for(chromium, "document.querySelector('svg.relgraph') !== null"), "the page shows the diagram")
            chromium.evaluate(hover_check.HELPERS)
            prefix = chromium.evaluate("document.querySelector('svg.relgraph').id.replace(/-root$/, '')")
            x, y = chromium.evaluate(f"centre('{prefix}-entity-iskp')")
            chromium.hover(x, y)
            hover_check.expect_lit(chromium, f"{prefix}-root", f"{prefix}-entity-iskp", lambda c: "t-iskp" in c,
                                   "hover ISKP in the served page")
            check(wait_for(chromium, "document.getElementById('status').textContent === 'live'", 5), "the page says it is live")
            x, y = chromium.evaluate(f"centre('{prefix}-entity-afghan-taliban')")
            chromium.hover(x, y)
            hover_check.expect_lit(chromium, f"{prefix}-root", f"{prefix}-entity-afghan-taliban",
                                   lambda c: "t-afghan-taliban" in c, "hover Afghan Taliban in the served page")
            screenshot(chromium, shots / "serve.png", 1000)
            chromium.hover(2, 2)

            # Save an edit: the page changes by itself.
            text = net.read_text(encoding="utf-8")
            net.write_text(text.replace('title: "The ISKP–ISI nexus', 'title: "Saved while watching', 1), encoding="utf-8")
            check(wait_for(chromium, "document.querySelector('h1').textContent.startsWith('Saved while watching')"),
                  "a saved title shows on the open page without reloading it by hand")

            # Save a mistake: it shows with file:line:column instead of the diagram.
            net.write_text(text.replace("    kind: group\n", "    kind: gruop\n", 1), encoding="utf-8")
            check(wait_for(chromium, "document.querySelector('pre.problems') !== null"), "a saved mistake replaces the diagram")
            problem = chromium.evaluate("document.querySelector('pre.problems').textContent")
            check(re.match(r"graphs/iskp-isi-nexus\.yaml:\d+:\d+: error: \[unknown-kind\]", problem) is not None,
                  f"the mistake reads file:line:column: {problem.splitlines()[0]}")
            check(chromium.evaluate("document.querySelector('svg.relgraph') === null"), "no diagram while the file is wrong")
            screenshot(chromium, shots / "serve-error.png", 150)

            # Fixed again: the diagram is back.
            net.write_text(text, encoding="utf-8")
            check(wait_for(chromium, "document.querySelector('svg.relgraph') !== null"), "fixed: the diagram is back")
            check(not chromium.console_errors, f"no console errors ({chromium.console_errors[:2]})")

            server.send_signal(signal.SIGINT)
            status = server.wait(timeout=10)
            check(status == 0, f"SIGINT stops the server with exit 0 (got {status})")
            check(wait_for(chromium, "document.getElementById('status').textContent === 'server stopped'", 5),
                  "the page says the server stopped")
        finally:
            chromium.close()
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
        shutil.rmtree(work, ignore_errors=True)
    print("serve-check: " + ("ok" if not failures else f"{len(failures)} FAILED"))
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
