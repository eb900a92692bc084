"""Where was the learner's code when it was stopped? Stacks of every thread, reduced to the learner's
own frames, and the verdict they point to: a deadlock (every thread waits on a lock) or a spin."""

from __future__ import annotations

import ast
import linecache
import re
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from checker.i18n import t

WAIT_WORDS = (".acquire(", "with ", ".join(", ".wait(", ".get(", ".result(")
LOCK_WORDS = (".acquire(", "with ")


@dataclass(frozen=True)
class Frame:
    file: str
    line: int
    function: str
    source: str

    def where(self) -> str:
        return f"{Path(self.file).name}:{self.line} ({self.source})" if self.source else f"{Path(self.file).name}:{self.line}"


@dataclass(frozen=True)
class ThreadStack:
    name: str
    frames: tuple[Frame, ...]  # the learner's frames, outermost first
    ident: int = 0

    @property
    def innermost(self) -> Frame:
        return self.frames[-1]

    @property
    def waits(self) -> bool:
        return any(word in self.innermost.source for word in WAIT_WORDS)

    @property
    def waits_on_lock(self) -> bool:
        return any(word in self.innermost.source for word in LOCK_WORDS)


def learner_frames(frame: FrameType | None, learner_file: str) -> tuple[Frame, ...]:
    frames = []
    while frame is not None:
        code = frame.f_code
        if code.co_filename == learner_file:
            source = linecache.getline(code.co_filename, frame.f_lineno).strip()
            frames.append(Frame(code.co_filename, frame.f_lineno, code.co_name, source))
        frame = frame.f_back
    return tuple(reversed(frames))


def snapshot(learner_file: str) -> list[ThreadStack]:
    """Every thread that is inside the learner's code right now."""
    names = {t.ident: t.name for t in threading.enumerate()}
    stacks = []
    for ident, frame in sys._current_frames().items():
        frames = learner_frames(frame, learner_file)
        if frames:
            stacks.append(ThreadStack(names.get(ident, f"thread {ident}"), frames, ident))
    return stacks


def locate(learner_file: str, frame: FrameType | None = None) -> str | None:
    """The innermost learner line on the current stack (or on `frame`'s)."""
    frames = learner_frames(frame or sys._getframe(1), learner_file)
    return frames[-1].where() if frames else None


def _cpu_time(ident: int) -> float | None:
    """CPU seconds used so far by the thread `ident` (None where the system cannot tell)."""
    try:
        return time.clock_gettime(time.pthread_getcpuclockid(ident))
    except (AttributeError, OSError, OverflowError):
        return None


RUNNING_CPU_SHARE = 0.03  # two threads spinning on one lock, in a process among 8 on 2 cores: about 10 % each
RUNNING_CPU_MIN_S = 0.002  # a thread blocked on a lock uses none


def sample(learner_file: str, looks: int = 6, gap_s: float = 0.02) -> tuple[list[ThreadStack], ThreadStack | None]:
    """The learner's thread stacks, and one that is still making progress (None when all are stuck).

    One look is not enough: a loop that takes a lock spends much of its time on a `with lock:` line, which
    reads like waiting (and a thread that blocks on a contended lock lets the sampler run at exactly that
    line). So look several times, and ask the system how much CPU each thread used meanwhile: a thread seen
    on a line that does not wait, whose stack changed between looks, or that used the CPU, is running;
    threads stuck on a lock show the same stack every time and use no CPU at all. On a busy machine a
    spinning thread may get only a few percent of a core, so any CPU beyond a blocked thread's wake-ups
    (RUNNING_CPU_SHARE of the window, at least RUNNING_CPU_MIN_S) counts. (The thread that samples is frozen
    meanwhile: for it, only the line it is on tells.)"""
    pause = threading.Event()
    seen = [snapshot(learner_file)]
    started = time.monotonic()
    cpu_before = {s.ident: _cpu_time(s.ident) for s in seen[0] if s.ident != threading.get_ident()}
    for _ in range(looks - 1):
        pause.wait(gap_s)
        seen.append(snapshot(learner_file))
    window = time.monotonic() - started
    first = {s.name: s.frames for s in seen[0]}
    for look in seen:
        for stack in look:
            if not stack.waits or first.get(stack.name, stack.frames) != stack.frames:
                return seen[-1], stack
    for stack in seen[-1]:
        before, after = cpu_before.get(stack.ident), _cpu_time(stack.ident)
        if before is not None and after is not None and after - before > max(RUNNING_CPU_MIN_S,
                                                                              RUNNING_CPU_SHARE * window):
            return seen[-1], stack
    return seen[-1], None


def classify_hang(stacks: list[ThreadStack], running: ThreadStack | None = None) -> str:
    """`deadlock` when every thread inside the learner's code waits on a lock (and none was seen moving),
    else `timeout`."""
    if running is None and stacks and all(s.waits for s in stacks) and any(s.waits_on_lock for s in stacks):
        return "deadlock"
    return "timeout"


def describe(stacks: list[ThreadStack], lang: str) -> str:
    if not stacks:
        return ""
    lines = [t("thread-at", lang, name=s.name, where=s.innermost.where()) for s in stacks[:8]]
    return "\n" + t("threads-stopped", lang) + "\n" + "\n".join(lines)


def awaited_sleep(location: str) -> str:
    """The advice for a time.sleep that ran in the event loop, in the learner's own terms: `time.sleep(duration)`
    at `location` ("file.py:8 (time.sleep(duration))") gives `await asyncio.sleep(duration)`, their argument
    as they wrote it, never the value it had in one check (a learner may hard-code a number seen there)."""
    found = re.search(r":\d+ \((.*)\)$", location)
    source = found.group(1) if found else ""
    argument = _sleep_argument(source)
    return f"await asyncio.sleep({argument if argument is not None else '…'})"


def _sleep_argument(source: str) -> str | None:
    """The argument text of the one `sleep(...)` call on a source line, if the line shows it whole."""
    for text in (source, source.rstrip(":")):  # a `with`/`if` header without its body does not parse alone
        try:
            tree = ast.parse(text + (":\n pass" if text != source else ""))
        except SyntaxError:
            continue
        calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call) and len(node.args) == 1
                 and not node.keywords and getattr(node.func, "attr", getattr(node.func, "id", "")) == "sleep"]
        if len(calls) == 1:
            return ast.get_source_segment(text, calls[0].args[0])
        return None
    return None
