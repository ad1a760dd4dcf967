"""Many workers, shards and progress: the same bytes whatever the number of workers, shards that
hold every article once, bounded work in flight."""
from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from khabar.cli import cli

TEXTS = ["قال الرئيس الروسي فلاديمير بوتين إن الحوار مع فرنسا ضروري.",
         "التقى وزير الخارجية السعودي عادل الجبير نظيره الأمريكي جون كيري في جدة أمس.",
         "أجرى الرئيس الفرنسي إيمانويل ماكرون اتصالا هاتفيا مع بوتين، مؤكدا أن الحل سياسي."]


@pytest.fixture(scope="module")
def records(tmp_path_factory):
    path = tmp_path_factory.mktemp("in") / "records.jsonl"
    rows = [{"url": f"http://example.org/{i}", "date_extracted": "2015-07-21 10:00:00",
             "title": f"خبر {i}", "content": TEXTS[i % 3]} for i in range(300)]
    rows.insert(150, {"url": "http://example.org/empty", "content": ""})
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    return path


def run_map(*args):
    return CliRunner().invoke(cli, ["map", *map(str, args)])


@pytest.mark.parametrize("ext", ["nq", "trig"])
def test_same_bytes_whatever_the_number_of_workers(records, tmp_path, ext):
    outputs = []
    for jobs in (1, 2, 3):
        out = tmp_path / f"j{jobs}.{ext}"
        result = run_map(records, "-o", out, "--jobs", jobs)
        assert result.exit_code == 1, result.output  # the empty record fails
        assert "301 read = 300 mapped + 1 failed" in result.output
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]


def test_shards_hold_every_article_once(records, tmp_path):
    result = run_map(records, "-o", tmp_path / "out.nq", "--shard-size", 70, "--jobs", 2)
    assert result.exit_code == 1
    shards = sorted(tmp_path.glob("out-*.nq"))
    assert [p.name for p in shards] == [f"out-{i:05d}.nq" for i in range(6)]  # 5 article shards + entities
    articles = []
    for path in shards[:-1]:
        graphs = {q.graph_name.value for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)}
        articles.append(len(graphs))
    assert articles == [70, 70, 70, 70, 20]
    last = {q.graph_name.value for q in ox.parse(path=str(shards[-1]), format=ox.RdfFormat.N_QUADS)}
    assert last == {"https://w3id.org/khabar/id/graph/entities"}
    single = tmp_path / "single.nq"
    run_map(records, "-o", single)
    assert b"".join(p.read_bytes() for p in shards) == single.read_bytes()


def test_a_shorter_run_removes_stale_shards(records, tmp_path):
    run_map(records, "-o", tmp_path / "out.nq", "--shard-size", 50)
    run_map(records, "-o", tmp_path / "out.nq", "--shard-size", 400)
    assert sorted(p.name for p in tmp_path.glob("out-*.nq")) == ["out-00000.nq", "out-00001.nq"]


def test_shards_need_a_file_name(records):
    result = run_map(records, "--shard-size", 10)
    assert result.exit_code == 2 and "needs an output file" in result.output


def test_quiet_prints_no_summary(records, tmp_path):
    result = run_map(records, "-o", tmp_path / "q.nq", "-q")
    assert " read = " not in result.output


def test_same_bytes_on_a_dask_cluster(records, tmp_path, monkeypatch):
    """... and a local cluster's files (its scratch space, the results handed over) are all gone
    from TMPDIR after the run."""
    import tempfile

    pytest.importorskip("distributed", reason="Dask is a test dependency (pip install 'khabar[dask]')")
    reference = tmp_path / "j1.nq"
    run_map(records, "-o", reference)
    out = tmp_path / "dask.nq"
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    result = run_map(records, "-o", out, "--scheduler", "local:2")
    assert "301 read = 300 mapped + 1 failed" in result.output, result.output
    assert out.read_bytes() == reference.read_bytes()
    assert not [p.name for p in temporary.iterdir() if not p.name.startswith("pymp-")]  # (multiprocessing's own)


def test_results_come_back_in_input_order_with_failures_in_their_places():
    """Each group's batch is one task, at most `in_flight` at once (a sliding window); results come
    back in input order with the read failures in their places."""
    from khabar.model import Article, Failure
    from khabar.run import MappedArticle
    from khabar.run.batches import BATCH, groups, in_order

    items = []
    for i in range(3 * BATCH + 5):
        items.append(Failure("in.jsonl", i, "unreadable") if i % 7 == 3 else Article(f"a{i}", f"text {i}", "in.jsonl"))
    submitted, in_flight, waited = [], [], []

    def submit(batch):
        submitted.append(len(batch))
        in_flight.append(len(submitted) - len(waited))
        outputs = [MappedArticle(a.input_name, None, a.text.encode(), 1, {}, (), 0) for a in batch]
        return lambda: waited.append(1) or outputs

    out = list(in_order(groups(items), 2, submit))
    articles = sum(isinstance(i, Article) for i in items)
    assert len(out) == len(items) and sum(submitted) == articles
    assert len(submitted) == -(-articles // BATCH) and max(in_flight) == 2
    for item, result in zip(items, out):
        if isinstance(item, Failure):
            assert result is item
        else:
            assert result.nquads == item.text.encode()


def test_a_nonconforming_article_is_named(tmp_path, monkeypatch):
    """An article whose graph breaks the shapes is reported with its input name and exit status 1."""
    import khabar.validate
    from khabar.validate import Violation

    monkeypatch.setattr(khabar.validate, "validator", lambda engine: lambda graph: [
        Violation("http://example.org/x", None, "a made-up violation")])
    src = tmp_path / "one.txt"
    src.write_text("قال الرئيس الفرنسي إن المحادثات مثمرة.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["map", str(src), "-o", str(tmp_path / "out.nq"), "--jobs", "1"])
    assert result.exit_code == 1
    assert f"{src}: does not conform: http://example.org/x: a made-up violation" in result.output


def test_the_collector_is_paused_for_a_batch_only_and_collects_a_pile(monkeypatch):
    """A batch is mapped with the cyclic collector paused; it is switched back on afterwards (the
    caller's setting kept), and reference cycles left over past PILE are collected between batches."""
    import gc
    import weakref

    from khabar.run import batches

    class Node:
        pass

    survivors = []

    def mapper(article):
        assert not gc.isenabled()
        for _ in range(50):
            a, b = Node(), Node()
            a.other, b.other = b, a  # a cycle: reference counting alone never frees it
            survivors.append(weakref.ref(a))
        return article

    monkeypatch.setattr(batches, "PILE", 10)
    assert gc.isenabled()
    assert batches.map_batch(["x", "y"], mapper) == ["x", "y"]
    assert gc.isenabled()
    assert all(ref() is None for ref in survivors)  # the pile was collected
    gc.disable()
    try:
        batches.map_batch(["z"], mapper)
        assert not gc.isenabled()
    finally:
        gc.enable()


def _children(pid: int) -> list[int]:
    from pathlib import Path

    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _ignores_sigint(pid: int) -> bool:
    from pathlib import Path

    status = Path(f"/proc/{pid}/status").read_text()
    ignored = int(next(line.split()[1] for line in status.splitlines() if line.startswith("SigIgn:")), 16)
    return bool(ignored & 1 << (2 - 1))


def _name(pid: int) -> str:
    from pathlib import Path

    return Path(f"/proc/{pid}/comm").read_text().strip()


def _run_under_way(tmp_path, session: bool = False, idle: bool = False):
    """A real `khabar map --jobs 2` of 40,000 records, returned once it is writing its output and its
    workers and reader are at work (the run's grandchildren: the forkserver's children), with the
    folder it is given as TMPDIR (where the workers hand over their results). With `idle`, the
    output goes to a pipe nobody reads: returned once the main process waits to write, the workers
    have mapped what they were given and wait for more, and the reader waits to send the next
    records (a FIFO given as an input no longer makes the reader wait: it fails unread)."""
    import os
    import signal
    import subprocess
    import sys
    import time

    records = tmp_path / "many.jsonl"
    records.write_text("\n".join(json.dumps({"url": f"http://example.org/{i}", "content": TEXTS[i % 3]},
                                            ensure_ascii=False) for i in range(40000)),
                       encoding="utf-8")
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    output = "-" if idle else str(tmp_path / "out.nq")
    proc = subprocess.Popen([sys.executable, "-m", "khabar.cli", "map", str(records), "-o", output, "--jobs", "2"],
                            stdout=subprocess.PIPE if idle else subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True, start_new_session=session, env={**os.environ, "TMPDIR": str(temporary)},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # heard even when the
    # tests run in the background of a shell without job control, which starts them deaf to SIGINT
    deadline = time.time() + 120
    while not idle and not list(tmp_path.glob(".out.nq.*.part")) and time.time() < deadline:
        time.sleep(0.1)
    while idle and not (len(_helpers(proc)) == 3 and all(_state(p) == "S" for p in _helpers(proc))) \
            and time.time() < deadline:
        time.sleep(0.1)
    time.sleep(1)
    return proc, temporary


def _state(pid: int) -> str:
    """A process's state: R running, S sleeping (waiting), Z ended..."""
    from pathlib import Path

    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def _helpers(proc) -> list[int]:
    """The workers and the reader of a run (the children of its forkserver)."""
    return [p for child in _children(proc.pid) for p in _children(child)]


def _group_ended(group: int, seconds: float) -> bool:
    """Whether no live process is left in the process group, waiting up to `seconds`."""
    import time

    deadline = time.time() + seconds
    while any(_in_group(group)) and time.time() < deadline:
        time.sleep(0.1)
    return not any(_in_group(group))


def _in_group(group: int):
    from pathlib import Path

    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            yield int(stat.parent.name)


@pytest.mark.skipif(not __import__("os").path.isdir("/proc/self"), reason="finds the worker processes through /proc")
@pytest.mark.parametrize("victim, message", [("worker", "a worker process died"),
                                             ("reader", "the reading process died")])
def test_a_process_that_dies_stops_the_run_with_a_message(tmp_path, victim, message):
    """A worker or the reading process killed in the middle of a run (as the kernel's out-of-memory
    killer would) stops the run at once with a message saying which, and no output is written: the
    run neither waits for ever nor leaves the dead process's articles out silently."""
    import os
    import signal

    proc, _ = _run_under_way(tmp_path)
    try:
        victims = [p for p in _helpers(proc) if _name(p) == f"khabar-{victim}"]
        assert victims and proc.poll() is None, f"the run ended before its {victim} could be killed"
        os.kill(victims[0], signal.SIGKILL)
        _, err = proc.communicate(timeout=120)
    finally:
        proc.kill()
    assert proc.returncode == 2, err
    assert message in err
    assert not (tmp_path / "out.nq").exists() and not list(tmp_path.glob(".out.nq.*.part"))


def test_standard_input_with_workers_gives_the_same_bytes(records, tmp_path):
    """Standard input is read by the main process (only it has it) and handed to the reading process."""
    one, two = tmp_path / "one.nq", tmp_path / "two.nq"
    data = records.read_bytes()
    for out, jobs in ((one, 1), (two, 2)):
        result = CliRunner().invoke(cli, ["map", "-", "-o", str(out), "--jobs", str(jobs)], input=data)
        assert "301 read = 300 mapped + 1 failed" in result.output, result.output
    assert one.read_bytes() == two.read_bytes()


def test_the_reading_process_sends_its_groups_and_accounting_or_its_error(records, monkeypatch):
    """What the reading process sends: each group (failures in place, the batch pickled once), then
    that it is done; a reading bug is sent as an error the main process raises."""
    import pickle

    from khabar.model import Article, Failure
    from khabar.run import batches, processes

    class Sent(list):
        send, close = list.append, lambda self: None

    sent = Sent()
    processes.read_into(sent, [str(records)], None)
    groups, done = sent[:-1], sent[-1]
    assert done == ("done",)
    layouts = [layout for _, layout, _ in groups]
    assert sum(len(layout) for layout in layouts) == 301
    assert [type(i) for layout in layouts for i in layout if i is not None] == [Failure]
    articles = [a for _, _, batch in groups for a in pickle.loads(batch)]
    assert len(articles) == 300 and all(isinstance(a, Article) for a in articles)
    assert all(len(pickle.loads(batch)) <= batches.BATCH for _, _, batch in groups)

    def broken(*args):
        raise RuntimeError("a reader bug")
        yield

    monkeypatch.setattr(processes, "read_articles", broken)
    sent.clear()
    processes.read_into(sent, [str(records)], None)
    assert sent == [("error", "RuntimeError: a reader bug")]


@pytest.mark.skipif(not __import__("os").path.isdir("/proc/self"), reason="finds the worker processes through /proc")
def test_ctrl_c_stops_the_whole_run_and_leaves_nothing_behind(tmp_path):
    """Ctrl-C at a terminal sends SIGINT to the whole process group. Only the main process acts on
    it (the workers and the reader ignore it: a KeyboardInterrupt in a worker in the middle of
    taking a task can leave a pool lock held, and the run then waits for ever); the run ends at
    once, with no output, no temporary file and no process left."""
    import os
    import signal

    proc, temporary = _run_under_way(tmp_path, session=True)
    try:
        helpers = _helpers(proc)
        assert sorted(map(_name, helpers)) == ["khabar-reader", "khabar-worker", "khabar-worker"]
        assert proc.poll() is None and all(_ignores_sigint(p) for p in helpers)
        os.killpg(proc.pid, signal.SIGINT)
        _, err = proc.communicate(timeout=60)
        assert _group_ended(proc.pid, 10), "processes of the run are left"
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode != 0 and err.strip().endswith("Aborted!"), err
    assert not (tmp_path / "out.nq").exists() and not list(tmp_path.glob(".out.nq.*.part"))
    assert not list(temporary.iterdir())


def _hand_over_results_for_ever(main: int, spool: str) -> None:
    """A worker of the main process `main` that hands over results in `spool` as fast as it can,
    until the folder is gone."""
    from khabar.run import batches, processes

    processes.become_helper("khabar-worker", main, spool)
    while True:
        try:
            batches.spool([TEXTS], spool)
        except FileNotFoundError:
            pass


def test_workers_handing_over_results_when_the_main_process_dies_leave_no_folder(tmp_path):
    """Two workers in the middle of handing over results when the main process dies: each removes
    the folder of results as it ends, and a file one writes while the other removes the folder must
    not keep it there. Ten deaths, to give the race its chances."""
    import multiprocessing
    import subprocess
    import time

    context = multiprocessing.get_context("forkserver")
    for death in range(10):
        spool = tmp_path / f"results-{death}"
        spool.mkdir()
        main = subprocess.Popen(["sleep", "60"])
        workers = [context.Process(target=_hand_over_results_for_ever, args=(main.pid, str(spool))) for _ in range(2)]
        for worker in workers:
            worker.start()
        time.sleep(0.3)
        assert all(worker.is_alive() for worker in workers)
        main.kill()
        main.wait()
        for worker in workers:
            worker.join(10)
        assert [worker.exitcode for worker in workers] == [1, 1], "the workers did not end with the main process"
        assert not spool.exists(), f"death {death}: the folder is left, with {len(list(spool.iterdir()))} files"


@pytest.mark.skipif(not __import__("os").path.isdir("/proc/self"), reason="finds the worker processes through /proc")
@pytest.mark.parametrize("idle", [False, True], ids=["busy", "idle"])
def test_the_workers_and_the_reader_end_when_the_main_process_is_killed(tmp_path, idle):
    """A main process killed outright (SIGKILL: no clean-up runs) takes its workers and reader
    with it, busy or waiting for work: they do not wait for ever for tasks that will not come,
    remove the folder where they handed over their results, and end quietly (no traceback)."""
    import os
    import signal

    proc, temporary = _run_under_way(tmp_path, session=True, idle=idle)
    try:
        helpers = _helpers(proc)
        assert sorted(map(_name, helpers)) == ["khabar-reader", "khabar-worker", "khabar-worker"]
        assert all(_state(p) == "S" for p in helpers) or not idle
        proc.kill()
        _, err = proc.communicate()
        assert _group_ended(proc.pid, 15), "processes of the run are left"
        # (multiprocessing's own pymp-* folder stays: only the main process removes it)
        assert not list(temporary.glob("khabar-run-*")), "the run folder (the workers' results) is left"
        assert "Traceback" not in err, err
    finally:
        if any(_in_group(proc.pid)):
            os.killpg(proc.pid, signal.SIGKILL)
