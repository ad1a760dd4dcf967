from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_nq(tmp_path_factory) -> Path:
    """The seeds mapped once (validated) to N-Quads, shared by the tests that read the graph."""
    from click.testing import CliRunner

    from khabar.cli import cli

    out = tmp_path_factory.mktemp("seeds") / "seeds.nq"
    result = CliRunner().invoke(cli, ["map", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def write_json(path: Path, value) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def ex():
    """Extract from a small text: ex("...", published="2015-07-21", source="okaz")."""
    from khabar.extract import extract
    from khabar.model import Article

    def run(text, published=None, source=None):
        return extract(Article("t", text, "t.txt", published=published, source=source))
    return run
