#!/usr/bin/env python3
"""Generates STIX 2.1 bundles for the fault battery and the timing of issue 28
(nothing is committed: the bundles are made when needed).

  gen-stix.py same-pair N OUT     N relationships between the same two objects
  gen-stix.py objects N OUT       N objects: a third intrusion sets, malware and
                                  identities, the rest relationships among them
  gen-stix.py invalid OUT         a bundle with invalid values (confidence -5, a
                                  name that is an object)
"""
import json, random, sys, uuid

def sid(kind, n):
    return f"{kind}--{uuid.UUID(int=random.Random(f'{kind}{n}').getrandbits(128), version=4)}"

def stamp():
    return "2024-01-01T00:00:00.000Z"

def obj(kind, n, **fields):
    return {"type": kind, "spec_version": "2.1", "id": sid(kind, n), "created": stamp(), "modified": stamp(), **fields}

def same_pair(n):
    a = obj("intrusion-set", 0, name="Alpha")
    b = obj("malware", 0, name="Beta", is_family=True)
    rels = [obj("relationship", i, relationship_type="uses", source_ref=a["id"], target_ref=b["id"]) for i in range(n)]
    return [a, b] + rels

def objects(n):
    entities = n // 3
    out = []
    kinds = ["intrusion-set", "malware", "identity"]
    for i in range(entities):
        kind = kinds[i % 3]
        extra = {"is_family": True} if kind == "malware" else {"identity_class": "organization"} if kind == "identity" else {}
        out.append(obj(kind, i, name=f"{kind} {i}", description=f"Generated {kind} number {i}.",
                       external_references=[{"source_name": "gen", "external_id": f"G{i}", "url": f"https://example.org/{i}"}], **extra))
    rng = random.Random(1)
    types = {("intrusion-set", "malware"): "uses", ("intrusion-set", "identity"): "targets", ("malware", "identity"): "targets"}
    for j in range(n - entities):
        while True:
            s, t = out[rng.randrange(entities)], out[rng.randrange(entities)]
            kind = types.get((s["type"], t["type"]))
            if kind: break
        out.append(obj("relationship", j, relationship_type=kind, source_ref=s["id"], target_ref=t["id"],
                       confidence=rng.randrange(101)))
    return out

def invalid():
    a = obj("intrusion-set", 0, name="Alpha")
    b = obj("intrusion-set", 1, name={})
    r = obj("relationship", 0, relationship_type="related-to", source_ref=a["id"], target_ref=b["id"], confidence=-5)
    s = obj("relationship", 1, relationship_type="uses", source_ref=b["id"], target_ref=a["id"], confidence="high")
    return [a, b, r, s]

def main():
    mode = sys.argv[1]
    if mode == "same-pair": objects_ = same_pair(int(sys.argv[2])); path = sys.argv[3]
    elif mode == "objects": objects_ = objects(int(sys.argv[2])); path = sys.argv[3]
    elif mode == "invalid": objects_ = invalid(); path = sys.argv[2]
    else: sys.exit(__doc__)
    with open(path, "w") as f:
        json.dump({"type": "bundle", "id": sid("bundle", 0), "objects": objects_}, f)

main()
