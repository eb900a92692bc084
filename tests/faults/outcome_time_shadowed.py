# kata: 02
# expect: tampered
# tests/faults/loop_time_shadowed.py (stopped for the `virtual` fixture's clock) again, where the suites read
# loop time themselves. `run_all` never waits and never calls `task`: it builds the results and returns at
# once, yet passed the three "run_all takes as long as the longest task, not the sum" checks (10/13; without
# the shadow the same file gets 7/13). How: kata 02's suite times run_all with
# `await_with_deadline` (checker/child/kit_calls.py), whose `elapsed` is `loop.time() - start`, read through
# the loop object. run_all gives its running loop an instance attribute `time` answering the real time plus
# the longest duration, which deletes itself as it is read: the caller reads it right after run_all returns,
# before the loop selects again, so virtual.py's `watched` (which looks for a `time` in the loop's
# `__dict__` at each wait and at the end) never sees it. Combined with tracker_spans_forged.py, kata 02
# passes whole without a single wait.
# Stopped: no checker helper, and no suite, reads `loop.time()` any more: `loop_now(loop)`
# (checker/child/kit_calls.py, in the testkit) asks the loop's class for its clock, and a loop whose
# `__dict__` holds a `time` of its own is `tampered` at that read.

import asyncio


async def task(name: str, duration: float) -> str:
    """Given: wait `duration` seconds without blocking the event loop, then return "result of <name>"."""
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    loop = asyncio.get_running_loop()
    real = loop.time

    def time():  # read once, by the caller that awaited run_all, then gone
        del loop.time
        return real() + max(durations, default=0.0)

    loop.time = time  # no wait follows before the caller reads it: no select sees it
    return [f"result of task {number}" for number in range(1, len(durations) + 1)]
