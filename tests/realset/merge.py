#!/usr/bin/env python3
"""Merge the per-collector tables in parts/ into SOURCES.tsv and entities.tsv.

entities.tsv: one row per entity name; kinds must agree, Wikidata ids and
aliases from every row of that name are combined. Run from anywhere.
"""
import collections
import glob
import os
import re
import sys
import unicodedata

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

# One thing, one row: a row whose name is another row's label (the same
# person under an English and a Russian name) is folded into the earlier
# row, and the gold files are rewritten to the earlier name.
def norm(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("ё", "е")
    s = re.sub(r"[«»\"“”„'’`()\[\],.:;!?-]", " ", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s[4:] if s.startswith("the ") else s

names = list(ents)
parent = {n: n for n in names}

def find(n):
    while parent[n] != n:
        parent[n] = parent[parent[n]]
        n = parent[n]
    return n

by_name = {}
for n in names:
    by_name.setdefault((norm(n), ents[n]["kind"]), n)
for n in names:
    for a in ents[n]["aliases"]:
        m = by_name.get((norm(a), ents[n]["kind"]))
        if m and find(m) != find(n):
            a_root, b_root = find(m), find(n)
            first, second = sorted([a_root, b_root], key=names.index)
            parent[second] = first
canon = {n: find(n) for n in names}
merged = collections.OrderedDict()
for n in names:
    c = canon[n]
    e = merged.setdefault(c, {"kind": ents[c]["kind"], "qid": ents[c]["qid"], "aliases": []})
    e["qid"] = e["qid"] or ents[n]["qid"]
    for a in ([n] if n != c else []) + ents[n]["aliases"]:
        if a != c and a not in e["aliases"]:
            e["aliases"].append(a)
with open(os.path.join(here, "entities.tsv"), "w", encoding="utf-8") as out:
    out.write("# name\tkind\twikidata\taliases (| separated)\n")
    for name, e in merged.items():
        out.write(f"{name}\t{e['kind']}\t{e['qid']}\t{'|'.join(e['aliases'])}\n")

renamed = 0
for gold in sorted(glob.glob(os.path.join(here, "*", "gold", "*.tsv"))):
    lines = open(gold, encoding="utf-8").read().split("\n")
    out = []
    for line in lines:
        c = line.split("\t")
        if c[0] == "E" and len(c) > 1:
            c[1] = canon.get(c[1], c[1])
        elif c[0] == "R" and len(c) > 3:
            c[1] = canon.get(c[1], c[1])
            if c[2] != "hasRole":
                c[3] = canon.get(c[3], c[3])
        elif c[0] == "O" and len(c) > 2:
            c[2] = ";".join(
                r.split("=", 1)[0] + "=" + canon.get(r.split("=", 1)[1], r.split("=", 1)[1])
                for r in c[2].split(";")
            )
        out.append("\t".join(c))
    if out != lines:
        renamed += 1
        open(gold, "w", encoding="utf-8").write("\n".join(out))
print(f"{sum(1 for n in names if canon[n] != n)} names folded, {renamed} gold files rewritten")
print(f"{len(rows)} sources, {len(ents)} entities, {problems} kind conflicts")
