#!/usr/bin/env python3
"""Extraction time against article length: is every stage linear?

For each shape of text (real news run together, and clauses repeated without a stop, the shapes
that once made extraction quadratic), the article is built at doubling lengths and extracted once;
the time is printed with its ratio to the length before. A linear stage doubles (ratio ~2); a
quadratic one quadruples. The baseline is the smallest length, measured in the same run.

    python bench/article_length.py [--corpus DIR] [--sizes 50000,100000,200000,400000,800000]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.extract.knowledge import load_knowledge  # noqa: E402
from khabar.extract.pipeline import extract  # noqa: E402
from khabar.read.records import record_to_article  # noqa: E402

SHAPES = {  # name -> one clause, repeated to the length
    "statements": "وقال وزير الخارجية عادل الجبير إن الوضع مستقر. ",
    "quotes": "وقال الوزير: «الوضع مستقر والأمور جيدة» ",
    "meetings": "التقى خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز الرئيس الأمريكي باراك أوباما في الرياض أمس.\n",
    "calls, no stop": "تلقى الأمير محمد بن سلمان اتصالاً هاتفياً من الرئيس أوباما الثلاثاء المقبل، مؤكداً أن ",
    "one name": "محمد ",
}


def article(content: str):
    record = {"id": "bench", "title": "خبر", "content": content, "url": "http://example.org/bench",
              "date_extracted": "2015-07-21 10:00:00", "source": "bench"}
    return record_to_article(record, "bench", 0)


def news(corpus: Path, size: int) -> str:
    """Real articles of one July day run together, to the length."""
    parts, total = [], 0
    with zipfile.ZipFile(corpus / "2015-07-22.zip") as z:
        for name in z.namelist():
            for record in json.loads(z.read(name)):
                parts.append(record.get("content") or "")
                total += len(parts[-1]) + 1
                if total >= size:
                    return "\n".join(parts)[:size]
    return "\n".join(parts)[:size]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "saudinewsnet")
    ap.add_argument("--sizes", default="50000,100000,200000,400000,800000", help="lengths in characters")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    kb = load_knowledge()
    extract(article("التقى الملك سلمان الرئيس أوباما."), kb)  # the model is loaded once, outside the timings
    shapes = dict(SHAPES)
    if (args.corpus / "2015-07-22.zip").exists():
        shapes = {"news run together": None} | shapes
    print(f"{'shape':<20}" + "".join(f"{n:>14,}" for n in sizes))
    worst = 0.0
    for name, clause in shapes.items():
        cells, before = [], None
        for n in sizes:
            content = news(args.corpus, n) if clause is None else (clause * (n // len(clause) + 1))[:n]
            a = article(content)
            t = time.perf_counter()
            extract(a, kb)
            took = time.perf_counter() - t
            ratio = took / before if before else None
            worst = max(worst, ratio or 0)
            cells.append(f"{took:7.2f}s" + (f" ×{ratio:4.1f}" if ratio else "      "))
            before = took
        print(f"{name:<20}" + "".join(f"{c:>14}" for c in cells), flush=True)
    print(f"worst ratio per doubling: ×{worst:.1f} (linear ~2, quadratic ~4)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
