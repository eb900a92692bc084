# kata: 01
# expect: tampered
# tests/faults/builtins_type_fools_same.py (stopped) again, through the private copy itself: `task` returns an
# object equal to anything, and passes "task returns "result of <name>"", which the stub fails (3/8). How:
# checker/child/detach.py is not detached (NOT_DETACHED) and keeps its private data as plain module globals:
# `sys.modules["checker.child.detach"]._builtins` is the private builtins dict that every detached function
# runs with (the suite's and the checker's). The learner writes a `type` into it that answers `str` for its
# own object; `same()` (kit_verdicts) then finds `type(actual) is type(expected)` and compares with
# `actual == expected`, which the object answers True. The same module hands out `_private` (every checker
# module's private globals: `_private["checker.child.plugin"]`, `["checker.child.virtual"]`...), `_views`
# (the Frozen views the detached globals see of the checker's modules: plain SimpleNamespace instances,
# writable) and `_copies`; no `__globals__` and no pytest object is needed.
# Why the defences miss it: writing into a dict raises no audit event; guard.Snapshot watches module
# attributes that are callables (and os.environ, the message catalog), not the contents of `_builtins`,
# `_private`, `_views`; reaching them takes only `sys.modules` and an attribute read.
# Fix (suggested): keep nothing of the private copies in a module namespace: make `detach` hold them in the
# closure of the functions that need them (or drop the references once detaching is done: the copies keep
# their globals alive themselves) and delete `_builtins`, `_private`, `_views`, `_copies` from detach's
# namespace before the learner's code loads (after the last detach_checker at collection). That closes this
# route; the one through a detached function's `__globals__` stays (see suite_private_globals_rewritten.py),
# so compare the private dicts too (key -> id snapshot, checked in `_check_untouched`), which at least
# catches a rewrite left in place, as here.
import sys

private = sys.modules["checker.child.detach"]._builtins  # the builtins every detached function runs with
real_type = private["type"]


class Answer:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


def type(*args):  # noqa: A001
    if len(args) == 1 and real_type(args[0]) is Answer:
        return str  # `same()` asks `type(actual) is type(expected)` first
    return real_type(*args)


private["type"] = type


async def task(name: str, duration: float):
    return Answer()


def main():
    return Answer()
