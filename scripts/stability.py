#!/usr/bin/env python3
"""How much a drawing moves when its network changes by one line or one entity.

For each network, 12 single edits (4 relations added between entities not yet
joined, 4 relations dropped, 4 new entities tied to one existing entity; picked
with a fixed seed) are drawn twice: afresh (`relgraph render v2.yaml`) and in the
layout of the first version's drawing (`relgraph render v2.yaml --layout-from
v1.svg`). Both are measured against v1 with `relgraph measure --moved-from` and
the medians printed as a Markdown table (docs/diff.md, "How much moves").

    scripts/stability.py [--relgraph PATH] [--edits 12] [NETWORK.yaml ...]

Default networks: the flagship and five corpus networks. Needs PyYAML.
"""
import argparse
import copy
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT = [
    "graphs/iskp-isi-nexus.yaml",
    "graphs/corpus/karate-club.yaml",
    "graphs/corpus/les-miserables.yaml",
    "graphs/corpus/hijackers-2001.yaml",
    "graphs/corpus/graphviz-world-dag.yaml",
    "graphs/corpus/attack-12-groups-tools.yaml",
]


def edits(document, count, seed):
    """`count` edited copies of `document`, with a one-line description each."""
    rng = random.Random(seed)
    entities = [e["id"] for e in document["entities"]]
    relations = document.get("relations") or []
    joined = {frozenset((r["from"], r["to"])) for r in relations}
    kinds = {e["id"]: e["kind"] for e in document["entities"]}
    by_kind = {}
    for e in document["entities"]:
        by_kind.setdefault(e["kind"], []).append(e["id"])
    out = []
    per = max(1, count // 3)
    for n in range(count):
        doc = copy.deepcopy(document)
        rels = doc["relations"]
        which = n // per if n // per < 3 else n % 3
        if which == 0:  # add a relation between two entities not yet joined (of the kinds its type joins)
            for _ in range(1000):
                template = copy.deepcopy(rng.choice(relations))
                a = rng.choice(by_kind[kinds[template["from"]]])
                b = rng.choice(by_kind[kinds[template["to"]]])
                if a != b and frozenset((a, b)) not in joined:
                    break
            template["from"], template["to"] = a, b
            template.pop("since", None)
            template.pop("until", None)
            rels.append(template)
            out.append((f"add {a} {template['type']} {b}", doc))
        elif which == 1:  # drop a relation
            index = rng.randrange(len(rels))
            gone = rels.pop(index)
            out.append((f"drop {gone['from']} {gone['type']} {gone['to']}", doc))
        else:  # a new entity tied to one existing entity
            template = copy.deepcopy(rng.choice(relations))
            anchor = rng.choice(by_kind[kinds[template["to"]]])
            new_id = f"added-entity-{n}"
            doc["entities"].append({"id": new_id, "kind": kinds[template["from"]], "name": f"Added entity {n}",
                                    "sources": list(doc.get("sources", {}).keys())[:1]})
            template["from"], template["to"] = new_id, anchor
            template.pop("since", None)
            template.pop("until", None)
            rels.append(template)
            out.append((f"add entity tied to {anchor}", doc))
    return out


def run(relgraph, args, timed=False):
    start = time.monotonic()
    result = subprocess.run([relgraph] + args, capture_output=True, text=True)
    elapsed = time.monotonic() - start
    if result.returncode != 0:
        raise SystemExit(f"relgraph {' '.join(args)} failed ({result.returncode}): {result.stderr}")
    return (result, elapsed) if timed else result


def measure(relgraph, old, files):
    result = run(relgraph, ["measure", "--moved-from", old, "--format", "json"] + files)
    return {os.path.basename(r["file"]): r for r in json.loads(result.stdout)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relgraph", default=os.path.join(ROOT, ".build/release/relgraph"))
    parser.add_argument("--edits", type=int, default=12)
    parser.add_argument("--keep", help="keep the drawings in this folder")
    parser.add_argument("networks", nargs="*")
    options = parser.parse_args()
    networks = options.networks or [os.path.join(ROOT, n) for n in DEFAULT]
    work = options.keep or tempfile.mkdtemp(prefix="relgraph-stability-")
    os.makedirs(work, exist_ok=True)

    rows = []
    for path in networks:
        stem = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            document = yaml.safe_load(f)
        folder = os.path.join(work, stem)
        os.makedirs(folder, exist_ok=True)
        v1 = os.path.join(folder, "v1.svg")
        run(options.relgraph, ["render", path, "-q", "-o", v1])
        results = {"fresh": [], "kept": []}
        for n, (what, doc) in enumerate(edits(document, options.edits, seed=len(stem))):
            v2 = os.path.join(folder, f"edit-{n:02d}.yaml")
            with open(v2, "w", encoding="utf-8") as f:
                yaml.safe_dump(doc, f, allow_unicode=True, sort_keys=False)
            fresh, kept = os.path.join(folder, f"edit-{n:02d}.fresh.svg"), os.path.join(folder, f"edit-{n:02d}.kept.svg")
            _, fresh_time = run(options.relgraph, ["render", v2, "-q", "-o", fresh], timed=True)
            _, kept_time = run(options.relgraph, ["render", v2, "-q", "-o", kept, "--layout-from", v1], timed=True)
            measured = measure(options.relgraph, v1, [fresh, kept])
            for name, file, seconds in (("fresh", fresh, fresh_time), ("kept", kept, kept_time)):
                r = measured[os.path.basename(file)]
                moved, report = r.get("moved") or {}, r["report"]
                results[name].append({
                    "what": what, "mean": moved.get("meanDisplacement", 0), "far": moved.get("movedFar", 0),
                    "orders": moved.get("ordersKept", 1), "pt": report.get("smallestEntityTextOnPage") or 0,
                    "labels": report["labelEntityOverlaps"] + report["labelLabelOverlaps"],
                    "misplaced": report["misplacedEnds"], "through": report["linesThroughEntities"], "seconds": seconds,
                })
        rows.append((stem, len(document["entities"]), results))

    def median(values):
        return statistics.median(values) if values else 0

    print(f"{options.edits} single edits per network; medians (worst in brackets where it matters).\n")
    print("| network | entities | drawn | mean displacement | moved > 10 % | pair orders kept | smallest on page (pt) "
          "| label overlaps | misplaced ends | lines through entities | render (s) |")
    print("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for stem, count, results in rows:
        for name in ("fresh", "kept"):
            r = results[name]
            print(f"| {stem} | {count} | {'afresh' if name == 'fresh' else '--layout-from v1'} "
                  f"| {100 * median([x['mean'] for x in r]):.1f} % (max {100 * max(x['mean'] for x in r):.1f} %) "
                  f"| {100 * median([x['far'] for x in r]):.0f} % "
                  f"| {100 * median([x['orders'] for x in r]):.1f} % (min {100 * min(x['orders'] for x in r):.1f} %) "
                  f"| {median([x['pt'] for x in r]):.1f} (min {min(x['pt'] for x in r):.1f}) "
                  f"| {median([x['labels'] for x in r]):g} (max {max(x['labels'] for x in r)}) "
                  f"| {median([x['misplaced'] for x in r]):g} (max {max(x['misplaced'] for x in r)}) "
                  f"| {median([x['through'] for x in r]):g} (max {max(x['through'] for x in r)}) "
                  f"| {median([x['seconds'] for x in r]):.2f} |")
    if options.keep:
        print(f"\nDrawings kept in {work}.")


if __name__ == "__main__":
    sys.exit(main())
