"""The warm server (checker/forkserver.py, checker/child/forkserver.py): a check it forks gets exactly what a
check's child started directly gets, and neither the server's death nor its parent's loses a verdict or
leaves a process behind."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from checker import forkserver, runner, system
from checker.catalog import Catalog

REPO = Path(__file__).resolve().parents[2]
SOLUTION = (REPO / "solutions" / "01_first_coroutine" / "first_coroutine.py").read_text(encoding="utf-8")

# Run by the learner's module in a subprocess (which the audit hook does not watch), this reads what the
# check's process is: its environment (inherited), working folder, descriptors, session, signal mask,
# limits and privileges, and whether it may write outside its run's folder.
PROBE = r"""
import json, os, re, sys, time
time.sleep(0.3)  # until subprocess.run in the check's process has closed what it opened to start us
check, out = int(sys.argv[1]), sys.argv[2]
run = os.getcwd()
def norm(text):
    return re.sub(r"#[0-9]+", "#N", text.replace(run, "RUN").replace(str(check), "PID"))
fds = {}
for fd in os.listdir(f"/proc/{check}/fd"):
    try:
        fds[fd] = norm(os.readlink(f"/proc/{check}/fd/{fd}"))
    except OSError:
        pass
for fd, target in fds.items():
    if target.startswith(("pipe:", "socket:", "anon_inode:")):
        fds[fd] = target.split(":")[0]
status = dict(line.split(":\t", 1) for line in open(f"/proc/{check}/status").read().splitlines() if ":\t" in line)
stat = open(f"/proc/{check}/stat").read().rsplit(")", 1)[1].split()
try:
    with open("/tmp/kata-forkserver-outside-" + str(os.getpid()), "w"):
        pass
    outside = "allowed"
except OSError as exc:
    outside = type(exc).__name__
facts = {"env": {k: norm(v) for k, v in os.environ.items()}, "cwd": norm(run), "fds": fds,
         "session": stat[3] == str(check), "group": stat[2] == str(check),
         "blocked": status["SigBlk"].strip(), "no_new_privs": status.get("NoNewPrivs", "").strip(),
         "limits": [norm(line) for line in open(f"/proc/{check}/limits").read().splitlines()],
         "outside": outside}
with open(out, "w") as f:
    json.dump(facts, f)
"""


def learner(tmp_path: Path, prelude: str) -> Path:
    path = tmp_path / f"first_coroutine_{uuid.uuid4().hex[:8]}.py"
    path.write_text(prelude + "\n" + SOLUTION, encoding="utf-8")
    return path


@pytest.fixture
def kata01():
    return Catalog(REPO).get("01")


@pytest.fixture
def warm(monkeypatch):
    """The server on, fresh for this test, stopped after it."""
    forkserver.stop()
    monkeypatch.setattr(forkserver, "_enabled", True)
    yield
    forkserver.stop()


def facts_of(kata, tmp_path: Path, warm_server: bool, monkeypatch) -> tuple[dict, dict]:
    out = Path("/dev/shm") / f"kata-forkserver-{uuid.uuid4().hex}.json"
    prelude = ("import os, subprocess, sys\n"
               f"subprocess.run([sys.executable, '-c', {PROBE!r}, str(os.getpid()), {str(out)!r}], check=True)\n")
    monkeypatch.setattr(forkserver, "_enabled", warm_server)
    try:
        report = runner.run_suite(kata, learner(tmp_path, prelude).resolve(), "en")
        assert report.passed, [c.message for c in report.checks if not c.passed]
        return json.loads(out.read_text()), report.confinement
    finally:
        out.unlink(missing_ok=True)


@pytest.mark.skipif(not system.has_proc(), reason="reads /proc")
def test_a_forked_check_gets_what_a_directly_started_one_gets(kata01, tmp_path, monkeypatch):
    forkserver.stop()
    try:
        direct, confined = facts_of(kata01, tmp_path, False, monkeypatch)
        forked, _ = facts_of(kata01, tmp_path, True, monkeypatch)
    finally:
        forkserver.stop()
    assert forked["fds"] == direct["fds"]
    assert forked == direct
    assert direct["session"] and direct["group"] and direct["no_new_privs"] == "1"
    # nothing of the server's or of `kata`'s: no pipe, no socket, only the output, files of the run, /dev/null
    assert direct["fds"]["1"] == direct["fds"]["2"] == "RUN/output.txt"
    assert all(target.startswith("RUN/") or target == "/dev/null" for target in direct["fds"].values()), direct["fds"]
    assert direct["outside"] == ("PermissionError" if confined["landlock"] else "allowed")


def test_a_verdict_holds_when_the_server_dies_during_the_check_and_the_next_check_starts_another(
        kata01, tmp_path, warm):
    first = runner.run_suite(kata01, learner(tmp_path, "").resolve(), "en")
    assert first.passed
    server = forkserver.server_pid()
    slow = learner(tmp_path, "import time\ntime.sleep(1.5)\n").resolve()
    reports = []
    thread = threading.Thread(target=lambda: reports.append(runner.run_suite(kata01, slow, "en")))
    thread.start()
    time.sleep(0.5)
    os.kill(server, signal.SIGKILL)
    thread.join(60)
    assert reports and reports[0].passed, [c.message for c in reports[0].checks if not c.passed]
    again = runner.run_suite(kata01, learner(tmp_path, "").resolve(), "en")
    assert again.passed and forkserver.server_pid() not in (None, server)


def test_a_check_cannot_signal_the_server(kata01, tmp_path, warm):
    runner.run_suite(kata01, learner(tmp_path, "").resolve(), "en")
    server = forkserver.server_pid()
    report = runner.run_suite(kata01, learner(tmp_path, "import os, signal\nos.kill(os.getppid(), signal.SIGKILL)\n")
                              .resolve(), "en")
    assert not report.passed and "tampered" in report.codes
    assert system.pid_alive(server) and forkserver.server_pid() == server


RUN_AND_DIE = """
import sys
from pathlib import Path
from checker import forkserver, runner
from checker.catalog import Catalog
forkserver.enable()
kata = Catalog(Path(sys.argv[1])).get("01")
runner.run_suite(kata, Path(sys.argv[2]), "en")
"""


@pytest.mark.skipif(not system.has_proc(), reason="reads /proc")
def test_when_its_parent_dies_the_server_leaves_and_so_do_the_checks_it_forked(tmp_path):
    pids = Path("/dev/shm") / f"kata-forkserver-{uuid.uuid4().hex}"
    hangs = learner(tmp_path, f"import os, time\nopen({str(pids)!r}, 'w').write(f'{{os.getpid()}} {{os.getppid()}}')\n"
                              "time.sleep(120)\n")
    parent = subprocess.Popen([sys.executable, "-c", RUN_AND_DIE, str(REPO), str(hangs.resolve())], cwd=REPO)
    try:
        deadline = time.monotonic() + 60
        while not pids.exists() or not pids.read_text().strip():
            assert time.monotonic() < deadline and parent.poll() is None, "the check never started"
            time.sleep(0.05)
        check, server = map(int, pids.read_text().split())
        assert server in system.descendants(parent.pid)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 20
        while (system.pid_alive(check) or system.pid_alive(server)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not system.pid_alive(check) and not system.pid_alive(server)
    finally:
        parent.kill()
        pids.unlink(missing_ok=True)


@pytest.mark.parametrize("use", ["ctypes.string_at(id(1), 8)", "ctypes.memmove(ctypes.create_string_buffer(8), id(1), 8)",
                                 "ctypes.CDLL(None).getpid()"])
def test_ctypes_already_loaded_by_the_fork_is_still_refused_to_the_learner(kata01, tmp_path, warm, use):
    # the fork loaded ctypes to confine itself (checker/confine.py): a learner's `import ctypes` then raises no
    # event of its own, but every use of it does
    report = runner.run_suite(kata01, learner(tmp_path, f"import ctypes\n{use}\n").resolve(), "en")
    assert not report.passed and "tampered" in report.codes, [c.message for c in report.checks]


@pytest.mark.parametrize("module, name", [("checker.child.forkserver", "_reap"), ("checker.limits", "apply"),
                                          ("checker.confine", "kill_tree")])
def test_replacing_a_function_of_what_the_server_loaded_is_tampered(kata01, tmp_path, warm, module, name):
    replace = f"import sys\nsetattr(sys.modules[{module!r}], {name!r}, lambda *a, **k: None)\n"
    report = runner.run_suite(kata01, learner(tmp_path, replace).resolve(), "en")
    assert not report.passed and "tampered" in report.codes, [c.message for c in report.checks]
