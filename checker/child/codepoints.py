"""Switch points inside the learner's own code: the cooperative scheduler (checker/child/schedule.py) may hand
the turn to another thread just before any instruction of the learner's that writes shared state or calls.

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

What the trace function holds is harmless in learner code's hands (it may get it with `sys.gettrace()`): a tuple
of folder names and the opcodes, no scheduler, no cache to poison; the switch asks the registry, as any probe
point does (schedmodel.probe()). Learner code cannot remove it: `sys.settrace` from learner code, and any way to
a frame (whose `f_trace` it could clear), are refused by the audit hook. Code of the standard library called by
the learner's (a `collections.Counter.update`) runs whole: its call is the switch point.
"""

from __future__ import annotations

import dis
import os
import sys
import sysconfig
import time
from typing import Callable

from checker.child.schedmodel import FREE, probe

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
    """A switch point reached in the learner's code: the managed thread's scheduler may hand the turn on; once
    it stepped aside, the other threads run first (as at any probe point)."""
    sched, _ = _probe()
    if sched is _free:
        _sleep(0)
    elif sched is not None and _type(sched) is not _str:
        sched.point()


class Traced(tuple):
    """The trace function of one traced frame (see Tracer), (its code's instructions,): a switch before each
    instruction of SWITCH_BEFORE."""

    __slots__ = ()

    def __call__(self, frame, event, arg, _ops: frozenset = SWITCH_BEFORE, _switch: Callable = switch):
        if event == "opcode" and self[0][frame.f_lasti] in _ops:
            _switch()
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

    def __call__(self, frame, event, arg, _str: type = str, _type: type = type, _traced: type = Traced):
        skip, own = self
        code = frame.f_code
        name = code.co_filename
        if _type(name) is _str and name.startswith(skip):
            return None
        if _type(name) is _str and name[:1] == "<":
            caller = frame.f_back
            called_by = caller.f_code.co_filename if caller is not None else None
            if _type(called_by) is _str and called_by.startswith(own):
                return None
        traced = _traced((code.co_code,))
        frame.f_trace = traced  # before f_trace_opcodes: 3.13 instruments the code only for a traced frame
        frame.f_trace_lines = False
        frame.f_trace_opcodes = True
        return traced


def tracer(skip: tuple[str, ...]) -> Tracer:
    """The trace function for a scheduler whose managed threads switch in the learner's code (`skip`: what is
    not the learner's, untraced())."""
    return Tracer((skip, (_CHECKER, *PYTHON)))
