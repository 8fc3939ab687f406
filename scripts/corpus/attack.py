"""MITRE ATT&CK: threat groups and the software they use.

Enterprise ATT&CK is read from a mirror of github.com/mitre/cti at the v18.1 commit
(enterprise-attack/{intrusion-set,malware,tool,relationship}/*.json: the one-file
bundle is over the mirror's 4 MiB limit); ATT&CK for ICS from the shared data
folder (the same v18.1 commit). Revoked and deprecated objects are left out.

Each `uses` relation quotes ATT&CK's own sentence for it, with the Markdown links
reduced to their text and the "(Citation: ...)" markers dropped. The relationship
objects' `created` date is when ATT&CK recorded the use, not when it happened, so
it is not used as a date.

Subsets (deterministic; ties broken by name, case-insensitively):
- 12 groups / tools: ATT&CK `tool` objects only. A group's score is how many tools
  it uses that three or more groups use; the 12 highest-scoring groups are kept,
  with the tools that three or more of those 12 use.
- 40 groups / software: malware and tools. A group's score is how many pieces of
  software it uses that two or more groups use; the 40 highest are kept, with the
  software that two or more of those 40 use.
- groups and shared software: every group that uses a piece of software used by
  two or more groups, and all such software.
- ICS: every ICS group and campaign that uses ICS software, that software, and
  which group each campaign is attributed to.
"""

import json
import re
from collections import Counter, defaultdict

from common import Network, MissingInput, slug
from inputs import GitSource, shared_file

ATTACK_LICENSE = ("© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission "
                  "of The MITRE Corporation (ATT&CK terms of use: copies must carry MITRE's copyright "
                  "designation and license; see github.com/mitre/cti LICENSE.txt)")
ATTACK_VERSION = "v18.1"

_LINK = re.compile(r"\[([^\]]*)\]\((?:https?://)[^)]*\)")
_CITATION = re.compile(r"\s*\(Citation:[^)]*\)")


def _quote(text):
    text = _LINK.sub(r"\1", text or "")
    text = _CITATION.sub("", text)
    text = re.sub(r"<code>|</code>", "", text)
    return re.sub(r"\s+", " ", text).strip()


def _alive(obj):
    return not obj.get("revoked") and not obj.get("x_mitre_deprecated")


def _attack_id(obj):
    for ref in obj.get("external_references", []):
        if ref.get("source_name") in ("mitre-attack", "mitre-ics-attack") and ref.get("external_id"):
            return ref["external_id"], ref.get("url")
    return None, None


class Attack:
    """The objects of one ATT&CK domain that the converters use."""

    def __init__(self, objects, domain):
        self.domain = domain
        self.objects = {o["id"]: o for o in objects if _alive(o)}
        self.relations = [o for o in self.objects.values() if o["type"] == "relationship"
                          and o["source_ref"] in self.objects and o["target_ref"] in self.objects]

    def of_type(self, *types):
        return {k: o for k, o in self.objects.items() if o["type"] in types}

    def uses(self, source_types, target_types):
        """source id -> {target id -> relationship object}."""
        out = defaultdict(dict)
        for r in self.relations:
            if (r["relationship_type"] == "uses" and self.objects[r["source_ref"]]["type"] in source_types
                    and self.objects[r["target_ref"]]["type"] in target_types):
                out[r["source_ref"]][r["target_ref"]] = r
        return out


_ENTERPRISE = None


def enterprise():
    global _ENTERPRISE
    if _ENTERPRISE is None:
        repo = GitSource("mitre/cti")
        objects = []
        for folder in ("intrusion-set", "malware", "tool", "relationship"):
            for bundle in repo.json_folder(f"enterprise-attack/{folder}"):
                objects.extend(bundle["objects"])
        _ENTERPRISE = (Attack(objects, "enterprise"), repo)
    return _ENTERPRISE


def _name_key(obj):
    return (obj["name"].lower(), obj["name"])


def _new_network(name, title, description, origin, domain_title):
    net = Network(name, title, description)
    net.origin = origin
    net.license = ATTACK_LICENSE
    net.license_short = "© MITRE; ATT&CK terms of use (reproduction with notice)"
    net.source("mitre-attack", title=f"{domain_title} {ATTACK_VERSION}", author="The MITRE Corporation",
               publisher="MITRE (github.com/mitre/cti)", date="2025-11", url="https://attack.mitre.org/")
    net.kind("malware", label="malware",
             description="Malicious software, as ATT&CK classes it (a STIX malware object).")
    net.kind("tool", label="tool",
             description="Legitimate or dual-use software used by attackers (a STIX tool object).")
    net.relation_types["uses"] = {
        "label": "uses", "description": "ATT&CK reports that the group (or campaign) has used the software.",
        "direction": "directed", "from": ["group", "event"], "to": ["malware", "tool"]}
    return net


def _add(net, attack, obj, kind):
    """Adds one group, campaign or piece of software; its id is the slug of its name
    (with the kind appended if another kind already has that slug)."""
    eid = slug(obj["name"])
    if eid in net.entities:
        eid = f"{eid}-{kind}"
    attack_id, url = _attack_id(obj)
    aliases = obj.get("aliases") or obj.get("x_mitre_aliases") or []
    aliases = sorted(set(a for a in aliases if a != obj["name"]))
    fields = {}
    if kind == "event":
        for key, field in (("first_seen", "since"), ("last_seen", "until")):
            if obj.get(key):
                fields[field] = obj[key][:7]      # ATT&CK dates campaigns to the month
    net.entity(eid, kind, obj["name"], aliases=aliases, url=url,
               external_ids=_ids(obj["id"], attack_id), sources=["mitre-attack"], **fields)
    return eid


def _ids(stix_id, attack_id=None):
    ids = {"stix": stix_id}
    if attack_id:
        ids["other"] = f"ATT&CK {attack_id}"
    return ids


def _uses(net, source_id, target_id, rel):
    net.relation(source_id, "uses", target_id, confidence="reported", external_ids=_ids(rel["id"]),
                 claims=[{"source": "mitre-attack", "quote": _quote(rel.get("description"))}]
                 if _quote(rel.get("description")) else [{"source": "mitre-attack"}])


def _kind(obj):
    return "malware" if obj["type"] == "malware" else "tool"


def _groups_and_software(name, title, description, group_count, min_users, software_types, subset):
    attack, repo = enterprise()
    groups = attack.of_type("intrusion-set")
    uses = attack.uses({"intrusion-set"}, set(software_types))
    users = Counter(s for g, used in uses.items() for s in used)
    shared = {s for s, n in users.items() if n >= min_users}
    ranked = sorted(groups, key=lambda g: (-len(set(uses.get(g, {})) & shared), _name_key(groups[g])))
    chosen = ranked[:group_count] if group_count else [g for g in ranked if set(uses.get(g, {})) & shared]
    chosen_users = Counter(s for g in chosen for s in uses.get(g, {}))
    software = {s for s, n in chosen_users.items() if n >= min_users}
    chosen = [g for g in chosen if set(uses.get(g, {})) & software]

    net = _new_network(name, title, description, repo.url("enterprise-attack"), "MITRE ATT&CK Enterprise")
    net.subset = subset
    ids = {}
    for g in sorted(chosen, key=lambda g: _name_key(groups[g])):
        ids[g] = _add(net, attack, groups[g], "group")
    for s in sorted(software, key=lambda s: _name_key(attack.objects[s])):
        ids[s] = _add(net, attack, attack.objects[s], _kind(attack.objects[s]))
    for g in chosen:
        for s, rel in uses[g].items():
            if s in software:
                _uses(net, ids[g], ids[s], rel)
    return net


def twelve_groups_tools():
    net = _groups_and_software(
        "attack-12-groups-tools",
        "Twelve ATT&CK threat groups and the tools three or more of them use",
        "From MITRE ATT&CK Enterprise v18.1: the twelve threat groups that use the most "
        "tools (ATT&CK `tool` objects: legitimate or dual-use software) that three or more "
        "groups use, and the tools that three or more of these twelve use. Each relation "
        "quotes ATT&CK's sentence for it. Shape: bipartite, groups × tools, dense.",
        12, 3, ("tool",),
        "12 groups with most uses of tools ≥3 groups use (ties by name); tools ≥3 of them use")
    net.shape = "bipartite, dense (groups × tools)"
    return net


def forty_groups_software():
    net = _groups_and_software(
        "attack-40-groups-software",
        "Forty ATT&CK threat groups and the software two or more of them use",
        "From MITRE ATT&CK Enterprise v18.1: the forty threat groups that use the most "
        "software (malware and tools) that two or more groups use, and the software that "
        "two or more of these forty use. Each relation quotes ATT&CK's sentence for it. "
        "Shape: bipartite, groups × software, with hubs (common tools).",
        40, 2, ("malware", "tool"),
        "40 groups with most uses of software ≥2 groups use (ties by name); software ≥2 of them use")
    net.shape = "bipartite with hubs"
    return net


def groups_shared_software():
    net = _groups_and_software(
        "attack-groups-shared-software",
        "ATT&CK threat groups and all the software they share",
        "From MITRE ATT&CK Enterprise v18.1: every piece of software (malware or tool) "
        "that two or more threat groups use, and every group that uses one. Each relation "
        "quotes ATT&CK's sentence for it. Meant for multi-page (atlas) drawing. Shape: large "
        "bipartite network with hubs and many small groups at the edge.",
        0, 2, ("malware", "tool"),
        "all software ≥2 groups use, and every group using one")
    net.shape = "large bipartite (atlas)"
    return net


def ics_groups_software():
    path = shared_file("stix/mitre-ics-attack/ics-attack.json")
    try:
        bundle = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise MissingInput(f"a readable {path} ({error})")
    attack = Attack(bundle["objects"], "ics")
    net = _new_network(
        "attack-ics-groups-software",
        "ATT&CK for ICS: groups, campaigns and their software",
        "From MITRE ATT&CK for ICS v18.1: every group and campaign that ATT&CK says used "
        "ICS software, that software, and the group each campaign is attributed to. "
        "Campaigns are events dated to the month from ATT&CK's first and last seen. "
        "Shape: many small components (stars), a forest.",
        "https://github.com/mitre/cti/blob/421deacb77191b38bdd1bf63268954e93da91365/ics-attack/ics-attack.json",
        "MITRE ATT&CK for ICS")
    net.local = "shared/data/stix/mitre-ics-attack/ics-attack.json"
    net.shape = "forest of small stars"
    net.subset = "groups and campaigns using ICS software, that software, campaign attributions"
    uses = attack.uses({"intrusion-set", "campaign"}, {"malware", "tool"})
    attributed = [r for r in attack.relations if r["relationship_type"] == "attributed-to"
                  and attack.objects[r["source_ref"]]["type"] == "campaign"
                  and attack.objects[r["target_ref"]]["type"] == "intrusion-set"]
    actors = set(uses)
    actors |= {r["target_ref"] for r in attributed if r["source_ref"] in actors}
    software = {s for used in uses.values() for s in used}
    ids = {}
    for a in sorted(actors, key=lambda a: _name_key(attack.objects[a])):
        obj = attack.objects[a]
        ids[a] = _add(net, attack, obj, "group" if obj["type"] == "intrusion-set" else "event")
    for s in sorted(software, key=lambda s: _name_key(attack.objects[s])):
        ids[s] = _add(net, attack, attack.objects[s], _kind(attack.objects[s]))
    for a, used in uses.items():
        for s, rel in used.items():
            _uses(net, ids[a], ids[s], rel)
    for r in attributed:
        if r["source_ref"] in actors:
            quote = _quote(r.get("description"))
            net.relation(ids[r["target_ref"]], "perpetrated", ids[r["source_ref"]], confidence="reported",
                         note="ATT&CK attributes the campaign to the group", external_ids=_ids(r["id"]),
                         claims=[{"source": "mitre-attack", "quote": quote}] if quote else [{"source": "mitre-attack"}])
    return net
