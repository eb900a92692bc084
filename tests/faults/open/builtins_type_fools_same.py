# kata: 01
# expect: tampered
# `task` and `main` return an object equal to anything in place of "result of <name>", and both checks that
# compare the result with kit_verdicts.same() pass (as tests/faults/always_equal.py once did). How: just before
# returning, the learner's code rebinds `builtins.type` (a builtins attribute: no audit event) to a function
# that answers `str` for that object and delegates everything else to the real `type`, and that puts the real
# one back as soon as it is asked the type of the expected string right after the object's:
#     same(actual, expected):  type(actual) is not type(expected)   -> str is str
#                              isinstance(expected, _EXACT)        -> actual == expected -> always True
# kit_verdicts.same looks `type` up in the builtins at each call (the checker's modules are not detached;
# and checker/child/detach.py, for the suite's own functions, copies the module's `__builtins__` reference, the
# one builtins dict learner code rebinds). When the guard compares builtins (the call's report), `type` is
# the real one again. show(run.result), evaluated before same() in main's check, asks type() of the object
# too: the fake tells the calls apart by what follows (the expected "result of ..." string), not by counting.
# Only in the two checks that call same() (PYTEST_CURRENT_TEST names them), so nothing is left elsewhere.
# Fix (suggested): the testkit's verdict helpers (and the suite's functions) must not resolve builtins at run
# time: give them, as detach() does for the suite's globals, a private `__builtins__` dict copied before the
# learner's code loads (for the suite: `private["__builtins__"] = dict(vars(builtins))`; for checker.child.kit_*
# the same detach applied to their functions), or bind `type`/`isinstance`/`len` as default arguments.
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
    real = builtins.type
    after_value = [False]

    def type(*args, **kwargs):
        if len(args) == 1 and not kwargs:
            if args[0] is value:
                after_value[0] = True
                return str
            if after_value[0] and real(args[0]) is str and args[0].startswith("result of "):
                builtins.type = real  # same() is comparing now: the real one is back for its next call
            after_value[0] = False
        return real(*args, **kwargs)

    builtins.type = type


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
