# expect: wrong-timing
# Gathers correctly, then waits once more "to be safe".
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    results = await asyncio.gather(*(task(f"task {n}", d) for n, d in enumerate(durations, start=1)))
    await asyncio.sleep(1)
    return results
