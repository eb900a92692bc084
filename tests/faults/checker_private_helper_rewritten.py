# kata: 02
# expect: tampered
# The checker's helpers run with private copies of their globals (checker/child/detach.py), which a detached
# function's `__globals__` hands to anyone (a plain attribute read: no audit event). Here `run_all` rewrites,
# in the private globals of the suites' verdict helpers, the exact comparison `_same` (which `same()` calls
# once the hook has compared) by one that says every value is the same, and leaves it there. Stopped: `same()`
# calls the exact comparison bound as its default (kit_verdicts.py: a function's defaults cannot be rewritten),
# never the name in its globals; and the private globals are part of the reference the audit hook holds and
# compares (checker/child/audit.py `compare`) as the call ends: the rewrite is `tampered`.
import asyncio
import sys


async def task(name: str, duration: float) -> str:
    """Given: wait `duration` seconds without blocking the event loop, then return "result of <name>"."""
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    helpers = sys.modules["checker.child.testkit"].same.__globals__
    helpers["_same"] = lambda actual, expected: True
    return []
