"""What validation reports (Violation) and what it reads (Graph), apart from the engines, so that
naming them loads neither rdflib nor pyshacl (a server or a CLI that does not validate never does)."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import Quad

Graph = Iterable[Quad] | bytes  # quads, or N-Quads text as khabar writes it (every line in a named graph)


@dataclass(frozen=True, slots=True)
class Violation:
    focus: str
    path: str | None
    message: str
    value: str | None = None
    severity: str = "Violation"

    def __str__(self) -> str:
        where = f"{self.focus}" + (f" {self.path}" if self.path else "")
        value = f" (value: {self.value})" if self.value else ""
        return f"{where}: {self.message}{value}"
