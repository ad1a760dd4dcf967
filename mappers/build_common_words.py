#!/usr/bin/env python3
"""Rebuild lexicons/common_words.tsv from SaudiNewsNet zips: normal-form words that occur in at least
MIN_DF articles, minus the given names of lexicons/given_names.tsv.

    python mappers/build_common_words.py ../shared/corpora/saudinewsnet/2015-07-*.zip
"""
import json
import sys
import zipfile
from collections import Counter
from pathlib import Path

from khabar.normalise import normalise, normalise_phrase

MIN_DF = 40
HERE = Path(__file__).resolve().parent


def main(paths: list[str]) -> None:
    df: Counter = Counter()
    docs = 0
    for path in sorted(paths):
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                for rec in json.loads(archive.read(member)):
                    text = (rec.get("title") or "") + "\n" + (rec.get("content") or "")
                    df.update({w for w in normalise(text).tokens().words if not w.isdigit()})
                    docs += 1
    names = set()
    for line in (HERE / "lexicons" / "given_names.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip() and not line.startswith("#") and line.strip() != "name":
            names.update(normalise_phrase(line.split("\t")[0].strip()))  # the name column
    words = sorted(w for w, n in df.items() if n >= MIN_DF and w not in names and len(w) > 1)
    out = HERE / "lexicons" / "common_words.tsv"
    with out.open("w", encoding="utf-8") as handle:
        handle.write(f"# word — normal-form words found in at least {MIN_DF} of {docs:,} SaudiNewsNet articles "
                     "(the July 2015 files),\n# minus given names (given_names.tsv): words that do not start "
                     "an unknown person's name; df: in how many articles.\n# Rebuilt by mappers/build_common_words.py.\nword\tdf\n")
        handle.writelines(f"{w}\t{df[w]}\n" for w in words)
    print(f"{len(words)} words from {docs} articles -> {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
