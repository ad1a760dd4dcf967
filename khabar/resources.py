"""The one place that finds the project's data: ontology/, shapes/, mappers/, queries/.

In a checkout they sit beside the package; in an installed wheel they are copied into
``khabar/_data``.
"""
from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"khabar data folder {name!r} not found beside the package")


def ontology_path() -> Path:
    return data_dir("ontology") / "khabar.ttl"


def shapes_path() -> Path:
    return data_dir("shapes") / "khabar.ttl"


def mappers_path(*parts: str) -> Path:
    """mappers/ (gazetteers and lexicons); KHABAR_MAPPERS names another folder of the same layout."""
    custom = os.environ.get("KHABAR_MAPPERS")
    return (Path(custom) if custom else data_dir("mappers")).joinpath(*parts)


def queries_path(*parts: str) -> Path:
    return data_dir("queries").joinpath(*parts)
