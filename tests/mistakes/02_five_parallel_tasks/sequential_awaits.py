# expect: not-concurrent
# Awaits each task in the loop: each one waits for the previous, 15 s instead of 5.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    results = []
    for number, duration in enumerate(durations, start=1):
        results.append(await task(f"task {number}", duration))
    return results
