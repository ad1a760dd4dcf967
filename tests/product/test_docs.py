"""The docs say what the code does: the CLI reference is generated from --help and kept in sync,
and the README's first screen gives the two commands."""
import subprocess
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


def test_docstring_examples_run_as_tests():
    """`pytest` (so `make test`) collects every `>>>` example in khabar/ as a test, by the project's
    own configuration: nothing on this command line asks for doctests."""
    with_examples = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "khabar").rglob("*.py")
                           if ">>> " in p.read_text(encoding="utf-8"))
    assert len(with_examples) >= 3
    collected = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                               cwd=ROOT, capture_output=True, text=True, timeout=120).stdout
    doctests = {line.split("::")[0] for line in collected.splitlines() if line.startswith("khabar/")}
    assert sorted(doctests) == with_examples
