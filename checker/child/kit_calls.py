"""Calling the learner's code in a daemon thread, with a deadline, so that a hang is an outcome to judge
instead of a hung check. The outcome says what happened (returned, raised, still running); the verdict
is the suite's: a hang means `deadlock` in one kata, `timeout` in another, and says why in its own words.

    outcome = call_with_deadline(learner.wait_all, [0.1, 0.2], timeout=3.0)
    if outcome.hung:
        fail("timeout", en=..., fr=...)
    value = outcome.result()  # the value, or the learner's exception raised again here
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass
from typing import Any, Callable

from checker.child.kit_verdicts import fail, tampered


@dataclass
class Outcome:
    """How a call ended: `value` when it returned, `error` when it raised, `hung` when it was still
    running at the deadline (a thread goes on, a daemon; an awaitable is cancelled). `elapsed` is in the
    call's clock: wall-clock seconds for a thread, loop seconds for an awaitable."""

    value: Any = None
    error: BaseException | None = None
    hung: bool = False
    elapsed: float = 0.0
    thread: threading.Thread | None = None

    @property
    def kind(self) -> str:
        """"returned", "raised" or "hung"."""
        return "hung" if self.hung else "raised" if self.error is not None else "returned"

    def result(self) -> Any:
        """The value returned; the learner's exception raised again here (the plugin then names it and its
        line); a call that hung has no result (the suite decides its verdict first)."""
        if self.hung:
            raise RuntimeError("the call hung: judge outcome.hung before asking for its result")
        if self.error is not None:
            raise self.error
        return self.value


class Call:
    """A call running in its own daemon thread: wait for it, then read its outcome."""

    def __init__(self, func: Callable, args: tuple, kwargs: dict, name: str):
        self.started = time.perf_counter()
        self._value: Any = None
        self._error: BaseException | None = None
        self._done = threading.Event()
        self._ended = self.started
        self.thread = threading.Thread(target=self._run, args=(func, args, kwargs), name=name, daemon=True)
        self.thread.start()

    def _run(self, func: Callable, args: tuple, kwargs: dict) -> None:
        try:
            self._value = func(*args, **kwargs)
        except BaseException as exc:  # handed to the suite's thread by outcome()
            self._error = exc
        finally:
            self._ended = time.perf_counter()
            self._done.set()

    def wait(self, timeout: float | None) -> bool:
        """True once the call has ended, False if it still runs after `timeout` seconds."""
        return self._done.wait(timeout)

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def outcome(self) -> Outcome:
        if not self._done.is_set():
            return Outcome(hung=True, elapsed=time.perf_counter() - self.started, thread=self.thread)
        return Outcome(self._value, self._error, False, self._ended - self.started, self.thread)


def start_call(func: Callable, *args: Any, name: str = "kata-call", **kwargs: Any) -> Call:
    """Start func(*args, **kwargs) in a daemon thread named `name`; for suites that watch the call while it
    runs (processes it starts, its threads' stacks) before deciding it hung."""
    return Call(func, args, kwargs, name)


def call_with_deadline(func: Callable, *args: Any, timeout: float, name: str = "kata-call",
                       **kwargs: Any) -> Outcome:
    """func(*args, **kwargs) in a daemon thread, waited for at most `timeout` seconds: its Outcome."""
    call = start_call(func, *args, name=name, **kwargs)
    call.wait(timeout)
    return call.outcome()


def loop_now(loop: asyncio.AbstractEventLoop) -> float:
    """The loop's clock as its class tells it (virtual time's, under the `virtual` fixture). A `time` given to
    the loop object itself, which the learner's code can do and take back at its first use, is never asked:
    it is `tampered`, as the virtual clock says of a shadowed `time` once its run is over."""
    if "time" in getattr(loop, "__dict__", {}):
        raise tampered("loop.time()")
    return type(loop).time(loop)


async def await_with_deadline(awaitable: Any, timeout: float) -> Outcome:
    """Await `awaitable` for at most `timeout` seconds of the running loop's time: under the `virtual`
    fixture the deadline is a timer that virtual time jumps to, so a hang costs no real time. Its Outcome:
    `hung` when the suite's deadline expired (the awaitable is cancelled), else its value or its exception
    (the learner's own TimeoutError included); a cancellation of the suite's task goes through."""
    loop = asyncio.get_running_loop()
    start = loop_now(loop)
    deadline = asyncio.timeout(timeout)
    try:
        async with deadline:
            value = await awaitable
    except TimeoutError as exc:
        if deadline.expired():
            return Outcome(hung=True, elapsed=loop_now(loop) - start)
        return Outcome(error=exc, elapsed=loop_now(loop) - start)
    except Exception as exc:  # the learner's: the suite judges it, or raises it again with outcome.result()
        return Outcome(error=exc, elapsed=loop_now(loop) - start)
    return Outcome(value, elapsed=loop_now(loop) - start)


def run_with_deadline(func: Callable, *args: Any, timeout: float, what: str | dict[str, str]) -> Any:
    """func(*args) with a deadline, for the suites of locks: a call still running after `timeout` seconds is
    a `deadlock` verdict (a suite that can tell a spin from a wait catches it and says which: see
    diagnose.sample). `what` names the call, as text or as {"en": ..., "fr": ...}. Exceptions are raised
    again here."""
    outcome = call_with_deadline(func, *args, timeout=timeout, name="kata-deadline")
    what_en, what_fr = (what["en"], what["fr"]) if isinstance(what, dict) else (what, what)
    if outcome.hung:
        fail("deadlock",
             en=f"{what_en} had not returned after {timeout:g} s: its threads are stuck, most likely waiting for "
                "a lock that is never released (an acquire() without release(), or two locks taken in opposite "
                "orders). Expected: it returns; use `with lock:` so the lock is always released.",
             fr=f"{what_fr} n'avait pas rendu la main après {timeout:g} s : ses threads sont bloqués, très "
                "probablement en attente d'un verrou jamais relâché (un acquire() sans release(), ou deux verrous "
                "pris dans des ordres opposés). Attendu : qu'il se termine ; utilisez `with lock:` pour que le "
                "verrou soit toujours relâché.")
    return outcome.result()
