"""The extraction pipeline: layout -> entities -> dates -> events -> statements."""
from __future__ import annotations

from dataclasses import replace

from khabar.extract.dates import DateFinder
from khabar.extract.entities import find_entities
from khabar.extract.events import add_speakers, drop_reporters, drop_unfilled, find_events, to_events
from khabar.extract.knowledge import Knowledge, load_knowledge
from khabar.extract.layout import layout
from khabar.extract.statements import find_statements
from khabar.model import Article, Extraction


def extract(article: Article, kb: Knowledge | None = None) -> Extraction:
    kb = kb or load_knowledge()
    doc = layout(article, kb.boilerplate)
    ents = find_entities(doc, kb)
    dates = DateFinder(kb).find(doc)
    drafts = find_events(doc, kb, ents, dates)
    statements = find_statements(doc, kb, ents, drafts)
    drop_reporters(doc, kb, ents, drafts, statements)
    add_speakers(doc, kb, ents, drafts, statements)
    renumbered = drop_unfilled(doc, kb, ents, drafts)
    statements = [s if s.during is None else replace(s, during=renumbered[s.during]) for s in statements]
    events = to_events(doc, drafts)
    used = {m.entity for m in ents.found} | {m.entity for m in ents.parts}
    used |= {p for e in events for p in e.participants} | {e.place for e in events if e.place}
    used |= {s.speaker for s in statements} | {s.source for s in statements if s.source}
    entities = {k: v for k, v in sorted(ents.entities.items()) if k in used}
    return Extraction(article=article, entities=entities, mentions=ents.mentions(doc),
                      events=tuple(events), statements=tuple(statements))
