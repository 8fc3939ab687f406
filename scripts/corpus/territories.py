"""South Asia's states, some of their ISO 3166-2 subdivisions (`within` them), and land borders.

- States: the eight members of SAARC and every state that borders one of them by land.
- Subdivisions (pycountry's ISO 3166-2 lists): Afghanistan and Pakistan (the
  flagship network's theatre), Nepal, and Sri Lanka, whose two levels (provinces,
  and districts within them) exercise nested `within`. India's 36, Bangladesh's 72,
  Bhutan's 20 and the Maldives' 21 are left out to keep the drawing to a page.
- Borders: geodatasource's country-borders CSV, among the states above.
"""

import csv
import io

from common import Network, MissingInput, slug
from inputs import GitSource

SAARC = ["AF", "BD", "BT", "IN", "LK", "MV", "NP", "PK"]
WITH_SUBDIVISIONS = ["AF", "LK", "NP", "PK"]
PYCOUNTRY_VERSION = "26.2.16"


def _pycountry():
    try:
        import pycountry
    except ImportError:
        raise MissingInput("the Python module pycountry (pip install -r scripts/corpus/requirements.txt)")
    from importlib.metadata import version
    if version("pycountry") != PYCOUNTRY_VERSION:
        raise MissingInput(f"pycountry {PYCOUNTRY_VERSION} (this is {version('pycountry')}; "
                           f"pip install pycountry=={PYCOUNTRY_VERSION}: other versions list other subdivisions)")
    return pycountry


def _state_name(country):
    return getattr(country, "common_name", None) or country.name


def south_asia():
    pycountry = _pycountry()
    repo = GitSource("geodatasource/country-borders")
    rows = list(csv.DictReader(io.StringIO(repo.read("GEODATASOURCE-COUNTRY-BORDERS.CSV").decode("utf-8"))))
    pairs = {(r["country_code"], r["country_border_code"]) for r in rows if r["country_border_code"]}
    states = set(SAARC) | {b for a, b in pairs if a in SAARC}

    net = Network(
        "south-asia-territories",
        "South Asia: states, provinces and land borders",
        "The eight SAARC states and the states that border them by land, with the land "
        "borders among all of these (geodatasource's Country Borders data), and the ISO "
        "3166-2 subdivisions of Afghanistan, Pakistan, Nepal and Sri Lanka (Sri Lanka's "
        f"districts within its provinces), as listed by pycountry {PYCOUNTRY_VERSION}. "
        "A subdivision sits `within` the state ISO lists it under; that records ISO's "
        "list, not a position on disputed territory (ISO lists Azad Jammu and Kashmir "
        "and Gilgit-Baltistan as 'Pakistan administered areas'). Shape: territories, "
        "nested containment with a few state-to-state ties.",
    )
    net.shape = "territories (nested `within`) + borders"
    net.origin = repo.url("GEODATASOURCE-COUNTRY-BORDERS.CSV")
    net.local = f"and PyPI pycountry {PYCOUNTRY_VERSION}"
    net.license = ("borders: CC BY-SA 4.0 (“This product includes Country Borders data available from "
                   "https://www.geodatasource.com”), so this file is CC BY-SA 4.0 too; subdivisions: ISO 3166 "
                   "names via pycountry (LGPL 2.1, data from Debian's iso-codes)")
    net.license_short = "CC BY-SA 4.0 (borders); ISO names via pycountry (LGPL-2.1)"
    net.subset = ("SAARC members + land neighbours; subdivisions of AF, PK, NP, LK only (both ISO levels)")
    iso = net.source("iso-3166-2", title="ISO 3166-1 and ISO 3166-2 (as packaged by pycountry)",
                     author="ISO 3166 Maintenance Agency; pycountry and Debian iso-codes maintainers",
                     publisher=f"pycountry {PYCOUNTRY_VERSION} (PyPI)", date="2026",
                     url="https://pypi.org/project/pycountry/")
    borders = net.source("geodatasource-borders", title="Country Borders", author="GeoDataSource",
                         publisher="GeoDataSource (github.com/geodatasource/country-borders)", date="2022",
                         url="https://github.com/geodatasource/country-borders")
    net.relation_types["borders"] = {
        "label": "borders", "description": "The two states share a land border.",
        "direction": "symmetric", "from": ["state"], "to": ["state"]}
    net.views["nested"] = {"title": "South Asia: subdivisions drawn inside their states", "cluster": "territories"}

    state_id = {}
    for code in sorted(states):
        country = pycountry.countries.get(alpha_2=code)
        name = _state_name(country)
        aliases = sorted({country.name, getattr(country, "official_name", country.name)} - {name})
        state_id[code] = net.entity(slug(name), "state", name, aliases=aliases,
                                    tags=["saarc"] if code in SAARC else [],
                                    external_ids={"other": f"ISO 3166-1 {code}"}, sources=[iso])

    for code in WITH_SUBDIVISIONS:
        subs = sorted(pycountry.subdivisions.get(country_code=code), key=lambda s: s.code)
        taken = {}
        for sub in subs:
            base = slug(sub.name)
            eid = base if base not in net.entities else f"{base}-{slug(sub.type)}"
            taken[sub.code] = eid
        for sub in subs:
            parent = taken[sub.parent_code] if sub.parent_code else state_id[code]
            net.entity(taken[sub.code], "territory", sub.name, description=f"{sub.type} ({sub.code}).",
                       within=parent, external_ids={"other": f"ISO 3166-2 {sub.code}"}, sources=[iso])

    for a, b in sorted(pairs):
        if a in states and b in states and a < b:
            if (b, a) not in pairs:
                raise ValueError(f"border {a}-{b} listed one way only")
            net.relation(state_id[a], "borders", state_id[b], symmetric=True, confidence="confirmed",
                         claims=[{"source": borders}])
    return net
