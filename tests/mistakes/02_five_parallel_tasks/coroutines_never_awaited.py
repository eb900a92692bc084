# expect: not-awaited
# Calls task() without await: the coroutines never run, the results are made up.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    for number, duration in enumerate(durations, start=1):
        task(f"task {number}", duration)
    return [f"result of task {n}" for n in range(1, len(durations) + 1)]
