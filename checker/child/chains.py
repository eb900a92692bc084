"""The calls a sealed pass must come through: from pytest's own run of a check up to the record's seal.

Why: the audit hook (checker/child/audit.py) signs what `record.write` hands it, and learner code cannot call
that itself (a learner frame on the stack is refused). But the interpreter calls learner-chosen callables
where no learner frame shows: a `weakref.finalize` or a weakref callback run by a collection, a `__del__`
that is a `functools.partial`... Such a callable can be the checker's own writer, the plugin's `_write`, or
pytest's hook caller with a forged report, and then every frame on the stack is trusted. So an entry sent as
passed, and a record sent as complete, are honoured only when the frames from `seal()` down are exactly the
plugin's path from pytest's run (`call_and_report` making a check's report, `wrap_session` ending the session,
`perform_collect` after collection), or the deadline's watchdog ending a run stuck in C (no pass, from its own
thread's first frame):

    seal <- record.write <- KataPlugin._write <- KataPlugin._decide <- KataPlugin.pytest_runtest_makereport
         <- pluggy's hook calling (one frame or more) <- _pytest.runner.call_and_report

Each frame is told by the identity of its code object and of its globals (a function of the learner's given
the checker's code still has the learner's globals), and each caller must stand on the one call of its code
that calls the next step (found by name in the source, here, before the learner's code loads): a callable
that the interpreter runs on its own starts where an object was allocated or released, never on that call.
The hook also binds a pass to the item `call_and_report` runs: a pass for another check is refused, and one
forged for the item being run is overridden by that item's own report.
"""

from __future__ import annotations

import dis
import sys
from types import CodeType, FunctionType, ModuleType
from typing import Any, Iterator

CALL, FINISH, COLLECT, ABANDON = "call", "finish", "collect", "abandon"
PLUGGY_CALLS = ("function", "send", "_inner_hookexec", "_hookexec")  # an implementation, a wrapper resumed


class ChainError(RuntimeError):
    """pytest or pluggy no longer calls the plugin the way this module knows."""


def paths(plugin_class: type, write: FunctionType, seal: FunctionType) -> dict[str, Any]:
    """What the hook needs to follow the paths, bound now (before the learner's code loads): per path, its
    steps from seal() down, each a set of code ids ("repeat" is pluggy's: one frame or more); per code id,
    the id of its globals and the offsets its frame stands on while it calls the next step."""
    import threading

    import pluggy  # noqa: F401 (its modules, whatever they are named: pluggy 1.6 renamed some)
    from _pytest import main, runner

    from checker.child.deadline import Watchdog

    known: dict[int, tuple[int, frozenset[int]]] = {}
    keep: list[CodeType] = []  # the code objects stay alive, so that their ids stay theirs

    def step(functions: Iterator[Any] | tuple, *callees: str, required: bool = True) -> frozenset[int]:
        ids = set()
        for function in functions:
            function = getattr(function, "__func__", function)
            code = function.__code__
            sites = calls(code, callees) if callees else frozenset()
            if required and callees and not sites:
                raise ChainError(f"{function.__qualname__} no longer calls {' or '.join(callees)}")
            known[id(code)] = (id(function.__globals__), sites)
            keep.append(code)
            ids.add(id(code))
        return frozenset(ids)

    pluggy_functions = (f for name, module in list(sys.modules.items())
                        if name.split(".")[0] == "pluggy" and isinstance(module, ModuleType)
                        for f in functions_of(module))
    hooks = step(pluggy_functions, *PLUGGY_CALLS, required=False)
    ending = call_end(plugin_class)
    head = (step((seal,)), step((write,), "seal"), step((plugin_class._write,), "write"))
    anchor = step((runner.call_and_report,), "pytest_runtest_makereport")
    return {
        "paths": {
            CALL: (*head, step((plugin_class._decide,), "_write"),
                   step((plugin_class.pytest_runtest_makereport,), "_decide"), hooks, anchor),
            FINISH: (*head, step((plugin_class.pytest_sessionfinish,), "_write"), hooks,
                     step((main.wrap_session,), "pytest_sessionfinish")),
            COLLECT: (*head, step((plugin_class.pytest_collection_modifyitems,), "_write"), hooks,
                      step((main.Session.perform_collect,), "pytest_collection_modifyitems")),
            # the deadline's watchdog ending a run stuck in C, from the very start of its own thread
            ABANDON: (*head, step((plugin_class.abandon,), "_write"), step((Watchdog.run,), "abandon"),
                      step((threading.Thread._bootstrap_inner,), "run"),
                      step((threading.Thread._bootstrap,), "_bootstrap_inner")),
        },
        "bottom": frozenset({ABANDON}),  # paths whose last step is the first frame of its thread
        "repeat": hooks,
        "item_anchor": anchor,
        "known": known,
        "call_end": ending,
        "keep": (*keep, *ending[:3]),
    }


def call_end(plugin_class: type) -> tuple[CodeType, CodeType, CodeType, frozenset[int]]:
    """What the hook reads to tell the plugin's comparison as a check's call ends (audit.py `unguarded`):
    the code of `audit.compare`, of the plugin's `_check_untouched`, of its `pytest_runtest_call` wrapper, and
    the offsets where the wrapper stands on its call of `_check_untouched` once the call has run (after its
    first yield: the `finally`, whether the check passed or raised)."""
    from checker.child import audit

    wrapper = getattr(plugin_class.pytest_runtest_call, "__func__", plugin_class.pytest_runtest_call).__code__
    resumed = min((i.offset for i in dis.get_instructions(wrapper) if i.opname in ("YIELD_VALUE", "SEND")),
                  default=None)
    sites = calls(wrapper, ("_check_untouched",))
    if resumed is None or not any(offset > resumed for offset in sites):
        raise ChainError("KataPlugin.pytest_runtest_call no longer compares once the call has run")
    return (audit.compare.__code__, plugin_class._check_untouched.__code__, wrapper,
            frozenset(offset for offset in sites if offset > resumed))


def functions_of(module: ModuleType) -> Iterator[FunctionType]:
    """The functions a module defines, its classes' methods included."""
    for value in list(vars(module).values()):
        if isinstance(value, FunctionType) and value.__module__ == module.__name__:
            yield value
        elif isinstance(value, type) and value.__module__ == module.__name__:
            for attribute in vars(value).values():
                attribute = getattr(attribute, "__func__", attribute)
                if isinstance(attribute, property):
                    attribute = attribute.fget
                if isinstance(attribute, FunctionType):
                    yield attribute


def calls(code: CodeType, names: tuple[str, ...]) -> frozenset[int]:
    """The offsets a frame of `code` stands on while it calls `x.NAME(...)` or `NAME(...)` for one of
    `names`: the call instruction's own, its last cache entry's (3.11 and 3.12 call a Python function inline
    from there) and 3.11's PRECALL before it (a specialised call of a builtin, `gen.send`, runs there). The
    callee is read from the source the instruction spans."""
    try:
        with open(code.co_filename, "rb") as f:
            lines = f.read().split(b"\n")
    except OSError:
        return frozenset()
    instructions = [i for i in dis.get_instructions(code) if i.opname != "CACHE"]
    found = set()
    for before, here, following in zip([None, *instructions], instructions, instructions[1:] + [None]):
        if not here.opname.startswith("CALL") or here.opname.startswith("CALL_INTRINSIC"):
            continue
        where = here.positions
        if where is None or where.lineno is None or where.col_offset is None or where.lineno > len(lines):
            continue
        callee = lines[where.lineno - 1][where.col_offset:].split(b"(", 1)[0].strip()
        if callee.rpartition(b".")[2].decode("utf-8", "replace") in names:
            end = following.offset if following is not None else len(code.co_code)
            found |= {here.offset, end - 2}
            if before is not None and before.opname == "PRECALL":  # 3.11 calls a builtin from there
                found.add(before.offset)
    return frozenset(found)
