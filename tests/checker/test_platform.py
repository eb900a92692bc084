"""Platforms: a Python without POSIX gets one line, never a traceback; each fallback for what macOS lacks
(no /proc, no enforced memory limit) runs here, forced by KATA_TEST_FALLBACKS; the start-method switch."""

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from checker import system

REPO = Path(__file__).resolve().parent.parent.parent

# What a native Windows Python lacks, taken away from this one before `kata` starts.
WITHOUT_POSIX = textwrap.dedent("""
    import os, signal, sys
    sys.modules["fcntl"] = None
    sys.modules["resource"] = None
    for name in ("SIGHUP", "pthread_sigmask"):
        if hasattr(signal, name):
            delattr(signal, name)
    for name in ("fork", "killpg", "setsid"):
        if hasattr(os, name):
            delattr(os, name)
    sys.argv = ["kata", *sys.argv[1:]]
    from checker.cli import main
    main()
""")


def kata_without_posix(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("KATA_LANG", "LC_ALL", "LC_MESSAGES", "LANG")}
    return subprocess.run([sys.executable, "-c", WITHOUT_POSIX, *args], cwd=REPO, capture_output=True,
                          text=True, timeout=60, env={**environ, "KATA_ROOT": str(REPO), **env})


@pytest.mark.parametrize("args", [["--help"], ["list"], ["check", "01"], []], ids=" ".join)
def test_without_posix_every_command_says_one_line_and_exits_2(args):
    done = kata_without_posix(*args)
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr
    assert "POSIX" in lines[0] and "WSL" in lines[0]
    for missing in ("fcntl", "resource", "signal.pthread_sigmask", "os.fork"):
        assert missing in lines[0]


@pytest.mark.parametrize("args, env", [(["--lang", "fr", "check", "99"], {}), (["--lang=fr", "list"], {}),
                                       (["solution", "05"], {"KATA_LANG": "fr"}), (["--help"], {"LANG": "fr_FR.UTF-8"})])
def test_without_posix_the_line_is_in_the_learners_language(args, env):
    done = kata_without_posix(*args, **env)
    assert done.returncode == 2
    assert "Sous Windows, installez WSL" in done.stderr and len(done.stderr.splitlines()) == 1


def test_on_linux_nothing_is_missing():
    assert system.missing_facilities() == []
    assert system.unsupported_message("en") is None


# --- the fallbacks, forced --------------------------------------------------------------------------------

def test_processes_from_ps_agree_with_proc(monkeypatch):
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        from_proc = {p.pid: p for p in system.processes()}
        monkeypatch.setattr(system, "FORCED", frozenset({"proc"}))
        assert not system.has_proc()
        from_ps = {p.pid: p for p in system.processes()}
        for pid in (os.getpid(), child.pid):
            assert from_ps[pid] == from_proc[pid]
        assert from_ps[child.pid].ppid == os.getpid()
        assert child.pid in system.descendants(os.getpid())
        assert system.group_alive(os.getpgid(child.pid))
    finally:
        child.kill()
        child.wait()


def test_descendants_follow_the_chain_of_parents():
    table = [system.Proc(10, 1, 10, False), system.Proc(11, 10, 10, False), system.Proc(12, 11, 99, True),
             system.Proc(13, 1, 13, False)]
    assert sorted(system.descendants(10, table)) == [11, 12]
    assert system.descendants(13, table) == set()
    assert system.descendants({10, 13}, table) == {11, 12}


FORKS_AND_SLEEPS = """\
import os, time

for _ in range(20):  # at import: 20 processes that would sleep on long after the check
    if os.fork() == 0:
        time.sleep(120)
        os._exit(0)
deadline = time.monotonic() + 60
while not os.path.exists({seen!r}) and time.monotonic() < deadline:  # until the test has seen them
    time.sleep(0.02)
"""


def survivors(path: Path) -> list[int]:
    """Processes whose command line names `path` (a check's child names the learner's file; forks keep it)."""
    found = []
    for proc in system._from_proc():
        try:
            with open(f"/proc/{proc.pid}/cmdline", "rb") as f:
                if str(path).encode() in f.read() and not proc.zombie:
                    found.append(proc.pid)
        except OSError:
            pass
    return found


@pytest.mark.parametrize("fallbacks", ["", "proc"])
def test_forked_processes_die_with_the_check_with_or_without_proc(tmp_path, fallbacks):
    learner, seen = tmp_path / "first_coroutine.py", tmp_path / "seen"
    learner.write_text(FORKS_AND_SLEEPS.format(seen=str(seen)))
    env = {**os.environ, "KATA_ROOT": str(REPO), "KATA_TEST_FALLBACKS": fallbacks}
    check = subprocess.Popen([sys.executable, "-m", "checker", "check", "01", "--file", str(learner), "--json"],
                             cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(survivors(learner)) < 10 and time.monotonic() < deadline:  # the forks are running: seen
        time.sleep(0.05)
    assert len(survivors(learner)) >= 10
    seen.touch()  # the check goes on, and ends
    out, _ = check.communicate(timeout=120)
    assert json.loads(out)["passed"] is False
    assert survivors(learner) == []


@pytest.mark.parametrize("fallbacks, noted", [("", False), ("rlimit-as", True)])
def test_an_unenforced_memory_limit_is_said_once_in_the_report(tmp_path, fallbacks, noted):
    solution = next((REPO / "solutions/01_first_coroutine").glob("*.py"))
    env = {**os.environ, "KATA_ROOT": str(REPO), "KATA_TEST_FALLBACKS": fallbacks}
    shown = subprocess.run([sys.executable, "-m", "checker", "check", "01", "--file", str(solution)],
                           cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    data = json.loads(subprocess.run([sys.executable, "-m", "checker", "check", "01", "--file", str(solution),
                                      "--json", "--lang", "fr"], cwd=REPO, env=env, capture_output=True,
                                     text=True, timeout=120).stdout)
    assert shown.returncode == 0 and data["passed"]  # the check still runs, and passes
    assert shown.stdout.count("RLIMIT_AS") == (1 if noted else 0)
    assert ("environment" in data) == noted
    if noted:
        from checker.i18n import t

        assert data["environment"] == [t("env-no-memory-limit", "fr")] and "limite de mémoire" in data["environment"][0]


def test_the_start_method_switch_is_checked():
    assert system.START_METHODS == ("fork", "spawn", "forkserver")
    env = {**os.environ, "KATA_START_METHOD": "spawn"}
    code = "from checker import system; print(system.start_method())"
    assert subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True).stdout == "spawn\n"
    env["KATA_START_METHOD"] = "thread"
    assert "expected one of" in subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                               text=True).stderr


LEARNER_SEES_THE_METHOD = """\
import multiprocessing

async def task(name, duration):
    raise RuntimeError("start method " + multiprocessing.get_start_method())
"""


@pytest.mark.parametrize("method", system.START_METHODS)
def test_the_forced_start_method_is_the_learners_default(tmp_path, method):
    learner = tmp_path / "first_coroutine.py"
    learner.write_text(LEARNER_SEES_THE_METHOD)
    env = {**os.environ, "KATA_ROOT": str(REPO), "KATA_START_METHOD": method}
    done = subprocess.run([sys.executable, "-m", "checker", "check", "01", "--file", str(learner), "--json"],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert f"start method {method}" in done.stdout


PROCESS_KATAS = ["04", "13"]


@pytest.mark.realtime  # kata 04's speed check needs the machine alone: in the slow tier's workers it said busy-machine
@pytest.mark.timeout(1500)
@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_the_process_katas_verify_under_each_start_method(method):
    env = {**os.environ, "KATA_ROOT": str(REPO), "KATA_START_METHOD": method}
    done = subprocess.run([sys.executable, "-m", "checker", "verify", "--katas", ",".join(PROCESS_KATAS)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=1500)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
