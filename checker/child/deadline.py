"""Each check's time limit: a real-time timer (SIGALRM) that raises `CheckTimeout` in the main thread, with the
stacks of the learner's threads sampled at that moment, so that the verdict can say where the code was."""

from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Callable, Iterator

from checker.child import diagnose


class CheckTimeout(BaseException):
    """Raised in the main thread when a check runs past its limit (a BaseException, so that a learner's
    `except Exception:` cannot swallow it)."""

    def __init__(self, limit: float, stacks: list[diagnose.ThreadStack], running: diagnose.ThreadStack | None,
                 loop_stuck_s: float | None):
        super().__init__(f"check ran past {limit} s")
        self.limit = limit
        self.stacks = stacks
        self.running = running  # a thread seen making progress, if any
        self.loop_stuck_s = loop_stuck_s  # the event loop sat in one callback this long


@contextmanager
def deadline(limit: float, learner_file: str, stuck_for: Callable[[], float | None]) -> Iterator[None]:
    """Raise CheckTimeout if the block runs past `limit` seconds; `stuck_for` tells how long the event loop has
    sat in one callback (virtual time's stall probe)."""

    def on_alarm(signum, frame):
        raise CheckTimeout(limit, *diagnose.sample(learner_file), stuck_for())

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, limit)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
