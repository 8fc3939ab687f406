#!/usr/bin/env python3
"""Runs relgraph's benchmark (see docs/benchmarks.md); called by scripts/bench/run.sh.

For each network (the flagship, then generated ones of 100 ... 100,000 entities
with three relations per entity), in ONE run so that every ratio compares numbers
taken under the same conditions:

  dot   relgraph render X.json --format dot     vs  nop X.dot (cgraph read + write)
        and the Python peers writing DOT
  svg   relgraph render X.json (--engine auto)  vs  E -Tsvg X.dot (Graphviz CLI)
        and the Python peers rendering SVG, where E is the engine auto picks
        (dot up to 300 entities plus relations, sfdp above) and X.dot carries
        the layout attributes auto sets (the peers are given them too);
        where the page fit runs (up to 1,000 entities plus relations) also
        vs  dot -Tsvg X.layouts.dot: the CLI doing every layout the render did
        (`render --trace-layouts`)

Each command is first run once under `/usr/bin/time` (peak RSS) with a timeout;
commands that finish quickly are then timed by hyperfine (median of several
runs, JSON export), slow ones keep the single measurement. Results go to
.build-bench/results.json; report.py turns them into the table and the plot.
"""
import json
import os
import re
import shlex
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH = os.path.join(ROOT, ".build-bench")
DATA = os.path.join(BENCH, "data")
OUT = os.path.join(BENCH, "out")
RELGRAPH = os.path.join(ROOT, ".build", "release", "relgraph")
PY = os.path.join(BENCH, "venv", "bin", "python")
PEERS = os.path.join(ROOT, "scripts", "bench", "peers.py")

SIZES = [int(s) for s in os.environ.get("BENCH_SIZES", "100 1000 10000 100000").split()]
TIMEOUT = float(os.environ.get("BENCH_TIMEOUT", "300"))  # seconds, per single run
QUICK = float(os.environ.get("BENCH_QUICK", "5"))         # runs under this get hyperfine repetitions
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
SVG_LIMIT = int(os.environ.get("BENCH_SVG_LIMIT", "10000"))  # entities; SVG of larger networks is not measured


def sh(cmd):
    return subprocess.run(cmd, shell=True, check=True, capture_output=True, text=True).stdout


def probe(cmd):
    """One run under /usr/bin/time and timeout: (seconds, peak RSS KiB) or None on timeout/failure."""
    t0 = time.monotonic()
    p = subprocess.run(["/usr/bin/time", "-f", "%M", "timeout", str(int(TIMEOUT)), "bash", "-c", cmd],
                       capture_output=True, text=True)
    elapsed = time.monotonic() - t0
    if p.returncode != 0:
        why = "timeout" if p.returncode == 124 or elapsed >= TIMEOUT else f"exit {p.returncode}: {p.stderr.strip()[-300:]}"
        return None, why
    rss = int(p.stderr.strip().splitlines()[-1])
    return (elapsed, rss), None


def hyperfine(cmd, runs):
    path = os.path.join(BENCH, "hyperfine.json")
    subprocess.run(["hyperfine", "--style", "none", "--warmup", "1", "--runs", str(runs),
                    "--export-json", path, cmd], check=True, capture_output=True)
    with open(path) as f:
        result = json.load(f)["results"][0]
    return result["median"], len(result["times"])


GAVE_UP = {}  # command kind -> the size at which it did not finish


def measure(name, cmd, kind=None, size=0):
    """Measures `cmd`; a kind of command that did not finish at a smaller size is not run again."""
    if kind in GAVE_UP:
        print(f"  {name:<22} not run (did not finish at {GAVE_UP[kind]:,} entities)", flush=True)
        return {"command": cmd, "finished": False, "why": f"not run: did not finish at {GAVE_UP[kind]:,}", "timeout": TIMEOUT}
    first, why = probe(cmd)
    if first is None and kind:
        GAVE_UP[kind] = size
    if first is None:
        print(f"  {name:<22} did not finish ({why})", flush=True)
        return {"command": cmd, "finished": False, "why": why, "timeout": TIMEOUT}
    seconds, rss = first
    runs = 1
    if seconds < QUICK:
        seconds, runs = hyperfine(cmd, RUNS if seconds > 1 else max(RUNS, 10))
    print(f"  {name:<22} {seconds:9.3f} s  {rss / 1024:8.1f} MiB  ({runs} run{'s' if runs > 1 else ''})", flush=True)
    return {"command": cmd, "finished": True, "median": seconds, "runs": runs, "rss_kib": rss}


def auto_engine(n, m):
    """The engine `--engine auto` picks (EngineChoice.dotLimit)."""
    return "dot" if n + m <= 300 else "sfdp"


def layout_attributes(dot):
    """`overlap` and `splines` as relgraph's DOT sets them on the graph (`--engine auto`)."""
    with open(dot, encoding="utf-8") as f:
        for line in f:
            if line.startswith("\tgraph ["):
                pairs = re.findall(r"[ \[](overlap|splines)=([^,\]]+)", line.rsplit(">", 1)[-1])
                return ",".join(f"{k}={v.strip(chr(34))}" for k, v in pairs)
    return ""


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = [("flagship", os.path.join(DATA, "flagship.json"), 0, 0)]
    for n in SIZES:
        cases.append((str(n), os.path.join(DATA, f"n{n}.json"), n, 3 * n))
    meta = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": sh("nproc").strip() + " cores, " + sh("free -g | awk '/Mem:/{print $2}'").strip() + " GiB, "
                   + sh("uname -r").strip(),
        "graphviz": sh("dot -V 2>&1").strip(),
        "relgraph": sh(f"{RELGRAPH} --version").strip(),
        "python": sh(f"{PY} -c 'import sys, graphviz, pygraphviz; print(sys.version.split()[0], graphviz.__version__, pygraphviz.__version__)'").strip(),
        "load": sh("cat /proc/loadavg").strip(),
        "timeout": TIMEOUT,
        "svg_limit": SVG_LIMIT,
    }
    started = time.monotonic()
    results = {"meta": meta, "cases": []}
    flagship_yaml = os.path.join(ROOT, "graphs", "iskp-isi-nexus.yaml")
    print("validate flagship", flush=True)
    results["validate"] = measure("relgraph validate", f"{RELGRAPH} validate -q {shlex.quote(flagship_yaml)}")
    # The flagship has about 60 entities and relations: dot.
    for label, path, n, m in cases:
        engine = auto_engine(n, m)
        base = os.path.join(OUT, label)
        dot = base + ".dot"
        q = shlex.quote
        print(f"{label}: {path} (engine {engine})", flush=True)
        case = {"label": label, "entities": n, "relations": m, "engine": engine, "bytes": os.path.getsize(path)}
        # DOT export first: its output is the "equivalent DOT" the Graphviz CLI reads.
        case["relgraph_dot"] = measure("relgraph dot", f"{RELGRAPH} render {q(path)} --format dot -o {q(dot)} -q")
        case["dot_bytes"] = os.path.getsize(dot)
        case["nop"] = measure("nop (floor)", f"nop {q(dot)} > /dev/null")
        attrs = layout_attributes(dot)
        case["layout_attributes"] = attrs
        py_attrs = q(attrs) if attrs else "''"
        case["graphviz_dot"] = measure("graphviz (py) dot", f"{PY} {PEERS} graphviz dot {q(path)} {q(base + '.gv.dot')} {engine} {py_attrs}")
        case["pygraphviz_dot"] = measure("pygraphviz dot", f"{PY} {PEERS} pygraphviz dot {q(path)} {q(base + '.pgv.dot')} {engine} {py_attrs}")
        if n > SVG_LIMIT:
            print(f"  SVG not measured above {SVG_LIMIT:,} entities", flush=True)
        else:
            case["relgraph_svg"] = measure("relgraph svg", f"{RELGRAPH} render {q(path)} --engine auto --format svg -o {q(base + '.svg')} -q", "relgraph_svg", n)
            if n + m <= 1000:
                # The page fit (PageFit: several candidate layouts) runs up to 1,000
                # entities plus relations; without it relgraph lays out once, like the CLI.
                # A new version drawn in the layout of the last one (here: of its own
                # drawing): no slower than drawing it afresh.
                case["relgraph_svg_kept"] = measure("relgraph svg --layout-from", f"{RELGRAPH} render {q(path)} --engine auto --format svg -o {q(base + '.kept.svg')} --layout-from {q(base + '.svg')} -q")
                case["relgraph_svg_nopage"] = measure("relgraph svg --page none", f"{RELGRAPH} render {q(path)} --engine auto --page none --format svg -o {q(base + '.nopage.svg')} -q")
                # The floor of a render that lays out several candidates: Graphviz's CLI
                # given every graph that render laid out (`--trace-layouts`, each with
                # its engine), doing the same layouts and drawing each as SVG.
                trace = base + ".layouts.dot"
                sh(f"{RELGRAPH} render {q(path)} --engine auto --format svg -o {q(base + '.traced.svg')} --trace-layouts {q(trace)} -q")
                with open(trace, encoding="utf-8") as f:
                    case["traced_layouts"] = sum(1 for line in f if line.startswith("\tgraph [layout="))
                case["cli_pagefit"] = measure("dot -Tsvg page-fit layouts", f"dot -Tsvg {q(trace)} > /dev/null")
            case["cli_svg"] = measure(f"{engine} -Tsvg", f"{engine} -Tsvg {q(dot)} -o {q(base + '.cli.svg')}", "cli_svg", n)
            case["graphviz_svg"] = measure("graphviz (py) svg", f"{PY} {PEERS} graphviz svg {q(path)} {q(base + '.gv.svg')} {engine} {py_attrs}", "graphviz_svg", n)
            case["pygraphviz_svg"] = measure("pygraphviz svg", f"{PY} {PEERS} pygraphviz svg {q(path)} {q(base + '.pgv.svg')} {engine} {py_attrs}", "pygraphviz_svg", n)
        results["cases"].append(case)
        with open(os.path.join(BENCH, "results.json"), "w") as f:
            json.dump(results, f, indent=1)
    # An atlas (issue 22): a network too large for one legible page drawn as an
    # overview and a page per community, every page fitted to A4; against the CLI
    # doing every layout the atlas made (planning and pages, `--trace-layouts`).
    atlas_n = int(os.environ.get("BENCH_ATLAS", "500"))
    if atlas_n:
        q = shlex.quote
        net = os.path.join(DATA, f"atlas{atlas_n}.yaml")
        if not os.path.exists(net):
            sh(f"{RELGRAPH} generate --entities {atlas_n} --seed 1 -o {q(net)} -q")
        folder = os.path.join(OUT, f"atlas{atlas_n}")
        print(f"atlas: {net}", flush=True)
        atlas = {"entities": atlas_n}
        atlas["relgraph"] = measure("relgraph --atlas", f"rm -rf {q(folder)} && {RELGRAPH} render {q(net)} --atlas --out-dir {q(folder)} -q")
        atlas["pages"] = len([f for f in os.listdir(folder) if f.endswith(".svg")]) if os.path.isdir(folder) else 0
        trace = os.path.join(OUT, f"atlas{atlas_n}.layouts.dot")
        sh(f"rm -rf {q(folder + '.traced')} && {RELGRAPH} render {q(net)} --atlas --out-dir {q(folder + '.traced')} --trace-layouts {q(trace)} -q")
        with open(trace, encoding="utf-8") as f:
            atlas["traced_layouts"] = sum(1 for line in f if line.startswith("\tgraph [layout="))
        atlas["cli"] = measure("dot -Tsvg atlas layouts", f"dot -Tsvg {q(trace)} > /dev/null 2>&1")
        results["atlas"] = atlas
    results["meta"]["minutes"] = round((time.monotonic() - started) / 60, 1)
    results["meta"]["load_end"] = sh("cat /proc/loadavg").strip()
    with open(os.path.join(BENCH, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    print("results: " + os.path.join(BENCH, "results.json"))


if __name__ == "__main__":
    sys.exit(main())
