"""A run's folder in TMPDIR: removed when the run ends, and, when the run was killed, by the next run
(but never while its run lives)."""
from __future__ import annotations

import signal
import subprocess
import sys
import tempfile

import pytest

from khabar.run.folder import RUN_FOLDER, run_folder

HOLD = """
import sys, time
from khabar.run.folder import run_folder
with run_folder() as folder:
    (folder / "results.pickle").write_bytes(b"x" * 1000)
    print(folder, flush=True)
    time.sleep(600)
"""


@pytest.fixture
def temporary(tmp_path, monkeypatch):
    """TMPDIR, for this process and the runs it starts."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _holding_run():
    """A process inside a run folder (a run under way), and its folder."""
    from pathlib import Path

    proc = subprocess.Popen([sys.executable, "-c", HOLD], stdout=subprocess.PIPE, text=True)
    return proc, Path(proc.stdout.readline().strip())


def test_the_folder_is_removed_when_the_run_ends_even_with_an_error(temporary):
    with run_folder() as folder:
        assert folder.parent == temporary and folder.name.startswith(RUN_FOLDER)
        (folder / "results.pickle").write_bytes(b"x")
    assert not folder.exists()
    with pytest.raises(RuntimeError), run_folder() as folder:
        (folder / "results.pickle").write_bytes(b"x")
        raise RuntimeError("the run failed")
    assert not list(temporary.iterdir())


@pytest.mark.skipif(sys.platform == "win32", reason="flocks are POSIX")
def test_the_next_run_removes_a_killed_runs_folder_and_leaves_a_live_ones(temporary):
    killed, killed_folder = _holding_run()
    live, live_folder = _holding_run()
    try:
        killed.send_signal(signal.SIGKILL)
        killed.wait(10)
        assert killed_folder.is_dir() and live_folder.is_dir()  # nothing removes it at once
        with run_folder() as mine:
            assert not killed_folder.exists(), "the killed run's folder is left"
            assert (live_folder / "results.pickle").read_bytes() == b"x" * 1000, "a live run's folder was touched"
        assert sorted(temporary.iterdir()) == [live_folder]
        live.send_signal(signal.SIGTERM)  # (not a clean exit either: its folder stays ...)
        live.wait(10)
        with run_folder():
            pass
        assert not list(temporary.iterdir())  # (... until the next run)
    finally:
        for proc in (killed, live):
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    assert not mine.exists()


@pytest.mark.skipif(sys.platform == "win32", reason="flocks are POSIX")
def test_only_run_folders_are_removed_and_a_link_is_not_followed(temporary, tmp_path):
    """Others' files in TMPDIR stay; a link named like a run folder is removed, not what it points to."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious").write_text("keep me")
    (temporary / f"{RUN_FOLDER}planted").symlink_to(elsewhere, target_is_directory=True)
    (temporary / "someone-elses").mkdir()
    with run_folder():
        pass
    assert (elsewhere / "precious").read_text() == "keep me"
    assert sorted(p.name for p in temporary.iterdir()) == ["someone-elses"]
