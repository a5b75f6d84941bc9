#!/usr/bin/env python3
"""Fits a copied page body to the text recorded in SOURCES.tsv.

    python3 tests/realset/fit.py STEM COPIED.txt [OUT_DIR]

A page copied from a stored web copy carries page chrome (menus, bylines,
photo credits, "Read also" lines, indents) and may stop mid-sentence. The
recorded text is the article body: an optional ` date YYYY-MM-DD` first line,
the body's lines, cut at its last full sentence. This tries those layouts
(dropping up to ten short lines, collapsing blank lines, trimming indents and
trailing spaces, cutting at each sentence end) and writes the variant whose
SHA-256 matches to PART/corpus/STEM.txt (or OUT_DIR/STEM.txt)."""
import hashlib
import itertools
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
if len(sys.argv) not in (3, 4):
    sys.exit(__doc__)
stem, path = sys.argv[1], sys.argv[2]
rows = [l.rstrip('\n').split('\t') for l in open(f'{here}/SOURCES.tsv', encoding='utf-8')
        if not l.startswith('#')]
row = next((r for r in rows if r[0] == stem), None)
if row is None:
    sys.exit(f'fit.py: no stem {stem!r} in SOURCES.tsv')
part, date, want = row[1], row[4], row[6]
out_dir = sys.argv[3] if len(sys.argv) == 4 else f'{here}/{part}/corpus'
raw = open(path, encoding='utf-8').read().strip('\n')

# Spellings of the copied text before lines are dropped.
starts = {raw}
m = re.match(r' ?date (\S+)(?: (https?://\S+))?[ \t]*\n*', raw)
if m:
    starts |= {raw[m.end():], f' date {m.group(1)}\n' + raw[m.end():]}
for s in list(starts):
    starts.add('\n'.join(l.rstrip() for l in s.split('\n')))
    starts.add('\n'.join(l.strip() for l in s.split('\n')))
prefixes = ['']
if date and date != '-':
    prefixes += [f' date {date}\n', f' date {date}\n\n', f' date {date} ']

def found(text):
    os.makedirs(out_dir, exist_ok=True)
    with open(f'{out_dir}/{stem}.txt', 'w', encoding='utf-8') as f:
        f.write(text)
    print(f'OK {stem} -> {out_dir}/{stem}.txt')
    sys.exit(0)

seen = set()
for start in starts:
    for joiner in (None, '\n\n', '\n'):
        text = start if joiner is None else re.sub(r'\n{2,}', joiner, start)
        lines = re.findall(r'[^\n]+\n*', text)
        short = [k for k, l in enumerate(lines) if len(l.strip()) < 130][:10]
        for r in range(len(short) + 1):
            for drop in itertools.combinations(short, r):
                body = ''.join(l for k, l in enumerate(lines) if k not in drop).rstrip('\n')
                if body in seen:
                    continue
                seen.add(body)
                ends = [len(body)] + [e for e in range(len(body) - 1, len(body) // 4, -1)
                                      if body[e - 1] in '.!?»"”)']
                for e in ends:
                    for p in prefixes:
                        for s in ('', '\n'):
                            t = p + body[:e] + s
                            if hashlib.sha256(t.encode('utf-8')).hexdigest() == want:
                                found(t)
print(f'NO MATCH {stem}: {len(seen)} layouts tried; compare the copy with the page')
sys.exit(1)
