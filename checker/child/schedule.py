"""A cooperative scheduler for the learner's threads: one thread runs at a time, and at each probe point the
scheduler (not the operating system) decides which one runs next.

Threads started with `Scheduler.run(jobs)` are *managed*: each one waits on its own semaphore until the
scheduler hands it the turn. A managed thread gives the turn back at probe points only: `point()` (a read or
a write of watched state), `acquire()`/`release()` of a `ModelledLock` (the learner's lock, wrapped by the
suite), its start and its end. Between two probe points it runs alone, so which thread runs where depends
only on the strategy's choices — a seed, or a schedule being explored — never on the machine or its load.

Locks are modelled without knowing their kind: a managed thread that wants a ModelledLock tries the real
lock without blocking; when it is taken, the thread is marked "waiting for L" and the turn goes to another
thread; it is eligible again once some thread releases L. When every live thread waits for a lock, that is
a deadlock, told as its cycle (A holds L1 and waits for L2, held by B...); the scheduler then unwinds every
managed thread (`Aborted`), so nothing stays stuck.

Blocking that the scheduler cannot see (a Condition.wait, a lock it was not given) would freeze the run: when
no probe point is reached for STALL_S while the thread that has the turn uses no CPU (or for SPIN_S in any
case: a loop waiting on a flag), the scheduler steps aside (`passthrough`) and the threads run freely to
their end. That only happens to code whose locks are not modelled; the verdicts on modelled code stay
exact.

`explore(scenario, bound)` runs a scenario under every schedule with at most `bound` preemptions (a switch
away from a thread that could have gone on), fewest preemptions first (iterative context bounding, as in
CHESS), and returns the first failing one: the shortest story of the bug.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from typing import Callable

LOCK_KINDS = (type(threading.Lock()), type(threading.RLock()), threading.Condition, threading.Semaphore)
STALL_S = 1.0  # no probe point reached for this long, and no CPU used: a thread blocks where the scheduler
# cannot see (a slow thread on a busy machine uses CPU meanwhile, so it is not mistaken for a blocked one)
SPIN_S = 2.0  # no probe point for this long, CPU used or not: a thread spins waiting for another (a loop on
# a flag): the scheduler steps aside so that the others can run
MAX_STEPS = 20_000  # probe points in one run; beyond, the run stops being scheduled (a loop that never ends)

_ACTIVE: "Scheduler | None" = None


def active() -> "Scheduler | None":
    """The scheduler that manages the calling thread, if any (None in unmanaged threads: no cost there)."""
    sched = _ACTIVE
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
    waiting_on: "ModelledLock | None" = None
    yielded: bool = False  # a failed try-lock: let the others run first (no preemption counted)
    error: BaseException | None = None


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
    deadlock: list[tuple[str, "ModelledLock | None", "ModelledLock", str]] | None  # (thread, lock held, lock
    # waited for, its holder's name), along the cycle
    choices: list[Choice]
    events: list[tuple[str, str, object]]  # (thread, op, value): "read"/"write" of watched state, locks
    errors: list[BaseException]
    passthrough: bool  # the scheduler stepped aside (blocking it cannot see): not an exact replay
    too_long: bool = False
    stuck: bool = False  # a thread was still alive at the end of the run's time: it waits (or spins) for ever

    @property
    def preemptions(self) -> int:
        return sum(c.preempted for c in self.choices)


class Strategy:
    def choose(self, options: list[int], preemptive: bool) -> int:
        """options: the threads that may run, the default (go on with the current thread) first."""
        raise NotImplementedError


class Seeded(Strategy):
    """At each probe point, switch to another thread with probability `switch`, chosen by a seeded generator."""

    def __init__(self, seed: int, switch: float = 0.25):
        self.rng = random.Random(seed)
        self.switch = switch

    def choose(self, options, preemptive):
        if len(options) == 1:
            return options[0]
        if preemptive and self.rng.random() >= self.switch:
            return options[0]
        return self.rng.choice(options[1:] if preemptive else options)


class Replay(Strategy):
    """Follow `prefix` (indices into each point's options), then always the default."""

    def __init__(self, prefix: list[int]):
        self.prefix = list(prefix)
        self.at = 0

    def choose(self, options, preemptive):
        pick = self.prefix[self.at] if self.at < len(self.prefix) else 0
        self.at += 1
        return options[min(pick, len(options) - 1)]


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


def real_acquire(real, blocking: bool = True, timeout: float | None = -1) -> bool:
    """acquire() of any lock: a Semaphore or a Condition refuses a timeout beside blocking=False."""
    if timeout is None or timeout < 0:
        return real.acquire(blocking)
    return real.acquire(blocking, timeout)


def thread_name(index: int) -> str:
    return chr(ord("A") + index % 26) + ("" if index < 26 else str(index // 26))


class Scheduler:
    def __init__(self, strategy: Strategy):
        self.strategy = strategy
        self.threads: list[ManagedThread] = []
        self._by_ident: dict[int, ManagedThread] = {}
        self._free = False  # passthrough or aborting: probe points do nothing
        self._aborting = False
        self._mutex = threading.Lock()  # held while the scheduler decides (and while it steps aside)
        self._registering = threading.Lock()
        self._finished = threading.Event()
        self.steps = 0
        self.choices: list[Choice] = []
        self.events: list[tuple[str, str, object]] = []
        self.deadlock: list[tuple[str, ModelledLock | None, ModelledLock, str]] | None = None
        self.too_long = False
        self.current: ManagedThread | None = None

    # --- running -----------------------------------------------------------------------------------------

    def run(self, jobs: list[Callable[[], object]], *, timeout: float = 10.0) -> Outcome:
        """Run each job in a managed thread, to the end, a deadlock, or `timeout` seconds."""
        global _ACTIVE
        if _ACTIVE is not None:
            raise RuntimeError("one scheduler at a time")
        _ACTIVE = self
        started: list[threading.Thread] = []
        try:
            for index, job in enumerate(jobs):
                me = ManagedThread(index, thread_name(index))
                me.sem.acquire()
                self.threads.append(me)
                thread = threading.Thread(target=self._body, args=(me, job), daemon=True,
                                          name=f"kata-scheduled-{me.name}")
                started.append(thread)
            for thread in started:
                thread.start()
            self._wait_registered(len(jobs))
            with self._mutex:
                self._grant(self._pick(None))
            last, waited, cpu = -1, 0.0, None
            while not self._finished.wait(0.05):
                if self.steps != last:
                    last, waited, cpu = self.steps, 0.0, self._cpu_of_current()
                    continue
                waited += 0.05
                blocked = cpu is not None and self._cpu_of_current() == cpu  # no CPU used: it waits, unseen
                if (waited >= STALL_S and (blocked or cpu is None)) or waited >= SPIN_S:
                    self._step_aside()
                    break
            for thread in started:
                thread.join(max(0.0, timeout))
        finally:
            _ACTIVE = None
        return Outcome(finished=all(t.state == "done" for t in self.threads) and not self._free,
                       deadlock=self.deadlock, choices=self.choices, events=self.events,
                       errors=[t.error for t in self.threads if t.error is not None],
                       passthrough=self._free and not self._aborting, too_long=self.too_long,
                       stuck=any(thread.is_alive() for thread in started))

    def _cpu_of_current(self) -> float | None:
        """CPU seconds used so far by the thread that has the turn (None where the system cannot tell)."""
        current = self.current
        ident = next((i for i, t in self._by_ident.items() if t is current), None) if current else None
        if ident is None:
            return None
        try:
            return time.clock_gettime(time.pthread_getcpuclockid(ident))
        except (AttributeError, OSError, OverflowError):
            return None

    def _wait_registered(self, count: int) -> None:
        while True:
            with self._registering:
                if len(self._by_ident) >= count:
                    return
            threading.Event().wait(0.0005)

    def _body(self, me: ManagedThread, job: Callable[[], object]) -> None:
        with self._registering:
            self._by_ident[threading.get_ident()] = me
        me.sem.acquire()  # wait for the turn
        try:
            if not self._aborting:
                job()
        except Aborted:
            pass
        except BaseException as exc:
            me.error = exc
        finally:
            self._end(me)

    def _end(self, me: ManagedThread) -> None:
        with self._mutex:
            me.state = "done"
            if all(t.state == "done" for t in self.threads):
                self._finished.set()
                return
            if self._free:
                return
            self.events.append((me.name, "end", None))
            nxt = self._pick(me)
            if nxt is not None:
                self._grant(nxt)

    # --- probe points ------------------------------------------------------------------------------------

    def point(self, op: str | None = None, value: object = None) -> None:
        """A probe point of the calling managed thread: the scheduler may hand the turn to another thread."""
        me = self._by_ident.get(threading.get_ident())
        if me is None or self._free:
            return
        self._schedule(me)
        if op is not None:
            self.events.append((me.name, op, value))

    def note(self, op: str, value: object) -> None:
        me = self._by_ident.get(threading.get_ident())
        if me is not None and not self._free:
            self.events.append((me.name, op, value))

    def _adopt(self, lock: ModelledLock) -> None:
        if lock.sched is not self:  # holders left from an earlier run (unwound without release) are forgotten
            lock.sched, lock.holders = self, []

    def acquire(self, lock: ModelledLock, blocking: bool = True, timeout: float = -1) -> bool:
        me = self._by_ident[threading.get_ident()]
        self._adopt(lock)
        self._schedule(me)
        while True:
            if self._free:
                got = real_acquire(lock.real, blocking, timeout)
                if got:
                    lock.holders.append(me)
                return got
            if lock.real.acquire(False):
                lock.holders.append(me)
                self.events.append((me.name, "acquire", lock.label))
                return True
            if not blocking or (timeout is not None and timeout >= 0):
                me.yielded = True  # a try-lock that failed: the others go first, as after a yield
                return False
            me.state, me.waiting_on = "waiting", lock
            self.events.append((me.name, "wait", lock.label))
            self._schedule(me)

    def release(self, lock: ModelledLock) -> None:
        me = self._by_ident[threading.get_ident()]
        self._adopt(lock)
        lock.real.release()
        for i in range(len(lock.holders) - 1, -1, -1):
            if lock.holders[i] is me:
                del lock.holders[i]
                break
        if self._free:
            return
        self.events.append((me.name, "release", lock.label))
        woken = False
        for other in self.threads:
            if other.state == "waiting" and other.waiting_on is lock:
                other.state, other.waiting_on = "ready", None
                woken = True
        if woken or me.yielded:  # else the release enables nothing: the next probe point decides as well
            self._schedule(me)  # after the release: a thread that yielded (failed try-lock) lets go of it first

    # --- choosing ----------------------------------------------------------------------------------------

    def _options(self, me: ManagedThread | None) -> tuple[list[int], bool]:
        ready = [t.index for t in self.threads if t.state == "ready"]
        if me is not None and me.state == "ready" and not me.yielded:
            return [me.index] + [i for i in ready if i != me.index], True
        if me is not None and me.yielded:
            me.yielded = False  # after a failed try-lock, the next thread in turn is the default
            after = [i for i in ready if i > me.index] + [i for i in ready if i <= me.index]
            return after, True  # going on with the thread that yielded is the deviation
        return ready, False

    def _pick(self, me: ManagedThread | None) -> ManagedThread | None:
        options, preemptive = self._options(me)
        if not options:
            self._deadlocked()
            return None
        if len(options) == 1:
            chosen = options[0]
        else:
            chosen = self.strategy.choose(options, preemptive)
            self.choices.append(Choice(tuple(options), chosen, preemptive))
        return self.threads[chosen]

    def _schedule(self, me: ManagedThread) -> None:
        with self._mutex:  # decisions never overlap a step aside (the watchdog's, from the runner thread)
            if self._free:
                return
            self.steps += 1
            if self.steps > MAX_STEPS:
                self.too_long = True
                self._release_all()
                return
            nxt = self._pick(me)
            if nxt is not None and nxt is not me:
                self._grant(nxt)
        if nxt is None:  # deadlock: every thread is unwound
            raise Aborted
        if nxt is not me:
            me.sem.acquire()
            if self._aborting:
                raise Aborted

    def _grant(self, nxt: ManagedThread | None) -> None:
        if nxt is None:
            return
        self.current = nxt
        try:
            nxt.sem.release()
        except RuntimeError:  # already released by _step_aside
            pass

    def _deadlocked(self) -> None:
        self.deadlock = self._cycle()
        self._aborting = True
        self._release_all()

    def _cycle(self) -> list[tuple[str, "ModelledLock | None", "ModelledLock", str]]:
        """(thread, lock it holds, lock it waits for, that lock's holder), along the cycle of waits."""
        waiting = [t for t in self.threads if t.state == "waiting"]
        if not waiting:
            return []
        path: list[tuple[ManagedThread, ModelledLock, ManagedThread | None]] = []
        seen: list[ManagedThread] = []
        thread: ManagedThread | None = waiting[0]
        while thread is not None and thread not in seen and thread.waiting_on is not None:
            seen.append(thread)
            lock = thread.waiting_on
            holder = lock.holders[-1] if lock.holders else None
            path.append((thread, lock, holder))
            thread = holder
        if thread in seen:  # keep the cycle only, not the path that leads to it
            path = path[seen.index(thread):]
        steps = []
        for i, (waiter, lock, holder) in enumerate(path):
            held = path[i - 1][1] if path[i - 1][2] is waiter else None
            steps.append((waiter.name, held, lock, holder.name if holder else ""))
        return steps

    def _release_all(self) -> None:
        self._free = True
        for t in self.threads:
            try:
                t.sem.release()
            except RuntimeError:
                pass

    def _step_aside(self) -> None:
        with self._mutex:
            self._release_all()
        if all(t.state == "done" for t in self.threads):
            self._finished.set()


# --- exploration ---------------------------------------------------------------------------------------------


@dataclass
class Finding:
    outcome: Outcome
    prefix: list[int]  # the schedule: an index into each decision's options
    runs: int  # schedules tried before this one (included)
    detail: object = None  # what the scenario's judge returned (truthy: the run failed)


def run_scenario(scenario: Callable[[], tuple[list[Callable[[], object]], Callable[[Outcome], bool]]],
                 strategy: Strategy, timeout: float) -> tuple[Outcome, object]:
    jobs, failed = scenario()
    outcome = Scheduler(strategy).run(jobs, timeout=timeout)
    return outcome, failed(outcome)


def explore(scenario, *, bound: int, max_runs: int = 2000, timeout: float = 5.0) -> tuple[Finding | None, int]:
    """Every schedule of `scenario` with at most `bound` preemptions, fewest first; the first that fails.

    `scenario()` builds fresh state and returns (jobs, failed): the threads to run and a judge of the outcome.
    Returns (the finding or None, the number of schedules run). A run the scheduler had to step aside from
    (blocking it cannot see) ends the exploration: it cannot be explored exactly."""
    runs = 0
    for limit in range(bound + 1):
        best: Finding | None = None
        prefix: list[int] | None = []
        while prefix is not None and runs < max_runs:
            outcome, failed = run_scenario(scenario, Replay(prefix), timeout)
            runs += 1
            taken = [c.options.index(c.chosen) for c in outcome.choices]
            if failed and outcome.preemptions == limit:
                found = Finding(outcome, _trim(list(taken)), runs, failed)
                if best is None or (len(found.prefix), found.prefix) < (len(best.prefix), best.prefix):
                    best = found  # of the fewest preemptions, the one that preempts earliest
            if outcome.passthrough or outcome.too_long:
                return best, runs
            prefix = _next_prefix(outcome.choices, taken, limit)
        if best is not None:
            return best, runs
    return None, runs


def _trim(taken: list[int]) -> list[int]:
    while taken and taken[-1] == 0:
        taken.pop()
    return taken


def _next_prefix(choices: list[Choice], taken: list[int], limit: int) -> list[int] | None:
    """The next schedule in depth-first order whose preemptions stay within `limit`."""
    used = [0]
    for c in choices:
        used.append(used[-1] + c.preempted)
    for i in range(len(choices) - 1, -1, -1):
        c = choices[i]
        for alt in range(taken[i] + 1, len(c.options)):
            if used[i] + (c.preemptive and alt != 0) <= limit:
                return taken[:i] + [alt]
    return None
