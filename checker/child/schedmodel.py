"""What the cooperative scheduler (checker/child/schedule.py) models: its managed threads, the learner's locks
(`ModelledLock`), a wait for a thread's end (`Joining`), its decisions (`Choice`) and the result of a run
(`Outcome`); and which scheduler manages the calling thread (`active()`)."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.child.schedule import Scheduler

LOCK_KINDS = (type(threading.Lock()), type(threading.RLock()), threading.Condition, threading.Semaphore)

_ACTIVE: "list[Scheduler | None]" = [None]  # the scheduler of the run under way (one at a time)


def active() -> "Scheduler | None":
    """The scheduler that manages the calling thread, if any (None in unmanaged threads: no cost there)."""
    sched = _ACTIVE[0]
    if sched is not None and sched._free is False and threading.get_ident() in sched._by_ident:
        return sched
    return None


class Aborted(BaseException):
    """Raised in managed threads to unwind them once the run is over (a deadlock was found)."""


@dataclass(eq=False)
class ManagedThread:
    index: int
    name: str
    sem: threading.Lock = field(default_factory=threading.Lock)
    state: str = "ready"  # ready | waiting | done
    waiting_on: "ModelledLock | Joining | None" = None
    yielded: bool = False  # a failed try-lock: let the others run first (no preemption counted)
    error: BaseException | None = None
    timeout: bool = False  # its wait (a join with a timeout) may end when no other thread can run
    timed_out: bool = False


@dataclass(frozen=True)
class Choice:
    """One decision: the threads that could run (the default first), the one chosen, and whether choosing
    another than the current thread was a preemption."""
    options: tuple[int, ...]
    chosen: int
    preemptive: bool  # the current thread could have gone on

    @property
    def preempted(self) -> bool:
        return self.preemptive and self.chosen != self.options[0]


@dataclass
class Outcome:
    finished: bool  # every thread ran to its end under the scheduler
    deadlock: list[tuple[str, "ModelledLock | Joining | None", "ModelledLock | Joining", str]] | None  # (thread,
    # lock held, lock waited for, its holder's name), along the cycle
    choices: list[Choice]
    events: list[tuple[str, str, object]]  # (thread, op, value): "read"/"write" of watched state, locks
    errors: list[BaseException]
    passthrough: bool  # the scheduler stepped aside (blocking it cannot see): not an exact replay
    too_long: bool = False
    stuck: bool = False  # a job was still alive at the end of the run's time: it waits (or spins) for ever
    threads: int = 0  # managed threads: the jobs and the threads they started
    left_running: int = 0  # threads started by the jobs, still alive when the run returned (after a step aside)

    @property
    def preemptions(self) -> int:
        return sum(c.preempted for c in self.choices)

    def raise_error(self) -> None:
        """What the learner's code raised in one of its threads, raised again in the check (the first one)."""
        if self.errors:
            raise self.errors[0]


class ModelledLock:
    """The learner's lock (Lock, RLock, Semaphore, Condition...), wrapped so that managed threads take it through
    the scheduler. Unmanaged threads use the real lock directly."""

    def __init__(self, real, label: str, label_fr: str | None = None):
        self.real = real
        self.label = label
        self.label_fr = label_fr or label
        self.holders: list[ManagedThread] = []
        self.sched: Scheduler | None = None

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        sched = active()
        if sched is None:
            return real_acquire(self.real, blocking, timeout)
        return sched.acquire(self, blocking, timeout)

    def release(self) -> None:
        sched = active()
        if sched is None:
            self.real.release()
            return
        sched.release(self)

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()

    def locked(self) -> bool:
        return self.real.locked()

    def __getattr__(self, name: str):  # notify, wait, _is_owned... go to the real object
        return getattr(self.real, name)

    def __repr__(self) -> str:
        return f"<{self.label}>"


class Joining:
    """What a thread inside join() waits for: the end of another managed thread. In a deadlock's cycle it reads
    'waits for the end of thread B' (the thread it waits for is named already, so no holder is told)."""
    names_holder = False

    def __init__(self, thread: ManagedThread):
        self.holders = [thread]
        self.label = f"the end of thread {thread.name} (join)"
        self.label_fr = f"la fin du thread {thread.name} (join)"


def real_acquire(real, blocking: bool = True, timeout: float | None = -1) -> bool:
    """acquire() of any lock: a Semaphore or a Condition refuses a timeout beside blocking=False."""
    if timeout is None or timeout < 0:
        return real.acquire(blocking)
    return real.acquire(blocking, timeout)


def thread_name(index: int) -> str:
    return chr(ord("A") + index % 26) + ("" if index < 26 else str(index // 26))
