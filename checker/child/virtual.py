"""Virtual event-loop time for asyncio checks (looptime): `asyncio.run` inside `virtual(...)` gets a loop whose
clock jumps over sleeps, so a 5 s kata is checked in milliseconds and its timing is exact.

The `virtual` fixture is a `Virtual`: `virtual(fn, *args)` calls fn (which may call asyncio.run), and
`virtual.run(coro_fn, *args)` runs a coroutine function. Each run's loop has a stall probe around it
(checker/child/probes.py) and draws every task as a span of loop time for the verdict's timeline; a run that
reaches its end of virtual time (an hour, by default) raises `LoopEndReached`.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import looptime

from checker.child import probes
from checker.child.probes import BlockEvent
from checker.timeline import Span


@dataclass
class VirtualRun:
    result: Any
    elapsed: float | None  # event-loop seconds of the last loop created, None if no loop ran
    loops: int
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


class _VirtualLoops:
    """While entered, every new event loop is virtual: `asyncio.run`, `asyncio.Runner` and `asyncio.new_event_loop`
    all make theirs with `asyncio.events.new_event_loop`, replaced for that time. (Event-loop policies did this
    before; Python 3.14 deprecates them.) On leaving, only what is still this replacement is put back: a learner
    who replaced it meanwhile is left for the tamper guard to see."""

    def __init__(self, end: float):
        self.end = end
        self.loops: list[asyncio.AbstractEventLoop] = []
        self.spans: list[Span] = []
        self._original = asyncio.events.new_event_loop
        self._made = self.new_event_loop  # one bound method, to know it again on leaving

    def new_event_loop(self) -> asyncio.AbstractEventLoop:
        loop = looptime.patch_event_loop(self._original(), start=0.0, end=self.end)
        self.loops.append(loop)
        self.spans = []
        first: list[asyncio.Task] = []

        def factory(loop, coro, **kwargs):
            task = asyncio.Task(coro, loop=loop, **kwargs)
            if not first:  # the main coroutine of asyncio.run: the whole run, not a unit of work
                first.append(task)
                return task
            if first[0].done():  # asyncio.run's own clean-up tasks
                return task
            label, start = _label(coro), loop.time()
            task.add_done_callback(lambda _: self.spans.append(Span(label, start, loop.time())))
            return task

        loop.set_task_factory(factory)
        return loop

    def __enter__(self) -> "_VirtualLoops":
        asyncio.events.new_event_loop = asyncio.new_event_loop = self._made
        return self

    def __exit__(self, *exc: object) -> None:
        for module in (asyncio.events, asyncio):
            if module.new_event_loop is self._made:
                module.new_event_loop = self._original


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
        try:
            with _VirtualLoops(end) as made, probes.StallProbe(self.learner_file) as probe:
                self.probe = probe
                try:
                    result = func(*args)
                except looptime.LoopTimeoutError:
                    raise LoopEndReached(end) from None
        finally:
            self.probe = None
            self.stalls.extend(probe.events)
        elapsed = made.loops[-1].time() if made.loops else None
        spans = sorted(made.spans, key=lambda s: (s.start, s.end))
        self.last_spans = spans
        return VirtualRun(result, elapsed, len(made.loops), list(probe.events), spans)

    def run(self, coro_fn: Callable, *args: Any, end: float = 3600.0) -> VirtualRun:
        return self(lambda: asyncio.run(coro_fn(*args)), end=end)
