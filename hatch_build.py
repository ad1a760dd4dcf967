"""The build hook that compiles khabar's Cython modules (hatchling runs it for every wheel, an
editable install's too): each .pyx below is made a C extension beside its source, where an
editable install imports it, and put into the wheel (not into an editable one). Needs a C
compiler; Cython and setuptools (its compiler driver) come from pyproject's build requirements."""
from __future__ import annotations

import os

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

COMPILED = ["khabar/extract/viterbi.pyx"]


class CompiledModules(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        from Cython.Build import cythonize
        from setuptools import Distribution

        os.chdir(self.root)
        extensions = cythonize(COMPILED, quiet=True)
        command = Distribution({"ext_modules": extensions}).get_command_obj("build_ext")
        command.inplace = True
        command.ensure_finalized()
        command.run()
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        if version == "editable":  # imported from beside its source
            return
        for extension in extensions:
            built = os.path.relpath(command.get_ext_fullpath(extension.name), self.root)
            build_data["force_include"][built] = built
