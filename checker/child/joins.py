"""Tracked work that ends when the learner's code waits for it, never by luck.

A suite that wants to know whether the learner's function joined its threads cannot rely on timing: a
`time.sleep` "long enough", a join of the last thread only, a join with a timeout just above the nominal
duration all pass when the tracked work happens to end first. A `JoinProbe` takes that luck away:

    probe = JoinProbe(caller=threading.current_thread())
    def tracked(*args):            # what the suite puts in the learner's module
        probe.enter()
        try:
            return work(*args)
        finally:
            probe.hold()           # before recording the end of the call
    result = learner_function(...)
    still_running = ...            # the calls not ended yet, or whose thread is in probe.left_running(), THEN
    probe.returned()

Each tracked call, once its work is done, is held for a random extra delay: calls end later than their
nominal duration, in an order unrelated to their start order. Unless the calling thread is waiting for it at
that moment, its thread is then held again where it would end (when its run() returns), until some thread
is seen waiting for it: a `join()` of that thread by any thread, or the calling thread blocked in any other
wait of threading, queue, concurrent.futures or multiprocessing (`Future.result`, `Event.wait`,
`Queue.get`, the `join` of a thread that is not a tracked one…). A thread never waited for is still alive
when the learner's function returns (`left_running()`), on every run, whatever the machine's load; a join
whose timeout is shorter than the real duration gives up while its thread is held. A caller that never
waits in a way seen here (a polling loop with `is_alive()` and `time.sleep`) only makes its threads end
after `cap` seconds.
"""

from __future__ import annotations

import os
import random
import sys
import threading
import time

from checker.child.kit_ledger import CHECKER_DIR, Ledger, caller_file
from checker.child.kit_verdicts import tampered

_get_ident = threading.get_ident  # bound at import, before the learner's code loads
POLL_S = 0.01  # how often a held thread looks whether it is waited for (each look walks every thread's frames)

_SYNC_MODULES, _SYNC_PACKAGES = {"threading", "queue"}, ("concurrent.", "multiprocessing.")
_THREADING = os.path.normcase(os.path.abspath(threading.__file__))


def _in_sync_module(frame) -> bool:
    """The frame runs code of the standard library's synchronisation modules (told by its module's name: a
    frame's globals are no audit event, its code is one, and the probe looks at every thread often)."""
    name = frame.f_globals.get("__name__")
    return isinstance(name, str) and (name in _SYNC_MODULES or name.startswith(_SYNC_PACKAGES))


def waiting_on(frame) -> tuple[str, threading.Thread | None] | None:
    """What a thread whose innermost Python frame is `frame` waits for: ("join", thread), ("wait", None) for
    any other wait of the standard library's synchronisation modules, None when it is not waiting (it runs,
    or sleeps: time.sleep is C code, or the checker's own sleep probe, so its innermost frame is elsewhere).
    Only threading's own frames have their code read (reading it is an audit event)."""
    if frame is None or not _in_sync_module(frame):
        return None
    depth, f = 0, frame
    while f is not None and depth < 8 and f.f_globals is _THREADING_GLOBALS:
        code = f.f_code
        if code.co_name == "start":  # Thread.start() waits for the new thread to run: that waits for no result
            return None
        if code.co_name in ("join", "_wait_for_tstate_lock"):
            try:
                target = f.f_locals.get("self")
            except Exception:  # a frame's locals are the interpreter's; never fail a check on them
                target = None
            if isinstance(target, threading.Thread):
                return ("join", target)
        f, depth = f.f_back, depth + 1
    return ("wait", None)


_THREADING_GLOBALS = vars(threading)


class JoinProbe(tuple):
    """A tuple (its Ledger, the limits `extra` and `cap`, the file that made it): the records (the caller, the
    tracked threads, those held at their end, the longest hold, the last release) are in a Ledger
    (checker/child/kit_ledger.py) written only by the probe's own methods, themselves called from the file that
    made the probe or the checker's code (from anywhere else they latch `tampered`). Learner code reaches the
    probe through the profile function that holds a thread at its end (`sys.getprofile()`, no audit event):
    it can read it, not rebind its caller, empty its records or let its threads go."""

    __slots__ = ()

    def __new__(cls, caller: threading.Thread, extra: tuple[float, float] = (0.05, 0.15), cap: float = 1.5,
                rng: random.Random | None = None) -> "JoinProbe":
        ledger = Ledger(*WRITERS)
        rng = rng or random.Random(random.SystemRandom().randrange(1 << 30))
        ledger.write(("put", "_rng", rng), ("put", "_done", threading.Event()), ("put", "caller", caller),
                     ("put", "caller ident", caller.ident))
        return tuple.__new__(cls, (ledger, tuple(extra), float(cap), caller_file(1)))

    @property
    def caller(self) -> threading.Thread:
        """The thread whose waits count as waiting for every tracked thread (the one calling the learner's
        function); set by the suite when that is another thread than the one that made the probe."""
        return self[0].read("caller")

    @caller.setter
    def caller(self, thread: threading.Thread) -> None:
        self._from_the_suite("JoinProbe.caller")
        self[0].write(("put", "caller", thread), ("put", "caller ident", thread.ident))

    ledger = property(lambda self: self[0])
    extra = property(lambda self: self[1])
    cap = property(lambda self: self[2])
    held_longest = property(lambda self: self[0].read("held longest", 0.0))  # the longest time a call was held
    # past its work, for timing checks
    last_release = property(lambda self: self[0].read("last release", 0.0))  # time.perf_counter() when the last
    # held thread was let go: no right answer can have seen its work done before then, so a number it measured
    # covers this too

    def _from_the_suite(self, what: str) -> None:
        caller = caller_file(2)
        if not caller or (caller != self[3] and not caller.startswith(CHECKER_DIR)):
            raise tampered(f"{what}, called from {caller or 'code of no file'}")

    def enter(self) -> None:
        """At the start of a tracked call: its thread is one of those the caller must wait for."""
        self._from_the_suite("JoinProbe.enter")
        me = _get_ident()
        if me != self[0].read("caller ident"):
            self[0].write(("append", "threads", me))

    def waited_for(self, thread: threading.Thread) -> bool:
        frames = sys._current_frames()
        caller, threads = self[0].reads("caller ident", "threads")
        for ident, frame in frames.items():
            state = waiting_on(frame)
            if state is None:
                continue
            kind, target = state
            if kind == "join" and target is thread:
                return True
            if ident == caller:
                on_tracked = kind == "join" and target.ident in (threads or ())
                if not on_tracked:  # the caller waits, and not for another tracked thread in particular
                    return True
        return False

    def hold(self) -> None:
        """At the end of a tracked call (in its thread): a random extra delay, so that calls end late and in
        an order of the suite's choosing. Unless the caller is waiting for it at that moment, the thread is
        then held again when it ends (when its run() returns), until it is waited for."""
        self._from_the_suite("JoinProbe.hold")
        ledger = self[0]
        rng, done, caller = ledger.write(("read", "_rng", None), ("read", "_done", None),
                                         ("read", "caller ident", None))
        if _get_ident() == caller or done.is_set():
            return
        started = time.perf_counter()
        earliest = started + rng.uniform(*self[1])
        done.wait(max(0.0, earliest - time.perf_counter()))
        with ledger.lock:
            ledger.write(("put", "held longest", max(self.held_longest, time.perf_counter() - started)))
        # waited for right now (a join that may time out later is seen again where the thread ends)
        me = threading.current_thread()
        if not done.is_set() and not self.waited_for(me):
            bootstrap = sys._getframe(1)  # the frame of threading's _bootstrap_inner, which calls run()
            while bootstrap is not None:
                code = bootstrap.f_code
                if code.co_name == "_bootstrap_inner" and os.path.normcase(code.co_filename) == _THREADING:
                    break
                bootstrap = bootstrap.f_back
            if bootstrap is not None:  # else not a thread started by threading: nothing to hold at its end
                sys.setprofile(_AtExit((self, me, id(bootstrap))))
        else:
            self._released()

    def _released(self) -> None:
        ledger = self[0]
        with ledger.lock:
            ledger.write(("put", "last release", max(self.last_release, time.perf_counter())))

    def _wait_until_waited_for(self, me: threading.Thread) -> None:
        ledger = self[0]
        done = ledger.write(("read", "_done", None), ("append", "exits", (me.ident, True)))[0]
        latest = time.perf_counter() + self[2]
        try:
            while not done.is_set() and time.perf_counter() < latest and not self.waited_for(me):
                done.wait(POLL_S)
        finally:
            ledger.write(("append", "exits", (me.ident, False)))
            self._released()

    def left_running(self) -> set[int]:
        """Idents of the tracked threads that have not ended: held at their end, never waited for."""
        held: dict[int, bool] = {}
        for ident, holding in self[0].read("exits", ()):
            held[ident] = holding
        return {ident for ident, holding in held.items() if holding}

    def returned(self) -> None:
        """The learner's function has returned (the suite has read which calls were still running)."""
        self._from_the_suite("JoinProbe.returned")
        self[0].write(("read", "_done", None))[0].set()


class _AtExit(tuple):
    """The profile function of a thread held at its end: (the probe, the thread, the id of the frame of
    threading's _bootstrap_inner, which calls run()). A tuple: learner code that gets it from sys.getprofile()
    can rebind nothing in it (nor get the frame)."""

    __slots__ = ()

    def __call__(self, frame, event, arg):
        probe, me, bootstrap = self
        if event == "return" and id(frame.f_back) == bootstrap:  # run() returns (f_back is no audit event)
            sys.setprofile(None)
            probe._wait_until_waited_for(me)


WRITERS = (JoinProbe.__new__, JoinProbe.caller.fset, JoinProbe.enter, JoinProbe.hold, JoinProbe.returned,
           (JoinProbe._released, JoinProbe.hold), (JoinProbe._released, JoinProbe._wait_until_waited_for),
           (JoinProbe._wait_until_waited_for, _AtExit.__call__))


def thread_label(thread: threading.Thread) -> str:
    """A thread as the learner can find it in their code: its name, and its target when it has one."""
    target = getattr(thread, "_target", None)
    name = getattr(target, "__qualname__", None)
    return f"{thread.name}" + (f" (target {name})" if isinstance(name, str) else "")
