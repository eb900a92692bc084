"""Threads and processes that the learner's code started and left running after its function returned."""

from __future__ import annotations

import functools
import multiprocessing
import multiprocessing.util
import sys
import threading
import time
from pathlib import Path

from checker.i18n import t

GRACE_S = 0.5  # time given to threads that are just finishing; a leak check, not a timing verdict


def thread_origin(thread: threading.Thread, lang: str) -> str:
    target = getattr(thread, "_target", None)
    code = getattr(target, "__code__", None)
    if code is not None:
        return t("origin-running", lang, name=thread.name, target=target.__qualname__,
                 place=f"{Path(code.co_filename).name}:{code.co_firstlineno}")
    return thread.name


def leaked_threads(before: set[int]) -> list[threading.Thread]:
    """Non-daemon threads started since `before` (thread idents) and still alive after a short grace."""
    deadline = time.monotonic() + GRACE_S
    leaked = []
    for thread in threading.enumerate():
        if thread.ident in before or thread.daemon or thread is threading.current_thread():
            continue
        thread.join(max(0.0, deadline - time.monotonic()))
        if thread.is_alive():
            leaked.append(thread)
    return leaked


def leaked_processes(before: set[int]) -> list[multiprocessing.process.BaseProcess]:
    """multiprocessing children started since `before` (pids) and still alive after a short grace
    (active_children() also reaps the finished ones, so no zombie is left behind by this check)."""
    deadline = time.monotonic() + GRACE_S
    leaked = []
    for child in multiprocessing.active_children():
        if child.pid in before:
            continue
        child.join(max(0.0, deadline - time.monotonic()))
        if child.is_alive():
            leaked.append(child)
    return leaked


_STARTED: dict[int, object] = {}  # pid -> the function a Process started in this run runs


def note_process_targets() -> None:
    """From now on, note the function each started Process runs (its target, or the `run` a subclass
    defines), by pid: multiprocessing drops a Process's target once it started it (bpo-30775), and a message
    about a process left running should say which function it is."""
    base = multiprocessing.process.BaseProcess
    start = base.start
    if getattr(start, "__kata_notes__", False):
        return

    @functools.wraps(start)
    def start_noting_target(self):
        target = getattr(self, "_target", None)
        if target is None and type(self).run is not base.run:
            target = type(self).run
        start(self)
        if target is not None and self.pid:
            _STARTED[self.pid] = target

    start_noting_target.__kata_notes__ = True
    base.start = start_noting_target


def started_target(pid: int | None) -> str | None:
    """The qualified name of the function the process `pid` was started to run, if noted."""
    name = getattr(_STARTED.get(pid), "__qualname__", None)
    return name if isinstance(name, str) else None


def process_origin(process: multiprocessing.process.BaseProcess, lang: str) -> str:
    """Its name and pid, and where the function it runs is defined when it was noted at its start."""
    code = getattr(_STARTED.get(process.pid), "__code__", None)
    target = started_target(process.pid)
    if code is not None and target:
        return t("origin-process-running", lang, name=process.name, pid=process.pid, target=target,
                 place=f"{Path(code.co_filename).name}:{code.co_firstlineno}")
    return t("origin-process", lang, name=process.name, pid=process.pid)


class ImportWatch:
    """Threads and processes that the learner's module started while it was loading (module-level code),
    looked at again when the run ends: a non-daemon thread or a non-daemon multiprocessing child still alive
    then would keep the learner's program from ever exiting (Python waits for them at exit), whatever the
    checks of its functions said."""

    def __init__(self) -> None:
        self.threads_before = set(threading.enumerate())
        self.pids_before = {p.pid for p in multiprocessing.active_children()}
        self.threads: list[threading.Thread] = []
        self.processes: list[multiprocessing.process.BaseProcess] = []

    def loaded(self) -> None:
        """Right after the import: what it started and is still running."""
        self.threads = [th for th in threading.enumerate() if th not in self.threads_before]
        self.processes = [p for p in multiprocessing.active_children() if p.pid not in self.pids_before
                          and not _stopped_at_exit(p)]

    def still_running(self) -> tuple[list[threading.Thread], list[multiprocessing.process.BaseProcess]]:
        """At the end of the run, after a short grace: those still alive."""
        deadline = time.monotonic() + GRACE_S
        for item in [*self.threads, *self.processes]:
            item.join(max(0.0, deadline - time.monotonic()))
        return [th for th in self.threads if th.is_alive()], [p for p in self.processes if p.is_alive()]

    def verdict(self, lang: str) -> tuple[str, str, bool] | None:
        """(code, message in `lang`, blocks_exit) for the first thread or process left running, blocking ones
        first."""
        threads, processes = self.still_running()
        found = [("leaked-thread", thread_origin(thread, lang), not thread.daemon) for thread in threads]
        found += [("leaked-process", process_origin(p, lang), not p.daemon) for p in processes]
        if not found:
            return None
        found.sort(key=lambda item: not item[2])
        code, origin, blocks = found[0]
        what = t("import-leak-thread", lang) if code == "leaked-thread" else t("import-leak-process", lang)
        more = t("import-leak-more", lang, count=len(found) - 1) if len(found) > 1 else ""
        if blocks:
            return code, t("import-leak-blocks", lang, what=what, origin=origin, more=more), blocks
        return code, t("import-leak-daemon", lang, what=what, origin=origin, more=more), blocks


def _stopped_at_exit(process: multiprocessing.process.BaseProcess) -> bool:
    """A manager's server process: multiprocessing shuts it down itself when the program exits, by the
    finalizer the manager registered with the process among its arguments (a started process no longer
    holds its target, and a name proves nothing)."""
    managers = sys.modules.get("multiprocessing.managers")
    if managers is None:
        return False
    shutdown = managers.BaseManager._finalize_manager
    return any(getattr(f, "_callback", None) is shutdown and process in (getattr(f, "_args", None) or ())
               for f in list(multiprocessing.util._finalizer_registry.values()))
