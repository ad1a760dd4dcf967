"""What a mapping run is asked to do, in one frozen (and picklable: workers get a copy) value."""
from __future__ import annotations

from dataclasses import dataclass

from khabar.errors import KhabarError
from khabar.rdf import DEFAULT_BASE, IriScheme
from khabar.read.limits import DEFAULT_LIMITS, ReadLimits
from khabar.validate import ENGINES

# What an article whose graph does not conform to the shapes becomes: "keep" (in the output, counted
# as mapped and as not conforming, each violation reported; the CLI exits 1) or "drop" (left out, a
# Failure of stage "validate", counted as failed). Keep is the default of the CLI and the API alike:
# a graph that breaks a shape is usually one wrong fact among many right ones, better seen than lost.
NONCONFORMING = ("keep", "drop")
TEXTS = ("full", "none")


@dataclass(frozen=True)
class RunSettings:
    """Everything about how articles are mapped, whichever executor maps them.

    base: the base IRI of minted resources; engine: the SHACL engine ("fast" or "pyshacl"; None:
    no validation); nonconforming: see NONCONFORMING; text: whether each graph holds its article's
    text ("full") or not ("none"); generated_at: an xsd:dateTime recorded as prov:generatedAtTime
    (None: none, so the same input gives the same bytes); limits: what one input may cost the
    reader; article_timeout: seconds to map one article, past which it fails (None: no limit).
    """

    base: str = DEFAULT_BASE
    engine: str | None = ENGINES[0]
    nonconforming: str = NONCONFORMING[0]
    text: str = TEXTS[0]
    generated_at: str | None = None
    limits: ReadLimits = DEFAULT_LIMITS
    article_timeout: float | None = None

    def __post_init__(self) -> None:
        try:
            IriScheme(self.base)
        except ValueError as exc:
            raise KhabarError(str(exc)) from None
        for name, value, known in (("engine", self.engine, (None, *ENGINES)),
                                   ("nonconforming", self.nonconforming, NONCONFORMING), ("text", self.text, TEXTS)):
            if value not in known:
                raise KhabarError(f"unknown {name} {value!r}; known: {', '.join(str(k) for k in known)}")

    @property
    def iris(self) -> IriScheme:
        return IriScheme(self.base)
