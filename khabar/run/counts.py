"""The one place a run is counted: read = mapped + failed, and what the mapped articles hold."""
from __future__ import annotations

from dataclasses import dataclass, field

from khabar.model import Entity, Failure
from khabar.run.article import VALIDATE_STAGE, MappedArticle


@dataclass
class RunCounts:
    """What a run has read and made so far; every item the run yields is counted here, once."""

    read: int = 0
    mapped: int = 0
    failed: int = 0
    nonconforming: int = 0  # articles whose graph breaks the shapes (kept among the mapped, or dropped among the failed)
    quads: int = 0
    statements: int = 0
    entities: dict[str, Entity] = field(default_factory=dict)  # each entity as the first article met it
    event_iris: set[str] = field(default_factory=set)  # an event two articles report is one event

    @property
    def events(self) -> int:
        return len(self.event_iris)

    def count(self, item: MappedArticle | Failure) -> None:
        self.read += 1
        if isinstance(item, Failure):
            self.failed += 1
            self.nonconforming += item.stage == VALIDATE_STAGE
            return
        self.mapped += 1
        self.quads += item.quad_count
        self.event_iris.update(item.events)
        self.statements += item.statements
        self.nonconforming += not item.conforms
        for key, entity in item.entities.items():
            self.entities.setdefault(key, entity)

    def line(self) -> str:
        text = (f"{self.read} read = {self.mapped} mapped + {self.failed} failed; {self.events} events, "
                f"{self.statements} statements, {len(self.entities)} entities, {self.quads} quads")
        if self.nonconforming:
            text += f"; {self.nonconforming} articles do not conform to the shapes"
        return text
