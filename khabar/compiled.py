"""The Python modules of the extraction's hot path, run compiled where they can be.

`make install` (hatch_build.py) compiles each module named here, as it is, with Cython into a C
extension beside its source (about an eighth off the time to map an article), and records in
compiled.json the SHA-256 of each source it compiled. Python imports an extension before a source
of the same name, so after an edit the extension built from the older source would run in its
place: the finder installed here (by khabar/__init__.py, before any of them is imported) loads an
extension only when its source is still the one it was built from, and the source otherwise.
Nothing changes but the speed: the same input gives the same bytes out either way
(tests/test_compiled.py). Without a build (a source checkout on the path) every module is its source.
"""
from __future__ import annotations

import hashlib
import importlib.machinery
import importlib.util
import json
import sys
from pathlib import Path

MODULES = ("khabar.normalise.arabic", "khabar.extract.knowledge", "khabar.extract.matcher", "khabar.extract.layout",
           "khabar.extract.recogniser", "khabar.extract.entities", "khabar.extract.dates", "khabar.extract.events",
           "khabar.extract.statements", "khabar.rdf.iris", "khabar.rdf.quads", "khabar.validate.fast")
MANIFEST = Path(__file__).with_name("compiled.json")  # module -> the SHA-256 of the source its extension was built from


def source_digest(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def built_from() -> dict[str, str]:
    """What the installed extensions were built from (none: no build)."""
    try:
        return json.loads(MANIFEST.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


class CurrentExtensionsOnly:
    """A finder for sys.meta_path (importlib.abc.MetaPathFinder's protocol; importing importlib.abc
    would cost each khabar command 20 ms) of the modules of MODULES: the extension where it was built
    from the source beside it, else that source."""

    def __init__(self) -> None:
        self._built: dict[str, str] | None = None

    def find_spec(self, name, path, target=None):
        if name not in MODULES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not spec.origin or not spec.origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
            return spec
        source = Path(spec.origin).with_name(name.rpartition(".")[2] + ".py")
        if self._built is None:
            self._built = built_from()
        if source.exists() and self._built.get(name) != source_digest(source):
            return importlib.util.spec_from_file_location(name, source)  # edited since the build
        return spec


def install() -> None:
    if not any(isinstance(finder, CurrentExtensionsOnly) for finder in sys.meta_path):
        sys.meta_path.insert(0, CurrentExtensionsOnly())


def running_compiled() -> list[str]:
    """The modules of MODULES imported so far that run as extensions."""
    return [name for name in MODULES if name in sys.modules
            and str(getattr(sys.modules[name], "__file__", "")).endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))]
