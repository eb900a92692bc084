"""Virtual event-loop time for asyncio checks (looptime): `asyncio.run` inside `virtual(...)` gets a loop whose
clock jumps over sleeps, so a 5 s kata is checked in milliseconds and its timing is exact.

The `virtual` fixture is a `Virtual`: `virtual(fn, *args)` calls fn (which may call asyncio.run), and
`virtual.run(coro_fn, *args)` runs a coroutine function. Each run's loop has a stall probe around it
(checker/child/probes.py) and draws every task as a span of loop time for the verdict's timeline; a run that
reaches its end of virtual time (an hour, by default) raises `LoopEndReached`.

Which loop is timed: the one the check asked to run. For `virtual.run`, the loop its own `asyncio.Runner` makes,
before any learner code runs; for `virtual(fn)`, the loop fn made and ran itself, in the check's thread and
outside any running loop (asyncio.run, asyncio.Runner, loop.run_until_complete in fn). No other loop is ever
timed nor counted, since its clock could read any time (looptime jumps over its sleeps): a run in which another
loop turned (made inside the running loop, run in another thread, or a second loop run after the first) fails
with `wrong-timing`, saying where each was made, rather than pass on a clock that measured something else.
The time read is looptime's clock itself (not `loop.time()`, which a learner can shadow), noted as each wait
of the loop ends; a clock moved by hand between two waits is `tampered`. The run's time is the clock when its
coroutine (the loop's first task) was done, not after asyncio.run's clean-up: a task left running, which
swallows its cancellation and sleeps on, adds nothing.
"""

from __future__ import annotations

import asyncio
import threading
import time
from asyncio.events import _get_running_loop
from dataclasses import dataclass, field
from typing import Any, Callable

import looptime

from checker.child import probes
from checker.child.diagnose import locate
from checker.child.kit_verdicts import KataFailure, tampered
from checker.child.probes import BlockEvent
from checker.i18n import t
from checker.timeline import Span


@dataclass
class VirtualRun:
    result: Any
    elapsed: float | None  # event-loop seconds of the loop timed (see the module's docstring), None if none ran
    loops: int  # loops timed: 1, or 0 when `virtual(fn)` ran none
    stalls: list[BlockEvent] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # every task but the main one, in loop time


def _label(coro: Any) -> str:
    """`task('task 1')`: the coroutine's name and its first argument, when that is a plain value."""
    name = getattr(coro, "__qualname__", None) or type(coro).__name__
    frame = getattr(coro, "cr_frame", None)
    code = getattr(coro, "cr_code", None)
    if frame is not None and code is not None and code.co_argcount:
        first = frame.f_locals.get(code.co_varnames[0])
        if isinstance(first, (str, int, float)):
            return f"{name.rsplit('.', 1)[-1]}({first!r})"
    return name.rsplit(".", 1)[-1]


class LoopEndReached(Exception):
    pass


_clock = looptime.LoopTimeEventLoop.time  # looptime's clock itself, whatever the loop object answers to .time()


@dataclass(eq=False)
class _Made:
    """One loop made during a run: where it was made, and in which threads it turned."""

    loop: asyncio.AbstractEventLoop
    thread: int  # the thread that made it
    nested: bool  # made while an event loop was running in that thread
    where: str | None  # the learner's line that made it
    ran_in: set[int] = field(default_factory=set)  # threads in which it turned (selected) at least once
    ran_nested: bool = False  # turned while another loop of the run was running in the same thread
    spans: list[Span] = field(default_factory=list)
    clock: float = 0.0  # its clock as its last wait ended: looptime moves it in waits (selects) only
    ended: float | None = None  # its clock when its first task (the run's coroutine) was done
    moved: bool = False  # its clock moved between two waits, or its `time` was shadowed: rewritten by hand

    def untouched(self) -> bool:
        """Its clock is where its last wait left it, and `loop.time()` is still looptime's clock."""
        loop = self.loop
        return (not self.moved and _clock(loop) == self.clock and type(loop).time is _clock
                and "time" not in vars(loop))


class _VirtualLoops:
    """While entered, every new event loop is virtual: `asyncio.run`, `asyncio.Runner` and `asyncio.new_event_loop`
    all make theirs with `asyncio.events.new_event_loop`, replaced for that time. (Event-loop policies did this
    before; Python 3.14 deprecates them.) On leaving, only what is still this replacement is put back: a learner
    who replaced it meanwhile is left for the tamper guard to see.

    Each loop made is recorded with the thread that made it and the threads it turned in (its selector's
    select, called once per turn of the loop whoever runs it), so that `timed()` gives the loop the check asked
    for, and `foreign()` every other loop that ran."""

    def __init__(self, end: float, learner_file: str = ""):
        self.end = end
        self.learner_file = learner_file
        self.thread = threading.get_ident()  # the check's
        self.made: list[_Made] = []
        self.own: _Made | None = None  # the loop `Virtual.run` made for itself: the only one it times
        self._original = asyncio.events.new_event_loop
        self._made = self.new_event_loop  # one bound method, to know it again on leaving

    def _another_runs(self, loop: asyncio.AbstractEventLoop | None, thread: int) -> bool:
        """Another loop of this run is running in `thread` (asyncio's own "running loop" can be unset by hand)."""
        return any(other.loop is not loop and other.loop.is_running()
                   and getattr(other.loop, "_thread_id", None) == thread for other in self.made)

    def new_event_loop(self) -> asyncio.AbstractEventLoop:
        loop = looptime.patch_event_loop(self._original(), start=0.0, end=self.end)
        thread = threading.get_ident()
        nested = _get_running_loop() is not None or self._another_runs(None, thread)
        made = _Made(loop, thread, nested, locate(self.learner_file) if self.learner_file else None)
        self.made.append(made)
        self._watch(made)
        first: list[asyncio.Task] = []

        def factory(loop, coro, **kwargs):
            task = asyncio.Task(coro, loop=loop, **kwargs)
            if not first:  # the main coroutine of asyncio.run: the whole run, not a unit of work
                first.append(task)
                task.add_done_callback(lambda _: setattr(made, "ended", _clock(loop)))
                return task
            if first[0].done():  # asyncio.run's own clean-up tasks
                return task
            label, start = _label(coro), loop.time()
            task.add_done_callback(lambda _: made.spans.append(Span(label, start, loop.time())))
            return task

        loop.set_task_factory(factory)
        return loop

    def _watch(self, made: _Made) -> None:
        """Note the thread of each turn of the loop (every turn selects once, whichever thread runs it), and its
        clock as each wait ends: looptime moves it in the select only, so a clock found elsewhere at the next
        turn was moved by hand."""
        selector = made.loop._selector  # type: ignore[attr-defined]  # looptime's clock works on it too
        select, ident, loop = selector.select, threading.get_ident, made.loop

        def watched(timeout=None):
            thread = ident()
            made.ran_in.add(thread)
            if not made.ran_nested and len(self.made) > 1 and self._another_runs(loop, thread):
                made.ran_nested = True
            if not made.moved and not made.untouched():
                made.moved = True
            try:
                return select(timeout)
            finally:
                made.clock = _clock(loop)

        selector.select = watched

    def apart(self) -> list[_Made]:
        """The loops made and run in the check's thread alone, outside any running loop."""
        return [made for made in self.made if made.thread == self.thread and not made.nested
                and made.ran_in == {self.thread} and not made.ran_nested]

    def timed(self) -> _Made | None:
        """The loop the check asked for: `Virtual.run`'s own; else the one loop run apart, if only one was."""
        if self.own is not None:
            return self.own
        apart = self.apart()
        return apart[0] if len(apart) == 1 else None

    def foreign(self) -> list[_Made]:
        """Every other loop that turned at least once."""
        timed = self.timed()
        return [made for made in self.made if made.ran_in and made is not timed]

    def __enter__(self) -> "_VirtualLoops":
        asyncio.events.new_event_loop = asyncio.new_event_loop = self._made
        return self

    def __exit__(self, *exc: object) -> None:
        for module in (asyncio.events, asyncio):
            if module.new_event_loop is self._made:
                module.new_event_loop = self._original


def _untimed(made: _VirtualLoops, foreign: list[_Made]) -> KataFailure:
    """The verdict on a run in which loops the check did not ask for ran: say which, where made, and how."""
    texts = {}
    for lang in ("en", "fr"):
        told = []
        for one in foreign:
            how = ("loop-in-loop" if one.nested or one.ran_nested
                   else "loop-in-thread" if one.thread != made.thread or one.ran_in != {made.thread}
                   else "loop-in-turn")
            said = t("loop-one", lang, how=t(how, lang), seconds=float(one.clock))
            told.append(f"{one.where} — {said}" if one.where else said)
        texts[lang] = t("loop-untimed", lang, loops=(" ; " if lang == "fr" else "; ").join(told))
    return KataFailure("wrong-timing", texts["en"], texts["fr"])


class Virtual:
    """The `virtual` fixture: `virtual(fn, *args)` calls fn (which may call asyncio.run) in virtual time;
    `virtual.run(coro_fn, *args)` runs a coroutine function with asyncio.run in virtual time."""

    def __init__(self, learner_file: str):
        self.learner_file = learner_file
        self.stalls: list[BlockEvent] = []
        self.probe: probes.StallProbe | None = None
        self.last_spans: list[Span] = []

    def stuck_for(self) -> float | None:
        """Seconds the event loop has spent in its current callback, if a virtual run is in one."""
        running = self.probe._running if self.probe is not None else None
        return time.perf_counter() - running[0] if running else None

    def __call__(self, func: Callable, *args: Any, end: float = 3600.0) -> VirtualRun:
        return self._timed(lambda made: func(*args), end)

    def run(self, coro_fn: Callable, *args: Any, end: float = 3600.0) -> VirtualRun:
        def own(made: _VirtualLoops) -> Any:
            with asyncio.Runner() as runner:  # what asyncio.run does, its loop made before any learner code
                loop = runner.get_loop()
                made.own = next((one for one in made.made if one.loop is loop), None)
                if made.own is None:  # new_event_loop was not ours when the loop was made: the guard says why
                    raise RuntimeError("virtual.run: its event loop was not made by virtual time")
                return runner.run(coro_fn(*args))

        return self._timed(own, end)

    def _timed(self, call: Callable[[_VirtualLoops], Any], end: float) -> VirtualRun:
        try:
            with _VirtualLoops(end, self.learner_file) as made, probes.StallProbe(self.learner_file) as probe:
                self.probe = probe
                try:
                    result = call(made)
                except looptime.LoopTimeoutError:
                    raise LoopEndReached(end) from None
        finally:
            self.probe = None
            self.stalls.extend(probe.events)
        timed, foreign = made.timed(), made.foreign()
        if foreign or (timed and not timed.untouched()):
            self.last_spans = []
            if timed and not timed.untouched():
                raise tampered("loop.time()")
            raise _untimed(made, foreign)
        # the time the run's coroutine took: a task it left running, which asyncio.run had to cancel and which
        # slept on, does not make a coroutine that returned at once look as if it had waited
        elapsed = (timed.clock if timed.ended is None else timed.ended) if timed else None
        spans = sorted(timed.spans, key=lambda s: (s.start, s.end)) if timed else []
        self.last_spans = spans
        return VirtualRun(result, elapsed, 1 if timed else 0, list(probe.events), spans)
