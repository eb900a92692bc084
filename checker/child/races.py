"""Races and deadlocks that replay exactly: the suite's threads run under the cooperative scheduler
(checker/child/schedule.py), and this probe tells the story of what went wrong.

- `race.watched(cls, "value")` is a subclass of the learner's class whose `value` is a probe point: every read
  and write is logged with its thread, and the scheduler may hand the turn to another thread just before it.
  (`race.watch(obj)` does the same to an existing object that has a `__dict__`.)
- `race.adopt(module, monkeypatch.setattr)` makes the threads that the learner's code starts inside a scheduled
  run managed threads too (checker/child/adopt.py): their start, join and end are probe points.
- `race.guard(lock, label)` wraps one of the learner's locks so that the scheduler models it (who holds it,
  who waits for it): a thread never gets the turn while it cannot proceed, and a circle of waits is a
  deadlock found at once, with its cycle named.
- `race.explore(scenario, bound=K)` tries every schedule with at most K preemptions, fewest first: a race or a
  deadlock reachable within K preemptions is found on every run, with the shortest story.
- `race.run(jobs)` runs the jobs under a schedule drawn from the seed: `kata check 03 --seed 0x3f2a` replays
  the same interleaving, the same story and the same verdict, on any machine and under any load.

Since Python 3.10 the GIL switches threads only at calls and backward jumps, so a bare `self.value += 1`
almost never loses an update by itself; under the scheduler the switch happens where the probe points are,
so it loses one whenever a schedule puts another thread between the read and the write.

A probe point reached during a run (before any step aside) in a thread that no scheduler manages (started with
`_thread`, from C, a pool's worker made before the run) is recorded by the run's scheduler, out of learner
code's reach, and told by `Outcome.unmanaged`: the work done there ran whole whatever the schedule, so the run
cannot show a race (or a deadlock) there, and the suites do not pass it. After the scheduler stepped aside
(a wait it cannot see), the threads run free, and a probe point lets the others run first (`time.sleep(0)`,
in any thread): a read-modify-write left unprotected then loses updates among them, as the stub's sleep makes
it do, instead of running whole between two switches of the GIL.
"""

from __future__ import annotations

import inspect
import linecache
import os
import sys
import time
import weakref
from dataclasses import dataclass, field
from types import MemberDescriptorType
from typing import Callable

from checker.child import adopt, codepoints, explore, schedule
from checker.child.explore import Finding
from checker.child.kit_ledger import Ledger, nested
from checker.child.schedmodel import FREE, ModelledLock, Outcome, probe
from checker.i18n import t
from checker.timeline import Span, Timeline

_switch = time.sleep  # bound before the learner's code loads: sleep(0) lets another thread take the GIL
HIDDEN = "\x00kata watched "  # the key of a watched plain attribute in its instance's __dict__ (not a name)


@dataclass
class RaceProbe:
    seed: int
    events: list[tuple[str, str, object]] = field(default_factory=list)  # (thread, op, value) of the last run
    runs: int = 0  # schedules run by the last explore()
    drawn: Timeline | None = None  # the check's timeline: each run draws its threads there (spans())
    lang: str = "en"

    # --- instruments ---------------------------------------------------------------------------------------

    def watch(self, obj: object, attr: str = "value") -> bool:
        """Instrument `obj.attr` in place; False when the object has no `__dict__` (slots): use watched()."""
        if not hasattr(obj, "__dict__") or "__slots__" in vars(type(obj)):
            return False
        try:
            obj.__class__ = self.watched(type(obj), attr)
        except TypeError:
            return False
        if attr in obj.__dict__:  # kept where the watched attribute keeps it (see _probed())
            vars(type(obj))[attr].__set__(obj, obj.__dict__.pop(attr))
        return True

    def watched(self, cls: type, attr: str = "value") -> type:
        """A subclass of `cls` whose `attr` (a plain attribute, a slot or a property) is a probe point. A plain
        attribute's value is kept out of the instance's `__dict__` (see _probed()): code that reads or writes
        `self.__dict__["value"]`, or any key it finds there, would otherwise step around the probe points (each
        increment whole, a race never seen); there it finds nothing, and what it writes is not the value."""
        namespace = {attr: _probed(cls, attr), "__module__": cls.__module__, "__qualname__": cls.__qualname__}
        return type(cls.__name__, (cls,), namespace)

    def watch_state(self, obj: object, skip: Callable[[object], bool] = lambda value: False) -> list[str]:
        """Every data attribute that `obj` holds now (in its `__dict__` or its slots), but callables and those
        `skip` says (its locks), becomes a probe point too, as `watched()` makes `value` one: a counter may keep
        its count in a field of its own (`_n` behind a read-only `value` property), where a probe point on
        `value` alone is never reached by increment(). The object's class is swapped in place for a subclass
        that adds nothing to its layout; returns the names watched ([] when the class cannot be swapped)."""
        cls = type(obj)
        found: dict[str, object] = {}
        for klass in cls.__mro__:
            for name, member in list(vars(klass).items()):
                if type(member) is MemberDescriptorType and inspect.getattr_static(cls, name, None) is member:
                    try:  # a slot not shadowed (by a property of watched(), say)
                        found[name] = member.__get__(obj, cls)
                    except AttributeError:  # empty
                        pass
        box = vars(obj) if type(getattr(obj, "__dict__", None)) is dict else {}
        for name, value in list(box.items()):
            static = inspect.getattr_static(cls, name, None)
            if type(name) is str and not name.startswith(HIDDEN) and not hasattr(type(static), "__set__"):
                found.setdefault(name, value)  # (a plain attribute watched already is not in the dict)
        names = [name for name, value in found.items() if not callable(value) and not skip(value)]
        if not names:
            return []
        namespace = {name: _probed(cls, name) for name in names}
        namespace.update(__slots__=(), __module__=cls.__module__, __qualname__=cls.__qualname__)
        try:
            obj.__class__ = type(cls.__name__, (cls,), namespace)
        except TypeError:
            return []
        for name in names:
            if name in box:  # kept where the watched attribute keeps it (see _probed())
                namespace[name].__set__(obj, box.pop(name))
        return names

    @staticmethod
    def guard(lock: object, label: str, label_fr: str | None = None) -> ModelledLock:
        """The learner's lock, modelled by the scheduler (a lock already guarded is returned as it is)."""
        return lock if isinstance(lock, ModelledLock) else ModelledLock(lock, label, label_fr)

    @staticmethod
    def adopt(module: object, setattr_) -> int:
        """Threads that `module` starts inside a scheduled run are managed too: its `threading` (or `Thread`)
        global is replaced through `setattr_` (pass monkeypatch.setattr). Returns how many globals were."""
        return adopt.adopt(module, setattr_)

    @staticmethod
    def point(op: str | None = None, value: object = None) -> None:
        """A probe point for suites' own instruments (a balance read, say): no cost outside the scheduler."""
        sched, stray = probe()
        if sched is FREE:
            _switch(0)
        elif sched is not None:
            sched.point(op, value)
        elif stray is not None:
            stray.stray(op or "point")

    # --- running -----------------------------------------------------------------------------------------

    def run(self, jobs: list[Callable[[], object]], *, timeout: float = 10.0, code_points: bool = False) -> Outcome:
        """The jobs in managed threads A, B, C..., under the schedule drawn from the seed. `code_points`: every
        store and call in the learner's own code is a probe point too (checker/child/codepoints.py)."""
        skip = _untraced()
        outcome = schedule.Scheduler(explore.Seeded(self.seed), untraced=skip,
                                     code_points=_namespaces(skip, code_points)).run(jobs, timeout=timeout)
        self._ran(outcome.events)
        return outcome

    def explore(self, scenario, *, bound: int, max_runs: int = 2000, timeout: float = 5.0,
                code_points: bool = False) -> Finding | None:
        """Every schedule of `scenario()` (fresh state → (jobs, failed)) with at most `bound` preemptions, fewest
        first; the first that fails, or None. `code_points`: as for run()."""
        skip = _untraced()
        finding, self.runs = explore.explore(scenario, bound=bound, max_runs=max_runs, timeout=timeout,
                                             untraced=skip, code_points=_namespaces(skip, code_points))
        if finding is not None:
            self._ran(finding.outcome.events)
        return finding

    def _ran(self, events: list[tuple[str, str, object]]) -> None:
        self.events = events
        if self.drawn is not None:
            self.drawn.use(self.spans(events, self.lang), clock="steps")

    def spans(self, events: list[tuple[str, str, object]] | None = None, lang: str = "en") -> list[Span]:
        """The run as a timeline, in scheduler steps: each thread from its first step to its last. When an
        update was lost, only the steps of the first lost update, from the first read to the last write, where
        the two threads overlap (`thread D: read 3 → wrote 4` beside `thread C: read 3 → wrote 4`), with any
        other thread that ran meanwhile; else the whole run."""
        events = self.events if events is None else events
        steps = self._story(events)
        story = [step for _, step in steps] if steps is not None else None
        window = range(steps[0][0], steps[-1][0] + 1) if steps is not None else range(len(events))
        first: dict[str, int] = {}
        last: dict[str, int] = {}
        for index in window:
            thread = events[index][0]
            first.setdefault(thread, index)
            last[thread] = index
        done = {thread: [value for who, op, value in story or [] if who == thread] for thread in first}
        return [Span(t("race-span", lang, name=thread, read=repr(done[thread][0]), wrote=repr(done[thread][1]))
                     if len(done[thread]) == 2 else t("race-span-thread", lang, name=thread),
                     first[thread] - window.start, last[thread] + 1 - window.start) for thread in first]

    # --- telling -----------------------------------------------------------------------------------------

    def story(self, events: list[tuple[str, str, object]] | None = None) -> list[tuple[str, str, object]] | None:
        """The four steps of the first lost update, in the order they happened: two threads read the same value,
        both wrote the same new value."""
        steps = self._story(self.events if events is None else events)
        return [step for _, step in steps] if steps is not None else None

    @staticmethod
    def _story(events: list[tuple[str, str, object]]) -> list[tuple[int, tuple[str, str, object]]] | None:
        """story(), each step with its index in `events`."""
        last_read: dict[tuple[str, str], tuple[int, object]] = {}
        written: dict[tuple[str, object], tuple[str, int, tuple[int, object] | None]] = {}
        for index, (thread, op, value) in enumerate(events):
            kind, _, attr = op.partition(":") if type(op) is str else ("", "", "")  # "read", or "read:_n"...
            if kind not in ("read", "write") or type(value) not in (int, float, str, bool):  # never a learner
                continue  # object's __hash__ or __eq__ (a count is an int)
            if kind == "read":
                last_read[thread, attr] = (index, value)
                continue
            mine = last_read.get((thread, attr))
            if (attr, value) in written and written[attr, value][0] != thread:
                other, other_index, theirs = written[attr, value]
                if mine and theirs and mine[1] == theirs[1]:
                    steps = [(theirs[0], (other, "read", theirs[1])), (mine[0], (thread, "read", mine[1])),
                             (other_index, (other, "write", value)), (index, (thread, "write", value))]
                    return sorted(steps, key=lambda s: s[0])
            written[attr, value] = (thread, index, mine)
        return None

    def tell(self, lang: str = "en", events: list[tuple[str, str, object]] | None = None) -> str | None:
        """'thread A read 41, thread B read 41, A wrote 42, B wrote 42' for the first lost update."""
        steps = self.story(events)
        if steps is None:
            return None
        named: set[str] = set()
        parts = []
        for thread, op, value in steps:
            who = thread if thread in named else t("race-thread", lang, name=thread)
            parts.append(t("race-read" if op == "read" else "race-wrote", lang, who=who, value=repr(value)))
            named.add(thread)
        return ", ".join(parts)

    @staticmethod
    def tell_deadlock(cycle, lang: str = "en", names: dict[str, str] | None = None) -> str:
        """'thread A holds the lock of account 1 and waits for the lock of account 2, held by thread B; ...'.
        `names` may say what each thread was doing: {"A": "transfer(1 → 2)"}."""
        names = names or {}
        parts = []
        for thread, held, wanted, holder in cycle:
            who = f"{thread} ({names[thread]})" if thread in names else thread
            part = t("race-thread", lang, name=who)
            if held is not None and (held.label_fr if lang == "fr" else held.label):
                part += t("deadlock-holds", lang, lock=held.label_fr if lang == "fr" else held.label)
            part += t("deadlock-waits", lang, lock=wanted.label_fr if lang == "fr" else wanted.label)
            part += (t("deadlock-held-by", lang, holder=holder) if holder and holder != thread else
                     t("deadlock-held-by-itself", lang) if holder == thread else "")
            parts.append(part)
        return "; ".join(parts)

    @staticmethod
    def tell_aside(outcome: Outcome, who: str, lang: str = "en") -> str | None:
        """Why the scheduler stepped aside from a run, and where the thread that had the turn was (the innermost
        learner line): 'increment() waited at fix_the_race.py:12 (event.wait(0.3)) for something the checks
        cannot see (...)'. None when it did not. `who` names the learner's function that the jobs call."""
        if outcome.aside is None:
            return None
        where = ""
        if outcome.aside_at:
            name, line, _function = outcome.aside_at[-1]
            source = linecache.getline(name, line).strip() if line else ""
            place = f"{os.path.basename(name)}:{line}" + (f" ({source})" if source else "")
            where = t("aside-where", lang, where=place)
        steps = f"{schedule.MAX_STEPS:,}".replace(",", "\u202f" if lang == "fr" else ",")
        return t(f"aside-{outcome.aside}", lang, who=who, where=where, steps=steps)

    def replay(self, kata: str) -> str:
        return f"kata check {kata} --seed {self.seed:#06x}"


def _untraced(_getframe: Callable = sys._getframe) -> tuple[str, ...]:
    """The files that are not the learner's in the runs of the caller of RaceProbe.run or .explore: the checker's
    and Python's, and the suite's, the first other file up the caller's stack (its code is never a switch point
    of codepoints.py; the learner's file, where the suite calls the learner's functions, is below it)."""
    skip = codepoints.untraced()
    frame = _getframe(2)
    while frame is not None:
        name = frame.f_code.co_filename
        if type(name) is str and not name.startswith(skip):
            return codepoints.untraced(name)
        frame = frame.f_back
    return skip


def _namespaces(skip: tuple[str, ...], wanted: bool) -> "tuple | None":
    """What a Scheduler's `code_points` takes: the namespaces of the untraced files' code, and of the checker's
    and Python's alone (see codepoints.Tracer), read once for a run or an exploration; None when not wanted."""
    return (codepoints.namespaces(skip), codepoints.namespaces(codepoints.untraced())) if wanted else None


def _probed(cls: type, attr: str) -> property:
    """`attr` of `cls` as a probe point: a property whose read and write go through the scheduler (see
    RaceProbe.watched). A plain attribute's value (not a slot's, nor a property's: the class keeps those) is
    kept in `_VALUES`, a Ledger that only this property's setter writes, keyed by the instance's id (with a
    weak reference to it: a dead instance's record is not read for another of the same id): nothing learner
    code can iterate (`vars(self)`) holds it, and nothing but the setter, a probe point, can change it. An
    instance that takes no weak reference keeps it in its `__dict__` under HIDDEN + attr, a key of its own."""
    missing = object()
    hidden = HIDDEN + attr
    reading, writing = ("read", "write") if attr == "value" else (f"read:{attr}", f"write:{attr}")  # the story
    # pairs the reads and writes of one attribute (see _story)
    base = inspect.getattr_static(cls, attr, missing)
    data = hasattr(type(base), "__get__") and hasattr(type(base), "__set__")

    def read(instance):
        sched, stray = probe()
        if sched is FREE:  # the run stepped aside: threads run free, and this is where another may slip in
            sched = _switch(0)  # None
        elif sched is not None:
            sched.point()
        elif stray is not None:  # a thread no scheduler manages, during a run: the run cannot be judged
            stray.stray("read")
        kept = None if data or not type(instance).__weakrefoffset__ else _VALUES.read(f"{id(instance)} {attr}")
        if data:
            value = base.__get__(instance, type(instance))
        elif kept is not None and kept[1]() is instance:  # not the record of a dead instance of the same id
            value = kept[0]
        elif hidden in getattr(instance, "__dict__", {}):
            value = instance.__dict__[hidden]
        elif base is not missing:
            value = base
        else:
            raise AttributeError(attr)
        if sched is not None:
            sched.note(reading, value)
        return value

    def write(instance, value):
        sched, stray = probe()
        if sched is FREE:  # the run stepped aside: threads run free, and this is where another may slip in
            sched = _switch(0)  # None
        elif sched is not None:
            sched.point()
        elif stray is not None:  # a thread no scheduler manages, during a run: the run cannot be judged
            stray.stray("write")
        if data:
            base.__set__(instance, value)
        elif type(instance).__weakrefoffset__:  # with the instance's weak reference: an id can be reused
            _VALUES.write(("put", f"{id(instance)} {attr}", (value, weakref.ref(instance))))
        else:
            instance.__dict__[hidden] = value
        if sched is not None:
            sched.note(writing, value)

    return property(read, write)


_VALUES = Ledger(*nested(_probed, "write"))  # "id attr": (value, weak reference to its instance)
