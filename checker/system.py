"""What this operating system offers the checker, and the fallback for each piece it lacks.

The checker needs POSIX: `fcntl` (the progress store's lock), `resource` (a check's limits), `SIGHUP` and
`pthread_sigmask` (the checks' child waits with every signal blocked), process groups (`killpg`) and
`fork`. Linux has all of them, macOS too; a native Windows Python has none, and `kata` says so in one line
instead of a traceback (WSL is the way there). Where a POSIX system lacks a finer piece, a fallback takes its
place and says what no longer holds:

- no `/proc` (macOS): processes are listed with `ps`;
- a memory limit (`RLIMIT_AS`) that the kernel does not enforce (macOS): not set, and said once in the
  report's environment line.

`KATA_TEST_FALLBACKS` (a comma-separated list of `proc`, `rlimit-as`) forces those fallbacks on Linux. It is
read only by the project's tests, so that each fallback's code runs in the test suite.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from contextlib import contextmanager
from collections.abc import Iterable
from typing import NamedTuple

FORCED = frozenset(filter(None, os.environ.get("KATA_TEST_FALLBACKS", "").split(",")))
START_METHODS = ("fork", "spawn", "forkserver")


def missing_facilities() -> list[str]:
    """The POSIX facilities the checker needs that this Python lacks (empty on Linux and macOS)."""
    missing = []
    for module in ("fcntl", "resource"):
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(module)
    missing += [f"signal.{name}" for name in ("SIGHUP", "pthread_sigmask") if not hasattr(signal, name)]
    missing += [f"os.{name}" for name in ("fork", "killpg", "setsid") if not hasattr(os, name)]
    return missing


def unsupported_message(lang: str) -> str | None:
    """One line for a platform the checker cannot run on, in `lang`; None where it can."""
    missing = missing_facilities()
    if not missing:
        return None
    from checker.i18n import t

    return t("unsupported-platform", lang, missing=", ".join(missing))


def has_proc() -> bool:
    return "proc" not in FORCED and os.path.isdir("/proc/self")


def memory_limit_enforced() -> bool:
    """Whether the kernel enforces RLIMIT_AS: Linux does; macOS accepts some values and ignores them."""
    return "rlimit-as" not in FORCED and sys.platform.startswith("linux")


class Proc(NamedTuple):
    pid: int
    ppid: int
    pgid: int
    zombie: bool


def processes() -> list[Proc]:
    """Every process of the system this user can see: from /proc, else from `ps`."""
    return _from_proc() if has_proc() else _from_ps()


def stat_fields(path: str) -> list[bytes] | None:
    """The fields of a /proc `stat` file after the command's name (the state first); None when it cannot be
    read (gone meanwhile)."""
    try:
        with open(path, "rb") as stat:
            return stat.read().rsplit(b")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _from_proc() -> list[Proc]:
    found = []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        fields = stat_fields(f"/proc/{entry.name}/stat")
        if fields is None:
            continue  # gone meanwhile
        found.append(Proc(int(entry.name), int(fields[1]), int(fields[2]), fields[0] in (b"Z", b"X")))
    return found


def _from_ps() -> list[Proc]:
    import subprocess

    try:
        out = subprocess.run(["ps", "-A", "-o", "pid=,ppid=,pgid=,stat="], capture_output=True, text=True,
                             timeout=10).stdout
    except (OSError, subprocess.TimeoutExpired):
        return []
    found = []
    for line in out.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0].isdigit():
            found.append(Proc(int(parts[0]), int(parts[1]), int(parts[2]), parts[3].startswith(("Z", "X"))))
    return found


def descendants(roots: int | Iterable[int], table: list[Proc] | None = None) -> set[int]:
    """The pids whose chain of parents leads to one of `roots` (the roots excluded), living or zombie as
    `table` has them (default: every process now)."""
    roots = {roots} if isinstance(roots, int) else set(roots)
    children: dict[int, list[int]] = {}
    for proc in processes() if table is None else table:
        children.setdefault(proc.ppid, []).append(proc.pid)
    found, todo = set(), list(roots)
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def pid_alive(pid: int) -> bool:
    """Whether the process runs (a zombie waiting for its parent does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return any(proc.pid == pid and not proc.zombie for proc in processes())


def group_alive(pgid: int) -> bool:
    """Whether a process of the group is alive (zombies waiting for their parent do not count)."""
    try:
        os.killpg(pgid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return any(proc.pgid == pgid and not proc.zombie for proc in processes())


def environment_notes(lang: str) -> list[str]:
    """One line for each guarantee of a check that this system cannot give (the report's environment)."""
    from checker.i18n import t

    return [] if memory_limit_enforced() else [t("env-no-memory-limit", lang)]


@contextmanager
def fork_where_it_exists():
    """multiprocessing's default start method is fork inside the block where the system has fork (Linux,
    macOS), whatever the platform's own default (spawn on macOS, forkserver on Linux from 3.14); the previous
    one comes back after. Suites check spawn on purpose, apart."""
    import multiprocessing

    method = multiprocessing.get_start_method(allow_none=True)
    if "fork" in multiprocessing.get_all_start_methods():
        multiprocessing.set_start_method("fork", force=True)
    try:
        yield
    finally:
        multiprocessing.set_start_method(method, force=True)


def start_method() -> str | None:
    """The multiprocessing start method forced for the checks (KATA_START_METHOD), or None: the platform's
    default (fork on Linux before 3.14, forkserver from 3.14, spawn on macOS and Windows)."""
    method = os.environ.get("KATA_START_METHOD") or None
    if method is not None and method not in START_METHODS:
        raise ValueError(f"KATA_START_METHOD={method!r}: expected one of {', '.join(START_METHODS)}")
    return method
