# kata: 01
# expect: crash
# `task` is a plain `def` (it returns a coroutine made elsewhere), which honestly fails the first check
# ("task is a coroutine function (async def)", not-a-coroutine) and so skips every check that needs it;
# yet that check passes, and the kata with it. How: the module defines no `task` at top level but a PEP 562
# module `__getattr__`, so the suite's `getattr(learner, "task")` (kit_verdicts.require_coroutine_function,
# and every `learner.task` of the checks) RUNS LEARNER CODE, in the middle of the checker's helper, before it
# judges. On the first check, that code rebinds `inspect.iscoroutinefunction` (an attribute of Python's
# inspect module: no audit event) to a fake that answers True and puts the real one back at once; the
# helper, which looks `inspect.iscoroutinefunction` up at run time in the real inspect module (the checker's
# modules are not detached), calls the fake. When the guard compares (the call's report) inspect is as it
# was. The same hook gives learner code a turn inside any check that reads `learner.X`, right before the
# checker uses what it returns (the `virtual` fixture, `same`, ...), with nothing of the learner's on the
# stack while the checker then runs.
# Fix (suggested): after loading, refuse a learner module that defines `__getattr__` or `__getattribute__`,
# or whose type is not exactly types.ModuleType (`__class__` can be reassigned); better, have the `learner`
# fixture and the kit's require_* read the module's namespace directly (`vars(module).get(name)`, exact dict
# type), which runs no learner code; and bind `inspect.iscoroutinefunction` in kit_verdicts at import
# (e.g. `_iscoroutinefunction = inspect.iscoroutinefunction`, or detach the kit's functions as the suite's).
import asyncio
import inspect
import os


async def _task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def _plain_task(name, duration):  # a plain function: calling it runs nothing of the kata's
    return _task(name, duration)


def main():
    return asyncio.run(_plain_task("kata", 1.0))


def __getattr__(name):
    if name != "task":
        raise AttributeError(name)
    if "is_a_coroutine_function" in os.environ.get("PYTEST_CURRENT_TEST", ""):
        real = inspect.iscoroutinefunction

        def iscoroutinefunction(obj):
            inspect.iscoroutinefunction = real
            return True

        inspect.iscoroutinefunction = iscoroutinefunction
    return _plain_task
