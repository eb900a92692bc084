# kata: 01
# expect: tampered
# `task` and `main` return an object equal to anything in place of "result of <name>" (a sibling of
# builtins_type_fools_same.py): through a detached function's `__globals__["__builtins__"]` (no audit event),
# the learner puts a fake `type` into the private builtins shared by the checker's helpers, which answers `str`
# for its object and takes itself out as same() asks its second question. Stopped: the private builtins are part
# of the reference the audit hook holds (checker/child/audit.py `compare`), and `same()` has the hook compare
# before it compares anything (`_compare`, bound as a default argument: a write to `__defaults__` is refused),
# while the fake `type` is still in place.
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
