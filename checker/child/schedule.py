"""A cooperative scheduler for the learner's threads: one thread runs at a time, and at each probe point the
scheduler (not the operating system) decides which one runs next.

Threads started with `Scheduler.run(jobs)` are *managed*: each one waits on its own semaphore until the
scheduler hands it the turn. So are the threads that a managed thread starts through `adopt.Thread` (the
suite puts it in the learner's module, checker/child/adopt.py): `count_with_threads` starts its own threads,
and they are scheduled like the suite's. A managed thread gives the turn back at probe points only:
`point()` (a read or a write of watched state), `acquire()`/`release()` of a `ModelledLock` (the learner's
lock, wrapped by the suite), the start of a thread, a `join()`, its own start and end. Between two probe
points it runs alone, so which thread runs where depends only on the strategy's choices (checker/child/
explore.py: a seed, or a schedule being explored), never on the machine or its load.

A probe point reached in a thread that no scheduler manages (started with `_thread`, from C, a pool's worker
made before the run) while a run is under way and has not stepped aside is a stray (`stray()`): the code
there runs whole, whatever the schedule (a managed thread that waits for it keeps the turn meanwhile), so a
race there is never seen. The run counts them (`Outcome.unmanaged`) and the suites refuse to pass such a run.

Locks are modelled without knowing their kind: a managed thread that wants a ModelledLock tries the real
lock without blocking; when it is taken, the thread is marked "waiting for L" and the turn goes to another
thread; it is eligible again once some thread releases L. A join waits the same way for the end of a
thread; a join with a timeout gives up only when no other thread can run (the scheduler's time moves on
only then). When every live thread waits, that is a deadlock, told as its cycle (A holds L1 and waits for
L2, held by B...); the scheduler then unwinds every managed thread (`Aborted`), so nothing stays stuck.

Blocking that the scheduler cannot see (a Condition.wait, a Barrier, a thread pool's queue, a lock it was not
given) would freeze the run. When the thread that has the turn uses no CPU and waits inside threading,
queue or concurrent.futures for QUICK_S, or reaches no probe point for STALL_S while using no CPU (or for
SPIN_S in any case: a loop waiting on a flag), the scheduler steps aside (`passthrough`) and the threads run
freely to their end; from then on a watched read or write (checker/child/races.py) lets the other threads
run first, so that a race among the free threads still shows. That only happens to code whose waits are not
modelled; verdicts on modelled code stay exact.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from typing import TYPE_CHECKING, Callable, Mapping

from checker.child import codepoints, joins, schedmodel
from checker.child.adopt import Adoption
from checker.child.kit_verdicts import tampered
from checker.child.schedmodel import (LOCK_KINDS, Aborted, Choice, Joining, ManagedThread, ModelledLock,  # noqa: F401
                                      Outcome, active, real_acquire, run_managed, thread_name)
from checker.child.waits import Waits

if TYPE_CHECKING:
    from checker.child.explore import Strategy

POLL_S = 0.02  # the watchdog's look at the thread that has the turn
QUICK_S = 0.1  # no CPU used, waiting inside threading/queue/concurrent.futures: a wait the scheduler cannot see
STALL_S = 1.0  # no probe point reached for this long, and no CPU used: a thread blocks where the scheduler
# cannot see (a slow thread on a busy machine uses CPU meanwhile, so it is not mistaken for a blocked one)
SPIN_S = 2.0  # no probe point for this long, CPU used or not: a thread spins waiting for another (a loop on
# a flag): the scheduler steps aside so that the others can run
MAX_STEPS = 20_000  # probe points in one run; beyond, the run stops being scheduled (a loop that never ends)


class Scheduler(Waits, Adoption):
    """Locks and joins: checker/child/waits.py; threads started by managed threads: checker/child/adopt.py."""

    def __init__(self, strategy: "Strategy", *, untraced: tuple[str, ...] = (),
                 code_points: "tuple[Mapping, Mapping] | None" = None):
        """`untraced`: the files that are not the learner's (codepoints.untraced()): where a thread that made the
        scheduler step aside was is told in the learner's frames only. `code_points`: the managed threads run
        under a trace function that makes the learner's stores and calls probe points (codepoints.py), told
        the namespaces of the untraced files' code and of the checker's and Python's
        (codepoints.namespaces())."""
        self.strategy = strategy
        self.untraced = untraced or codepoints.untraced()
        self.code_points = code_points
        self.aside: str | None = None  # why the scheduler stepped aside: "wait", "stall", "spin", "steps"
        self.aside_at: tuple[tuple[str, int, str], ...] = ()  # where the thread that had the turn was then
        self.threads: list[ManagedThread] = []
        self._by_ident: dict[int, ManagedThread] = {}
        self._adopted: dict[int, tuple[threading.Thread, ManagedThread]] = {}  # id(Thread) -> its managed self
        self._os_threads: list[threading.Thread] = []
        self._free = False  # passthrough or aborting: probe points do nothing
        self._aborting = False
        self._mutex = threading.Lock()  # held while the scheduler decides (and while it steps aside)
        self._registering = threading.Lock()
        self._finished = threading.Event()
        self.steps = 0
        self.choices: list[Choice] = []
        self.events: list[tuple[str, str, object]] = []
        self.deadlock: list | None = None
        self.too_long = False
        self.current: ManagedThread | None = None
        self._token = object()  # names this run in `schedmodel._ACTIVE` and on the locks it models
        self.tampered: str | None = None  # what learner code was found to have changed during the run
        self._over = False  # run() has returned
        self.unmanaged = 0  # probe points reached in threads that no scheduler manages, before any step aside
        self._coded: tuple[int, int] | None = None  # (thread, step) of the last switch in the learner's code
        self._adopting: int | None = None  # the managed thread starting a thread the scheduler adopts

    # --- running -----------------------------------------------------------------------------------------

    def run(self, jobs: list[Callable[[], object]], *, timeout: float = 10.0) -> Outcome:
        """Run each job in a managed thread, to the end, a deadlock, or `timeout` seconds."""
        if len(schedmodel._ACTIVE) != 1 or schedmodel._ACTIVE[0] is not None:
            raise RuntimeError("one scheduler at a time")
        schedmodel._ACTIVE[0] = self._token
        try:
            for job in jobs:
                me = self._new_thread()
                self._os_threads.append(_Carrier((self, me, functools.partial(self._body, me, job)),
                                                 name=f"kata-scheduled-{me.name}"))
            for thread in list(self._os_threads):
                thread.start()
            self._wait_registered(len(jobs))
            with self._mutex:
                self._grant(self._pick(None))
            self._watch()
            end = time.monotonic() + max(0.0, timeout)
            for thread in list(self._os_threads[:len(jobs)]):  # once stepped aside, threads that the jobs
                thread.join(max(0.0, end - time.monotonic()))  # started and left running are left to the leak check
        finally:
            with self._mutex:
                self._check()
                self._over = True  # threads left to end after the run (unwound, or run free) check nothing
                schedmodel._ACTIVE[:] = [None]
        if self.tampered is not None:
            raise tampered(self.tampered)
        return Outcome(finished=all(t.state == "done" for t in self.threads) and not self._free,
                       deadlock=self.deadlock, choices=self.choices, events=self.events,
                       errors=[t.error for t in self.threads if t.error is not None],
                       passthrough=self._free and not self._aborting, too_long=self.too_long,
                       stuck=any(thread.is_alive() for thread in self._os_threads[:len(jobs)]),
                       threads=len(self.threads),
                       left_running=sum(thread.is_alive() for thread in self._os_threads[len(jobs):]),
                       unmanaged=self.unmanaged, aside=self.aside if not self._aborting else None,
                       aside_at=self.aside_at)

    def _watch(self) -> None:
        """Until every thread is done, step aside when the thread that has the turn blocks where it cannot be seen."""
        last, waited, cpu = -1, 0.0, None
        while not self._finished.wait(POLL_S):
            if self._free:  # stepped aside, unwound, or too long: nothing left to watch
                return
            if self.steps != last:
                last, waited, cpu = self.steps, 0.0, self._cpu_of_current()
                continue
            waited += POLL_S
            blocked = cpu is not None and self._cpu_of_current() == cpu  # no CPU used: it waits, unseen
            reason = ("wait" if blocked and waited >= QUICK_S and self._waits_in_sync() else
                      "stall" if waited >= STALL_S and (blocked or cpu is None) else
                      "spin" if waited >= SPIN_S else None)
            if reason is not None:
                self._step_aside(reason)
                return

    def tracer(self) -> "tuple[codepoints.Tracer, codepoints.Starts] | None":
        """The trace and profile functions of a managed thread of this run (run_managed installs them), if it
        switches in the learner's code."""
        return codepoints.tracer(self.untraced, self, *self.code_points) if self.code_points else None

    def _ident_of_current(self) -> int | None:
        current = self.current
        return next((i for i, t in list(self._by_ident.items()) if t is current), None) if current else None

    def _cpu_of_current(self) -> float | None:
        """CPU seconds used so far by the thread that has the turn (None where the system cannot tell)."""
        ident = self._ident_of_current()
        if ident is None:
            return None
        try:
            return time.clock_gettime(time.pthread_getcpuclockid(ident))
        except (AttributeError, OSError, OverflowError):
            return None

    def _frame_of_current(self):
        ident = self._ident_of_current()
        return sys._current_frames().get(ident) if ident is not None else None

    def _waits_in_sync(self) -> bool:
        """Whether the thread that has the turn waits inside threading, queue or concurrent.futures."""
        frame = self._frame_of_current()
        return frame is not None and joins.waiting_on(frame) is not None

    def _wait_registered(self, count: int) -> None:
        while True:
            with self._registering:
                if len(self._by_ident) >= count:
                    return
            threading.Event().wait(0.0005)

    def _new_thread(self) -> ManagedThread:
        me = ManagedThread(len(self.threads), thread_name(len(self.threads)))
        me.sem.acquire()
        self.threads.append(me)
        return me

    def _enter(self, me: ManagedThread) -> None:
        with self._registering:
            self._by_ident[threading.get_ident()] = me
        me.sem.acquire()  # wait for the turn

    def _body(self, me: ManagedThread, job: Callable[[], object]) -> None:
        self._enter(me)
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
            self._check()
            me.state = "done"
            self.steps += 1  # the turn moves on: the watchdog looks at the next thread afresh
            for other in self.threads:
                if other.state == "waiting" and isinstance(other.waiting_on, Joining) and \
                        other.waiting_on.holders[0] == me.index:
                    other.state, other.waiting_on = "ready", None
            if all(t.state == "done" for t in self.threads):
                self._finished.set()
                return
            if self._free:
                return
            self.events.append((me.name, "end", None))
            self._grant(self._pick(me))

    # --- probe points ------------------------------------------------------------------------------------

    def point(self, op: str | None = None, value: object = None) -> None:
        """A probe point of the calling managed thread: the scheduler may hand the turn to another thread. Right
        after a switch point of the learner's code (code_point) where nothing else was decided, it decides
        nothing again: the learner's store went straight to this probe point (a watched attribute's setter), and
        a second choice there would only double the schedules an exploration tries."""
        me = self._by_ident.get(threading.get_ident())
        if me is None or self._free:
            return
        if self._coded == (me.index, self.steps):
            self._coded = None
        else:
            self._schedule(me)
        if op is not None:
            self.events.append((me.name, op, value))

    def code_point(self) -> None:
        """A switch point in the learner's own code (checker/child/codepoints.py): a probe point, noted as the
        thread's last decision (see point())."""
        me = self._by_ident.get(threading.get_ident())
        if me is None or self._free:
            return
        self._schedule(me)
        self._coded = (me.index, self.steps)

    def stray(self, op: str) -> None:
        """A probe point (`op`: a read, a write, an acquire...) reached during this run, before any step aside, in
        a thread that no scheduler manages (schedmodel.probe() tells only the checker's own code of it, so only
        the probe points call this): a thread started with `_thread`, from C, a pool's worker made before the
        run. The scheduler cannot switch threads there, so the run's verdict cannot be trusted: counted, and
        told by `Outcome.unmanaged`."""
        with self._mutex:
            if not self._free and not self._over:
                self.unmanaged += 1

    def thread_started(self) -> None:
        """A managed thread of a run that switches in the learner's code started a thread (codepoints.Starts): a
        stray (see stray()) unless the scheduler adopts it (adopt.py, which starts it itself)."""
        me = self._by_ident.get(threading.get_ident())
        with self._mutex:
            if me is not None and self._adopting != me.index and not self._free and not self._over:
                self.unmanaged += 1

    def note(self, op: str, value: object) -> None:
        me = self._by_ident.get(threading.get_ident())
        if me is not None and not self._free:
            self.events.append((me.name, op, value))

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
            timed = next((t for t in self.threads if t.state == "waiting" and t.timeout), None)
            if timed is not None:  # nothing else can run: the scheduler's time moves on, its wait times out
                timed.state, timed.waiting_on, timed.timed_out = "ready", None, True
                return timed
            self._deadlocked()
            return None
        if len(options) == 1:
            chosen = options[0]
        else:
            chosen = self.strategy.choose(options, preemptive)
            self.choices.append(Choice.made(tuple(options), chosen, preemptive))
        return self.threads[chosen]

    def _schedule(self, me: ManagedThread) -> None:
        with self._mutex:  # decisions never overlap a step aside (the watchdog's, from the runner thread)
            if self._free:
                return
            self._check()
            self.steps += 1
            if self.steps > MAX_STEPS:
                self.too_long = True
                self.aside = "steps"
                self.aside_at = codepoints.learner_stack(sys._getframe(1), self.untraced)
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

    def _check(self) -> None:
        """At each decision and at the end of the run: the run's token is still the one in `schedmodel._ACTIVE`.
        Nothing reads it to find the scheduler any more (active() reads the thread's stack), so a change there
        switches nothing off; it is learner code reaching into the checker, latched as `tampered`."""
        if self._over or self.tampered is not None:
            return
        now = schedmodel._ACTIVE[:]  # a copy: compared by identity, never by a learner object's __eq__
        if len(now) != 1 or now[0] is not self._token:
            self.tampered = "checker.child.schedmodel._ACTIVE"
            tampered(self.tampered)  # latched now: the record says tampered whatever the check goes on to do

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

    def _release_all(self) -> None:
        self._free = True
        for t in self.threads:
            try:
                t.sem.release()
            except RuntimeError:
                pass

    def _step_aside(self, reason: str) -> None:
        with self._mutex:
            if not self._free:
                self.aside = reason
                self.aside_at = codepoints.learner_stack(self._frame_of_current(), self.untraced)
            self._release_all()
        if all(t.state == "done" for t in self.threads):
            self._finished.set()


class _Carrier(threading.Thread):
    """The system thread of a job: it carries (scheduler, managed thread, body) to its run() and drops them
    there, before the job's code runs, so that no attribute of the thread (`_target`, `_args`: what
    threading.current_thread() shows learner code) hands the scheduler over."""

    def __init__(self, cargo: tuple, name: str):
        super().__init__(name=name, daemon=True)
        self._cargo = cargo

    def run(self) -> None:
        sched, me, body = self._cargo
        del self._cargo
        run_managed(sched, me, body)
