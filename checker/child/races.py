"""Races that replay: drive threads through a seeded schedule of forced switches and tell the story of
the first lost update.

`RaceProbe.watch(counter, "value")` gives the object an instrumented class: every read and write of
`value` is logged with its thread, and after a read the probe may force a thread switch (time.sleep(0)),
chosen by a seeded random generator per thread. A race then shows up on every run, not by luck (since
Python 3.10 the GIL switches threads only at calls and backward jumps, so a bare `self.value += 1`
almost never loses an update by itself — but it still can, and this finds it). The same seed replays
the same schedule: `kata check 03 --seed 0x3f2a`.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field

SWITCH_PROBABILITY = 0.5


@dataclass
class RaceProbe:
    seed: int
    events: list[tuple[str, str, object]] = field(default_factory=list)  # (thread, "read"|"write", value)
    _rngs: dict[int, random.Random] = field(default_factory=dict)
    _names: dict[int, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def watch(self, obj: object, attr: str = "value") -> bool:
        """Instrument `obj.attr`; False when the object cannot be instrumented (slots, a property)."""
        cls = type(obj)
        if not hasattr(obj, "__dict__") or isinstance(getattr(cls, attr, None), property):
            return False
        probe = self

        def read(instance):
            value = instance.__dict__[attr]
            probe._record("read", value)
            probe._maybe_switch()
            return value

        def write(instance, value):
            instance.__dict__[attr] = value
            probe._record("write", value)

        obj.__class__ = type(cls.__name__, (cls,), {attr: property(read, write), "__module__": cls.__module__})
        return True

    def _thread_name(self) -> str:
        ident = threading.get_ident()
        with self._lock:
            if ident not in self._names:
                self._names[ident] = chr(ord("A") + len(self._names) % 26) + ("" if len(self._names) < 26 else
                                                                               str(len(self._names) // 26))
                self._rngs[ident] = random.Random(self.seed * 1_000_003 + len(self._names))
            return self._names[ident]

    def _record(self, op: str, value: object) -> None:
        self.events.append((self._thread_name(), op, value))

    def _maybe_switch(self) -> None:
        rng = self._rngs[threading.get_ident()]
        if rng.random() < SWITCH_PROBABILITY:
            time.sleep(0)

    def tell(self, lang: str = "en") -> str | None:
        """'thread A read 41, thread B read 41, A wrote 42, B wrote 42' for the first lost update."""
        story = self.story()
        if story is None:
            return None
        a, b, read, wrote = story
        if lang == "fr":
            return f"le thread {a} a lu {read!r}, le thread {b} a lu {read!r}, {a} a écrit {wrote!r}, {b} a écrit {wrote!r}"
        return f"thread {a} read {read!r}, thread {b} read {read!r}, {a} wrote {wrote!r}, {b} wrote {wrote!r}"

    def story(self) -> tuple[str, str, object, object] | None:
        """(first thread, second thread, value both read, value both wrote) of the first lost update."""
        last_read: dict[str, tuple[int, object]] = {}
        written: dict[object, tuple[str, int]] = {}
        for index, (thread, op, value) in enumerate(self.events):
            if op == "read":
                last_read[thread] = (index, value)
                continue
            if value in written and written[value][0] != thread:
                other, other_index = written[value]
                mine, theirs = last_read.get(thread), self._read_before(other, other_index)
                if mine and theirs and mine[1] == theirs[1]:
                    return other, thread, mine[1], value
            written[value] = (thread, index)
        return None

    def _read_before(self, thread: str, index: int) -> tuple[int, object] | None:
        for i in range(index - 1, -1, -1):
            name, op, value = self.events[i]
            if name == thread and op == "read":
                return i, value
        return None

    def replay(self, kata: str) -> str:
        return f"kata check {kata} --seed {self.seed:#06x}"
