# kata: 01
# expect: tampered
# `task` and `main` return an object equal to anything in place of "result of <name>", and try to pass the two
# checks that compare the result with kit_verdicts.same() (as tests/faults/always_equal.py once did). How:
# just before returning, the learner's code rebinds `builtins.type` (a builtins attribute: no audit event) to a
# function that answers `str` for that object and delegates everything else to the real `type`, and that puts
# the real one back as soon as it is asked the type of the expected string right after the object's:
#     same(actual, expected):  type(actual) is not type(expected)   -> str is str
#                              isinstance(expected, _EXACT)        -> actual == expected -> always True
# so that, when the guard compares builtins (as the call ends), `type` is the real one again.
# Stopped: the checker's helpers (checker.child.kit_verdicts among them) and the suite's functions run with
# a private copy of the builtins, made before the learner's code loads (checker/child/detach.py,
# detach_checker and detach): same() and show() ask the real `type`, the object is not a str, the fake is
# never asked about the expected string and stays in `builtins`, where the guard finds it as the call ends
# (`tampered`; the real `type` is put back, so that pytest can go on and the verdict be written).
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
