# kata: 01
# expect: wrong-timing
# Waits 0.3 s of event-loop time whatever the duration it is given, and main never runs task nor asyncio.run;
# yet every check of kata 01 passes. No swap, no patch, nothing for the guard to see. How: the `virtual`
# fixture reports as a run's elapsed time the clock of the LAST event loop created during the run
# (checker/child/virtual.py, Virtual.__call__: `elapsed = made.loops[-1].time()`), and any
# `asyncio.new_event_loop()` inside the run makes one (the fixture replaces asyncio.events.new_event_loop for
# the run's time, and counts and clocks every loop it makes). So `task`, before returning, makes a decoy
# loop and runs `asyncio.sleep(duration)` on it in a short-lived thread (a loop cannot run inside a running
# one on the same thread): looptime's virtual clock jumps to `duration` at once, in no real time, and the
# decoy is the run's "last loop": `run.elapsed == duration` (waits_exactly), 1.0 for the two gathered tasks
# (other_coroutines, whose heartbeat ticks at 0.2..0.8 on the real loop), and `run.loops >= 1` with elapsed
# 1.0 for a main that only prints, makes a decoy and returns the string. The thread is joined: no leak.
# Fix (suggested): time the run by the loop the run was meant to measure: the first loop made (the one
# asyncio.run creates for `virtual.run`), or for `virtual(fn)` require exactly one loop (or report each
# loop's time and fail a run that made loops the check did not ask for, e.g. `wrong-timing` when
# `len(made.loops) != 1`); and never make a loop that learner code creates from inside a running loop
# count for the check. Also run.loops counts any loop made, so `loops >= 1` in the suite's main check is
# met by `asyncio.new_event_loop()` alone: count loops that RAN the learner's coroutine (e.g. via the task
# factory's first task) instead.
import asyncio
import threading


def _decoy(duration):
    """A loop made inside the run, whose virtual clock reads `duration`: the run's "last loop"."""
    loop = asyncio.new_event_loop()
    waiter = threading.Thread(target=loop.run_until_complete, args=(asyncio.sleep(duration),))
    waiter.start()
    waiter.join()
    loop.close()


async def task(name, duration):
    print(f"[{name}] start")
    await asyncio.sleep(0.3)  # not the duration asked
    print(f"[{name}] done")
    _decoy(duration)
    return f"result of {name}"


def main():
    print("[kata] start")
    print("[kata] done")
    _decoy(1.0)
    return "result of kata"
