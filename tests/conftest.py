from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"


def stop_process(process: subprocess.Popen, wait: float = 10) -> None:
    """End a server the tests started: SIGTERM, and SIGKILL if it is still there after `wait` seconds."""
    process.terminate()
    try:
        process.wait(wait)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(wait)


@pytest.fixture
def time_limit(request):
    """Stops the test after its module's TEST_SECONDS, whatever it waits for (a SIGALRM raised in the
    test, in the main thread): use with `pytestmark = pytest.mark.usefixtures("time_limit")`."""
    seconds = request.module.TEST_SECONDS

    def expire(*_):
        raise TimeoutError(f"the test ran past {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return SEEDS


@pytest.fixture(scope="session")
def seeds_nq(tmp_path_factory) -> Path:
    """The seeds mapped once (validated) to N-Quads, shared by the tests that read the graph."""
    from click.testing import CliRunner

    from khabar.cli import cli

    out = tmp_path_factory.mktemp("seeds") / "seeds.nq"
    result = CliRunner().invoke(cli, ["map", str(SEEDS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def write_json(path: Path, value) -> Path:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture
def ex():
    """Extract from a small text: ex("...", published="2015-07-21", source="okaz")."""
    from khabar.extract import extract
    from khabar.model import Article

    def run(text, published=None, source=None):
        return extract(Article("t", text, "t.txt", published=published, source=source))
    return run


# -- the last line of a run says what was skipped, and how to run it ---------------------------------
# Tests that need what pip cannot install (Debian's chromium, rapper from raptor2-utils) or the data in
# ../shared skip themselves with a reason; pytest shows the reasons only in its summary (with -rs).
# The last line of the run counts them and names the command that installs what they need.
_SKIPPED: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _SKIPPED.append(reason.removeprefix("Skipped: "))


def skipped_line(reasons: list[str]) -> str:
    """'N tests skipped: ... run `make system-deps` ...' for the reasons tests gave, or ''."""
    if not reasons:
        return ""
    needs = []
    text = " ".join(reasons).lower()
    if "chromium" in text:
        needs.append("Chromium")
    if "rapper" in text:
        needs.append("rapper")
    if "shared" in text or "corpus" in text or "scorer" in text:
        needs.append("../shared (the corpora and the scorer)")
    others = not needs or any(not any(k in r.lower() for k in ("chromium", "rapper", "shared", "corpus", "scorer"))
                              for r in reasons)
    if others:
        needs.append("see `pytest -rs` for the rest")
    n = len(reasons)
    return (f"{n} test{'s' if n != 1 else ''} skipped (they need {', '.join(needs)}): run `make system-deps` "
            "to install Chromium and rapper, put the shared data at ../shared, then `make test` again")


def pytest_unconfigure(config):
    """Runs after pytest's own summary line, so this is the last line of the run."""
    line = skipped_line(_SKIPPED)
    if line:
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(line, yellow=True, bold=True)
        else:
            print(line)
