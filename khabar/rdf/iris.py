"""Stable IRIs from content: same input, same IRIs, whatever the order or machine.

- an article from its id: the id itself when it is a short safe name, else a hash of it;
- an entity linked to Wikidata from its Q-id, a gazetteer entity from its key, any other from its
  type and normalised name;
- an event from its type, date and sorted participants (plus the article when undated, since
  undated events cannot be told apart across articles);
- a statement and a mention from their article and offsets.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from khabar.model import Entity, Event

DEFAULT_BASE = "https://w3id.org/khabar/id/"
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def _digest(text: str, size: int = 16) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


@lru_cache(maxsize=1024)  # asked for by every mention and statement of an article
def article_slug(article_id: str) -> str:
    if _SAFE_ID.fullmatch(article_id):
        return article_id
    return "h" + _digest(article_id)


# each byte as a name's slug writes it: itself where a URI needs no escape (RFC 3986's unreserved
# characters), else percent-encoded: urllib.parse.quote(..., safe="_-.")'s output, without its
# interpreted loop (the entities graph of a run slugs every entity's name once more)
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")
_PERCENT = [chr(b) if b in _UNRESERVED else f"%{b:02X}" for b in range(256)]


@lru_cache(maxsize=16384)  # asked for by every mention of an entity, article after article
def name_slug(name: str) -> str:
    percent = _PERCENT
    return "".join([percent[b] for b in "_".join(name.split()).encode("utf-8")])


class IriScheme:
    def __init__(self, base: str = DEFAULT_BASE):
        if not re.match("^[a-zA-Z][a-zA-Z0-9+.-]*:[^\\s<>\"{}|\\\\^`\x00-\x1f\x7f\u200e\u200f\u202a-\u202e\u2066-\u2069]*$", base):
            raise ValueError(f"not a usable base IRI: {base!r}")
        self.base = base if base.endswith(("/", "#")) else base + "/"

    def article(self, article_id: str) -> str:
        return f"{self.base}article/{article_slug(article_id)}"

    def graph(self, article_id: str) -> str:
        return f"{self.base}graph/{article_slug(article_id)}"

    @property
    def entities_graph(self) -> str:
        return f"{self.base}graph/entities"

    def entity(self, entity: Entity) -> str:
        if entity.qid:
            return f"{self.base}entity/{entity.qid}"
        kind, _, name = entity.key.partition(":")
        if name:  # minted from a name: "person:فلان الفلاني"
            return f"{self.base}{kind}/{name_slug(name)}"
        return f"{self.base}entity/{name_slug(entity.key)}"

    def event(self, event: Event, article_id: str, entity_iris: list[str]) -> str:
        date = event.date.lexical if event.date else "undated"
        key = "|".join(sorted(entity_iris))
        if event.date is None:
            key += "|" + article_id
        return f"{self.base}event/{event.type}/{date}/{_digest(key)}"

    def statement(self, article_id: str, begin: int, end: int, speaker_number: int = 1) -> str:
        """A statement: its article and the offsets of what was said; the same words said by
        several (one statement for each party of "أكدا") are told apart by the speaker's number
        after the first, in the order of their keys (…/120-180, …/120-180/2)."""
        iri = f"{self.base}statement/{article_slug(article_id)}/{begin}-{end}"
        return iri if speaker_number == 1 else f"{iri}/{speaker_number}"

    def mention(self, article_id: str, begin: int, end: int) -> str:
        return f"{self.base}mention/{article_slug(article_id)}/{begin}-{end}"
