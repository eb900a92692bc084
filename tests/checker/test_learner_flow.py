"""A learner's session, through the real program: watch mode, concurrent checks, kills while recording,
interruptions while checking."""

import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from checker.catalog import Catalog
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
    assert proc.returncode == 130 and "Stopped watching" in rest and "Traceback" not in rest
    assert "KeyboardInterrupt" not in rest  # no third-party log line on the way out
    assert learner.read_text() == solution
    assert ProgressStore(kata_env).summary()["01"].attempts == 2


def test_ten_checks_at_once_are_all_recorded(kata_env):
    def check(_):
        return subprocess.run([sys.executable, "-m", "checker", "check", "01"], capture_output=True,
                              env={**os.environ, "KATA_ROOT": str(kata_env)}, timeout=120).returncode

    with ThreadPoolExecutor(10) as pool:
        assert list(pool.map(check, range(10))) == [1] * 10
    assert ProgressStore(kata_env).summary()["01"].attempts == 10


def test_killing_kata_check_at_random_moments_keeps_every_recorded_attempt(kata_env, tmp_path):
    """SIGKILL `kata check` at random moments (before, during and after it records its attempt): the
    store always opens, and the count of attempts never goes down."""
    rng = random.Random(7)
    before = 0
    env = {**os.environ, "KATA_ROOT": str(kata_env), "TMPDIR": str(tmp_path)}  # SIGKILL leaves its temp folder
    for _ in range(10):
        proc = subprocess.Popen([sys.executable, "-m", "checker", "check", "01"], stdout=subprocess.DEVNULL,
                                env=env, start_new_session=True)
        time.sleep(rng.uniform(0.1, 1.5))  # a check of kata 01 takes about 0.7 s here: before, during, after
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        store = ProgressStore(kata_env)
        state = store.summary().get("01")
        now = state.attempts if state else 0
        assert now >= before and not store.warnings
        before = now
    subprocess.run([sys.executable, "-m", "checker", "check", "01"], capture_output=True, timeout=120, env=env)
    assert ProgressStore(kata_env).summary()["01"].attempts == before + 1


# Hangs in a call that no exception stops: only the check's time limit and its grace end it (several seconds
# after the tests below interrupt `kata`).
HANGS = "import time\n\ntime.sleep(600)\n"


def checks_running(tmp: Path) -> list[int]:
    """The processes of the checks whose temporary folders are in `tmp` (they work in them)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and os.readlink(proc / "cwd").startswith(str(tmp) + os.sep):
                found.append(int(proc.name))
        except OSError:
            pass
    return found


def as_in_a_terminal() -> None:
    """The signals' default actions, as a terminal gives them: under nohup (or in a shell's background job) these
    tests would inherit SIGHUP (SIGINT) ignored, and `kata` rightly keeps ignoring what it inherits ignored."""
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


def start_hanging(kata_env: Path, tmp_path: Path, args: list[str], checks: int = 1,
                  preexec_fn=as_in_a_terminal) -> tuple[subprocess.Popen, Path]:
    """`kata <args>` with the learner files of katas 01 and 02 hanging, their checks' temporary folders in a
    folder of their own: (the process, that folder), once `checks` of its checks are running."""
    for kata in ("01_first_coroutine/first_coroutine.py", "02_five_parallel_tasks/five_parallel_tasks.py"):
        (kata_env / "katas" / kata).write_text(HANGS)
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    proc = subprocess.Popen([sys.executable, "-m", "checker", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, preexec_fn=preexec_fn,
                            env={**os.environ, "KATA_ROOT": str(kata_env), "TMPDIR": str(tmp)})
    deadline = time.monotonic() + 60
    while len(checks_running(tmp)) < checks:
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"the checks never started: {proc.communicate()[1][-2000:]}")
        time.sleep(0.05)
    return proc, tmp


@pytest.mark.parametrize(("args", "signum", "status"), [
    (["check", "01"], signal.SIGINT, 130),  # Ctrl-C, as shells expect
    (["check", "01"], signal.SIGTERM, 128 + signal.SIGTERM),  # a grader's time-out
    (["check", "01"], signal.SIGHUP, 128 + signal.SIGHUP),  # the terminal closed
    (["grade", "--katas", "01,02", "--jobs", "2"], signal.SIGINT, 130),
], ids=["check-SIGINT", "check-SIGTERM", "check-SIGHUP", "grade-SIGINT"])
def test_an_interrupted_check_stops_at_once_and_leaves_nothing_behind(kata_env, tmp_path, args, signum, status):
    """The checks' child processes are sessions of their own, which the signal does not reach: `kata` kills
    them itself, removes their temporary folders and keeps the learner's files and progress."""
    limit = Catalog(kata_env).get("01").timeout_s  # how long the hanging checks would run
    proc, tmp = start_hanging(kata_env, tmp_path, args, checks=2 if "grade" in args else 1)
    try:
        sent = time.monotonic()
        proc.send_signal(signum)
        err = proc.communicate(timeout=limit + 30)[1]
        took = time.monotonic() - sent
    finally:
        proc.kill()
    assert proc.returncode == status and "Traceback" not in err and "Aborted" not in err, err
    assert took < limit / 2, f"{took:.1f} s after the signal: the checks ran on to their time limit"
    assert checks_running(tmp) == [] and list(tmp.iterdir()) == []
    assert (kata_env / "katas/01_first_coroutine/first_coroutine.py").read_text() == HANGS
    store = ProgressStore(kata_env)
    store.summary()
    assert store.warnings == []


def test_a_signal_ignored_from_the_start_stays_ignored(kata_env, tmp_path):
    """`nohup kata grade`: closing the terminal (SIGHUP) must not stop it; SIGTERM still does, cleanly."""
    def like_nohup() -> None:
        as_in_a_terminal()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    proc, tmp = start_hanging(kata_env, tmp_path, ["check", "01"], preexec_fn=like_nohup)
    try:
        proc.send_signal(signal.SIGHUP)
        time.sleep(1)
        assert proc.poll() is None and checks_running(tmp), "SIGHUP stopped a kata started under nohup"
        proc.send_signal(signal.SIGTERM)
        err = proc.communicate(timeout=60)[1]
    finally:
        proc.kill()
    assert proc.returncode == 128 + signal.SIGTERM and "Traceback" not in err, err
    assert checks_running(tmp) == [] and list(tmp.iterdir()) == []
