"""Each check's time limit, kept by a watchdog thread: when a check runs past it, the stacks of the learner's
threads are sampled (so that the verdict can say where the code was) and `CheckTimeout` is raised in the
thread that runs the checks.

Why a thread and not a signal: the checks do not run on the main thread (checker/child/__main__.py), so that
the learner's code can never install a Python signal handler, which would receive whatever frame the
interpreter is in (the audit hook's included) with no audit event. An exception raised into another thread
(`PyThreadState_SetAsyncExc`) stops Python code, but not a call blocked in C (a lock never released, a long
`time.sleep`, a `join`): when the check has not ended GRACE_S after its exception, it cannot be stopped, and
`abandon` is called from the watchdog with the timeout (it ends the run: that check's verdict, later checks
skipped, as for a check whose threads hung)."""

from __future__ import annotations

import ctypes
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator

from checker.child import diagnose

GRACE_S = 2.0  # after the exception: a check still running is stuck in C

# Bound now, before the learner's code loads (loading ctypes later is refused to code on a learner's stack).
_raise_in = ctypes.pythonapi.PyThreadState_SetAsyncExc
_raise_in.argtypes = (ctypes.c_ulong, ctypes.py_object)
_raise_in.restype = ctypes.c_int
_clear_in = ctypes.PYFUNCTYPE(ctypes.c_int, ctypes.c_ulong, ctypes.c_void_p)(("PyThreadState_SetAsyncExc",
                                                                            ctypes.pythonapi))  # NULL: clear


class CheckTimeout(BaseException):
    """Raised in the checks' thread when a check runs past its limit (a BaseException, so that a learner's
    `except Exception:` cannot swallow it)."""

    def __init__(self, limit: float, stacks: list[diagnose.ThreadStack], running: diagnose.ThreadStack | None,
                 loop_stuck_s: float | None):
        super().__init__(f"check ran past {limit} s")
        self.limit = limit
        self.stacks = stacks
        self.running = running  # a thread seen making progress, if any
        self.loop_stuck_s = loop_stuck_s  # the event loop sat in one callback this long


def raised(fired: CheckTimeout) -> type[CheckTimeout]:
    """A class that Python can raise in another thread (it makes the exception with no argument) and that
    carries `fired`'s diagnosis."""

    class Fired(CheckTimeout):
        def __init__(self) -> None:
            super().__init__(fired.limit, fired.stacks, fired.running, fired.loop_stuck_s)

    Fired.__name__ = Fired.__qualname__ = "CheckTimeout"
    return Fired


class Watchdog(threading.Thread):
    """One per process (`watchdog()`): it waits for the limit of the deadline armed, if any."""

    def __init__(self) -> None:
        super().__init__(name="kata-deadline", daemon=True)
        self.changed = threading.Condition()
        self.armed: tuple | None = None  # (due, limit, learner_file, stuck_for, abandon, thread ident)
        self.fired: tuple | None = None  # the arming whose CheckTimeout was raised

    def run(self) -> None:
        while True:
            with self.changed:
                while self.armed is None or time.monotonic() < self.armed[0]:
                    self.changed.wait(None if self.armed is None else self.armed[0] - time.monotonic())
                armed = self.armed
            _, limit, learner_file, stuck_for, abandon, ident = armed
            fired = CheckTimeout(limit, *diagnose.sample(learner_file), stuck_for())
            with self.changed:
                if self.armed is not armed:  # the block ended meanwhile
                    continue
                _raise_in(ident, raised(fired))
                self.fired = armed
                self.changed.wait_for(lambda: self.armed is not armed, GRACE_S)
                stuck = self.armed is armed
            if stuck:
                abandon(fired)  # never returns

    def arm(self, armed: tuple) -> None:
        with self.changed:
            self.armed = armed
            self.changed.notify()

    def disarm(self) -> None:
        """Called by the thread the deadline was armed for: a CheckTimeout raised too late (the block had
        just ended) and still pending is dropped, never raised in the checker's code that follows."""
        with self.changed:
            fired, self.armed = self.armed is not None and self.fired is self.armed, None
            self.changed.notify()
        if fired:
            _clear_in(threading.get_ident(), None)


_watchdog: list[Watchdog] = []


def watchdog() -> Watchdog:
    """The process's watchdog, started at the first call (the plugin calls it before the learner's module
    loads, so that it is never taken for a thread the module started)."""
    if not _watchdog:
        _watchdog.append(Watchdog())
        _watchdog[0].start()
    return _watchdog[0]


@contextmanager
def deadline(limit: float, learner_file: str, stuck_for: Callable[[], float | None],
             abandon: Callable[[CheckTimeout], None]) -> Iterator[None]:
    """Raise CheckTimeout if the block runs past `limit` seconds; `stuck_for` tells how long the event loop has
    sat in one callback (virtual time's stall probe); `abandon(timeout)` ends the run when the block cannot
    be stopped."""
    watchdog_ = watchdog()
    watchdog_.arm((time.monotonic() + limit, limit, learner_file, stuck_for, abandon, threading.get_ident()))
    try:
        yield
    finally:
        watchdog_.disarm()
