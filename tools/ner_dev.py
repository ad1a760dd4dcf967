#!/usr/bin/env python3
"""Score the named-entity recogniser alone on the hand-annotated development sets.

    python tools/ner_dev.py [--shared ../shared]

Every sentence of every article is tagged (khabar tags only around cues, triggers and names; here
the model is judged on its own). Entity-level figures per coarse type (PER, ORG, LOC): a predicted
name is right when its text, in the normal form, is one of the annotated forms of an entity of that
type in the article; an annotated entity is found when some predicted name of its type is one of
its forms.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))

from eval import DEV_SETS, dev_records  # noqa: E402
from khabar.extract.knowledge import load_knowledge  # noqa: E402
from khabar.extract.layout import layout  # noqa: E402
from khabar.extract.recogniser import TYPES, coarse_type, gazetteer_tags, recogniser_for  # noqa: E402
from khabar.model import Article  # noqa: E402
from khabar.normalise import normalise_phrase  # noqa: E402


def score(gold_path: Path, corpus: Path, kb, recogniser) -> dict[str, list[int]]:
    gold = {a["id"]: a for a in json.loads(gold_path.read_text(encoding="utf-8"))["articles"]}
    counts = {t: [0, 0, 0, 0] for t in TYPES}  # right predictions, predictions, entities found, entities
    for rec in dev_records(gold_path, corpus):
        text = rec["title"] + "\n" + rec["content"] if rec.get("title") else rec["content"]
        doc = layout(Article(article_id=rec["url"], text=text, input_name="dev"), kb.boilerplate)
        predicted = recogniser.tag(doc, gazetteer_tags(doc, kb), list(doc.sentence_bounds.values()))
        names = {(normalise_phrase(doc.span(t.first, t.last).text), t.type) for t in predicted}
        forms = {}
        for entity in gold[rec["url"]]["entities"]:
            kind = coarse_type(entity["type"])
            forms[entity["key"]] = (kind, {normalise_phrase(f) for f in entity["ar"]})
        for t in predicted:
            name = normalise_phrase(doc.span(t.first, t.last).text)
            counts[t.type][1] += 1
            counts[t.type][0] += any(kind == t.type and name in fs for kind, fs in forms.values())
        for kind, fs in forms.values():
            counts[kind][3] += 1
            counts[kind][2] += any((f, kind) in names for f in fs)
    return counts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args()
    kb = load_knowledge()
    recogniser = recogniser_for(kb)
    print(f"{'set':10} {'type':5} {'P':>6} {'R':>6} {'F1':>6} {'entities':>9}")
    for name, path in DEV_SETS.items():
        for kind, (right, predicted, found, entities) in score(path, args.shared / "corpora" / "saudinewsnet",
                                                                kb, recogniser).items():
            p, r = right / predicted if predicted else 0.0, found / entities if entities else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            print(f"{name:10} {kind:5} {p:6.3f} {r:6.3f} {f:6.3f} {entities:9d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
