"""Valdis Krebs's network of the 11 September 2001 hijackers and their associates, as
digitised in Tsvetovat and Kouznetsov's book repository (github.com/maksim2042/SNABook,
chapter4/9_11_edgelist.txt and 9_11_attrib.txt).

The edge list has four columns: two names, then two codes the book's code reads as
`weight` and `conf` (hijackers.py). The repository does not define them, so they are
kept as tags (weight-N-conf-M, one per code pair) and not turned into relgraph confidences. Many pairs
appear several times (both directions, and with different codes); each pair is one
symmetric relation carrying every code it was given.
"""

import csv
import io

from common import Network, slug
from inputs import GitSource

# The one name the file spells two ways (two rows of 'Nabil Almarabh', the rest 'Nabil al-Marabh').
SAME_PERSON = {"Nabil Almarabh": "Nabil al-Marabh"}

# The data's flight codes -> (name, alias, description).
FLIGHTS = {
    "11_WTC North": ("Flight 11 (WTC North)", "American Airlines Flight 11",
                     "The hijacked flight that hit the World Trade Center's North Tower on 11 September 2001."),
    "175_WTC South": ("Flight 175 (WTC South)", "United Airlines Flight 175",
                      "The hijacked flight that hit the World Trade Center's South Tower on 11 September 2001."),
    "77_Pentagon": ("Flight 77 (Pentagon)", "American Airlines Flight 77",
                    "The hijacked flight that hit the Pentagon on 11 September 2001."),
    "93_Penn": ("Flight 93 (Pennsylvania)", "United Airlines Flight 93",
                "The hijacked flight that crashed in Pennsylvania on 11 September 2001."),
}


def hijackers_2001():
    repo = GitSource("maksim2042/SNABook")
    edges_text = repo.read("chapter4/9_11_edgelist.txt").decode("utf-8")
    attrib_text = repo.read("chapter4/9_11_attrib.txt").decode("utf-8")

    net = Network(
        "hijackers-2001",
        "The 11 September 2001 hijackers and their associates (Krebs)",
        "The network of contacts among the nineteen hijackers of 11 September 2001 and "
        "people around them that Valdis Krebs mapped from public news reports "
        "('Mapping Networks of Terrorist Cells', Connections 24(3), 2002), in the digital "
        "form of Tsvetovat and Kouznetsov's book repository (Social Network Analysis for "
        "Startups, O'Reilly 2011). Each contact is the data's undirected tie; its tags "
        "keep the data's two codes (weight-N-conf-M, one tag per pair of codes given: columns the repository does not "
        "define, so they are not read as confidences). Flights are the data's attribute "
        "file: which hijacker was on which flight (public record). 'Nabil Almarabh' and "
        "'Nabil al-Marabh', two spellings of one man in the file, are one entity. "
        "Shape: a sparse chain of cells with a dense core around the pilots.",
    )
    net.shape = "sparse cells, dense core + 4 events"
    net.origin = repo.url("chapter4/9_11_edgelist.txt")
    net.license = ("no license stated: facts compiled by Krebs from public news reports; cite Krebs 2002 "
                   "and the book's repository")
    net.license_short = "none stated (facts from public reports; cite Krebs 2002)"
    krebs = net.source("krebs-2002", title="Mapping Networks of Terrorist Cells", author="Valdis E. Krebs",
                       publisher="Connections 24(3): 43–52", date="2002",
                       url="https://www.orgnet.com/MappingTerroristNetworks.pdf")
    book = net.source("snabook-2011", title="Social Network Analysis for Startups: 9/11 data files (chapter 4)",
                      author="Maksim Tsvetovat and Alexander Kouznetsov", publisher="O'Reilly Media; GitHub maksim2042/SNABook",
                      date="2011", url=repo.url("chapter4"))
    net.relation_types["contact-of"] = {
        "label": "in contact with",
        "description": "A tie in Krebs's network: the two were in contact (lived, trained, met or dealt together), "
                       "as reported in the press.",
        "direction": "symmetric", "from": ["person"], "to": ["person"]}

    codes = {}
    for row in csv.reader(io.StringIO(edges_text)):
        if not row:
            continue
        a, b, weight, conf = (x.strip() for x in row)
        a, b = SAME_PERSON.get(a, a), SAME_PERSON.get(b, b)
        if a == b:
            continue
        pair = tuple(sorted((a, b)))
        codes.setdefault(pair, set()).add(f"weight-{weight}-conf-{conf}")

    flights = {}
    for row in csv.reader(io.StringIO(attrib_text)):
        if row:
            flights[SAME_PERSON.get(row[0].strip(), row[0].strip())] = row[1].strip()

    people = sorted({p for pair in codes for p in pair} | set(flights))
    aliases = {canon: [alt] for alt, canon in SAME_PERSON.items()}
    for person in people:
        tags = ["hijacker"] if person in flights else []
        net.entity(slug(person), "person", person, aliases=aliases.get(person), tags=tags, sources=[krebs])
    for code in sorted(set(flights.values())):
        name, alias, what = FLIGHTS[code]
        net.entity(slug(name), "event", name, aliases=[alias], description=what + f" ('{code}' in the data.)",
                   sources=[book])
    for (a, b), tags in sorted(codes.items()):
        net.relation(slug(a), "contact-of", slug(b), symmetric=True, confidence="reported",
                     tags=sorted(tags), claims=[{"source": krebs}], sources=[book])
    for person, code in sorted(flights.items()):
        net.relation(slug(person), "participated-in", slug(FLIGHTS[code][0]), confidence="confirmed",
                     note="hijacker on this flight", claims=[{"source": book}])
    return net
