#!/usr/bin/env python3
"""Pick development articles from the July SaudiNewsNet files, reproducibly.

    python tools/pick_dev.py --shared ../shared --random 32 --diplomacy 14 --seed 2015 --exclude-day 2015-07-27

Random articles are drawn uniformly from every record of the July days (the audit day excluded),
keeping those of 40-600 words (longer ones are too long to annotate by hand; shorter ones are
captions). Diplomacy articles are those of 120-700 words with a diplomacy trigger and three topic
words, not already in tests/data/dev-gold.json. Prints one JSON line per pick: set, day, url.
"""
from __future__ import annotations

import argparse
import json
import random
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TRIGGERS = ("اتصال هاتفي", "اتصالا هاتفيا", "اتصالاً هاتفياً", "استقبل", "التقى", "اجتماع", "مباحثات",
            "زيارة", "قمة", "مؤتمر صحفي", "مؤتمر صحافي")
TOPICS = ("وزير الخارجية", "خادم الحرمين", "إيران", "روسيا", "اليمن", "سوريا", "مصر", "الأمم المتحدة",
          "الرئيس", "ولي العهد", "واشنطن", "السفير", "العراق", "تركيا")


def records(shared: Path, exclude: str):
    for path in sorted((shared / "corpora" / "saudinewsnet").glob("2015-07-*.zip")):
        if path.stem == exclude:
            continue
        with zipfile.ZipFile(path) as archive:
            for member in sorted(archive.namelist()):
                for rec in json.loads(archive.read(member)):
                    yield path.stem, rec


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--random", type=int, default=32)
    ap.add_argument("--diplomacy", type=int, default=14)
    ap.add_argument("--seed", type=int, default=2015)
    ap.add_argument("--exclude-day", default="2015-07-27")
    args = ap.parse_args()
    taken = set()
    for name in ("dev-gold.json", "dev-random.json"):
        path = ROOT / "tests" / "data" / name
        if path.exists():
            taken |= {a["id"] for a in json.loads(path.read_text(encoding="utf-8"))["articles"]}
    recs, seen = [], set()
    for day, rec in records(args.shared, args.exclude_day):
        if rec.get("url") in seen:
            continue
        seen.add(rec.get("url"))
        recs.append((day, rec))
    rng = random.Random(args.seed)
    order = list(range(len(recs)))
    rng.shuffle(order)
    picked = 0
    for i in order:
        day, rec = recs[i]
        words = len(((rec.get("title") or "") + " " + (rec.get("content") or "")).split())
        if picked < args.random and 40 <= words <= 600 and rec["url"] not in taken:
            print(json.dumps({"set": "random", "day": day, "url": rec["url"]}, ensure_ascii=False))
            taken.add(rec["url"])
            picked += 1
    picked = 0
    for i in order:
        day, rec = recs[i]
        text = (rec.get("title") or "") + "\n" + (rec.get("content") or "")
        words = len(text.split())
        if picked < args.diplomacy and 120 <= words <= 700 and rec["url"] not in taken \
                and any(t in text for t in TRIGGERS) and sum(t in text for t in TOPICS) >= 3:
            print(json.dumps({"set": "diplomacy", "day": day, "url": rec["url"]}, ensure_ascii=False))
            taken.add(rec["url"])
            picked += 1


if __name__ == "__main__":
    main()
