#!/usr/bin/env python3
"""Score the extraction on the seeds and on the two development sets, side by side.

The development sets are hand-annotated July SaudiNewsNet records, read from ../shared/corpora by
their url (the corpus is not copied into the project): `tests/data/dev-gold.json` (diplomacy
articles) and `tests/data/dev-random.json` (articles drawn at random from whole days, so that what
the extraction invents counts). Prints one table with the targets of the extraction issue.

    python tools/eval.py [--shared ../shared] [--out out/eval]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV_SETS = {"diplomacy": ROOT / "tests" / "data" / "dev-gold.json", "random": ROOT / "tests" / "data" / "dev-random.json"}
TARGETS = {  # measure: (seeds, unseen real articles)
    "statements_f1": (0.80, 0.65), "events_f1": (0.75, 0.60), "entities_f1": (0.75, 0.60),
    "linking_precision": (0.95, 0.95), "linking_recall": (0.80, 0.60),
    "statement_kind_accuracy": (0.90, 0.85), "dates_accuracy": (0.80, 0.75),
}


def dev_records(gold_path: Path, corpus: Path) -> list[dict]:
    wanted = {a["id"] for a in json.loads(gold_path.read_text(encoding="utf-8"))["articles"]}
    found = {}
    for path in sorted(corpus.glob("2015-07-*.zip")):
        with zipfile.ZipFile(path) as archive:
            for member in archive.namelist():
                for rec in json.loads(archive.read(member)):
                    if rec.get("url") in wanted and rec["url"] not in found:
                        found[rec["url"]] = rec
    missing = wanted - set(found)
    if missing:
        print(f"eval: {len(missing)} dev articles not found in {corpus}", file=sys.stderr)
    return [found[u] for u in sorted(found)]


def score(graph: Path, gold: Path, evaluator: Path) -> dict:
    out = subprocess.run([sys.executable, str(evaluator), str(graph), str(gold), "--json"],
                         check=True, capture_output=True, text=True).stdout
    sys.path.insert(0, str(evaluator.parent))
    from evaluate import flat  # the scorer's own flattening

    return flat(json.loads(out))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "out" / "eval")
    args = ap.parse_args()
    evaluator = args.shared / "tools" / "evaluate.py"
    if not evaluator.exists():
        print(f"eval: {evaluator} not found; nothing to score", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    khabar = [sys.executable, "-m", "khabar.cli"]
    columns = {}
    subprocess.run(khabar + ["map", str(ROOT / "seeds"), "-o", str(args.out / "seeds.nq"), "-q", "--no-validate"], check=False)
    columns["seeds"] = score(args.out / "seeds.nq", args.shared / "gold" / "seeds.json", evaluator)
    corpus = args.shared / "corpora" / "saudinewsnet"
    for name, gold in DEV_SETS.items():
        if gold.exists() and corpus.exists():
            records = dev_records(gold, corpus)
            (args.out / f"{name}.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
            subprocess.run(khabar + ["map", str(args.out / f"{name}.json"), "-o", str(args.out / f"{name}.nq"), "-q",
                                     "--no-validate"], check=False)
            columns[name] = score(args.out / f"{name}.nq", gold, evaluator)
    print(f"{'measure':26}" + "".join(f"{c:>10}" for c in columns) + "   target seeds / real")
    for name, (t_seed, t_real) in TARGETS.items():
        print(f"{name:26}" + "".join(f"{columns[c][name]:10.3f}" for c in columns) + f"   {t_seed:.2f} / {t_real:.2f}")
    for name in ("statements_detect_f1", "events_precision", "events_recall", "statements_precision",
                 "statements_recall", "dates_recall"):
        print(f"{name:26}" + "".join(f"{columns[c][name]:10.3f}" for c in columns))
    return 0


if __name__ == "__main__":
    sys.exit(main())
