#!/usr/bin/env python3
"""Train the named-entity recogniser (mappers/models/ner.crfsuite) from NewsFANE Gold; `make model`.

    python mappers/build_ner.py [--newsfane ../shared/corpora/newsfane] [--out mappers/models/ner.crfsuite]

NewsFANE's tokens are clitic-segmented (و ب ل ك ف stand alone, and so do ه ها هم ...); khabar tags
words as they are written, so the clitics are joined back to their word first (ل + الرئيس -> للرئيس),
the sentence is laid out as an article would be, and each word takes the label of the NewsFANE token
it starts in. The 50 fine classes fold into PER, ORG and LOC (NewsFANE's README lists which; Group,
Book, Movie and the like are O). Every tenth sentence is held out: the script prints precision,
recall and F1 per type on it, then trains the shipped model on all sentences. Same data, same bytes.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from khabar.extract.knowledge import load_knowledge  # noqa: E402
from khabar.extract.layout import layout  # noqa: E402
from khabar.extract.recogniser import TYPES, WORDS_NOT_NAMES, Features, gazetteer_tags, spans  # noqa: E402
from khabar.model import Article  # noqa: E402

COARSE = {
    "PER": "Politician Athlete Artist Other_PER Religious_PER Scientist Businessperson Lawyer Engineer Police",
    "ORG": "Government Non-Governmental Media Sports Commercial Educational Religious_ORG",
    "LOC": "Nation Population-Center State-or-Province County-or-District Continent GPE-Cluster Water-Body Land "
           "Land-Region-Natural Building-Grounds Airport Path Subarea-Facility",
}
FINE_TO_COARSE = {fine: coarse for coarse, fines in COARSE.items() for fine in fines.split()}
PROCLITICS = {"و", "ف", "ب", "ل", "ك", "ال"}
ENCLITICS = {"ه", "ها", "هم", "هما", "هن", "كم", "كما", "نا", "ي", "ني"}
PARAMS = {"c1": 0.05, "c2": 0.01, "max_iterations": 150, "feature.possible_transitions": True,
          "feature.minfreq": 2}


def read_newsfane(path: Path) -> list[list[tuple[str, str]]]:
    """Sentences of (token, coarse BIO label)."""
    sentences, current = [], []
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        parts = line.split("\t")
        token = parts[0].replace("\u200e", "").replace("\ufeff", "").strip()
        if not token or len(parts) < 2:
            if current:
                sentences.append(current)
            current = []
            continue
        tag, _, fine = parts[-1].strip().partition("-")
        coarse = FINE_TO_COARSE.get(fine)
        current.append((token, f"{tag}-{coarse}" if coarse and tag in "BI" else "O"))
    if current:
        sentences.append(current)
    return sentences


def join_clitics(sentence: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Clitic tokens joined back to their word, as the word is written; the word keeps its label."""
    out: list[tuple[str, str]] = []
    pending = ""
    for token, label in sentence:
        if token in PROCLITICS:
            pending += token
            continue
        if pending:
            token = ("لل" + token[2:]) if pending.endswith("ل") and token.startswith("ال") else pending + token
            pending = ""
        elif token in ENCLITICS and out and out[-1][0][-1:].isalpha():
            out[-1] = (out[-1][0] + token, out[-1][1])
            continue
        out.append((token, label))
    if pending:
        out.append((pending, "O"))
    return out


def sequences(sentences, kb) -> list[tuple[list[list[str]], list[str]]]:
    """Each sentence as khabar lays out an article: its words' features and labels."""
    features = Features(kb)
    out = []
    for number, sentence in enumerate(sentences):
        pieces = join_clitics(sentence)
        text, owner = "", []
        for k, (token, _) in enumerate(pieces):
            if text:
                text += " "
                owner.append(-1)
            text += token
            owner.extend([k] * len(token))
        doc = layout(Article(article_id=f"newsfane-{number}", text=text, input_name="newsfane"), [])
        if not doc.words:
            continue
        labels, last_owner = [], None
        for i in range(len(doc.words)):
            k = owner[doc.starts[i]]
            label = pieces[k][1]
            if k == last_owner and label != "O":
                label = "I-" + label[2:]  # one NewsFANE token cut into several words (د.ب.ا)
            labels.append(label)
            last_owner = k
        doc.skip = [False] * len(doc.words)
        feats = features.sentence(doc, 0, len(doc.words), gazetteer_tags(doc, kb))
        out.append((feats, labels))
    return out


def words_not_names(data, least: int = 3, share: float = 0.9) -> dict[str, int]:
    """Words NewsFANE's annotators left out of names at least `share` of the `least` or more times
    they wrote them (كيف، مالية، ترأس): a gazetteer name spelt like one links only where the
    recogniser tags it. Word (with its clitics removed) -> how often it was seen."""
    seen, outside = Counter(), Counter()
    for feats, labels in data:
        for own, label in zip(feats, labels):
            word = own[1][2:]  # "s=" + the stem
            seen[word] += 1
            outside[word] += label == "O"
    return {w: n for w, n in sorted(seen.items()) if n >= least and outside[w] >= share * n}


def train(data, model: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False, algorithm="lbfgs")
    for feats, labels in data:
        trainer.append(feats, labels)
    trainer.set_params(PARAMS)
    trainer.train(str(model))


def score(data, model: Path) -> dict[str, tuple[int, int, int]]:
    """Per type: (true positives, predicted, gold), exact spans."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    counts = {t: [0, 0, 0] for t in TYPES}
    for feats, labels in data:
        gold = set(spans(labels))
        predicted = set(spans(tagger.tag(feats)))
        for span in predicted:
            counts[span.type][1] += 1
            counts[span.type][0] += span in gold
        for span in gold:
            counts[span.type][2] += 1
    return {t: tuple(c) for t, c in counts.items()}


def report(counts: dict[str, tuple[int, int, int]]) -> str:
    lines = [f"{'type':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}"]
    total = [sum(c[k] for c in counts.values()) for k in range(3)]
    for name, (tp, pred, gold) in [*counts.items(), ("all", tuple(total))]:
        p, r = tp / pred if pred else 0.0, tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        lines.append(f"{name:6} {p:6.3f} {r:6.3f} {f:6.3f} {gold:6d}")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--newsfane", type=Path, default=ROOT.parent / "shared" / "corpora" / "newsfane")
    ap.add_argument("--out", type=Path, default=ROOT / "mappers" / "models" / "ner.crfsuite")
    ap.add_argument("--no-heldout", action="store_true", help="skip the held-out score")
    args = ap.parse_args()
    source = args.newsfane / "NewsFANE_Gold_2014_170K.txt"
    if not source.exists():
        print(f"build_ner: {source} not found", file=sys.stderr)
        return 2
    kb = load_knowledge(str(ROOT / "mappers"))
    data = sequences(read_newsfane(source), kb)
    labels = Counter(label for _, ls in data for label in ls)
    print(f"{len(data)} sentences, {sum(labels.values())} words; {dict(sorted(labels.items()))}")
    if not args.no_heldout:
        train_part = [d for k, d in enumerate(data) if k % 10 != 9]
        held_out = [d for k, d in enumerate(data) if k % 10 == 9]
        with tempfile.TemporaryDirectory() as tmp:
            model = Path(tmp) / "heldout.crfsuite"
            train(train_part, model)
            print("held-out NewsFANE (every tenth sentence), exact spans:")
            print(report(score(held_out, model)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    train(data, args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size:,} bytes)")
    words = args.out.with_name(WORDS_NOT_NAMES)
    lines = [f"{w}\t{n}\n" for w, n in words_not_names(data).items()]
    words.write_text("# word - normal-form words that NewsFANE Gold (CC BY-SA 3.0; see NOTICE.md) leaves out of names at least\n"
                     "# 9 times in 10 of 3 or more: a one-word gazetteer name spelt like one links only where the recogniser\n"
                     "# tags it. Built by mappers/build_ner.py.\nword\tseen\n" + "".join(lines), encoding="utf-8")
    print(f"wrote {words} ({len(lines):,} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
