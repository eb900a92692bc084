"""Helpers of kata 13's hidden suite that run in the learner's processes, or look at them from outside.

They live in a module of their own, next to the suite, so that a process started with spawn imports them
by name (the suite's folder is on sys.path, and spawn hands sys.path to its children) without importing
pytest or the suite.

How the suite sees where the work ran, whatever the start method:
- `watched_transform` replaces the learner's `transform` during a call. It appends one line per item,
  "T <pid> <item>", to the record file named by the KATA13_RECORD environment variable, and returns
  3 × item (not the given item × item): results equal to 3 × item prove that this very function did the
  work, and the record says in which process.
- A process forked while a record is open writes "F <pid>" (`on_fork`, registered with
  os.register_at_fork by the suite); it inherits the replaced `transform`.
- A process started with spawn or forkserver imports the learner's module again. During a call the suite
  puts a wrapper module of the same name first on sys.path (`wrapper_source`): it runs the learner's
  file, then `activate` writes "I <pid>" and installs watched_transform in that process too.
"""

from __future__ import annotations

import importlib
import logging
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass, field

ENV = "KATA13_RECORD"
FACTOR = 3


_OPEN: dict[tuple[int, str], tuple[int, int, int]] = {}  # (pid, path) -> (fd, st_dev, st_ino)


def _record_fd(path: str) -> int:
    """This process's descriptor on the record, opened once (an item is transformed thousands of times);
    opened again if the learner's code closed it or put another file in its place."""
    key = (os.getpid(), path)
    known = _OPEN.get(key)
    if known is not None:
        fd, dev, ino = known
        try:
            stat = os.fstat(fd)
            if (stat.st_dev, stat.st_ino) == (dev, ino):
                return fd
        except OSError:
            pass
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o600)
    stat = os.fstat(fd)
    _OPEN[key] = (fd, stat.st_dev, stat.st_ino)
    return fd


def _append(line: str) -> None:
    path = os.environ.get(ENV)
    if not path:
        return
    data = line.encode("utf-8", "replace")
    for _ in range(2):  # one write with O_APPEND: lines never interleave
        try:
            os.write(_record_fd(path), data)
            return
        except OSError:
            _OPEN.pop((os.getpid(), path), None)


def watched_transform(item):
    """The checker's `transform`: records which process transformed which item, returns 3 × item."""
    _append(f"T {os.getpid()} {item!r}\n"[:200])
    return item * FACTOR


def on_fork() -> None:
    _append(f"F {os.getpid()}\n")


def activate(module) -> None:
    """Called by the wrapper module in a process started with spawn or forkserver."""
    _append(f"I {os.getpid()}\n")
    module.transform = watched_transform


def wrapper_source(learner_file: str) -> str:
    """A module that runs the learner's file as itself, then installs watched_transform."""
    return (
        "# Written by kata 13's checker: runs the learner's file, then watches `transform`.\n"
        "import sys as _kata13_sys\n"
        f"__file__ = {learner_file!r}\n"
        f"with open({learner_file!r}, encoding='utf-8') as _kata13_f:\n"
        f"    exec(compile(_kata13_f.read(), {learner_file!r}, 'exec'), globals())\n"
        "import processes_that_talk_probes as _kata13_probes\n"
        "_kata13_probes.activate(_kata13_sys.modules[__name__])\n"
    )


@dataclass
class Record:
    transforms: list[tuple[int, str]] = field(default_factory=list)  # (pid, repr of the item)
    forked: set[int] = field(default_factory=set)
    imported: set[int] = field(default_factory=set)

    @property
    def transform_pids(self) -> set[int]:
        return {pid for pid, _ in self.transforms}

    def processes(self, parent: int) -> set[int]:
        """Every process other than `parent` seen running during the call."""
        return (self.forked | self.imported | self.transform_pids) - {parent}


def read_record(path: str, offset: int = 0) -> Record:
    """What was recorded in `path` after its first `offset` bytes."""
    record = Record()
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            lines = f.read(2_000_000).decode("utf-8", "replace").splitlines()
    except OSError:
        return record
    for line in lines:
        kind, _, rest = line.partition(" ")
        pid_text, _, item = rest.partition(" ")
        if not pid_text.isdigit():
            continue
        pid = int(pid_text)
        if kind == "T":
            record.transforms.append((pid, item))
        elif kind == "F":
            record.forked.add(pid)
        elif kind == "I":
            record.imported.add(pid)
    return record


# --- processes and threads seen from /proc (Linux) ----------------------------------------------------

HAS_PROC = os.path.isdir("/proc/self/task")


def _stat(path: str) -> tuple[int, str, int] | None:
    """(ppid, state, CPU ticks) from a /proc stat file, or None when it is gone."""
    try:
        with open(path, "rb") as f:
            text = f.read().decode("ascii", "replace")
    except OSError:
        return None
    fields = text[text.rfind(")") + 2:].split()
    try:
        return int(fields[1]), fields[0], int(fields[11]) + int(fields[12])
    except (IndexError, ValueError):
        return None


def processes() -> dict[int, tuple[int, str, int]]:
    """Every process of the machine: pid -> (ppid, state letter, CPU ticks). Empty without /proc."""
    found: dict[int, tuple[int, str, int]] = {}
    if not HAS_PROC:
        return found
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(f"/proc/{entry}/stat")
            if stat is not None:
                found[int(entry)] = stat
    return found


def children() -> dict[int, tuple[str, int]]:
    """This process's child processes: pid -> (state letter, CPU ticks)."""
    me = os.getpid()
    return {pid: (state, ticks) for pid, (ppid, state, ticks) in processes().items() if ppid == me}


def descendants() -> dict[int, tuple[str, int]]:
    """Children, grandchildren... of this process (those of a fork server too): pid -> (state, ticks)."""
    table = processes()
    below: dict[int, list[int]] = {}
    for pid, (ppid, _, _) in table.items():
        below.setdefault(ppid, []).append(pid)
    found, todo = {}, list(below.get(os.getpid(), []))
    while todo:
        pid = todo.pop()
        if pid not in found and pid in table:
            found[pid] = table[pid][1:]
            todo.extend(below.get(pid, []))
    return found


def threads(skip: int) -> dict[int, tuple[str, int]]:
    """This process's threads except `skip` (a native thread id): tid -> (state letter, CPU ticks)."""
    found: dict[int, tuple[str, int]] = {}
    if not HAS_PROC:
        return found
    for entry in os.listdir("/proc/self/task"):
        if entry.isdigit() and int(entry) != skip:
            stat = _stat(f"/proc/self/task/{entry}/stat")
            if stat is not None:
                found[int(entry)] = (stat[1], stat[2])
    return found


def helper_pids() -> set[int]:
    """Processes multiprocessing itself keeps running (resource tracker, fork server): never the learner's."""
    pids = set()
    for module, helper, attribute in (("resource_tracker", "_resource_tracker", "_pid"),
                                      ("forkserver", "_forkserver", "_forkserver_pid")):
        try:
            pid = getattr(getattr(importlib.import_module(f"multiprocessing.{module}"), helper), attribute, None)
        except Exception:  # a private name of multiprocessing that another Python version lacks
            continue
        if pid:
            pids.add(pid)
    return pids


# --- what the learner's processes printed --------------------------------------------------------------

_ERROR_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt))\b(?::\s?(.*))?$")
_PROCESS_HEADER = re.compile(r"^Process (\S+):\s*$")


_FEEDER_ERROR = re.compile(r"error in queue thread: (.+)$", re.MULTILINE)


class FeederErrors(logging.Handler):
    """Shows on stderr (fd 2, captured by the suite) the one multiprocessing log line that matters here: a
    Queue's feeder thread that could not pickle an item while its process was exiting drops that item and
    everything after it, without a traceback ("error in queue thread: ...", logged at INFO level)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
            if message.startswith("error in queue thread"):
                os.write(2, f"[{record.processName}] {message}\n".encode("utf-8", "replace"))
        except Exception:
            pass


@contextmanager
def feeder_errors_shown():
    import multiprocessing
    logger = multiprocessing.get_logger()
    handler, level = FeederErrors(logging.INFO), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def child_errors(text: str) -> list[tuple[str, str]]:
    """(process name or "", error line) for each traceback printed in `text`; the error line takes in the
    indented lines that continue its message (RuntimeError's about the bootstrapping phase does)."""
    found: list[tuple[str, str]] = []
    name, in_traceback, lines = "", False, text.splitlines()
    for index, raw in enumerate(lines):
        line = raw.rstrip()
        header = _PROCESS_HEADER.match(line)
        if header:
            name = header.group(1)
            continue
        if line.startswith("Traceback (most recent call last)"):
            in_traceback = True
            continue
        if in_traceback and line and not line.startswith(" ") and _ERROR_LINE.match(line):
            message = [line.strip()]
            for more in lines[index + 1:index + 4]:
                if not more.startswith((" ", "\t")) or not more.strip():
                    break
                message.append(more.strip())
            found.append((name, " ".join(message)[:300]))
            in_traceback, name = False, ""
    for match in _FEEDER_ERROR.finditer(text):
        found.append(("", f"{match.group(1).strip()[:240]} (a Queue could not send an item)"))
    return found
