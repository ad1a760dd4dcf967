"""A khabar graph as five flat tables (events, statements, entities, mentions, articles) for
spreadsheets and data frames: CSV (optionally with a byte order mark for Excel), Parquet or pandas.

The columns are documented in docs/tables.md. Cells that hold several values are joined with
``" | "`` (SEPARATOR); rows are sorted, so the same graph always gives the same bytes.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from khabar.errors import KhabarError
from khabar.formats import atomic_output
from khabar.graph.rows import GraphRows

if TYPE_CHECKING:  # pragma: no cover
    import pandas

SEPARATOR = " | "
COLUMNS: dict[str, tuple[str, ...]] = {
    "events": ("iri", "type", "date", "participants", "place", "article", "participants_ar", "place_ar", "trigger",
               "article_title"),
    "statements": ("iri", "speaker", "speaker_ar", "kind", "speech_act", "text", "cue", "source", "article",
                   "begin", "end", "source_ar", "published", "newspaper", "article_title"),
    "entities": ("iri", "type", "label_ar", "label_en", "wikidata"),
    "mentions": ("article", "entity", "begin", "end", "anchor", "entity_ar", "article_title"),
    "articles": ("iri", "article_id", "published", "newspaper", "url", "title"),
}
INTEGER_COLUMNS = {"begin", "end"}
TABLE_FORMATS = ("csv", "parquet")


def _join(values: Iterable[str | None]) -> str:
    return SEPARATOR.join(v for v in values if v)


def table_rows(kg: GraphRows) -> dict[str, list[tuple]]:
    """The five tables as lists of tuples in the order of COLUMNS, sorted. Beside every IRI of an
    entity or an article is its label or title, so a table reads without joining."""
    entities = list(kg.entities())
    articles = list(kg.articles())
    article = {a.iri: a for a in articles}

    def titles(iris):
        return _join(article[i].title if i in article else None for i in iris)

    events = [(e.iri, e.type, e.date or "", _join(e.participants), _join(e.places), _join(e.articles),
               _join(e.participant_labels), _join(e.place_labels), _join(e.triggers), titles(e.articles))
              for e in kg.events()]
    statements = []
    for s in kg.statements():
        a = article.get(s.article or "")
        statements.append((s.iri, s.speaker, s.speaker_label or "", s.kind, s.speech_act or "", s.text, s.cue or "",
                           s.source or "", s.article or "", s.begin, s.end, s.source_label or "",
                           (a.published or "") if a else "", (a.newspaper or "") if a else "",
                           (a.title or "") if a else ""))
    return {
        "events": events,
        "statements": statements,
        "entities": [(e.iri, e.type or "", e.label_ar or "", e.label_en or "", e.wikidata or "") for e in entities],
        "mentions": [(m.article, m.entity, m.begin, m.end, m.anchor, m.entity_label or "", titles([m.article]))
                     for m in kg.mentions()],
        "articles": [(a.iri, a.article_id, a.published or "", a.newspaper or "", a.url or "", a.title or "")
                     for a in articles],
    }


def csv_bytes(columns: Iterable[str], rows: Iterable[tuple], excel: bool = False) -> bytes:
    """CSV in UTF-8 (with a byte order mark when `excel`, so that Excel reads the Arabic right)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n" if excel else "\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return out.getvalue().encode("utf-8-sig" if excel else "utf-8")


def _pyarrow():
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise KhabarError("Parquet needs pyarrow: pip install 'khabar[tables]' (or use --format csv)") from None
    return pyarrow


def _arrow_table(name: str, rows: list[tuple]):
    pa = _pyarrow()
    columns = COLUMNS[name]
    arrays = {c: [r[i] for r in rows] for i, c in enumerate(columns)}
    schema = pa.schema([(c, pa.int64() if c in INTEGER_COLUMNS else pa.string()) for c in columns])
    return pa.Table.from_pydict(arrays, schema=schema)


def write_tables(kg: GraphRows, folder: str | Path, fmt: str = "csv", excel: bool = False) -> list[Path]:
    """Write events, statements, entities, mentions and articles as `fmt` (csv or parquet) into `folder`;
    `excel` adds a byte order mark (and CRLF line ends) to the CSV files. Returns the paths."""
    if fmt not in TABLE_FORMATS:
        raise KhabarError(f"unknown table format {fmt!r}; known: {', '.join(TABLE_FORMATS)}")
    if excel and fmt != "csv":
        raise KhabarError("--excel applies to CSV only")
    if fmt == "parquet":
        _pyarrow()
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise KhabarError(f"{folder} is a file, not a folder")
    written = []
    for name, rows in table_rows(kg).items():
        path = folder / f"{name}.{fmt}"
        with atomic_output(path) as handle:
            if fmt == "csv":
                handle.write(csv_bytes(COLUMNS[name], rows, excel))
            else:
                import pyarrow.parquet as pq

                pq.write_table(_arrow_table(name, rows), handle)
        written.append(path)
    return written


def to_frames(kg: GraphRows) -> dict[str, pandas.DataFrame]:
    """The five tables as pandas DataFrames (begin and end as nullable integers)."""
    try:
        import pandas as pd
    except ImportError:
        raise KhabarError("data frames need pandas: pip install 'khabar[tables]'") from None
    frames = {}
    for name, rows in table_rows(kg).items():
        frame = pd.DataFrame.from_records(rows, columns=list(COLUMNS[name]))
        for column in INTEGER_COLUMNS & set(frame.columns):
            frame[column] = frame[column].astype("Int64")
        frames[name] = frame
    return frames
