"""Threads and processes that the learner's code started and left running after its function returned."""

from __future__ import annotations

import multiprocessing
import threading
import time
from pathlib import Path

GRACE_S = 0.5  # time given to threads that are just finishing; a leak check, not a timing verdict


def thread_origin(thread: threading.Thread) -> str:
    target = getattr(thread, "_target", None)
    code = getattr(target, "__code__", None)
    if code is not None:
        return f"{thread.name}, running {target.__qualname__} ({Path(code.co_filename).name}:{code.co_firstlineno})"
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


def process_origin(process: multiprocessing.process.BaseProcess) -> str:
    target = getattr(process, "_target", None)
    name = getattr(target, "__qualname__", None)
    return f"{process.name} (pid {process.pid}" + (f", running {name})" if name else ")")
