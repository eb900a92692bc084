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
The run's time is the clock when its coroutine (the loop's first task) was done, not after asyncio.run's
clean-up: a task left running, which swallows its cancellation and sleeps on, adds nothing. `VirtualRun.tasks`
says which coroutines ran as tasks in the loop timed, with their arguments and how they ended.

Records out of reach. Learner code shares this interpreter and can read and write any object it reaches (a
bound method's `__self__`, a function's `__closure__`, an instance's `__dict__`), all without an audit event;
frames it cannot reach (checker/child/audit.py refuses `gi_frame`, `f_back`...). So what the timing relies on
is kept in the locals of one generator per run, `_ledger`, and nowhere else: which loops were made, where, in
which threads each turned, its clock as its last wait ended, its tasks. The ledger takes the messages that
add to its records only from the checker's own functions, told by the code of the frame that sent them
(through its `Keeper`, checker/child/kit_ledger.py: a function's code cannot be replaced); a forged one, a `throw` or a `close`, is `tampered`. What is installed as
`asyncio.new_event_loop` is a plain function, not a method of an object holding the records. A task's end is
told too: the loop's `call_soon` runs each of asyncio's own steps of a task (told by its exact type) through
`_step_of`, which tells the ledger when the task ended in a step of its own (pending before, done after, its
coroutine finished). A Task refuses `set_result`, but the base class's unbound `asyncio.Future.set_result(task,
value)` does not: a task so marked done, its result forged (the run's own, or a task said to have returned),
ends in no step of its own, and is `tampered`; a task "returned" (`Ran.returned`) only if it ended in its step.

The clock read is looptime's own count of ticks (`_LoopTimeEventLoop__now`), never `loop.time()`; it may move
only in a wait of the loop: the selector's `select`, which `watched` brackets with a token of its own, called
by asyncio's `_run_once`, and by no more than the time to the loop's next timer (asyncio's `timeout`, and its
queues as `_run_once` read them), or, with nothing to wait for, to the end of virtual time; nothing moves it
between two waits. Before each wait the ledger also finds looptime's state as virtual time set it (its
resolution, its end, switched on, its own OS `select`, the methods that read its clock neither replaced on
the class nor shadowed on the loop). A clock moved by hand, a select swapped, a wait longer than its timer:
`tampered`. The frames are read only for a wait in which the clock moved (one in 43: looptime turns idle 42
times before each jump), so that the checks cost little more than the dictionary reads.
"""

from __future__ import annotations

import asyncio
import collections
import sys
import threading
import time
from asyncio.events import _get_running_loop
from dataclasses import dataclass, field
from types import CodeType, CoroutineType, MappingProxyType
from typing import Any, Callable, Generator

import looptime

from checker.child import probes
from checker.child.diagnose import locate
from checker.child.kit_ledger import Ended, Keeper, sender
from checker.child.kit_verdicts import KataFailure, tampered
from checker.child.probes import BlockEvent
from checker.i18n import t
from checker.timeline import Span


@dataclass(frozen=True)
class Ran:
    """A coroutine run as a task in the loop timed: its function's code, the positional arguments it was
    called with (those of its parameters, then its *args), and whether it returned (not cancelled, no error)."""

    code: CodeType
    args: tuple
    returned: bool


@dataclass
class VirtualRun:
    result: Any
    elapsed: float | None  # event-loop seconds of the loop timed (see the module's docstring), None if none ran
    loops: int  # loops timed: 1, or 0 when `virtual(fn)` ran none
    stalls: list[BlockEvent] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # every task but the main one, in loop time
    tasks: list[Ran] = field(default_factory=list)  # every task of the loop timed, in the order made


def _label(coro: Any, args: tuple) -> str:
    """`task('task 1')`: the coroutine's name and its first argument, when that is a plain value."""
    name = getattr(coro, "__qualname__", None) or type(coro).__name__
    if args and isinstance(args[0], (str, int, float)):
        return f"{name.rsplit('.', 1)[-1]}({args[0]!r})"
    return name.rsplit(".", 1)[-1]


def _arguments(coro: Any, code: CodeType) -> tuple:
    """The positional arguments a coroutine not yet started was called with (its frame holds only them)."""
    frame = coro.cr_frame
    if frame is None:
        return ()
    names = code.co_varnames[:code.co_argcount]
    found = frame.f_locals
    args = tuple(found.get(name) for name in names)
    if code.co_flags & 0x04:  # CO_VARARGS: the tuple is the local after the parameters
        extra = found.get(code.co_varnames[code.co_argcount + code.co_kwonlyargcount])
        args += tuple(extra) if type(extra) is tuple else ()
    return args


class LoopEndReached(Exception):
    pass


@dataclass(frozen=True)
class _Made:
    """What the ledger says of one loop made during a run (a copy, made when the run is over)."""

    loop: asyncio.AbstractEventLoop
    thread: int  # the thread that made it
    nested: bool  # made while an event loop was running in that thread
    where: str | None  # the learner's line that made it
    ran_in: frozenset[int]  # threads in which it turned (waited) at least once
    ran_nested: bool  # turned while another loop of the run was running in the same thread
    clock: float  # its clock as its last wait ended: looptime moves it in waits only
    ended: float | None  # its clock when its first task (the run's coroutine) was done
    spans: tuple[Span, ...]
    tasks: tuple[Ran, ...]


# looptime's state, as virtual time sets it (`looptime.patch_event_loop(loop, start=0.0, end=...)`)
_TICKS = 1_000_000  # its clock's ticks in a second (its default resolution, 1e-6 s)
_PRIVATE = "_LoopTimeEventLoop__"
_NOW, _RECIPROCAL, _END, _ON, _OS_SELECT, _IDLE_STEP, _IDLE_END, _IDLE_TIMEOUT, _SYNC_CLOCK = (
    _PRIVATE + name for name in ("now", "resolution_reciprocal", "end", "enabled", "original_select", "idle_step",
                                 "idle_end", "idle_timeout", "sync_clock"))
# looptime's methods that read its clock (`loop.time()`, and the suites' `loop_now`): the loop's class must keep
# them and the loop not shadow them. (Those that move it, in a wait, need not: the wait is judged by its timers.)
_clock, _INT2TIME = looptime.LoopTimeEventLoop.time, _PRIVATE + "int2time"
_int2time = getattr(looptime.LoopTimeEventLoop, _INT2TIME)
_RUN_ONCE = asyncio.BaseEventLoop._run_once.__code__  # the one caller of a loop's select whose timeout is asyncio's
_getframe, _get_ident, _get, _perf_counter = sys._getframe, threading.get_ident, dict.get, time.perf_counter
_sender = sender  # the frame that sent the message the ledger is answering (through Keeper.send), or None
_Task, _CoroutineType, _TimerHandle, _deque = asyncio.Task, CoroutineType, asyncio.TimerHandle, collections.deque
_when_of = asyncio.TimerHandle.__dict__["_when"].__get__  # a timer's time, read by its slot (no class of the learner's)
_LONGEST = asyncio.base_events.MAXIMUM_SELECT_TIMEOUT
_done, _cancelled, _exception = asyncio.Task.done, asyncio.Task.cancelled, asyncio.Task.exception
_CLOCK, _RECORD = "loop.time()", "the ledger of virtual time"
_ENDED = "a task's end, set by hand (asyncio.Future.set_result)"
_UNSIGNED = frozenset({"turn", "waited", "span"})  # messages taken from any code (see `_ledger`)
_WATCHED: CodeType  # the code of `watched`, set once it is defined
_ARITY = MappingProxyType({"made": 3, "turn": 4, "waited": 3, "task": 6, "span": 3, "ended": 3, "report": 1})
_BUILTIN = type(len)  # a task's wakeup (`task_wakeup`, C) is a builtin method bound to its task


def _step_type() -> type:
    """The type of the callback that steps a task (`TaskStepMethWrapper`, C), read once, at import, from a
    scratch loop: a class of the learner's named so is another type."""
    loop, seen = asyncio.new_event_loop(), []

    def call_soon(callback: Callable, *args: Any, context: Any = None) -> Any:
        seen.append(callback)
        return asyncio.BaseEventLoop.call_soon(loop, callback, *args, context=context)

    async def nothing() -> None:
        return None

    try:
        loop.call_soon = call_soon  # type: ignore[method-assign]
        loop.run_until_complete(nothing())
    finally:
        loop.close()
    return type(seen[0])


_STEP = _step_type()


def _code_of(frame: Any) -> CodeType | None:
    return frame.f_code if frame is not None else None


def _ticks(timeout: float) -> int:
    """The most looptime moves its clock in a wait asked for `timeout` seconds (a timeout under a tick makes one)."""
    return round(timeout * _TICKS) + (1 if 0 < timeout < 1 / _TICKS else 0)


def _due(state: dict[str, Any], now: int) -> int | None | bool:
    """The ticks to the loop's next timer as asyncio's `_run_once` reads them before it waits: 0 with callbacks
    ready (or the loop stopping), None with no timer; False when the loop's queues are not asyncio's kinds."""
    ready, scheduled = _get(state, "_ready"), _get(state, "_scheduled")
    if type(ready) is not _deque or type(scheduled) is not list:
        return False
    if ready or _get(state, "_stopping") is not False:
        return 0
    if not scheduled:
        return None
    first = scheduled[0]
    when = _when_of(first) if type(first) is _TimerHandle else None
    if type(when) is not float and type(when) is not int:
        return False
    return _ticks(min(max(0.0, when - now / _TICKS), _LONGEST))


def _kept(record: dict[str, Any], end: int, whole: bool = False) -> int | None:
    """The loop's clock in ticks if looptime's state is as virtual time set it, else None. Before each wait,
    what no bound of a wait can judge: the scale of the clock asyncio reads (looptime's resolution, the methods
    that read it: a slower scale makes a long run look short) and how early asyncio runs a timer (its clock's
    resolution); `whole`, when the loop is made and when the run is over, the rest too (its end, switched on,
    idle steps, its own OS select and real-time clock), which move the clock only in waits, where it is judged."""
    loop = record["loop"]
    cls, state = type(loop), vars(loop)
    if cls is not record["class"] or type(state) is not dict:
        return None
    now, reciprocal = _get(state, _NOW), _get(state, _RECIPROCAL)
    if (type(now) is not int or type(reciprocal) is not int or reciprocal != _TICKS
            or _get(state, "_clock_resolution") != record["resolution"] or "time" in state or _INT2TIME in state
            or cls.time is not _clock or getattr(cls, _INT2TIME) is not _int2time):
        return None
    if whole and (_get(state, _END) != end or _get(state, _ON) is not True or _get(state, _IDLE_STEP) is not None
                  or _get(state, _IDLE_END) is not None or _get(state, _IDLE_TIMEOUT) is not None
                  or _get(state, _SYNC_CLOCK) is not _perf_counter
                  or _get(state, _OS_SELECT) is not record["os_select"]):
        return None
    return now


def _ledger(end: int, codes: dict[str, CodeType], _getframe: Callable = _getframe) -> Generator[Any, tuple, None]:
    """The run's records, in this generator's locals alone (its frame is out of the learner's reach).

    Messages. ("made", loop, where) from the `new_event_loop` installed, ("task", loop, task, code, args, label)
    from the task factory and ("report",) from `_VirtualLoops.report` are taken only from that code (the
    sender's frame is read: a function's code cannot be swapped). ("turn", loop, timeout, token) and ("waited",
    loop, token) bracket each wait of `watched`, a token of its own making each: taken from anyone, since on
    looptime's idle turns (42 of every 43) the clock does not move, but a turn inside a turn, or a wait ended
    with another token, is a forgery; and a wait in which the clock moved must have been `watched`'s, called
    by asyncio's `_run_once`, whose timeout it may not exceed (the frames are read then only). ("span", loop,
    task) only draws the timeline. The report answers (copies of the loops' records, what was found forged or
    None), and the ledger ends."""
    codes = dict(codes)
    # the records, found by identity (`id()` raises an audit event, and a loop's hash is its class's to say);
    # a task, of asyncio's own class, is a key by its identity
    loops: list[dict[str, Any]] = []
    last: dict[str, Any] | None = None  # the record of the last message's loop
    forged: str | None = None
    reply: Any = None
    own = _getframe(0)  # the sender of each message is its f_back's f_back (kit_ledger.sender)
    while True:
        try:
            message = yield reply
        except BaseException:  # a throw() or close() of the learner's: the records may no longer be whole
            forged = forged or _RECORD
            reply = None
            continue
        reply = None
        kind = message[0] if type(message) is tuple and message else None
        if (type(kind) is not str or len(message) != _ARITY.get(kind)
                or (kind not in _UNSIGNED and codes.get(kind) is not _code_of(_sender(own)))):
            forged = forged or _RECORD
            continue
        if kind == "report":  # the run is over: its records, and the ledger ends
            for record in loops:  # the clock, since the last wait, moved by none
                if _kept(record, end, whole=True) != record["clock"]:
                    forged = forged or _CLOCK
                for task in record["tasks"]:  # a task ends in a step of its own, or was marked done by hand
                    if _done(task) and task not in record["stepped"]:
                        forged = forged or _ENDED
            return [_copy(record) for record in loops], forged
        loop = message[1]
        if kind == "made":
            thread = _get_ident()
            state = vars(loop)
            record = {"loop": loop, "class": type(loop), "os_select": _get(state, _OS_SELECT),
                      "resolution": _get(state, "_clock_resolution"), "thread": thread,
                      "nested": _get_running_loop() is not None or _another_runs(loops, loop, thread),
                      "where": message[2], "ran_in": set(), "ran_nested": False, "clock": 0, "ended": None,
                      "first": None, "spans": [], "tasks": {}, "drawn": set(), "stepped": set(),
                      # the open wait: the clock as it began, asyncio's timeout, the ticks to the next timer, token
                      "before": None, "asked": None, "due": None, "token": None}
            loops.append(record)
            if _kept(record, end, whole=True) != 0:
                forged = forged or _CLOCK
            continue
        if last is None or last["loop"] is not loop:
            last = None
            for one in loops:
                if one["loop"] is loop:
                    last = one
                    break
            if last is None:
                forged = forged or _RECORD
                continue
        record = last
        if kind == "task":
            task, code, args, label = message[2:]
            if type(task) is not _Task or task in record["tasks"]:
                forged = forged or _RECORD
                continue
            first = record["first"]
            if first is None:
                record["first"] = task
            # a task of asyncio.run's own clean-up, after the run's coroutine was done, is neither drawn nor told
            record["tasks"][task] = (code, args, label, record["clock"], first is None or not _done(first))
        elif kind == "ended":  # the task ended in a step of its own (`_step_of`)
            task = message[2]
            if type(task) is _Task and task in record["tasks"]:
                record["stepped"].add(task)
        elif kind == "span":
            task = message[2]
            found = record["tasks"].get(task) if type(task) is _Task else None
            if found is not None and task is not record["first"] and found[4] and _done(task) \
                    and task not in record["drawn"]:
                record["drawn"].add(task)
                record["spans"].append(Span(found[2], found[3] / _TICKS, record["clock"] / _TICKS))
        elif kind == "turn":  # a wait begins, asked for by asyncio: the clock is where the last wait left it
            thread = _get_ident()
            record["ran_in"].add(thread)
            if not record["ran_nested"] and len(loops) > 1 and _another_runs(loops, loop, thread):
                record["ran_nested"] = True
            now, timeout = _kept(record, end), message[2]
            if (type(timeout) is float or type(timeout) is int) and timeout == 0:
                due = 0  # (no wait asked: no move allowed, whatever the timers say)
            else:
                due = _due(vars(loop), now) if now is not None else False
            if now is None or now != record["clock"] or record["token"] is not None or due is False:
                forged = forged or _CLOCK  # (moved since the last wait; a turn inside a turn; queues replaced)
            if record["ended"] is None and record["first"] is not None:
                _note_end(record)
            record["before"], record["asked"], record["due"], record["token"] = now, timeout, due, message[3]
        else:  # "waited": the end of the open turn, told by its token; a clock that moved must have moved in
            # asyncio's own wait (`watched` called by `_run_once`), by no more than asked or to the end of time
            timeout, due, before, now = record["asked"], record["due"], record["before"], _get(vars(loop), _NOW)
            now = now if type(now) is int else None
            if now is None or before is None or record["token"] is None or message[2] is not record["token"]:
                forged = forged or _CLOCK
            elif now != before:
                moved = now - before
                frame = _sender(own)
                if _code_of(frame) is not _WATCHED or _code_of(frame.f_back) is not _RUN_ONCE:
                    allowed = False  # (a function of the learner's, installed as the select, begins and ends waits)
                elif timeout is None or due is None:  # nothing to wait for: looptime jumps to the end, or stays
                    allowed = now == end and timeout is None and due is None
                else:  # to the next timer at most: as asked, and as the loop's timers say (a `time` of the
                    allowed = 0 < moved <= _ticks(timeout) and moved <= due  # learner's could skew the timeout)
                if not allowed:
                    forged = forged or _CLOCK
            record["before"] = record["token"] = None
            if now is not None:
                record["clock"] = now


def _another_runs(loops: list[dict[str, Any]], loop: Any, thread: int) -> bool:
    """Another loop of this run is running in `thread` (asyncio's own "running loop" can be unset by hand)."""
    return any(other["loop"] is not loop and _get(vars(other["loop"]), "_thread_id") == thread
               for other in loops)


def _note_end(record: dict[str, Any]) -> None:
    """The loop's first task is done: its clock now is the run's time (the clock moves in waits only)."""
    first = record["first"]
    if record["ended"] is None and first is not None and _done(first):
        record["ended"] = record["clock"]


def _returned(task: asyncio.Task, stepped: set) -> bool:
    """The task's coroutine returned: it ended in a step of its own, not cancelled, with no error."""
    return task in stepped and _done(task) and not _cancelled(task) and _exception(task) is None


def _copy(record: dict[str, Any]) -> _Made:
    _note_end(record)
    ended = record["ended"]
    return _Made(record["loop"], record["thread"], record["nested"], record["where"], frozenset(record["ran_in"]),
                 record["ran_nested"], record["clock"] / _TICKS, None if ended is None else ended / _TICKS,
                 tuple(record["spans"]),
                 tuple(Ran(code, args, _returned(task, record["stepped"])) for task, (code, args, _, _, during) in record["tasks"].items()
                       if code is not None and during))


def _installed(original: Callable, keeper: Keeper, end: float, learner_file: str) -> Callable:
    """What replaces `asyncio.events.new_event_loop` during a run: a function whose only state is the ledger."""

    def new_event_loop() -> asyncio.AbstractEventLoop:
        loop = looptime.patch_event_loop(original(), start=0.0, end=end)
        where = locate(learner_file) if learner_file else None
        keeper.send(("made", loop, where))  # (once the run is over, the ledger has ended: nothing is told)
        loop._selector.select = _watcher(loop, loop._selector.select, keeper)  # type: ignore[attr-defined]
        loop.set_task_factory(_factory(keeper))
        loop.call_soon = _stepping(loop.call_soon, keeper)  # type: ignore[method-assign]
        return loop

    return new_event_loop


def _watcher(loop: asyncio.AbstractEventLoop, select: Callable, keeper: Keeper) -> Callable:
    """The loop's select, reported to the ledger before and after each wait (every turn of a loop waits once,
    whichever thread runs it)."""

    def watched(timeout=None):
        token = object()  # this wait's own: learner code cannot read it, so cannot end this wait in its place
        keeper.send(("turn", loop, timeout, token))  # (once the run is over, the loop is no longer watched)
        try:
            return select(timeout)
        finally:
            keeper.send(("waited", loop, token))

    return watched


def _factory(keeper: Keeper) -> Callable:
    """The loop's task factory: every task is told to the ledger with its coroutine's code and arguments."""

    def factory(loop, coro, **kwargs):
        task = _Task(coro, loop=loop, **kwargs)
        real = type(coro) is _CoroutineType  # an object that only says it is a coroutine tells nothing
        code = coro.cr_code if real else None
        args = _arguments(coro, code) if real else ()
        keeper.send(("task", loop, task, code, args, _label(coro, args) if real else type(coro).__name__))
        task.add_done_callback(done)
        return task

    def done(task):
        keeper.send(("span", task.get_loop(), task))

    return factory


def _stepping(call_soon: Callable, keeper: Keeper) -> Callable:
    """The loop's call_soon: a task's step (asyncio's own callback, by its exact type) is scheduled as `_step_of`
    it, every other callback as is."""

    def stepping(callback: Callable, *args: Any, context: Any = None) -> asyncio.Handle:
        if _task_of(callback) is not None:
            callback = _step_of(callback, keeper)
        return call_soon(callback, *args, context=context)

    return stepping


def _task_of(callback: Any) -> asyncio.Task | None:
    """The task that `callback` steps, when it is asyncio's own step or wakeup of a task (C: their `__self__`)."""
    if type(callback) is _STEP or (type(callback) is _BUILTIN and callback.__name__ == "task_wakeup"):
        task = callback.__self__
        return task if type(task) is _Task else None
    return None


def _step_of(inner: Callable, keeper: Keeper) -> Callable:
    """A task's step, run so that the ledger hears when the task ended in it: pending before, done after, its
    coroutine finished, and the step raised nothing (a task ended in its own step after it was marked done
    raises InvalidStateError). Only a task's own code runs in its step: a task marked done by hand
    (`asyncio.Future.set_result(task, value)`, which a Task's own set_result refuses) from anywhere else, its
    result forged, ends in no step of its own, and the ledger says `tampered`."""

    def step(*args: Any) -> Any:
        run = inner  # read once: what is run is asyncio's own step of its own task (a cell can be rewritten)
        task = _task_of(run)
        pending = task is not None and not _done(task)
        result = run(*args)
        if pending and _done(task):
            coro = task.get_coro()
            if type(coro) is not _CoroutineType or coro.cr_frame is None:
                keeper.send(("ended", task.get_loop(), task))
        return result

    return step


def _code(outer: Callable, name: str) -> CodeType:
    return next(code for code in outer.__code__.co_consts if type(code) is CodeType and code.co_name == name)


class _VirtualLoops:
    """While entered, every new event loop is virtual: `asyncio.run`, `asyncio.Runner` and `asyncio.new_event_loop`
    all make theirs with `asyncio.events.new_event_loop`, replaced for that time. (Event-loop policies did this
    before; Python 3.14 deprecates them.) On leaving, only what is still this replacement is put back: a learner
    who replaced it meanwhile is left for the tamper guard to see. `report()` gives the ledger's records."""

    def __init__(self, end: float, learner_file: str = ""):
        self.thread = threading.get_ident()  # the check's
        self._original = asyncio.events.new_event_loop
        self._keeper = Keeper(_ledger(round(end * _TICKS), _CODES))
        self._made = _installed(self._original, self._keeper, end, learner_file)

    def report(self) -> tuple[list[_Made], str | None]:
        """The ledger's records, once, when the run is over: the ledger ends (a loop still turning then, in a
        thread of the learner's, is no longer watched)."""
        try:
            reply = self._keeper.send(("report",))
        except (ValueError, RuntimeError):  # running (a message sent from inside its own answer)
            reply = None
        if type(reply) is Ended and reply.value is not None:  # (no value: it had ended already, asked by another)
            return reply.value
        return [], _RECORD

    def __enter__(self) -> "_VirtualLoops":
        asyncio.events.new_event_loop = asyncio.new_event_loop = self._made
        return self

    def __exit__(self, *exc: object) -> None:
        for module in (asyncio.events, asyncio):
            if module.new_event_loop is self._made:
                module.new_event_loop = self._original


class _Loops:
    """The loops of a run as the ledger reported them: which one is timed, which others turned."""

    def __init__(self, made: list[_Made], thread: int, own: asyncio.AbstractEventLoop | None):
        self.made, self.thread = made, thread
        self.own = next((one for one in made if one.loop is own), None) if own is not None else None

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


def _untimed(made: _Loops, foreign: list[_Made]) -> KataFailure:
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
        return self._timed(lambda: (func(*args), None), end)

    def run(self, coro_fn: Callable, *args: Any, end: float = 3600.0) -> VirtualRun:
        def own() -> tuple[Any, asyncio.AbstractEventLoop]:
            with asyncio.Runner() as runner:  # what asyncio.run does, its loop made before any learner code
                loop = runner.get_loop()
                return runner.run(coro_fn(*args)), loop

        return self._timed(own, end)

    def _timed(self, call: Callable[[], tuple[Any, asyncio.AbstractEventLoop | None]], end: float) -> VirtualRun:
        virtual = _VirtualLoops(end, self.learner_file)
        try:
            with virtual, probes.StallProbe(self.learner_file) as probe:
                self.probe = probe
                try:
                    result, own = call()
                except looptime.LoopTimeoutError:
                    raise LoopEndReached(end) from None
        finally:
            self.probe = None
            self.stalls.extend(probe.events)
            made, forged = virtual.report()
        loops = _Loops(made, virtual.thread, own)
        if own is not None and loops.own is None:  # new_event_loop was not ours when the loop was made
            raise RuntimeError("virtual.run: its event loop was not made by virtual time")
        self.last_spans = []
        if forged:
            raise tampered(forged)
        timed, foreign = loops.timed(), loops.foreign()
        if foreign:
            raise _untimed(loops, foreign)
        # the time the run's coroutine took: a task it left running, which asyncio.run had to cancel and which
        # slept on, does not make a coroutine that returned at once look as if it had waited
        elapsed = (timed.clock if timed.ended is None else timed.ended) if timed else None
        spans = sorted(timed.spans, key=lambda s: (s.start, s.end)) if timed else []
        self.last_spans = spans
        return VirtualRun(result, elapsed, 1 if timed else 0, list(probe.events), spans,
                          list(timed.tasks) if timed else [])


# who may send each message to a ledger: the code of the checker's function that sends it
_CODES = MappingProxyType({"made": _code(_installed, "new_event_loop"), "task": _code(_factory, "factory"),
                           "ended": _code(_step_of, "step"),
                           "report": _VirtualLoops.report.__code__})
_WATCHED = _code(_watcher, "watched")
