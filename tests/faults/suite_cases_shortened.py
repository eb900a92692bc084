# kata: 02
# expect: not-concurrent
# The mistake sequential_awaits (each `await task(...)` waits for the previous one), made to pass by
# shortening the suite's own cases at import: the suite's module is in sys.modules, and each case of CASES was
# a list of durations; with one duration left in each, one task at a time is "all of them at once" and the
# longest is the sum. The detached checks read the suite's globals through a private copy, but a copy of the
# dict, not of the lists in it; no audit event, and the guard compares names, not contents.
# How it is stopped: CASES is a mapping proxy of tuples (kata 09's ITEMS a tuple): not-concurrent.
import asyncio
import sys

for _name, _module in list(sys.modules.items()):
    _cases = getattr(_module, "CASES", None) if _name.endswith("test_five_parallel_tasks") else None
    for _key in list(getattr(_cases, "keys", lambda: ())()):
        try:
            if len(_cases[_key]) > 1:
                del _cases[_key][1:]
        except TypeError:  # a tuple: nothing to shorten
            pass


async def task(name: str, duration: float) -> str:
    """Given: wait `duration` seconds without blocking the event loop, then return "result of <name>"."""
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    results = []
    for number, duration in enumerate(durations, start=1):
        results.append(await task(f"task {number}", duration))  # one after another
    return results
