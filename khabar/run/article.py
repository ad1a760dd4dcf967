"""One article mapped: extracted, turned into its named graph (sorted N-Quads) and checked
against the shapes; what every executor does to each article, in whatever process it runs."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from pyoxigraph import Quad

from khabar import __version__
from khabar.run.deadline import ArticleTimeout, within
from khabar.errors import KhabarError, OutputError
from khabar.extract import extract
from khabar.extract.knowledge import load_knowledge
from khabar.model import Article, Entity, Failure
from khabar.rdf import article_graph, entity_descriptions, event_iris, read_nquads
from khabar.run.settings import RunSettings
from khabar.validate import Violation

MAP_STAGE, VALIDATE_STAGE = "map", "validate"  # Failure.stage of an article that failed being mapped, checked


@dataclass(frozen=True)
class MappedArticle:
    """An article's named graph and what the run counts of it.

    entities: the entities it names, by key, for the run's entities graph; with the process-pool
    executor, only those its worker had not handed over with an earlier article (each is sent once
    a worker), else all of them. violations: how its graph breaks the shapes (empty: it conforms,
    or was not validated)."""

    input_name: str
    record_index: int | None
    nquads: bytes = field(repr=False)  # the article's graph, sorted N-Quads
    quad_count: int
    entities: dict[str, Entity] = field(repr=False)
    events: tuple[str, ...]  # the IRIs of its events
    statements: int
    violations: tuple[Violation, ...] = ()

    @property
    def conforms(self) -> bool:
        return not self.violations

    @cached_property
    def quads(self) -> list[Quad]:
        return read_nquads(self.nquads)


_WARM_UP = Article("warm-up", "قال الرئيس الروسي فلاديمير بوتين إن الحوار مع فرنسا ضروري.", "<warm-up>")


def prepare_extraction() -> None:
    """Make now what extraction makes on first use (the knowledge, the recogniser: about half a
    second), so that it is not counted in the first article's time budget."""
    extract(_WARM_UP)


class ArticleMapper:
    """Maps articles under a run's settings, the IRI scheme and the validator made once.

    Called with an article, gives its MappedArticle or, when its mapping raised, ran out of time or
    (with nonconforming="drop") its graph breaks the shapes, a Failure; it raises only a KhabarError
    that no article can get past (the mappers folder's recogniser model cannot be read), so the run
    stops with one message."""

    def __init__(self, settings: RunSettings) -> None:
        from khabar import validate  # looked up now, so that a test may stand in for the validator

        self.settings = settings
        self.iris = settings.iris
        self.check = validate.validator(settings.engine) if settings.engine else None
        self.fatal: KhabarError | None = None
        try:
            prepare_extraction()  # not in the first article's time budget
        except KhabarError as exc:  # raised at the first article, so that a run that maps none still ends well
            self.fatal = exc

    def __call__(self, article: Article) -> MappedArticle | Failure:
        if self.fatal is not None:
            raise self.fatal
        try:
            mapped = self.map(article)
        except OutputError:
            raise
        except Exception as exc:  # an extraction bug must not lose the other articles
            reason = str(exc) if isinstance(exc, ArticleTimeout) else f"mapping failed: {type(exc).__name__}: {exc}"
            return Failure(article.input_name, article.record_index, reason, MAP_STAGE)
        if mapped.violations and self.settings.nonconforming == "drop":
            return Failure(article.input_name, article.record_index,
                           f"does not conform to the shapes: {mapped.violations[0]}", VALIDATE_STAGE)
        return mapped

    def map(self, article: Article) -> MappedArticle:
        """Extract, build the article's quads and check them (with the entity descriptions they
        use) against the shapes. Raises ArticleTimeout past the settings' article_timeout (see
        khabar.run.deadline for how it is enforced), and whatever extraction raises."""
        settings, iris = self.settings, self.iris
        try:
            with within(settings.article_timeout) as deadline:
                extraction = extract(article)
                deadline.check()
                nquads, quad_count = article_graph(extraction, iris, __version__, settings.generated_at, settings.text)
                events = tuple(event_iris(extraction, iris))
                deadline.check()
                violations = ()
                if self.check is not None:
                    violations = tuple(self.check(nquads + entity_descriptions(extraction.entities, iris)))
        except ArticleTimeout:
            # stopped wherever it was: what extraction keeps from one article to the next may be half
            # made, so it is made afresh (rare, and about half a second)
            load_knowledge.cache_clear()
            prepare_extraction()
            raise
        return MappedArticle(article.input_name, article.record_index, nquads, quad_count,
                             extraction.entities, events, len(extraction.statements), violations)
