"""The modules khabar/compiled.py names run compiled once installed, never from an extension older
than their source, and give the same bytes as their sources."""
import shutil
import subprocess
import sys
from pathlib import Path

from khabar import compiled

ROOT = Path(__file__).resolve().parent.parent
REPORT = "import khabar.extract.pipeline, khabar.rdf.quads, khabar.validate.fast, khabar.compiled as c; print(*c.running_compiled())"


def copy_of_khabar(tmp_path: Path) -> Path:
    """The installed package (its extensions and compiled.json included) copied, with its data beside it."""
    shutil.copytree(ROOT / "khabar", tmp_path / "khabar", ignore=shutil.ignore_patterns("__pycache__", "*.c"))
    for data in ("mappers", "shapes", "ontology", "queries"):
        (tmp_path / data).symlink_to(ROOT / data)
    return tmp_path


def run_in(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """Python run in `folder` (first on its path), importing khabar from there."""
    return subprocess.run([sys.executable, *args], cwd=folder, env={"PYTHONPATH": str(folder), "PATH": "/usr/bin:/bin"},
                          capture_output=True, text=True, check=True)


def test_installed_the_modules_run_compiled():
    """`make install` compiled every module named, and each runs as its extension (a build that
    compiled nothing, or a manifest that does not match, would leave khabar at its old speed)."""
    out = run_in(ROOT, "-c", REPORT)
    assert out.stdout.split() == list(compiled.MODULES)


def test_a_module_edited_since_the_build_runs_from_its_source(tmp_path):
    """Python prefers an extension to a source of the same name: after an edit, the extension
    built from the older source must not run in its place."""
    folder = copy_of_khabar(tmp_path)
    entities = folder / "khabar" / "extract" / "entities.py"
    entities.write_text(entities.read_text(encoding="utf-8") + "\nEDITED = True\n", encoding="utf-8")
    out = run_in(folder, "-c", REPORT + "; import sys; e = sys.modules['khabar.extract.entities']; print(e.EDITED, e.__file__)")
    running, edited = out.stdout.splitlines()
    # statements' extension was built against entities' compiled classes (statements.pxd cimports
    # them): it runs from its source too, and the others stay compiled
    assert running.split() == [m for m in compiled.MODULES if m not in ("khabar.extract.entities",
                                                                        "khabar.extract.statements")]
    assert edited == f"True {entities}"


def test_edited_declarations_run_their_module_and_those_built_against_it_from_source(tmp_path):
    """A module's NAME.pxd (its compiled classes' fields) is part of what its extension was built
    from: after an edit of layout.pxd, layout runs from its source, and so do entities and statements,
    whose extensions were built against layout's Doc (they would refuse the source's class); mapping
    still works and gives the compiled bytes."""
    folder = copy_of_khabar(tmp_path)
    declarations = folder / "khabar" / "extract" / "layout.pxd"
    declarations.write_text(declarations.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert run_in(folder, "-c", REPORT).stdout.split() == [
        m for m in compiled.MODULES if m not in ("khabar.extract.layout", "khabar.extract.entities", "khabar.extract.statements")]
    outputs = []
    for where in (ROOT, folder):
        output = tmp_path / f"{where.name}.nq"
        run_in(where, "-m", "khabar.cli", "map", str(ROOT / "seeds"), "-o", str(output), "-q")
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1] and len(outputs[0]) > 100_000


def test_the_declared_classes_are_compiled():
    """The classes declared in the .pxd files beside the modules run as compiled classes: their
    fields are the objects' own (no instance dictionary lookup), as the speed of the rules needs."""
    from khabar.extract.entities import EntityResult, _Finder
    from khabar.extract.knowledge import Knowledge
    from khabar.extract.layout import Doc
    from khabar.extract.matcher import PhraseMatcher
    from khabar.extract.statements import _StatementFinder
    from khabar.validate.fast import NodeCheck, PropertyCheck

    for cls, field in ((Doc, "words"), (Knowledge, "entities"), (EntityResult, "found"), (_Finder, "doc"),
                       (_StatementFinder, "doc"), (PropertyCheck, "path"), (NodeCheck, "properties"),
                       (PhraseMatcher, "surface")):
        assert type(cls.__dict__.get(field)).__name__ == "getset_descriptor", (cls, field)  # a field of the C object


def test_compiled_and_source_map_the_seeds_to_the_same_bytes(tmp_path):
    """With no record of what was compiled (compiled.json gone), every module runs from its source;
    the graph of the seeds, validated, is byte for byte the compiled one's."""
    folder = copy_of_khabar(tmp_path)
    (folder / "khabar" / "compiled.json").unlink()
    assert run_in(folder, "-c", REPORT).stdout.split() == []
    outputs = []
    for name, where in (("compiled", ROOT), ("source", folder)):
        output = tmp_path / f"{name}.trig"
        run_in(where, "-m", "khabar.cli", "map", str(ROOT / "seeds"), "-o", str(output), "-q")
        outputs.append(output.read_bytes())
    assert outputs[0] == outputs[1] and len(outputs[0]) > 100_000
