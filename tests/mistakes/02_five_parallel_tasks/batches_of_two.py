# expect: not-concurrent
# Gathers two tasks at a time: batches, 2 + 4 + 5 = 11 s instead of 5.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    results = []
    for first in range(0, len(durations), 2):
        batch = [task(f"task {first + i + 1}", d) for i, d in enumerate(durations[first:first + 2])]
        results.extend(await asyncio.gather(*batch))
    return results
