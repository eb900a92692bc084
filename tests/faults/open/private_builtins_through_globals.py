# kata: 01
# expect: tampered
# `task` and `main` return an object equal to anything in place of "result of <name>", and the checks that
# compare the result with kit_verdicts.same() pass. The sibling of builtins_type_fools_same.py (stopped by
# detaching: the checker's helpers resolve builtins in a private copy made before the learner's code loads),
# aimed at that private copy itself: a detached function's `__globals__` (a plain attribute read, which raises
# NO audit event, unlike `__code__`) is its private globals dict, and `["__builtins__"]` there is the private
# builtins dict, shared by every detached function. The fake `type` is put in it and takes itself out when
# same() asks its second question, as in the stopped file; the guard never compares the private dicts, and a
# self-restoring rewrite would leave nothing for it to see anyway. The same route reaches any private global
# of the checker (`same.__globals__["show"]`, `_CO_COROUTINE`...).
# The teacher's scan flags it (`__globals__`, `sys.modules`, the checker's module named).
# Fix (suggested, not tried): a read-only mapping for the builtins is no way out (a function's builtins may be
# any mapping for LOAD_GLOBAL, but CPython reads `__import__` from them with a dict-only call: every `import`
# inside a checker function would fail); what a helper reads after learner code must not be looked up in a
# reachable dict at all: bound as default arguments at detach time (readable through `__defaults__`, but a
# write to it is an audit event the hook refuses, and a tuple cannot be changed in place), or a process
# boundary between the learner's code and what decides a verdict.
import asyncio
import builtins
import os


class Anything:
    def __eq__(self, other):
        return True

    __hash__ = object.__hash__


def _fool_same(value):
    if not any(name in os.environ.get("PYTEST_CURRENT_TEST", "") for name in ("returns_its_result", "main_runs")):
        return
    import sys
    private = sys.modules["checker.child.kit_verdicts"].same.__globals__["__builtins__"]
    real = private["type"]
    after_value = [False]

    def type(*args, **kwargs):
        if len(args) == 1 and not kwargs:
            if args[0] is value:
                after_value[0] = True
                return str
            if after_value[0] and real(args[0]) is str and args[0].startswith("result of "):
                private["type"] = real
            after_value[0] = False
        return real(*args, **kwargs)

    private["type"] = type


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    answer = Anything()
    _fool_same(answer)
    return answer


def main():
    answer = asyncio.run(task("kata", 1.0))
    return answer
