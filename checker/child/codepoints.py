"""Switch points inside the learner's own code: the cooperative scheduler (checker/child/schedule.py) may hand
the turn to another thread just before any instruction of the learner's that writes shared state or calls.

The same managed threads run under a profile function (`Starts`) that tells the scheduler when they start a
thread it does not adopt: a stray, since whatever learner code does there runs whole.

Probe points on named attributes (races.py) see a count kept in `value` or in any field of the counter, but not
one kept in a dict's item (`self._state["n"]`), a list, a module global or a closure's cell: there a read and the
write after it ran whole between two probe points, and a race never showed. A managed thread whose scheduler asks
for it (`Scheduler(code_points=...)`) runs under a trace function (`tracer()`, installed by
`schedmodel.run_managed`) that traces the frames of code that is neither the checker's, nor the suite's, nor
Python's own (standard library, installed packages, frozen modules): the learner's file, code it compiles at
run time, a module it writes and imports. In those frames every instruction that stores into an attribute, an
item, a slice, a global or a closure's cell (or deletes one), and every call (a method that mutates, `setattr`,
`operator.setitem`...), is a probe point. A read-modify-write of shared state is a read, then such a store: a
switch just before the store lets another thread read the same value first, wherever the state is kept.

Cost: a trace function is called at every call in the thread, the checker's too (the scheduler's own steps
are most of them). Those are told by their globals and their caller's (`f_globals`, `f_back`: no audit
event), against the namespaces of the checker's, the suite's and Python's code read once per run
(`namespaces()`); only the others have their code read (`f_code`, an audit event). Only the learner's frames get
opcode events, and a switch there goes to the thread's own switcher (a generator holding the scheduler), not
to the registry.

What the trace function holds is harmless in learner code's hands (it may get it with `sys.gettrace()`): tuples
of folder names, read-only mappings of namespaces, and the `send` of the thread's switcher, whose scheduler it
cannot reach (a generator's frame is refused to it) and whose `throw()` and `close()` only make the switches
ask the registry instead (schedmodel.probe()), as any probe point does. Learner code cannot remove it:
`sys.settrace` from learner code, and any way to a frame (whose `f_trace` it could clear), are refused by the
audit hook. Code of the standard library called by the learner's (a `collections.Counter.update`) runs whole:
its call is the switch point.
"""

from __future__ import annotations

import dis
import os
import sys
import sysconfig
import time
from types import FunctionType, MappingProxyType, ModuleType
from typing import TYPE_CHECKING, Callable, Mapping

from checker.child.schedmodel import FREE, probe

if TYPE_CHECKING:
    from checker.child.schedule import Scheduler

# Before these, another thread may run: the stores (and deletes) of shared places, and the calls.
SWITCH_BEFORE = frozenset(dis.opmap[name] for name in (
    "STORE_ATTR", "STORE_SUBSCR", "STORE_SLICE", "STORE_GLOBAL", "STORE_DEREF", "DELETE_ATTR", "DELETE_SUBSCR",
    "DELETE_GLOBAL", "DELETE_DEREF", "CALL", "CALL_FUNCTION_EX", "CALL_KW") if name in dis.opmap)
_CHECKER = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def _python_roots() -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    roots = {paths[key] for key in ("stdlib", "platstdlib", "purelib", "platlib") if paths.get(key)}
    roots |= {path for path in sys.path if "site-packages" in path or "dist-packages" in path}
    return tuple(sorted(root.rstrip(os.sep) + os.sep for root in roots))


PYTHON = (*_python_roots(), "<frozen ")  # Python's own code: never traced


def _opcode_events() -> None:
    """Python 3.12 sends opcode events to a trace function only once a frame has asked for them before
    `sys.settrace` was called (cpython#103615, #114480): asked once, here, as the module loads (asking in each
    managed thread, as it installs its trace function, crashed 3.12.1)."""
    if sys.version_info[:2] == (3, 12):
        sys._getframe().f_trace_opcodes = True


_opcode_events()


def untraced(*files: str) -> tuple[str, ...]:
    """What a scheduler's trace function leaves alone: the checker's package, Python's own code, and `files`
    (the suite that runs the scheduler)."""
    return (_CHECKER, *PYTHON, *(name for name in files if name))


def learner_stack(frame, skip: tuple[str, ...]) -> tuple[tuple[str, int, str], ...]:
    """(file, line, function) of every frame from `frame` outwards whose code is the learner's (not under
    `skip`), outermost first: where a thread was, in plain data (no frame is kept)."""
    found = []
    while frame is not None:
        code = frame.f_code
        name = code.co_filename
        if type(name) is not str or not name.startswith(skip):
            found.append((str(name), frame.f_lineno or 0, str(code.co_name)))
        frame = frame.f_back
    return tuple(reversed(found))


def switch(_probe: Callable = probe, _free: str = FREE, _sleep: Callable = time.sleep, _type: type = type,
           _str: type = str) -> None:
    """A switch point reached in the learner's code, asked of the registry (schedmodel.probe()): the managed
    thread's scheduler may hand the turn on; once it stepped aside, the other threads run first."""
    sched, _ = _probe()
    if sched is _free:
        _sleep(0)
    elif sched is not None and _type(sched) is not _str:
        sched.point()


STARTED = "started"  # what a thread's profile function (Starts) sends its switcher when the thread starts one
THREAD_STARTERS = frozenset({"start_new_thread", "start_new", "start_joinable_thread"})  # _thread's, 3.11 to 3.13


def _switcher(sched: "Scheduler", sleep: Callable, caught: type, closed: type, started: str):
    """The switch points of one managed thread, and the threads it starts (`STARTED`, from Starts): a
    generator, so that the scheduler lives in its locals, out of learner code's reach (a closure's cells it
    could read; a generator's frame the audit hook refuses it), and a switch costs no question to the registry.
    What learner code throws in (`throw()`) is ignored; closed (by the collector, or by learner code) or once the
    switch raised (`Aborted`, the run unwound, raised in the thread that switched), it is over, and the thread's
    switch points ask the registry (Traced)."""
    while True:
        try:
            message = yield
        except closed:
            return
        except caught:
            continue
        if message == started:  # (an exact str of ours: compared by its characters, learner code sends anything)
            sched.thread_started()
            continue
        if sched._free:
            if not sched._aborting and not sched._over:  # stepped aside: the other threads run first
                sleep(0)
        else:
            sched.code_point()


def _in(scope: dict, namespaces: Mapping, get: Callable, _str: type = str, _type: type = type) -> bool:
    """Whether `scope` is one of `namespaces` (see namespaces()): found by its `__name__` (an exact str), then
    by identity (no `id()`, an audit event; no method of an object learner code made)."""
    name = get(scope, "__name__")
    if _type(name) is not _str:
        return False
    for namespace in namespaces.get(name, ()):
        if namespace is scope:
            return True
    return False


class Traced(tuple):
    """The trace function of one traced frame (see Tracer), (its code's instructions,): a switch before each
    instruction of SWITCH_BEFORE."""

    __slots__ = ()

    def __call__(self, frame, event, arg, _ops: frozenset = SWITCH_BEFORE, _switch: Callable = switch,
                 _busy: type = ValueError, _ended: type = StopIteration):
        ops, send = self
        if event == "opcode" and ops[frame.f_lasti] in _ops:
            try:
                send(None)
            except (_busy, _ended):  # the thread's switcher sent to by someone else at once, or ended: asked
                _switch()  # of the registry instead
        return self


class Tracer(tuple):
    """The trace function of a managed thread, (the files left untraced, the checker's and Python's own): the
    frames of code not under the first get opcode events and a switch before each instruction of SWITCH_BEFORE
    (`Traced`); every other frame is left untraced, and so is code compiled at run time ("<string>") that the
    checker's or Python's code calls (a dataclass's `__init__`, a namedtuple's `__new__`: theirs, not the
    learner's; the scheduler must never be entered again from inside its own decisions). A tuple, as `Traced`:
    learner code that gets it from `sys.gettrace()` can rebind nothing in it (a closure's cells it could), and
    what its method calls is bound as defaults (the audit hook refuses a write to a checker function's)."""

    __slots__ = ()

    def __call__(self, frame, event, arg, _str: type = str, _type: type = type, _traced: type = Traced,
                 _get: Callable = dict.get, _in: Callable = _in):
        skip, own, send, ours, theirs = self
        scope = frame.f_globals  # the checker's own calls, most of the calls here, are told without reading
        caller = frame.f_back  # their code (`f_code` is an audit event; `f_globals` and `f_back` are not)
        if caller is not None and _in(scope, ours, _get) and _in(caller.f_globals, theirs, _get):
            return None  # (learner code run with such globals, `exec`'d, is code named "<string>", called by
        code = frame.f_code  # the checker's or Python's code: untraced below too)
        name = code.co_filename
        if _type(name) is _str and name.startswith(skip):
            return None
        if _type(name) is _str and name[:1] == "<":
            called_by = caller.f_code.co_filename if caller is not None else None
            if _type(called_by) is _str and called_by.startswith(own):
                return None
        traced = _traced((code.co_code, send))
        frame.f_trace = traced  # before f_trace_opcodes: 3.13 instruments the code only for a traced frame
        frame.f_trace_lines = False
        frame.f_trace_opcodes = True
        return traced


class Starts(tuple):
    """The profile function of a managed thread that switches in the learner's code, (its switcher's `send`,):
    a call of `_thread`'s thread starters (threading's `Thread.start` ends in one) is told to the scheduler,
    which counts it as a stray unless it adopts the thread (checker/child/adopt.py): a thread no scheduler
    manages runs whatever the learner's code does there whole (a racy read-modify-write moved into a helper
    thread that touches nothing watched, tests/faults/race_counter_state_moved_to_a_helper.py). A profile
    function sees every call of a C function, whichever module object it was found in (a fresh `_thread`
    module's too), and learner code may not remove it (`sys.setprofile` is refused to it)."""

    __slots__ = ()

    def __call__(self, frame, event, arg, _names: frozenset = THREAD_STARTERS, _started: str = STARTED,
                 _getattr: Callable = getattr, _busy: type = ValueError, _ended: type = StopIteration,
                 _probe: Callable = probe, _type: type = type, _str: type = str):
        if event == "c_call" and _getattr(arg, "__name__", None) in _names and \
                _getattr(arg, "__module__", None) == "_thread":
            try:
                self[0](_started)
            except (_busy, _ended):  # the switcher busy or closed: the registry tells the scheduler
                sched, _ = _probe()
                if sched is not None and _type(sched) is not _str:
                    sched.thread_started()


def tracer(skip: tuple[str, ...], sched: "Scheduler", ours: Mapping, theirs: Mapping) -> tuple[Tracer, Starts]:
    """The trace and profile functions of one managed thread of `sched`, which switches in the learner's code
    (`skip`: what is not the learner's, untraced(); `ours` and `theirs`: namespaces(skip) and
    namespaces(untraced()))."""
    switcher = _switcher(sched, time.sleep, BaseException, GeneratorExit, STARTED)
    next(switcher)
    return Tracer((skip, (_CHECKER, *PYTHON), switcher.send, ours, theirs)), Starts((switcher.send,))


def namespaces(skip: tuple[str, ...]) -> Mapping:
    """The globals of the code of the files under `skip`, by module name, read-only: each loaded module's
    namespace, and the private globals of its functions and its classes' (checker/child/detach.py gives the
    checker's and the suite's functions globals of their own). Only real modules whose `__file__` is an exact
    str are read, by their `__dict__` (an object learner code put in `sys.modules` runs no code here)."""
    found: dict[str, list] = {}

    def add(name: str, scope: object) -> None:
        if type(scope) is dict:
            kept = found.setdefault(name, [])
            if not any(scope is other for other in kept):
                kept.append(scope)

    for module in list(sys.modules.values()):
        if type(module) is not ModuleType:
            continue
        space = module.__dict__
        name, file = space.get("__name__"), space.get("__file__")
        if type(name) is not str or type(file) is not str or not file.startswith(skip):
            continue
        add(name, space)
        if file.startswith(_CHECKER) or not file.startswith(PYTHON):  # the checker's and the suite's: detached
            for value in list(space.values()):
                members = vars(value).values() if type(value) is type and value.__module__ == name else (value,)
                for member in list(members):
                    function = getattr(member, "__func__", member)  # a static or class method
                    if type(function) is FunctionType and function.__module__ == name:
                        add(name, function.__globals__)
    return MappingProxyType({name: tuple(scopes) for name, scopes in found.items()})
