"""Shared pieces of the corpus converters: slugs, a network document, and a
deterministic YAML writer (no PyYAML: the bytes must not depend on its version).

A converter builds a `Network` and returns it; build.py writes it with `to_yaml`.
Entities come out sorted by id, relations by (from, type, to), so the same data
always gives the same bytes, whatever order it was read in.
"""

import json
import re
import unicodedata


class MissingInput(Exception):
    """An input the converter needs is not on this machine (says which, and how to get it)."""


def slug(text):
    """A relgraph id from a name: ASCII lower case, runs of other characters as one '-'.

    'Threat Group-3390' -> 'threat-group-3390', 'Kunaṟ' -> 'kunar', 'Unix/TS 3.0' -> 'unix-ts-3.0'.
    Dots stay between digits (version numbers); everything else but letters and digits
    becomes a dash.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.lower().replace("&", " and ")
    ascii_text = re.sub(r"(?<=\d)\.(?=\d)", "\0", ascii_text)
    ascii_text = re.sub(r"[^a-z0-9\0]+", "-", ascii_text).strip("-").replace("\0", ".")
    if not ascii_text:
        raise ValueError(f"no slug for {text!r}")
    return ascii_text


# The order keys are written in (the README's order).
ENTITY_KEYS = ["aliases", "description", "since", "until", "ended", "within", "tags", "url", "external_ids", "sources"]
RELATION_KEYS = ["id", "since", "until", "ended", "confidence", "note", "tags", "external_ids", "claims", "sources"]


class Network:
    """A relgraph document under construction."""

    def __init__(self, name, title, description):
        self.name = name
        self.title = title
        self.description = description
        self.sources = {}
        self.entity_kinds = {}
        self.relation_types = {}
        self.entities = {}
        self.relations = {}
        self.views = {}
        # For the header comment and graphs/corpus/README.md, not the document.
        self.shape = ""
        self.origin = ""      # where the data was read from (URL)
        self.local = ""       # the local copy read, when not the URL itself
        self.license = ""
        self.license_short = ""
        self.subset = "all of it"

    def source(self, sid, **fields):
        self.sources[sid] = fields
        return sid

    def kind(self, name, **fields):
        self.entity_kinds[name] = fields

    def rtype(self, name, **fields):
        self.relation_types[name] = fields

    def entity(self, eid, kind, name, **fields):
        if eid in self.entities:
            old = self.entities[eid]
            raise ValueError(f"{self.name}: two entities with id {eid!r}: {old['name']!r} and {name!r}")
        unknown = set(fields) - set(ENTITY_KEYS)
        if unknown:
            raise ValueError(f"{self.name}: entity keys {sorted(unknown)}")
        entity = {"id": eid, "kind": kind, "name": name}
        entity.update({k: fields[k] for k in ENTITY_KEYS if fields.get(k) not in (None, [], {})})
        self.entities[eid] = entity
        return eid

    def relation(self, source, rtype, target, symmetric=False, **fields):
        if symmetric and target < source:
            source, target = target, source
        key = (source, rtype, target)
        if key in self.relations:
            raise ValueError(f"{self.name}: relation {key} twice")
        for end in (source, target):
            if end not in self.entities:
                raise ValueError(f"{self.name}: relation {key} names no entity {end!r}")
        unknown = set(fields) - set(RELATION_KEYS)
        if unknown:
            raise ValueError(f"{self.name}: relation keys {sorted(unknown)}")
        relation = {"from": source, "type": rtype, "to": target}
        relation.update({k: fields[k] for k in RELATION_KEYS if fields.get(k) not in (None, [], {})})
        self.relations[key] = relation
        return relation

    def has_relation(self, source, rtype, target):
        return (source, rtype, target) in self.relations

    def document(self):
        doc = {"title": self.title, "description": self.description}
        doc["sources"] = dict(sorted(self.sources.items()))
        if self.entity_kinds:
            doc["entity_kinds"] = dict(sorted(self.entity_kinds.items()))
        if self.relation_types:
            doc["relation_types"] = dict(sorted(self.relation_types.items()))
        doc["entities"] = [self.entities[k] for k in sorted(self.entities)]
        doc["relations"] = [self.relations[k] for k in sorted(self.relations)]
        if self.views:
            doc["views"] = dict(sorted(self.views.items()))
        return doc


# ---------------------------------------------------------------- YAML writer

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.,()/+'&-]*")
_RESERVED = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}


def _scalar(value, flow=False):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if not isinstance(value, str):
        raise TypeError(f"cannot write {value!r}")
    if (_PLAIN.fullmatch(value) and value.lower() not in _RESERVED
            and not value.endswith(" ") and " #" not in value and not (flow and "," in value)):
        return value
    # A JSON string is a valid YAML double-quoted scalar.
    return json.dumps(value, ensure_ascii=False)


def _flow_list(items):
    return "[" + ", ".join(_scalar(x, flow=True) for x in items) + "]"


def _emit(value, indent, out):
    pad = "  " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            _emit_item(pad + _scalar(key) + ":", item, indent, out)
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                first = True
                for key, sub in item.items():
                    lead = (pad + "- ") if first else (pad + "  ")
                    _emit_item(lead + _scalar(key) + ":", sub, indent + 1, out)
                    first = False
            else:
                out.append(pad + "- " + _scalar(item))
    else:
        raise TypeError(value)


def _folded(text, indent, out, lead, width=88):
    """A long one-line string as a folded block scalar (`>-`), broken at single spaces."""
    pad = "  " * (indent + 1)
    words = text.split(" ")
    out.append(lead + " >-")
    line = ""
    for word in words:
        if line and len(pad) + len(line) + 1 + len(word) > width:
            out.append(pad + line)
            line = word
        else:
            line = (line + " " + word) if line else word
    out.append(pad + line)


def _foldable(value):
    return (isinstance(value, str) and len(value) > 80 and "\n" not in value and "  " not in value
            and value == value.strip() and all(ch.isprintable() for ch in value))


def _emit_item(lead, item, indent, out):
    if _foldable(item):
        _folded(item, indent, out, lead)
    elif isinstance(item, dict):
        out.append(lead)
        _emit(item, indent + 1, out)
    elif isinstance(item, list):
        if item and all(not isinstance(x, (dict, list)) for x in item):
            out.append(lead + " " + _flow_list(item))
        else:
            out.append(lead)
            _emit(item, indent + 1, out)
    else:
        out.append(lead + " " + _scalar(item))


def to_yaml(doc, header_lines):
    out = ["# " + line if line else "#" for line in header_lines]
    _emit(doc, 0, out)
    return "\n".join(out) + "\n"
