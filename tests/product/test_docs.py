"""The docs say what the code does: the CLI reference is generated from --help and kept in sync,
and the README's first screen gives the two commands."""
import sys

from conftest import ROOT


def test_cli_reference_is_up_to_date():
    sys.path.insert(0, str(ROOT / "docs"))
    from make_cli_reference import reference

    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == reference(), "run `make docs`"


def test_readme_first_screen():
    first_screen = "\n".join((ROOT / "README.md").read_text(encoding="utf-8").splitlines()[:25])
    assert "make demo" in first_screen and "make test" in first_screen


def test_every_lexicon_and_gazetteer_file_is_documented():
    readme = (ROOT / "mappers" / "README.md").read_text(encoding="utf-8")
    for path in sorted((ROOT / "mappers").rglob("*.tsv")):
        assert path.name in readme, f"{path.name} is not described in mappers/README.md"
