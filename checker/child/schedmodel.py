"""What the cooperative scheduler (checker/child/schedule.py) models: its managed threads, the learner's locks
(`ModelledLock`), a wait for a thread's end (`Joining`), its decisions (`Choice`) and the result of a run
(`Outcome`); and which scheduler manages the calling thread (`active()`), or which run a thread that no
scheduler manages strays into at a probe point (`probe()`).

Who manages a thread is never read from a module's or an object's attribute: learner code runs in the same
interpreter and can rewrite any container a module holds, or any object it reaches, with no audit event (a
module-level list that named the scheduler of the run under way was set to None by learner code, and no
thread was switched any more). Every managed thread runs inside `run_managed(sched, me, body)`, which asks
a registry kept in a generator's locals (`_registry`) to register it; `active()` and `probe()` ask it for the
calling thread. The registry tells who asks by the frames above its own (it holds its own frame, read once:
the frame that sent a message is its `f_back`, which raises no audit event). Learner code can reach neither
the table nor a frame (the audit hook refuses it every way to a frame, `sys._getframe`, `tb_frame`,
`gi_frame`..., and the heap walks): it cannot read the table, and what it sends is answered as to anyone
outside the checker. A probe point costs a few `f_code` reads (audit events the hook lets through at once),
no `sys._getframe`. The scheduler
itself is never handed to learner code: the registry gives it only for a frame of the checker's own files
(anyone else learns only that the thread is managed), a thread's target is not the scheduler's method, a
modelled lock names its run by a token and its holders by index.

`_ACTIVE` remains as a tripwire: it holds the token of the run under way; the scheduler checks at each
decision and at the end of its run that it is still there, and a run that finds it changed is `tampered`.
"""

from __future__ import annotations

import _thread
import os
import sys
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, NamedTuple

from checker.child.kit_verdicts import tampered

if TYPE_CHECKING:
    from checker.child.schedule import Scheduler

LOCK_KINDS = (type(threading.Lock()), type(threading.RLock()), threading.Condition, threading.Semaphore)

_ACTIVE: "list[object | None]" = [None]  # the token of the run under way (one at a time): a tripwire only
_getframe = sys._getframe  # bound before the learner's code loads: `sys._getframe` rebound changes nothing here
_CHECKER = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep  # checker/: the files that may
# be handed the scheduler (code run under one of their names must be that file's: the audit hook sees to it)
MANAGED = "managed"  # what active() tells any other caller in a managed thread
FREE = "free"  # what probe() tells the checker's code in any thread while a run that stepped aside goes on


def _registry(get_ident, checker: str, entry_code, managed_mark: str, free_mark: str, raised: type,
              type_, len_, tuple_, caught: type, finalizing: Callable[[], bool], getframe: Callable, codes: tuple):
    """The managed threads, by thread: a generator, so that the table lives in its locals, out of learner code's
    reach. A message is (what,): ("enter",) from run_managed registers the calling thread (refused when it is
    registered already: a run_managed called inside a managed thread; and when run_managed was not called by
    the checker's own code: learner code that would register a thread of its own with a scheduler of its
    making, whose probe points would then do what it says), ("leave",) forgets it, ("who",) from active()
    answers (scheduler, managed thread) when its caller is in the checker's files, else MANAGED or None.
    ("probe",) from probe() answers the same in a managed thread;
    in a thread that no scheduler manages, to a caller in the checker's files, (scheduler, None) while that
    scheduler's run is under way and has not stepped aside (a stray: see probe()); FREE to a caller in the
    checker's files, in any thread, while a run that stepped aside (not unwound) goes on; else None.
    Who asks is read from the frames, never from the message: the generator holds its own frame (read once, as
    it starts), whose `f_back`, while it runs, is the frame that sent the message: it must be `_ask`'s, called by
    `probe()`, `active()` or `run_managed()` (their codes, after _ask's, in `codes`), whose caller is the one
    asking (a frame's `f_back` raises no audit event: a probe point costs no `sys._getframe`). A message sent
    any other way (learner code sending to the generator, or calling `_ask` itself) is answered None.
    Everything it uses is an argument, bound when it starts (before the learner's code loads): its frame's
    globals are the module's own, which learner code could rebind."""
    managed: dict[int, tuple] = {}
    answer: object = None
    own = getframe(0)
    while True:
        try:  # whatever is raised in here (an exception sent into the thread, a throw()) ends one answer, not the table
            message = yield answer
            answer = None
            if type_(message) is not tuple_ or len_(message) != 1:
                continue
            what = message[0]
            sender = own.f_back  # _ask's frame
            via = sender.f_back if sender is not None and sender.f_code is codes[0] else None
            code = via.f_code if via is not None else None
            if code is None or (code is not codes[1] and code is not codes[2] and code is not codes[3]):
                continue  # not probe(), active() or run_managed()
            frame = via if code is entry_code else via.f_back  # run_managed's own, else who asks
            if frame is None:
                continue
            ident = get_ident()
            if what == "who" or what == "probe":
                entry = managed.get(ident)
                ours = frame.f_code.co_filename.startswith(checker)
                if entry is not None:
                    if entry[0]._free is False:
                        answer = entry[:2] if ours else managed_mark
                    elif what == "probe" and ours and entry[0]._aborting is False and entry[0]._over is False:
                        answer = free_mark  # its run stepped aside: it runs free
                elif what == "probe" and ours:  # an unmanaged thread: is a run under way, not stepped aside?
                    for other in managed.values():
                        if other[0]._over is False and other[0]._free is False:
                            answer = (other[0], None)
                            break
                        if other[0]._over is False and other[0]._aborting is False:
                            answer = free_mark
            elif code is not entry_code:
                continue
            elif what == "enter":
                caller = frame.f_back  # the checker's own code starts managed threads (_Carrier, adopt)
                if ident in managed or caller is None or not caller.f_code.co_filename.startswith(checker):
                    answer = "refused"
                else:
                    local = frame.f_locals
                    managed[ident] = (local["sched"], local["me"], frame)
            elif what == "leave" and ident in managed and managed[ident][2] is frame:
                del managed[ident]
        except caught as exc:
            if finalizing():  # the interpreter is ending (its modules are cleared): the table with it, quietly
                return
            answer = raised(exc)


class _Raised:
    """What the registry raised while answering: raised again by `_ask`, in the thread that asked."""

    def __init__(self, exc: BaseException):
        self.exc = exc


def _ask(message: tuple) -> object:
    with _asking:  # one thread at a time in the generator
        answer = _registry_send(message)
    if type(answer) is _Raised:
        raise answer.exc
    return answer


def run_managed(sched: "Scheduler", me: "ManagedThread", body: Callable[[], None],
                _settrace: Callable = sys.settrace, _setprofile: Callable = sys.setprofile,
                _tracing: "_thread.LockType" = _thread.allocate_lock()) -> None:
    """The bottom of every managed thread (the job's, or an adopted thread's run): registers the calling thread
    as `me`, managed by `sched`, while `body` runs, under the scheduler's trace and profile functions if it has
    them (switch points in the learner's own code, threads it starts: checker/child/codepoints.py). Called
    inside a managed thread (learner code that would name another scheduler), or by anything but the checker's
    own code (learner code that would make a thread of its own managed, by a scheduler of its making), it
    refuses: `tampered`."""
    if _ask(("enter",)) == "refused":
        raise tampered("checker.child.schedmodel.run_managed")
    tracer = sched.tracer()  # (trace function, profile function) or None
    try:
        if tracer is not None:
            with _tracing:  # two threads installing one at once: "Cannot install a trace function while..."
                _settrace(tracer[0])
                _setprofile(tracer[1])
        body()
    finally:  # (trace and profile functions go with their thread, which ends after this: none is taken off,
        _ask(("leave",))  # which would cost an audit event per thread)


def active() -> "Scheduler | str | None":
    """The scheduler that manages the calling thread, if any (None in unmanaged threads, and once the scheduler
    stepped aside). Only a caller in the checker's own files gets the scheduler; any other gets MANAGED."""
    found = _ask(("who",))
    return found[0] if type(found) is tuple else found


def probe() -> "tuple[Scheduler | str | None, Scheduler | None]":
    """What a probe point asks (a read or a write of watched state, a modelled lock): (active(), None) in a
    managed thread; (None, the scheduler of the run under way) in a thread that no scheduler manages (started
    with `_thread`, from C, a pool's worker made before the run...) while a run is under way and has not
    stepped aside: a stray, that the probe point records (`Scheduler.stray`) and that makes the run one the
    checks cannot judge (`Outcome.unmanaged`): there the scheduler cannot switch threads, so the work done
    there runs whole, whatever the interleaving. (FREE, None) while a run that stepped aside goes on (then
    managed threads too run free: they are not strays; the probe point lets the other threads run, see
    races.py). (None, None) otherwise: no run, or one unwound after a deadlock. Only a caller in the checker's
    own files is told of a stray or of a step aside, or given a scheduler."""
    found = _ask(("probe",))
    if type(found) is tuple:
        return (found[0], None) if found[1] is not None else (None, found[0])
    return found, None


_ENTRY = run_managed.__code__
_get_ident = _thread.get_ident
_asking = _thread.allocate_lock()
_registry_send = _registry(_get_ident, _CHECKER, _ENTRY, MANAGED, FREE, _Raised, type, len, tuple,
                           BaseException, sys.is_finalizing, _getframe,
                           (_ask.__code__, probe.__code__, active.__code__, run_managed.__code__)).send
_registry_send(None)  # started: it waits for its first message


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


class Choice(NamedTuple):
    """One decision: the threads that could run (the default first), the one chosen, and whether choosing
    another than the current thread was a preemption. (A tuple made by tuple.__new__ in `made()`: a
    dataclass's or a namedtuple's own `__init__`/`__new__` is code compiled at run time, which the trace
    function of codepoints.py must look twice at, for every decision.)"""
    options: tuple[int, ...]
    chosen: int
    preemptive: bool  # the current thread could have gone on

    @property
    def preempted(self) -> bool:
        return self.preemptive and self.chosen != self.options[0]

    @classmethod
    def made(cls, options: tuple[int, ...], chosen: int, preemptive: bool) -> "Choice":
        return tuple.__new__(cls, (options, chosen, preemptive))


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
    aside: str | None = None  # why the scheduler stepped aside (passthrough): "wait" (inside threading, queue
    # or concurrent.futures), "stall" (no CPU, no probe point: a sleep, I/O...), "spin" (no probe point, CPU used),
    # "steps" (MAX_STEPS probe points: a loop that never ends)
    aside_at: tuple[tuple[str, int, str], ...] = ()  # (file, line, function) of the learner's frames of the thread
    # that had the turn then, outermost first
    unmanaged: int = 0  # probe points reached, before any step aside, in threads that no scheduler manages (see
    # probe()): what ran there ran whole, whatever the schedule; a run with any cannot be judged exactly

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
        self.holders: list[int] = []  # the index of each managed thread that holds it (never the thread itself)
        self.run: object = None  # the token of the run that last modelled it (never the scheduler itself)

    def acquire(self, blocking: bool = True, timeout: float = -1) -> bool:
        sched, stray = probe()
        if sched is None or sched is FREE:
            if stray is not None:
                stray.stray("acquire")
            return real_acquire(self.real, blocking, timeout)
        return sched.acquire(self, blocking, timeout)

    def release(self) -> None:
        sched, stray = probe()
        if sched is None or sched is FREE:
            if stray is not None:
                stray.stray("release")
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
        self.holders = [thread.index]
        self.label = f"the end of thread {thread.name} (join)"
        self.label_fr = f"la fin du thread {thread.name} (join)"


def real_acquire(real, blocking: bool = True, timeout: float | None = -1) -> bool:
    """acquire() of any lock: a Semaphore or a Condition refuses a timeout beside blocking=False."""
    if timeout is None or timeout < 0:
        return real.acquire(blocking)
    return real.acquire(blocking, timeout)


def thread_name(index: int) -> str:
    return chr(ord("A") + index % 26) + ("" if index < 26 else str(index // 26))
