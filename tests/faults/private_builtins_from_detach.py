# kata: 01
# expect: crash
# An attack on the private copies kept by checker/child/detach.py (a fourth red team, 2026-12-06): it read
# `sys.modules["checker.child.detach"]._builtins` (the private builtins that every detached function runs
# with) and wrote a `type` into it that answers `str` for its own object, to fool same(). Stopped twice: detach
# keeps no reference to the private copies once the learner's code is about to load (`forget()`: this file's
# `private["type"]` is a KeyError, the verdict is the crash of its import), and the private copies are part of
# the reference the audit hook holds and compares (private_builtins_through_globals.py reaches them through a
# function's `__globals__` and is `tampered`).
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
