"""A call tracker: a stand-in for a function of the learner's module (or one the suite hands over) that
records every call as a Span — what it was called with, in which thread, when it started and ended — so
that a check sees how many calls ran at once and draws them on a timeline.

    tracker = Tracker()                          # loop time (virtual under the `virtual` fixture)
    monkeypatch.setattr(learner, "task", tracker.wrap(learner.task))
    virtual.run(learner.run_all, [1.0, 2.0])
    tracker.max_in_flight()                      # 2
    tracker.timeline("en")                       # "task 1 0.0→1.0 s, task 2 0.0→2.0 s"

The same tracker works for threads (`Tracker("wall")`: time.perf_counter) and for code that is neither
(`Tracker(clock=my_clock)`). Recording is thread-safe, and the count of calls in flight is kept as they
start and end, so max_in_flight() is what really overlapped, however close the times.

What a tracker records cannot be forged by the learner's code, which reaches the tracker through the stand-in
it is handed (a closure): the calls are kept in a Ledger (checker/child/kit_ledger.py), written only by the
stand-ins' own code, and by begin()/finish()/wrap() called from the suite's file (the one that made the
tracker) or the checker's; `spans` is a tuple of Spans, themselves tuples. Anything else latches `tampered`.
"""

from __future__ import annotations

import asyncio
import inspect
import threading
import time
from types import MappingProxyType
from typing import Any, Callable, Mapping, NamedTuple

from checker.child.kit_calls import loop_now
from checker.child.kit_ledger import CHECKER_DIR, Ledger, caller_file, nested
from checker.child.kit_text import number
from checker.child.kit_verdicts import show, tampered


def _loop_time() -> float:
    return loop_now(asyncio.get_running_loop())


CLOCKS: Mapping[str, Callable[[], float]] = MappingProxyType({"loop": _loop_time, "wall": time.perf_counter})


class Span(NamedTuple):
    """One tracked call, as the tracker saw it (a copy: a span never changes; read the tracker again for news).
    `name` is its label (by default its first argument), `args` and `kwargs` what it was called with,
    `thread` the threading.Thread it ran in, `end` None while it runs, `outcome` "returned", "raised" or
    "cancelled" once it has ended."""

    name: Any
    args: tuple
    kwargs: dict
    thread: threading.Thread
    start: float
    end: float | None = None
    outcome: str | None = None

    @property
    def running(self) -> bool:
        return self.end is None

    @property
    def label(self) -> str:
        """The name as a message shows it: a str as is, anything else through show()."""
        return self.name if type(self.name) is str else show(self.name)


def first_argument(args: tuple, kwargs: dict) -> Any:
    """The first argument of a call, given by position or by keyword (None without any)."""
    return args[0] if args else next(iter(kwargs.values()), None)


class Tracker(tuple):
    """Records calls as Spans: through wrap(), or by hand with begin() and finish(). A tuple (its ledger, clock
    name, clock, the suite's file): its parts cannot be rebound, and what it records is in its Ledger
    (checker/child/kit_ledger.py), written only by the stand-ins' own frames: learner code that finds the
    tracker in a stand-in's closure can read it, not write it (trying latches `tampered`)."""

    __slots__ = ()

    def __new__(cls, clock: str | Callable[[], float] = "loop") -> "Tracker":
        name = clock if isinstance(clock, str) else "wall"
        now = CLOCKS[clock] if isinstance(clock, str) else clock
        owner = caller_file(1)  # the suite's file: wrap() is called from there or the checker
        return tuple.__new__(cls, (Ledger(Tracker.wrap, Tracker.begin, Tracker.finish, *STAND_INS), name, now, owner))

    @property
    def clock(self) -> str:
        return self[1]

    @property
    def now(self) -> Callable[[], float]:
        return self[2]

    @property
    def lock(self):
        """Held around several reads, they see one moment (reentrant)."""
        return self[0].lock

    def begin(self, name: Any, args: tuple = (), kwargs: dict | None = None) -> Span:
        """Record a call's start by hand (the suite's own code: called from elsewhere, latches `tampered`)."""
        self._from_the_suite("Tracker.begin")
        span = Span(name, args, kwargs or {}, threading.current_thread(), self[2]())
        self[0].write(("append", "spans", span), ("add", "in flight", 1))
        return span

    def finish(self, span: Span, outcome: str = "returned") -> None:
        """Record the end of a call begun by hand (once; the suite's own code only, as begin)."""
        self._from_the_suite("Tracker.finish")
        end = self[2]()
        with self.lock:
            index = next((i for i, seen in enumerate(self.spans) if seen is span and seen.end is None), None)
            if index is not None:
                self[0].write(("replace", "spans", (index, span._replace(end=end, outcome=outcome))),
                              ("add", "in flight", -1))

    def _from_the_suite(self, what: str) -> None:
        caller = caller_file(2)
        if not caller or (caller != self[3] and not caller.startswith(CHECKER_DIR)):
            raise tampered(f"{what}, called from {caller or 'code of no file'}")

    def wrap(self, func: Callable, *, name: str | None = None,
             label: Callable[[tuple, dict], Any] = first_argument,
             before: Callable[[Span], None] | None = None, after: Callable[[Span], None] | None = None) -> Callable:
        """A stand-in for `func` that records each call, `async def` when `func` is: the learner's code sees
        the same kind of function, under the same `name` (func's own by default). `label(args, kwargs)`
        names each span (the first argument by default). `before(span)` runs as a call starts, in its thread
        or task (a rendezvous, a JoinProbe's enter()); `after(span)` as it ends, before its end is recorded
        (a JoinProbe's hold()). The call's own exception passes through. Called by the suite (the file that
        made the tracker) or the checker only: from anywhere else it latches `tampered`.
        The stand-in finds `func`, the hooks and the clock in the ledger, not in its closure (whose cells can
        be rewritten: pointed at another ledger, it records nothing the suite reads), in a record only the
        stand-ins read (the hooks' closures hold the suite's probes), and writes there each call's start and
        end."""
        self._from_the_suite("Tracker.wrap")
        ledger = self[0]
        if name is None:
            name = getattr(func, "__name__", None)
            name = name if type(name) is str else "call"
        slot = ledger.write(("append", "_stand-ins", (func, label, before, after, self[2])))[0]

        if inspect.iscoroutinefunction(func):
            async def tracked(*args: Any, **kwargs: Any) -> Any:
                func, label, before, after, now = ledger.write(("read", "_stand-ins", None))[0][slot]
                span = Span(label(args, kwargs), args, kwargs, threading.current_thread(), now())
                index = ledger.write(("append", "spans", span), ("add", "in flight", 1))[0]
                outcome = "raised"
                try:
                    if before is not None:
                        before(span)
                    value = await func(*args, **kwargs)
                    outcome = "returned"
                    return value
                except asyncio.CancelledError:
                    outcome = "cancelled"
                    raise
                finally:
                    if after is not None:
                        after(span)
                    ledger.write(("replace", "spans", (index, span._replace(end=now(), outcome=outcome))),
                                 ("add", "in flight", -1))
        else:
            def tracked(*args: Any, **kwargs: Any) -> Any:
                func, label, before, after, now = ledger.write(("read", "_stand-ins", None))[0][slot]
                span = Span(label(args, kwargs), args, kwargs, threading.current_thread(), now())
                index = ledger.write(("append", "spans", span), ("add", "in flight", 1))[0]
                outcome = "raised"
                try:
                    if before is not None:
                        before(span)
                    value = func(*args, **kwargs)
                    outcome = "returned"
                    return value
                finally:
                    if after is not None:
                        after(span)
                    ledger.write(("replace", "spans", (index, span._replace(end=now(), outcome=outcome))),
                                 ("add", "in flight", -1))

        tracked.__name__ = tracked.__qualname__ = name  # "coroutine 'task' was never awaited", as the learner wrote it
        return tracked

    # --- reading -----------------------------------------------------------------------------------

    @property
    def spans(self) -> tuple[Span, ...]:
        """Every call, in the order they started."""
        return self[0].read("spans", ())

    @property
    def in_flight(self) -> int:
        """How many calls run now."""
        return self[0].read("in flight", 0)

    @property
    def peak(self) -> int:
        return self[0].peak("in flight")

    def max_in_flight(self) -> int:
        """The most calls running at the same moment."""
        return self.peak

    def calls(self) -> list[tuple]:
        """The arguments of each call, in the order the calls started."""
        return [span.args for span in self.spans]

    def running(self) -> list[Span]:
        """The calls not ended yet."""
        return [span for span in self.spans if span.end is None]

    def rows(self, origin: float = 0.0, limit: int = 60) -> list[tuple[str, float, float | None]]:
        """(label, start, end or None) of the first `limit` calls by start time, times from `origin`."""
        spans = sorted(self.spans, key=lambda span: span.start)[:limit]
        return [(span.label, span.start - origin, None if span.end is None else span.end - origin) for span in spans]

    def draw(self, timeline: Any, origin: float = 0.0, limit: int = 60) -> None:
        """Add the calls to the `timeline` fixture (a call still running ends where the clock is now, or at the
        last time seen once the event loop is closed)."""
        timeline.clock = self.clock
        rows = self.rows(origin, limit)
        try:
            now = self.now() - origin
        except RuntimeError:  # loop time, once the loop is closed: the last time the tracker saw
            now = max([start for _, start, _ in rows] + [end for _, _, end in rows if end is not None], default=0.0)
        for name, start, end in rows:
            timeline.add(name, start, now if end is None else end)

    def timeline(self, lang: str, origin: float = 0.0, limit: int = 8, caller: threading.Thread | None = None,
                 places: int | None = None) -> str:
        """The calls in one line for a message: "task 1 0.0→1.0 s, task 2 0.0→2.0 s" ("never ended" for a
        call still running, "…" past `limit`). With `caller`, each call also says its thread: "(calling
        thread)" or "(thread 1)", numbered as they first appear."""
        fr = lang == "fr"
        threads: dict[int, int] = {}
        parts = []
        spans = sorted(self.spans, key=lambda span: span.start)
        for span in spans[:limit]:
            end = ("jamais finie" if fr else "never ended") if span.end is None else \
                number(span.end - origin, lang, places) + " s"
            part = f"{span.label} {number(span.start - origin, lang, places)}→{end}"
            if caller is not None:
                if span.thread is caller:
                    part += " (thread appelant)" if fr else " (calling thread)"
                else:
                    part += f" (thread {threads.setdefault(id(span.thread), len(threads) + 1)})"
            parts.append(part)
        if len(spans) > limit:
            parts.append("…")
        return ", ".join(parts) if parts else ("aucune tâche" if fr else "no task")


STAND_INS = nested(Tracker.wrap, "tracked")  # the stand-ins' code: the only writers of a tracker's calls
