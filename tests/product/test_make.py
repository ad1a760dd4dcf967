"""What `make test` tells a newcomer: the tests it skipped, and `make system-deps` to run them."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys

from conftest import ROOT


def test_make_system_deps_installs_what_ci_installs():
    dry = subprocess.run(["make", "-n", "system-deps"], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert dry.returncode == 0, dry.stderr
    assert "apt-get install" in dry.stdout and "chromium" in dry.stdout and "raptor2-utils" in dry.stdout
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make system-deps" in ci and "apt-get" not in ci  # one place says what the system needs


def test_last_line_of_a_run_counts_the_skipped_tests_and_says_how_to_run_them(tmp_path):
    """A run in a copy of tests/conftest.py, with two tests that skip as the browser and rapper tests
    do on a machine without them, and one that passes."""
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_needs.py").write_text(
        "import pytest\n"
        "@pytest.mark.skipif(True, reason='Debian chromium is not installed at /usr/bin/chromium')\n"
        "def test_browser(): pass\n"
        "def test_rapper(): pytest.skip('rapper is not installed: apt-get install raptor2-utils')\n"
        "def test_plain(): pass\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = [ln for ln in done.stdout.splitlines() if ln.strip()]
    assert re.search(r"1 passed, 2 skipped", lines[-2]), lines[-3:]
    last = lines[-1]
    assert last.startswith("2 tests skipped"), last
    assert "Chromium" in last and "rapper" in last and "make system-deps" in last

    (tmp_path / "test_needs.py").unlink()
    (tmp_path / "test_plain.py").write_text("def test_plain(): pass\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "skipped" not in done.stdout  # nothing to say when nothing was skipped
