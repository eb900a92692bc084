# kata: 02
# expect: tampered
# `run_all` never calls `task`: it waits once, as long as the longest duration, and builds the results
# itself, and writes the calls into the suite's Tracker by hand (without that it gets 10/13: the three "all of
# them in flight at the same time" checks fail with "never called task"). How: the suite puts a stand-in for
# `task` into the learner's module (`Tracker.wrap`, checker/child/kit_track.py); reading `__closure__` and
# calling a checker method raise no audit event, so the learner finds the tracker's records in the stand-in's
# closure and calls `tracker.begin(...)` itself for each duration, finishing each span with
# `loop.call_later(duration, tracker.finish, span)` (it passed 13/13 so before the fix).
# How it is stopped: a Tracker keeps its calls in a Ledger (checker/child/kit_ledger.py): records held in
# the locals of a generator (its frame is out of reach: the hook refuses `gi_frame` and `gc.get_referents`),
# behind tuples that cannot be rebound, written only when `Ledger.write` is called by the stand-in's own code
# (`tracked`: code cannot be swapped) or by begin/finish/wrap called from the suite's file or the checker.
# The stand-in's closure now holds the ledger and a slot number, not the tracker; this file tries the ledger's
# write and the tracker's begin, as found: either latches `tampered`.
import asyncio


def _forge(number: int, duration: float, loop) -> None:
    """Write the call task("task <number>", duration) into the checks' records, whatever holds them."""
    for cell in task.__closure__ or ():
        held = cell.cell_contents
        if hasattr(held, "begin"):  # a Tracker
            span = held.begin(f"task {number}", (f"task {number}", duration), {})
            loop.call_later(duration, held.finish, span)
        elif hasattr(held, "write"):  # its Ledger
            held.write(("add", "in flight", 1))
            loop.call_later(duration, held.write, ("add", "in flight", -1))


async def task(name: str, duration: float) -> str:
    """Given: wait `duration` seconds without blocking the event loop, then return "result of <name>"."""
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    loop = asyncio.get_running_loop()
    for number, duration in enumerate(durations, start=1):  # `task` is never called: its calls are written
        try:
            _forge(number, duration, loop)
        except Exception:  # noqa: BLE001 - a refused write: carry on as if nothing happened
            pass
    await asyncio.sleep(max(durations, default=0.0))  # one wait, as long as the longest
    return [f"result of task {number}" for number in range(1, len(durations) + 1)]
