"""The Python modules of the extraction's hot path, run compiled where they can be.

`make install` (hatch_build.py) compiles each module named here, as it is, with Cython into a C
extension beside its source (about an eighth off the time to map an article), and records in
compiled.json the SHA-256 of each source it compiled. Python imports an extension before a source
of the same name, so after an edit the extension built from the older source would run in its
place: the finder installed here (by khabar/__init__.py, before any of them is imported) loads an
extension only when its source is still the one it was built from, and the source otherwise.
A module may declare compiled classes in a NAME.pxd beside it (their fields in the objects
themselves; part of what its extension is built from), and another's NAME.pxd may `cimport` them
to read those fields from C: its extension then runs only where theirs do.
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
    """The SHA-256 of a module's source and of the declarations beside it (NAME.pxd: the compiled
    classes' fields and methods), which its extension was built from together."""
    path = Path(path)
    digest = hashlib.sha256(path.read_bytes())
    declarations = path.with_suffix(".pxd")
    if declarations.exists():
        digest.update(b"\0" + declarations.read_bytes())
    return digest.hexdigest()


def cimported(source: Path) -> list[str]:
    """The modules whose compiled classes a module's extension is built against (the `cimport`s of its
    NAME.pxd): it runs only beside their extensions, which it checks as it is imported."""
    declarations = source.with_suffix(".pxd")
    if not declarations.exists():
        return []
    return [line.split()[1] for line in declarations.read_text(encoding="utf-8").splitlines()
            if line.startswith("from khabar.") and " cimport " in line]


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
        self._current: dict[str, bool] = {}  # module -> its extension may run

    def find_spec(self, name, path, target=None):
        if name not in MODULES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or not spec.origin or not spec.origin.endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES)):
            return spec
        source = Path(spec.origin).with_name(name.rpartition(".")[2] + ".py")
        if source.exists() and not self.current(name, source):
            return importlib.util.spec_from_file_location(name, source)  # edited since the build, or built against one that was
        return spec

    def current(self, name: str, source: Path) -> bool:
        """The extension of `name` was built from `source` as it is now, and so were the extensions of
        the modules whose classes it was built against (each of them runs as its extension too)."""
        found = self._current.get(name)
        if found is None:
            if self._built is None:
                self._built = built_from()
            self._current[name] = False  # (no cycles among cimports; this ends one all the same)
            found = self._built.get(name) == source_digest(source)
            for other in cimported(source) if found else ():
                root = source.parents[name.count(".")]  # the folder the package is in
                found = found and self.current(other, root.joinpath(*other.split(".")).with_suffix(".py"))
            self._current[name] = found
        return found


def install() -> None:
    if not any(isinstance(finder, CurrentExtensionsOnly) for finder in sys.meta_path):
        sys.meta_path.insert(0, CurrentExtensionsOnly())


def running_compiled() -> list[str]:
    """The modules of MODULES imported so far that run as extensions."""
    return [name for name in MODULES if name in sys.modules
            and str(getattr(sys.modules[name], "__file__", "")).endswith(tuple(importlib.machinery.EXTENSION_SUFFIXES))]
