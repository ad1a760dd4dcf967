"""Hostile input to `khabar map` (issue 16, items 10 to 14): each bad input or article fails on its
own, named in the errors report, and the run goes on; nothing stalls the run or takes the memory;
a full disk stops the run with a message and its own exit status, the previous output intact; the
outputs honour the umask; the offsets mean what the README says.

The runs are real `khabar map` processes, held to 512 MB of address space (RLIMIT_AS) and a time
limit, with the byte and character limits lowered to show that they work on small inputs."""
from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import ROOT

from khabar.cli import cli

SEEDS = ROOT / "seeds"
GOOD = "قال الرئيس الروسي فلاديمير بوتين إن الحوار مع فرنسا ضروري."
MEMORY = 512 * 1024 * 1024  # address space of a run (each of its processes)
SECONDS = 60  # a run that takes longer has stalled
DIP = "https://w3id.org/khabar/ontology#"


def run_map(args: list[str], tmp_path: Path, jobs: int = 1, stdin: bytes = b"", file_size: int | None = None,
            umask: int | None = None) -> subprocess.CompletedProcess:
    """`khabar map ARGS --jobs JOBS` in a process of its own, bounded in memory and time; with
    `file_size`, no file it writes may grow past that many bytes (ulimit -f: a full disk)."""
    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
        if file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
        if umask is not None:
            os.umask(umask)

    return subprocess.run([sys.executable, "-m", "khabar.cli", "map", *args, "--jobs", str(jobs)], input=stdin,
                          capture_output=True, timeout=SECONDS, preexec_fn=limits, cwd=tmp_path,
                          env={**os.environ, "TMPDIR": str(tmp_path)})


def errors_of(path: Path) -> dict[str, str]:
    """'input#record' -> reason, from an errors report."""
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        f = json.loads(line)
        out[f["input"] + ("" if f["record"] is None else f"#{f['record']}")] = f["reason"]
    return out


def articles_in(path: Path) -> int:
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return len(list(store.query(f"SELECT ?a WHERE {{ GRAPH ?g {{ ?a a <{DIP}Article> }} }}")))


def record(i: int, text: str = GOOD) -> str:
    return json.dumps({"url": f"http://e/{i}", "title": "خبر", "content": text}, ensure_ascii=False)


# -- item 11: a bad file never stops the run ----------------------------------------------------

@pytest.mark.parametrize("jobs", [1, 2])
def test_nested_json_numbers_for_text_and_fifos_fail_alone(tmp_path, jobs):
    """Default limits: 100,000 nested brackets (a RecursionError), a content of 1,000,000
    numbers (dropped silently), a FIFO in a folder (skipped silently) and a FIFO given (read for
    ever) each fail, named; the good records are mapped."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "nested.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "numbers.json").write_text(json.dumps({"url": "http://e/n", "title": "خبر",
                                                     "content": list(range(1_000_000))}))
    (folder / "good.jsonl").write_text(record(1) + "\n" + record(2) + "\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(tmp_path / "given.txt")
    out, errors = tmp_path / "out.nq", tmp_path / "errors.jsonl"
    result = run_map([str(folder), str(tmp_path / "given.txt"), "-o", str(out), "--errors", str(errors)],
                     tmp_path, jobs)
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    failed = errors_of(errors)
    assert "nested too deeply" in failed[f"{folder}/nested.json#0"]
    assert "'content' is an array of 1,000,000 items" in failed[f"{folder}/numbers.json#0"]
    assert "a FIFO" in failed[f"{folder}/pipe.txt"] and "a FIFO" in failed[f"{tmp_path}/given.txt"]
    assert len(failed) == 4
    assert articles_in(out) == 2
    assert "6 read = 2 mapped + 4 failed" in stderr


@pytest.mark.parametrize("jobs", [1, 2])
def test_long_lines_inflating_members_long_articles_and_stdin_fail_alone(tmp_path, jobs):
    """Limits lowered to 1 MB an input and 50,000 characters an article: a 4 MB JSON line, a zip
    member that inflates to 20 MB, 2 MB on standard input and an article of 58,000 characters each
    fail, named, unread (the run stays in 512 MB); the rest of the same files is mapped."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "lines.jsonl").write_text("\n".join([record(1), record(2, "ا" * 4_000_000), record(3)]) + "\n",
                                        encoding="utf-8")
    with zipfile.ZipFile(folder / "day.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("big.json", "w") as member:
            for _ in range(20):
                member.write(b" " * 1_000_000)
        archive.writestr("ok.json", "[" + record(4) + "]")
    (folder / "long.txt").write_text(GOOD * 1_000, encoding="utf-8")  # 58,000 characters
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    out, errors = tmp_path / "out.nq", tmp_path / "errors.jsonl"
    result = run_map([str(folder), "-", "-o", str(out), "--errors", str(errors), "--max-input-bytes", "1000000",
                      "--max-article-chars", "50000"], tmp_path, jobs, stdin=record(5).encode() * 20_000)
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert "Traceback" not in stderr
    failed = errors_of(errors)
    assert "line 2 is 8,000," in failed[f"{folder}/lines.jsonl#1"] and "--max-input-bytes" in failed[f"{folder}/lines.jsonl#1"]
    assert "inflated) is 20,000,000 bytes" in failed[f"{folder}/day.zip:big.json"]
    assert f"{len(GOOD) * 1000:,} characters long" in failed[f"{folder}/long.txt"] and "--max-article-chars" in failed[f"{folder}/long.txt"]
    assert "more than 1,000,000 bytes" in failed["<stdin>"]
    assert len(failed) == 4
    assert articles_in(out) == 4  # lines.jsonl #0 and #2, day.zip:ok.json, good.txt
    assert "8 read = 4 mapped + 4 failed" in stderr


# -- item 10: a time budget per article ---------------------------------------------------------

@pytest.mark.parametrize("jobs", [1, 2])
def test_an_article_over_its_time_budget_fails_alone(tmp_path, jobs):
    """A 900,000-character article (under the default size limit; most of a second to map) fails
    past a budget lowered to 50 ms; the article after it, mapped in the same process, is mapped."""
    seed = (SEEDS / "003_a943bc839e91a427.txt").read_text(encoding="utf-8")
    slow, quick = tmp_path / "slow.txt", tmp_path / "quick.txt"
    slow.write_text((seed * (900_000 // len(seed) + 1))[:900_000], encoding="utf-8")
    quick.write_text(GOOD, encoding="utf-8")
    out, errors = tmp_path / "out.nq", tmp_path / "errors.jsonl"
    result = run_map([str(slow), str(quick), "-o", str(out), "--errors", str(errors), "--article-timeout", "0.05"],
                     tmp_path, jobs)
    stderr = result.stderr.decode()
    assert result.returncode == 1, stderr
    assert errors_of(errors) == {str(slow): "mapping took longer than the time budget of 0.05 s for one article"}
    assert articles_in(out) == 1
    assert "2 read = 1 mapped + 1 failed" in stderr


# -- item 12: a full disk -----------------------------------------------------------------------

@pytest.mark.parametrize("jobs", [1, 2])
def test_a_full_disk_stops_the_run_with_a_message_and_exit_3_the_previous_output_intact(tmp_path, jobs):
    """Files held to 2 MB (ulimit -f) and an output of about 5 MB: one line on standard error,
    exit 3 (1 says that articles failed), the previous output as it was and no partial file left."""
    folder = tmp_path / "in"
    folder.mkdir()
    for copy in range(8):
        for seed in SEEDS.glob("*.txt"):
            (folder / f"{copy}-{seed.name}").write_bytes(seed.read_bytes())
    out = tmp_path / "out.nq"
    previous = b"<http://e/s> <http://e/p> <http://e/o> <http://e/g> .\n"
    out.write_bytes(previous)
    result = run_map([str(folder), "-o", str(out), "-q"], tmp_path, jobs, file_size=2 * 1024 * 1024)
    stderr = result.stderr.decode()
    assert result.returncode == 3, stderr
    assert len(stderr.splitlines()) == 1 and stderr.startswith("khabar: cannot write "), stderr
    assert "File too large" in stderr
    assert out.read_bytes() == previous
    assert not list(tmp_path.glob(".out.nq.*.part")) and not list(tmp_path.glob("khabar-run-*"))


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_recogniser_needs_no_room_beyond_the_output(tmp_path, jobs):
    """Files held to 500 KB: the recogniser's model (1.7 MB) is read as it is, with no dump of it
    to a temporary file (which had needed 1.5 MB), so one seed maps and its output is written."""
    out = tmp_path / "out.nq"
    result = run_map([str(sorted(SEEDS.glob("*.txt"))[0]), "-o", str(out), "-q"], tmp_path, jobs,
                     file_size=500 * 1024)
    assert result.returncode == 0, result.stderr.decode()
    assert articles_in(out) == 1 and len(out.read_bytes()) < 500 * 1024


# -- item 13: file modes, and no output for nothing ---------------------------------------------

def test_outputs_honour_the_umask(tmp_path):
    out, errors = tmp_path / "out.nq", tmp_path / "errors.jsonl"
    out.write_bytes(b"")
    out.chmod(0o644)
    result = run_map([str(SEEDS), str(tmp_path / "missing.txt"), "-o", str(out), "--errors", str(errors), "-q"],
                     tmp_path, umask=0o022)
    assert result.returncode == 1, result.stderr.decode()
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # a 0644 file replaced stays 0644
    assert stat.S_IMODE(errors.stat().st_mode) == 0o644
    new = tmp_path / "new.trig"
    result = run_map([str(SEEDS), "-o", str(new), "-q"], tmp_path, umask=0o027)
    assert result.returncode == 0, result.stderr.decode()
    assert stat.S_IMODE(new.stat().st_mode) == 0o640


@pytest.mark.parametrize("shards", [False, True])
def test_a_map_of_a_missing_input_writes_no_output(tmp_path, shards):
    out = tmp_path / "out.nq"
    args = ["map", str(tmp_path / "missing.txt"), "-o", str(out)] + (["--shard-size", "10"] if shards else [])
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    assert "missing.txt: no such file or folder" in result.output
    assert f"no article was mapped: {out} not written" in result.output
    assert list(tmp_path.iterdir()) == []


# -- item 14: what the offsets count ------------------------------------------------------------

def test_offsets_count_code_points_in_the_stripped_title_and_content_as_the_readme_says():
    import khabar

    title, content = "  بوتين يلتقي ماكرون \n", "\n\n   قال الرئيس الروسي فلاديمير بوتين إن الحوار مع فرنسا ضروري.  \n"
    kg = khabar.map_articles([{"id": "a1", "title": title, "content": content}])
    [article] = kg.articles()
    assert article.text == title.strip() + "\n" + content.strip()
    mentions = list(kg.mentions())
    assert mentions
    for m in mentions:
        assert article.text[m.begin:m.end] == m.anchor
    raw = title + "\n" + content
    assert any(raw[m.begin:m.end] != m.anchor for m in mentions)  # not the raw fields
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    inputs = readme.split("## Inputs", 1)[1].split("\n## ", 1)[0]
    said = " ".join(inputs.split())
    assert ("its text is the title and the content, each stripped of white space at both ends, joined by a "
            "newline") in said
    assert "Offsets count Unicode code points in that text" in said
