"""Diagnoses on purpose-written submissions: hangs with the learner's stacks, deadlocks, leaked threads
and processes, lock-order cycles, blocking calls located — in both languages, with their codes."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SUITE = '''
def test_run(learner):
    """run() returns
    fr: run() se termine"""
    learner.run()
'''


@pytest.fixture
def sandbox(tmp_path):
    """A one-check kata (90_sandbox) whose suite just calls the learner's run()."""
    def make(record_locks=False, leaks="warn", check_timeout=3):
        root = tmp_path / "course"
        kata = root / "katas/90_sandbox"
        kata.mkdir(parents=True)
        (root / "pyproject.toml").write_text("")
        (kata / "sandbox.py").write_text("def run():\n    raise NotImplementedError\n")
        (kata / "kata.toml").write_text(textwrap.dedent(f'''
            id = "90"
            slug = "sandbox"
            file = "sandbox.py"
            points = 1
            timeout_s = 20
            check_timeout_s = {check_timeout}
            record_locks = {str(record_locks).lower()}
            leaks = "{leaks}"
            [title]
            en = "Sandbox"
            fr = "Bac à sable"
        '''))
        suite = root / "tests/katas/90_sandbox"
        suite.mkdir(parents=True)
        (suite / "test_sandbox.py").write_text(SUITE)
        return root
    return make


def grade(root, source, lang="en"):
    answer = root / "answer.py"
    answer.write_text(textwrap.dedent(source))
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "90", "--file", str(answer), "--json",
                           "--lang", lang], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "KATA_ROOT": str(root)})
    return json.loads(proc.stdout)["checks"][0]


DEADLOCK = """
import threading
a, b = threading.Lock(), threading.Lock()
ready = threading.Barrier(2)

def one():
    with a:
        ready.wait()
        with b:
            pass

def two():
    with b:
        ready.wait()
        with a:
            pass

def run():
    threads = [threading.Thread(target=one, daemon=True), threading.Thread(target=two, daemon=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
"""


@pytest.mark.parametrize("lang, words", [("en", "a deadlock"), ("fr", "un interblocage")])
def test_a_real_deadlock_names_the_waiting_lines(sandbox, lang, words):
    check = grade(sandbox(), DEADLOCK, lang)
    assert check["code"] == "deadlock" and words in check["message"]
    assert "answer.py:9 (with b:)" in check["message"] and "answer.py:15 (with a:)" in check["message"]
    assert "(t.join())" in check["message"]


OPPOSITE_ORDERS_ONE_AT_A_TIME = """
import threading
a, b = threading.Lock(), threading.Lock()

def one():
    with a:
        with b:
            pass

def two():
    with b:
        with a:
            pass

def run():
    for target in (one, two):
        t = threading.Thread(target=target)
        t.start()
        t.join()
"""


@pytest.mark.parametrize("lang, words, other", [("en", ["opposite orders", "the lock created at", " then "], " puis "),
                                               ("fr", ["ordres opposés", "le verrou créé à", " puis "], " then ")])
def test_opposite_lock_orders_warn_even_when_this_run_did_not_deadlock(sandbox, lang, words, other):
    check = grade(sandbox(record_locks=True), OPPOSITE_ORDERS_ONE_AT_A_TIME, lang)
    assert check["passed"] is True
    [warning] = check["warnings"]
    assert warning["code"] == "deadlock" and all(w in warning["message"] for w in words), warning["message"]
    assert other not in warning["message"]  # the steps in the learner's language too
    assert "answer.py:3" in warning["message"]  # where the locks were created


def test_one_lock_order_gives_no_warning(sandbox):
    source = OPPOSITE_ORDERS_ONE_AT_A_TIME.replace("    with b:\n        with a:", "    with a:\n        with b:")
    check = grade(sandbox(record_locks=True), source)
    assert check["passed"] is True and not check.get("warnings")


LEAKY_THREAD = """
import threading
import time

def linger():
    time.sleep(3)

def run():
    threading.Thread(target=linger).start()
"""


@pytest.mark.parametrize("lang, words", [("en", ["still running", "running linger (answer.py:5)"]),
                                         ("fr", ["tournait encore", "qui exécute linger (answer.py:5)"])])
def test_a_thread_left_running_is_reported_with_where_it_started(sandbox, lang, words):
    check = grade(sandbox(), LEAKY_THREAD, lang)
    assert check["passed"] is True
    [warning] = check["warnings"]
    assert warning["code"] == "leaked-thread" and all(w in warning["message"] for w in words), warning["message"]


def test_leaks_fail_where_the_kata_says_so(sandbox):
    check = grade(sandbox(leaks="fail"), LEAKY_THREAD)
    assert check["passed"] is False and check["code"] == "leaked-thread"


LEAKY_PROCESS = """
import multiprocessing
import time

def linger():
    time.sleep(5)

def run():
    multiprocessing.get_context("fork").Process(target=linger).start()
"""


@pytest.mark.parametrize("lang, words", [
    ("en", ["still alive after your function returned: ForkProcess-1 (pid ", "), running linger (answer.py:5)"]),
    ("fr", ["encore vivant après le retour de votre fonction : ForkProcess-1 (pid ",
            "), qui exécute linger (answer.py:5)"])])
def test_a_process_left_running_is_reported_with_the_function_it_runs(sandbox, lang, words):
    """multiprocessing drops a started Process's target: the checker notes it at the start."""
    check = grade(sandbox(), LEAKY_PROCESS, lang)
    [warning] = check["warnings"]
    assert warning["code"] == "leaked-process" and all(w in warning["message"] for w in words), warning["message"]


LEAKY_SUBCLASS = """
import multiprocessing
import time

class Lingerer(multiprocessing.get_context("fork").Process):
    def run(self):
        time.sleep(5)

def run():
    Lingerer().start()
"""


def test_a_process_subclass_left_running_is_reported_with_its_run_method(sandbox):
    check = grade(sandbox(), LEAKY_SUBCLASS)
    [warning] = check["warnings"]
    assert "Lingerer-1 (pid " in warning["message"] and "running Lingerer.run (answer.py:6)" in warning["message"]


SPIN = """
def run():
    total = 0
    while True:
        total += 1
"""


@pytest.mark.parametrize("lang, words", [("en", "Your code was at answer.py:"), ("fr", "Votre code était à answer.py:")])
def test_a_spinning_loop_is_a_timeout_with_its_line(sandbox, lang, words):
    check = grade(sandbox(check_timeout=1), SPIN, lang)
    assert check["code"] == "timeout" and words in check["message"]
    assert "answer.py:4 (while True:)" in check["message"] or "answer.py:5 (total += 1)" in check["message"]


SPIN_AROUND_A_LOCK = """
import threading
lock = threading.Lock()
count = 0

def spin():
    global count
    while True:
        with lock:
            count += 1

def run():
    threads = [threading.Thread(target=spin, daemon=True) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
"""


def test_threads_spinning_around_a_lock_are_a_timeout_not_a_deadlock(sandbox):
    """Caught at one instant, both threads may sit on `with lock:`: only several looks tell a spin from a wait."""
    root = sandbox(check_timeout=1)
    for _ in range(3):
        check = grade(root, SPIN_AROUND_A_LOCK)
        assert check["code"] == "timeout", check["message"]
        assert any(f"Your code was at answer.py:{line}" in check["message"] for line in (8, 9, 10)), check["message"]


@pytest.mark.realtime  # the looks' window is wall time: beside busy workers it stretches and 6 ms looks idle
@pytest.mark.parametrize("cpu_used, running", [(0.0, False), (0.001, False), (0.006, True), (0.05, True)])
def test_a_thread_always_seen_on_with_lock_is_running_if_it_used_the_cpu(monkeypatch, cpu_used, running):
    """On a busy machine two threads spinning on one lock may get a few percent of a core each, and the sampler
    always finds them on `with lock:`: 6 ms of CPU in the 0.1 s of the looks is a spin, not a deadlock; a thread
    blocked on a lock uses none (1 ms is a wake-up or two)."""
    from checker.child import diagnose

    stack = diagnose.ThreadStack("Thread-1", (diagnose.Frame("answer.py", 8, "spin", "with lock:"),), ident=1)
    clock = iter([0.0, cpu_used])
    monkeypatch.setattr(diagnose, "snapshot", lambda learner_file: [stack])
    monkeypatch.setattr(diagnose, "_cpu_time", lambda ident: next(clock))
    stacks, moving = diagnose.sample("answer.py", looks=6, gap_s=0.02)
    assert stacks == [stack] and (moving is stack) == running
    assert diagnose.classify_hang(stacks, moving) == ("timeout" if running else "deadlock")


SLEEP_IN_A_COROUTINE = """
import asyncio
import time

async def pause(delay):
    time.sleep(delay)

def run():
    asyncio.run(pause(0.375))
"""


@pytest.mark.parametrize("lang, words", [("en", "Expected: `await asyncio.sleep(delay)` in its place"),
                                         ("fr", "Attendu : `await asyncio.sleep(delay)` à sa place")])
def test_a_blocking_sleep_is_advised_in_the_learners_own_terms(sandbox, lang, words):
    check = grade(sandbox(), SLEEP_IN_A_COROUTINE, lang)
    assert check["code"] == "blocking-call" and words in check["message"]
    assert "375" not in check["message"]  # the value of this one call, which a learner might hard-code


@pytest.mark.parametrize("location, advice", [
    ("mine.py:8 (time.sleep(duration))", "await asyncio.sleep(duration)"),
    ("mine.py:8 (sleep(d * 2)  # half)", "await asyncio.sleep(d * 2)"),
    ("my (1).py:3 (if time.sleep(pause(d, 2)) is None:)", "await asyncio.sleep(pause(d, 2))"),
    ("mine.py:3 (time.sleep(a); time.sleep(b))", "await asyncio.sleep(…)"),  # which one: not told
    ("mine.py:3 (time.sleep(0.25,)", "await asyncio.sleep(…)"),  # a call spread over lines
    ("mine.py:3", "await asyncio.sleep(…)"),
])
def test_the_sleep_advice_takes_the_argument_as_written(location, advice):
    from checker.child.diagnose import awaited_sleep

    assert awaited_sleep(location) == advice
