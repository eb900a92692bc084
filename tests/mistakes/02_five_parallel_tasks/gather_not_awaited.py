# expect: not-awaited
# asyncio.gather without await returns a future at once; the tasks keep running in the background.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    return asyncio.gather(*(task(f"task {n}", d) for n, d in enumerate(durations, start=1)))
