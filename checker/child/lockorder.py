"""Record the order in which the learner's threads take the learner's locks, to warn about a cycle that
could deadlock even when this run happened not to (thread A takes L1 then L2, thread B takes L2 then L1).

`threading.Lock` and `threading.RLock` are replaced, before the learner's module is imported, by
factories that hand out a recording proxy to code in the learner's file and a real lock to everyone
else (the standard library, pytest, the checker).
"""

from __future__ import annotations

import functools
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from checker.child.diagnose import locate
from checker.i18n import t


@dataclass
class LockGraph:
    learner_file: str
    edges: dict[tuple[int, int], str] = field(default_factory=dict)  # (held, taken) -> where
    names: dict[int, str] = field(default_factory=dict)
    held: threading.local = field(default_factory=threading.local)

    def acquired(self, lock: "RecordingLock") -> None:
        stack = self.held.__dict__.setdefault("stack", [])
        for other in stack:
            if other is not lock:
                key = (id(other), id(lock))
                if key not in self.edges:
                    self.edges[key] = (threading.current_thread().name, locate(self.learner_file) or "?")
        stack.append(lock)

    def released(self, lock: "RecordingLock") -> None:
        stack = self.held.__dict__.setdefault("stack", [])
        for i in range(len(stack) - 1, -1, -1):
            if stack[i] is lock:
                del stack[i]
                break

    def cycles(self) -> list[Callable[[str], list[str]]]:
        """Each cycle of the lock-order graph: a function of the language that tells the steps that make it."""
        found, seen = [], set()
        for (a, b), where in self.edges.items():
            back = self.edges.get((b, a))
            if back and (b, a) not in seen:
                seen.add((a, b))
                found.append(functools.partial(self._steps, ((a, b, where), (b, a, back))))
        return found

    def _steps(self, steps, lang: str) -> list[str]:
        def name(lock: int) -> str:
            place = self.names.get(lock)
            return t("lock-created-at", lang, place=place) if place else t("lock-unnamed", lang)

        return [t("lock-order-step", lang, first=name(a), second=name(b),
                  where=t("lock-taken-by", lang, thread=thread, place=place))
                for a, b, (thread, place) in steps]

    def clear(self) -> None:
        self.edges.clear()


class RecordingLock:
    """A lock that tells the graph when it is taken and released; otherwise the real lock."""

    def __init__(self, real, graph: LockGraph, where: str):
        self._real = real
        self._graph = graph
        graph.names[id(self)] = where

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        got = self._real.acquire(blocking, timeout)
        if got:
            self._graph.acquired(self)
        return got

    def release(self) -> None:
        self._real.release()
        self._graph.released(self)

    __enter__ = acquire

    def __exit__(self, *exc: object) -> None:
        self.release()

    def locked(self) -> bool:
        return self._real.locked()

    def __getattr__(self, name: str):  # _is_owned, _release_save, ... used by threading.Condition
        return getattr(self._real, name)

    def __repr__(self) -> str:
        return f"<kata-recorded {self._real!r}>"


def install(graph: LockGraph) -> None:
    real_lock, real_rlock = threading.Lock, threading.RLock

    def factory(real):
        def make(*args, **kwargs):
            caller = sys._getframe(1).f_code.co_filename
            lock = real(*args, **kwargs)
            if caller != graph.learner_file:
                return lock
            return RecordingLock(lock, graph, f"{Path(caller).name}:{sys._getframe(1).f_lineno}")
        return make

    threading.Lock = factory(real_lock)
    threading.RLock = factory(real_rlock)


def is_lock(obj: object) -> bool:
    """A lock of any kind, recorded or not (for suites that look for the learner's locks)."""
    return isinstance(obj, RecordingLock) or type(obj) in (type(threading.Lock()), type(threading.RLock()))
