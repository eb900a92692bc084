"""Probes of what the learner's code does while a check runs: blocking calls inside the event loop, held locks.

- `BlockingSleepProbe` replaces time.sleep: a call made while an event loop runs in the calling thread is
  recorded (with the learner's line) instead of frozen for real; elsewhere (threads, to_thread) it sleeps.
- `StallProbe` times every event-loop callback; one that holds the loop for STALL_S or more while the loop
  thread is inside the learner's code (a CPU loop, a blocking socket read) is recorded with its line. Virtual
  time (checker/child/virtual.py) runs it around each virtual run.
- `LockProber` tells whether someone holds a lock, from a thread of its own.
"""

from __future__ import annotations

import asyncio
import asyncio.events
import queue
import sys
import threading
import time
from dataclasses import dataclass
from typing import Any

from checker.child.diagnose import learner_frames, locate

STALL_S = 0.1
SAMPLE_S = 0.02


@dataclass(frozen=True)
class BlockEvent:
    kind: str  # "sleep" | "stall"
    seconds: float
    location: str


class BlockingSleepProbe:
    def __init__(self, learner_file: str):
        self.learner_file = learner_file
        self.real_sleep = time.sleep
        self.events: list[BlockEvent] = []
        self.replacement = self.sleep  # one bound method, so that its identity stays the same

    def install(self, module: Any | None = None) -> None:
        time.sleep = self.replacement
        if module is not None:  # a name bound to the real time.sleep some other way
            for name, value in list(vars(module).items()):
                if value is self.real_sleep:
                    setattr(module, name, self.replacement)

    def sleep(self, seconds: float) -> None:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return self.real_sleep(seconds)
        where = locate(self.learner_file) or "?"
        self.events.append(BlockEvent("sleep", float(seconds), where))
        # Not slept for real: the verdict is known, and the check stays fast.


class StallProbe:
    """Patches asyncio's Handle._run while active; a sampler thread finds the learner's line.

    The patched _run only reads the wall clock: it runs for every callback, thousands per check. What the
    loop thread's CPU did is read by the sampler, once a callback has lasted SAMPLE_S, from that thread's
    CPU clock — so that a loop merely descheduled on a busy machine is not taken for a stall."""

    def __init__(self, learner_file: str):
        self.learner_file = learner_file
        self.events: list[BlockEvent] = []
        self._running: tuple[float, int] | None = None  # (wall start, thread id) of the current callback
        self._seen: list[str] = []
        self._cpu_first: float | None = None  # the loop thread's CPU clock at the first sample
        self._stop = threading.Event()

    def __enter__(self) -> "StallProbe":
        self._original = asyncio.events.Handle._run
        probe, original = self, self._original
        clock, ident = time.perf_counter, threading.get_ident

        def _run(handle):
            if probe._seen:
                probe._seen = []
            probe._cpu_first = None
            start = clock()
            probe._running = (start, ident())
            try:
                return original(handle)
            finally:
                probe._running = None
                wall = clock() - start
                if wall >= STALL_S and probe._busy(wall):
                    where = probe._seen[-1] if probe._seen else repr(handle)[:120]
                    probe.events.append(BlockEvent("stall", wall, where))

        asyncio.events.Handle._run = _run
        self._stop.clear()
        self._sampler = threading.Thread(target=self._sample, name="kata-stall-sampler", daemon=True)
        self._sampler.start()
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.events.Handle._run = self._original
        self._stop.set()
        self._sampler.join()

    def _busy(self, wall: float) -> bool:
        """The callback that just ended (in this thread) held the CPU, or was seen in the learner's code."""
        if len(self._seen) >= 2:
            return True
        if self._cpu_first is None:
            return False
        return time.thread_time() - self._cpu_first >= (wall - SAMPLE_S) / 2

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            running = self._running
            if running is None or time.perf_counter() - running[0] < SAMPLE_S:
                continue
            if self._cpu_first is None:
                try:
                    self._cpu_first = time.clock_gettime(time.pthread_getcpuclockid(running[1]))
                except (AttributeError, OSError, OverflowError):
                    self._cpu_first = None
            frame = sys._current_frames().get(running[1])
            frames = learner_frames(frame, self.learner_file)
            if frames:
                self._seen.append(frames[-1].where())


class LockProber:
    """A thread, started before the learner's code runs and alive until the check ends, that tries each lock
    without blocking: is_held(lock) tells whether someone holds it. It must outlive the learner's threads: an
    RLock remembers its owner by thread id, and a thread started after the owner died may get the same id and
    pass for the owner."""

    def __init__(self, timeout: float = 3.0) -> None:
        self.timeout = timeout  # an answer that takes longer: the prober itself is stuck, so the lock is held
        self.requests: queue.Queue = queue.Queue()
        self.thread = threading.Thread(target=self._serve, name="kata-lock-prober", daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while (request := self.requests.get()) is not None:
            lock, answer = request
            try:
                free = lock.acquire(False)
                if free:
                    lock.release()
            except BaseException:  # a lock in a broken state: not free
                free = False
            answer.put(free)

    def is_held(self, lock) -> bool:
        answer: queue.Queue = queue.Queue()
        self.requests.put((lock, answer))
        try:
            return not answer.get(timeout=self.timeout)
        except queue.Empty:
            return True

    def stop(self) -> None:
        self.requests.put(None)
