import json
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from checker.progress import ProgressStore

REPO = Path(__file__).resolve().parents[2]


def test_attempts_and_hints_are_summarised_per_kata(tmp_path):
    store = ProgressStore(tmp_path)
    store.record_attempt("01", False, ["wrong-timing"], 0.5, 0)
    store.record_hint("01", 1)
    store.record_attempt("01", True, [], 0.4, 10)
    store.record_attempt("01", False, ["crash"], 0.4, 0)
    state = store.summary()["01"]
    assert (state.attempts, state.passed, state.hints_seen) == (3, True, 1)
    assert state.last_passed is False and state.last_codes == ["crash"]
    assert state.codes == {"wrong-timing": 1, "crash": 1}


def _append_many(root, kata, n):
    store = ProgressStore(root)
    for i in range(n):
        store.record_attempt(kata, i % 2 == 0, [], 0.1, 0)


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    ctx = multiprocessing.get_context("spawn")
    workers = [ctx.Process(target=_append_many, args=(tmp_path, kata, 200)) for kata in ("01", "02")]
    for w in workers:
        w.start()
    for w in workers:
        w.join(60)
    summary = ProgressStore(tmp_path).summary()
    assert summary["01"].attempts == 200 and summary["02"].attempts == 200


def test_a_partial_last_line_from_a_kill_is_ignored_and_dropped(tmp_path):
    store = ProgressStore(tmp_path)
    store.record_attempt("01", True, [], 0.1, 10)
    with open(store.path, "ab") as f:
        f.write(b'{"time": 1, "type": "attem')
    assert store.summary()["01"].attempts == 1
    store.record_attempt("01", False, ["crash"], 0.1, 0)
    assert store.summary()["01"].attempts == 2 and not store.warnings


@pytest.mark.parametrize("content, reason", [
    (b"this is not json\n", "not valid JSON"),
    (b"[1, 2]\n", "no header"),
    (b'{"format": "kata-progress", "version": 99}\n', "newer checker"),
    (b'{"format": "kata-progress", "version": 1}\n{"time": 1, "type": "attempt", "kata": "01", "passed": true, '
     b'"codes": [], "duration_s": 1, "points": 10}\n{broken\n', "not valid JSON"),
])
def test_an_unreadable_store_is_moved_aside_and_a_new_one_started(tmp_path, content, reason):
    store = ProgressStore(tmp_path)
    store.dir.mkdir()
    store.path.write_bytes(content)
    store.record_attempt("02", False, [], 0.1, 0)
    (path, _, backup) = store.warnings[0]
    assert reason in store.warning_texts("en")[0] and open(backup, "rb").read() == content
    assert "attention : le fichier de progression" in store.warning_texts("fr")[0]
    summary = store.summary()
    assert summary["02"].attempts == 1
    if b"passed" in content:  # what could still be read was carried over
        assert summary["01"].passed


def test_an_unwritable_store_is_a_clear_error(tmp_path):
    from checker.errors import ProgressError

    (tmp_path / ".kata").write_text("a file, not a folder")
    with pytest.raises(ProgressError, match="progress store"):
        ProgressStore(tmp_path).record_hint("01", 1)


# Forks the writers from a process of its own, which has one thread: a pytest-xdist worker has several, and a
# fork there may deadlock in the child (Python 3.12+ warns of it).
WRITERS = r"""
import os, sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from checker.progress import ProgressStore

for line in sys.stdin:  # "start": a new writer, its pid printed once it writes; "reap PID": collect a killed one
    if line.startswith("reap"):
        os.waitpid(int(line.split()[1]), 0)
        print("reaped", flush=True)
        continue
    ready_r, ready_w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the writer: appends as fast as it can until killed
        try:
            store = ProgressStore(Path(sys.argv[1]))
            os.write(ready_w, b"x")
            i = 0
            while True:
                store.record_attempt("01", True, ["x"] * (i % 50), 0.1, 10)
                i += 1
        finally:
            os._exit(1)
    os.close(ready_w)
    started = os.read(ready_r, 1)  # nothing: the writer died before writing
    os.close(ready_r)
    print(pid if started else f"writer failed {pid}", flush=True)
"""


def test_killing_a_writer_at_random_moments_never_loses_earlier_attempts(tmp_path):
    """SIGKILL a process that appends attempts, 200 times at random moments: the store always opens and
    holds at least every attempt it held before that writer started."""
    import random

    rng = random.Random(1234)
    before = 0
    writers = subprocess.Popen([sys.executable, "-c", WRITERS, str(tmp_path), str(REPO)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    try:
        for _ in range(200):
            writers.stdin.write("start\n")
            writers.stdin.flush()
            pid = int(writers.stdout.readline())
            time.sleep(rng.uniform(0, 0.005))
            os.kill(pid, signal.SIGKILL)
            writers.stdin.write(f"reap {pid}\n")
            writers.stdin.flush()
            assert writers.stdout.readline() == "reaped\n"
            store = ProgressStore(tmp_path)
            now = store.summary().get("01")
            count = now.attempts if now else 0
            assert count >= before and not store.warnings
            before = count
    finally:
        writers.stdin.close()
        writers.wait(timeout=30)
    assert before > 0
    lines = ProgressStore(tmp_path).path.read_bytes().split(b"\n")
    assert all(json.loads(line) for line in lines[:-1] if line)


def test_a_busy_run_is_the_current_state_without_counting_as_an_attempt(tmp_path):
    store = ProgressStore(tmp_path)
    store.record_attempt("04", False, ["no-speedup"], 3.0, 0)
    store.record_attempt("04", False, ["busy-machine"], 3.0, 0, busy=True)
    state = store.summary()["04"]
    assert state.busy and state.attempts == 1 and state.codes["busy-machine"] == 0
    store.record_attempt("04", True, [], 3.0, 10)
    assert not store.summary()["04"].busy


def test_a_reset_ends_the_pass_and_a_pass_remembers_its_file(tmp_path):
    store = ProgressStore(tmp_path)
    store.record_attempt("01", True, [], 0.4, 10, digest="abc")
    assert store.summary()["01"].pass_digest == "abc"
    store.record_reset("01", "")
    state = store.summary()["01"]
    assert not state.passed and state.reset and state.pass_digest is None and state.first_pass_time
