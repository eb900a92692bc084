# kata: 01
# expect: wrong-timing
# `task` never waits: it prints "start", hands the wait to a background task and returns its result at once;
# yet it passed 7 of the 8 checks, every timing one included ("waits exactly `duration`" [0.5] and [2.0],
# "other coroutines keep running while task waits", and `main`'s 1.0 s). No tampering at all: plain asyncio.
# How: the virtual clock's `elapsed` was the loop's clock at the end of the whole `asyncio.run`, clean-up
# included, not when the coroutine the check ran returned. The background task (`_linger`) is still pending
# when task returns; asyncio.run then cancels it (`_cancel_all_tasks`) and runs the loop until it ends: it
# swallows the CancelledError and keeps sleeping until `duration` has passed, so the loop's clock ends at
# `duration` and every check reading `run.elapsed` sees the right time. It prints "done" then, which even
# satisfies `main`'s printed lines. Only the "halfway" print check fails ("done" is printed after task
# returned).
# Stopped: the virtual clock's `elapsed` is now the loop's clock when the run's coroutine (the loop's first
# task) was done (checker/child/virtual.py), not after asyncio.run's clean-up: `task` took 0 s, and each
# timing check says it finished at once (`wrong-timing`).

import asyncio


async def _linger(name: str, duration: float) -> None:
    loop = asyncio.get_running_loop()
    until = loop.time() + duration
    while loop.time() < until:  # asyncio.run cancels it once the main coroutine is done: it keeps waiting
        try:
            await asyncio.sleep(until - loop.time())
        except asyncio.CancelledError:
            pass
    print(f"[{name}] done")


async def task(name: str, duration: float) -> str:
    print(f"[{name}] start")
    asyncio.get_running_loop().create_task(_linger(name, duration))
    return f"result of {name}"  # returns at once: it never waits


def main() -> str:
    return asyncio.run(task("kata", 1.0))
