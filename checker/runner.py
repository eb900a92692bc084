"""Run one kata's hidden suite against one file, in a child process with limits, and return a Report.

The child is a new session (process group) with resource limits, confined (checker/confine.py): it may write
only in the run's own folder (and /dev), gains no privilege, and sees a fixed, minimal environment that is the
same whether a learner or a grader runs it. After the check, its whole group and every process it started
(found by pid, also those that left the group with setsid or were double-forked) are killed (checker/children.py,
whose stop_all() ends every check in progress at once, when the program is interrupted). Its temporary
folder is the run's own, removed afterwards with whatever the submission left in it. Its settings and a
secret go on its stdin; the secret signs its record: a missing, truncated or forged record becomes a `crash`
(or `timeout`) verdict, never a pass.
"""

from __future__ import annotations

import compileall
import functools
import os
import secrets
import signal
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import BinaryIO, Callable

from checker import children, confine, forkserver, limits, system
from checker.catalog import Kata
from checker.child.settings import Settings
from checker.children import INTERRUPTS
from checker.errors import KataError, SubmissionFileError
from checker.i18n import t
from checker.report import Check, ForgedRecord, Report, shown, unseal

MAX_SOURCE_BYTES = 1_000_000
TAIL_BYTES = 64_000

CHILD_MAIN = Path(__file__).resolve().parent / "child" / "__main__.py"


def validate_file(path: Path, given: bool = False) -> Path:
    """The file to grade, resolved; a SubmissionFileError says what is wrong with it (`given`: by --file)."""
    try:
        resolved = path.expanduser().resolve(strict=True)
    except FileNotFoundError:
        raise SubmissionFileError(key="no-file-given" if given else "no-file", path=path) from None
    except (RuntimeError, OSError) as exc:  # symlink loop, permission
        raise SubmissionFileError(key="file-unopenable", path=path, error=exc) from None
    if resolved.is_dir():
        raise SubmissionFileError(key="file-is-folder", path=path)
    if not resolved.is_file():
        raise SubmissionFileError(key="file-not-regular", path=path)
    if resolved.suffix != ".py":
        raise SubmissionFileError(key="file-not-python", path=path)
    try:
        size = resolved.stat().st_size
        with open(resolved, "rb"):
            pass
    except OSError as exc:
        raise SubmissionFileError(key="file-unreadable", path=path, error=exc.strerror) from None
    if size > MAX_SOURCE_BYTES:
        raise SubmissionFileError(key="file-too-big", path=path, size=size // 1_000_000,
                                  limit=MAX_SOURCE_BYTES // 1_000_000)
    return resolved


def child_env(run_dir: str) -> dict[str, str]:
    """The child's whole environment: fixed, nothing of the parent's (a grader's FORCE_COLOR, CI, GITHUB_*,
    RUNNER_*, DOTNET_* must not tell learner code that it is being graded)."""
    python_bin = os.path.dirname(sys.executable)
    return {"PATH": os.pathsep.join([python_bin, "/usr/local/bin", "/usr/bin", "/bin"]),
            "HOME": run_dir, "TMPDIR": run_dir, "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
            "PYTHONPATH": str(CHILD_MAIN.parent.parent.parent), "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONIOENCODING": "utf-8", "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
            # the start method forced to verify the katas as on another platform (checker/system.py)
            **{name: os.environ[name] for name in ("KATA_START_METHOD",) if os.environ.get(name)}}


def _start(command: list[str], run_dir: str, out, cpu_seconds: int, mask: set[signal.Signals],
           confinement: confine.Confinement):
    """The check's child, with its stdin a pipe for the secret and settings: forked by the warm server when
    this process runs many checks (checker/forkserver.py), else started directly."""
    memory = system.memory_limit_enforced()  # elsewhere the report says there is no memory limit
    if not forkserver.enabled():
        return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT, cwd=run_dir,
                                env=child_env(run_dir), start_new_session=True,
                                preexec_fn=functools.partial(limits.apply, cpu_seconds, mask, memory, confinement))
    stdin_r, stdin_w = os.pipe()
    request = {"cwd": run_dir, "env": child_env(run_dir), "argv": command[4:], "cpu_seconds": cpu_seconds,
               "mask": [int(s) for s in mask], "memory": memory, "abi": confinement.abi}
    ruleset = [confinement.ruleset_fd] if confinement.ruleset_fd is not None else []
    try:
        proc = forkserver.fork(command[:5], child_env("/"), request, [stdin_r, out.fileno(), *ruleset])
    except BaseException:
        os.close(stdin_w)
        raise
    finally:
        os.close(stdin_r)
    proc.stdin = os.fdopen(stdin_w, "wb")
    return proc


@functools.cache
def compile_checker() -> None:
    """The checker's bytecode, written once per process where it is missing or stale: a check's child reads
    it (checker/child/__main__.py) instead of compiling some 40 modules from source, about 0.04 s of CPU.
    Where the checker's folder is read-only (an installed package has its bytecode already), nothing."""
    compileall.compile_dir(CHILD_MAIN.parent.parent, quiet=2)


def run_suite(kata: Kata, file: Path, lang: str, seed: int | None = None,
              on_progress: Callable[[list[Check]], None] | None = None) -> Report:
    """Grade `file` (already validated) against `kata`'s hidden suite. `on_progress`, if given, is called with
    the checks as they finish (display only: the verdict comes from the final record)."""
    if children.stopped():
        raise KataError(key="interrupted")
    compile_checker()
    secret = secrets.token_hex(32).encode()
    started = time.perf_counter()
    # The run's folder is the learner code's to write in: the parent reads the record there only as a regular
    # file (never through a link, never blocking on a FIFO) and the output through its own descriptor.
    with tempfile.TemporaryDirectory(prefix="kata-run-", ignore_cleanup_errors=True) as tmp:
        record = Path(tmp) / "record.json"
        output = Path(tmp) / "output.txt"
        settings = Settings(suite=str(kata.suite), file=str(file), kata=kata.id, lang=lang,
                            check_timeout=kata.check_timeout_s, record=str(record), run_dir=tmp,
                            record_locks=kata.record_locks, leaks=kata.leaks, seed=seed)
        # The kata and the file in the command line only name the check in `ps` (and to the tests' hunt for
        # survivors); the child reads nothing but its stdin.
        command = [sys.executable, "-B", "-X", "faulthandler", str(CHILD_MAIN), kata.id, str(file)]
        confinement = confine.prepare(tmp)
        with open(output, "w+b") as out:
            # Until the child is known to stop_all() and to the `finally` below, an interrupt must wait.
            mask = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
            proc, timed_out = None, False
            try:
                proc = children.start(lambda: _start(command, tmp, out, int(kata.timeout_s * 2) + 5,
                                                     mask - INTERRUPTS, confinement))
                confinement.close()
                if children.stopped():  # stop_all() ran in another thread meanwhile
                    children.signal_group(proc.pid)
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
                try:
                    proc.stdin.write(secret + b"\n" + settings.to_line())
                    proc.stdin.close()
                except BrokenPipeError:
                    pass
                _wait(proc, kata.timeout_s, record, secret, on_progress)
            except subprocess.TimeoutExpired:
                timed_out = True
            finally:
                signal.pthread_sigmask(signal.SIG_SETMASK, mask)
                confinement.close()
                if proc is not None:
                    children.end(proc)
            tail = _tail(out, file)
        checks, complete, forged = _read_record(record, secret)
    duration = time.perf_counter() - started
    if timed_out or not complete or forged:
        checks = [c for c in checks if c.status in ("passed", "failed", "skipped")]
        checks.append(_run_verdict(kata, lang, proc.returncode, timed_out, forged, tail))
    report = build_report(kata, checks, duration, lang)
    report.confinement = confinement.describe()
    if not report.confinement.get("landlock"):
        report.environment.append(t("not-confined", lang, why=confinement.why(lang) or "?"))
    return report


BUSY_RETRIES = 4  # as `kata verify`: a check that said busy-machine runs again, at most this many times


def run_measured(kata: Kata, file: Path, lang: str, seed: int | None = None,
                 on_progress: Callable[[list[Check]], None] | None = None) -> Report:
    """run_suite, run again while the machine was too busy to measure (a `busy-machine` verdict, no verdict on
    the learner), at most BUSY_RETRIES more times, and no new run once the kata's time limit has gone by in
    all: with the last run's own limit, that stays within a grader step's time-out (checker/classroom.py)."""
    started = time.monotonic()
    report = run_suite(kata, file, lang, seed, on_progress)
    runs = 1
    while report.busy and runs <= BUSY_RETRIES and time.monotonic() - started < kata.timeout_s:
        report = run_suite(kata, file, lang, seed, on_progress)
        runs += 1
    report.runs = runs
    return report


def _wait(proc: subprocess.Popen, limit: float, record: Path, secret: bytes,
          on_progress: Callable[[list[Check]], None] | None) -> None:
    """proc.wait(limit); meanwhile, with on_progress, read the record the child rewrites after each check."""
    if on_progress is None:
        proc.wait(timeout=limit)
        return
    deadline, seen = time.monotonic() + limit, None
    while True:
        try:
            proc.wait(timeout=max(0.0, min(0.1, deadline - time.monotonic())))
            return
        except subprocess.TimeoutExpired:
            if time.monotonic() >= deadline:
                raise
        try:
            stamp = record.lstat().st_mtime_ns
        except OSError:
            continue
        if stamp != seen:
            seen = stamp
            checks, _, forged = _read_record(record, secret)
            if not forged:
                on_progress(checks)


def checks_thread() -> None:
    """The initializer of a thread that runs checks (`kata grade`, `verify`, `class grade`): it never takes
    the interrupts, so that the kernel gives them to the main thread, whose wait for the checks they cut
    short (given to a worker, they would wait until the main thread's next look: after the checks)."""
    signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)


def _read_record(path: Path, secret: bytes) -> tuple[list[Check], bool, bool]:
    """(checks, complete, forged). Anything but a regular file where the record should be (a link, a FIFO,
    a folder: put there by the learner's code) is a forged record."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return [], False, False
    except OSError:
        return [], False, True
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return [], False, True
        blob = f.read(5_000_000)
    try:
        checks, complete = unseal(blob, secret)
    except (ForgedRecord, ValueError, KeyError, TypeError):
        return [], False, True
    return checks, complete, False


def _tail(out: BinaryIO, learner_file: Path) -> str:
    """The last lines printed (read through the parent's own descriptor: the file's name is in the learner's
    folder); from a fatal error's traceback, only the learner's lines."""
    out.flush()
    out.seek(0, os.SEEK_END)
    out.seek(max(0, out.tell() - TAIL_BYTES))
    text = out.read(TAIL_BYTES).decode("utf-8", "replace")
    lines = [line for line in text.splitlines() if line.strip()]
    if "Fatal Python error" in text:
        lines = [line for line in lines if "Fatal Python error" in line or str(learner_file) in line]
    return shown("\n".join("    " + line.strip()[:200] for line in lines[-12:]))


def _run_verdict(kata: Kata, lang: str, returncode: int | None, timed_out: bool, forged: bool, tail: str) -> Check:
    name = t("run-title", lang)
    if forged:
        return Check(name, False, "crash", t("forged-report", lang), "failed")
    if timed_out:
        return Check(name, False, "timeout", t("timeout", lang, limit=kata.timeout_s), "failed")
    if returncode is not None and returncode < 0:
        sig = signal.Signals(-returncode).name
        why_key = f"why-{sig}" if f"why-{sig}" in _WHY else "why-other"
        why = t(why_key, lang, limit=limits.OUTPUT_LIMIT_BYTES // 1_000_000)
        message = t("killed-by-signal", lang, signal=sig, why=why)
    else:
        message = t("exited", lang, status=returncode)
    if tail:
        message += "\n" + t("output-tail", lang, tail=tail)
    return Check(name, False, "crash", message, "failed")


_WHY = {"why-SIGSEGV", "why-SIGKILL", "why-SIGXFSZ", "why-SIGXCPU"}


def build_report(kata: Kata, checks: list[Check], duration: float, lang: str) -> Report:
    """The Report of a run: its verdicts and points follow the one rule of checker.report.Report."""
    return Report(kata=kata.id, max_points=kata.points, duration_s=duration, checks=checks,
                  tasks=tuple((task.id, task.points) for task in kata.tasks), lang=lang,
                  environment=system.environment_notes(lang))
