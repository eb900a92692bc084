"""Whether child processes computed at the same time, seen in the same call (kata 04's speed check).

A ratio of times can be faked by the machine's load: the plain loop measured while other programs ran and
the learner's call after they stopped makes one process look faster than the loop. What the processes did
cannot: while the learner's call runs, a thread of the suite reads, every SAMPLE_EVERY_S, the CPU time of
every process descending from the harness (the harness itself, the calling process, is left out: its threads
share one GIL). Between two readings, each child gained some CPU time; the CPU time gained by the children
other than the busiest one is CPU time spent *together*. One process at a time (Pool(1), a pool used
sequentially with apply() in a loop, processes started and joined one by one) spends almost none together,
only at the hand-over from one to the next; processes computing their slices at once spend about
(workers - 1) / workers of it together, on an idle machine, beside busy programs and on a single core alike
(the kernel then shares the core between them within milliseconds).

A reading late by more than LONGEST_WINDOW_S (the suite's thread was not scheduled) would merge the work of
two processes that followed each other: such a window counts as not judged. A call whose judged windows hold
less than half of its children's CPU time tells nothing.

Linux only (/proc). Elsewhere `Sampler.available()` is False and the suite falls back to the CPU per second
ratio.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass

SAMPLE_EVERY_S = 0.05
LONGEST_WINDOW_S = 0.15      # a window longer than 3 periods is not judged: two processes in turn could fill it
TOGETHER_PART = 0.4          # "at the same time": at least 0.4 of the share spent together by `workers`
                             #   processes in step, (workers - 1) / workers. Measured with 2: 0.41 to 0.49 idle,
                             #   beside 2 CPU hogs and on one core, under fork, spawn and forkserver; 0.29 on a
                             #   machine with 15 programs running
IN_TURN_PART = 0.2           # "one at a time": less than 0.2 of it. Measured: 0 to 0.05 (the hand-over from one
                             #   process to the next falls inside one window); between the two, no verdict
STARTUP_CPU_S = 0.05         # a process's first 0.05 s of CPU time is its start (spawn imports Python anew:
                             #   0.05 s) and is not judged: workers that start together do not work together
JUDGED_MIN = 0.5             # the judged windows must hold at least this share of the children's CPU time
CPU_MIN_S = 0.25             # fewer CPU seconds than this in the children (start left out): too little to judge
TOGETHER_MIN_S = 0.1         # and "at the same time" needs at least this much CPU time together: processes in
                             #   turn spend up to 0.03 s together (a hand-over inside one window)
_TICK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


@dataclass(frozen=True)
class Overlap:
    """What the children of one call did: CPU seconds in all (`cpu`), in the windows judged (`judged`), spent
    while another child computed too (`together`), and how many processes did a real share (`busy`)."""

    cpu: float
    judged: float
    together: float
    busy: int
    windows: int

    @property
    def share(self) -> float:
        return self.together / self.judged if self.judged > 0 else 0.0

    @property
    def measured(self) -> bool:
        return self.cpu >= CPU_MIN_S and self.judged >= JUDGED_MIN * self.cpu

    def at_once(self, workers: int) -> bool:
        """At least two children computed at the same time, each for a real share of the work."""
        return (self.measured and self.busy >= 2 and self.share >= together_min(workers)
                and self.together >= TOGETHER_MIN_S)

    def one_at_a_time(self, workers: int) -> bool:
        """Never two children computing at the same time, but for moments."""
        return self.measured and (self.busy < 2 or self.share < IN_TURN_PART * in_step(max(workers, 2)))


def in_step(workers: int) -> float:
    """The share of their CPU time that `workers` processes computing equal slices at once spend together."""
    return (workers - 1) / workers if workers > 1 else 0.0


def together_min(workers: int) -> float:
    return TOGETHER_PART * in_step(max(workers, 2))


def _gain(pid: int, value: float, before: dict[int, float]) -> float:
    """CPU seconds `pid` gained in a window, beyond its first STARTUP_CPU_S."""
    return max(0.0, value - max(before.get(pid, 0.0), STARTUP_CPU_S))


def judge(samples: list[tuple[float, dict[int, float]]]) -> Overlap:
    """The overlap of readings [(time, {pid: CPU seconds of its life so far})], in time order. A pid first
    seen in a reading gained its CPU time since the previous one (it was born meanwhile); a pid gone from a
    reading ended meanwhile, its last gain unseen. The first STARTUP_CPU_S of each process is not counted."""
    cpu = judged = together = 0.0
    per_process: dict[int, float] = {}
    windows = 0
    for (t0, before), (t1, after) in zip(samples, samples[1:]):
        gains = [_gain(pid, value, before) for pid, value in after.items()]
        for pid, value in after.items():
            per_process[pid] = per_process.get(pid, 0.0) + _gain(pid, value, before)
        total = sum(gains)
        cpu += total
        if t1 - t0 <= LONGEST_WINDOW_S:
            windows += 1
            judged += total
            together += total - max(gains, default=0.0)
    busy = sum(1 for value in per_process.values() if cpu > 0 and value >= 0.1 * cpu)
    return Overlap(cpu=cpu, judged=judged, together=together, busy=busy, windows=windows)


# --- reading /proc ------------------------------------------------------------------------------------


def _read(path: str) -> bytes | None:
    try:
        with open(path, "rb") as f:
            return f.read()
    except OSError:
        return None


def process_cpu(pid: int) -> float | None:
    """CPU seconds of a process, all its threads: the scheduler's nanoseconds where /proc has them
    (schedstat), else utime + stime in clock ticks; None when it is gone."""
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        tids = []
    total, seen = 0, False
    for tid in tids:
        text = _read(f"/proc/{pid}/task/{tid}/schedstat")
        if text:
            total += int(text.split()[0])
            seen = True
    if seen and total > 0:
        return total / 1e9
    text = _read(f"/proc/{pid}/stat")
    if not text:
        return None
    try:
        fields = text.rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (IndexError, ValueError):
        return None


def descendants(root: int) -> list[int]:
    """The pids descending from `root`, by the `children` file of each thread (Linux 3.5+ with
    CONFIG_PROC_CHILDREN); else by the parent of every process."""
    found: list[int] = []
    todo = [root]
    while todo:
        pid = todo.pop()
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            text = _read(f"/proc/{pid}/task/{tid}/children")
            if text is None:
                return _descendants_by_scan(root)
            for child in text.split():
                child_pid = int(child)
                if child_pid not in found:
                    found.append(child_pid)
                    todo.append(child_pid)
    return found


def _descendants_by_scan(root: int) -> list[int]:
    from checker import system

    return sorted(system.descendants(root))


class Sampler(threading.Thread):
    """Reads the CPU time of `root`'s descendants every SAMPLE_EVERY_S until stop(), which returns what
    it saw, judged."""

    def __init__(self, root: int):
        super().__init__(name="kata04-overlap", daemon=True)
        self.root = root
        self.samples: list[tuple[float, dict[int, float]]] = []
        self.done = threading.Event()

    @staticmethod
    def available() -> bool:
        from checker import system

        return system.has_proc()

    def read(self) -> None:
        now = time.monotonic()
        seen = {}
        for pid in descendants(self.root):
            value = process_cpu(pid)
            if value is not None:
                seen[pid] = value
        self.samples.append((now, seen))

    def run(self) -> None:
        self.read()
        while not self.done.wait(SAMPLE_EVERY_S):
            self.read()

    def stop(self) -> Overlap:
        self.done.set()
        self.join(5.0)
        return judge(self.samples)
