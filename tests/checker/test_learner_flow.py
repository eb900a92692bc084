"""A learner's session, through the real program: watch mode, concurrent checks, kills while recording."""

import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from checker.progress import ProgressStore


def start(root, *args):
    return subprocess.Popen([sys.executable, "-m", "checker", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "KATA_ROOT": str(root), "KATA_LANG": "en"})


def read_until(proc, text, timeout=60):
    seen, deadline = [], time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        seen.append(line)
        if text in line:
            return "".join(seen)
    raise AssertionError(f"{text!r} never came; got:\n{''.join(seen)}")


def test_watch_rechecks_on_save_never_writes_the_file_and_stops_on_ctrl_c(kata_env):
    learner = kata_env / "katas/01_first_coroutine/first_coroutine.py"
    solution = (kata_env / "solutions/01_first_coroutine/first_coroutine.py").read_text()
    proc = start(kata_env, "watch", "01")
    try:
        read_until(proc, "not passed yet")
        time.sleep(0.5)
        learner.write_text(solution)
        read_until(proc, "Kata 01 passed")
        proc.send_signal(signal.SIGINT)
        rest = proc.communicate(timeout=20)[0]
    finally:
        proc.kill()
    assert proc.returncode == 0 and "Stopped watching" in rest and "Traceback" not in rest
    assert learner.read_text() == solution
    assert ProgressStore(kata_env).summary()["01"].attempts == 2


def test_ten_checks_at_once_are_all_recorded(kata_env):
    def check(_):
        return subprocess.run([sys.executable, "-m", "checker", "check", "01"], capture_output=True,
                              env={**os.environ, "KATA_ROOT": str(kata_env)}, timeout=120).returncode

    with ThreadPoolExecutor(10) as pool:
        assert list(pool.map(check, range(10))) == [1] * 10
    assert ProgressStore(kata_env).summary()["01"].attempts == 10


def test_killing_kata_check_at_random_moments_keeps_every_recorded_attempt(kata_env):
    """SIGKILL `kata check` at random moments (before, during and after it records its attempt): the
    store always opens, and the count of attempts never goes down."""
    rng = random.Random(7)
    before = 0
    for _ in range(10):
        proc = subprocess.Popen([sys.executable, "-m", "checker", "check", "01"], stdout=subprocess.DEVNULL,
                                env={**os.environ, "KATA_ROOT": str(kata_env)}, start_new_session=True)
        time.sleep(rng.uniform(0.1, 1.5))  # a check of kata 01 takes about 0.7 s here: before, during, after
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        store = ProgressStore(kata_env)
        state = store.summary().get("01")
        now = state.attempts if state else 0
        assert now >= before and not store.warnings
        before = now
    subprocess.run([sys.executable, "-m", "checker", "check", "01"], capture_output=True, timeout=120,
                   env={**os.environ, "KATA_ROOT": str(kata_env)})
    assert ProgressStore(kata_env).summary()["01"].attempts == before + 1
