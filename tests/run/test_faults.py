"""Faults: a map that is killed or stopped mid-run leaves the previous output as it was."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

GOOD = "قال الرئيس الروسي فلاديمير بوتين إن الحوار مع فرنسا ضروري، مضيفا أن اللقاء كان مثمرا."


def _ctrl_c_heard() -> None:
    """In the child: SIGINT as a terminal gives it, even when the tests run in the background of a
    shell without job control (which starts them deaf to SIGINT, and Python then keeps it so)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT])
def test_interrupted_map_leaves_the_previous_output_intact(tmp_path, sig):
    records = tmp_path / "many.jsonl"
    records.write_text("\n".join(json.dumps({"url": f"http://e/{i}", "content": GOOD}, ensure_ascii=False)
                                 for i in range(200000)), encoding="utf-8")
    out = tmp_path / "out.nq"
    out.write_text("previous output\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "khabar.cli", "map", str(records), "-o", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, preexec_fn=_ctrl_c_heard)
    deadline = time.time() + 60
    while not list(tmp_path.glob(".out.nq.*.part")) and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    assert proc.poll() is None, "finished before it could be interrupted"
    proc.send_signal(sig)
    proc.wait(timeout=60)
    assert out.read_text(encoding="utf-8") == "previous output\n"
    if sig != signal.SIGKILL:  # a catchable signal also removes the partial file
        assert not list(tmp_path.glob(".out.nq.*.part"))
        assert proc.returncode != 0
