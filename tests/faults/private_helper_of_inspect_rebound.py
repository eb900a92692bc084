# kata: 01
# expect: not-a-coroutine
# `task` is a plain `def` (it hands back a coroutine made elsewhere), which honestly fails the first check
# ("task is a coroutine function (async def)": not-a-coroutine, every later check of task skipped); it passes,
# and the kata with it, with one permanent rebinding at import, nothing restored. How: guard.Snapshot watches
# only the PUBLIC names of the modules it lists as "public" (guard.py: `if modname in public and
# attr.startswith("_"): continue`), but their public functions call private ones through module globals at
# run time. `inspect.iscoroutinefunction(f)` is `_has_code_flag(f, CO_COROUTINE)` (3.11; 3.12+ also
# `_has_coroutine_mark`), and `inspect._has_code_flag` is rebound here to say yes for this one function
# (kit_verdicts.require_coroutine_function calls the real, unchanged `iscoroutinefunction`). On Python 3.12+
# no rebinding is even needed: `inspect.markcoroutinefunction(task)` is public API and makes a plain function
# pass the same check (the file uses it where it exists).
# Fix (suggested): watch private names too (a snapshot of every function in those modules; the ones that
# really change as Python runs are few and can be listed in IGNORED), or judge "is a coroutine function" by
# behaviour and by the exact code flag, bound at import: `type(f) is types.FunctionType and
# f.__code__.co_flags & CO_COROUTINE` read by the checker (reading `__code__` is an audit event the hook would
# have to allow for the checker's own frames), or better call it and require `type(result) is
# types.CoroutineType` (then close the coroutine), which a plain function returning a coroutine also meets:
# decide whether the kata wants `async def` (shape) or a coroutine (behaviour).
import asyncio
import inspect


async def _task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(duration)
    print(f"[{name}] done")
    return f"result of {name}"


def task(name, duration):  # a plain function
    return _task(name, duration)


def main():
    return asyncio.run(task("kata", 1.0))


if hasattr(inspect, "markcoroutinefunction"):  # Python 3.12+
    inspect.markcoroutinefunction(task)
else:
    _real_flag = inspect._has_code_flag
    inspect._has_code_flag = lambda f, flag: (f is task and flag == inspect.CO_COROUTINE) or _real_flag(f, flag)
