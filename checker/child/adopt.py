"""Threads that the learner's code starts inside a scheduled run are scheduled too.

`adopt(module, monkeypatch.setattr)` changes what the learner's module looks up: its `threading` global
becomes a copy of the module whose `Thread` is the one below, a global `Thread` imported from threading
becomes that one, a subclass of threading.Thread defined there gets it behind it in its MRO, and its `time`
(or `sleep`) gets a `sleep` that is a probe point. Outside a scheduled run they are threading's and time's.

Inside one, `start()` called by a managed thread makes the new thread managed (its start is a probe point,
and it waits for the turn before its run() begins); `join()` and `is_alive()` of a managed thread go through
the scheduler; `time.sleep()` in a managed thread is a probe point and does not wait: while one thread
waits with the turn, nothing else could run, so only the order of the steps matters, not their duration.
Threads started elsewhere (a thread pool's workers) are not managed: waiting for them is blocking that the
scheduler cannot see, so it may step aside (checker/child/schedule.py).
"""

from __future__ import annotations

import functools
import threading
import time
import types
from typing import Callable

from checker.child.schedmodel import Aborted, ManagedThread, active, run_managed

PICKUP_S = 2.0  # an adopted thread's run() begins within this (else it runs unmanaged)


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
        cargo = [self, new]  # taken by the new thread, before its run() begins: the thread's `run` attribute
        # (a closure) hands learner code nothing

        def managed_run() -> None:
            taken = cargo[:]
            cargo.clear()
            if len(taken) == 2:
                run_managed(taken[0], taken[1], functools.partial(taken[0]._run_adopted, taken[1], run))

        thread.run = managed_run
        self._adopting = me.index  # (its start is no stray: codepoints.Starts)
        try:
            start_real()
        except BaseException:
            with self._mutex:
                new.state = "done"  # never started: never to be given the turn
            raise
        finally:
            self._adopting = None
        end = time.monotonic() + PICKUP_S
        while cargo and time.monotonic() < end:
            threading.Event().wait(0.0005)
        if cargo:  # its run() never began (a thread class of its own making): it will run unmanaged
            cargo.clear()
            with self._mutex:
                new.state = "done"
        self._os_threads.append(thread)
        self._schedule(me)

    def _run_adopted(self, new: ManagedThread, run: Callable[[], None]) -> None:
        self._enter(new)
        try:
            if not self._aborting:
                run()  # its exception goes to threading.excepthook, as in an unmanaged thread
        except Aborted:
            pass
        finally:
            self._end(new)


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
        if managed is None or self is threading.current_thread():  # the latter raises, as it should
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


def sleep(seconds: float) -> None:
    """time.sleep, which in a managed thread is a probe point instead: the scheduler's time does not pass
    while the thread waits with the turn, other threads run (a loop that polls with sleep() lets them)."""
    sched = active()
    if sched is None:
        return time.sleep(seconds)
    sched.point()


def _proxy(module: types.ModuleType, **replaced: object) -> types.ModuleType:
    """A fresh copy of `module` with `replaced` (made at each adopt(): no copy is shared, in a module-level
    cache that learner code could fill with its own module, or whose `Thread` it could put back)."""
    proxy = types.ModuleType(module.__name__, module.__doc__)
    proxy.__dict__.update({k: v for k, v in vars(module).items() if k not in ("__name__", "__doc__")})
    proxy.__dict__.update(replaced)
    return proxy


def threading_module() -> types.ModuleType:
    """A copy of the threading module whose Thread is the scheduler's."""
    return _proxy(threading, Thread=Thread)


def time_module() -> types.ModuleType:
    """A copy of the time module whose sleep is the scheduler's."""
    return _proxy(time, sleep=sleep)


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
        elif value is time:
            setattr_(module, name, time_module())
        elif value is time.sleep:
            setattr_(module, name, sleep)
        elif isinstance(value, type) and issubclass(value, threading.Thread) and not issubclass(value, Thread) \
                and value.__module__ == module.__name__:  # the learner's `class Worker(threading.Thread)`
            setattr_(module, name, type(value.__name__, (value, Thread),
                                        {"__module__": value.__module__, "__qualname__": value.__qualname__}))
        else:
            continue
        replaced += 1
    return replaced
