"""The build hook that compiles khabar's Cython modules (hatchling runs it for every wheel, an
editable install's too): each .pyx below, and each Python module named in khabar/compiled.py (as it
is), is made a C extension beside its source, where an editable install imports it, and put into
the wheel (not into an editable one). It records in khabar/compiled.json the source each Python
module was compiled from, so that an extension older than its source is never run (khabar/compiled.py).
Needs a C compiler; Cython and setuptools (its compiler driver) come from pyproject's build
requirements. Only what changed since the last build is compiled again."""
from __future__ import annotations

import importlib.util
import json
import os

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

COMPILED = ["khabar/extract/lexicons.pyx", "khabar/extract/viterbi.pyx", "khabar/extract/word_features.pyx",
            "khabar/normalise/fold.pyx", "khabar/rdf/escape.pyx", "khabar/validate/lines.pyx"]
PYTHON_DIRECTIVES = {"language_level": 3,
                     "annotation_typing": False,  # annotations are documentation: `dict` may be a defaultdict
                     "autotestdict": False}  # the docstring examples are collected from the module as they are


def compiled_python(root: str):
    """khabar/compiled.py, read without importing khabar."""
    spec = importlib.util.spec_from_file_location("khabar_compiled", os.path.join(root, "khabar", "compiled.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class CompiledModules(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        from Cython.Build import cythonize
        from setuptools import Distribution

        os.chdir(self.root)
        compiled = compiled_python(self.root)
        sources = {name: name.replace(".", "/") + ".py" for name in compiled.MODULES}
        jobs = os.cpu_count() or 1
        extensions = cythonize(COMPILED, quiet=True, nthreads=jobs) \
            + cythonize(list(sources.values()), quiet=True, nthreads=jobs, compiler_directives=PYTHON_DIRECTIVES)
        command = Distribution({"ext_modules": extensions}).get_command_obj("build_ext")
        command.inplace = True
        command.parallel = jobs
        command.ensure_finalized()
        command.run()
        manifest = os.path.relpath(compiled.MANIFEST, self.root)
        with open(manifest, "w", encoding="utf-8") as f:
            json.dump({name: compiled.source_digest(path) for name, path in sorted(sources.items())}, f, indent=1)
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version == "editable":  # imported from beside its source
            return
        for extension in extensions:
            built = os.path.relpath(command.get_ext_fullpath(extension.name), self.root)
            build_data["force_include"][built] = built
        build_data["force_include"][manifest] = manifest
