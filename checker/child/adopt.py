"""Threads that the learner's code starts inside a scheduled run are scheduled too.

A suite puts `Thread` (a subclass of threading.Thread) where the learner's module looks threads up: its
`threading` global becomes a copy of the module whose `Thread` is this one, a global `Thread` imported from
threading becomes this one, and a subclass of threading.Thread defined there gets this one behind it in its
MRO (`adopt(module, monkeypatch.setattr)`). Outside a scheduled run it is threading.Thread
itself. Inside one, `start()` called by a managed thread makes the new thread managed (its start is a probe
point, and it waits for the turn before its run() begins); `join()` and `is_alive()` of a managed thread go
through the scheduler. Threads started elsewhere (a thread pool's workers) are not managed: waiting for them
is blocking the scheduler cannot see, so it steps aside (checker/child/schedule.py).
"""

from __future__ import annotations

import threading
import types
from typing import Callable

from checker.child.schedmodel import Aborted, ManagedThread, active


class Adoption:
    """The Scheduler's side (a mixin): the threads it adopted."""

    def managed(self, thread: threading.Thread) -> ManagedThread | None:
        entry = self._adopted.get(id(thread))
        return entry[1] if entry is not None and entry[0] is thread else None

    def start(self, thread: threading.Thread, start_real: Callable[[], None]) -> None:
        """`thread.start()` called by a managed thread: the new thread is managed too; its start is a probe point."""
        me = self._by_ident[threading.get_ident()]
        with self._mutex:
            new = None if self._free else self._new_thread()
            if new is not None:
                self._adopted[id(thread)] = (thread, new)
                self.events.append((me.name, "start", new.name))
        if new is None:
            start_real()
            return
        run = thread.run

        def managed_run() -> None:
            self._enter(new)
            try:
                if not self._aborting:
                    run()  # its exception goes to threading.excepthook, as in an unmanaged thread
            except Aborted:
                pass
            finally:
                self._end(new)

        thread.run = managed_run
        try:
            start_real()
        except BaseException:
            with self._mutex:
                new.state = "done"  # never started: never to be given the turn
            raise
        self._os_threads.append(thread)
        self._schedule(me)


class Thread(threading.Thread):
    """threading.Thread, whose start, join and is_alive go through the scheduler inside a scheduled run."""

    def start(self) -> None:
        sched = active()
        if sched is None:
            return super().start()
        sched.start(self, super().start)

    def join(self, timeout: float | None = None) -> None:
        sched = active()
        managed = sched.managed(self) if sched is not None else None
        if managed is None:
            return super().join(timeout)
        if sched.join(managed, timeout):
            super().join()  # its run is over: only the end of the system thread is left

    def is_alive(self) -> bool:
        sched = active()
        managed = sched.managed(self) if sched is not None else None
        if managed is None:
            return super().is_alive()
        sched.point()  # a loop on is_alive() lets the others run
        return managed.state != "done"


_PROXY: list[types.ModuleType] = []


def threading_module() -> types.ModuleType:
    """A copy of the threading module whose Thread is the scheduler's."""
    if not _PROXY:
        proxy = types.ModuleType(threading.__name__, threading.__doc__)
        proxy.__dict__.update({k: v for k, v in vars(threading).items() if k not in ("__name__", "__doc__")})
        proxy.Thread = Thread
        _PROXY.append(proxy)
    return _PROXY[0]


def adopt(module: types.ModuleType, setattr_: Callable[[object, str, object], None]) -> int:
    """Make `module` start scheduler-aware threads: its `threading` global and any global bound to
    threading.Thread are replaced through `setattr_` (monkeypatch.setattr, which puts them back). Returns how
    many globals were replaced."""
    replaced = 0
    for name, value in list(vars(module).items()):
        if value is threading:
            setattr_(module, name, threading_module())
        elif value is threading.Thread:
            setattr_(module, name, Thread)
        elif isinstance(value, type) and issubclass(value, threading.Thread) and not issubclass(value, Thread) \
                and value.__module__ == module.__name__:  # the learner's `class Worker(threading.Thread)`
            setattr_(module, name, type(value.__name__, (value, Thread),
                                        {"__module__": value.__module__, "__qualname__": value.__qualname__}))
        else:
            continue
        replaced += 1
    return replaced
