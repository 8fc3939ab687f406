"""Four classic social networks, as networkx ships them (networkx.generators.social).

Each keeps every node and every edge of the networkx graph; nothing is added
that the data does not say. Edge weights go into the relation's note.
"""

import re

from common import Network, MissingInput, slug

try:
    import networkx as nx
except ImportError:  # reported per network by build.py
    nx = None

NETWORKX_URL = "https://networkx.org/documentation/stable/reference/generators.html#module-networkx.generators.social"


def _networkx():
    if nx is None:
        raise MissingInput("the Python module networkx (pip install -r scripts/corpus/requirements.txt)")
    return nx


def _claim(source):
    return [{"source": source}]


def _spaced(name):
    """'MlleBaptistine' -> 'Mlle Baptistine' (Knuth's names run words together)."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)


def les_miserables():
    g = _networkx().les_miserables_graph()
    net = Network(
        "les-miserables",
        "Les Misérables: characters who appear together",
        "Characters of Victor Hugo's Les Misérables, tied when they appear in the same "
        "chapter, as compiled by Donald E. Knuth for the Stanford GraphBase (jean.dat) and "
        "shipped by networkx 3.6 as les_miserables_graph(): 77 characters, 254 ties. The "
        "note on each tie is networkx's weight, the number of co-appearances. Names are "
        "Knuth's, with a space put between run-together words (his spelling kept as an alias). "
        "This file is derived from, and not part of, the Stanford GraphBase. "
        "Shape: dense clusters around a few hubs (Valjean, Myriel, Gavroche).",
    )
    src = net.source("knuth-1993", title="The Stanford GraphBase: A Platform for Combinatorial Computing (jean.dat)",
                     author="Donald E. Knuth", publisher="Addison-Wesley; data via networkx 3.6 les_miserables_graph()",
                     date="1993", url="https://www-cs-faculty.stanford.edu/~knuth/sgb.html")
    net.rtype("appears-with", label="appears with", direction="symmetric",
              description="The two characters appear in the same chapter of the novel.")
    net.shape = "dense clusters around hubs"
    net.origin = NETWORKX_URL
    net.license = ("Stanford GraphBase data (© 1993 Stanford University): may be freely copied; a changed "
                   "file must have a new name and say it is not part of the SGB (this one does); shipped in "
                   "networkx (BSD-3-Clause)")
    net.license_short = "SGB: free copies, changed files renamed; networkx BSD-3-Clause"
    ids = {}
    for node in sorted(g.nodes):
        name = _spaced(node)
        ids[node] = net.entity(slug(node), "person", name, aliases=[node] if name != node else None, sources=[src])
    for a, b, data in g.edges(data=True):
        w = data.get("weight")
        net.relation(ids[a], "appears-with", ids[b], symmetric=True, confidence="reported",
                     note=f"{w} co-appearance{'s' if w != 1 else ''} (weight in the data)" if w else None,
                     claims=_claim(src))
    return net


def davis_southern_women():
    g = _networkx().davis_southern_women_graph()
    net = Network(
        "davis-southern-women",
        "Davis's Southern Women: who attended which social event",
        "Eighteen women of a town in the US Deep South and the fourteen social events "
        "each attended (89 attendances), from Davis, Gardner and Gardner's Deep South "
        "(1941), as shipped by networkx 3.6 as davis_southern_women_graph(). The events "
        "keep the data's names E1–E14; the data gives no dates. Shape: bipartite, people × events.",
    )
    src = net.source("davis-1941", title="Deep South: A Social Anthropological Study of Caste and Class",
                     author="Allison Davis, Burleigh B. Gardner and Mary R. Gardner",
                     publisher="University of Chicago Press; data via networkx 3.6 davis_southern_women_graph()",
                     date="1941", url=NETWORKX_URL)
    net.shape = "bipartite (people × events)"
    net.origin = NETWORKX_URL
    net.license = ("published data of a 1941 study (no license stated); shipped in networkx (BSD-3-Clause); "
                   "cite Davis et al. 1941")
    net.license_short = "none stated (published data); networkx BSD-3-Clause"
    women, events = g.graph["top"], g.graph["bottom"]
    for w in women:
        net.entity(slug(w), "person", w, sources=[src])
    for e in events:
        net.entity(slug(e), "event", e, description=f"Social event {e} of the data (no date given).", sources=[src])
    for a, b in g.edges():
        person, event = (a, b) if a in women else (b, a)
        net.relation(slug(person), "participated-in", slug(event), confidence="reported", claims=_claim(src))
    return net


def karate_club():
    g = _networkx().karate_club_graph()
    net = Network(
        "karate-club",
        "Zachary's karate club",
        "The 34 members of a university karate club and the 78 pairs who interacted outside "
        "the club, observed by Wayne W. Zachary (1977) before the club split in two; as "
        "shipped by networkx 3.6 as karate_club_graph(). Members are numbered as in the "
        "paper (networkx's node + 1); the tag says which club each joined after the split "
        "(networkx's 'club': Mr. Hi or Officer); the note gives networkx's weight, the "
        "number of contexts in which the two interacted. Shape: two communities.",
    )
    src = net.source("zachary-1977", title="An Information Flow Model for Conflict and Fission in Small Groups",
                     author="Wayne W. Zachary",
                     publisher="Journal of Anthropological Research 33(4): 452–473; data via networkx 3.6 karate_club_graph()",
                     date="1977", url="https://doi.org/10.1086/jar.33.4.3629752")
    net.rtype("interacts-with", label="interacts with", direction="symmetric",
              description="The two members interacted outside the club's meetings (Zachary 1977).")
    net.shape = "two communities"
    net.origin = NETWORKX_URL
    net.license = ("published data of a 1977 paper (no license stated); shipped in networkx (BSD-3-Clause); "
                   "cite Zachary 1977")
    net.license_short = "none stated (published data); networkx BSD-3-Clause"
    ids = {}
    for node, data in sorted(g.nodes(data=True)):
        number = node + 1
        club = data["club"]
        ids[node] = net.entity(slug(f"Member {number}"), "person", f"Member {number}",
                               tags=["club-" + slug(club)], sources=[src])
    for a, b, data in g.edges(data=True):
        w = data.get("weight")
        net.relation(ids[a], "interacts-with", ids[b], symmetric=True, confidence="reported",
                     note=f"interacted in {w} context{'s' if w != 1 else ''} (weight in the data)" if w else None,
                     claims=_claim(src))
    return net


def florentine_families():
    g = _networkx().florentine_families_graph()
    net = Network(
        "florentine-families",
        "Florentine families: marriages, 1400s",
        "Marriage ties among fifteen leading families of Renaissance Florence, from "
        "Padgett and Ansell's study of the Medici's rise (1993), as shipped by networkx "
        "3.6 as florentine_families_graph() (15 families, 20 ties; the Pucci, without "
        "marriage ties, are not in it). Shape: small, sparse, one hub (Medici).",
    )
    src = net.source("padgett-ansell-1993", title="Robust Action and the Rise of the Medici, 1400–1434",
                     author="John F. Padgett and Christopher K. Ansell",
                     publisher="American Journal of Sociology 98(6): 1259–1319; data via networkx 3.6 florentine_families_graph()",
                     date="1993", url="https://doi.org/10.1086/230190")
    net.kind("family", label="family", description="A Florentine family (lineage).")
    net.rtype("married-into", label="marriage tie", direction="symmetric",
              description="Members of the two families married each other.")
    net.shape = "small, sparse, one hub"
    net.origin = NETWORKX_URL
    net.license = ("published data of a 1993 paper (no license stated); shipped in networkx (BSD-3-Clause); "
                   "cite Padgett and Ansell 1993")
    net.license_short = "none stated (published data); networkx BSD-3-Clause"
    for node in sorted(g.nodes):
        net.entity(slug(node), "family", node, sources=[src])
    for a, b in g.edges():
        net.relation(slug(a), "married-into", slug(b), symmetric=True, confidence="reported", claims=_claim(src))
    return net
