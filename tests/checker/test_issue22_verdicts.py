"""Verdicts that no lucky schedule changes (issue 22): threads left running by the module's import, a
coroutine returned instead of run, and the JoinProbe that makes a missing join show on every run."""

import json
import os
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from checker.child.joins import JoinProbe, waiting_on
from tests.checker.test_diagnoses import grade, sandbox  # noqa: F401  (the fixture)

FOREVER_AT_IMPORT = """
import threading, time

def spin():
    while True:
        time.sleep(0.05)

threading.Thread(target=spin, name="spinner", daemon={daemon}).start()

def run():
    return 1
"""


def checks(root, source, lang="en"):
    answer = root / "answer.py"
    answer.write_text(textwrap.dedent(source))
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "90", "--file", str(answer), "--json",
                           "--lang", lang], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "KATA_ROOT": str(root)})
    return json.loads(proc.stdout)


@pytest.mark.parametrize("lang, words", [("en", "would never end"), ("fr", "ne se terminerait jamais")])
def test_a_non_daemon_thread_started_at_import_and_never_ending_fails(sandbox, lang, words):
    report = checks(sandbox(), FOREVER_AT_IMPORT.format(daemon=False), lang)
    assert report["passed"] is False
    [leak] = [c for c in report["checks"] if c["code"] == "leaked-thread"]
    assert leak["status"] == "failed" and words in leak["message"] and "spinner" in leak["message"]


def test_a_daemon_thread_started_at_import_is_a_warning(sandbox):
    report = checks(sandbox(), FOREVER_AT_IMPORT.format(daemon=True))
    assert report["passed"] is True
    [warning] = [w for c in report["checks"] for w in c.get("warnings", [])]
    assert warning["code"] == "leaked-thread" and "daemon" in warning["message"]


def test_a_thread_started_at_import_that_ends_is_not_reported(sandbox):
    report = checks(sandbox(), "import threading, time\nthreading.Thread(target=time.sleep, args=(0.1,)).start()\n"
                               "def run():\n    return 1\n")
    assert report["passed"] is True and len(report["checks"]) == 1 and not report["checks"][0].get("warnings")


MANAGER_AT_IMPORT = """
import multiprocessing
if __name__ != "__mp_main__":  # not again in a spawned child
    MANAGER = multiprocessing.Manager()
{extra}
def run():
    return 1
"""
LINGERING = """
import time
def linger():
    time.sleep(30)
if __name__ != "__mp_main__":
    multiprocessing.get_context("fork").Process(target=linger, name="SyncManager-9").start()
"""


def test_a_manager_started_at_import_is_not_a_leak_multiprocessing_stops_it_at_exit(sandbox):
    report = checks(sandbox(), MANAGER_AT_IMPORT.format(extra=""))
    assert report["passed"] is True, report
    assert not [w for c in report["checks"] for w in c.get("warnings", [])]


def test_a_process_named_like_a_manager_is_still_a_leak(sandbox):
    report = checks(sandbox(), MANAGER_AT_IMPORT.format(extra=LINGERING))
    assert report["passed"] is False
    [leak] = [c for c in report["checks"] if c["code"] == "leaked-process"]
    assert "SyncManager-9" in leak["message"]


def test_a_coroutine_returned_where_a_value_was_expected_is_not_awaited(sandbox):
    root = sandbox()
    (root / "tests/katas/90_sandbox/test_sandbox.py").write_text(
        "from checker.child.testkit import expect, show\n"
        "def test_run(learner):\n"
        "    got = learner.run()\n"
        "    expect(got == 2, 'wrong-result', en=f'run() returned {show(got)}', fr=f'run() a renvoyé {show(got)}')\n")
    check = grade(root, "async def two():\n    return 2\n\ndef run():\n    return two()\n")
    assert check["code"] == "not-awaited"
    assert "run() returned <coroutine object>" in check["message"] and "answer.py:5" in check["message"]


# --- the probe itself, without a learner ------------------------------------------------------------------


def run_with(probe_extra, waiter):
    """Three threads whose calls are held by a JoinProbe; `waiter(threads)` is what the caller does."""
    caller = threading.current_thread()
    probe = JoinProbe(caller, extra=probe_extra, cap=2.0)
    ended = {}

    def work(i):
        probe.enter()
        time.sleep(0.01)
        probe.hold()
        ended[i] = time.perf_counter()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
    for t in threads:
        t.start()
    waiter(threads)
    alive = probe.left_running()  # held where they end, or (below) still in their call
    left = {t.name for i, t in enumerate(threads) if t.ident in alive or i not in ended}
    probe.returned()
    for t in threads:
        t.join()
    return left


def test_joined_threads_are_released_and_none_is_left():
    assert run_with((0.01, 0.03), lambda threads: [t.join() for t in threads]) == set()


def test_a_sleep_instead_of_join_leaves_every_thread_running():
    assert len(run_with((0.01, 0.03), lambda threads: time.sleep(0.3))) == 3


def test_joining_only_the_last_leaves_the_others_running():
    assert len(run_with((0.01, 0.03), lambda threads: threads[-1].join())) == 2


def test_a_join_with_too_short_a_timeout_leaves_its_thread_running():
    assert run_with((0.1, 0.12), lambda threads: [t.join(timeout=0.02) for t in threads])


def test_a_thread_in_join_is_seen_waiting_on_that_thread():
    gate = threading.Event()
    target = threading.Thread(target=gate.wait)
    target.start()
    joiner = threading.Thread(target=target.join)
    joiner.start()
    time.sleep(0.05)
    try:
        state = waiting_on(sys._current_frames()[joiner.ident])
        assert state is not None and state[0] == "join" and state[1] is target
        assert waiting_on(sys._current_frames()[threading.get_ident()]) is None  # running, not waiting
    finally:
        gate.set()
        joiner.join()
