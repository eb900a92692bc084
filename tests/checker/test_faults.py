"""Hostile and broken submissions (tests/faults/): each gets the verdict its header declares, in bounded
time, never `passed`, and leaves no process behind."""

import json
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from checker.catalog import Catalog

REPO = Path(__file__).resolve().parents[2]
FAULTS = sorted((REPO / "tests" / "faults").glob("*.py"))
HEADER = re.compile(r"^# (kata|expect): (.+)$", re.MULTILINE)
SLACK_S = 8  # start-up, killing the process group, a loaded machine


def header(path: Path) -> dict[str, str]:
    return dict(HEADER.findall(path.read_text(encoding="utf-8", errors="replace")[:400]))


def survivors(path: Path) -> list[int]:
    """Processes still running whose command line names the fault file."""
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit() and proc.name != str(os.getpid()):
            try:
                if str(path).encode() in (proc / "cmdline").read_bytes():
                    found.append(int(proc.name))
            except OSError:
                pass
    return found


def grade(path: Path) -> dict:
    fields = header(path)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "checker", "check", fields["kata"], "--file", str(path), "--json"],
                          capture_output=True, text=True, timeout=120, cwd=REPO,
                          env={**os.environ, "KATA_ROOT": str(REPO)})
    elapsed = time.perf_counter() - started
    time.sleep(0.2)
    return {"returncode": proc.returncode, "stdout": proc.stdout, "stderr": proc.stderr, "elapsed": elapsed,
            "survivors": survivors(path), **fields}


@pytest.fixture(scope="session")
def verdicts(tmp_path_factory):
    """Every fault graded, four at a time (most of them just wait for a time limit). Each is graded from a copy
    in a folder of this run's own, so that a process left running is told by its path from another test
    process grading the same faults at the same time."""
    folder = tmp_path_factory.mktemp("faults")
    copies = []
    for path in FAULTS:
        copies.append(folder / path.name)
        copies[-1].write_bytes(path.read_bytes())
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(FAULTS, pool.map(grade, copies)))


# Every test that reads `verdicts` waits for all the faults to be graded (about 40 s, 27 s of CPU): the slow tier.
FAULTS_GRADED = pytest.mark.slow


@FAULTS_GRADED
@pytest.mark.parametrize("path", FAULTS, ids=lambda p: p.stem)
def test_fault_gets_its_verdict_in_bounded_time_and_leaves_nothing_running(path, verdicts):
    run = verdicts[path]
    assert run["returncode"] == 1, run["stderr"][-2000:]
    report = json.loads(run["stdout"])  # --json prints one object and nothing else, whatever was printed
    assert report["passed"] is False
    codes = {c["code"] for c in report["checks"] if not c["passed"]}
    assert codes & set(run["expect"].split()), (codes, run["expect"])
    assert all(c["message"] for c in report["checks"] if not c["passed"])
    limit = Catalog(REPO).get(run["kata"]).timeout_s
    assert run["elapsed"] < limit + SLACK_S
    assert run["survivors"] == []


def test_a_truly_empty_file_is_judged_not_crashed(tmp_path):
    empty = tmp_path / "empty_answer.py"
    empty.write_bytes(b"")
    proc = subprocess.run([sys.executable, "-m", "checker", "check", "01", "--file", str(empty), "--json"],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "KATA_ROOT": str(REPO)})
    report = json.loads(proc.stdout)
    assert proc.returncode == 1 and "wrong-result" in {c["code"] for c in report["checks"]}


@FAULTS_GRADED
def test_the_learners_stack_is_in_a_timeout_verdict(verdicts):
    report = json.loads(verdicts[REPO / "tests/faults/coroutine_never_yields.py"]["stdout"])
    hung = next(c for c in report["checks"] if c["code"] == "timeout")
    assert "coroutine_never_yields.py:9" in hung["message"]
    skipped = [c for c in report["checks"] if c["status"] == "skipped"]
    assert skipped, "checks after a hang are not run again"


@FAULTS_GRADED
def test_a_crash_shows_the_last_lines_printed(verdicts):
    report = json.loads(verdicts[REPO / "tests/faults/segfault.py"]["stdout"])
    message = next(c["message"] for c in report["checks"] if c["code"] == "crash")
    assert "SIGSEGV" in message and "segfault.py" in message
