# expect: blocking-call
# Rewrites the given task with time.sleep: it freezes the event loop, nothing overlaps.
import asyncio
import time


async def task(name: str, duration: float) -> str:
    time.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    return await asyncio.gather(*(task(f"task {n}", d) for n, d in enumerate(durations, start=1)))
