# kata: 01
# expect: not-a-coroutine
# `task` is a plain function (`def task(*args)`) that returns a coroutine, the mistake of
# tests/mistakes/01/not_async.py with a way round its check. How: at import, the learner's code rebinds
# `checker.child.kit_verdicts._CO_COROUTINE` (found through sys.modules; an int, which the guard does not
# watch: it compares functions and classes) to `inspect.CO_VARARGS`, the flag its `task` has and its `main`
# has not: kit_verdicts.async_def(), which reads the flag from its module's globals at each call, says `task`
# is `async def` and `main` is not. Every check runs (asyncio.run takes the coroutine `task` returns).
# Stopped: the checker's helpers run with globals copied before the learner's code loads
# (checker/child/detach.py, detach_checker): async_def reads the real flag, and `task` is not-a-coroutine.
# The rebound int stays in the module, unseen by the guard; it changes nothing the checker reads.
import asyncio
import inspect
import sys

sys.modules["checker.child.kit_verdicts"]._CO_COROUTINE = inspect.CO_VARARGS


async def _task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def task(*args):
    return _task(*args)


def main():
    return asyncio.run(task("kata", 1.0))
