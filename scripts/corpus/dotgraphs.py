"""Two of Graphviz's own test graphs (shared/data/dot, EPL 1.0): unix.gv and world.gv.

They are read with a small parser for the DOT they use (edge statements, `A -> {B; C}`,
`{rank=same; ...}`, graph attributes); anything else stops the build, so nothing is
silently dropped.
"""

import re

from common import Network, slug
from inputs import shared_file

GRAPHVIZ_LICENSE = "Eclipse Public License 1.0 (Graphviz's test graphs; shared/data/dot/LICENSE-EPL-1.0.txt)"
GRAPHVIZ_COMMIT = "ac239f71ea9f807590505e6862cebe50e992e271"

_TOKEN = re.compile(r'\s*(?:"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_.]+)|(->|[{};=,\[\]]))')


def _tokens(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    at, out = 0, []
    while at < len(text):
        if text[at:].strip() == "":
            break
        m = _TOKEN.match(text, at)
        if not m:
            raise ValueError(f"DOT the corpus parser does not know at: {text[at:at + 40]!r}")
        quoted, word, punct = m.groups()
        out.append(("id", quoted) if quoted is not None else ("id", word) if word is not None else ("p", punct))
        at = m.end()
    return out


def parse_edges(text):
    """(graph name, [node ids in order of first mention], [(tail, head)]) of a digraph."""
    toks = _tokens(text)
    if toks[0] != ("id", "digraph") or toks[2] != ("p", "{") or toks[-1] != ("p", "}"):
        raise ValueError("expected `digraph NAME { ... }`")
    name, body = toks[1][1], toks[3:-1]
    nodes, edges, i = [], [], 0

    def node(n):
        if n not in nodes:
            nodes.append(n)
        return n

    while i < len(body):
        kind, value = body[i]
        if (kind, value) == ("p", ";"):
            i += 1
        elif kind == "id" and i + 1 < len(body) and body[i + 1] == ("p", "="):      # graph attribute
            i += 3
        elif (kind, value) == ("p", "{"):                                          # {rank=same; a b c;}
            j = body.index(("p", "}"), i)
            inner = body[i + 1:j]
            if inner[:3] != [("id", "rank"), ("p", "="), ("id", "same")]:
                raise ValueError(f"unexpected subgraph {inner[:4]}")
            for k, v in inner[3:]:
                if k == "id":
                    node(v)
            i = j + 1
        elif kind == "id" and body[i + 1] == ("p", "->"):
            tail = node(value)
            target = body[i + 2]
            if target == ("p", "{"):
                j = body.index(("p", "}"), i + 2)
                heads = [v for k, v in body[i + 3:j] if k == "id"]
                i = j + 1
            else:
                heads = [target[1]]
                i += 3
            for head in heads:
                edges.append((tail, node(head)))
        else:
            raise ValueError(f"unexpected DOT statement at {body[i:i + 4]}")
    return name, nodes, edges


def unix():
    path = shared_file("dot/unix.gv")
    _, nodes, edges = parse_edges(path.read_text(encoding="utf-8"))
    net = Network(
        "unix-family-tree",
        "The Unix family tree, to System V.3 and 4.3 BSD",
        "Unix versions from the 5th Edition to System V.3, 4.3 BSD and Ultrix, each tied "
        "to the versions it led to: Graphviz's test graph unix.gv ('courtesy Ian Darwin and "
        "Geoff Collyer, Softquad Inc.'). Every node and edge of the graph is kept, none "
        "added; the graph gives no dates. Shape: a tree with a few merges (a DAG, mostly a tree).",
    )
    net.shape = "tree (DAG with merges)"
    net.origin = f"https://github.com/ellson/MOTHBALLED-graphviz/blob/{GRAPHVIZ_COMMIT}/graphs/directed/unix.gv"
    net.local = "shared/data/dot/unix.gv"
    net.license = GRAPHVIZ_LICENSE
    net.license_short = "EPL 1.0"
    src = net.source("graphviz-unix-gv", title="unix.gv, a Graphviz test graph",
                     author="Ian Darwin and Geoff Collyer (Softquad Inc.)", publisher="Graphviz",
                     url="https://gitlab.com/graphviz/graphviz/-/blob/main/graphs/directed/unix.gv")
    net.kind("system", label="Unix version", description="A version or distribution of the Unix operating system.")
    net.relation_types["led-to"] = {"label": "led to", "description": "The later version derives from the earlier one.",
                                    "direction": "directed", "from": ["system"], "to": ["system"]}
    for n in nodes:
        net.entity(slug(n), "system", n, sources=[src])
    for a, b in edges:
        net.relation(slug(a), "led-to", slug(b), confidence="reported", claims=[{"source": src}])
    return net


def world():
    path = shared_file("dot/world.gv")
    _, nodes, edges = parse_edges(path.read_text(encoding="utf-8"))
    net = Network(
        "graphviz-world-dag",
        "world.gv: a layered graph from Graphviz's tests",
        f"Graphviz's test graph world.gv: {len(nodes)} nodes in rank-constrained layers (the S and T "
        f"rows) and {len(set(edges))} edges. Its node names are bare labels with no meaning given, so this "
        "network is only a shape: a layered DAG with many long edges and crossings. The "
        "rank=same constraints are not carried over (relgraph has no such notion).",
    )
    net.shape = "layered DAG"
    net.origin = f"https://github.com/ellson/MOTHBALLED-graphviz/blob/{GRAPHVIZ_COMMIT}/graphs/directed/world.gv"
    net.local = "shared/data/dot/world.gv"
    net.license = GRAPHVIZ_LICENSE
    net.license_short = "EPL 1.0"
    src = net.source("graphviz-world-gv", title="world.gv, a Graphviz test graph", publisher="Graphviz",
                     author="Graphviz authors",
                     url="https://gitlab.com/graphviz/graphviz/-/blob/main/graphs/directed/world.gv")
    net.kind("node", label="node", description="A node of a test graph, without meaning of its own.")
    net.relation_types["leads-to"] = {"label": "leads to", "description": "An edge of the test graph.",
                                      "direction": "directed", "from": ["node"], "to": ["node"]}
    for n in nodes:
        net.entity(slug(n), "node", n, sources=[src])
    for a, b in edges:
        if net.has_relation(slug(a), "leads-to", slug(b)):
            continue
        net.relation(slug(a), "leads-to", slug(b), confidence="confirmed", claims=[{"source": src}])
    return net
