# expect: not-concurrent
# A semaphore lets only three tasks run at once.
import asyncio


async def task(name: str, duration: float) -> str:
    await asyncio.sleep(duration)
    return f"result of {name}"


async def run_all(durations):
    limit = asyncio.Semaphore(3)

    async def limited(number, duration):
        async with limit:
            return await task(f"task {number}", duration)

    return await asyncio.gather(*(limited(n, d) for n, d in enumerate(durations, start=1)))
