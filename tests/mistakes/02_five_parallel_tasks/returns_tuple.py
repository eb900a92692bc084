# expect: wrong-result
# Returns a tuple of results instead of a list.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    return tuple(await asyncio.gather(*(task(f"task {n}", d) for n, d in enumerate(durations, start=1))))
