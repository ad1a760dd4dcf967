"""The layout shows the flow: the folders of khabar/ in the order articles go through them, each
importing only from those before it; a handful of modules loose at the top; the README's layout
lists every folder; the tests mirror the code tree."""
from __future__ import annotations

import re
from pathlib import Path

from conftest import ROOT
from test_imports import import_graph

FLOW = ["read", "normalise", "extract", "rdf", "validate", "formats", "run", "stores", "graph", "html", "serve",
        "report"]
LOOSE = {"__init__", "api", "cli", "compiled", "errors", "model", "resources"}


def folders(under: Path) -> list[str]:
    """The folders under `under` that are part of the project: not hidden (but .ci), not made by a
    build, a run or a test (.gitignore)."""
    made = {"build", "dist", "out", "__pycache__"}
    return [p.name for p in under.iterdir() if p.is_dir() and p.name not in made and not p.name.endswith(".egg-info")
            and (not p.name.startswith(".") or p.name == ".ci")]


def layout_section() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return readme.split("\n## Layout\n", 1)[1].split("\n## ", 1)[0]


def test_the_packages_of_khabar_are_the_flow():
    packages = sorted(p.parent.name for p in (ROOT / "khabar").glob("*/__init__.py"))
    assert packages == sorted(FLOW)
    assert {p.stem for p in (ROOT / "khabar").glob("*.py")} == LOOSE


def test_each_package_imports_only_from_those_before_it_in_the_flow():
    def package(module: str) -> str | None:
        parts = module.split(".")
        return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in FLOW) else None

    upward = [f"{module} imports {named}" for module, imports in import_graph().items() for named in imports
              if package(module) in FLOW and package(named) in FLOW
              and FLOW.index(package(named)) > FLOW.index(package(module))]
    assert upward == []


def test_the_readme_layout_lists_every_folder_in_the_flows_order():
    section = layout_section()
    listed = re.findall(r"^ *([.\w]+)/ ", section, flags=re.M)
    for folder in folders(ROOT) + folders(ROOT / "khabar"):
        assert folder in listed, f"the README's layout does not list {folder}/"
    assert [name for name in listed if name in FLOW] == FLOW
    for module in LOOSE - {"__init__"}:
        assert f"{module}.py" in section, f"the README's layout does not name khabar/{module}.py"


def test_the_tests_mirror_the_code_tree():
    for package in FLOW:
        assert list((ROOT / "tests" / package).glob("test_*.py")), f"no tests/{package}/test_*.py"
