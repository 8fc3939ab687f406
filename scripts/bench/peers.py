#!/usr/bin/env python3
"""The benchmark's Python peers: the job `relgraph render` does, written the way a
user of Python's `graphviz` package or of `pygraphviz` would write it.

    peers.py graphviz|pygraphviz dot|svg INPUT.json OUTPUT [ENGINE [NAME=VALUE,...]]

Reads a relgraph JSON network, builds the graph (one node per entity, shaped and
coloured by kind, one edge per relation, coloured by type, styled by
confidence, with labels and tooltips, and the same layout attributes relgraph
sets), then writes DOT, or renders SVG with ENGINE (dot, sfdp...). NAME=VALUE
pairs are set on the graph over those: the benchmark passes what relgraph's
`--engine auto` set in its own DOT (`splines=false`, `overlap=...` for large
graphs), so that every peer does the same layout work.

- `graphviz` builds DOT text in Python; `.source` is the DOT, `.pipe()` runs the
  Graphviz command-line tool on it.
- `pygraphviz` builds a cgraph graph through Graphviz's C library; `.write()` is
  agwrite, `.draw(prog=...)` lays out and renders.
"""
import json
import sys

SHAPES = {"group": "hexagon", "agency": "octagon", "state": "box", "territory": "ellipse",
          "person": "box", "event": "cds", "organization": "component", "publication": "note"}
FILLS = {"group": "#fbe4e2", "agency": "#e1ebf7", "state": "#eceff3", "territory": "#e3f1df",
         "person": "#fdf0d5", "event": "#f1e4f5", "organization": "#dff3ee", "publication": "#f3ece2"}
STYLES = {"confirmed": "solid", "reported": "dashed", "alleged": "dotted", "disputed": "dashed"}
SYMMETRIC = {"allied-with", "rival-of", "related-to"}
GRAPH_ATTRS = {"rankdir": "LR", "overlap": "false", "splines": "true", "sep": "+6", "nodesep": "0.2",
               "ranksep": "0.4", "outputorder": "edgesfirst", "fontname": "DejaVu Sans", "fontsize": "10"}


def color(type_name):
    h = 0xcbf29ce484222325
    for b in type_name.encode():
        h = ((h ^ b) * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    palette = ["#8e44ad", "#16a085", "#d68910", "#2471a3", "#a93226", "#229954", "#7d3c98", "#b9770e"]
    return palette[h % len(palette)]


def items(doc):
    names = {e["id"]: e["name"] for e in doc["entities"]}
    nodes = []
    for e in sorted(doc["entities"], key=lambda e: e["id"]):
        tooltip = f'{e["name"]} ({e["kind"]})'
        if e.get("description"):
            tooltip += "\n" + e["description"]
        nodes.append((e["id"], {"label": e["name"], "shape": SHAPES[e["kind"]], "style": "filled",
                                "fillcolor": FILLS[e["kind"]], "tooltip": tooltip}))
    edges = []
    for r in sorted(doc["relations"], key=lambda r: (r["from"], r["to"], r["type"], r.get("since", ""))):
        confidence = r.get("confidence", "reported")
        label = r["type"].replace("-", " ") + (f', {r["since"]}–' if r.get("since") else "")
        tooltip = f'{names.get(r["from"], r["from"])} {r["type"]} {names.get(r["to"], r["to"])} ({confidence})'
        for claim in r.get("claims", []):
            if claim.get("quote"):
                tooltip += "\n“" + claim["quote"] + "”"
        attrs = {"label": label, "color": color(r["type"]), "style": STYLES[confidence], "tooltip": tooltip}
        if r["type"] in SYMMETRIC:
            attrs["dir"] = "none"
        edges.append((r["from"], r["to"], attrs))
    return nodes, edges


def with_graphviz(doc, fmt, out, engine):
    import graphviz
    g = graphviz.Digraph("relgraph", engine=engine, graph_attr=GRAPH_ATTRS,
                         node_attr={"fontname": "DejaVu Sans", "fontsize": "10"},
                         edge_attr={"fontname": "DejaVu Sans", "fontsize": "7.5"})
    nodes, edges = items(doc)
    for name, attrs in nodes:
        g.node(name, **attrs)
    for tail, head, attrs in edges:
        g.edge(tail, head, **attrs)
    if fmt == "dot":
        with open(out, "w", encoding="utf-8") as f:
            f.write(g.source)
    else:
        with open(out, "wb") as f:
            f.write(g.pipe(format="svg"))


def with_pygraphviz(doc, fmt, out, engine):
    import pygraphviz
    g = pygraphviz.AGraph(name="relgraph", directed=True, strict=False)
    g.graph_attr.update(GRAPH_ATTRS)
    g.node_attr.update({"fontname": "DejaVu Sans", "fontsize": "10"})
    g.edge_attr.update({"fontname": "DejaVu Sans", "fontsize": "7.5"})
    nodes, edges = items(doc)
    for name, attrs in nodes:
        g.add_node(name, **attrs)
    for tail, head, attrs in edges:
        g.add_edge(tail, head, **attrs)
    if fmt == "dot":
        g.write(out)
    else:
        g.draw(out, format="svg", prog=engine)


def main():
    peer, fmt, path, out = sys.argv[1:5]
    engine = sys.argv[5] if len(sys.argv) > 5 else "dot"
    if len(sys.argv) > 6 and sys.argv[6]:
        GRAPH_ATTRS.update(pair.split("=", 1) for pair in sys.argv[6].split(","))
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    {"graphviz": with_graphviz, "pygraphviz": with_pygraphviz}[peer](doc, fmt, out, engine)


if __name__ == "__main__":
    main()
