# kata: 02
# expect: wrong-result
# An honest-looking forgery of the calls kata 02 judges, with no closure read and no checker object touched:
# `run_all` calls `task` for each duration but drives each coroutine by hand, `coro.send(None)` (the stand-in
# notes the call as started and the coroutine stops at its `await asyncio.sleep(duration)`), then closes it
# with `loop.call_later(duration, coro.close)`: every call "in flight" at once, each ending when it would have
# ended; one wait as long as the longest, and results built by hand. It passed 13/13 (the stand-in counted a
# call as in flight from its start to its end, however it ended).
# How it is stopped: the check that judges the calls wants each of them to have returned its result (a span's
# `outcome`); a closed coroutine ended "raised": wrong-result, with the calls that never returned.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations: list[float]) -> list[str]:
    loop = asyncio.get_running_loop()
    for number, duration in enumerate(durations, start=1):
        coro = task(f"task {number}", duration)
        try:
            coro.send(None)  # runs the stand-in to its first wait: its call is noted as started
        except StopIteration:
            continue
        loop.call_later(duration, coro.close)  # and "ends" it when it would have
    await asyncio.sleep(max(durations, default=0.0))
    return [f"result of task {number}" for number in range(1, len(durations) + 1)]
