"""Run before the tests are collected (the root of both testpaths, tests/ and khabar/)."""
import os

# The docstring examples of khabar/ are collected from each module's source file, and the modules of
# khabar/compiled.py are imported as C extensions beside it: pytest would stop at that difference
# ("import file mismatch"). The examples then run against what khabar runs, compiled.
os.environ["PY_IGNORE_IMPORTMISMATCH"] = "1"
