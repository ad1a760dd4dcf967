#!/usr/bin/env python3
"""Write docs/ontology.html: the ontology's documentation by pyLODE 3.3.4 (`make docs`; needs khabar[docs]).

`khabar serve` ships this file and serves it at /ontology, so serving needs no pyLODE. pyLODE's own
quirks are fixed here: its <title> takes a concept scheme's Arabic label, and <html> has no lang.
Its list order and blank-node ids vary between runs; `normalised` gives a form that does not.
"""
from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology" / "khabar.ttl"
OUTPUT = ROOT / "docs" / "ontology.html"
TITLE = "khabar ontology: diplomacy news"


def build(ontology: Path = ONTOLOGY) -> str:
    logging.disable(logging.INFO)  # pyLODE logs each background ontology it loads
    from pylode.profiles.ontpub import OntPub

    html = OntPub(ontology=str(ontology)).make_html()
    html = re.sub(r"<title>.*?</title>", f"<title>{TITLE}</title>", html, count=1, flags=re.S)
    return html.replace("<html>", '<html lang="en">', 1)


def normalised(html: str) -> list[str]:
    """The page's lines, sorted, with blank-node ids blanked: equal for two builds of the same ontology."""
    html = re.sub(r"_:[A-Za-z0-9]+", "_:b", html)
    return sorted(line.strip() for line in html.splitlines() if line.strip())


if __name__ == "__main__":
    OUTPUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}", file=sys.stderr)
